/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/itimer.h - interval timers (setitimer(2), getitimer(2), and
 * alarm(3), which musl builds on ITIMER_REAL).
 *
 * Each process has three, as on Linux: ITIMER_REAL counts monotonic time
 * and sends SIGALRM, ITIMER_VIRTUAL counts the process's user CPU time and
 * sends SIGVTALRM, ITIMER_PROF counts user and system CPU time and sends
 * SIGPROF. The signals carry si_code SI_KERNEL. fork() children start with
 * none armed; execve() keeps them. The state is in struct task_itimers
 * (task.h).
 */
#ifndef KERNEL_ITIMER_H
#define KERNEL_ITIMER_H

#include <ostd/types.h>

#include "task.h"

/* The `which` of setitimer(2) (include/uapi/linux/time.h). */
#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

/* A timer's setting in ns, as struct itimerspec64 holds it. */
struct itimer_value {
	uint64_t value_ns;    /* time left; 0: disarmed */
	uint64_t interval_ns; /* the period it is re-armed with; 0: once */
};

/*
 * Reads timer @which of @t, the running task, the way Linux's getitimer()
 * does: an ITIMER_REAL timer that is due but has not fired shows 1 us
 * left; a CPU timer past its expiry shows one tick. 0, or -EINVAL for an
 * unknown @which.
 */
int itimer_get(struct kernel_task *t, uint64_t which,
	       struct itimer_value *out);

/*
 * Sets timer @which of @t, the running task, to @val (value 0 disarms;
 * both fields at most INT64_MAX, Linux's KTIME_MAX) and returns the
 * previous setting in @old. A CPU timer gets one tick more than asked, as
 * on Linux, since CPU time is charged a tick at a time. 0, or -EINVAL for
 * an unknown @which.
 */
int itimer_set(struct kernel_task *t, uint64_t which,
	       const struct itimer_value *val, struct itimer_value *old);

/*
 * The tick (sleep.c's tick handler, interrupt context): sends SIGALRM to
 * every process whose ITIMER_REAL is due. O(1) when none is.
 */
void itimer_tick(uint64_t now_ns);

/*
 * Called after a tick of CPU time was charged to @t, the running task
 * (task.c): fires its ITIMER_VIRTUAL and ITIMER_PROF when due.
 */
void itimer_account(struct kernel_task *t);

/*
 * SIGALRM was taken off @t's pending set (a handler runs for it, or
 * rt_sigtimedwait returned it): re-arms a periodic ITIMER_REAL that
 * fired, to its next period after now. This is where Linux re-arms it
 * (dequeue_signal()), so an ignored SIGALRM ends a periodic timer and a
 * blocked one holds it. Process table lock held.
 */
void itimer_sigalrm_taken_locked(struct kernel_task *t);

/* Disarms @t's ITIMER_REAL for good: @t is exiting (task_exit()). */
void itimer_exit(struct kernel_task *t);

#endif
