// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/signal.c - sending signals, applying their default actions, and
 * choosing the handler to run on the way back to user mode (the frame
 * itself is sigframe.c's; see signal.h for what is implemented).
 *
 * The default actions are Linux's (kernel/signal.c, sig_kernel_*): stop
 * for SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU (jobctl.c does the stopping
 * and continuing), ignore for SIGCHLD, SIGCONT,
 * SIGURG and SIGWINCH, terminate (or dump core, which with RLIMIT_CORE 0
 * is the same wait status) for everything else, real-time signals too.
 * As on Linux, pid 1 never gets a signal it has no handler for, and a
 * blocked signal is kept even when it is ignored: the action that counts
 * is the one in force when it is unblocked.
 */
#include <ostd/log.h>
#include <ostd/task.h>

#include "errno.h"
#include "fault.h"
#include "itimer.h"
#include "jobctl.h"
#include "proc.h"
#include "signal.h"
#include "thread.h"
#include "unistd.h"

#define SIGALRM 14
#define SIGSTOP 19
#define SIGURG 23
#define SIGWINCH 28

static uint64_t sigbit(int sig)
{
	return 1ULL << (sig - 1);
}

uint64_t signal_bit(int sig)
{
	return sigbit(sig);
}

uint64_t signal_unblockable(void)
{
	return sigbit(SIGKILL) | sigbit(SIGSTOP);
}

static bool default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
	       sig == SIGWINCH;
}

void signal_fork(struct kernel_task *child, struct kernel_task *parent)
{
	struct ostd_irq_guard g = proc_lock();

	child->sig = parent->sig;
	child->sig.pending = 0;
	child->sig.fatal = 0;
	child->sig.restore_mask = false;
	child->sig.in_syscall = false;
	proc_unlock(&g);
}

void signal_exec(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();
	size_t i;

	/* Linux's flush_signal_handlers(): handlers reset, SIG_IGN kept. */
	for (i = 0; i < TASK_NSIG; i++) {
		if (t->sig.action[i].handler != SIG_IGN)
			t->sig.action[i].handler = SIG_DFL;
		t->sig.action[i].flags = 0;
		t->sig.action[i].mask = 0;
	}
	t->sig.ss_sp = 0;
	t->sig.ss_size = 0;
	t->sig.ss_flags = 0;
	proc_unlock(&g);
}

/*
 * Acts on @sig, which @t does not block (or cannot: SIGKILL). Returns
 * whether the signal stays pending. Lock held.
 */
static bool act_locked(struct kernel_task *t, int sig)
{
	uint64_t handler = t->sig.action[sig - 1].handler;

	if (sig == SIGKILL && t->tgid != 1)
		handler = SIG_DFL; /* cannot be caught or ignored */
	if (handler == SIG_IGN)
		return false;
	if (handler != SIG_DFL)
		return true; /* signal_deliver() runs the handler */
	if (t->tgid == 1 || default_ignored(sig))
		return false; /* init gets only what it handles */
	if (jobctl_is_stop_signal(sig)) {
		jobctl_request_stop_locked(t, sig);
		return false;
	}
	if (t->sig.fatal == 0)
		t->sig.fatal = sig;
	return false;
}

void signal_send_info_locked(struct kernel_task *t, int sig,
			     const struct task_siginfo *info)
{
	/* To the process: a thread of it that can take the signal. */
	signal_send_thread_info_locked(thread_pick_locked(t, sig), sig, info);
}

void signal_send_thread_info_locked(struct kernel_task *t, int sig,
				    const struct task_siginfo *info)
{
	uint64_t bit = sigbit(sig);

	if (t->state != TASK_ALIVE || t->task == NULL)
		return; /* a zombie: nothing left to signal */
	/* Stop and continue signals cancel each other, blocked or not. */
	jobctl_prepare_locked(t, sig);
	/* Standard signals do not queue: the first one's info is kept. */
	if ((t->sig.pending & bit) == 0)
		t->sig.info[sig - 1] = *info;
	if ((t->sig.blocked & bit) != 0 && sig != SIGKILL && sig != SIGSTOP) {
		t->sig.pending |= bit;
		if ((t->sig.waitset & bit) != 0 && t != task_current())
			ostd_sched_wake(t->task); /* rt_sigtimedwait() */
		return;
	}
	if (act_locked(t, sig))
		t->sig.pending |= bit;
	/* Cut short whatever it is waiting for: it dies, runs a handler or
	 * stops. */
	if ((t->sig.fatal != 0 || (t->sig.pending & bit) != 0 ||
	     jobctl_stop_pending(t)) &&
	    t != task_current())
		ostd_sched_wake(t->task);
}

