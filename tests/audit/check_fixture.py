#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""check_fixture.py - runs the safe-subset audit and checks its verdict.

  check_fixture.py AUDIT BUILD FIXTURE_DIR [--marker M] [-- AUDIT_ARGS...]
      Audits FIXTURE_DIR. Every line carrying a "M: R<n> ..." comment
      (M defaults to "expect") must be reported with exactly those rules,
      and nothing else may be reported. No marker at all means the audit
      must pass (exit 0); otherwise it must fail with exit 1.
  check_fixture.py AUDIT BUILD FIXTURE_DIR --error TEXT [-- AUDIT_ARGS...]
      The audit must refuse to run (exit 2) and say TEXT: used to prove
      that a missing clang-tidy or dropped custom checks never pass.
"""
import argparse
import os
import re
import subprocess
import sys

FINDING_RE = re.compile(r'^(\S+):(\d+):\d+: (R\d|CC) \[')


def expected(fixture, marker, source_dir):
    want = set()
    pat = re.compile(r'(?<![\w-])' + re.escape(marker) + r':((?:\s+R\d)+)')
    for dirpath, _, names in os.walk(fixture):
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(os.path.realpath(path), source_dir)
            for no, line in enumerate(open(path), 1):
                m = pat.search(line)
                if m:
                    want |= {(rel, no, r) for r in m.group(1).split()}
    return want


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('audit')
    ap.add_argument('build')
    ap.add_argument('fixture')
    ap.add_argument('--marker', default='expect')
    ap.add_argument('--error')
    argv, extra = sys.argv[1:], []
    if '--' in argv:
        argv, extra = argv[:argv.index('--')], argv[argv.index('--') + 1:]
    opts = ap.parse_args(argv)
    source_dir = os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.realpath(__file__))))
    cmd = [sys.executable, opts.audit, '--build-dir', opts.build,
           '--source-dir', source_dir, '--fixture', opts.fixture] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True)
    print(proc.stdout + proc.stderr)
    if opts.error is not None:
        if proc.returncode == 2 and opts.error in proc.stderr:
            print(f'ok: the audit refused to run ("{opts.error}")')
            return 0
        print(f'FAIL: expected exit 2 and "{opts.error}", got exit '
              f'{proc.returncode}')
        return 1
    want = expected(opts.fixture, opts.marker, source_dir)
    got = set()
    for line in proc.stdout.split('\n'):
        m = FINDING_RE.match(line)
        if m:
            got.add((m.group(1), int(m.group(2)), m.group(3)))
    status = 1 if want else 0
    ok = proc.returncode == status and got == want
    for f in sorted(want - got):
        print('MISSING: %s:%d: %s' % f)
    for f in sorted(got - want):
        print('UNEXPECTED: %s:%d: %s' % f)
    if proc.returncode != status:
        print(f'FAIL: audit exit {proc.returncode}, expected {status}')
    print(('ok: ' if ok else 'FAIL: ') +
          f'{len(want)} expected finding(s), {len(got)} reported')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
