#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""audit.py - checks that kernel/ is written in racho's safe subset of C.

Usage:
  audit.py --build-dir B                 audit kernel/ (exit 0 = no finding)
  audit.py --build-dir B --fixture DIR   audit DIR as if it were kernel/
  audit.py --build-dir B --count OUT     count unsafe sites in ostd (JSON)

The rules are in docs/safe-subset.md. Three engines check them:
  - clang-tidy 22 with the query-based checks of clang-tidy.yaml (R1-R5),
    run on every kernel/ translation unit of B/compile_commands.json (the
    cross build); --fixture compiles DIR's .c files with the same flags;
  - lexical.py: NOLINT, macros, directives, includes (R6, R7);
  - callgraph.py: recursion across translation units (R5).
A finding spelled inside a macro of tools/audit/allowlist, defined in
include/ostd/, is trusted ostd code and is not reported.

Before anything else the driver audits canary.c and fails (exit 2) unless
every check of clang-tidy.yaml fires on it: a clang-tidy that is missing,
too old, or drops the custom checks can never pass with zero findings.
Exit status: 0 clean, 1 findings, 2 the audit could not run.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, HERE)
import callgraph  # noqa: E402
import lexical  # noqa: E402

DIAG_RE = re.compile(r'^(.+?):(\d+):(\d+): (warning|error|note): (.*?)'
                     r'(?: \[([\w.,-]+)\])?$')
MACRO_NOTE_RE = re.compile(r"expanded from macro '(\w+)'")
BUILTIN_RULES = {'hicpp-no-assembler': 'R3', 'misc-no-recursion': 'R5'}


class AuditError(Exception):
    """The audit could not run: never a pass, never a silent skip."""


def check_names(config):
    """The checks that clang-tidy.yaml enables, as clang-tidy names them."""
    text = open(config).read()
    names = ['custom-' + n for n in
             re.findall(r'^\s*-\s*Name:\s*(\S+)\s*$', text, re.M)]
    m = re.search(r"^Checks:\s*'([^']*)'", text, re.M)
    names += [c for c in (m.group(1).split(',') if m else [])
              if c in BUILTIN_RULES]
    if not names:
        raise AuditError(f'{config}: no checks found')
    return names


def rule_of(check):
    m = re.match(r'custom-r(\d)-', check or '')
    if m:
        return 'R' + m.group(1)
    if check in BUILTIN_RULES:
        return BUILTIN_RULES[check]
    return 'CC'  # a compiler error: the tree must compile


def entry_args(entry):
    if 'arguments' in entry:
        return list(entry['arguments'])
    return shlex.split(entry['command'])


def compiler_flags(entry):
    """The compile command of @entry without output, deps and source."""
    args, out, skip = entry_args(entry), [], False
    for i, a in enumerate(args):
        if skip:
            skip = False
            continue
        if a in ('-o', '-MQ', '-MF', '-MT'):
            skip = True
            continue
        if a in ('-c', '-MD', '-MMD', '-fcolor-diagnostics') or \
                (i == len(args) - 1 and a == entry['file']):
            continue
        out.append(a)
    return out