void signal_send_locked(struct kernel_task *t, int sig)
{
	struct kernel_task *from = task_current();
	struct task_siginfo info = { 0 };

	info.code = SI_USER;
	if (from != NULL) {
		info.pid = from->pid;
		info.uid = from->cred.uid;
	}
	signal_send_info_locked(t, sig, &info);
}

void signal_send(struct kernel_task *t, int sig)
{
	struct ostd_irq_guard g = proc_lock();

	signal_send_locked(t, sig);
	proc_unlock(&g);
}

void signal_recalc_locked(struct kernel_task *t)
{
	uint64_t ready = t->sig.pending & ~t->sig.blocked;
	int sig;

	for (sig = 1; sig <= TASK_NSIG; sig++) {
		uint64_t bit = sigbit(sig);

		if ((ready & bit) == 0)
			continue;
		/* A handled signal stays pending until it is delivered. */
		if (t->sig.action[sig - 1].handler > SIG_IGN)
			continue;
		t->sig.pending &= ~bit;
		(void)act_locked(t, sig);
	}
}

bool signal_fault(struct kernel_task *t, int sig, int code, uint64_t addr)
{
	struct ostd_irq_guard g = proc_lock();
	struct task_siginfo info = { 0 };
	bool handled = t->sig.action[sig - 1].handler > SIG_IGN &&
		       (t->sig.blocked & sigbit(sig)) == 0;

	if (handled) {
		info.code = code;
		info.addr = addr;
		t->sig.info[sig - 1] = info;
		t->sig.pending |= sigbit(sig);
	}
	proc_unlock(&g);
	return handled;
}

int signal_dequeue_locked(struct kernel_task *t, uint64_t set,
			  struct task_siginfo *info)
{
	uint64_t ready = t->sig.pending & set;
	int sig;

	for (sig = 1; sig <= TASK_NSIG; sig++) {
		if ((ready & sigbit(sig)) == 0)
			continue;
		t->sig.pending &= ~sigbit(sig);
		*info = t->sig.info[sig - 1];
		if (sig == SIGALRM) /* Linux's dequeue_signal() */
			itimer_sigalrm_taken_locked(t);
		return sig;
	}
	return 0;
}

bool signal_pending(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();
	bool stop = t->sig.fatal != 0 || jobctl_stop_pending(t) ||
		    (t->sig.pending & ~t->sig.blocked) != 0;

	proc_unlock(&g);
	return stop;
}

/*
 * Takes the lowest deliverable signal that has a handler off @t's
 * pending set, with its action and info, and blocks what the handler
 * runs with. Returns it, or 0. Lock held.
 */
static int take_locked(struct kernel_task *t, struct task_sigaction *act,
		       struct task_siginfo *info)
{
	uint64_t ready = t->sig.pending & ~t->sig.blocked;
	int sig;

	for (sig = 1; sig <= TASK_NSIG; sig++) {
		struct task_sigaction *a = &t->sig.action[sig - 1];

		if ((ready & sigbit(sig)) == 0 || a->handler <= SIG_IGN)
			continue;
		t->sig.pending &= ~sigbit(sig);
		if (sig == SIGALRM) /* a periodic ITIMER_REAL goes on */
			itimer_sigalrm_taken_locked(t);
		*act = *a;
		*info = t->sig.info[sig - 1];
		t->sig.blocked |= a->mask;
		if ((a->flags & SA_NODEFER) == 0)
			t->sig.blocked |= sigbit(sig);
		t->sig.blocked &= ~signal_unblockable();
		if (a->flags & SA_RESETHAND) {
			a->handler = SIG_DFL;
			thread_share_action_locked(t, sig);
		}
		return sig;
	}
	return 0;
}

