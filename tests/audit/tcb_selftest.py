#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tcb_selftest.py - the TCB report's line counter, on hand-counted input.

Usage: tcb_selftest.py [BUILD_DIR]
Each sample below was counted by hand: code lines are the lines that keep
something other than white space once comments are removed. With BUILD_DIR
it also checks that the budget check really fails on a budget of zero.
"""
import json
import os
import subprocess
import sys
import tempfile

TOOLS = os.path.join(os.path.dirname(os.path.realpath(__file__)), '..', '..',
                     'tools')
sys.path.insert(0, os.path.join(TOOLS, 'audit'))
from ctext import code_lines, strip_c  # noqa: E402

C_SAMPLE = r'''/* SPDX-License-Identifier: GPL-2.0 */
/*
 * a block comment over
 * several lines
 */
#include <stdint.h>

int a; /* trailing comment */
/* leading comment */ int b;
const char *s = "/* not a comment */";
const char *t = "// not a comment either";
char q = '"';
// a line comment \
   continued by a backslash
int c; /* opens
closes */ int d;
	 /* indented comment */
'''  # code: include, a, b, s, t, q, c, d = 8

ASM_SAMPLE = r'''/* SPDX-License-Identifier: GPL-2.0 */
#include "asm.h"
# a comment for the assembler
#define FOO 1
	.globl _start
_start:		// entry
	li a0, FOO	# trailing
#if FOO
	nop
#endif
'''  # code: include, define, .globl, _start, li, #if, nop, #endif = 8

HASH_SAMPLE = '''#!/usr/bin/env python3
# comment

import os  # trailing
; ini comment
x = 1
'''  # code: import, x = 2


def main():
    fails = 0
    for name, text, kind, want in (('C', C_SAMPLE, 'c', 8),
                                   ('asm', ASM_SAMPLE, 'asm', 8),
                                   ('hash', HASH_SAMPLE, 'hash', 2)):
        got = code_lines(text, kind)
        print(f"{'ok' if got == want else 'FAIL'}: {name} sample: "
              f'{got} code lines, counted by hand {want}')
        fails += got != want
    stripped = strip_c(C_SAMPLE)
    if stripped.count('\n') != C_SAMPLE.count('\n'):
        print('FAIL: strip_c changed the number of lines')
        fails += 1
    if '/* not a comment */' not in stripped:
        print('FAIL: strip_c removed a string literal')
        fails += 1
    if len(sys.argv) > 1:
        fails += budget_enforced(sys.argv[1])
    return 1 if fails else 0


def budget_enforced(build):
    """A budget of zero must make `tcb_report.py --check` exit 1."""
    zero = {'max_tcb_share': [[0, 0.0]], 'max_tcb_lines': 0,
            'max_ostd_unsafe': {'casts': 0, 'implicit_retype': 0, 'asm': 0,
                                'pointer_arith': 0},
            'max_allowlisted_macros': 0}
    with tempfile.NamedTemporaryFile('w', suffix='.json') as f:
        json.dump(zero, f)
        f.flush()
        proc = subprocess.run([sys.executable,
                               os.path.join(TOOLS, 'tcb_report.py'),
                               '--build-dir', build, '--budget', f.name,
                               '--check'], capture_output=True, text=True)
    exceeded = proc.stdout.count('- EXCEEDED: ')
    ok = proc.returncode == 1 and exceeded == 7
    print(f"{'ok' if ok else 'FAIL'}: a zero budget gives exit "
          f'{proc.returncode} with {exceeded} of 7 limits exceeded')
    if not ok:
        print(proc.stdout[-3000:] + proc.stderr[-3000:])
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
