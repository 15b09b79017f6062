#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""BusyBox smoke test: an ordinary newc initramfs with a static musl
BusyBox (tools/build-busybox.sh) and a shell-script /init, booted on racho
or, with --linux, on a Linux kernel, so both can be compared.

Usage: run_busybox.py --busybox PATH --log out.log (--kernel racho.elf |
                      --linux Image) [--cpio-out x.cpio] [--timeout S]

The archive: /bin/busybox, one symlink per applet (busybox.links next to
the binary), /dev/console (5,1), empty /proc /dev /tmp, and /init below.
Background jobs are waited for with ash's `wait`, which sleeps in
rt_sigsuspend() until its SIGCHLD handler runs (a real signal handler,
sigreturn and all), and `trap` runs a shell handler for a signal.
Exit status 0: every expected line was seen and QEMU powered off; 1: a
check failed; 77 (meson's SKIP): no BusyBox binary (run
tools/build-busybox.sh).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MKCPIO = os.path.join(HERE, '..', '..', 'tools', 'mkcpio.py')
ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')

INIT = r'''#!/bin/sh
# /init of the BusyBox smoke test (tests/boot/run_busybox.py).
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
[ -e /proc/meminfo ] || mount -t proc proc /proc
# ash gives background jobs /dev/null as stdin: Linux has no /dev here.
[ -e /dev/null ] || mknod /dev/null c 1 3
echo "bb: hello from $(readlink /bin/sh)"
ls / | tr '\n' ' ' | sed 's/^/bb: ls: /'; echo
head -1 /proc/meminfo | sed 's/^/bb: /'
ps | head -1 | sed 's/^/bb: ps: /'
ps | grep -c init | sed 's/^/bb: ps init lines: /'
free | grep '^Mem:' | sed 's/^/bb: free: /'
uname -a | sed 's/^/bb: uname: /'
echo "bb: seq lines=$(seq 3 | wc -l)"
echo abc | sed s/b/X/ | tr a-z A-Z | sed 's/^/bb: pipeline: /'
(echo "bb: in subshell"; exit 3); echo "bb: subshell status $?"
for i in 1 2 3; do printf 'bb: loop %s\n' "$i"; done
test -f /bin/busybox && echo "bb: test -f ok"
[ -d /tmp ] && echo "bb: test -d ok"
echo "bb: arith $((6 * 7))"
echo "hello file" > /tmp/f && cat /tmp/f | sed 's/^/bb: cat: /'
mkdir -p /tmp/d/e && cp /tmp/f /tmp/d/e/g && mv /tmp/d/e/g /tmp/d/h &&
	ln -s /tmp/d/h /tmp/l && cat /tmp/l | sed 's/^/bb: cp mv ln: /'
rm -r /tmp/d /tmp/l && [ ! -e /tmp/d ] && echo "bb: rm ok"
sleep 0.1; echo "bb: sleep status $?"
sleep 10 & bgpid=$!; kill $bgpid; echo "bb: kill status $?"
wait $bgpid; echo "bb: wait killed job $?"
(sleep 0.2; exit 5) & wait $!; echo "bb: wait job status $?"
sleep 0.1 & sleep 0.2 & wait; echo "bb: wait all $?"
trap 'echo "bb: trap USR1"' USR1; kill -USR1 $$; trap - USR1
( sleep 0.2; kill -USR1 $$ ) & trap 'echo "bb: trap during wait"' USR1
sleep 1 & wait $!; echo "bb: wait interrupted $?"; trap - USR1; wait
sh -c 'kill $$'; echo "bb: killed status $?"
sh -c 'kill -9 $$'; echo "bb: kill -9 status $?"
yes | head -3 | wc -l | sed 's/^/bb: yes lines: /'
x=$(echo a b c | wc -w); echo "bb: words $x"
echo hi | { read -t 2 l; echo "bb: read -t $? $l"; }
{ sleep 0.2; echo late; } | { read -t 1 l; echo "bb: read late $? $l"; }
{ sleep 1; echo never; } | { read -t 0.2 l; echo "bb: read timeout $?"; }
echo "bb: done"
poweroff -f
'''