class Context:
    def __init__(self, opts):
        self.src = os.path.realpath(opts.source_dir)
        self.build = os.path.realpath(opts.build_dir)
        tidy = opts.clang_tidy
        self.tidy = os.path.abspath(tidy) if os.sep in tidy else tidy
        self.config = os.path.abspath(opts.config)
        self.jobs = max(1, opts.jobs)
        dbfile = os.path.join(self.build, 'compile_commands.json')
        try:
            self.db = json.load(open(dbfile))
        except (OSError, ValueError) as e:
            raise AuditError(f'cannot read {dbfile}: {e}')
        for e in self.db:
            e['abs'] = os.path.realpath(os.path.join(e['directory'],
                                                     e['file']))
        self.allow = self.load_allowlist(opts.allowlist)

    def rel(self, path):
        path = os.path.realpath(path)
        for base, tag in ((self.build, os.path.basename(self.build)),
                          (self.src, '')):
            if path == base or path.startswith(base + os.sep):
                return os.path.join(tag, os.path.relpath(path, base))
        return path

    def load_allowlist(self, path):
        allow = {}
        for no, line in enumerate(open(path), 1):
            line = line.split('#', 1)[0].split()
            if not line:
                continue
            if len(line) != 2 or not line[1].startswith('include/ostd/'):
                raise AuditError(f'{path}:{no}: expected "MACRO '
                                 'include/ostd/HEADER.h"')
            allow[line[0]] = os.path.realpath(os.path.join(self.src,
                                                           line[1]))
        return allow

    def entries_under(self, roots, exts=('.c',)):
        """Cross-build db entries of files in @roots, one per file.

        Host builds of the same files (unit tests, with ASan) are ignored:
        the audit is about the code as it is built for the kernel image.
        """
        best = {}
        for e in self.db:
            if e['abs'].endswith(exts) and lexical.inside(e['abs'], roots) \
                    and '--target=riscv64' in ' '.join(entry_args(e)):
                best.setdefault(e['abs'], e)
        return [best[k] for k in sorted(best)]

    def template(self):
        """Compiler flags of a kernel/ translation unit (for fixtures)."""
        kernel = self.entries_under([os.path.join(self.src, 'kernel')])
        if not kernel:
            raise AuditError('no kernel/ translation unit in '
                             'compile_commands.json to take flags from')
        return compiler_flags(kernel[0])

    def resource_dir(self, compiler):
        try:
            out = subprocess.run([compiler, '-print-resource-dir'],
                                 capture_output=True, text=True).stdout
        except OSError as e:
            raise AuditError(f'cannot run {compiler}: {e}')
        return os.path.realpath(out.strip())


def run_tidy(ctx, tus):
    """tus: [(source, flags)]. Returns the parsed diagnostics."""
    with tempfile.TemporaryDirectory(prefix='racho-audit-') as tmp:
        db = [{'directory': ctx.build, 'file': src,
               'arguments': flags + ['-c', src]} for src, flags in tus]
        with open(os.path.join(tmp, 'compile_commands.json'), 'w') as f:
            json.dump(db, f)
        base = [ctx.tidy, '--experimental-custom-checks',
                f'--config-file={ctx.config}', '-p', tmp,
                '--header-filter=.*', '--system-headers', '--quiet']
        files = [src for src, _ in tus]
        chunks = [files[i::ctx.jobs] for i in range(ctx.jobs)
                  if files[i::ctx.jobs]]

        def one(chunk):
            try:
                return subprocess.run(base + chunk, cwd=ctx.build,
                                      capture_output=True, text=True)
            except OSError as e:
                raise AuditError(f'cannot run clang-tidy ({ctx.tidy}): {e}. '
                                 'Install clang-tidy-22 (Debian security '
                                 'archive); the audit never skips.')
        with ThreadPoolExecutor(len(chunks)) as pool:
            procs = list(pool.map(one, chunks))
    diags = []
    for proc in procs:
        diags += parse_tidy(ctx, proc)
    return diags


def parse_tidy(ctx, proc):
    diags, errors = [], False
    for line in proc.stdout.split('\n'):
        if not line or line.startswith(' '):
            continue  # source excerpts and carets
        m = DIAG_RE.match(line)
        if not m or m.group(6) == 'clang-tidy-config':
            if re.match(r'(warning|error): ', line) or \
                    'clang-tidy-config' in line:
                raise AuditError(f'clang-tidy configuration problem: {line}')
            continue
        path = os.path.realpath(os.path.join(ctx.build, m.group(1)))
        if m.group(4) == 'note':
            if diags:
                diags[-1]['notes'].append((path, int(m.group(2)),
                                           m.group(5)))
            continue
        check = m.group(6) or 'clang-diagnostic-error'
        errors = errors or m.group(4) == 'error'
        diags.append({'abs': path, 'line': int(m.group(2)),
                      'col': int(m.group(3)), 'check': check,
                      'rule': rule_of(check), 'message': m.group(5),
                      'notes': []})
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and
                                         not errors):
        raise AuditError(f'clang-tidy failed (exit {proc.returncode}): '
                         f'{proc.stderr.strip()[-2000:]}')
    return diags


