// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_sysfuzz.c - bad input never takes the kernel down.
 *
 * Every system call number from 0 to 450, except the few that would reach
 * outside the calling process (below), is called 48 times with arguments
 * drawn from values that break careless kernels: NULL, -1, huge lengths,
 * kernel addresses, the first non-user address, unmapped and read-only
 * pages, a buffer whose end touches an unmapped page. Each number runs in
 * its own child with every inherited fd closed (fds 0-3 are then a pipe,
 * a scratch file and /dev/null, so fd arguments meet real objects) and
 * its working directory in a scratch tmpfs, so a signal, a block or a
 * mess stays in that child; a
 * child still running after 150 ms is killed (some calls block forever).
 *
 * What is checked is that the system survives: every child ends by exit
 * or by a signal and is reaped, and afterwards fork,
 * pipes and wait4 still work. A kernel that panics or hangs fails the
 * whole boot, which the runner reports. The arguments come from a fixed
 * seed, so a failure reproduces. For longer hunts, boot the family alone
 * with other values: `rdinit=/tests/sysfuzz RACHO_FUZZ_SEED=7
 * RACHO_FUZZ_ROUNDS=500` (environment words of the kernel command line).
 *
 * Skipped (they would act on other processes or on the whole system,
 * on Linux as root): mount and the mount API, umount2, pivot_root,
 * chroot, acct, exit, exit_group, unshare, setns, kexec and modules,
 * clock/time setting, ptrace, the kill family and rt_sigreturn, reboot,
 * sethostname/setdomainname, clone/clone3/execve/execveat, swapon/off,
 * vhangup, syslog, perf_event_open, bpf, keyrings, quotactl,
 * process_vm_writev, prlimit64 (another pid's limits), sched_set*
 * (real-time policies), NUMA page moves, io_uring, pidfd_getfd,
 * process_madvise and process_mrelease.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define FUZZ_MAX_NR 450
#define FUZZ_ROUNDS 48

static uint64_t fuzz_seed = 0x9e3779b97f4a7c15ULL;
static int fuzz_rounds = FUZZ_ROUNDS;
#define FUZZ_TIMEOUT_MS 150

static const short skipped[] = {
	39, 40, 41, 51, 58, 60, 89, 93, 94, 97, 104, 105, 106, 112, 116, 117,
	118, 119, 120, 129, 130, 131, 138, 139, 142, 161, 162, 170, 171, 217,
	218, 219, 220, 221, 224, 225, 238, 239, 240, 241, 261, 266, 268, 271,
	273, 274, 280, 281, 294, 424, 425, 426, 427, 428, 429, 430, 431, 432,
	433, 435, 438, 440, 442, 443, 448,
};

static bool is_skipped(long nr)
{
	for (size_t i = 0; i < sizeof(skipped) / sizeof(skipped[0]); i++)
		if (skipped[i] == nr)
			return true;
	return false;
}

/* xorshift64: the same arguments on every kernel and every run. */
static uint64_t fuzz_state;

static uint64_t fuzz_next(void)
{
	fuzz_state ^= fuzz_state << 13;
	fuzz_state ^= fuzz_state >> 7;
	fuzz_state ^= fuzz_state << 17;
	return fuzz_state;
}

struct fuzz_pages {
	char *rw;   /* one writable page; the page after it is unmapped */
	char *ro;   /* one read-only page of zeros */
};

static long fuzz_arg(const struct fuzz_pages *p)
{
	static const long fixed[] = {
		0, 1, 2, 3, 7, 16, 64, 255, 4096, 65536, -1, -2, -4096,
		0x7fffffff, (long)0x80000000UL, (long)0xffffffc080200000UL,
		(long)0xffffffc000000000UL, 0x3fffff8000L, 0x4000000000L,
		0x1000, (long)0x8000000000000000UL,
	};
	uint64_t r = fuzz_next();

	switch (r % 8) {
	case 0:
	case 1:
	case 2:
		return fixed[(r >> 8) % (sizeof(fixed) / sizeof(fixed[0]))];
	case 3:
		return (long)p->rw;
	case 4: /* near the end of the writable page, next to the hole */
		return (long)(p->rw + 4096 - 1 - (long)((r >> 8) % 64));
	case 5:
		return (long)p->ro;
	case 6:
		return (long)(r >> 8) & 0xffff;
	default:
		return (long)fuzz_next();
	}
}

/* The child: closes everything, then calls @nr FUZZ_ROUNDS times. */
static void fuzz_child(long nr)
{
	struct fuzz_pages p;
	char *two;

	syscall(436, 0, ~0U, 0); /* close_range(): musl 1.2.3 has no wrapper */
	/* Real objects behind the small fds the fuzzer draws: a pipe (0, 1),
	 * a scratch file with data (2), /dev/null (3). */
	{
		int fds[2];

		if (pipe(fds) < 0 ||
		    open("fzfile", O_RDWR | O_CREAT | O_TRUNC, 0600) != 2 ||
		    write(2, "fuzz data\n", 10) != 10 ||
		    open("/dev/null", O_RDWR) != 3)
			_exit(100);
	}
	two = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	p.ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (two == MAP_FAILED || p.ro == MAP_FAILED)
		_exit(100);
	munmap(two + 4096, 4096);
	p.rw = two;
	fuzz_state = fuzz_seed ^ (uint64_t)nr * 0x100000001b3ULL;
	for (int i = 0; i < fuzz_rounds; i++) {
		long a[6];

		/* A short relative name in the scratch directory, so that
		 * calls taking paths act there and nowhere else. */
		memset(p.rw, 0, 4096);
		memcpy(p.rw, "fz", 3);
		for (int j = 0; j < 6; j++)
			a[j] = fuzz_arg(&p);
		syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	}
	_exit(0);
}

/*
 * Waits for @pid, killing it after FUZZ_TIMEOUT_MS. SIGCHLD is blocked
 * (test_sysfuzz), so sigtimedwait() returns as soon as the child ends.
 */
static int reap_or_kill(pid_t pid, bool *timed_out)
{
	struct timespec left = { 0, FUZZ_TIMEOUT_MS * 1000000L };
	sigset_t chld;
	int st = 0;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	*timed_out = false;
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);
		struct timespec t0, t1;
		long ns;

		if (r == pid)
			return st;
		if (r < 0)
			return -1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (sigtimedwait(&chld, NULL, &left) < 0 && errno == EAGAIN)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ns = (t1.tv_sec - t0.tv_sec) * 1000000000L +
		     (t1.tv_nsec - t0.tv_nsec);
		ns = left.tv_nsec - ns;
		if (ns <= 0)
			break;
		left.tv_nsec = ns;
	}
	if (waitpid(pid, &st, WNOHANG) == pid)
		return st;
	*timed_out = true;
	kill(pid, SIGKILL);
	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static bool still_works(void)
{
	int fds[2], st = -1;
	char c = 0;
	pid_t pid;

	if (pipe(fds) < 0)
		return false;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		_exit(write(fds[1], "k", 1) == 1 ? 7 : 1);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &c, 1) != 1 || c != 'k')
		return false;
	close(fds[0]);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 7;
}

