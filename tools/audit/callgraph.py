# SPDX-License-Identifier: GPL-2.0
"""R5 across files: recursion whose call cycle spans translation units.

misc-no-recursion sees one translation unit at a time, so a.c:f -> b.c:g
-> a.c:f passes it. Here every audited translation unit is compiled to
LLVM IR at -O0 (no inlining, one `call` per call in the source), the
direct calls of the whole tree form one graph, and every cycle that
involves functions defined in more than one file is reported at each
function's definition. Static functions are keyed by their translation
unit, so two static helpers with the same name do not merge.

Limits: calls through function pointers (ostd's sched ops, task entry)
and calls that go through ostd back into the tree are not edges.
"""
import os
import re
import subprocess

DEFINE_RE = re.compile(r'^define\s+([^@]*)@"?([^"(\s]+)"?\(.*?(?:!dbg !(\d+))?'
                       r'\s*\{?\s*$')
CALL_RE = re.compile(r'\b(?:call|invoke)\b[^%@]*?@"?([^"(\s]+)"?\(')
SUBPROGRAM_RE = re.compile(r'^!(\d+) = distinct !DISubprogram\(.*?'
                           r'file: !(\d+), line: (\d+)')
FILE_RE = re.compile(r'^!(\d+) = !DIFile\(filename: "([^"]*)", '
                     r'directory: "([^"]*)"')


def _parse_ir(ir, tu):
    """Returns {(scope, name): (file, line, [callee names])}."""
    funcs, subs, files = {}, {}, {}
    cur = None
    for line in ir.split('\n'):
        m = DEFINE_RE.match(line)
        if m:
            scope = tu if 'internal' in m.group(1).split() else ''
            cur = (scope, m.group(2))
            funcs[cur] = [m.group(3), []]
            continue
        if line.startswith('}'):
            cur = None
            continue
        if cur is not None:
            for callee in CALL_RE.findall(line):
                if not callee.startswith('llvm.'):
                    funcs[cur][1].append(callee)
            continue
        m = SUBPROGRAM_RE.match(line)
        if m:
            subs[m.group(1)] = (m.group(2), int(m.group(3)))
        m = FILE_RE.match(line)
        if m:
            files[m.group(1)] = os.path.join(m.group(3), m.group(2))
    out = {}
    for key, (dbg, callees) in funcs.items():
        fid, line = subs.get(dbg, (None, 1))
        out[key] = (os.path.realpath(files.get(fid, tu)), line, callees)
    return out


def _sccs(graph):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on.add(nxt)
                    work.append((nxt, iter(graph[nxt])))
                    advanced = True
                    break
                if nxt in on:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                out.append(comp)
    return out


def check(tus, relpath, owns):
    """tus: [(source, args, cwd)]. Returns (findings, errors)."""
    funcs, errors = {}, []
    for src, args, cwd in tus:
        proc = subprocess.run(args + ['-S', '-emit-llvm', '-O0', '-g',
                                      '-o', '-', src],
                              cwd=cwd, capture_output=True, text=True)
        if proc.returncode != 0:
            errors.append(f'{relpath(src)}: cannot compile to IR for the '
                          'cross-file recursion check')
            continue
        funcs.update(_parse_ir(proc.stdout, src))
    graph = {}
    for (scope, name), (_, _, callees) in funcs.items():
        edges = []
        for callee in callees:
            if (scope, callee) in funcs and scope:
                edges.append((scope, callee))
            elif ('', callee) in funcs:
                edges.append(('', callee))
        graph[(scope, name)] = edges
    findings = []
    for comp in _sccs(graph):
        files = {funcs[k][0] for k in comp}
        if len(files) < 2:
            continue  # one file: misc-no-recursion reports it
        members = ', '.join(f'{k[1]} ({relpath(funcs[k][0])})'
                            for k in sorted(comp, key=lambda k: k[1]))
        for key in comp:
            path, line, _ = funcs[key]
            if not owns(path):
                continue
            findings.append({
                'path': relpath(path), 'line': line, 'col': 1, 'rule': 'R5',
                'check': 'racho-cross-file-recursion', 'notes': [],
                'message': f"function '{key[1]}' is in a recursive call "
                           f'cycle that spans files: {members}'})
    return findings, errors
