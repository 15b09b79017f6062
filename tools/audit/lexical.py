# SPDX-License-Identifier: GPL-2.0
"""The source-text half of the safe-subset audit: rules R6, R7 (and goto).

clang-tidy sees the program after preprocessing, so the rules about the
source text itself are checked here, on every .c and .h file of the
audited tree (headers that no translation unit includes too):

  R5  the goto keyword (clang-query has no matcher for `goto *p`).
  R6  no NOLINT (or any other suppression), no function-like macro
      definitions, and none of the directives that could hide code from
      the AST checks: #pragma (e.g. "clang system_header"), _Pragma, #line
      (renames the file the findings are filtered on), #undef, and no
      redefinition of NULL, of ostd_/OSTD_ names or of __-names.
  R7  #include only <ostd/NAME.h> that exists in include/ostd/, the
      tree's own headers, and the freestanding headers in FREESTANDING.
      Besides the spelling, the include as *resolved by the compiler*
      (clang -H with the real flags) is checked, because kernel/ is built
      with -I<source root>, where <ostd/x.h> could find ostd's private
      ostd/x.h first.
"""
import os
import re
import subprocess

from ctext import logical_lines, strip_c

FREESTANDING = {'stdint.h', 'stddef.h', 'stdbool.h'}
OK_DIRECTIVES = {'include', 'define', 'if', 'ifdef', 'ifndef', 'elif',
                 'elifdef', 'elifndef', 'else', 'endif', 'error', 'warning'}
DIRECTIVE_RE = re.compile(r'\s*(?:#|%:)\s*([A-Za-z_]\w*)?(.*)$')
DEFINE_RE = re.compile(r'([A-Za-z_]\w*)(\()?')


def _finding(path, line, rule, check, msg):
    return {'path': path, 'line': line, 'col': 1, 'rule': rule,
            'check': check, 'message': msg, 'notes': []}


def inside(path, dirs):
    real = os.path.realpath(path)
    return any(real == d or real.startswith(d + os.sep) for d in dirs)


class Tree:
    """The audited tree: its roots (source and generated) and ostd's API."""

    def __init__(self, roots, include_ostd):
        self.roots = [os.path.realpath(r) for r in roots]
        self.include_ostd = os.path.realpath(include_ostd)

    def owns(self, path):
        return inside(path, self.roots)

    def files(self):
        out = []
        for root in self.roots:
            for dirpath, _, names in os.walk(root):
                out += [os.path.join(dirpath, n) for n in sorted(names)
                        if n.endswith(('.c', '.h'))]
        return sorted(out)

    def ostd_header(self, name):
        return (re.fullmatch(r'ostd/[A-Za-z0-9_]+\.h', name) and
                os.path.isfile(os.path.join(os.path.dirname(
                    self.include_ostd), name)))

    def own_header(self, name, from_dir):
        cands = [os.path.join(from_dir, name)]
        cands += [os.path.join(r, name) for r in self.roots]
        return any(os.path.isfile(c) and self.owns(c) for c in cands)


def _check_include(tree, path, rest):
    m = re.match(r'\s*(<([^>]*)>|"([^"]*)")', rest)
    if not m:
        return 'computed #include (only a literal <...> or "..." name)'
    if m.group(2) is not None:
        name = m.group(2)
        if name in FREESTANDING or tree.ostd_header(name):
            return None
        if tree.own_header(name, os.path.dirname(path)):
            return None
        return f'#include <{name}>: only <ostd/*.h>, own headers and ' \
               f'{", ".join(sorted(FREESTANDING))}'
    name = m.group(3)
    if tree.own_header(name, os.path.dirname(path)):
        return None
    return f'#include "{name}" is not a header of this tree ' \
           '(ostd headers are included as <ostd/NAME.h>)'


def _check_define(rest):
    m = DEFINE_RE.match(rest.strip())
    if not m:
        return None
    name = m.group(1)
    if m.group(2):
        return f'function-like macro {name}() defined (use a static ' \
               'function, or a typed ostd API)'
    if name == 'NULL' or name.startswith(('ostd_', 'OSTD_', '__')):
        return f'#define {name} redefines a compiler or ostd name'
    return None