def run_canary(ctx, flags):
    """Proves that every configured check is active (else AuditError)."""
    canary = os.path.join(HERE, 'canary.c')
    fired = {d['check'] for d in run_tidy(ctx, [(canary, flags)])
             if d['abs'] == canary}
    missing = [c for c in check_names(ctx.config) if c not in fired]
    if missing:
        raise AuditError('the canary did not trigger ' + ', '.join(missing) +
                         ': clang-tidy is not running the audit checks '
                         '(missing --experimental-custom-checks support, '
                         'or a broken query). Refusing to pass.')
    return len(fired)


def macro_origin(ctx, diag):
    """(macro, is allowlisted) of the innermost macro a finding is in."""
    macros = [(p, MACRO_NOTE_RE.search(msg).group(1))
              for p, _, msg in diag['notes'] if MACRO_NOTE_RE.search(msg)]
    if not macros:
        return None, False
    path, name = macros[-1]
    return name, ctx.allow.get(name) == path


def audit(ctx, roots, tus, report):
    """Runs every engine on @tus and the files of @roots."""
    tree = lexical.Tree(roots, os.path.join(ctx.src, 'include', 'ostd'))
    if not tus:
        raise AuditError('no translation unit to audit under ' +
                         ', '.join(ctx.rel(r) for r in roots))
    active = run_canary(ctx, tus[0][1])
    findings, allowed = [], []
    for d in run_tidy(ctx, tus):
        if d['rule'] != 'CC' and not tree.owns(d['abs']):
            continue  # ostd headers' inline code: trusted, counted as TCB
        macro, ok = macro_origin(ctx, d)
        if ok:
            allowed.append(d)
            continue
        if macro and lexical.inside(d['notes'][-1][0],
                                    [tree.include_ostd]):
            d['message'] += f' (from ostd macro {macro}, not on the ' \
                            'allowlist)'
        d['path'] = ctx.rel(d['abs'])
        d['notes'] = [(ctx.rel(p), ln, msg) for p, ln, msg in d['notes']]
        findings.append(d)
    for path in tree.files():
        findings += lexical.scan_file(tree, path, ctx.rel(path))
    findings += lexical.scan_ostd_headers(tree, ctx.rel)
    resource = ctx.resource_dir(tus[0][1][0])
    for src, flags in tus:
        findings += lexical.check_resolved(tree, src, flags, ctx.build,
                                           resource, ctx.rel)
    rec, errors = callgraph.check([(s, f, ctx.build) for s, f in tus],
                                  ctx.rel, tree.owns)
    findings += rec
    if errors and not any(f['rule'] == 'CC' for f in findings):
        raise AuditError('; '.join(errors))
    uniq = {}
    for f in findings:
        uniq.setdefault((f['path'], f['line'], f['col'], f['check']), f)
    findings = sorted(uniq.values(),
                      key=lambda f: (f['path'], f['line'], f['col']))
    for f in findings:
        print(f"{f['path']}:{f['line']}:{f['col']}: {f['rule']} "
              f"[{f['check']}] {f['message']}")
        for p, ln, msg in f['notes']:
            print(f'    {p}:{ln}: note: {msg}')
    sites = {(d['abs'], d['line'], d['col']) for d in allowed}
    report(f'audit: {len(findings)} finding(s) in {len(tus)} translation '
           f'unit(s) and {len(tree.files())} file(s); {active} checks '
           f'active (canary); {len(sites)} allowlisted ostd macro site(s)')
    return 1 if findings else 0


