// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/proc_wait.c - wait4() and waitid(): Linux's do_wait() over the
 * process tree (see proc.h). Any thread of a process waits for the
 * process's children, which are its leader's.
 */
#include <ostd/mem.h>
#include <ostd/task.h>

#include "errno.h"
#include "fault.h"
#include "jobctl.h"
#include "proc.h"
#include "signal.h"
#include "tasklist.h"

/* Linux's eligible_pid() and eligible_child() for wait4() and waitid(). */
static bool wait_selects(const struct kernel_task *t,
			 const struct kernel_task *c,
			 const struct proc_wait_opts *w)
{
	bool clone_child = c->exit_signal != SIGCHLD;
	int pgid = w->id == 0 ? t->pgid : w->id;

	if (w->idtype == P_PID && c->pid != w->id)
		return false;
	if (w->idtype == P_PGID && c->pgid != pgid)
		return false;
	if (w->options & WALL)
		return true;
	return clone_child == ((w->options & WCLONE) != 0);
}

/*
 * Linux's wait_task_zombie: reports zombie @c of @t into @out and, unless
 * WNOWAIT, unlinks it (the caller frees it). Lock held.
 */
static void wait_report_locked(struct kernel_task *t, struct kernel_task *c,
			       unsigned options, struct proc_waited *out)
{
	out->pid = c->pid;
	out->uid = c->cred.uid;
	out->status = c->exit_status;
	out->usage = c->usage;
	proc_usage_add(&out->usage, &c->child_usage);
	if (options & WNOWAIT)
		return; /* it stays waitable, and its times stay its own */
	/* The parent inherits the times. */
	proc_usage_add(&t->child_usage, &out->usage);
	proc_unlink_zombie_locked(c);
}

/* A stop or continue of live child @c, for WSTOPPED/WCONTINUED. */
static bool wait_jobctl_locked(struct kernel_task *c, unsigned options,
			       struct proc_waited *out)
{
	int status;

	if (!jobctl_wait_report_locked(c, options, &status))
		return false;
	out->pid = c->pid;
	out->uid = c->cred.uid;
	out->status = status;
	out->usage = c->usage;
	proc_usage_add(&out->usage, &c->child_usage);
	return true;
}

/*
 * One scan of @t's children (Linux's do_wait_thread): reports the first
 * selected zombie, or stopped or continued child, into @out and returns
 * it (a zombie unlinked unless WNOWAIT, *@reaped then true), or returns
 * NULL and says whether a selected child lives on. Without WEXITED a
 * zombie is neither reported nor counted, as on Linux: it can never stop
 * or continue again.
 */
static struct kernel_task *wait_scan_locked(struct kernel_task *t,
					    const struct proc_wait_opts *w,
					    struct proc_waited *out,
					    bool *any, bool *reaped)
{
	struct kernel_task *c;

	*any = false;
	*reaped = false;
	for (c = task_list_first(&t->children); c;
	     c = task_list_next(&t->children, c)) {
		if (!wait_selects(t, c, w))
			continue;
		if (c->state != TASK_ZOMBIE || c->group_live > 0) {
			if (wait_jobctl_locked(c, w->options, out))
				return c;
			*any = true;
			continue;
		}
		if (!(w->options & WEXITED))
			continue;
		wait_report_locked(t, c, w->options, out);
		*reaped = (w->options & WNOWAIT) == 0;
		return c;
	}
	return NULL;
}

long proc_do_wait(struct kernel_task *t, const struct proc_wait_opts *w,
		  struct proc_waited *out)
{
	for (;;) {
		struct ostd_irq_guard g = proc_lock();
		bool any, reaped;
		struct kernel_task *z = wait_scan_locked(t->leader, w, out,
							 &any, &reaped);

		t->waiting = !z && any && !(w->options & WNOHANG);
		proc_unlock(&g);
		if (z) {
			/* Exited tasks no longer run; no one else links it. */
			if (reaped)
				ostd_heap_free(z);
			return out->pid;
		}
		if (!any)
			return -ECHILD;
		if (w->options & WNOHANG)
			return 0;
		if (signal_pending(t))
			return -ERESTARTSYS; /* dies, or a handler runs */
		task_block(t);
	}
}

long proc_wait(struct kernel_task *t, int pid, unsigned options,
	       struct proc_waited *out)
{
	struct proc_wait_opts w = { P_ALL, 0, options | WEXITED };

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL |
			WCLONE))
		return -EINVAL;
	/* Linux: -INT_MIN would overflow, so that pid matches nothing. */
	if (pid == INT32_MIN)
		return -ESRCH;
	if (pid > 0) {
		w.idtype = P_PID;
		w.id = pid;
	} else if (pid == 0 || pid < -1) {
		w.idtype = P_PGID; /* id 0: the caller's group */
		w.id = -pid;
	}
	return proc_do_wait(t, &w, out);
}
