/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/devtmpfs.h - devtmpfs: a tmpfs holding the device nodes of
 * the drivers the kernel has (mounted on /dev at boot).
 */
#ifndef KERNEL_FS_DEVTMPFS_H
#define KERNEL_FS_DEVTMPFS_H

#include "fs/vfs.h"

/* Major 5: the tty devices (/dev/tty 5:0, /dev/console 5:1). */
#define TTYAUX_MAJOR 5
#define TTY_MINOR_TTY 0
#define TTY_MINOR_CONSOLE 1

/*
 * Registers the "devtmpfs" file system type. Its one super block (every
 * mount shows the same nodes, as on Linux) is a tmpfs with root mode 0755
 * holding console, tty, null, zero, full, random and urandom. Once, at
 * boot, after vfs_init().
 */
int devtmpfs_init(void);

#endif
