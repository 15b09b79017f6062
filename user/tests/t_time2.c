// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_time2.c - clock_nanosleep (relative, TIMER_ABSTIME on the
 * monotonic and realtime clocks, deadlines in the past, EINVAL, EFAULT,
 * the clocks that cannot sleep) and clock_getres. Sleeps are checked to
 * last at least what was asked, and not wildly more.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define NSEC_PER_SEC 1000000000LL
#define MS 1000000LL
#define UNMAPPED 0x12345000UL

static long long now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return (long long)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static struct timespec ts_of(long long ns)
{
	struct timespec ts = { ns / NSEC_PER_SEC, ns % NSEC_PER_SEC };

	return ts;
}

static void check_slept(const char *name, long long t0, long long t1,
			long long want)
{
	CHECK(name, t1 - t0 >= want && t1 - t0 < want + 500 * MS,
	      "slept %lld ns, want %lld", t1 - t0, want);
}

static void test_clock_nanosleep(void)
{
	struct timespec ts = ts_of(20 * MS), rem = { 7, 7 };
	long long t0, t1;

	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ("time2.clock_nanosleep.relative",
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, &rem), 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	check_slept("time2.clock_nanosleep.relative.duration", t0, t1, 20 * MS);

	t0 = now_ns(CLOCK_MONOTONIC);
	ts = ts_of(t0 + 30 * MS);
	CHECK_EQ("time2.clock_nanosleep.abs_monotonic",
		 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	check_slept("time2.clock_nanosleep.abs_monotonic.duration", t0, t1, 30 * MS);

	t0 = now_ns(CLOCK_MONOTONIC);
	ts = ts_of(now_ns(CLOCK_REALTIME) + 30 * MS);
	CHECK_EQ("time2.clock_nanosleep.abs_realtime",
		 clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &ts, NULL), 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	check_slept("time2.clock_nanosleep.abs_realtime.duration", t0, t1, 25 * MS);

	t0 = now_ns(CLOCK_MONOTONIC);
	ts = ts_of(1); /* long past */
	CHECK_EQ("time2.clock_nanosleep.abs_past",
		 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL), 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	CHECK("time2.clock_nanosleep.abs_past.immediate", t1 - t0 < 100 * MS,
	      "took %lld ns", t1 - t0);

	ts = ts_of(10 * MS);
	CHECK_EQ("time2.clock_nanosleep.boottime",
		 clock_nanosleep(CLOCK_BOOTTIME, 0, &ts, NULL), 0);
	/* clock_nanosleep returns the error number itself. */
	ts.tv_nsec = NSEC_PER_SEC;
	CHECK_EQ("time2.clock_nanosleep.einval_nsec",
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_EQ("time2.clock_nanosleep.einval_negative",
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL), EINVAL);
	ts = ts_of(MS);
	CHECK_ERR("time2.clock_nanosleep.einval_clock",
		  syscall(SYS_clock_nanosleep, 99, 0, &ts, NULL), EINVAL);
	CHECK_ERR("time2.clock_nanosleep.raw_unsupported",
		  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC_RAW, 0, &ts, NULL),
		  EOPNOTSUPP);
	CHECK_ERR("time2.clock_nanosleep.coarse_unsupported",
		  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC_COARSE, 0, &ts, NULL),
		  EOPNOTSUPP);
	CHECK_ERR("time2.clock_nanosleep.efault",
		  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, UNMAPPED, NULL),
		  EFAULT);
	/* musl's sleep functions are clock_nanosleep on riscv64. */
	t0 = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ("time2.usleep", usleep(15000), 0);
	t1 = now_ns(CLOCK_MONOTONIC);
	check_slept("time2.usleep.duration", t0, t1, 15 * MS);
	CHECK_EQ("time2.sleep_zero", sleep(0), 0);
}

static void test_clock_getres(void)
{
	struct timespec res = { -1, -1 };

	CHECK("time2.clock_getres.realtime",
	      clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 &&
	      res.tv_nsec == 1, "{%lld, %ld}", (long long)res.tv_sec, res.tv_nsec);
	CHECK("time2.clock_getres.monotonic",
	      clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
	      res.tv_nsec == 1, "{%lld, %ld}", (long long)res.tv_sec, res.tv_nsec);
	CHECK("time2.clock_getres.boottime",
	      clock_getres(CLOCK_BOOTTIME, &res) == 0 && res.tv_nsec == 1,
	      "{%lld, %ld}", (long long)res.tv_sec, res.tv_nsec);
	/* A tick: Linux's depends on CONFIG_HZ (1..10 ms). */
	CHECK("time2.clock_getres.coarse",
	      clock_getres(CLOCK_MONOTONIC_COARSE, &res) == 0 && res.tv_sec == 0 &&
	      res.tv_nsec >= MS && res.tv_nsec <= 10 * MS,
	      "{%lld, %ld}", (long long)res.tv_sec, res.tv_nsec);
	CHECK_EQ("time2.clock_getres.null", clock_getres(CLOCK_MONOTONIC, NULL), 0);
	CHECK_ERR("time2.clock_getres.einval", syscall(SYS_clock_getres, 99, &res),
		  EINVAL);
	CHECK_ERR("time2.clock_getres.efault",
		  syscall(SYS_clock_getres, CLOCK_MONOTONIC, UNMAPPED), EFAULT);
}

int test_time2(void)
{
	harness_begin("time2");
	test_clock_nanosleep();
	test_clock_getres();
	return harness_end();
}
