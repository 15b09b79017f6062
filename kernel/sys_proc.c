// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_proc.c - process system calls: clone, execve, execveat,
 * exit, exit_group, wait4, waitid, the pid/tid calls, process groups and
 * sessions, and sched_yield. The work is in fork.c, exec.c and proc.c;
 * this file decodes the arguments as Linux riscv64 passes them.
 */
#include <ostd/task.h>

#include "errno.h"
#include "exec.h"
#include "fault.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "uapi/resource.h"

/* The user's struct siginfo: its size, and where waitid() writes. */
#define SIGINFO_SIZE 128
#define SIGINFO_CHLD_OFF 16 /* the union, 8-aligned: si_pid, si_uid.. */

/* si_signo, si_errno, si_code. */
struct waitid_head {
	int32_t signo;
	int32_t err;
	int32_t code;
};

/* The start of the SIGCHLD part of the union. */
struct waitid_chld {
	int32_t pid;
	uint32_t uid;
	int32_t status;
};

/* Linux wait status of a normal exit: the low 8 bits of the code, << 8. */
static int exit_status_of(uint64_t code)
{
	int low = code & 0xff;

	return low << 8;
}

long sys_exit(struct kernel_task *t, const struct syscall_args *args)
{
	/* Only this thread: the process ends with its last one. */
	task_exit_thread(t, exit_status_of(args->a[0]));
}

long sys_exit_group(struct kernel_task *t, const struct syscall_args *args)
{
	task_exit(t, exit_status_of(args->a[0]));
}

long sys_getpid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->tgid; /* the process: the group leader's pid */
}

/* The thread's own id (the pid, for a group leader). */
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

/* execveat(dirfd, path, argv, envp, flags). */
long sys_execveat(struct kernel_task *t, const struct syscall_args *args)
{
	return exec_execveat(t, args->a[0], args->a[1], args->a[2], args->a[3],
			     args->a[4]);
}

/* A waited child's usage as a struct rusage at @urusage (none if 0). */
static int put_rusage(struct kernel_task *t, ostd_uaddr_t urusage,
		      const struct task_usage *usage)
{
	struct linux_rusage ru;

	if (!urusage)
		return 0;
	usage_to_rusage(usage, &ru);
	return mm_copy_to_user(t->mm, urusage, &ru, sizeof(ru)) < 0 ? -EFAULT
								      : 0;
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
	if (put_rusage(t, urusage, &w.usage) < 0)
		return -EFAULT;
	return ret;
}

/* Linux's kernel_waitid() checks, in its order. */
static int waitid_check(int idtype, int id, unsigned options)
{
	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			WNOTHREAD | WCLONE | WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	switch (idtype) {
	case P_ALL:
		return 0;
	case P_PID:
		return id <= 0 ? -EINVAL : 0;
	case P_PGID:
		return id < 0 ? -EINVAL : 0;
	case P_PIDFD:
		/* No file is a pidfd here: Linux's pidfd_get_pid() says EBADF
		 * for any other fd, open or not. */
		return id < 0 ? -EINVAL : -EBADF;
	default:
		return -EINVAL;
	}
}

/*
 * Writes the fields of the user's siginfo that Linux's waitid() writes,
 * and only those: all zero but si_signo = SIGCHLD for a child found.
 */
static int waitid_put_info(struct kernel_task *t, ostd_uaddr_t uinfo,
			   const struct proc_waited *w, bool found)
{
	struct waitid_head h = { 0, 0, 0 };
	struct waitid_chld c = { 0, 0, 0 };
	int sig = w->status & 0x7f;

	if (found) {
		h.signo = SIGCHLD;
		h.code = CLD_EXITED;
		c.status = (w->status >> 8) & 0xff;
		if (w->status == 0xffff) { /* wait4's "continued" */
			h.code = CLD_CONTINUED;
			c.status = SIGCONT;
		} else if (sig == 0x7f) { /* stopped: (signal << 8) | 0x7f */
			h.code = CLD_STOPPED;
		} else if (sig != 0) {
			h.code = (w->status & 0x80) ? CLD_DUMPED : CLD_KILLED;
			c.status = sig;
		}
		c.pid = w->pid;
		c.uid = w->uid;
	}
	/* Linux's user_write_access_begin() checks the whole struct. */
	if (!fsargs_range_ok(uinfo, SIGINFO_SIZE) ||
	    mm_copy_to_user(t->mm, uinfo, &h, sizeof(h)) < 0 ||
	    mm_copy_to_user(t->mm, uinfo + SIGINFO_CHLD_OFF, &c, sizeof(c)) < 0)
		return -EFAULT;
	return 0;
}

/* waitid(idtype, id, infop, options, rusage): the raw call has rusage. */
long sys_waitid(struct kernel_task *t, const struct syscall_args *args)
{
	struct proc_wait_opts w = { args->a[0], args->a[1], args->a[3] };
	ostd_uaddr_t uinfo = args->a[2];
	ostd_uaddr_t urusage = args->a[4];
	struct proc_waited pw = { 0 };
	long ret = waitid_check(w.idtype, w.id, w.options);

	if (ret == 0)
		ret = proc_do_wait(t, &w, &pw);
	/* The child is reaped (unless WNOWAIT) whatever happens now. */
	if (ret > 0 && put_rusage(t, urusage, &pw.usage) < 0)
		return -EFAULT;
	/* Even an error clears the fields, as Linux does. */
	if (uinfo && waitid_put_info(t, uinfo, &pw, ret > 0) < 0)
		return -EFAULT;
	return ret > 0 ? 0 : ret;
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
