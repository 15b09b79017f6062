// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_time.c - clocks and sleeping: clock_gettime, gettimeofday,
 * nanosleep, with EINVAL for bad clocks and bad tv_nsec, EFAULT for bad
 * pointers. Bad-pointer cases use raw syscalls so that libc (or a vDSO)
 * cannot fault or answer in user space first.
 */
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define KERNEL_ADDR 0xffffffc080200000UL
#define NSEC_PER_SEC 1000000000L

static long long ns_of(const struct timespec *ts)
{
	return (long long)ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

static bool ts_valid(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 && ts->tv_nsec < NSEC_PER_SEC;
}

static void test_clock_gettime(void)
{
	struct timespec a = { -1, -1 }, b = { -1, -1 };
	int r;

	r = clock_gettime(CLOCK_MONOTONIC, &a);
	CHECK("time.clock_gettime.monotonic", r == 0 && ts_valid(&a),
	      "r=%d {%lld, %ld}", r, (long long)a.tv_sec, a.tv_nsec);
	r = clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("time.clock_gettime.monotonic_nondecreasing",
	      r == 0 && ns_of(&b) >= ns_of(&a), "r=%d %lld then %lld", r,
	      ns_of(&a), ns_of(&b));
	r = clock_gettime(CLOCK_REALTIME, &a);
	CHECK("time.clock_gettime.realtime", r == 0 && ts_valid(&a),
	      "r=%d {%lld, %ld}", r, (long long)a.tv_sec, a.tv_nsec);
	CHECK_ERR("time.clock_gettime.einval_clock",
		  syscall(SYS_clock_gettime, 12345, &a), EINVAL);
	CHECK_ERR("time.clock_gettime.efault",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)1), EFAULT);
	CHECK_ERR("time.clock_gettime.efault_null",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, NULL), EFAULT);
	CHECK_ERR("time.clock_gettime.efault_kernel",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, KERNEL_ADDR), EFAULT);
}

static void test_gettimeofday(void)
{
	struct timeval tv = { -1, -1 }, raw = { -1, -1 };
	struct timespec rt;
	int r;

	r = gettimeofday(&tv, NULL);
	CHECK("time.gettimeofday", r == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000,
	      "r=%d {%lld, %ld}", r, (long long)tv.tv_sec, (long)tv.tv_usec);
	r = (int)syscall(SYS_gettimeofday, &raw, NULL);
	clock_gettime(CLOCK_REALTIME, &rt);
	CHECK("time.gettimeofday.raw_matches_realtime",
	      r == 0 && raw.tv_usec >= 0 && raw.tv_usec < 1000000 &&
		      rt.tv_sec - raw.tv_sec >= 0 && rt.tv_sec - raw.tv_sec <= 1,
	      "r=%d gettimeofday %lld s, CLOCK_REALTIME %lld s", r,
	      (long long)raw.tv_sec, (long long)rt.tv_sec);
	CHECK_ERR("time.gettimeofday.efault",
		  syscall(SYS_gettimeofday, (void *)1, NULL), EFAULT);
	CHECK_ERR("time.gettimeofday.efault_kernel",
		  syscall(SYS_gettimeofday, KERNEL_ADDR, NULL), EFAULT);
}

static void test_nanosleep(void)
{
	struct timespec a, b, req;
	int r;

	clock_gettime(CLOCK_MONOTONIC, &a);
	req = (struct timespec){ 0, 20 * 1000 * 1000 };
	r = nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &b);
	CHECK("time.nanosleep.20ms", r == 0 && ns_of(&b) - ns_of(&a) >= req.tv_nsec,
	      "r=%d slept %lld ns", r, ns_of(&b) - ns_of(&a));
	req = (struct timespec){ 0, 0 };
	CHECK_EQ("time.nanosleep.zero", nanosleep(&req, NULL), 0);

	req = (struct timespec){ 0, NSEC_PER_SEC };
	CHECK_ERR("time.nanosleep.einval_nsec_1e9",
		  syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req = (struct timespec){ 0, -1 };
	CHECK_ERR("time.nanosleep.einval_nsec_negative",
		  syscall(SYS_nanosleep, &req, NULL), EINVAL);
	req = (struct timespec){ -1, 0 };
	CHECK_ERR("time.nanosleep.einval_sec_negative",
		  syscall(SYS_nanosleep, &req, NULL), EINVAL);
	CHECK_ERR("time.nanosleep.efault",
		  syscall(SYS_nanosleep, (void *)1, NULL), EFAULT);
	CHECK_ERR("time.nanosleep.efault_kernel",
		  syscall(SYS_nanosleep, KERNEL_ADDR, NULL), EFAULT);
}

int test_time(void)
{
	harness_begin("time");
	test_clock_gettime();
	test_gettimeofday();
	test_nanosleep();
	return harness_end();
}
