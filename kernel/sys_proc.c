// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_proc.c - process system calls: clone, execve, exit,
 * exit_group, wait4, the pid/tid calls, process groups and sessions, and
 * sched_yield. The work is in fork.c, exec.c and proc.c; this file
 * decodes the arguments as Linux riscv64 passes them.
 */
#include <ostd/task.h>

#include "errno.h"
#include "exec.h"
#include "mm/mm.h"
#include "proc.h"
#include "syscall.h"
#include "uapi/resource.h"

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

/* One thread per process: the thread id is the pid. */
long sys_gettid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->pid;
}

long sys_getppid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return proc_getppid(t);
}

long sys_set_tid_address(struct kernel_task *t,
			 const struct syscall_args *args)
{
	t->clear_child_tid = args->a[0];
	return t->pid;
}

long sys_sched_yield(struct kernel_task *t, const struct syscall_args *args)
{
	(void)t;
	(void)args;
	ostd_sched_yield();
	return 0;
}

/* clone(flags, newsp, parent_tid, tls, child_tid): riscv64's order. */
long sys_clone(struct kernel_task *t, const struct syscall_args *args)
{
	return task_clone(t, args->a[0], args->a[1], args->a[2], args->a[3],
			  args->a[4]);
}

long sys_execve(struct kernel_task *t, const struct syscall_args *args)
{
	return exec_execve(t, args->a[0], args->a[1], args->a[2]);
}

/* wait4(pid, wstatus, options, rusage). */
long sys_wait4(struct kernel_task *t, const struct syscall_args *args)
{
	int pid = args->a[0];
	ostd_uaddr_t ustatus = args->a[1];
	unsigned options = args->a[2];
	ostd_uaddr_t urusage = args->a[3];
	struct proc_waited w;
	long ret = proc_wait(t, pid, options, &w);

	if (ret <= 0)
		return ret;
	/* The child is reaped whatever happens now, as on Linux. */
	if (ustatus &&
	    mm_copy_to_user(t->mm, ustatus, &w.status, sizeof(w.status)) < 0)
		return -EFAULT;
	if (urusage) {
		struct linux_rusage ru;

		usage_to_rusage(&w.usage, &ru);
		if (mm_copy_to_user(t->mm, urusage, &ru, sizeof(ru)) < 0)
			return -EFAULT;
	}
	return ret;
}

long sys_getpgid(struct kernel_task *t, const struct syscall_args *args)
{
	return proc_getpgid(t, args->a[0]);
}

long sys_setpgid(struct kernel_task *t, const struct syscall_args *args)
{
	return proc_setpgid(t, args->a[0], args->a[1]);
}

long sys_getsid(struct kernel_task *t, const struct syscall_args *args)
{
	return proc_getsid(t, args->a[0]);
}

long sys_setsid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return proc_setsid(t);
}
