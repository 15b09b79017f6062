#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Types into racho's console and checks interrupt-driven TTY input.

Usage: run_tty.py --kernel racho.elf --log out.log [--timeout 60]

Needs an image built with -Dtty_echo_app=true (user/apps/tty_echo.c).
Line 1 is typed while other apps still run, so the UART interrupt is
taken on the way out of user mode; line 2 once every other app is done,
so it is taken in the idle loop. While tty_echo waits for line 2 the
QEMU process must stay mostly idle: a reader that polled the UART would
keep the guest CPU (and so QEMU) busy.
Exit status 0 means every check passed and QEMU exited 0.
"""
import argparse
import os
import re
import subprocess
import sys
import threading
import time

ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')
QEMU = ['qemu-system-riscv64', '-M', 'virt', '-m', '128M', '-nographic',
        '-bios', 'default']
# QEMU's share of one host CPU allowed while the guest waits for input.
MAX_IDLE_CPU = 0.5


class Console:
    """QEMU's serial console on stdio, collected by a reader thread."""

    def __init__(self, kernel, log):
        self.proc = subprocess.Popen(QEMU + ['-kernel', kernel],
                                     stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.text = ''
        self.lock = threading.Lock()
        self.log = open(log, 'w', encoding='utf-8', errors='replace')
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self):
        while True:
            data = os.read(self.proc.stdout.fileno(), 4096)
            if not data:
                return
            s = data.decode('utf-8', errors='replace')
            self.log.write(s)
            self.log.flush()
            with self.lock:
                self.text += ANSI.sub('', s)

    def wait_for(self, needle, timeout):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                if needle in self.text:
                    return True
            if self.proc.poll() is not None:
                time.sleep(0.2)  # let the pump drain the pipe
                with self.lock:
                    return needle in self.text
            time.sleep(0.05)
        return False

    def type(self, s):
        self.proc.stdin.write(s.encode())
        self.proc.stdin.flush()

    def cpu_seconds(self):
        with open(f'/proc/{self.proc.pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf('SC_CLK_TCK')


def run(args):
    con = Console(args.kernel, args.log)
    errors = []

    def need(needle, timeout=args.timeout):
        if not con.wait_for(needle, timeout):
            errors.append(f'missing: {needle!r}')
            return False
        return True

    try:
        if not need('tty_echo: ready 1'):
            return errors
        # Enter sends CR; ICRNL makes it the newline read(2) returns.
        con.type('hello\r')
        need('tty_echo: got 6 bytes [hello\\n]')
        need('tty_echo: ready 2')
        # The sleep app runs ~3 s; after it, only tty_echo is left, blocked.
        need('Test sleep OK!')
        time.sleep(1.0)
        t0, c0 = time.monotonic(), con.cpu_seconds()
        time.sleep(2.0)
        share = (con.cpu_seconds() - c0) / (time.monotonic() - t0)
        print(f'run_tty: QEMU used {share:.0%} of a CPU while the reader waited')
        if share > MAX_IDLE_CPU:
            errors.append(f'QEMU busy ({share:.0%}) while the reader waited')
        # An erase (DEL) in canonical mode: "abx<DEL>c" reads as "abc\n".
        con.type('abx\x7fc\r')
        need('tty_echo: got 4 bytes [abc\\n]')
        need('Test tty_echo OK!')
        need('All applications completed!')
        try:
            rc = con.proc.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            errors.append('QEMU did not exit')
            rc = None
        if rc not in (None, 0):
            errors.append(f'QEMU exited with status {rc}')
        with con.lock:
            text = con.text
        # The line discipline echoed both lines (with \r\n, erase as \b \b).
        for echo in ('hello\r\n', 'ab' + 'x\b \b' + 'c\r\n'):
            if echo not in text:
                errors.append(f'no echo {echo!r}')
        for bad in ('panicked', 'PANIC'):
            if bad in text:
                errors.append(f'console shows {bad!r}')
    finally:
        if con.proc.poll() is None:
            con.proc.kill()
            con.proc.wait()
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--timeout', type=float, default=60)
    args = ap.parse_args()
    errors = run(args)
    for e in errors:
        print('run_tty: FAIL:', e)
    print('run_tty:', 'FAIL' if errors else 'ok', f'(log: {args.log})')
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