def count(ctx, out):
    """Unsafe-site counts per ostd file, for tools/tcb_report.py."""
    roots = [os.path.join(ctx.src, 'ostd'),
             os.path.join(ctx.src, 'include', 'ostd')]
    tus = [(e['abs'], compiler_flags(e)) for e in ctx.entries_under(roots)]
    if not tus:
        raise AuditError('no ostd translation unit in compile_commands.json')
    run_canary(ctx, tus[0][1])
    sites = {}
    for d in run_tidy(ctx, tus):
        if d['rule'] == 'CC':
            raise AuditError(f"ostd does not compile: {ctx.rel(d['abs'])}:"
                             f"{d['line']}: {d['message']}")
        if lexical.inside(d['abs'], roots):
            sites[(ctx.rel(d['abs']), d['line'], d['col'],
                   d['check'])] = True
    per_file = {}
    for path, _, _, check in sites:
        per_file.setdefault(path, {}).setdefault(check, 0)
        per_file[path][check] += 1
    with open(out, 'w') as f:
        json.dump({'translation_units': [ctx.rel(s) for s, _ in tus],
                   'sites': per_file}, f, indent=1, sort_keys=True)
    return 0


def check_docs(ctx):
    """Each allowlisted macro is defined where listed and documented."""
    doc = open(os.path.join(ctx.src, 'docs', 'safe-subset.md')).read()
    bad = []
    for name, header in sorted(ctx.allow.items()):
        text = open(header).read() if os.path.isfile(header) else ''
        if not re.search(r'#\s*define\s+' + name + r'\b', text):
            bad.append(f'{name}: not defined in {ctx.rel(header)}')
        if not re.search(r'^#+ .*`' + name + r'`', doc, re.M):
            bad.append(f'{name}: no heading in docs/safe-subset.md')
    for b in bad:
        print('allowlist: ' + b)
    print(f'allowlist: {len(ctx.allow)} macro(s), {len(bad)} problem(s)')
    return 1 if bad else 0


def kernel_tus(ctx, roots):
    """Every .c of kernel/ (built or not) and the generated kernel TUs.

    A kernel/ file that is not (yet) in the image build is audited with
    the flags of one that is, so that nothing in kernel/ escapes the rules.
    """
    entries = {e['abs']: compiler_flags(e) for e in ctx.entries_under(roots)}
    tus, template = [], None
    for path in lexical.Tree(roots[:1], '').files():
        if not path.endswith('.c'):
            continue
        if path not in entries:
            template = template or ctx.template()
            print(f'audit: note: {ctx.rel(path)} is not in the image build; '
                  'audited with the kernel flags')
        tus.append((path, entries.get(path) or template))
    for path, flags in sorted(entries.items()):
        if not lexical.inside(path, roots[:1]):
            if not os.path.isfile(path):
                raise AuditError(f'generated kernel source {ctx.rel(path)} '
                                 'is not built yet (run ninja first)')
            tus.append((path, flags))
    return tus


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build-dir', required=True)
    ap.add_argument('--source-dir', default=os.path.dirname(
        os.path.dirname(HERE)))
    ap.add_argument('--fixture', help='audit this directory as kernel/')
    ap.add_argument('--count', metavar='OUT.json',
                    help='count unsafe sites in ostd instead of auditing')
    ap.add_argument('--check-docs', action='store_true')
    ap.add_argument('--clang-tidy', default=os.environ.get(
        'RACHO_CLANG_TIDY', 'clang-tidy-22'))
    ap.add_argument('--config', default=os.path.join(HERE, 'clang-tidy.yaml'))
    ap.add_argument('--allowlist', default=os.path.join(HERE, 'allowlist'))
    ap.add_argument('-j', '--jobs', type=int, default=2)
    opts = ap.parse_args()
    try:
        ctx = Context(opts)
        if opts.check_docs:
            return check_docs(ctx)
        if opts.count:
            return count(ctx, opts.count)
        if opts.fixture:
            root = os.path.realpath(opts.fixture)
            flags = ctx.template()
            tus = [(os.path.join(root, n), flags)
                   for n in sorted(os.listdir(root)) if n.endswith('.c')]
            roots = [root]
        else:
            kernel = os.path.join(ctx.src, 'kernel')
            gen = os.path.join(ctx.build, 'kernel')
            roots = [kernel, gen]
            tus = kernel_tus(ctx, roots)
        return audit(ctx, roots, tus, print)
    except AuditError as e:
        print(f'audit: ERROR: {e}', file=sys.stderr)
        return 2


if __name__ == '__main__':
    sys.exit(main())
