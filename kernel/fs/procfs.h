/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/procfs.h - the proc file system (mounted on /proc at boot).
 */
#ifndef KERNEL_FS_PROCFS_H
#define KERNEL_FS_PROCFS_H

/*
 * Registers the "proc" file system type. Every mount shows the one
 * instance, as Linux does within a pid namespace. Once, at boot, after
 * vfs_init().
 */
int procfs_init(void);

#endif
