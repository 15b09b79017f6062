// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_pipe.c - pipe round trip between two processes: the parent
 * writes one byte into pipe A, the child reads it and writes one byte back
 * into pipe B, the parent reads it. On one CPU every round trip is two
 * blocking reads, two wake-ups and two context switches.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define ROUND_TRIPS 1000

/* The child: echo ROUND_TRIPS + 1 bytes (one warm-up), then exit. */
static void echo_child(int in, int out)
{
	char c;

	for (int i = 0; i <= ROUND_TRIPS; i++)
		if (read(in, &c, 1) != 1 || write(out, &c, 1) != 1)
			_exit(1);
	_exit(0);
}

static int round_trip(int out, int in)
{
	char c = 'x';

	return write(out, &c, 1) == 1 && read(in, &c, 1) == 1 ? 0 : -1;
}

/* One sample with a fresh child; returns tenths of ns per round trip, or 0. */
static uint64_t pipe_sample(void)
{
	int a[2], b[2], status;
	uint64_t t0, t1;
	pid_t pid;

	if (pipe(a) != 0)
		return 0;
	if (pipe(b) != 0) {
		close(a[0]);
		close(a[1]);
		return 0;
	}
	pid = fork();
	if (pid == 0) {
		close(a[1]);
		close(b[0]);
		echo_child(a[0], b[1]);
	}
	close(a[0]);
	close(b[1]);
	t0 = t1 = 0;
	if (pid > 0 && round_trip(a[1], b[0]) == 0) { /* the child is up */
		int i = 0;

		t0 = bench_now_ns();
		while (i < ROUND_TRIPS && round_trip(a[1], b[0]) == 0)
			i++;
		t1 = i == ROUND_TRIPS ? bench_now_ns() : t0;
	}
	close(a[1]);
	close(b[0]);
	if (pid > 0 && (wait4(pid, &status, 0, NULL) != pid || status != 0))
		t1 = t0;
	return bench_per_op(t1 - t0, ROUND_TRIPS);
}

int bench_pipe(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];

	for (int s = -1; s < bench_samples; s++) {
		uint64_t x = pipe_sample();

		if (x == 0)
			return bench_fail("pipe_rtt", "pipe/fork/read/write/wait4");
		if (s >= 0)
			v[s] = x;
	}
	return bench_report("pipe_rtt", "ns/rtt", v, bench_samples);
}
