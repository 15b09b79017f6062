# SPDX-License-Identifier: GPL-2.0
"""C source text helpers shared by the audit and the TCB report.

strip_c() blanks out comments (and, on request, string and character
literals) while keeping every newline, so line numbers stay valid. It is a
lexer, not a regex: "/*" inside a string, a "//" inside a block comment and
a comment split by a backslash-newline are all handled. code_lines() counts
the lines that still hold something after stripping: the report's
"code lines (no blanks or comments)".
"""
import re

# Preprocessor directives: in a .S file a '#' line that starts with one of
# these is code; any other '#' line is an assembler comment.
DIRECTIVES = {'include', 'include_next', 'import', 'embed', 'define', 'undef',
              'if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else',
              'endif', 'error', 'warning', 'pragma', 'line', 'ident'}


def strip_c(text, strip_strings=False):
    """Returns @text with comments (and maybe literals) turned into spaces."""
    out = []
    i, n = 0, len(text)
    state = 'code'
    quote = ''
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ''
        if state == 'code':
            if c == '/' and nxt == '*':
                state = 'block'
                out.append('  ')
                i += 2
                continue
            if c == '/' and nxt == '/':
                state = 'line'
                out.append('  ')
                i += 2
                continue
            if c in '"\'':
                state, quote = 'literal', c
                out.append(c)
                i += 1
                continue
            out.append(c)
        elif state == 'block':
            if c == '*' and nxt == '/':
                state = 'code'
                out.append('  ')
                i += 2
                continue
            out.append('\n' if c == '\n' else ' ')
        elif state == 'line':
            if c == '\\' and nxt == '\n':
                out.append(' \n')
                i += 2
                continue
            if c == '\n':
                state = 'code'
                out.append('\n')
            else:
                out.append(' ')
        else:  # inside a string or character literal
            if c == '\\' and nxt:
                out.append('  ' if strip_strings and nxt != '\n'
                           else c + nxt)
                i += 2
                continue
            if c == quote or c == '\n':
                state = 'code'
                out.append(c)
            else:
                out.append(' ' if strip_strings else c)
        i += 1
    return ''.join(out)


def _is_asm_comment(line):
    m = re.match(r'\s*#\s*([A-Za-z_]\w*)?', line)
    if not m:
        return False
    return m.group(1) not in DIRECTIVES


def code_lines(text, kind):
    """Counts lines that are neither blank nor comment.

    kind: 'c' (C and headers), 'asm' (.S: C comments plus '#' comment
    lines that are not preprocessor directives), 'hash' (Python, shell,
    meson, YAML, INI: '#' and ';' full-line comments), 'plain' (every
    non-blank line, e.g. JSON and linker scripts use C comments: use 'c').
    """
    if kind in ('c', 'asm'):
        lines = strip_c(text).split('\n')
        if kind == 'asm':
            lines = ['' if _is_asm_comment(ln) else ln for ln in lines]
        return sum(1 for ln in lines if ln.strip())
    if kind == 'hash':
        return sum(1 for ln in text.split('\n')
                   if ln.strip() and not ln.strip().startswith(('#', ';')))
    return sum(1 for ln in text.split('\n') if ln.strip())


def logical_lines(text):
    """Yields (first line number, text) with backslash-newlines joined."""
    buf, start = [], None
    for no, line in enumerate(text.split('\n'), 1):
        if start is None:
            start = no
        if line.endswith('\\'):
            buf.append(line[:-1])
            continue
        buf.append(line)
        yield start, ''.join(buf)
        buf, start = [], None
    if buf:
        yield start, ''.join(buf)
