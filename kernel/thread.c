// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/thread.c - thread groups: group exit, the shared address
 * space's last user, execve's de_thread, and which thread takes a signal
 * sent to the process. See thread.h for the model.
 *
 * Blocking (de_thread) checks its condition and blocks with interrupts
 * off on one hart, as proc.c's waits do.
 */
#include <ostd/task.h>

#include "fault.h"
#include "proc.h"
#include "signal.h"
#include "tasklist.h"
#include "thread.h"

void thread_group_init(struct kernel_task *t)
{
	task_list_init(&t->threads, TASK_LINK_THREAD);
	task_list_push_tail(&t->threads, t);
	t->leader = t;
	t->tgid = t->pid;
	t->group_live = 1;
	t->group_mm = 1;
	t->group_exiting = false;
	t->group_exit_status = 0;
	t->exec_waiter = NULL;
}

/* Makes every thread of @l's group but @t die on its way to user mode. */
static void kill_others_locked(struct kernel_task *l, struct kernel_task *t)
{
	struct kernel_task *c;

	for (c = task_list_first(&l->threads); c;
	     c = task_list_next(&l->threads, c)) {
		if (c == t || c->state != TASK_ALIVE || c->task == NULL)
			continue;
		c->sig.fatal = SIGKILL;
		ostd_sched_wake(c->task);
	}
}

void thread_group_exit(struct kernel_task *t, int status)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *l = t->leader;

	if (!l->group_exiting && l->exec_waiter == NULL) {
		l->group_exiting = true;
		l->group_exit_status = status;
		kill_others_locked(l, t);
	}
	proc_unlock(&g);
}

bool thread_mm_put(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *l = t->leader;
	bool last;

	l->group_mm--;
	last = l->group_mm <= 0;
	proc_unlock(&g);
	return last;
}

void thread_de_thread(struct kernel_task *t)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *l = t->leader;

	/* The common case: one thread (or a process not attached yet). */
	if (l == NULL || (l->threads.len <= 1 && l->group_live <= 1)) {
		proc_unlock(&g);
		return;
	}
	l->exec_waiter = t;
	kill_others_locked(l, t);
	while (l->group_live > 1) {
		proc_unlock(&g);
		task_block(t); /* each exit wakes us (proc_exit) */
		g = proc_lock();
	}
	l->exec_waiter = NULL;
	if (l != t)
		proc_take_leader_locked(t);
	else
		thread_group_init(t);
	proc_unlock(&g);
}

/* Whether @c can run a handler for or die of @bit now. */
static bool takes(const struct kernel_task *c, uint64_t bit)
{
	return c->state == TASK_ALIVE && c->task != NULL &&
	       (c->sig.blocked & bit) == 0;
}

struct kernel_task *thread_pick_locked(struct kernel_task *t, int sig)
{
	struct kernel_task *l = t->leader;
	uint64_t bit = signal_bit(sig);
	struct kernel_task *c;

	if (l == NULL || takes(t, bit) || l->threads.len <= 1)
		return t;
	for (c = task_list_first(&l->threads); c;
	     c = task_list_next(&l->threads, c)) {
		if (takes(c, bit))
			return c;
	}
	for (c = task_list_first(&l->threads); c;
	     c = task_list_next(&l->threads, c)) {
		if (c->state == TASK_ALIVE && c->task != NULL)
			return c;
	}
	return t;
}

void thread_share_action_locked(struct kernel_task *t, int sig)
{
	struct kernel_task *l = t->leader;
	struct kernel_task *c;

	for (c = task_list_first(&l->threads); c;
	     c = task_list_next(&l->threads, c)) {
		if (c == t)
			continue;
		c->sig.action[sig - 1] = t->sig.action[sig - 1];
		if (c->sig.action[sig - 1].handler == SIG_IGN)
			c->sig.pending &= ~signal_bit(sig);
	}
}

void thread_sync_ids_locked(struct kernel_task *l)
{
	struct kernel_task *c;

	for (c = task_list_first(&l->threads); c;
	     c = task_list_next(&l->threads, c)) {
		c->pgid = l->pgid;
		c->sid = l->sid;
	}
}

int thread_count_locked(const struct kernel_task *t)
{
	const struct kernel_task *l = t->leader;

	return l != NULL ? l->group_live : 1;
}
