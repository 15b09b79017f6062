/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/initramfs.h - unpacking the initramfs (a newc cpio archive, the
 * -initrd of QEMU) into the root tmpfs, as Linux's init/initramfs.c does.
 */
#ifndef KERNEL_INITRAMFS_H
#define KERNEL_INITRAMFS_H

#include <ostd/bytes.h>

/*
 * Creates every entry of @archive under "/" with its mode, owner and
 * mtime: directories, regular files, symlinks, device nodes, FIFOs,
 * sockets, and hard links (entries sharing an inode number). As on
 * Linux, an entry that cannot be created (a missing parent directory,
 * say) is skipped with a warning and the rest goes on. A malformed or a
 * compressed archive panics, naming the offset and the problem: booting
 * half an initramfs would only fail later, less clearly.
 */
void initramfs_unpack(struct ostd_bytes archive);

#endif
