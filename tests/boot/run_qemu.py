#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Boots racho in QEMU and checks its console output.

Usage: run_qemu.py --kernel racho.elf --log out.log --suite NAME
                   [--initrd x.cpio] [--append "..."] [--timeout 60]

Each suite is a function returning checks over the console log (ANSI
colours stripped): substrings that must appear ('expect'), must not appear
('forbid'), regexes some line must match ('patterns'), custom functions of
the lines that return an error or None ('custom'), and extra QEMU
arguments ('qemu_args'). Later suites add an entry to SUITES and reuse the
runner.
Exit status 0 means QEMU exited 0 and every check passed.
"""
import argparse
import os
import re
import subprocess
import sys

ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')

# Output that means the kernel itself failed, in any suite.
FATAL = ['panicked', 'PANIC', 'kernel panic']

POWER_APPS = {'power_3': 200000, 'power_5': 140000, 'power_7': 160000}

# Fault apps: (name, kill message prefix, signal, line that must not appear).
FAULT_APPS = [
    ('store_kernel', 'store_kernel: page fault (store) at 0xffffffc080200000',
     'SIGSEGV', 'store_kernel: BUG'),
    ('load_unmapped', 'load_unmapped: page fault (load) at 0x12345000',
     'SIGSEGV', 'load_unmapped: BUG'),
    ('priv_insn', 'priv_insn: illegal instruction', 'SIGILL',
     'priv_insn: BUG'),
    ('csr_access', 'csr_access: illegal instruction', 'SIGILL',
     'csr_access: BUG'),
]


# proc_check (user/apps/proc_check.c): a few of its checks by name, so a
# check that silently disappears is noticed too.
PROC_CHECKS = [
    'exit status = (code & 0xff) << 8',
    'unmapped load: SIGSEGV', 'illegal instruction: SIGILL',
    'wait4(-pgid) reaps the group\'s child',
    'orphan reparented to pid 1 (or no parent without pid 1)',
    'COW: child saw and kept its own writes',
    'COW: parent kept its own writes',
    'vfork: child ran first, in our memory',
    'fork bomb: EAGAIN at RLIMIT_NPROC, then fork works again',
]
# exec_check (user/apps/exec_check.c), likewise.
EXEC_CHECKS = [
    'missing file: ENOENT', 'the caller is intact after failed execs',
    'argv, envp and auxv as Linux lays them out',
    'vfork + execve of a static-PIE: exit 0',
    '#! script: interpreter, one argument, script path, argv[1..]',
    '#! script run by a #! script', '#! loop: ELOOP',
    'close-on-exec fd closed, the other kept',
]


def check_interleaving(lines):
    """Some other power app prints between power_3's first and last line."""
    idx = [i for i, l in enumerate(lines) if l.startswith('power_3 [')]
    if len(idx) < 2:
        return 'fewer than two power_3 progress lines'
    between = lines[idx[0] + 1:idx[-1]]
    if not any(l.startswith(('power_5 [', 'power_7 [')) for l in between):
        return 'no power_5/power_7 progress line between power_3 lines'
    return None


def suite_ch4():
    expect = ['[kernel] Hello, world!', 'heap_test passed!',
              'frame_allocator_test passed!', 'remap_test passed!',
              f'num_app = {len(POWER_APPS) + 6 + len(FAULT_APPS)}',
              'power_3 [10000/200000]',
              '3^200000 = 871008973(MOD 998244353)',
              '5^140000 = 386471875(MOD 998244353)',
              '7^160000 = 667897727(MOD 998244353)',
              'Test sleep OK!', 'Test syscall_check OK!', 'Test mm_check OK!',
              'Test pie_check OK! (static-PIE at 0x2aaaaab000)',
              'All applications completed!']
    expect += [f'proc_check: PASS {name}' for name in PROC_CHECKS]
    expect += [f'exec_check: PASS {name}' for name in EXEC_CHECKS]
    for name, iters in POWER_APPS.items():
        expect.append(f'{name} [{iters}/{iters}]')
        expect.append(f'Test {name} OK!')
    forbid = ['syscall_check: FAIL', 'mm_check: FAIL', 'proc_check: FAIL',
              'pie_check: FAIL', 'exec_check: FAIL']
    for _, kill, sig, bug in FAULT_APPS:
        expect.append(f'[kernel] {kill}')
        expect.append(f'killed ({sig})')
        forbid.append(bug)
    # Each kill message as one line: prefix ... killed (SIG).
    patterns = [re.escape(f'[kernel] {kill}') + r'.*, killed \(' + sig + r'\)$'
                for _, kill, sig, _ in FAULT_APPS]
    patterns.append(r'^proc_check: \d+ passed, 0 failed$')
    patterns.append(r'^exec_check: \d+ passed, 0 failed$')
    # -icount makes the guest clock count instructions (2^5 ns each), so
    # ticks land at the same instruction on every run. Without it a fast
    # host finishes each power app inside one 10 ms tick and whether the
    # apps visibly interleave is luck; with it preemption is deterministic.
    return {'expect': expect, 'forbid': forbid, 'patterns': patterns,
            'custom': [check_interleaving],
            'qemu_args': ['-icount', 'shift=5']}


