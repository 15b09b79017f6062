// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_fork.c - processes with musl: fork, vfork, posix_spawn,
 * execve (argv, envp, auxv, #! scripts, errors), waitpid and the wait
 * status encodings, death by signal, process groups, orphans reparented
 * to pid 1, copy-on-write, and RLIMIT_NPROC.
 *
 * posix_spawn is musl's user of clone(CLONE_VM | CLONE_VFORK) with a
 * new stack; musl's riscv64 vfork() is a plain clone(SIGCHLD).
 *
 * Programs to exec: this family's own executable, /tests/fork, which
 * runs as a child when RACHO_FORK_CHILD is set in its environment and
 * exits with a code the parent checks (so a wrong argument list cannot
 * print its way out). Scripts are made in the family's scratch tmpfs.
 */
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define SELF "/tests/fork"
#define CHILD_ENV "RACHO_FORK_CHILD"

extern char **environ;
extern char _start[];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* Forks a child that exits with fn(arg); returns its raw wait status. */
static int run_child(int (*fn)(long), long arg)
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* ---- child modes (exec'ed /tests/fork) ---- */

static int child_args(int argc, char **argv)
{
	const char *execfn = (const char *)getauxval(AT_EXECFN);

	if (argc != 4 || strcmp(argv[0], "fork-args") != 0 ||
	    strcmp(argv[1], "a") != 0 || strcmp(argv[2], "") != 0 ||
	    strcmp(argv[3], "b c") != 0 || argv[4] != NULL)
		return 1;
	if (!getenv("X") || strcmp(getenv("X"), "1") != 0)
		return 2;
	if (!execfn || strcmp(execfn, SELF) != 0)
		return 3;
	if (getauxval(AT_PAGESZ) != 4096 || getauxval(AT_ENTRY) !=
	    (unsigned long)_start)
		return 4;
	if (getauxval(AT_PHENT) == 0 || getauxval(AT_PHNUM) == 0 ||
	    getauxval(AT_PHDR) == 0)
		return 5;
	if (getauxval(AT_RANDOM) == 0 || getauxval(AT_SECURE) != 0)
		return 6;
	return 42;
}

static int child_script(int argc, char **argv)
{
	if (argc != 4 || strcmp(argv[0], SELF) != 0 ||
	    strcmp(argv[1], "one arg") != 0 || strcmp(argv[2], "./s1") != 0 ||
	    strcmp(argv[3], "x") != 0)
		return 1;
	if (strcmp((const char *)getauxval(AT_EXECFN), "./s1") != 0)
		return 2;
	return 43;
}

/* Runs instead of the family when exec'ed as a child. */
static void maybe_child(void)
{
	const char *mode = getenv(CHILD_ENV);
	char **argv;
	int argc = 0;

	if (!mode)
		return;
	/*
	 * main() is not ours (standalone.c), so find argv on the initial
	 * stack: argc, argv[0..argc-1], NULL, then environ (musl points
	 * environ there). The word argc slots below the NULL equals argc.
	 */
	{
		long *null_slot = (long *)(void *)environ - 1;

		while (argc < 4096 && null_slot[-argc - 1] != argc)
			argc++;
		argv = (char **)(void *)(null_slot - argc);
	}
	if (strcmp(mode, "args") == 0)
		_exit(child_args(argc, argv));
	if (strcmp(mode, "script") == 0)
		_exit(child_script(argc, argv));
	_exit(atoi(mode));
}

/* ---- status encodings and signals ---- */

static int exit_code(long code)
{
	return (int)code;
}

static int die_segv(long unused)
{
	(void)unused;
	*(volatile int *)16 = 1;
	return 0;
}

static int die_ill(long unused)
{
	(void)unused;
	__asm__ volatile(".word 0");
	return 0;
}

static void test_status(void)
{
	int st;

	st = run_child(exit_code, 0);
	CHECK("fork.status.exit0", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status %#x", st);
	st = run_child(exit_code, 1);
	CHECK("fork.status.exit1", st == 0x100, "status %#x", st);
	st = run_child(exit_code, 255);
	CHECK("fork.status.exit255", st == 0xff00, "status %#x", st);
	st = run_child(exit_code, 256 + 7);
	CHECK("fork.status.exit_low8", st == 0x700, "status %#x", st);
	st = run_child(die_segv, 0);
	CHECK("fork.status.sigsegv",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV && !WCOREDUMP(st),
	      "status %#x", st);
	st = run_child(die_ill, 0);
	CHECK("fork.status.sigill", WIFSIGNALED(st) && WTERMSIG(st) == SIGILL,
	      "status %#x", st);
}

/* ---- waitpid selection ---- */

static int no_children(long unused)
{
	(void)unused;
	return waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD ? 0 : 1;
}

static void test_wait(void)
{
	int st = -1;
	pid_t a, b;

	CHECK("fork.wait.echild", run_child(no_children, 0) == 0,
	      "child saw children");
	a = fork();
	if (a == 0) {
		sleep_ms(40);
		_exit(5);
	}
	CHECK("fork.wait.wnohang_running", waitpid(a, &st, WNOHANG) == 0,
	      "got status %#x", st);
	b = fork();
	if (b == 0) {
		setpgid(0, 0);
		_exit(6);
	}
	/* Both sides set the group, the usual idiom: no race either way. */
	(void)setpgid(b, b);
	CHECK("fork.wait.by_pgid", waitpid(-b, &st, 0) == b && st == 0x600,
	      "status %#x", st);
	CHECK("fork.wait.by_pid", waitpid(a, &st, 0) == a && st == 0x500,
	      "status %#x", st);
}

/* ---- memory: COW and vfork ---- */

static volatile int shared_value = 1;

static int cow_child(long unused)
{
	(void)unused;
	shared_value = 2;
	sleep_ms(20);
	return shared_value == 2 ? 0 : 1;
}

static void test_memory(void)
{
	volatile int mark = 0;
	pid_t pid;
	int st = -1;

	pid = fork();
	if (pid == 0)
		_exit(cow_child(0));
	shared_value = 3;
	CHECK("fork.cow.child", waitpid(pid, &st, 0) == pid && st == 0,
	      "status %#x", st);
	CHECK("fork.cow.parent", shared_value == 3, "value %d", shared_value);
	/*
	 * musl's riscv64 vfork() is clone(SIGCHLD): a fork, so the child's
	 * write stays its own. (posix_spawn below is musl's CLONE_VM |
	 * CLONE_VFORK user.)
	 */
	pid = vfork();
	if (pid == 0) {
		mark = 1;
		_exit(3);
	}
	CHECK("fork.vfork.status", waitpid(pid, &st, 0) == pid && st == 0x300,
	      "status %#x", st);
	CHECK("fork.vfork.is_fork_in_musl", mark == 0, "mark %d", mark);
}

/* ---- FP registers: inherited by fork, private to each process ---- */

/*
 * clone(SIGCHLD) straight from asm with fs0 = @val and fcsr.frm = 1
 * (round toward zero): the child reads both back before any compiled
 * code can touch them. Returns the pid, and in @got and @frm what the
 * process saw right after the call.
 */
static long fork_with_fp(double val, double *got, long *frm)
{
	register long a0 __asm__("a0") = SIGCHLD;
	register long a1 __asm__("a1") = 0;
	register long a7 __asm__("a7") = 220; /* clone */
	double out;
	long rm;

	__asm__ volatile("fmv.d fs0, %[v]\n\t"
			 "fsrmi 1\n\t"
			 "ecall\n\t"
			 "fmv.d %[o], fs0\n\t"
			 "frrm %[rm]\n\t"
			 "fsrmi 0"
			 : "+r"(a0), [o] "=f"(out), [rm] "=r"(rm)
			 : [v] "f"(val), "r"(a1), "r"(a7)
			 : "fs0", "memory");
	*got = out;
	*frm = rm;
	return a0;
}

/* Sets fs0..fs3 to @base + i, yields @rounds times, checks them each time. */
static int fp_survives_yields(double base, int rounds)
{
	int bad = 0;

	for (int r = 0; r < rounds; r++) {
		double v[4];

		__asm__ volatile("fmv.d fs0, %[a]\n\t"
				 "fmv.d fs1, %[b]\n\t"
				 "fmv.d fs2, %[c]\n\t"
				 "fmv.d fs3, %[d]\n\t"
				 "li a7, 124\n\t" /* sched_yield */
				 "ecall\n\t"
				 "fmv.d %[a], fs0\n\t"
				 "fmv.d %[b], fs1\n\t"
				 "fmv.d %[c], fs2\n\t"
				 "fmv.d %[d], fs3"
				 : [a] "=&f"(v[0]), [b] "=&f"(v[1]),
				   [c] "=&f"(v[2]), [d] "=&f"(v[3])
				 : "0"(base), "1"(base + 1), "2"(base + 2),
				   "3"(base + 3)
				 : "a0", "a7", "fs0", "fs1", "fs2", "fs3",
				   "memory");
		for (int i = 0; i < 4; i++)
			if (v[i] != base + i)
				bad++;
	}
	return bad;
}

static void test_fp(void)
{
	double got = 0;
	long frm = -1;
	int st = -1, bad;
	long pid = fork_with_fp(2.75, &got, &frm);

	if (pid == 0)
		_exit(got == 2.75 && frm == 1 ? 0 : 1);
	CHECK("fork.fp.parent_kept", pid > 0 && got == 2.75 && frm == 1,
	      "pid %ld fs0 %f frm %ld", pid, got, frm);
	CHECK("fork.fp.child_inherited",
	      pid > 0 && waitpid(pid, &st, 0) == pid && st == 0,
	      "status %#x", st);

	/* Two processes with different FP values, switching back and forth. */
	pid = fork();
	if (pid == 0)
		_exit(fp_survives_yields(1000.0, 200) == 0 ? 0 : 1);
	bad = fp_survives_yields(-50.0, 200);
	CHECK("fork.fp.parent_private", bad == 0, "%d wrong values", bad);
	CHECK("fork.fp.child_private",
	      pid > 0 && waitpid(pid, &st, 0) == pid && st == 0,
	      "status %#x", st);
}

/* ---- orphans ---- */

static void test_orphan(void)
{
	int p[2], st = -1;
	pid_t mid;
	long ppid = -1;

	if (pipe(p) != 0) {
		CHECK("fork.orphan.pipe", false, "%s", harness_errname(errno));
		return;
	}
	mid = fork();
	if (mid == 0) {
		if (fork() == 0) {
			pid_t old = getppid();
			int i;

			for (i = 0; i < 2000 && getppid() == old; i++)
				sleep_ms(1);
			ppid = getppid();
			(void)write(p[1], &ppid, sizeof(ppid));
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	waitpid(mid, &st, 0);
	if (read(p[0], &ppid, sizeof(ppid)) != sizeof(ppid))
		ppid = -2;
	close(p[0]);
	CHECK("fork.orphan.reparented_to_init", ppid == 1, "new ppid %ld",
	      ppid);
	/* If we are pid 1 ourselves (--inproc), the orphan is our child:
	 * reap it once it has exited (it is about to). */
	if (getpid() == 1) {
		int i;

		for (i = 0; i < 100 && waitpid(-1, NULL, WNOHANG) == 0; i++)
			sleep_ms(1);
	}
}

/* ---- execve and posix_spawn ---- */

/* execve in a child; its status, or 200 + errno if execve failed. */
static int run_exec(const char *path, char *const argv[], char *const envp[])
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		execve(path, argv, envp);
		_exit(200 + errno);
	}
	waitpid(pid, &st, 0);
	return st;
}

static void test_exec(void)
{
	char *argv[] = { "fork-args", "a", "", "b c", NULL };
	char *env_args[] = { CHILD_ENV "=args", "X=1", NULL };
	char *env_script[] = { CHILD_ENV "=script", NULL };
	char *env_9[] = { CHILD_ENV "=9", NULL };
	char *sargv[] = { "s1", "x", NULL };
	pid_t pid;
	int st;

	st = run_exec(SELF, argv, env_args);
	CHECK("fork.exec.args_env_auxv", st == 42 << 8, "status %#x", st);
	st = run_exec("/no/such/file", argv, env_args);
	CHECK("fork.exec.enoent", st == (200 + ENOENT) << 8, "status %#x", st);
	CHECK("fork.exec.caller_intact", execve("/nonexistent", argv, environ) ==
	      -1 && errno == ENOENT, "errno %s", harness_errname(errno));
	if (posix_spawn(&pid, SELF, NULL, NULL, argv, env_9) == 0 &&
	    waitpid(pid, &st, 0) == pid)
		CHECK("fork.posix_spawn", st == 9 << 8, "status %#x", st);
	else
		CHECK("fork.posix_spawn", false, "%s", harness_errname(errno));
	if (!scratch_begin("fork"))
		return;
	CHECK("fork.exec.files",
	      harness_write_file("s1", "#!" SELF "  one arg \n", 0755) == 0 &&
		      harness_write_file("junk", "not a program\n", 0755) == 0 &&
		      harness_write_file("noexec", "#!" SELF "\n", 0644) == 0,
	      "%s", harness_errname(errno));
	st = run_exec("./s1", sargv, env_script);
	CHECK("fork.exec.script", st == 43 << 8, "status %#x", st);
	st = run_exec("./junk", sargv, env_script);
	CHECK("fork.exec.enoexec", st == (200 + ENOEXEC) << 8, "status %#x",
	      st);
	st = run_exec("./noexec", sargv, env_script);
	CHECK("fork.exec.eacces", st == (200 + EACCES) << 8, "status %#x", st);
	unlink("s1");
	unlink("junk");
	unlink("noexec");
	scratch_end("fork");
}

/* ---- limits ---- */

static int fork_bomb(long limit)
{
	struct rlimit r = { (rlim_t)limit, (rlim_t)limit };
	int n = 0;
	pid_t pid;

	if (setrlimit(RLIMIT_NPROC, &r) != 0 || setuid(1000) != 0)
		return 250;
	for (;;) {
		pid = fork();
		if (pid == 0)
			_exit(0); /* zombies count until reaped */
		if (pid < 0)
			break;
		n++;
	}
	if (errno != EAGAIN)
		return 251;
	while (waitpid(-1, NULL, 0) > 0)
		;
	return n;
}

static void test_limits(void)
{
	struct rlimit r;
	int st;

	CHECK("fork.rlimit.stack", getrlimit(RLIMIT_STACK, &r) == 0 &&
	      r.rlim_cur == 8 << 20, "cur %lu", (unsigned long)r.rlim_cur);
	st = run_child(fork_bomb, 16);
	CHECK("fork.rlimit.nproc_eagain", st == 15 << 8, "status %#x", st);
}

int test_fork(void)
{
	maybe_child();
	harness_begin("fork");
	test_status();
	test_wait();
	test_memory();
	test_fp();
	test_orphan();
	test_exec();
	test_limits();
	return harness_end();
}
