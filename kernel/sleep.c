// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sleep.c - the sleep list and the tick handler that drains it.
 *
 * A sleeper puts itself on the list with its deadline and blocks; on
 * every tick the handler wakes each sleeper whose deadline has passed. The
 * sleeper, not the handler, takes itself off the list once it sees the
 * deadline has passed. So a wake-up that comes too early (before the task
 * blocked, from another hart) is never lost: the task is still on the list
 * and the next tick wakes it again. Sleeps are at most one tick late.
 * The same handler then fires the ITIMER_REAL timers that are due
 * (itimer.c): ostd has one tick handler.
 */
#include <ostd/cpu.h>
#include <ostd/task.h>
#include <ostd/time.h>

#include "cpustat.h"
#include "itimer.h"
#include "signal.h"
#include "sleep.h"
#include "tasklist.h"

static struct {
	/*
	 * protects: list and the wake_ns of every task on it. Taken by the
	 * tick handler in interrupt context, so it must never be held
	 * across a block.
	 */
	struct ostd_spinlock lock;
	struct task_list list;
} sleepers = {
	.lock = OSTD_SPINLOCK_INIT("sleepers"),
	.list = { NULL, NULL, 0, TASK_LINK_SLEEP },
};

/* Tick handler: interrupt context, interrupts off. */
static void sleep_tick(void)
{
	uint64_t now = ostd_time_monotonic_ns();
	struct ostd_irq_guard g = ostd_spin_lock(&sleepers.lock);
	struct kernel_task *t;

	for (t = task_list_first(&sleepers.list); t;
	     t = task_list_next(&sleepers.list, t)) {
		if (t->wake_ns <= now)
			ostd_sched_wake(t->task);
	}
	ostd_spin_unlock(&sleepers.lock, &g);
	itimer_tick(now); /* the one tick handler also drives ITIMER_REAL */
	cpustat_tick();   /* and /proc/stat's idle ticks and load averages */
}

void sleep_init(void)
{
	ostd_time_set_tick_handler(sleep_tick);
}

void sleep_arm(struct kernel_task *t, uint64_t deadline_ns)
{
	struct ostd_irq_guard g = ostd_spin_lock(&sleepers.lock);

	t->wake_ns = deadline_ns;
	task_list_push_tail(&sleepers.list, t);
	ostd_spin_unlock(&sleepers.lock, &g);
}

void sleep_disarm(struct kernel_task *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&sleepers.lock);

	task_list_remove(&sleepers.list, t);
	ostd_spin_unlock(&sleepers.lock, &g);
}

void sleep_until(struct kernel_task *t, uint64_t deadline_ns)
{
	if (ostd_time_monotonic_ns() >= deadline_ns)
		return;
	sleep_arm(t, deadline_ns);

	/* A signal cuts the sleep short: the task dies or runs a handler. */
	while (ostd_time_monotonic_ns() < deadline_ns &&
	       !signal_pending(t))
		task_block(t);
	sleep_disarm(t);
}
