// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_time.c - time system calls: gettimeofday, clock_gettime,
 * clock_getres, nanosleep and clock_nanosleep, with Linux's riscv64
 * layouts and error rules.
 */
#include <ostd/time.h>
#include <ostd/vm.h>

#include "errno.h"
#include "mm/mm.h"
#include "sleep.h"
#include "syscall.h"

#define NSEC_PER_SEC 1000000000
#define NSEC_PER_USEC 1000
/* The coarse clocks tick at OSTD_TICK_HZ, like Linux's jiffies clocks. */
#define COARSE_NSEC (NSEC_PER_SEC / OSTD_TICK_HZ)
#define TIMER_ABSTIME 1

/* clockid_t values from <linux/time.h>. */
enum {
	CLOCK_REALTIME = 0,
	CLOCK_MONOTONIC = 1,
	CLOCK_MONOTONIC_RAW = 4,
	CLOCK_REALTIME_COARSE = 5,
	CLOCK_MONOTONIC_COARSE = 6,
	CLOCK_BOOTTIME = 7,
};

/* The riscv64 user layouts (time_t and long are 64-bit). */
struct linux_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

struct linux_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct linux_timezone {
	int32_t tz_minuteswest;
	int32_t tz_dsttime;
};

static struct linux_timespec ns_to_timespec(uint64_t ns)
{
	struct linux_timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

long sys_gettimeofday(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t utv = args->a[0];
	ostd_uaddr_t utz = args->a[1];

	if (utv) {
		uint64_t ns = ostd_time_realtime_ns();
		struct linux_timeval tv = { ns / NSEC_PER_SEC,
					    ns % NSEC_PER_SEC / NSEC_PER_USEC };

		if (mm_copy_to_user(t->mm, utv, &tv, sizeof(tv)) < 0)
			return -EFAULT;
	}
	if (utz) {
		/* No time zone is ever set (no settimeofday yet): UTC. */
		struct linux_timezone tz = { 0, 0 };

		if (mm_copy_to_user(t->mm, utz, &tz, sizeof(tz)) < 0)
			return -EFAULT;
	}
	return 0;
}

/* The reading of clock @id in ns, or false for an unknown clock. */
static bool clock_read(uint64_t id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
		*ns = ostd_time_realtime_ns();
		return true;
	case CLOCK_REALTIME_COARSE:
		*ns = ostd_time_realtime_ns();
		*ns -= *ns % COARSE_NSEC;
		return true;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME: /* no suspend, so boot time is monotonic time */
		*ns = ostd_time_monotonic_ns();
		return true;
	case CLOCK_MONOTONIC_COARSE:
		*ns = ostd_time_monotonic_ns();
		*ns -= *ns % COARSE_NSEC;
		return true;
	default:
		return false;
	}
}

long sys_clock_gettime(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t utp = args->a[1];
	struct linux_timespec ts;
	uint64_t ns;

	/* clockid_t is a 32-bit int: Linux ignores the upper register half. */
	if (!clock_read(args->a[0] & 0xffffffffULL, &ns))
		return -EINVAL;
	ts = ns_to_timespec(ns);
	if (mm_copy_to_user(t->mm, utp, &ts, sizeof(ts)) < 0)
		return -EFAULT;
	return 0;
}

/* Linux's timespec64_valid(). */
static bool timespec_valid(const struct linux_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < NSEC_PER_SEC;
}

/* @now + @ts in ns, saturated instead of wrapping (centuries away). */
static uint64_t deadline_after(uint64_t now, const struct linux_timespec *ts)
{
	uint64_t sec = ts->tv_sec;
	uint64_t nsec = ts->tv_nsec;

	if (now + nsec < now ||
	    sec > (UINT64_MAX - now - nsec) / NSEC_PER_SEC)
		return UINT64_MAX;
	return now + sec * NSEC_PER_SEC + nsec;
}

/*
 * Sleeps until @deadline; a signal cuts it short, and the time left then
 * goes to @rem if it is non-zero. As on Linux, the result is
 * -ERESTART_RESTARTBLOCK: -EINTR if a handler runs, otherwise (a stop
 * and SIGCONT, or a signal that is ignored by then) restart_syscall(2)
 * sleeps on until the same deadline. An absolute sleep (@abs) just
 * restarts with the same arguments (-ERESTARTNOHAND).
 */