/*
 * A system call @t made returned one of the internal restart codes (or
 * -EINTR): with a handler about to run (@act non-NULL) it becomes
 * -EINTR unless SA_RESTART asks to restart it; without one it restarts
 * (Linux's arch/riscv/kernel/signal.c do_signal).
 */
static void settle_syscall(struct kernel_task *t,
			   const struct task_sigaction *act)
{
	long r = t->ctx.regs[OSTD_REG_A0];
	bool restart;

	if (r != -ERESTARTSYS && r != -ERESTARTNOHAND &&
	    r != -ERESTARTNOINTR && r != -ERESTART_RESTARTBLOCK)
		return;
	if (act == NULL || r == -ERESTARTNOINTR)
		restart = true;
	else
		restart = r == -ERESTARTSYS && (act->flags & SA_RESTART) != 0;
	if (restart) {
		t->ctx.regs[OSTD_REG_A0] = t->sig.orig_a0;
		t->ctx.pc -= 4; /* back to the ecall */
		/* Linux: the sleep goes on through restart_syscall(2). */
		if (r == -ERESTART_RESTARTBLOCK)
			t->ctx.regs[OSTD_REG_A7] = NR_restart_syscall;
	} else {
		t->ctx.regs[OSTD_REG_A0] = -EINTR;
		t->sig.restart_armed = false;
	}
}

/* Runs the handlers of every deliverable signal, lowest first. */
static void deliver_handlers(struct kernel_task *t, bool in_syscall)
{
	for (;;) {
		struct ostd_irq_guard g = proc_lock();
		struct task_sigaction act;
		struct task_siginfo info;
		uint64_t mask = t->sig.restore_mask ? t->sig.saved_mask :
						       t->sig.blocked;
		int sig = take_locked(t, &act, &info);

		if (sig != 0)
			t->sig.restore_mask = false;
		proc_unlock(&g);
		if (sig == 0)
			break;
		if (in_syscall)
			settle_syscall(t, &act);
		in_syscall = false;
		if (!sigframe_setup(t, sig, &act, &info, mask)) {
			ostd_log(OSTD_LOG_INFO, "%s (pid %d): cannot write the frame for signal %d, killed (SIGSEGV)",
				 t->name, t->pid, sig);
			task_exit(t, SIGSEGV);
		}
	}
	if (in_syscall)
		settle_syscall(t, NULL);
}

/*
 * signal_deliver()'s work when there is some: a fatal signal, a handler
 * to run or a sigsuspend() mask to put back. Kept out of signal_deliver()
 * so that its common case saves no registers.
 */
void signal_deliver_work(struct kernel_task *t, bool in_syscall)
{
	if (jobctl_stop_pending(t))
		jobctl_stop(t); /* returns when continued, or to die */
	if (t->sig.fatal != 0)
		task_exit(t, t->sig.fatal);
	deliver_handlers(t, in_syscall);
	if (t->sig.restore_mask) {
		struct ostd_irq_guard g = proc_lock();

		/* rt_sigsuspend() woke for no handler: its mask goes. */
		t->sig.blocked = t->sig.saved_mask;
		t->sig.restore_mask = false;
		signal_recalc_locked(t);
		proc_unlock(&g);
		if (t->sig.fatal != 0)
			task_exit(t, t->sig.fatal);
	}
}

void signal_deliver(struct kernel_task *t)
{
	/*
	 * Runs on every trap, so the common case takes no lock: t->sig.fatal
	 * and pending are set by other tasks (under the lock), which cannot
	 * run while @t, the running task, is in the kernel (no preemption,
	 * user tasks on one hart). With SMP a late read only delays the
	 * delivery to the next trap.
	 */
	bool in_syscall = t->sig.in_syscall;

	t->sig.in_syscall = false;
	if (t->sig.fatal != 0 || (t->sig.pending & ~t->sig.blocked) != 0 ||
	    t->sig.restore_mask || jobctl_stop_pending(t)) {
		signal_deliver_work(t, in_syscall);
		return;
	}
	/* Nothing to deliver (the common case after every syscall): what
	 * deliver_handlers() would do, without its lock. */
	if (in_syscall)
		settle_syscall(t, NULL);
}
