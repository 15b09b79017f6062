/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/syscall.h - system call dispatch and the sys_* handlers.
 *
 * Every handler takes the calling task and its six raw argument registers
 * and returns what goes back in a0: a result, or a negative Linux errno.
 * Handlers live one family per file (sys_fs.c, sys_proc.c, sys_time.c).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <ostd/types.h>

#include "task.h"

/* a0..a5 at the ecall, as the user left them. */
struct syscall_args {
	uint64_t a[6];
};

/*
 * Handles the ecall @t just made: advances its pc past the ecall, runs
 * the handler for the number in a7 (-ENOSYS for unknown numbers) and
 * stores the result in a0.
 */
void syscall_dispatch(struct kernel_task *t);

/* sys_fs.c */
long sys_read(struct kernel_task *t, const struct syscall_args *args);
long sys_write(struct kernel_task *t, const struct syscall_args *args);

/* sys_proc.c */
long sys_exit(struct kernel_task *t, const struct syscall_args *args);
long sys_exit_group(struct kernel_task *t, const struct syscall_args *args);
long sys_getpid(struct kernel_task *t, const struct syscall_args *args);
long sys_sched_yield(struct kernel_task *t, const struct syscall_args *args);

/* sys_mm.c */
long sys_brk(struct kernel_task *t, const struct syscall_args *args);
long sys_mmap(struct kernel_task *t, const struct syscall_args *args);
long sys_munmap(struct kernel_task *t, const struct syscall_args *args);
long sys_mprotect(struct kernel_task *t, const struct syscall_args *args);
long sys_madvise(struct kernel_task *t, const struct syscall_args *args);
long sys_mremap(struct kernel_task *t, const struct syscall_args *args);
long sys_msync(struct kernel_task *t, const struct syscall_args *args);

/* sys_time.c */
long sys_gettimeofday(struct kernel_task *t, const struct syscall_args *args);
long sys_clock_gettime(struct kernel_task *t, const struct syscall_args *args);
long sys_nanosleep(struct kernel_task *t, const struct syscall_args *args);

#endif
