// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/signal.c - sending signals and applying their default actions
 * (see signal.h for what is and is not implemented).
 *
 * The default actions are Linux's (kernel/signal.c, sig_kernel_*): stop
 * for SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU, ignore for SIGCHLD, SIGCONT,
 * SIGURG and SIGWINCH, terminate (or dump core, which with RLIMIT_CORE 0
 * is the same wait status) for everything else, real-time signals too.
 * As on Linux, pid 1 never gets a signal it has no handler for, and a
 * blocked signal is kept even when it is ignored: the action that counts
 * is the one in force when it is unblocked.
 */
#include <ostd/log.h>
#include <ostd/task.h>

#include "fault.h"
#include "proc.h"
#include "signal.h"

#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGWINCH 28

static uint64_t sigbit(int sig)
{
	return 1ULL << (sig - 1);
}

static bool default_ignored(int sig)
{
	return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG ||
	       sig == SIGWINCH;
}

static bool default_stops(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN ||
	       sig == SIGTTOU;
}

void signal_fork(struct kernel_task *child, struct kernel_task *parent)
{
	struct ostd_irq_guard g = proc_lock();

	child->sig = parent->sig;
	child->sig.pending = 0;
	child->sig.fatal = 0;
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

	if (sig == SIGKILL && t->pid != 1)
		handler = SIG_DFL; /* cannot be caught or ignored */
	if (handler == SIG_IGN)
		return false;
	if (handler != SIG_DFL) {
		ostd_log(OSTD_LOG_WARN,
			 "%s (pid %d): signal %d has a handler; handlers are not implemented yet, left pending",
			 t->name, t->pid, sig);
		return true;
	}
	if (t->pid == 1 || default_ignored(sig))
		return false; /* init gets only what it handles */
	if (default_stops(sig)) {
		ostd_log(OSTD_LOG_WARN, "%s (pid %d): stop signal %d dropped (job control is not implemented)",
			 t->name, t->pid, sig);
		return false;
	}
	if (t->sig.fatal == 0)
		t->sig.fatal = sig;
	return false;
}

void signal_send_locked(struct kernel_task *t, int sig)
{
	uint64_t bit = sigbit(sig);

	if (t->state != TASK_ALIVE || t->task == NULL)
		return; /* a zombie: nothing left to signal */
	if ((t->sig.blocked & bit) != 0 && sig != SIGKILL && sig != SIGSTOP) {
		t->sig.pending |= bit;
		return;
	}
	if (act_locked(t, sig))
		t->sig.pending |= bit;
	/* Cut short whatever it is waiting for: it dies on its way out. */
	if (t->sig.fatal != 0 && t != task_current())
		ostd_sched_wake(t->task);
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
		/* A handled signal stays pending, silently this time. */
		if (t->sig.action[sig - 1].handler > SIG_IGN)
			continue;
		t->sig.pending &= ~bit;
		(void)act_locked(t, sig);
	}
}

bool signal_fatal_pending(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();
	bool fatal = t->sig.fatal != 0;

	proc_unlock(&g);
	return fatal;
}

void signal_deliver(struct kernel_task *t)
{
	/*
	 * Runs on every trap, so no lock: t->sig.fatal is set by other tasks
	 * (under the lock), which cannot run while @t, the running task, is
	 * in the kernel (no preemption, user tasks on one hart). With SMP a
	 * late read only delays the exit to the next trap.
	 */
	int sig = t->sig.fatal;

	if (sig != 0)
		task_exit(t, sig);
}
