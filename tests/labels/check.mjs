// tests/labels/check.mjs — renders the labels labelgen wrote (tests/tools/labelgen.c) with
// an independent ZPL renderer, zpl-renderer-js (Zebrash built to WebAssembly), and checks
// what can be seen on the picture:
//   - nothing is drawn outside ^PW x ^LL: the label rendered once more, without its ^PW
//     (Zebrash cuts what lies beyond ^PW, and centres a narrower label), on a picture
//     10 mm larger both ways. Text in the printer's font inside an ^FB block is left out
//     of that picture: a printer keeps it in the block (it wraps, hyphenates a long word
//     and overwrites the last line), where Zebrash draws every wrapped line and lets a
//     long word run on. Everything else stays: bar codes, boxes, the bitmaps the station
//     drew, and any text outside a block, which a printer would let run off the label;
//   - each field the station drew as a bitmap shows the glyphs of its text: the rendered
//     field matches FreeType's own rendering of the text (labelgen's PBM, stretched to the
//     field's ink width when the station condensed it) at least MATCH_MIN (intersection
//     over union of black dots, best of small shifts), and the same label with the text
//     left as ^A0 text — what a printer without Hangul prints: boxes — matches less.
//     Fields sent in a font stored on the printer (^A@, after its ~DU upload) are drawn
//     by the renderer itself: compared the same way, with a wider search and a lower bar;
// Writes OUT/<case>.p<page>.png for the bar code readers (tests/labels/run.sh), one line per
// check: "ok<TAB>what" or "FAIL<TAB>what". Exit 0 when it could run every check.
//   node tests/labels/check.mjs OUT_DIR
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const MATCH_MIN = 0.6;   // a Hangul field against FreeType's own drawing of its text
const MATCH_MIN_TTF = 0.45; // text in a font stored on the printer: the renderer draws it
                            // itself (Go's rasteriser, anti-aliased), placed its own way
const MARGIN_MM = 10;    // picture beyond the label, where nothing may be drawn

const out = process.argv[2];
if (!out) {
    console.error("usage: node tests/labels/check.mjs OUT_DIR");
    process.exit(2);
}
let api;
try {
    ({ api } = await (await import("zpl-renderer-js")).ready);
} catch (e) {
    console.log(`FAIL\tzpl-renderer-js cannot be loaded (npm install --prefix tests/labels): ${e.message}`);
    process.exit(1);
}

// An 8-bit grey PNG (what Zebrash writes) as { w, h, px } with px[y * w + x] 0..255.
function readPng(file) {
    const buf = fs.readFileSync(file);
    let pos = 8, w = 0, h = 0, depth = 0, type = -1;
    const idat = [];
    while (pos < buf.length) {
        const len = buf.readUInt32BE(pos), kind = buf.toString("latin1", pos + 4, pos + 8);
        const data = buf.subarray(pos + 8, pos + 8 + len);
        if (kind === "IHDR") {
            w = data.readUInt32BE(0), h = data.readUInt32BE(4), depth = data[8], type = data[9];
            if (data[12]) throw new Error(`${file}: interlaced PNG`);
        } else if (kind === "IDAT") {
            idat.push(data);
        }
        pos += 12 + len;
    }
    const chans = { 0: 1, 2: 3, 4: 2, 6: 4 }[type];
    if (depth !== 8 || !chans) throw new Error(`${file}: PNG type ${type} depth ${depth}`);
    const raw = zlib.inflateSync(Buffer.concat(idat)), stride = w * chans;
    const rows = Buffer.alloc(stride * h), px = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
        const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
        for (let i = 0; i < stride; i++) {
            const a = i >= chans ? rows[y * stride + i - chans] : 0;
            const b = y ? rows[(y - 1) * stride + i] : 0;
            const c = y && i >= chans ? rows[(y - 1) * stride + i - chans] : 0;
            let v = src[i];
            if (f === 1) v += a;
            else if (f === 2) v += b;
            else if (f === 3) v += (a + b) >> 1;
            else if (f === 4) {
                const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
                v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
            }
            rows[y * stride + i] = v & 255;
        }
        for (let x = 0; x < w; x++) px[y * w + x] = rows[y * stride + x * chans];
    }
    return { w, h, px };
}

function readPbm(file) {
    const t = fs.readFileSync(file, "latin1").split(/\s+/).filter(Boolean);
    const w = +t[1], h = +t[2], bits = t.slice(3).join("");
    return { w, h, bit: (x, y) => (x >= 0 && y >= 0 && x < w && y < h ? bits[y * w + x] === "1" : false) };
}

const black = (img, x, y) => x >= 0 && y >= 0 && x < img.w && y < img.h && img.px[y * img.w + x] < 128;

