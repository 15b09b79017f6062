// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_yield.c - sched_yield(2) ping-pong between two processes on
 * one CPU: parent and child both call sched_yield in a loop, so each of the
 * parent's yields runs the child's yield in between. The figure is the
 * parent's time per iteration: one yield pair (two yields, two switches).
 *
 * A pipe holds the parent until the child is running. The child yields a
 * little longer than the parent so that every timed parent yield has a
 * partner. When MAP_SHARED anonymous memory works, the child counts its
 * yields there and the parent reports how many of its yields saw the child
 * run (a comment line; a kernel that does not switch on yield shows it).
 */
#include <stddef.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sched.h>
#include <unistd.h>

#include "bench.h"

#define YIELDS 5000
#define CHILD_EXTRA 64

static int yield_sample(uint64_t *out, volatile unsigned long *shared,
			unsigned *switched)
{
	int go[2], status;
	unsigned long seen;
	uint64_t t0, t1;
	pid_t pid;
	char c = 'g';

	if (pipe(go) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(go[0]);
		(void)!write(go[1], &c, 1);
		for (int i = 0; i < YIELDS + CHILD_EXTRA; i++) {
			sched_yield();
			if (shared)
				(*shared)++;
		}
		_exit(0);
	}
	close(go[1]);
	if (pid < 0 || read(go[0], &c, 1) != 1) {
		close(go[0]);
		return -1;
	}
	close(go[0]);
	*switched = 0;
	seen = shared ? *shared : 0;
	t0 = bench_now_ns();
	for (int i = 0; i < YIELDS; i++) {
		sched_yield();
		if (shared && *shared != seen) {
			seen = *shared;
			(*switched)++;
		}
	}
	t1 = bench_now_ns();
	if (wait4(pid, &status, 0, NULL) != pid || status != 0)
		return -1;
	*out = bench_per_op(t1 - t0, YIELDS);
	return 0;
}

int bench_yield(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];
	unsigned switched = 0, min_switched = YIELDS;
	volatile unsigned long *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					      MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	if (shared == MAP_FAILED)
		shared = NULL;
	for (int s = -1; s < bench_samples; s++) {
		uint64_t x;

		if (shared)
			*shared = 0;
		if (yield_sample(&x, shared, &switched) != 0)
			return bench_fail("sched_yield", "pipe/fork/wait4");
		if (s >= 0)
			v[s] = x;
		if (switched < min_switched)
			min_switched = switched;
	}
	if (shared) {
		bench_printf("# sched_yield: at least %u of %d parent yields ran the child",
			     min_switched, YIELDS);
		munmap((void *)shared, 4096);
	} else {
		bench_printf("# sched_yield: no MAP_SHARED anonymous memory; switches not checked");
	}
	return bench_report("sched_yield", "ns/pair", v, bench_samples);
}
