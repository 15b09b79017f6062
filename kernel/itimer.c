// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/itimer.c - interval timers: the ITIMER_REAL queue that the tick
 * drains, and the CPU-time timers that CPU accounting drives.
 *
 * ITIMER_REAL: every process with one armed is on a single queue sorted by
 * expiry, so the tick only looks at the head (O(1) when nothing is due)
 * and arming walks the queue (O(timers armed)). A timer fires at the first
 * tick at or after its expiry, so it is never early and at most one tick
 * late. Firing sends SIGALRM and takes the process off the queue. Like
 * Linux, which re-arms in dequeue_signal(), a periodic timer is re-armed
 * only when that SIGALRM is taken for a handler or by rt_sigtimedwait
 * (signal.c calls itimer_sigalrm_taken_locked()): the next expiry is the
 * first period boundary after now, so overruns are dropped, an ignored
 * SIGALRM ends a periodic timer, and a blocked one holds it.
 *
 * ITIMER_VIRTUAL and ITIMER_PROF: deadlines in the process's own CPU time,
 * checked each time a tick of it is charged (task.c), like Linux's
 * check_cpu_itimer(). A periodic one is re-armed when it fires, by adding
 * its interval to the old deadline.
 */
#include <ostd/cpu.h>
#include <ostd/time.h>

#include "errno.h"
#include "itimer.h"
#include "proc.h"
#include "signal.h"
#include "tasklist.h"

#define SIGALRM 14
#define SIGVTALRM 26
#define SIGPROF 27

#define NSEC_PER_USEC 1000ULL
/* A tick of CPU time, as task.c charges it (Linux's TICK_NSEC). */
#define TICK_NS (1000000000ULL / OSTD_TICK_HZ)
/* Linux's KTIME_MAX: expiries saturate there instead of wrapping. */
#define KTIME_MAX 0x7fffffffffffffffULL

/* Index of a CPU timer in struct task_itimers. */
enum { CPU_VIRT, CPU_PROF };

static struct {
	/*
	 * protects: queue, and real_expires_ns and real_interval_ns of every
	 * task. Taken by the tick handler in interrupt context.
	 * order: the process table lock first, then this one (a tick sends
	 * SIGALRM with both held; signal.c re-arms with the table lock held).
	 */
	struct ostd_spinlock lock;
	struct task_list queue; /* armed ITIMER_REAL timers, soonest first */
} itimers = {
	.lock = OSTD_SPINLOCK_INIT("itimers"),
	.queue = { NULL, NULL, 0, TASK_LINK_ITIMER },
};

/* @a + @b, saturated at KTIME_MAX. */
static uint64_t add_sat(uint64_t a, uint64_t b)
{
	if (a >= KTIME_MAX || b > KTIME_MAX - a)
		return KTIME_MAX;
	return a + b;
}

/* ---- ITIMER_REAL ---- */

static bool real_armed_locked(const struct kernel_task *t)
{
	return task_list_linked(&itimers.queue, t);
}

/* Queues @t by its expiry, after the timers due no later. Lock held. */
static void real_queue_locked(struct kernel_task *t)
{
	struct kernel_task *pos = task_list_first(&itimers.queue);

	while (pos && pos->itimers.real_expires_ns <= t->itimers.real_expires_ns)
		pos = task_list_next(&itimers.queue, pos);
	task_list_insert_before(&itimers.queue, pos, t);
}

/* Linux's itimer_get_remtime(): time left, 1 us if due. Lock held. */
static uint64_t real_left_locked(const struct kernel_task *t, uint64_t now)
{
	if (!real_armed_locked(t))
		return 0;
	if (t->itimers.real_expires_ns <= now)
		return NSEC_PER_USEC;
	return t->itimers.real_expires_ns - now;
}

static void real_get(struct kernel_task *t, struct itimer_value *out)
{
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);

	out->value_ns = real_left_locked(t, ostd_time_monotonic_ns());
	out->interval_ns = t->itimers.real_interval_ns;
	ostd_spin_unlock(&itimers.lock, &g);
}

static void real_set(struct kernel_task *t, const struct itimer_value *val,
		     struct itimer_value *old)
{
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);
	uint64_t now = ostd_time_monotonic_ns();

	old->value_ns = real_left_locked(t, now);
	old->interval_ns = t->itimers.real_interval_ns;
	if (real_armed_locked(t))
		task_list_remove(&itimers.queue, t);
	if (val->value_ns != 0) {
		t->itimers.real_interval_ns = val->interval_ns;
		t->itimers.real_expires_ns = add_sat(now, val->value_ns);
		real_queue_locked(t);
	} else {
		t->itimers.real_interval_ns = 0;
	}
	ostd_spin_unlock(&itimers.lock, &g);
}

/* Sends SIGALRM for every timer due at @now and unqueues it. */
static void real_fire(uint64_t now)
{
	struct ostd_irq_guard pg = proc_lock();
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);
	struct task_siginfo info = { 0 };
	struct kernel_task *t;

	info.code = SI_KERNEL; /* Linux's SEND_SIG_PRIV */
	for (t = task_list_first(&itimers.queue);
	     t && t->itimers.real_expires_ns <= now;
	     t = task_list_first(&itimers.queue)) {
		task_list_remove(&itimers.queue, t);
		signal_send_info_locked(t, SIGALRM, &info);
	}
	ostd_spin_unlock(&itimers.lock, &g);
	proc_unlock(&pg);
}

