// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_yield.c - sched_yield(2) ping-pong between two processes on
 * one CPU. A word of MAP_SHARED anonymous memory says whose turn it is;
 * each side hands the turn over, then calls sched_yield until the turn
 * comes back. The figure is the time per round trip (parent -> child ->
 * parent): two yields and two context switches when every yield switches,
 * which is what a round-robin scheduler does.
 *
 * Linux's CFS does not always switch on sched_yield (it may pick the
 * yielding task again when its vruntime is still the smallest), so a
 * round trip can take more yields there; the cost of those counts, since
 * it is what a program that yields to another gets. The number of yields
 * per round trip is printed as a comment.
 *
 * Without MAP_SHARED anonymous memory the benchmark fails (BENCH-FAIL):
 * without the turn word there is no way to know that the yields switch.
 */
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

#include "bench.h"

#define ROUND_TRIPS 5000

/* The shared page: whose turn, and the yields each side made. */
struct turn {
	unsigned long turn; /* TURN_PARENT, TURN_CHILD or TURN_STOP */
	unsigned long child_yields;
};

#define TURN_PARENT 0
#define TURN_CHILD 1
#define TURN_STOP 2

static unsigned long load(volatile unsigned long *p)
{
	return __atomic_load_n(p, __ATOMIC_SEQ_CST);
}

static void store(volatile unsigned long *p, unsigned long v)
{
	__atomic_store_n(p, v, __ATOMIC_SEQ_CST);
}

/* The child: wait for its turn (yielding), give it back; until STOP. */
static void child(volatile struct turn *t)
{
	unsigned long yields = 0, v;

	for (;;) {
		while ((v = load(&t->turn)) == TURN_PARENT) {
			sched_yield();
			yields++;
		}
		if (v == TURN_STOP)
			break;
		store(&t->turn, TURN_PARENT);
	}
	store(&t->child_yields, yields);
	_exit(0);
}

/* One sample; returns 0 and the time per round trip in tenths of ns. */
static int yield_sample(volatile struct turn *t, uint64_t *out,
			unsigned long *yields)
{
	unsigned long mine = 0;
	uint64_t t0, t1;
	int status;
	pid_t pid;

	store(&t->turn, TURN_PARENT);
	store(&t->child_yields, 0);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0)
		child(t);
	/* One untimed round trip: the child is running after it. */
	store(&t->turn, TURN_CHILD);
	while (load(&t->turn) == TURN_CHILD)
		sched_yield();
	t0 = bench_now_ns();
	for (int i = 0; i < ROUND_TRIPS; i++) {
		store(&t->turn, TURN_CHILD);
		while (load(&t->turn) == TURN_CHILD) {
			sched_yield();
			mine++;
		}
	}
	t1 = bench_now_ns();
	store(&t->turn, TURN_STOP);
	if (wait4(pid, &status, 0, NULL) != pid || status != 0)
		return -1;
	*out = bench_per_op(t1 - t0, ROUND_TRIPS);
	/* the child's count includes the warm-up round trip's yields */
	*yields = mine + load(&t->child_yields);
	return 0;
}

int bench_yield(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];
	unsigned long yields, max_yields = 0;
	volatile struct turn *t = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (t == MAP_FAILED)
		return bench_fail("sched_yield", "mmap MAP_SHARED|MAP_ANONYMOUS");
	for (int s = -1; s < bench_samples; s++) {
		uint64_t x;

		if (yield_sample(t, &x, &yields) != 0) {
			munmap((void *)t, 4096);
			return bench_fail("sched_yield", "fork/wait4");
		}
		if (s >= 0)
			v[s] = x;
		if (s >= 0 && yields > max_yields)
			max_yields = yields;
	}
	munmap((void *)t, 4096);
	bench_printf("# sched_yield: at most %lu.%02lu yields per round trip (2.00: every yield switched)",
		     max_yields / ROUND_TRIPS,
		     max_yields % ROUND_TRIPS * 100 / ROUND_TRIPS);
	return bench_report("sched_yield", "ns/pair", v, bench_samples);
}
