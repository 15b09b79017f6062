/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/console_file.h - the early console file (fds 0-2 of the
 * processes the kernel starts; see console_file.c).
 */
#ifndef KERNEL_CONSOLE_FILE_H
#define KERNEL_CONSOLE_FILE_H

#include "fs/vfs.h"

/* Creates the file. Once, at boot, after vfs_init() and the console TTY. */
int console_file_init(void);
/* The file with a new reference, or NULL before console_file_init(). */
struct file *console_file_get(void);

#endif
