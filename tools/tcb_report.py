#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""tcb_report.py - how big racho's trusted computing base is.

Usage: tcb_report.py --build-dir B [--check] [--update-docs]
  (meson compile -C B tcb-report; meson test -C B --suite tcb)

Prints code lines (no blank or comment lines) per part of the tree, the
TCB (ostd + include/ostd, which holds the allowlisted macros) and its
share of TCB + kernel, and per ostd file the unsafe sites found by the
audit's AST checks (tools/audit/audit.py --count): explicit casts,
implicit pointer re-typing, asm statements, pointer-arithmetic sites,
next to the file's SAFETY: comments. Writes the same data to
B/tcb-report.json. --check fails (exit 1) when tools/tcb-budget.json is
exceeded (exit 2: the report could not be made);
--update-docs rewrites the figures between the "tcb-report" markers of
README.md and docs/safe-subset.md.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(HERE, 'audit'))
from ctext import code_lines, strip_c  # noqa: E402

# (part, directories, in the TCB)
PARTS = [('ostd C', ['ostd'], True, ('.c', '.h')),
         ('ostd asm', ['ostd'], True, ('.S',)),
         ('ostd linker script', ['ostd'], True, ('.ld',)),
         ('include/ostd', ['include/ostd'], True, ('.h',)),
         ('kernel', ['kernel'], False, ('.c', '.h')),
         ('user', ['user'], False, None),
         ('tools', ['tools'], False, None),
         ('tests', ['tests'], False, None)]
HASH_FILES = ('.py', '.sh', '.ini', '.yaml', '.yml', 'meson.build',
              'allowlist')
UNSAFE = {'casts': ('custom-r1-',), 'implicit_retype': ('custom-r2-',),
          'asm': ('custom-r3-',), 'pointer_arith': ('custom-r4-',)}
BEGIN, END = '<!-- tcb-report:begin -->', '<!-- tcb-report:end -->'


def kind_of(path):
    name = os.path.basename(path)
    if name.endswith(('.c', '.h', '.ld')):
        return 'c'
    if name.endswith('.S'):
        return 'asm'
    if name.endswith(HASH_FILES) or name.endswith('allowlist'):
        return 'hash'
    if name.endswith('.json'):
        return 'plain'
    return None  # documentation, data: not code


def walk(src, sub, exts):
    out = []
    for dirpath, dirs, names in os.walk(os.path.join(src, sub)):
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith('.') and d != '__pycache__')
        for n in sorted(names):
            path = os.path.join(dirpath, n)
            if kind_of(path) and (exts is None or n.endswith(exts)):
                out.append(path)
    return out


def count_file(path):
    text = open(path, encoding='utf-8', errors='replace').read()
    return code_lines(text, kind_of(path))


def safety_comments(path):
    """SAFETY: notes in comments (the text outside comments is blanked)."""
    text = open(path, encoding='utf-8', errors='replace').read()
    code = strip_c(text)
    return sum(1 for a, b in zip(text.split('\n'), code.split('\n'))
               if 'SAFETY:' in a and 'SAFETY:' not in b)


def unsafe_sites(src, build):
    with tempfile.TemporaryDirectory(prefix='racho-tcb-') as tmp:
        out = os.path.join(tmp, 'sites.json')
        proc = subprocess.run([sys.executable,
                               os.path.join(HERE, 'audit', 'audit.py'),
                               '--build-dir', build, '--source-dir', src,
                               '--count', out], capture_output=True, text=True)
        if proc.returncode != 0:
            print('tcb-report: the unsafe-site count failed:\n' +
                  proc.stdout + proc.stderr, file=sys.stderr)
            sys.exit(2)
        return json.load(open(out))['sites']