# Lines (regexes) the console must show, in this order.
EXPECT = [
    r'^bb: hello from /bin/busybox$',
    r'^bb: ls: .*\bbin\b.*\bdev\b.*\binit\b.*\bproc\b',
    r'^bb: MemTotal:\s+\d+ kB$',
    r'^bb: ps: \s*1\s+0\s+\d+\s+[RS]\s+\S*init',
    r'^bb: ps init lines: [1-9]',
    r'^bb: free: Mem:\s+\d+\s+\d+\s+\d+',
    r'^bb: uname: Linux \S+ \S+',
    r'^bb: seq lines=3$',
    r'^bb: pipeline: AXC$',
    r'^bb: in subshell$',
    r'^bb: subshell status 3$',
    r'^bb: loop 1$', r'^bb: loop 2$', r'^bb: loop 3$',
    r'^bb: test -f ok$',
    r'^bb: test -d ok$',
    r'^bb: arith 42$',
    r'^bb: cat: hello file$',
    r'^bb: cp mv ln: hello file$',
    r'^bb: rm ok$',
    r'^bb: sleep status 0$',
    r'^bb: kill status 0$',
    r'^bb: wait killed job 143$',
    r'^bb: wait job status 5$',
    r'^bb: wait all 0$',
    r'^bb: trap USR1$',
    r'^bb: trap during wait$',
    r'^bb: wait interrupted 138$',
    r'^bb: killed status 143$',
    r'^bb: kill -9 status 137$',
    r'^bb: yes lines: 3$',
    r'^bb: words 3$',
    r'^bb: read -t 0 hi$',
    r'^bb: read late 0 late$',
    r'^bb: read timeout [1-9]',
    r'^bb: done$',
]
FORBID = ['Kernel panic', 'unimplemented syscall', 'killed (SIG', ': not found',
          "can't"]


def make_cpio(busybox, out):
    links = busybox + '.links'
    args = [sys.executable, MKCPIO, '-o', out,
            '--dir', '/bin', '0755', '--dir', '/sbin', '0755',
            '--dir', '/usr', '0755', '--dir', '/usr/bin', '0755',
            '--dir', '/usr/sbin', '0755', '--dir', '/proc', '0555',
            '--dir', '/dev', '0755', '--dir', '/tmp', '01777',
            '--cdev', '/dev/console', '0600', '5', '1',
            '--file', '/bin/busybox', '0755', busybox]
    with open(links) as f:
        for path in sorted(set(l.strip() for l in f if l.strip())):
            if path != '/bin/busybox':
                args += ['--symlink', path, '/bin/busybox']
    with tempfile.NamedTemporaryFile('w', suffix='.sh', delete=False) as f:
        f.write(INIT)
        init = f.name
    try:
        args += ['--file', '/init', '0755', init]
        subprocess.run(args, check=True)
    finally:
        os.unlink(init)


def qemu_cmd(args, cpio):
    if args.linux:
        return ['qemu-system-riscv64', '-M', 'virt', '-m', '256M',
                '-nographic', '-bios', 'default', '-no-reboot',
                '-kernel', args.linux, '-initrd', cpio,
                '-append', 'console=ttyS0 rdinit=/init panic=-1']
    return ['qemu-system-riscv64', '-M', 'virt', '-m', '128M', '-nographic',
            '-bios', 'default', '-kernel', args.kernel, '-initrd', cpio,
            '-append', 'loglevel=4']


def check(text, linux):
    lines = [l.rstrip('\r') for l in text.split('\n')]
    errors = []
    at = 0
    for pat in EXPECT:
        for i in range(at, len(lines)):
            if re.search(pat, lines[i]):
                at = i + 1
                break
        else:
            errors.append(f'no line (in order) matches: {pat!r}')
    for bad in FORBID:
        if any(bad in l for l in lines):
            errors.append(f'must not appear: {bad!r}')
    off = 'reboot: Power down' if linux else 'Power down'
    if not any(off in l for l in lines):
        errors.append('the machine did not power off')
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--busybox', required=True)
    ap.add_argument('--log', required=True)
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument('--kernel')
    g.add_argument('--linux')
    ap.add_argument('--cpio-out')
    ap.add_argument('--timeout', type=float, default=120)
    args = ap.parse_args()

    if not os.path.exists(args.busybox):
        print(f'busybox test: SKIPPED: no {args.busybox} '
              '(build it with tools/build-busybox.sh)')
        return 77
    with tempfile.TemporaryDirectory() as tmp:
        cpio = args.cpio_out or os.path.join(tmp, 'busybox.cpio')
        make_cpio(args.busybox, cpio)
        try:
            p = subprocess.run(qemu_cmd(args, cpio), stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=args.timeout)
            out, timed_out = p.stdout, False
        except subprocess.TimeoutExpired as e:
            out, timed_out = e.stdout or b'', True
    text = ANSI.sub('', out.decode('utf-8', errors='replace'))
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    with open(args.log, 'w') as f:
        f.write(text)
    errors = check(text, bool(args.linux))
    if timed_out:
        errors.append(f'QEMU did not exit within {args.timeout:.0f} s')
    name = 'Linux' if args.linux else 'racho'
    if errors:
        print(f'busybox test on {name}: FAILED (log: {args.log})')
        for e in errors:
            print('  ' + e)
        print('--- last lines of the console ---')
        print('\n'.join(text.strip().split('\n')[-40:]))
        return 1
    print(f'busybox test on {name}: passed (log: {args.log})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
