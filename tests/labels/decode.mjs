// tests/labels/decode.mjs — the bar codes of the pictures check.mjs wrote, read as a
// scanner reads them: Code 128 and QR with zbarimg (zbar-tools), Data Matrix with
// dmtxread (dmtx-utils; zbar reads no Data Matrix). Each label's symbols must decode to
// exactly the texts labelgen's manifest gives (what the template encodes: the unit's ID),
// no more, no fewer. One line per label: "ok<TAB>what" or "FAIL<TAB>what".
//   node tests/labels/decode.mjs OUT_DIR
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const out = process.argv[2];
const say = (ok, what) => console.log(`${ok ? "ok" : "FAIL"}\t${what}`);
const unescape = (s) => s.replace(/%([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
const show = (list) => list.map((s) => JSON.stringify(s)).join(" ");

function run(cmd, args) {
    try {
        return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    } catch (e) {
        return e.stdout || ""; // zbarimg exits 4 when it finds nothing
    }
}

const lines = fs.readFileSync(path.join(out, "manifest.tsv"), "utf8").split("\n").filter(Boolean);
for (const line of lines) {
    const [name, , , , codes] = line.split("\t");
    if (codes === "-") continue;
    const want = codes.split("%09").map(unescape).sort();
    const dm = want.filter((c) => c.startsWith("datamatrix=")).length;
    const pages = fs.readdirSync(out).filter((f) => f.startsWith(`${name}.p`) && f.endsWith(".png")).sort();
    const got = [];
    for (const png of pages) {
        const file = path.join(out, png);
        for (const l of run("zbarimg", ["-q", "--nodbus", "-Sdisable", "-Scode128.enable",
                                        "-Sqrcode.enable", file]).split("\n").filter(Boolean))
            got.push(l.replace(/^CODE-128:/, "code128=").replace(/^QR-Code:/, "qr="));
        if (dm)
            for (const l of run("dmtxread", ["-n", "-N", String(dm), "-m", "5000", file]).split("\n").filter(Boolean))
                got.push(`datamatrix=${l}`);
    }
    got.sort();
    const same = got.length === want.length && got.every((g, i) => g === want[i]);
    say(same, `${name}: ${want.length} bar code(s) read back as encoded` +
        (same ? ` (${show(want.slice(0, 2))}${want.length > 2 ? " ..." : ""})`
              : `: want ${show(want)}, read ${show(got)}`));
}

// the unit's ID on the WIP and serial labels, what process 1 and 7 scan back
for (const [kind, id] of [["wip", "code128=KR01PSA2511001-W0001"], ["wip-dm", "datamatrix=KR01PSA2511001-W0001"],
                          ["serial", "code128=KR01PSA25110010001"]])
    for (const dpi of [203, 300]) {
        const line = lines.find((l) => l.startsWith(`${kind}-${dpi}-plain\t`)) || "";
        say(line.split("\t")[4] === id, `${kind} at ${dpi} dpi: its bar code is the unit's ID (${id})`);
    }