def allowlisted(src, kernel_files):
    """[(macro, header, definition lines, kernel use sites)]."""
    out = []
    path = os.path.join(HERE, 'audit', 'allowlist')
    for line in open(path):
        f = line.split('#', 1)[0].split()
        if len(f) != 2:
            continue
        name, header = f
        text = open(os.path.join(src, header)).read()
        m = re.search(r'^[ \t]*#[ \t]*define[ \t]+' + name +
                      r'\b(?:[^\n]*\\\n)*[^\n]*', text, re.M)
        lines = m.group(0).count('\n') + 1 if m else 0
        uses = sum(len(re.findall(r'\b' + name + r'\b',
                                  strip_c(open(k).read(), True)))
                   for k in kernel_files)
        out.append({'macro': name, 'header': header,
                    'definition_lines': lines, 'kernel_uses': uses})
    return out


def collect(src, build):
    parts, files = [], {}
    for name, dirs, tcb, exts in PARTS:
        paths = [p for d in dirs for p in walk(src, d, exts)]
        lines = 0
        for p in paths:
            files[os.path.relpath(p, src)] = count_file(p)
            lines += files[os.path.relpath(p, src)]
        parts.append({'part': name, 'files': len(paths), 'lines': lines,
                      'tcb': tcb})
    sites = unsafe_sites(src, build)
    ostd = []
    for rel in sorted(files):
        if not rel.startswith(('ostd/', 'include/ostd/')):
            continue
        row = {'file': rel, 'lines': files[rel],
               'safety_comments': safety_comments(os.path.join(src, rel))}
        for key, prefixes in UNSAFE.items():
            row[key] = sum(n for check, n in sites.get(rel, {}).items()
                           if check.startswith(prefixes))
        if rel.endswith('.S'):
            row['asm'] = files[rel]  # every code line of a .S file is asm
        ostd.append(row)
    tcb = sum(p['lines'] for p in parts if p['tcb'])
    kernel = next(p['lines'] for p in parts if p['part'] == 'kernel')
    kernel_files = walk(src, 'kernel', ('.c', '.h'))
    totals = {k: sum(r[k] for r in ostd if not r['file'].endswith('.S'))
              for k in UNSAFE}
    totals['asm_lines'] = sum(r['asm'] for r in ostd
                              if r['file'].endswith('.S'))
    totals['safety_comments'] = sum(r['safety_comments'] for r in ostd)
    return {'parts': parts, 'tcb_lines': tcb, 'kernel_lines': kernel,
            'tcb_share': tcb / (tcb + kernel) if tcb + kernel else 1.0,
            'allowlisted_macros': allowlisted(src, kernel_files),
            'ostd_files': ostd, 'ostd_unsafe_totals': totals}


def share_limit(points, kernel_lines):
    """The share limit, interpolated between [kernel lines, share] points.

    Where the share sits at the limit, the limit falls more slowly than
    the share does when only the kernel grows (share slope s(1-s)/K), so
    kernel growth alone never breaks the budget.
    """
    points = sorted(points)
    if kernel_lines <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        if kernel_lines <= x1:
            return y0 + (y1 - y0) * (kernel_lines - x0) / (x1 - x0)
    return points[-1][1]


def budget_check(data, budget):
    """Returns [(ok, text)] for every limit of the budget."""
    out = []
    lim = share_limit(budget['max_tcb_share'], data['kernel_lines'])
    out.append((data['tcb_share'] <= lim,
                f"TCB share {100 * data['tcb_share']:.1f}% <= "
                f"{100 * lim:.1f}% (limit at {data['kernel_lines']} kernel "
                'lines)'))
    out.append((data['tcb_lines'] <= budget['max_tcb_lines'],
                f"TCB lines {data['tcb_lines']} <= "
                f"{budget['max_tcb_lines']}"))
    for key, lim in sorted(budget['max_ostd_unsafe'].items()):
        got = data['ostd_unsafe_totals'][key]
        out.append((got <= lim, f'ostd {key} {got} <= {lim}'))
    n = len(data['allowlisted_macros'])
    out.append((n <= budget['max_allowlisted_macros'],
                f"allowlisted macros {n} <= "
                f"{budget['max_allowlisted_macros']}"))
    return out