int test_sysfuzz(void)
{
	int numbers = 0, exited = 0, signalled = 0, timeouts = 0, lost = 0;
	sigset_t chld, old;
	int st;

	harness_begin("sysfuzz");
	if (getenv("RACHO_FUZZ_SEED"))
		fuzz_seed ^= strtoull(getenv("RACHO_FUZZ_SEED"), NULL, 0) *
			     0xff51afd7ed558ccdULL;
	if (getenv("RACHO_FUZZ_ROUNDS"))
		fuzz_rounds = atoi(getenv("RACHO_FUZZ_ROUNDS"));
	if (!scratch_begin("sysfuzz"))
		return harness_end();
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	for (long nr = 0; nr <= FUZZ_MAX_NR; nr++) {
		pid_t pid;
		bool timed_out;

		if (is_skipped(nr))
			continue;
		pid = fork();
		if (pid == 0)
			fuzz_child(nr);
		if (pid < 0) {
			lost++;
			continue;
		}
		numbers++;
		st = reap_or_kill(pid, &timed_out);
		if (st == -1)
			lost++;
		else if (timed_out)
			timeouts++;
		else if (WIFSIGNALED(st))
			signalled++;
		else if (WIFEXITED(st) && WEXITSTATUS(st) != 100)
			exited++;
		else
			lost++;
	}
	harness_printf("# sysfuzz: %d numbers x %d calls: %d children exited, "
		       "%d killed by a signal, %d blocked and were killed\n",
		       numbers, fuzz_rounds, exited, signalled, timeouts);
	CHECK("sysfuzz.every_child_ended", lost == 0 && numbers > 300,
	      "%d of %d children not forked or not reaped", lost, numbers);
	CHECK("sysfuzz.still_works", still_works(),
	      "fork/pipe/wait4 after the fuzzing: %s", harness_errname(errno));
	/* Drop the SIGCHLDs that queued up, then restore the mask. */
	{
		struct timespec zero = { 0, 0 };

		while (sigtimedwait(&chld, NULL, &zero) == SIGCHLD)
			;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	scratch_end("sysfuzz");
	return harness_end();
}
