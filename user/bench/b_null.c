// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_null.c - the null system call: getppid(2) in a loop.
 *
 * getppid does no work in either kernel beyond reading the parent's pid, so
 * the time is the trap entry/exit path plus the syscall dispatch.
 */
#include <unistd.h>

#include "bench.h"

#define NULL_CALLS 50000

int bench_null(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];
	volatile pid_t sink = 0;

	for (int s = -1; s < bench_samples; s++) {
		uint64_t t0 = bench_now_ns(), t1;

		for (int i = 0; i < NULL_CALLS; i++)
			sink = getppid();
		t1 = bench_now_ns();
		if (s >= 0)
			v[s] = bench_per_op(t1 - t0, NULL_CALLS);
	}
	(void)sink;
	return bench_report("getppid", "ns/call", v, bench_samples);
}
