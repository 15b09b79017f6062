// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_exec.c - fork(2) + execve(2) of a tiny static program
 * (/bench/true, user/bench/true.c) + wait4(2): what a shell does to run a
 * command, including loading the ELF and the program's own startup/exit.
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define EXECS 100
#define TRUE_PATH "/bench/true"

/* One fork+execve+wait4; returns 0, or -1 with errno set. */
static int exec_once(void)
{
	char *argv[] = { TRUE_PATH, NULL };
	char *envp[] = { NULL };
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execve(TRUE_PATH, argv, envp);
		_exit(127);
	}
	if (wait4(pid, &status, 0, NULL) != pid)
		return -1;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		errno = ENOEXEC; /* execve failed in the child, or true crashed */
		return -1;
	}
	return 0;
}

int bench_exec(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];

	for (int s = -1; s < bench_samples; s++) {
		uint64_t t0 = bench_now_ns(), t1;

		for (int i = 0; i < EXECS; i++)
			if (exec_once() != 0)
				return bench_fail("fork_exec", "fork/execve " TRUE_PATH "/wait4");
		t1 = bench_now_ns();
		if (s >= 0)
			v[s] = bench_per_op(t1 - t0, EXECS);
	}
	return bench_report("fork_exec", "ns/exec", v, bench_samples);
}
