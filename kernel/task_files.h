/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/task_files.h - a process's files: its fd table (struct fdtable)
 * and its place in the tree (struct fs_context: root, cwd, umask), from
 * creation through fork, exec and exit.
 *
 * Who calls what:
 *   boot        files_boot_init()        (kernel/main.c, before any task)
 *   task_spawn  task_files_init()        (a process the kernel starts)
 *   fork/clone  task_files_fork()        (CLONE_FILES / CLONE_FS share)
 *   execve      task_files_exec()        (closes close-on-exec fds)
 *   exit        task_files_release()     (closes everything: pipe EOFs)
 *   setrlimit   task_files_limit()       (RLIMIT_NOFILE)
 */
#ifndef KERNEL_TASK_FILES_H
#define KERNEL_TASK_FILES_H

#include <ostd/types.h>

#include "task.h"

/*
 * The root tmpfs, FIFOs and the early console file. Once, at boot, after
 * console_tty_init() and before the first task; the initramfs is unpacked
 * after it.
 */
int files_boot_init(void);

/*
 * A fresh fd table and a context at "/" (umask 022) for @t, with the
 * early console on fds 0, 1 and 2 (see console_file.c). -ENOMEM; on
 * failure @t holds nothing.
 */
int task_files_init(struct kernel_task *t);

/*
 * fork/clone: @child shares @parent's table with CLONE_FILES and its
 * context with CLONE_FS (Linux's flag values, uapi/resource.h), and
 * copies them otherwise. -ENOMEM; on failure @child holds nothing.
 */
int task_files_fork(struct kernel_task *child, struct kernel_task *parent,
		    uint64_t clone_flags);

/* execve: closes every close-on-exec fd of @t. */
void task_files_exec(struct kernel_task *t);

/* exit (and freeing a task that never ran): drops @t's table and context;
 * the last reference closes the files. Idempotent. */
void task_files_release(struct kernel_task *t);

/* RLIMIT_NOFILE's soft limit changed to @nofile. */
void task_files_limit(struct kernel_task *t, uint64_t nofile);

#endif