def check_conformance(lines):
    """user/tests: a final "N passed, 0 failed" line and no FAIL line."""
    fails = [l for l in lines if l.startswith('FAIL ')]
    sums = [re.match(r'^(\d+) passed, (\d+) failed$', l) for l in lines]
    sums = [m for m in sums if m]
    if not sums:
        return 'no "N passed, M failed" summary line'
    if fails:
        return f'{len(fails)} FAIL line(s), first: {fails[0]!r}'
    if sums[-1].group(2) != '0' or sums[-1].group(1) == '0':
        return f'summary says {sums[-1].group(0)!r}'
    return None


def suite_linux():
    """The conformance initramfs (user/tests) as init, in either mode."""
    return {'expect': [], 'forbid': [], 'patterns': [],
            'custom': [check_conformance]}


def suite_panic(*expect):
    """A boot that must end in a kernel panic saying @expect; QEMU must
    exit by itself (the panic powers off) with a failure status."""
    return lambda: {'expect': list(expect), 'forbid': [], 'patterns': [],
                    'custom': [], 'panic': True}


SUITES = {
    'ch4': suite_ch4,
    'linux': suite_linux,
    # Negative boots (tests/boot/make_initrd.py makes the archives).
    'initrd-empty': suite_panic('Kernel panic - not syncing: initramfs: '
                                'the initrd is empty (0 bytes)'),
    'initrd-corrupt': suite_panic('Kernel panic - not syncing: initramfs: '
                                  'corrupt archive at offset 116: bad magic'),
    'initrd-gzip': suite_panic('Kernel panic - not syncing: compressed '
                               'initramfs is not supported: gzip'),
    'initrd-noinit': suite_panic(
        'Failed to execute /init (error -2', 'Run /bin/sh as init process',
        'Kernel panic - not syncing: No working init found.  Try passing '
        'init= option to kernel.'),
    'initrd-noexec': suite_panic(
        'Failed to execute /init (error -8',
        'Kernel panic - not syncing: No working init found.'),
    'initrd-noperm': suite_panic(
        'Failed to execute /init (error -13',
        'Kernel panic - not syncing: No working init found.'),
    'init-exit': suite_panic('exit_init: exiting with status 3',
                             'Kernel panic - not syncing: Attempted to kill '
                             'init! exitcode=0x00000300'),
    'init-segv': suite_panic('Kernel panic - not syncing: Attempted to kill '
                             'init! exitcode=0x0000000b'),
}


def run_qemu(args, suite):
    cmd = ['qemu-system-riscv64', '-M', 'virt', '-m', '128M', '-nographic',
           '-bios', 'default', '-kernel', args.kernel]
    cmd += suite.get('qemu_args', [])
    if args.initrd:
        cmd += ['-initrd', args.initrd]
    if args.append:
        cmd += ['-append', args.append]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=args.timeout)
        return p.returncode, p.stdout, False
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b'', True


def check(text, suite):
    errors = []
    lines = [l.rstrip('\r') for l in text.split('\n')]
    for want in suite['expect']:
        if not any(want in l for l in lines):
            errors.append(f'missing: {want!r}')
    for bad in suite['forbid'] + ([] if suite.get('panic') else FATAL):
        if any(bad in l for l in lines):
            errors.append(f'must not appear: {bad!r}')
    for pat in suite['patterns']:
        if not any(re.search(pat, l) for l in lines):
            errors.append(f'no line matches: {pat!r}')
    for fn in suite['custom']:
        err = fn(lines)
        if err:
            errors.append(err)
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--kernel', required=True)
    ap.add_argument('--log', required=True)
    ap.add_argument('--suite', default='ch4', choices=sorted(SUITES))
    ap.add_argument('--initrd')
    ap.add_argument('--append', default='')
    ap.add_argument('--timeout', type=float, default=60)
    args = ap.parse_args()

    suite = SUITES[args.suite]()
    status, out, timed_out = run_qemu(args, suite)
    text = ANSI.sub('', out.decode('utf-8', errors='replace'))
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    with open(args.log, 'w') as f:
        f.write(text)

    errors = check(text, suite)
    if timed_out:
        errors.append(f'QEMU did not exit within {args.timeout:.0f} s')
    elif suite.get('panic') and status == 0:
        errors.append('QEMU exit status 0, expected the failure status '
                      'of a panic')
    elif status != 0 and not suite.get('panic'):
        errors.append(f'QEMU exit status {status}, expected 0')
    if errors:
        print(f'boot test {args.suite}: FAILED (log: {args.log})')
        for e in errors:
            print('  ' + e)
        tail = text.strip().split('\n')[-30:]
        print('--- last lines of the console ---')
        print('\n'.join(tail))
        return 1
    print(f'boot test {args.suite}: passed (log: {args.log})')
    return 0


if __name__ == '__main__':
    sys.exit(main())
