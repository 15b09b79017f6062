// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/syscall_check.c - checks the Linux semantics of the system
 * calls racho implements so far: results, the errno of each bad argument,
 * and that nanosleep really blocks for the time asked. Prints one FAIL
 * line per mismatch and "Test syscall_check OK!" when there is none.
 */
#include "ulib.h"

#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

#define UNMAPPED 0x12345000L

static int failures;

static void expect(const char *what, long got, long want)
{
	if (got != want) {
		printf("syscall_check: FAIL %s: got %ld, want %ld\n", what, got,
		       want);
		failures++;
	}
}

static long sys3(long n, long a0, long a1, long a2)
{
	return syscall6(n, a0, a1, a2, 0, 0, 0);
}

struct ts {
	int64_t sec;
	int64_t nsec;
};

static int64_t mono_ns(void)
{
	struct ts t;

	sys3(SYS_clock_gettime, 1, (long)&t, 0);
	return t.sec * 1000000000 + t.nsec;
}

static void check_write(void)
{
	expect("write(bad fd)", sys3(SYS_write, 5, (long)"x", 1), -EBADF);
	expect("write(unmapped buf)", sys3(SYS_write, 1, UNMAPPED, 4), -EFAULT);
	expect("write(len -1)", sys3(SYS_write, 1, (long)"x", -1), -EFAULT);
	expect("write(len 0)", sys3(SYS_write, 1, (long)"x", 0), 0);
	expect("write(kernel buf)",
	       sys3(SYS_write, 1, (long)0xffffffc080200000UL, 4), -EFAULT);
}

static void check_time(void)
{
	struct ts t = { -1, -1 };
	int32_t tz[2] = { 7, 7 };
	int64_t tv[2];

	expect("clock_gettime(99)", sys3(SYS_clock_gettime, 99, (long)&t, 0),
	       -EINVAL);
	expect("clock_gettime(NULL)", sys3(SYS_clock_gettime, 1, 0, 0), -EFAULT);
	for (long id = 0; id <= 7; id++) {
		long want = (id == 2 || id == 3) ? -EINVAL : 0;

		expect("clock_gettime(id)",
		       sys3(SYS_clock_gettime, id, (long)&t, 0), want);
		if (want == 0)
			expect("tv_nsec in range",
			       t.nsec >= 0 && t.nsec < 1000000000, 1);
	}
	expect("gettimeofday(NULL, NULL)", sys3(SYS_gettimeofday, 0, 0, 0), 0);
	expect("gettimeofday(tv, tz)",
	       sys3(SYS_gettimeofday, (long)tv, (long)tz, 0), 0);
	expect("timezone zeroed", tz[0] == 0 && tz[1] == 0, 1);
	expect("tv_usec in range", tv[1] >= 0 && tv[1] < 1000000, 1);
	expect("gettimeofday(unmapped)",
	       sys3(SYS_gettimeofday, UNMAPPED, 0, 0), -EFAULT);
}

static void check_nanosleep(void)
{
	struct ts bad_nsec = { 0, 1000000000 };
	struct ts neg_sec = { -1, 0 };
	struct ts neg_nsec = { 0, -1 };
	struct ts zero = { 0, 0 };
	struct ts req = { 0, 50000000 };
	int64_t t0, slept;

	expect("nanosleep(nsec 1e9)",
	       sys3(SYS_nanosleep, (long)&bad_nsec, 0, 0), -EINVAL);
	expect("nanosleep(sec -1)", sys3(SYS_nanosleep, (long)&neg_sec, 0, 0),
	       -EINVAL);
	expect("nanosleep(nsec -1)",
	       sys3(SYS_nanosleep, (long)&neg_nsec, 0, 0), -EINVAL);
	expect("nanosleep(NULL)", sys3(SYS_nanosleep, 0, 0, 0), -EFAULT);
	expect("nanosleep(0)", sys3(SYS_nanosleep, (long)&zero, 0, 0), 0);
	t0 = mono_ns();
	expect("nanosleep(50 ms)", sys3(SYS_nanosleep, (long)&req, 0, 0), 0);
	slept = mono_ns() - t0;
	expect("slept at least 50 ms", slept >= 50000000, 1);
	expect("slept less than 1 s", slept < 1000000000, 1);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	expect("getpid() > 0", getpid() > 0, 1);
	expect("sched_yield", yield(), 0);
	expect("unknown syscall 1000", sys3(1000, 0, 0, 0), -ENOSYS);
	expect("brk(0) is the break", sys3(214, 0, 0, 0) > 0, 1);
	check_write();
	check_time();
	check_nanosleep();
	if (failures)
		printf("syscall_check: %d failures\n", failures);
	else
		printf("Test syscall_check OK!\n");
	return failures ? 1 : 0;
}
