#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Makes the broken initramfs images of the negative boot tests.

Usage: make_initrd.py KIND OUT
  empty    a zero-byte file (QEMU passes it as start == end)
  corrupt  a newc archive whose second header has a bad magic, at
           offset 116 (the first entry is the directory "etc")
  gzip     a valid archive, gzip-compressed (racho does not decompress)
  noinit   a valid archive with no /init (and nothing init= could run)
  noexec   a valid archive whose /init is an executable text file that
           is neither ELF nor a #! script
Archives are written with tools/mkcpio.py's writer, so they are
deterministic.
"""
import gzip
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    'mkcpio', os.path.join(HERE, '..', '..', 'tools', 'mkcpio.py'))
mkcpio = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mkcpio)


def archive(entries):
    w = mkcpio.Writer(0)
    for name, mode, data in entries:
        w.add(name, mode, data)
    return w.finish()


def basic():
    return archive([('etc/hello', mkcpio.S_IFREG | 0o644, b'hello\n')])


def corrupt():
    data = bytearray(basic())
    # Entry 1, the directory "etc": header (110) + "etc\0" (4), padded to
    # a multiple of 4, and no data: the second header is at 116.
    second = data.index(b'070701', 1)
    data[second:second + 6] = b'070799'
    if second != 116:
        sys.exit(f'make_initrd: second header at {second}, tests expect 116')
    return bytes(data)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    kind, out = sys.argv[1], sys.argv[2]
    if kind == 'empty':
        data = b''
    elif kind == 'corrupt':
        data = corrupt()
    elif kind == 'gzip':
        data = gzip.compress(basic(), mtime=0)
    elif kind == 'noinit':
        data = basic()
    elif kind == 'noexec':
        data = archive([('init', mkcpio.S_IFREG | 0o755,
                         b'this is not a program\n')])
    else:
        sys.exit(f'make_initrd: unknown kind {kind!r}')
    with open(out, 'wb') as f:
        f.write(data)
    return 0


if __name__ == '__main__':
    sys.exit(main())
