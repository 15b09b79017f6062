// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/jobctl.c - job-control stops: what SIGSTOP, SIGTSTP, SIGTTIN,
 * SIGTTOU and SIGCONT do to a process, and what its parent learns of it.
 *
 * Linux's rules (kernel/signal.c: prepare_signal, do_signal_stop,
 * do_notify_parent_cldstop), for single-threaded processes:
 * - Sending a stop signal discards a pending SIGCONT. Sending SIGCONT
 *   discards pending stop signals and a stop not done yet and, if the
 *   process is stopped, resumes it at once, whatever SIGCONT's handler
 *   or mask (the signal itself is then handled as usual).
 * - A stop signal with the default action is not queued: it asks the
 *   process to stop (jc.stop_sig), which it does in its own context on
 *   the way back to user mode, as it dies of a fatal signal there. SIGTSTP,
 *   SIGTTIN and SIGTTOU are discarded when the process group is orphaned
 *   (no member has a parent in another group of the same session).
 * - The parent hears of a stop and of a continue once each: a SIGCHLD
 *   with CLD_STOPPED or CLD_CONTINUED, unless its SIGCHLD action has
 *   SA_NOCLDSTOP, and a wait4(WUNTRACED) / waitid(WSTOPPED) or
 *   WCONTINUED report.
 * - A stopped process runs nothing: signals stay pending, except SIGKILL
 *   (and any fatal signal SIGCONT lets through), which ends it.
 *
 * Locking: struct task_jobctl is protected by the process lock
 * (proc_lock()), like the signal state it goes with.
 */
#include <ostd/task.h>

#include "fault.h"
#include "jobctl.h"
#include "proc.h"
#include "signal.h"

#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22

bool jobctl_is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

static uint64_t stop_bits(void)
{
	return signal_bit(SIGSTOP) | signal_bit(SIGTSTP) |
	       signal_bit(SIGTTIN) | signal_bit(SIGTTOU);
}

/* SIGCHLD to @t's parent, unless it asked for none (SA_NOCLDSTOP). */
static void notify_parent_locked(struct kernel_task *t, int code, int status)
{
	struct kernel_task *p = t->parent;
	struct task_siginfo info = { 0 };

	if (p == NULL)
		return;
	if ((p->sig.action[SIGCHLD - 1].flags & SA_NOCLDSTOP) == 0) {
		info.code = code;
		info.pid = t->pid;
		info.uid = t->cred.uid;
		info.status = status;
		signal_send_info_locked(p, SIGCHLD, &info);
	}
	proc_wake_waiter_locked(p);
}

void jobctl_prepare_locked(struct kernel_task *t, int sig)
{
	if (jobctl_is_stop_signal(sig)) {
		t->sig.pending &= ~signal_bit(SIGCONT);
		return;
	}
	if (sig != SIGCONT)
		return;
	t->sig.pending &= ~stop_bits();
	t->jc.stop_sig = 0;
	if (!t->jc.stopped)
		return;
	t->jc.stopped = false;
	t->jc.report = JOBCTL_REPORT_CONTINUED;
	notify_parent_locked(t, CLD_CONTINUED, SIGCONT);
	if (t->task && t != task_current())
		ostd_sched_wake(t->task);
}

/*
 * Linux's will_become_orphaned_pgrp(): no member of group @pgid has a
 * parent (other than init) in another group of the same session.
 */
static bool pgrp_orphaned_locked(int pgid)
{
	struct kernel_task *p;

	for (p = proc_next_locked(0); p; p = proc_next_locked(p->pid)) {
		const struct kernel_task *q = p->parent;

		if (p->pgid != pgid || p->state != TASK_ALIVE || q == NULL ||
		    q->pid == 1)
			continue;
		if (q->pgid != pgid && q->sid == p->sid)
			return false;
	}
	return true;
}

void jobctl_request_stop_locked(struct kernel_task *t, int sig)
{
	if (sig != SIGSTOP && pgrp_orphaned_locked(t->pgid))
		return;
	t->jc.stop_sig = sig;
}

bool jobctl_stop_pending(const struct kernel_task *t)
{
	return t->jc.stop_sig != 0;
}

bool jobctl_is_stopped(const struct kernel_task *t)
{
	return t->jc.stopped;
}

void jobctl_stop(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();

	if (t->jc.stop_sig == 0 || t->sig.fatal != 0) {
		proc_unlock(&g);
		return;
	}
	t->jc.stopped = true;
	t->jc.stopped_by = t->jc.stop_sig;
	t->jc.stop_sig = 0; /* a stop signal from now on asks again */
	t->jc.report = JOBCTL_REPORT_STOPPED;
	notify_parent_locked(t, CLD_STOPPED, t->jc.stopped_by);
	proc_unlock(&g);
	/*
	 * Sleep until SIGCONT clears jc.stopped or a fatal signal comes;
	 * a wake between the unlock and task_block() is remembered.
	 */
	for (;;) {
		bool done;

		task_block(t);
		g = proc_lock();
		done = !t->jc.stopped || t->sig.fatal != 0;
		if (done)
			t->jc.stopped = false;
		proc_unlock(&g);
		if (done)
			return;
	}
}

bool jobctl_wait_report_locked(struct kernel_task *c, unsigned options,
			       int *status)
{
	if (c->jc.report == JOBCTL_REPORT_STOPPED && c->jc.stopped &&
	    (options & WUNTRACED) != 0)
		*status = c->jc.stopped_by << 8 | 0x7f;
	else if (c->jc.report == JOBCTL_REPORT_CONTINUED &&
		 (options & WCONTINUED) != 0)
		*status = 0xffff;
	else
		return false;
	if ((options & WNOWAIT) == 0)
		c->jc.report = JOBCTL_REPORT_NONE;
	return true;
}
