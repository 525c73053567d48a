#!/usr/bin/python3
"""tests/kiosk/onpty.py — runs a program on a new pseudo-terminal, as a login does.

usage: onpty.py RESULT [--timeout S] [--hangup-on TEXT] [--hangup-after S]
                [--term-on TEXT] [--hup-ignored] -- PROGRAM [ARG...]

The program becomes a session leader with the terminal as its controlling terminal
(like a shell started by sshd or getty). Everything it writes is copied to stdout.
  --hangup-on TEXT   once TEXT has appeared (and --hangup-after S more seconds have
                     passed), the terminal hangs up: the master side is closed, as sshd
                     does when the connection drops (the kernel sends SIGHUP)
  --term-on TEXT     once TEXT has appeared, SIGTERM is sent to the program (its
                     process only, as `kill PID` does)
  --hup-ignored      the program starts with SIGHUP ignored (so a shell cannot trap it)
  --timeout S        the program (its process group) is killed after S seconds
RESULT gets "rc N" (exit status, 128+signal, or "timeout"), "ms N" (start to exit) and,
after a hangup or SIGTERM, "hangup_ms N" or "term_ms N" (from then to the exit). Every wait is bounded.
"""
import os
import pty
import select
import signal
import sys
import time


def main():
    a = sys.argv[1:]
    if len(a) < 3 or "--" not in a:
        print(__doc__, file=sys.stderr)
        return 2
    result = a.pop(0)
    cut = a.index("--")
    opts, argv = a[:cut], a[cut + 1:]
    timeout, hang_text, hang_after, hup_ignored, term_text = 20.0, None, 0.0, False, None
    i = 0
    while i < len(opts):
        if opts[i] == "--timeout":
            timeout = float(opts[i + 1]); i += 2
        elif opts[i] == "--hangup-on":
            hang_text = opts[i + 1].encode(); i += 2
        elif opts[i] == "--hangup-after":
            hang_after = float(opts[i + 1]); i += 2
        elif opts[i] == "--term-on":
            term_text = opts[i + 1].encode(); i += 2
        elif opts[i] == "--hup-ignored":
            hup_ignored = True; i += 1
        else:
            print("onpty: unknown option " + opts[i], file=sys.stderr)
            return 2
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if hup_ignored:
                signal.signal(signal.SIGHUP, signal.SIG_IGN)
            os.execv(argv[0], argv)
        finally:
            os._exit(127)
    out = b""
    seen = hung = termed = None
    rc = None
    end = t0 + timeout
    while rc is None:
        if fd is not None:
            r, _, _ = select.select([fd], [], [], 0.02)
            if r:
                try:
                    d = os.read(fd, 4096)
                except OSError:  # EIO: the program side has closed
                    d = b""
                if d:
                    out += d
                    sys.stdout.buffer.write(d)
                    sys.stdout.flush()
        else:
            time.sleep(0.02)
        now = time.monotonic()
        if hang_text is not None and seen is None and hang_text in out:
            seen = now
        if fd is not None and seen is not None and now >= seen + hang_after:
            os.close(fd)
            fd = None
            hung = time.monotonic()
        if term_text is not None and termed is None and term_text in out:
            os.kill(pid, signal.SIGTERM)
            termed = time.monotonic()
        w, st = os.waitpid(pid, os.WNOHANG)
        if w:
            rc = os.waitstatus_to_exitcode(st)
            rc = 128 - rc if rc < 0 else rc
            break
        if now > end:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            rc = "timeout"
    t1 = time.monotonic()
    if fd is not None:  # what the program wrote just before it ended
        while select.select([fd], [], [], 0.05)[0]:
            try:
                d = os.read(fd, 4096)
            except OSError:
                break
            if not d:
                break
            sys.stdout.buffer.write(d)
        sys.stdout.flush()
        os.close(fd)
    with open(result, "w") as f:
        f.write("rc %s\nms %d\n" % (rc, (t1 - t0) * 1000))
        if hung is not None:
            f.write("hangup_ms %d\n" % ((t1 - hung) * 1000))
        if termed is not None:
            f.write("term_ms %d\n" % ((t1 - termed) * 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