// Black dots of img beyond the label's w x h, and where the first one is.
function outside(img, w, h) {
    let n = 0, at = "";
    for (let y = 0; y < img.h; y++)
        for (let x = 0; x < img.w; x++)
            if ((x >= w || y >= h) && black(img, x, y) && !n++) at = `${x},${y}`;
    return { n, at };
}

// How well the field at (fx, fy), fw x fh of img matches the reference (IoU of black),
// the reference moved up to r dots either way.
function match(img, f, ref, r) {
    const rw = ref.w; // labelgen condensed the reference as the station condensed the field
    let best = 0;
    for (let dy = -r; dy <= r; dy++)
        for (let dx = -r; dx <= r; dx++) {
            let both = 0, either = 0;
            for (let y = -r; y < f.h + r; y++)
                for (let x = -r; x < Math.max(f.w, rw) + r; x++) {
                    const a = y >= 0 && y < f.h && x >= 0 && x < f.w && black(img, f.x + x, f.y + y);
                    const b = ref.bit(Math.floor(((x - dx) * ref.w) / rw), y - dy) && x - dx < rw;
                    both += a && b;
                    either += a || b;
                }
            best = Math.max(best, either ? both / either : 0);
        }
    return best;
}

// Fields of text in the printer's font inside an ^FB block, taken out of the ZPL.
function withoutBlockText(zpl) {
    return zpl.replace(/\^F[OT][^^]*((?!\^F[OT]|\^FS)\^[^^]*)*?\^FS/g, (field) =>
        /\^FB/.test(field) && /\^A[0-9A-Z]/.test(field) && /\^FD/.test(field) &&
        !/\^GF|\^B[0-9A-Z]/.test(field) ? "" : field);
}

// Every label (page) of the file at its own size (margin 0), or on larger pictures without
// ^PW and without the text of ^FB blocks; files base.p0.png, base.p1.png ...
async function render(zpl, dpmm, pw, ll, base, margin = 0) {
    let text = fs.readFileSync(zpl, "utf8");
    if (margin)
        text = withoutBlockText(text.replace(/\^PW[0-9]*/g, ""));
    const pngs = await api.zplToBase64MultipleAsync(text, pw / dpmm + margin, ll / dpmm + margin, dpmm);
    return pngs.map((png, i) => {
        fs.writeFileSync(`${base}.p${i}.png`, Buffer.from(png, "base64"));
        return readPng(`${base}.p${i}.png`);
    });
}

const say = (ok, what) => console.log(`${ok ? "ok" : "FAIL"}\t${what}`);
const lines = fs.readFileSync(path.join(out, "manifest.tsv"), "utf8").split("\n").filter(Boolean);
for (const line of lines) {
    const [name, dpmm, pw, ll, , fields] = line.split("\t");
    const pages = (fs.readFileSync(path.join(out, `${name}.zpl`), "latin1").match(/\^XA/g) || []).length;
    let img, wide, txt;
    try {
        img = await render(path.join(out, `${name}.zpl`), +dpmm, +pw, +ll, path.join(out, name));
        wide = await render(path.join(out, `${name}.zpl`), +dpmm, +pw, +ll,
                            path.join(out, `${name}.wide`), MARGIN_MM);
    } catch (e) {
        say(false, `${name}: the renderer refused the label: ${e.message || e}`);
        continue;
    }
    say(img.length === pages && wide.length === pages,
        `${name}: the renderer drew ${img.length} of ${pages} labels`);
    for (const [i, page] of wide.entries()) {
        const o = outside(page, +pw, +ll);
        say(o.n === 0, `${name}: label ${i + 1}: nothing drawn outside ^PW${pw} x ^LL${ll}` +
            (o.n ? ` (${o.n} dots, first at ${o.at})` : ""));
    }
    if (fields === "-") continue;
    txt = await render(path.join(out, `${name}.text.zpl`), +dpmm, +pw, +ll, path.join(out, `${name}.text`));
    for (const [i, f] of fields.split(";").entries()) {
        const [p, x, y, w, h, pbm, r] = f.split(",");
        const box = { x: +x, y: +y, w: +w, h: +h }, ref = readPbm(path.join(out, pbm));
        if (!img[+p] || !txt[+p]) {
            say(false, `${name}: field ${i}: no label ${+p + 1} rendered`);
            continue;
        }
        const good = match(img[+p], box, ref, +r), boxes = match(txt[+p], box, ref, +r);
        say(good >= (+r > 2 ? MATCH_MIN_TTF : MATCH_MIN) && good > boxes + 0.2,
            `${name}: field ${i} at ${x},${y} shows FreeType's glyphs of its text ` +
            `(match ${good.toFixed(2)}; as ^A0 text ${boxes.toFixed(2)})`);
    }
}