void itimer_tick(uint64_t now_ns)
{
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);
	struct kernel_task *t = task_list_first(&itimers.queue);
	bool due = t && t->itimers.real_expires_ns <= now_ns;

	ostd_spin_unlock(&itimers.lock, &g);
	/* The table lock comes first: let go, take both, look again. */
	if (due)
		real_fire(now_ns);
}

/* Linux's hrtimer_forward(): the first @expires + k * @interval > @now. */
static uint64_t real_forward(uint64_t expires, uint64_t now,
			     uint64_t interval)
{
	uint64_t periods;

	if (now < expires)
		return expires;
	periods = (now - expires) / interval + 1;
	if (periods > (KTIME_MAX - expires) / interval)
		return KTIME_MAX;
	return expires + periods * interval;
}

void itimer_sigalrm_taken_locked(struct kernel_task *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);
	struct task_itimers *it = &t->itimers;

	if (!real_armed_locked(t) && it->real_interval_ns != 0) {
		it->real_expires_ns = real_forward(it->real_expires_ns,
						   ostd_time_monotonic_ns(),
						   it->real_interval_ns);
		real_queue_locked(t);
	}
	ostd_spin_unlock(&itimers.lock, &g);
}

void itimer_exit(struct kernel_task *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&itimers.lock);

	if (real_armed_locked(t))
		task_list_remove(&itimers.queue, t);
	t->itimers.real_interval_ns = 0;
	ostd_spin_unlock(&itimers.lock, &g);
}

/* ---- ITIMER_VIRTUAL and ITIMER_PROF ---- */

/* The CPU time timer @idx counts: user, or user plus system. */
static uint64_t cpu_now(const struct kernel_task *t, int idx)
{
	if (idx == CPU_VIRT)
		return t->usage.utime_ns;
	return t->usage.utime_ns + t->usage.stime_ns;
}

/* Linux's get_cpu_itimer(). */
static void cpu_get(const struct kernel_task *t, int idx,
		    struct itimer_value *out)
{
	uint64_t val = t->itimers.cpu_expires_ns[idx];
	uint64_t now = cpu_now(t, idx);

	if (val != 0)
		val = val < now ? TICK_NS : val - now; /* past: about to fire */
	out->value_ns = val;
	out->interval_ns = t->itimers.cpu_interval_ns[idx];
}

/* Linux's set_cpu_itimer() and set_process_cpu_timer(). */
static void cpu_set(struct kernel_task *t, int idx,
		    const struct itimer_value *val, struct itimer_value *old)
{
	uint64_t oval = t->itimers.cpu_expires_ns[idx];
	uint64_t now = cpu_now(t, idx);
	uint64_t nval = val->value_ns;

	if (oval != 0)
		oval = oval <= now ? TICK_NS : oval - now;
	/* The tick in progress is charged whole: give that one back. */
	if (nval != 0)
		nval = nval + TICK_NS + now;
	old->value_ns = oval;
	old->interval_ns = t->itimers.cpu_interval_ns[idx];
	t->itimers.cpu_expires_ns[idx] = nval;
	t->itimers.cpu_interval_ns[idx] = val->interval_ns;
}

/* Linux's check_cpu_itimer(): fires CPU timer @idx with @sig if due. */
static void cpu_check(struct kernel_task *t, int idx, int sig)
{
	uint64_t expires = t->itimers.cpu_expires_ns[idx];
	uint64_t interval = t->itimers.cpu_interval_ns[idx];
	struct task_siginfo info = { 0 };
	struct ostd_irq_guard g;

	if (expires == 0 || cpu_now(t, idx) < expires)
		return;
	t->itimers.cpu_expires_ns[idx] = interval ? expires + interval : 0;
	info.code = SI_KERNEL;
	g = proc_lock();
	signal_send_info_locked(t, sig, &info);
	proc_unlock(&g);
}

void itimer_account(struct kernel_task *t)
{
	if (t->itimers.cpu_expires_ns[CPU_VIRT] == 0 &&
	    t->itimers.cpu_expires_ns[CPU_PROF] == 0)
		return;
	cpu_check(t, CPU_PROF, SIGPROF);
	cpu_check(t, CPU_VIRT, SIGVTALRM);
}

/* ---- getitimer and setitimer ---- */

int itimer_get(struct kernel_task *t, uint64_t which,
	       struct itimer_value *out)
{
	switch (which) {
	case ITIMER_REAL:
		real_get(t, out);
		return 0;
	case ITIMER_VIRTUAL:
		cpu_get(t, CPU_VIRT, out);
		return 0;
	case ITIMER_PROF:
		cpu_get(t, CPU_PROF, out);
		return 0;
	default:
		return -EINVAL;
	}
}

int itimer_set(struct kernel_task *t, uint64_t which,
	       const struct itimer_value *val, struct itimer_value *old)
{
	switch (which) {
	case ITIMER_REAL:
		real_set(t, val, old);
		return 0;
	case ITIMER_VIRTUAL:
		cpu_set(t, CPU_VIRT, val, old);
		return 0;
	case ITIMER_PROF:
		cpu_set(t, CPU_PROF, val, old);
		return 0;
	default:
		return -EINVAL;
	}
}
