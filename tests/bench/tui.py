#!/usr/bin/python3
"""tests/bench/tui.py — the station terminal on a pseudo-terminal, timed.

usage: tui.py WIPSTATION BENCHDRV STATION_CONNINFO ADMIN_CONNINFO LOGDIR [CYCLES]

Runs `WIPSTATION -c LOGDIR/bench-p2.ini` (a process-2 station) on an 80x24 pty with
TERM=xterm-256color and LANG=C.UTF-8, and reads what it writes into a small VT100/xterm
screen model, so "the screen shows X" means what an operator would see, whatever cursor
optimisation ncurses chose. Measures:
  startup_ms      exec to the login screen ("Scan your badge")
  login_ms        badge Enter to "Logged in"
  scan_ms         a WIP ID's Enter to the started unit on screen (p50, max)
  complete_ms     CMD:OK's Enter to the PASS banner (p50, max)
  bytes_cycle     bytes written to the terminal for one unit: scan, form, PASS
  vmhwm_kb        peak resident set of the station process (VmHWM); also RssAnon,
                  RssFile and Pss at the end
  vmhwm_login_kb  its peak resident set at the login screen
  vmhwm_print_kb  peak resident set of a process-1 station after CMD:NEW printed the new
                  WIP's label (libcups is loaded only then), on a private cupsd
                  (tests/print/cupsd-env.sh) and the fake Zebra (fakezebra, beside
                  BENCHDRV); left out, with a note on stderr, when that cannot run
The units (WIPs that passed process 1) come from `benchdrv prep`. Prints "tui.KEY VALUE"
lines. Every wait is bounded; the station is stopped by its pid.
"""
import os
import re
import select
import signal
import struct
import subprocess
import sys
import time
import fcntl
import termios
import pty
import unicodedata

ROWS, COLS = 24, 80


