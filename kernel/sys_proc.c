// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_proc.c - process system calls: exit, exit_group, getpid,
 * sched_yield.
 */
#include <ostd/task.h>

#include "syscall.h"

/* Linux wait status of a normal exit: the low 8 bits of the code, << 8. */
static int exit_status_of(uint64_t code)
{
	int low = code & 0xff;

	return low << 8;
}

long sys_exit(struct kernel_task *t, const struct syscall_args *args)
{
	/* Processes are single-threaded: ending the thread ends the process. */
	task_exit(t, exit_status_of(args->a[0]));
}

long sys_exit_group(struct kernel_task *t, const struct syscall_args *args)
{
	task_exit(t, exit_status_of(args->a[0]));
}

long sys_getpid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->pid;
}

long sys_sched_yield(struct kernel_task *t, const struct syscall_args *args)
{
	(void)t;
	(void)args;
	ostd_sched_yield();
	return 0;
}