def render(data, checks, summary=False):
    """Markdown; @summary leaves out the per-file table (for README.md)."""
    t = data['ostd_unsafe_totals']
    out = ['| part | files | code lines | TCB |', '|---|---:|---:|:-:|']
    for p in data['parts']:
        out.append(f"| {p['part']} | {p['files']} | {p['lines']} | "
                   f"{'yes' if p['tcb'] else ''} |")
    out += ['', f"TCB: **{data['tcb_lines']}** code lines "
            f"(ostd + include/ostd), **{100 * data['tcb_share']:.1f}%** of "
            f"TCB + kernel ({data['kernel_lines']} kernel lines).", '']
    for m in data['allowlisted_macros']:
        out.append(f"Allowlisted macro `{m['macro']}` ({m['header']}): "
                   f"{m['definition_lines']} line(s), {m['kernel_uses']} "
                   'use(s) in kernel/ - counted in include/ostd.')
    if summary:
        return '\n'.join(out + [
            '', f"Unsafe sites in ostd: {t['casts']} casts, "
            f"{t['implicit_retype']} implicit void * conversions, "
            f"{t['asm']} inline asm ({t['asm_lines']} lines of .S), "
            f"{t['pointer_arith']} pointer-arithmetic sites; "
            f"{t['safety_comments']} SAFETY: comments. Per file: "
            'docs/safe-subset.md.'])
    out += ['', '| ostd file | code lines | casts | implicit ptr retype | '
            'asm | ptr arith | SAFETY: |', '|---|---:|---:|---:|---:|---:|---:|']
    for r in data['ostd_files']:
        out.append(f"| {r['file']} | {r['lines']} | {r['casts']} | "
                   f"{r['implicit_retype']} | {r['asm']} | "
                   f"{r['pointer_arith']} | {r['safety_comments']} |")
    out.append(f"| **total (C)** | | {t['casts']} | {t['implicit_retype']} "
               f"| {t['asm']} (+{t['asm_lines']} .S lines) | "
               f"{t['pointer_arith']} | {t['safety_comments']} |")
    out += ['', 'Budget (tools/tcb-budget.json):']
    out += [f"- {'ok' if ok else 'EXCEEDED'}: {text}" for ok, text in checks]
    return '\n'.join(out)


def update_docs(src, data, checks):
    for rel, summary in (('README.md', True), ('docs/safe-subset.md', False)):
        text = render(data, checks, summary)
        path = os.path.join(src, rel)
        if not os.path.isfile(path):
            print(f'tcb-report: {rel} missing, not updated')
            continue
        doc = open(path).read()
        if BEGIN not in doc or END not in doc:
            print(f'tcb-report: {rel} has no {BEGIN} block, not updated')
            continue
        head, rest = doc.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        open(path, 'w').write(f'{head}{BEGIN}\n{text}\n{END}{tail}')
        print(f'tcb-report: updated {rel}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--source-dir', default=os.path.dirname(HERE))
    ap.add_argument('--budget', default=os.path.join(HERE,
                                                     'tcb-budget.json'))
    ap.add_argument('--check', action='store_true')
    ap.add_argument('--update-docs', action='store_true')
    opts = ap.parse_args()
    src = os.path.realpath(opts.source_dir)
    data = collect(src, os.path.realpath(opts.build_dir))
    checks = budget_check(data, json.load(open(opts.budget)))
    data['budget'] = [{'ok': ok, 'limit': text} for ok, text in checks]
    out = os.path.join(opts.build_dir, 'tcb-report.json')
    with open(out + f'.{os.getpid()}', 'w') as f:
        json.dump(data, f, indent=1)
    os.replace(out + f'.{os.getpid()}', out)  # tests may run side by side
    text = render(data, checks)
    print(text)
    if opts.update_docs:
        update_docs(src, data, checks)
    if opts.check and not all(ok for ok, _ in checks):
        print('tcb-report: budget exceeded; growing the TCB must be a '
              'deliberate change of tools/tcb-budget.json')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