class Screen:
    """Just enough of an xterm to follow ncurses: text, cursor addressing, erasing,
    insert/delete of characters and lines, scroll regions, repeat."""

    def __init__(self):
        self.g = [[" "] * COLS for _ in range(ROWS)]
        self.y = self.x = 0
        self.top, self.bot = 0, ROWS - 1
        self.saved = (0, 0)
        self.buf = b""

    def text(self):
        return "\n".join("".join(r) for r in self.g)

    def _scroll_up(self, n=1):
        for _ in range(n):
            del self.g[self.top]
            self.g.insert(self.bot, [" "] * COLS)

    def _scroll_down(self, n=1):
        for _ in range(n):
            del self.g[self.bot]
            self.g.insert(self.top, [" "] * COLS)

    def _put(self, ch):
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if self.x + w > COLS:
            self.x = 0
            self._lf()
        self.g[self.y][self.x] = ch
        if w == 2 and self.x + 1 < COLS:
            self.g[self.y][self.x + 1] = ""
        self.x = min(self.x + w, COLS)  # xterm: pending wrap at the margin
        self.last = ch

    def _lf(self):
        if self.y == self.bot:
            self._scroll_up()
        elif self.y < ROWS - 1:
            self.y += 1

    def _csi(self, params, final, private):
        ps = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []

        def p(i, d=1):
            return ps[i] if len(ps) > i and ps[i] else d
        if private:
            return  # modes (?1049h, ?25l, ...)
        if final in "Hf":
            self.y, self.x = min(p(0) - 1, ROWS - 1), min(p(1) - 1, COLS - 1)
        elif final == "A":
            self.y = max(self.y - p(0), 0)
        elif final == "B":
            self.y = min(self.y + p(0), ROWS - 1)
        elif final == "C":
            self.x = min(self.x + p(0), COLS - 1)
        elif final == "D":
            self.x = max(min(self.x, COLS - 1) - p(0), 0)
        elif final == "G":
            self.x = min(p(0) - 1, COLS - 1)
        elif final == "d":
            self.y = min(p(0) - 1, ROWS - 1)
        elif final == "K":
            m, x = (ps[0] if ps else 0), min(self.x, COLS)
            r = self.g[self.y]
            if m == 0:
                r[x:] = [" "] * (COLS - x)
            elif m == 1:
                r[: x + 1] = [" "] * (x + 1)
            else:
                self.g[self.y] = [" "] * COLS
        elif final == "J":
            m = ps[0] if ps else 0
            if m == 0:
                self._csi("0", "K", "")
                for yy in range(self.y + 1, ROWS):
                    self.g[yy] = [" "] * COLS
            elif m == 1:
                for yy in range(0, self.y):
                    self.g[yy] = [" "] * COLS
                self._csi("1", "K", "")
            else:
                self.g = [[" "] * COLS for _ in range(ROWS)]
        elif final == "X":
            n = p(0)
            r = self.g[self.y]
            for i in range(self.x, min(self.x + n, COLS)):
                r[i] = " "
        elif final == "@":
            r = self.g[self.y]
            for _ in range(p(0)):
                r.insert(self.x, " ")
                r.pop()
        elif final == "P":
            r = self.g[self.y]
            for _ in range(p(0)):
                if self.x < len(r):
                    r.pop(self.x)
                    r.append(" ")
        elif final == "L":
            if self.top <= self.y <= self.bot:
                for _ in range(p(0)):
                    del self.g[self.bot]
                    self.g.insert(self.y, [" "] * COLS)
        elif final == "M":
            if self.top <= self.y <= self.bot:
                for _ in range(p(0)):
                    del self.g[self.y]
                    self.g.insert(self.bot, [" "] * COLS)
        elif final == "S":
            self._scroll_up(p(0))
        elif final == "T":
            self._scroll_down(p(0))
        elif final == "r":
            self.top, self.bot = p(0) - 1, min(p(1, ROWS), ROWS) - 1
            self.y = self.x = 0
        elif final == "b":
            for _ in range(p(0)):
                self._put(getattr(self, "last", " "))
        # m (colours), h/l (modes), n, c, t ...: no effect on the text

    def feed(self, data):
        self.buf += data
        try:
            s = self.buf.decode("utf-8")
            self.buf = b""
        except UnicodeDecodeError as e:  # a cut multibyte character: keep its start
            s = self.buf[: e.start].decode("utf-8", "replace")
            self.buf = self.buf[e.start:]
        i, n = 0, len(s)
        while i < n:
            c = s[i]
            if c == "\x1b":
                if i + 1 >= n:
                    self.buf = s[i:].encode() + self.buf
                    return
                c2 = s[i + 1]
                if c2 == "[":
                    m = re.compile(r"\[([?>=]?)([0-9;]*)([ -/]*)([@-~])").match(s, i + 1)
                    if not m:
                        self.buf = s[i:].encode() + self.buf
                        return
                    self._csi(m.group(2), m.group(4), m.group(1))
                    i = m.end()
                    continue
                if c2 in "()*+":
                    i += 3
                    continue
                if c2 == "]":  # OSC ... BEL or ST
                    end = s.find("\x07", i)
                    st = s.find("\x1b\\", i)
                    ends = [e for e in (end, st) if e >= 0]
                    if not ends:
                        self.buf = s[i:].encode() + self.buf
                        return
                    e = min(ends)
                    i = e + (1 if e == end else 2)
                    continue
                if c2 == "7":
                    self.saved = (self.y, self.x)
                elif c2 == "8":
                    self.y, self.x = self.saved
                elif c2 == "M":
                    if self.y == self.top:
                        self._scroll_down()
                    elif self.y > 0:
                        self.y -= 1
                elif c2 == "D":
                    self._lf()
                elif c2 == "E":
                    self.x = 0
                    self._lf()
                i += 2
                continue
            if c == "\r":
                self.x = 0
            elif c == "\n":
                self._lf()
            elif c == "\b":
                self.x = max(min(self.x, COLS - 1) - 1, 0)
            elif c == "\t":
                self.x = min((self.x // 8 + 1) * 8, COLS - 1)
            elif c in "\x07\x0e\x0f\x00":
                pass
            elif ord(c) >= 32:
                if self.x >= COLS:  # pending wrap
                    self.x = 0
                    self._lf()
                self._put(c)
            i += 1


class Term:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            try:
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.scr = Screen()
        self.nbytes = 0

    def pump(self, timeout):
        """Reads what is there (waiting at most timeout s); returns the arrival time of
        the last chunk read, or None."""
        t = None
        r, _, _ = select.select([self.fd], [], [], timeout)
        while r:
            try:
                d = os.read(self.fd, 65536)
            except OSError:
                return t
            if not d:
                return t
            t = time.monotonic()
            self.nbytes += len(d)
            self.scr.feed(d)
            r, _, _ = select.select([self.fd], [], [], 0)
        return t

    def wait_for(self, pred, timeout=10.0):
        """Time at which the screen first satisfied pred (bounded), or None."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            t = self.pump(min(0.05, max(end - time.monotonic(), 0)))
            if t is not None and pred(self.scr.text()):
                return t
        return None

    def settle(self, quiet=0.08, limit=2.0):
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if self.pump(quiet) is None:
                return

    def send(self, s):
        os.write(self.fd, s.encode())
        return time.monotonic()

    def type_scan(self, s):
        """A keyboard-wedge burst: the characters, then Enter; returns Enter's time."""
        os.write(self.fd, s.encode())
        return self.send("\r")


def vmhwm_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def stop(term):
    try:
        os.kill(term.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    end = time.monotonic() + 5
    while time.monotonic() < end:
        term.pump(0.05)
        if os.waitpid(term.pid, os.WNOHANG)[0]:
            break
    else:
        os.kill(term.pid, signal.SIGKILL)
        os.waitpid(term.pid, 0)
    os.close(term.fd)


def printing_station(prog, benchdrv, conninfo, logdir, lot, env):
    """A process-1 station that creates a WIP (CMD:NEW) in lot and prints its label
    through a private cupsd to the fake Zebra: its VmHWM once the label printed."""
    repo = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    fakezebra = os.path.join(os.path.dirname(os.path.abspath(benchdrv)), "fakezebra")
    cupsenv = os.path.join(repo, "tests", "print", "cupsd-env.sh")
    if not os.access(fakezebra, os.X_OK):
        return "no %s (make tools)" % fakezebra
    r = subprocess.run(["sh", cupsenv, "start"], capture_output=True, text=True)
    if r.returncode:
        return "no private cupsd: " + r.stderr.strip()
    cups = dict(re.findall(r"(CUPSD_TEST_DIR|CUPS_SERVER)='?([^';\s]+)", r.stdout))
    portfile = os.path.join(logdir, "print-fz.port")
    if os.path.exists(portfile):
        os.unlink(portfile)
    fz = subprocess.Popen([fakezebra, portfile, os.path.join(logdir, "print-fz.out"), "5", "60"],
                          stderr=subprocess.DEVNULL)
    term = None
    try:
        end = time.monotonic() + 5
        while time.monotonic() < end and not (os.path.exists(portfile) and
                                              os.path.getsize(portfile)):
            time.sleep(0.05)
        with open(portfile) as f:
            port = f.read().strip()
        lp_env = dict(os.environ, CUPS_SERVER=cups["CUPS_SERVER"],
                      PATH=os.environ.get("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin")
        subprocess.run(["lpadmin", "-p", "zebra", "-E", "-v",
                        "socket://127.0.0.1:%s/?contimeout=2" % port,
                        "-o", "printer-error-policy=abort-job"], env=lp_env, check=True,
                       capture_output=True)
        ini = os.path.join(logdir, "bench-p1.ini")
        with open(ini, "w") as f:
            f.write("[database]\nconninfo = %s\n[station]\nid = P1-BENCH\nprocess = 1\n"
                    "language = en\n[printer]\nqueue = zebra\nserver = %s\n"
                    "templates = %s\n[scanner]\nrepeat_window_ms = 0\n"
                    % (conninfo, cups["CUPS_SERVER"], os.path.join(repo, "etc", "labels")))
        term = Term([os.path.abspath(prog), "-c", ini],
                    dict(env, WIPSTATION_LOG=os.path.join(logdir, "bench-p1.log")))
        steps = (("", "Scan your badge"), ("OP-0001", "Logged in"), (lot, "Lot %s:" % lot),
                 ("CMD:NEW", "Created "))
        for typed, want in steps:
            if typed:
                term.type_scan(typed)
            if term.wait_for(lambda s: want in s) is None:
                return "the printing station did not show '%s':\n%s" % (want, term.scr.text())
            term.settle()
        if term.wait_for(lambda s: re.search(r"Label +printed", s) or "not printed" in s) is None \
                or "not printed" in term.scr.text():
            return "the label did not print:\n" + term.scr.text()
        term.settle(0.3)
        print("tui.vmhwm_print_kb %d" % vmhwm_kb(term.pid))
        return None
    except (OSError, subprocess.CalledProcessError, KeyError) as e:
        return "printing station: %s" % e
    finally:
        if term:
            stop(term)
        fz.terminate()
        try:
            fz.wait(5)
        except subprocess.TimeoutExpired:
            fz.kill()
            fz.wait()
        if "CUPSD_TEST_DIR" in cups:
            subprocess.run(["sh", cupsenv, "stop", cups["CUPSD_TEST_DIR"]],
                           capture_output=True)


def pct(v, p):
    v = sorted(v)
    k = max(int(p / 100.0 * len(v) + 0.999999) - 1, 0)
    return v[min(k, len(v) - 1)]


def main():
    if len(sys.argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    prog, benchdrv, conninfo, admin, logdir = sys.argv[1:6]
    cycles = max(1, min(int(sys.argv[6]) if len(sys.argv) > 6 else 20, 100))
    out = subprocess.run([benchdrv, "prep", conninfo, admin, str(cycles + 2)], check=True,
                         capture_output=True, text=True).stdout.split()
    wips = [w for w in out if "-W" in w]
    if len(wips) < cycles:
        print("tui: benchdrv prep gave %d units" % len(wips), file=sys.stderr)
        return 1
    ini = os.path.join(logdir, "bench-p2.ini")
    with open(ini, "w") as f:
        f.write("[database]\nconninfo = %s\n[station]\nid = P2-BENCH\nprocess = 2\n"
                "language = en\n[printer]\nqueue =\n[scanner]\nrepeat_window_ms = 0\n" % conninfo)
    env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "HOME": os.environ.get("HOME", "/tmp"),
           "WIPSTATION_LOG": os.path.join(logdir, "bench-p2.log")}
    t0 = time.monotonic()
    term = Term([os.path.abspath(prog), "-c", ini], env)
    try:
        t = term.wait_for(lambda s: "Scan your badge" in s)
        if t is None:
            print("tui: no login screen:\n" + term.scr.text(), file=sys.stderr)
            return 1
        print("tui.startup_ms %.1f" % ((t - t0) * 1000))
        term.settle()
        print("tui.vmhwm_login_kb %d" % vmhwm_kb(term.pid))
        te = term.type_scan("OP-0001")
        t = term.wait_for(lambda s: "Logged in" in s)
        if t is None:
            print("tui: no login:\n" + term.scr.text(), file=sys.stderr)
            return 1
        print("tui.login_ms %.1f" % ((t - te) * 1000))
        term.settle()
        scan, done, nbytes = [], [], []
        for w in wips[:cycles]:
            b0 = term.nbytes
            te = term.type_scan(w)
            t = term.wait_for(lambda s: "Started process 2" in s and w in s)
            if t is None:
                print("tui: %s did not start:\n%s" % (w, term.scr.text()), file=sys.stderr)
                return 1
            scan.append((t - te) * 1000)
            term.settle(0.03)
            for v in ("SPRING-A1", "BUSBAR-B2", "Y"):
                term.type_scan(v)
                term.settle(0.03)
            te = term.type_scan("CMD:OK")
            t = term.wait_for(lambda s: ("PASS  %s  process 2" % w) in s)
            if t is None:
                print("tui: %s did not pass:\n%s" % (w, term.scr.text()), file=sys.stderr)
                return 1
            done.append((t - te) * 1000)
            term.settle(0.05)
            nbytes.append(term.nbytes - b0)
        print("tui.cycles %d" % len(scan))
        print("tui.scan_ms.p50 %.1f\ntui.scan_ms.max %.1f" % (pct(scan, 50), max(scan)))
        print("tui.complete_ms.p50 %.1f\ntui.complete_ms.max %.1f" % (pct(done, 50), max(done)))
        print("tui.bytes_cycle %d" % pct(nbytes, 50))
        # peak resident set, and what it is made of now: private (anon) memory, pages of
        # files (the program and its shared libraries, shared with every other process
        # that maps them), and the proportional share (Pss)
        with open("/proc/%d/status" % term.pid) as f:
            for line in f:
                if line.startswith(("VmHWM", "VmRSS", "RssAnon", "RssFile")):
                    k, v = line.split(":")
                    print("tui.%s_kb %s" % (k.lower(), v.split()[0]))
        rss = {}  # resident kB per mapped file, for the log
        try:
            with open("/proc/%d/smaps" % term.pid) as f:
                name = ""
                for line in f:
                    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                        parts = line.split()
                        name = parts[5] if len(parts) > 5 else "[anon]"
                    elif line.startswith("Rss:"):
                        rss[name] = rss.get(name, 0) + int(line.split()[1])
            with open(os.path.join(logdir, "tui-rss.txt"), "w") as f:
                for k, v in sorted(rss.items(), key=lambda kv: -kv[1]):
                    f.write("%6d kB  %s\n" % (v, k))
        except OSError:
            pass
        try:
            with open("/proc/%d/smaps_rollup" % term.pid) as f:
                for line in f:
                    if line.startswith("Pss:"):
                        print("tui.pss_kb %s" % line.split()[1])
        except OSError:
            pass
        with open(os.path.join(logdir, "tui-screen.txt"), "w") as f:
            f.write(term.scr.text() + "\n")
    finally:
        stop(term)
    why = printing_station(prog, benchdrv, conninfo, logdir, wips[0].split("-W")[0], env)
    if why:
        print("tui: no vmhwm_print_kb: " + why, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
