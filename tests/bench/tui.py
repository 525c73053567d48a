#!/usr/bin/python3
"""tests/bench/tui.py — the station terminal on a pseudo-terminal, timed.

usage: tui.py WIPSTATION BENCHDRV STATION_CONNINFO ADMIN_CONNINFO LOGDIR [CYCLES [STARTS]]

Runs `WIPSTATION -c LOGDIR/bench-p2.ini` (a process-2 station) on an 80x24 pty with
TERM=xterm-256color and LANG=C.UTF-8, and reads what it writes into a small VT100/xterm
screen model, so "the screen shows X" means what an operator would see, whatever cursor
optimisation ncurses chose. Measures:
  startup_cold_ms the first start, exec to the login screen ("Scan your badge"), right
                  after the page cache was dropped (sync; 3 > /proc/sys/vm/drop_caches, as
                  root; startup_cold_dropped says whether it could be: 0 when not
                  permitted, and then "cold" is only the first start of this run)
  startup_warm_ms p50, min, max and n of STARTS further starts, each to the login screen,
                  then stopped
  start.*         what a start is made of (medians of STARTS runs each, interleaved):
                  the same start with GNUTLS_NO_IMPLICIT_INIT=1 already set (cli/main.c then
                  does not run itself again: the difference is the re-exec) and with the
                  database on a closed port (the difference is the connection); the
                  station's own "first screen N ms after start" log line (main() to the
                  screen); `wipstation --version` with and without the variable (library
                  loading, GnuTLS's load-time initialisation), ld.so's own count
                  (LD_DEBUG=statistics, cycles / cpu MHz) and /bin/true (fork + exec); and,
                  each after dropping the page cache again, --version and a start without
                  the database
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
import socket
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


def drop_caches():
    """Empties the page cache (root only): True, or why not."""
    try:
        os.sync()
        with open("/proc/sys/vm/drop_caches", "w") as f:
            f.write("3\n")
        return True
    except OSError as e:
        return "%s" % e


def cpu_mhz():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("cpu MHz"):
                return float(line.split(":")[1])
    return None


def first_screen_ms(log, offset):
    """The station's own "first screen N ms after start" logged after offset, or None."""
    try:
        with open(log, "rb") as f:
            f.seek(offset)
            found = re.findall(rb"first screen ([0-9.]+) ms after start", f.read())
        return float(found[-1]) if found else None
    except OSError:
        return None


def start_once(prog, ini, env):
    """One start to the login screen, then stopped: (ms, main-to-screen ms or None)."""
    log = env["WIPSTATION_LOG"]
    off = os.path.getsize(log) if os.path.exists(log) else 0
    t0 = time.monotonic()
    term = Term([os.path.abspath(prog), "-c", ini], env)
    try:
        t = term.wait_for(lambda s: "Scan your badge" in s)
        if t is None:
            raise RuntimeError("no login screen:\n" + term.scr.text())
    finally:
        stop(term)
    # the station's server process ends after the station: let it go before the next start
    # connects, which would otherwise share the CPUs with its exit
    time.sleep(0.1)
    return (t - t0) * 1000, first_screen_ms(log, off)


def run_once(argv, env):
    """A short program to its exit: ms, and what it wrote on stderr."""
    t0 = time.monotonic()
    r = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ms = (time.monotonic() - t0) * 1000
    if r.returncode:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(argv), r.returncode, r.stderr[-300:]))
    return ms, r.stderr.decode("utf-8", "replace")


def ldso_ms(stderr, mhz):
    """ld.so's startup time from LD_DEBUG=statistics output, in ms."""
    m = re.search(r"total startup time in dynamic loader: ([0-9,]+) cycles", stderr)
    if not m or not mhz:
        return None
    return int(m.group(1).replace(",", "")) / (mhz * 1000.0)


