/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/pipe.h - pipes (pipe2) and FIFOs (see pipe.c for semantics).
 */
#ifndef KERNEL_FS_PIPE_H
#define KERNEL_FS_PIPE_H

#include <ostd/types.h>

#include "fs/vfs.h"

/* Registers the FIFO file operations with the VFS. Once, at boot. */
void pipe_init(void);

/*
 * pipe2(2): a new pipe as a read end and a write end, each with one
 * reference. @flags may hold O_NONBLOCK (the caller checks the rest and
 * handles O_CLOEXEC). -ENOMEM.
 */
int pipe_create(uint32_t flags, struct file **rd, struct file **wr);

#endif