static long sleep_interruptible(struct kernel_task *t, uint64_t deadline,
				ostd_uaddr_t rem, bool abs)
{
	uint64_t now;
	struct linux_timespec left;

	sleep_until(t, deadline);
	now = ostd_time_monotonic_ns();
	if (now >= deadline)
		return 0;
	if (abs)
		return -ERESTARTNOHAND;
	left = ns_to_timespec(deadline - now);
	if (rem != 0 && mm_copy_to_user(t->mm, rem, &left, sizeof(left)) < 0)
		return -EFAULT;
	t->sig.restart_armed = true;
	t->sig.restart_deadline = deadline;
	t->sig.restart_rem = rem;
	return -ERESTART_RESTARTBLOCK;
}

/* restart_syscall(2): resumes the sleep a stop interrupted, or -EINTR. */
long sys_restart_syscall(struct kernel_task *t,
			 const struct syscall_args *args)
{
	if (!t->sig.restart_armed)
		return -EINTR; /* Linux's do_no_restart_syscall() */
	t->sig.restart_armed = false;
	return sleep_interruptible(t, t->sig.restart_deadline,
				   t->sig.restart_rem, false);
}

long sys_nanosleep(struct kernel_task *t, const struct syscall_args *args)
{
	struct linux_timespec req;

	if (mm_copy_from_user(t->mm, &req, args->a[0], sizeof(req)) < 0)
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	return sleep_interruptible(t,
				   deadline_after(ostd_time_monotonic_ns(), &req),
				   args->a[1], false);
}

/*
 * The monotonic deadline of clock_nanosleep(@clock, TIMER_ABSTIME, @ts):
 * a realtime deadline becomes a monotonic one (no settimeofday yet, so
 * the realtime clock never jumps while we sleep).
 */
static uint64_t deadline_abs(uint64_t clock, const struct linux_timespec *ts)
{
	uint64_t now_mono = ostd_time_monotonic_ns();
	uint64_t want = deadline_after(0, ts);
	uint64_t now;

	if (clock != CLOCK_REALTIME)
		return want;
	now = ostd_time_realtime_ns();
	if (want <= now)
		return now_mono;
	if (want - now > UINT64_MAX - now_mono)
		return UINT64_MAX;
	return now_mono + (want - now);
}

long sys_clock_nanosleep(struct kernel_task *t,
			 const struct syscall_args *args)
{
	uint64_t clock = args->a[0] & 0xffffffffULL;
	struct linux_timespec req;
	uint64_t ns;

	if (!clock_read(clock, &ns))
		return -EINVAL;
	/* Linux: the raw and coarse clocks have no nsleep. */
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
	    clock != CLOCK_BOOTTIME)
		return -EOPNOTSUPP;
	if (mm_copy_from_user(t->mm, &req, args->a[2], sizeof(req)) < 0)
		return -EFAULT;
	if (!timespec_valid(&req))
		return -EINVAL;
	/* @rem is not written for an absolute sleep (Linux). */
	if (args->a[1] & TIMER_ABSTIME)
		return sleep_interruptible(t, deadline_abs(clock, &req), 0,
					   true);
	return sleep_interruptible(t,
				   deadline_after(ostd_time_monotonic_ns(), &req),
				   args->a[3], false);
}

long sys_clock_getres(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t clock = args->a[0] & 0xffffffffULL;
	struct linux_timespec res = { 0, 1 }; /* high resolution: 1 ns */
	uint64_t ns;

	if (!clock_read(clock, &ns))
		return -EINVAL;
	if (clock == CLOCK_REALTIME_COARSE || clock == CLOCK_MONOTONIC_COARSE)
		res.tv_nsec = COARSE_NSEC;
	if (args->a[1] != 0 &&
	    mm_copy_to_user(t->mm, args->a[1], &res, sizeof(res)) < 0)
		return -EFAULT;
	return 0;
}