def startups(prog, ini, logdir, env, n):
    """The start to the login screen: cold, warm, and what it is made of."""
    prog = os.path.abspath(prog)
    closed = socket.socket()  # bound, never listening: a connection is refused at once
    closed.bind(("127.0.0.1", 0))
    ini_nodb = os.path.join(logdir, "bench-p2-nodb.ini")
    with open(ini) as f, open(ini_nodb, "w") as g:
        g.write(re.sub(r"port=[0-9]+", "port=%d" % closed.getsockname()[1], f.read()))
    env_norx = dict(env, GNUTLS_NO_IMPLICIT_INIT="1")
    mhz = cpu_mhz()
    try:
        dropped = drop_caches()
        if dropped is not True:
            print("tui: page cache not dropped (%s): the cold start is only the first start "
                  "of this run" % dropped, file=sys.stderr)
        ms, _ = start_once(prog, ini, env)
        print("tui.startup_cold_ms %.1f" % ms)
        print("tui.startup_cold_dropped %d" % (dropped is True))
        if dropped is True:
            drop_caches()
            print("tui.start.cold_version_ms %.1f" % run_once([prog, "--version"], env)[0])
            drop_caches()
            print("tui.start.cold_nodb_ms %.1f" % start_once(prog, ini_nodb, env)[0])
        start_once(prog, ini, env)  # not counted: everything cached again, on both sides
        v = {k: [] for k in ("warm", "norx", "nodb", "m_warm", "m_norx", "m_nodb",
                             "version", "version_norx", "ldso", "true")}
        for _ in range(n):  # interleaved, so that drift on the machine hits every kind alike
            for k, e, i in (("warm", env, ini), ("norx", env_norx, ini), ("nodb", env_norx, ini_nodb)):
                ms, main_ms = start_once(prog, i, e)
                v[k].append(ms)
                if main_ms is not None:
                    v["m_" + k].append(main_ms)
            v["version"].append(run_once([prog, "--version"], env)[0])
            v["version_norx"].append(run_once([prog, "--version"], env_norx)[0])
            ld = ldso_ms(run_once([prog, "--version"], dict(env_norx, LD_DEBUG="statistics"))[1], mhz)
            if ld is not None:
                v["ldso"].append(ld)
            v["true"].append(run_once(["/bin/true"], env)[0])
    finally:
        closed.close()
    w = v["warm"]
    print("tui.startup_warm_ms.p50 %.1f\ntui.startup_warm_ms.min %.1f\ntui.startup_warm_ms.max %.1f"
          % (pct(w, 50), min(w), max(w)))
    print("tui.startup_warm_ms.n %d" % len(w))
    names = {"norx": "noreexec_ms", "nodb": "nodb_ms", "m_warm": "main_to_screen_ms",
             "m_norx": "main_to_screen_noreexec_ms", "m_nodb": "main_to_screen_nodb_ms",
             "version": "version_ms", "version_norx": "version_noinit_ms", "ldso": "ldso_ms",
             "true": "exec_ms"}
    for k, name in names.items():
        if v[k]:
            print("tui.start.%s %.2f" % (name, pct(v[k], 50)))
    lib = subprocess.run(["ldd", prog], capture_output=True, text=True).stdout
    print("tui.start.libs %d" % len([x for x in lib.splitlines() if ".so" in x and "vdso" not in x]))
    with open(os.path.join(logdir, "tui-starts.txt"), "w") as f:
        for k in v:
            f.write("%-13s %s\n" % (k, " ".join("%.2f" % x for x in v[k])))


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
    starts = max(1, min(int(sys.argv[7]) if len(sys.argv) > 7 else 9, 50))
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
    try:
        startups(prog, ini, logdir, env, starts)
    except (RuntimeError, OSError) as e:
        print("tui: start: %s" % e, file=sys.stderr)
        return 1
    term = Term([os.path.abspath(prog), "-c", ini], env)
    try:
        t = term.wait_for(lambda s: "Scan your badge" in s)
        if t is None:
            print("tui: no login screen:\n" + term.scr.text(), file=sys.stderr)
            return 1
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
