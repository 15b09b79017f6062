// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_fork.c - fork(2) + _exit(2) in the child + wait4(2) in the
 * parent, one after the other: the whole life of a process that runs no
 * code of its own (copying the address space copy-on-write, creating and
 * scheduling the child, tearing it down, reaping it).
 */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define FORKS 200

/* One fork+_exit+wait4; returns 0, or -1 with errno set. */
static int fork_once(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(0);
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	return 0;
}

int bench_fork(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];

	for (int s = -1; s < bench_samples; s++) {
		uint64_t t0 = bench_now_ns(), t1;

		for (int i = 0; i < FORKS; i++)
			if (fork_once() != 0)
				return bench_fail("fork", "fork/wait4");
		t1 = bench_now_ns();
		if (s >= 0)
			v[s] = bench_per_op(t1 - t0, FORKS);
	}
	return bench_report("fork", "ns/fork", v, bench_samples);
}