def scan_file(tree, path, rel):
    """Lexical R6/R7 findings of one file."""
    found = []
    raw = open(path, encoding='utf-8', errors='replace').read()
    for no, line in enumerate(raw.split('\n'), 1):
        if 'NOLINT' in line:
            found.append(_finding(rel, no, 'R6', 'racho-nolint',
                                  'NOLINT suppression comment'))
    code = strip_c(raw)
    for no, line in enumerate(strip_c(raw, strip_strings=True).split('\n'),
                              1):
        if re.search(r'\b_Pragma\b', line):
            found.append(_finding(rel, no, 'R6', 'racho-preprocessor',
                                  '_Pragma operator'))
        if re.search(r'\bgoto\b', line):  # also `goto *p`, no AST matcher
            found.append(_finding(rel, no, 'R5', 'racho-goto', 'goto'))
    for no, line in logical_lines(code):
        m = DIRECTIVE_RE.match(line)
        if not m or not line.lstrip().startswith(('#', '%:')):
            continue
        word, rest = m.group(1) or '', m.group(2)
        if word == 'include':
            msg = _check_include(tree, path, rest)
            if msg:
                found.append(_finding(rel, no, 'R7', 'racho-include', msg))
        elif word == 'define':
            msg = _check_define(rest)
            if msg:
                found.append(_finding(rel, no, 'R6', 'racho-macro', msg))
        elif word and word not in OK_DIRECTIVES:
            found.append(_finding(rel, no, 'R6', 'racho-preprocessor',
                                  f'#{word} is not allowed in the safe '
                                  'subset (it can hide code from the audit)'))
    return found


def scan_ostd_headers(tree, relpath):
    """NOLINT in include/ostd/: clang-tidy honours a NOLINT on a macro's
    definition line for every expansion, so one there would silence
    findings in kernel code expanded from an ostd macro."""
    found = []
    for name in sorted(os.listdir(tree.include_ostd)):
        path = os.path.join(tree.include_ostd, name)
        if not os.path.isfile(path):
            continue
        for no, line in enumerate(open(path, encoding='utf-8',
                                       errors='replace'), 1):
            if 'NOLINT' in line:
                found.append(_finding(
                    relpath(path), no, 'R6', 'racho-nolint',
                    'NOLINT in an ostd header would silence the audit of '
                    'kernel code expanded from it'))
    return found


def _include_line(path, header):
    """Line of the #include in @path that names @header's file (or 1)."""
    base = os.path.basename(header)
    try:
        text = strip_c(open(path, encoding='utf-8',
                            errors='replace').read())
    except OSError:
        return 1
    for no, line in logical_lines(text):
        if re.match(r'\s*#\s*include\b', line) and base in line:
            return no
    return 1


def check_resolved(tree, tu, args, cwd, resource_dir, relpath):
    """R7 on the headers the compiler really opened for @tu."""
    proc = subprocess.run(args + ['-E', '-H', '-o', os.devnull, tu], cwd=cwd,
                          capture_output=True, text=True)
    found = []
    stack = [os.path.realpath(tu)]
    for line in proc.stderr.split('\n'):
        if line.startswith('Multiple include guards'):
            break
        m = re.match(r'(\.+) (.*)$', line)
        if not m:
            continue
        depth = len(m.group(1))
        header = os.path.realpath(os.path.join(cwd, m.group(2)))
        del stack[depth:]
        includer = stack[-1]
        stack.append(header)
        if not tree.owns(includer):
            continue
        ok = tree.owns(header)
        ok = ok or os.path.dirname(header) == tree.include_ostd
        ok = ok or (os.path.dirname(header).startswith(resource_dir) and
                    os.path.basename(header) in FREESTANDING)
        if not ok:
            found.append(_finding(
                relpath(includer), _include_line(includer, header), 'R7',
                'racho-include-resolved',
                f'the compiler resolved this #include to {relpath(header)}, '
                'outside include/ostd/, this tree and the freestanding '
                'headers'))
    return found
