// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_futex.c - futex(2): FUTEX_WAIT's EAGAIN and ETIMEDOUT,
 * FUTEX_WAKE with no waiters, the bitset forms, EINVAL/EFAULT, and a
 * shared futex in MAP_SHARED memory woken across fork.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MS 1000000L

/* <linux/futex.h> (musl has no kernel headers). */
#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_WAIT_PRIVATE (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAIT_BITSET_PRIVATE (FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_BITSET_PRIVATE (FUTEX_WAKE_BITSET | FUTEX_PRIVATE_FLAG)
#define FUTEX_BITSET_MATCH_ANY 0xffffffffU
#define UNMAPPED 0x12345000UL

static long futex(void *addr, int op, uint32_t val, const struct timespec *ts,
		  uint32_t val3)
{
	return syscall(SYS_futex, addr, op, val, ts, NULL, val3);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void test_basics(void)
{
	static uint32_t word[2] = { 5, 0 };
	struct timespec ts = { 0, 20 * MS };
	long long t0, t1;

	CHECK_ERR("futex.wait.eagain", futex(word, FUTEX_WAIT_PRIVATE, 6, NULL, 0), EAGAIN);
	CHECK_ERR("futex.wait.eagain_shared", futex(word, FUTEX_WAIT, 6, NULL, 0), EAGAIN);
	t0 = now_ns();
	CHECK_ERR("futex.wait.timeout", futex(word, FUTEX_WAIT_PRIVATE, 5, &ts, 0),
		  ETIMEDOUT);
	t1 = now_ns();
	CHECK("futex.wait.timeout.duration", t1 - t0 >= 20 * MS, "took %lld", t1 - t0);
	CHECK_ERR("futex.wait.timeout_shared", futex(word, FUTEX_WAIT, 5, &ts, 0),
		  ETIMEDOUT);
	CHECK_EQ("futex.wake.none", futex(word, FUTEX_WAKE_PRIVATE, 1, NULL, 0), 0);
	CHECK_EQ("futex.wake.none_shared", futex(word, FUTEX_WAKE, 10, NULL, 0), 0);
	CHECK_ERR("futex.wait.unaligned",
		  futex((char *)word + 1, FUTEX_WAIT_PRIVATE, 5, &ts, 0), EINVAL);
	CHECK_ERR("futex.wait.efault",
		  futex((void *)UNMAPPED, FUTEX_WAIT_PRIVATE, 5, &ts, 0), EFAULT);
	CHECK_ERR("futex.wake.efault_shared",
		  futex((void *)UNMAPPED, FUTEX_WAKE, 1, NULL, 0), EFAULT);
	ts.tv_nsec = 1000000000;
	CHECK_ERR("futex.wait.einval_ts", futex(word, FUTEX_WAIT_PRIVATE, 5, &ts, 0),
		  EINVAL);
	CHECK_ERR("futex.wait_bitset.zero",
		  futex(word, FUTEX_WAIT_BITSET_PRIVATE, 5, NULL, 0), EINVAL);
	CHECK_ERR("futex.wake_bitset.zero",
		  futex(word, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, 0), EINVAL);
	/* WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	/* A second ago, or the boot if that is nearer (a negative time is
	 * EINVAL, and tests may run within a second of boot). */
	if (ts.tv_sec >= 1)
		ts.tv_sec -= 1;
	else
		ts.tv_nsec = 0;
	CHECK_ERR("futex.wait_bitset.past",
		  futex(word, FUTEX_WAIT_BITSET_PRIVATE, 5, &ts, FUTEX_BITSET_MATCH_ANY),
		  ETIMEDOUT);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec = (ts.tv_nsec + 20 * MS) % 1000000000;
	if (ts.tv_nsec < 20 * MS)
		ts.tv_sec++;
	CHECK_ERR("futex.wait_bitset.realtime",
		  futex(word, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 5,
			&ts, FUTEX_BITSET_MATCH_ANY), ETIMEDOUT);
	CHECK_ERR("futex.unknown_op", futex(word, 99, 0, NULL, 0), ENOSYS);
}

/* A child waits on a shared word; the parent wakes it. */
static void test_shared(void)
{
	uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	struct timespec ts = { 0, 10 * MS };
	long woken = 0;
	int st = -1, i;
	pid_t pid;

	if (w == MAP_FAILED) {
		CHECK("futex.shared.mmap", 0, "mmap failed");
		return;
	}
	*w = 0;
	pid = fork();
	if (pid == 0) {
		struct timespec limit = { 5, 0 };

		_exit(futex(w, FUTEX_WAIT, 0, &limit, 0) == 0 ? 0 : 10 + errno);
	}
	/* The value stays 0 until the wake lands, so the child must wait. */
	for (i = 0; i < 200 && woken == 0; i++) {
		nanosleep(&ts, NULL);
		woken = futex(w, FUTEX_WAKE, 1, NULL, 0);
	}
	*w = 1;
	CHECK_EQ("futex.shared.wake_one", woken, 1);
	waitpid(pid, &st, 0);
	CHECK("futex.shared.child_woken", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status 0x%x", st);
	munmap(w, 4096);
}

int test_futex(void)
{
	harness_begin("futex");
	test_basics();
	test_shared();
	return harness_end();
}
