// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_waitid.c - waitid(2) and execveat(2), as in Linux 6.1.
 *
 * waitid: the idtypes (P_ALL, P_PID, P_PGID; P_PIDFD has no pidfds to
 * name), the options (WEXITED, WSTOPPED and WCONTINUED with no stopped
 * child, WNOHANG, WNOWAIT, __WCLONE, __WALL) and their errors, the
 * siginfo fields it writes (and those it leaves alone), the raw call's
 * fifth argument (struct rusage), EFAULT, and a wait a signal interrupts.
 * Checks that need a caller with no other children (P_ALL, P_PGID 0: the
 * in-process runner is pid 1 and may hold orphans) run in a child of
 * their own, in a process group of its own, which reports by exit code.
 *
 * execveat: dirfd + relative path, AT_FDCWD, absolute paths (the dirfd
 * ignored), AT_EMPTY_PATH on an fd (plain, O_PATH and close-on-exec;
 * musl's fexecve), AT_SYMLINK_NOFOLLOW, the errors, the name Linux gives
 * a program found through a dirfd ("/dev/fd/N[/path]" as AT_EXECFN, the
 * last part as comm, and as a #! script's argument), and ENOENT for a
 * script behind a close-on-exec fd. comm after AT_EMPTY_PATH is not
 * checked: Linux 6.1.y takes the file's name from its dentry, racho the
 * fd number (docs/syscalls.md).
 *
 * Programs to exec: this family's own executable, /tests/waitid, which
 * runs a child mode when RACHO_WAITID_CHILD is set in its environment and
 * exits with a code the parent checks.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define SELF "/tests/waitid"
#define CHILD_ENV "RACHO_WAITID_CHILD"
#define PAT 0x5a /* what the siginfo is filled with before a call */
#define BAD_PTR ((void *)8)
#define KERNEL_PTR ((void *)0xffffffc000000000UL)
#define XA "waitid.execveat." /* the execveat checks' name prefix */

extern char **environ;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- child modes (exec'ed /tests/waitid) ---- */

/* argc and argv from the initial stack (main() is standalone.c's). */
static char **find_argv(int *argc)
{
	long *null_slot = (long *)(void *)environ - 1;
	int n = 0;

	while (n < 4096 && null_slot[-n - 1] != n)
		n++;
	*argc = n;
	return (char **)(void *)(null_slot - n);
}

/* AT_EXECFN must be $EXPECT_EXECFN, and comm $EXPECT_COMM if set. */
static int child_exec(void)
{
	const char *execfn = (const char *)getauxval(AT_EXECFN);
	const char *want_fn = getenv("EXPECT_EXECFN");
	const char *want_comm = getenv("EXPECT_COMM");
	char comm[17] = { 0 };

	if (!execfn || !want_fn || strcmp(execfn, want_fn) != 0)
		return 1;
	if (want_comm && (prctl(PR_GET_NAME, comm) != 0 ||
			  strcmp(comm, want_comm) != 0))
		return 2;
	return 42;
}

/* As a #! interpreter: argv = { SELF, $EXPECT_ARG1, "x" }. */
static int child_script(void)
{
	const char *want = getenv("EXPECT_ARG1");
	int argc;
	char **argv = find_argv(&argc);

	if (argc != 3 || strcmp(argv[0], SELF) != 0 || !want ||
	    strcmp(argv[1], want) != 0 || strcmp(argv[2], "x") != 0)
		return 1;
	return 43;
}

static void maybe_child(void)
{
	const char *mode = getenv(CHILD_ENV);

	if (!mode)
		return;
	if (strcmp(mode, "exec") == 0)
		_exit(child_exec());
	if (strcmp(mode, "script") == 0)
		_exit(child_script());
	_exit(99);
}

/* ---- helpers ---- */

/* A siginfo with its raw bytes, to see which ones a call wrote. */
union info {
	siginfo_t si;
	unsigned char b[128];
};

static void info_fill(union info *u)
{
	memset(u, PAT, sizeof(*u));
}

/* Bytes [from, to) still hold the fill pattern. */
static bool info_untouched(const union info *u, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (u->b[i] != PAT)
			return false;
	}
	return true;
}

/* The fields waitid writes are zero, the rest (12..15, 28..) untouched. */
static bool info_cleared(const union info *u)
{
	return u->si.si_signo == 0 && u->si.si_errno == 0 &&
	       u->si.si_code == 0 && u->si.si_pid == 0 && u->si.si_uid == 0 &&
	       u->si.si_status == 0 && info_untouched(u, 12, 16) &&
	       info_untouched(u, 28, sizeof(*u));
}

static pid_t child_exit(int code, long delay_ms)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (delay_ms)
			sleep_ms(delay_ms);
		_exit(code);
	}
	return pid;
}

/* A child that waits until @fd_w's pipe is closed, then exits 0. */
static pid_t child_blocked(int fds[2])
{
	pid_t pid;
	char c;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		(void)read(fds[0], &c, 1);
		_exit(0);
	}
	close(fds[0]);
	return pid;
}

static void release(int fds[2], pid_t pid)
{
	close(fds[1]);
	waitpid(pid, NULL, 0);
}

static long raw_waitid(int type, int id, void *info, int options, void *ru)
{
	return syscall(SYS_waitid, type, id, info, options, ru);
}

/* Runs @fn in a child that leads a process group of its own: its exit
 * status is fn's result (0: all went well, else the failing step). */
static int run_sub(int (*fn)(void))
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		_exit(fn());
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

/* ---- waitid: arguments ---- */

static void wt_args(void)
{
	union info u;
	int fds[2];

	CHECK_ERR("waitid.einval.no_event", waitid(P_ALL, 0, &u.si, WNOHANG),
		  EINVAL);
	CHECK_ERR("waitid.einval.unknown_bit",
		  waitid(P_ALL, 0, &u.si, WEXITED | 0x10), EINVAL);
	CHECK_ERR("waitid.einval.idtype", waitid(7, 0, &u.si, WEXITED), EINVAL);
	CHECK_ERR("waitid.einval.pid0", waitid(P_PID, 0, &u.si, WEXITED),
		  EINVAL);
	CHECK_ERR("waitid.einval.pid_neg", raw_waitid(P_PID, -5, &u.si,
						      WEXITED, NULL), EINVAL);
	CHECK_ERR("waitid.einval.pgid_neg", raw_waitid(P_PGID, -1, &u.si,
						       WEXITED, NULL), EINVAL);
	CHECK_ERR("waitid.einval.pidfd_neg", raw_waitid(P_PIDFD, -1, &u.si,
							WEXITED, NULL), EINVAL);
	/* No pidfds: any fd, open or not, is not one. */
	if (pipe(fds) == 0) {
		CHECK_ERR("waitid.pidfd.not_pidfd",
			  waitid(P_PIDFD, fds[0], &u.si, WEXITED), EBADF);
		close(fds[0]);
		close(fds[1]);
	}
	CHECK_ERR("waitid.pidfd.closed", waitid(P_PIDFD, 999, &u.si, WEXITED),
		  EBADF);
	/* wait4 takes no WNOWAIT. */
	CHECK_ERR("waitid.wait4_wnowait_einval", waitpid(-1, NULL, WNOWAIT),
		  EINVAL);
	info_fill(&u);
	CHECK_ERR("waitid.echild.not_child",
		  waitid(P_PID, getpid(), &u.si, WEXITED), ECHILD);
	CHECK("waitid.echild.info_cleared", info_cleared(&u),
	      "signo %d pid %d", u.si.si_signo, (int)u.si.si_pid);
	CHECK_ERR("waitid.echild.no_pgid",
		  waitid(P_PGID, 0x7ffffff0, &u.si, WEXITED), ECHILD);
}

/* ---- waitid: what it reports ---- */

static void wt_exited(void)
{
	union info u;
	pid_t pid;

	pid = child_exit(256 + 7, 0);
	info_fill(&u);
	CHECK_EQ("waitid.exited.ret", waitid(P_PID, pid, &u.si, WEXITED), 0);
	CHECK("waitid.exited.info",
	      u.si.si_signo == SIGCHLD && u.si.si_errno == 0 &&
		      u.si.si_code == CLD_EXITED && u.si.si_pid == pid &&
		      u.si.si_uid == getuid() && u.si.si_status == 7,
	      "signo %d errno %d code %d pid %d uid %d status %d",
	      u.si.si_signo, u.si.si_errno, u.si.si_code, (int)u.si.si_pid,
	      (int)u.si.si_uid, u.si.si_status);
	/* Only signo, errno, code, pid, uid and status are written. */
	CHECK("waitid.exited.rest_untouched",
	      info_untouched(&u, 12, 16) && info_untouched(&u, 28, sizeof(u)),
	      "other bytes written");
	CHECK_ERR("waitid.exited.reaped", waitid(P_PID, pid, &u.si, WEXITED),
		  ECHILD);

	pid = fork();
	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(1);
	}
	CHECK("waitid.killed",
	      waitid(P_PID, pid, &u.si, WEXITED) == 0 &&
		      u.si.si_code == CLD_KILLED && u.si.si_status == SIGTERM &&
		      u.si.si_pid == pid,
	      "code %d status %d", u.si.si_code, u.si.si_status);

	pid = fork();
	if (pid == 0) {
		*(volatile int *)16 = 1;
		_exit(1);
	}
	/* No core dumps (RLIMIT_CORE 0): CLD_KILLED, not CLD_DUMPED. */
	CHECK("waitid.killed_segv",
	      waitid(P_PID, pid, &u.si, WEXITED) == 0 &&
		      u.si.si_code == CLD_KILLED && u.si.si_status == SIGSEGV,
	      "code %d status %d", u.si.si_code, u.si.si_status);

	pid = fork();
	if (pid == 0)
		_exit(setuid(1000) == 0 ? 3 : 4);
	CHECK("waitid.uid",
	      waitid(P_PID, pid, &u.si, WEXITED) == 0 &&
		      u.si.si_uid == 1000 && u.si.si_status == 3,
	      "uid %d status %d", (int)u.si.si_uid, u.si.si_status);
}

static void wt_nohang_nowait(void)
{
	union info u;
	int fds[2], st = -1;
	pid_t pid;

	pid = child_blocked(fds);
	info_fill(&u);
	CHECK_EQ("waitid.wnohang.running",
		 waitid(P_PID, pid, &u.si, WEXITED | WNOHANG), 0);
	CHECK("waitid.wnohang.info_cleared", info_cleared(&u),
	      "signo %d pid %d", u.si.si_signo, (int)u.si.si_pid);
	CHECK_EQ("waitid.wstopped.running",
		 waitid(P_PID, pid, &u.si, WSTOPPED | WNOHANG), 0);
	CHECK_EQ("waitid.wcontinued.running",
		 waitid(P_PID, pid, &u.si, WCONTINUED | WNOHANG), 0);
	release(fds, pid);

	/* WNOWAIT blocks until the child is a zombie, and leaves it one. */
	pid = child_exit(9, 0);
	memset(&u, 0, sizeof(u));
	CHECK("waitid.wnowait.first",
	      waitid(P_PID, pid, &u.si, WEXITED | WNOWAIT) == 0 &&
		      u.si.si_signo == SIGCHLD && u.si.si_pid == pid &&
		      u.si.si_code == CLD_EXITED && u.si.si_status == 9,
	      "pid %d status %d", (int)u.si.si_pid, u.si.si_status);
	/* A zombie never stops or continues: nothing to wait for. */
	CHECK_ERR("waitid.wstopped.zombie_echild",
		  waitid(P_PID, pid, &u.si, WSTOPPED | WNOHANG), ECHILD);
	CHECK_ERR("waitid.wcontinued.zombie_echild",
		  waitid(P_PID, pid, &u.si, WCONTINUED | WNOHANG), ECHILD);
	memset(&u, 0, sizeof(u));
	CHECK("waitid.wnowait.again",
	      waitid(P_PID, pid, &u.si, WEXITED | WNOWAIT | WNOHANG) == 0 &&
		      u.si.si_pid == pid && u.si.si_status == 9,
	      "pid %d status %d", (int)u.si.si_pid, u.si.si_status);
	CHECK("waitid.wnowait.still_waitable",
	      waitpid(pid, &st, WNOHANG) == pid && st == 9 << 8,
	      "status %#x", st);

	/* Blocked for a stop that never comes: the exit ends it, ECHILD. */
	pid = child_exit(0, 30);
	CHECK_ERR("waitid.wstopped.blocks_until_exit",
		  waitid(P_PID, pid, &u.si, WSTOPPED), ECHILD);
	CHECK_EQ("waitid.wstopped.exit_left",
		 waitid(P_PID, pid, &u.si, WEXITED), 0);

	/* __WCLONE selects only children with another exit signal. */
	pid = child_exit(2, 0);
	(void)waitid(P_PID, pid, &u.si, WEXITED | WNOWAIT);
	CHECK_ERR("waitid.wclone_skips",
		  waitid(P_PID, pid, &u.si, WEXITED | WNOHANG | __WCLONE),
		  ECHILD);
	CHECK("waitid.wall",
	      waitid(P_PID, pid, &u.si, WEXITED | __WALL) == 0 &&
		      u.si.si_pid == pid && u.si.si_status == 2,
	      "pid %d", (int)u.si.si_pid);
}

/* ---- waitid: P_ALL and P_PGID (in a child of their own) ---- */

static int sub_all(void)
{
	union info u;
	pid_t a, b;

	if (waitid(P_ALL, 0, &u.si, WEXITED | WNOHANG) != -1 ||
	    errno != ECHILD)
		return 1;
	a = child_exit(3, 0);
	if (waitid(P_ALL, 0, &u.si, WEXITED) != 0 || u.si.si_pid != a ||
	    u.si.si_status != 3)
		return 2;
	a = child_exit(4, 0);
	b = child_exit(5, 0);
	if (waitid(P_PGID, 0, &u.si, WEXITED) != 0 ||
	    (u.si.si_pid != a && u.si.si_pid != b))
		return 3;
	if (waitid(P_PGID, getpgid(0), &u.si, WEXITED) != 0 ||
	    (u.si.si_pid != a && u.si.si_pid != b))
		return 4;
	if (waitid(P_ALL, 0, &u.si, WEXITED | WNOHANG) != -1 ||
	    errno != ECHILD)
		return 5;
	return 0;
}

static int sub_pgid(void)
{
	union info u;
	pid_t a = fork();

	if (a == 0) {
		setpgid(0, 0);
		_exit(6);
	}
	(void)setpgid(a, a); /* both sides: no race */
	if (waitid(P_PGID, 0, &u.si, WEXITED | WNOHANG) != -1 ||
	    errno != ECHILD)
		return 1;
	if (waitid(P_PGID, a, &u.si, WEXITED) != 0 || u.si.si_pid != a ||
	    u.si.si_status != 6)
		return 2;
	return 0;
}

static void wt_selection(void)
{
	int r;

	r = run_sub(sub_all);
	CHECK("waitid.p_all", r == 0, "step %d", r);
	r = run_sub(sub_pgid);
	CHECK("waitid.p_pgid_other_group", r == 0, "step %d", r);
}

/* ---- waitid: rusage and bad pointers (the raw call) ---- */

static void burn_cpu(long ms)
{
	struct timespec a, b;
	volatile unsigned long x = 0;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do {
		for (int i = 0; i < 10000; i++)
			x += i;
		clock_gettime(CLOCK_MONOTONIC, &b);
	} while ((b.tv_sec - a.tv_sec) * 1000 +
		 (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

static void wt_rusage(void)
{
	union info u;
	struct rusage ru;
	int fds[2];
	long us;
	pid_t pid;

	pid = fork();
	if (pid == 0) {
		burn_cpu(60);
		_exit(0);
	}
	memset(&ru, 0xff, sizeof(ru));
	CHECK_EQ("waitid.rusage.ret", raw_waitid(P_PID, pid, &u.si, WEXITED,
						 &ru), 0);
	us = ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec +
	     ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
	CHECK("waitid.rusage.times",
	      us > 0 && us < 10000000 && ru.ru_utime.tv_usec < 1000000 &&
		      ru.ru_stime.tv_usec >= 0,
	      "utime %ld.%06ld stime %ld.%06ld", (long)ru.ru_utime.tv_sec,
	      (long)ru.ru_utime.tv_usec, (long)ru.ru_stime.tv_sec,
	      (long)ru.ru_stime.tv_usec);

	/* Nothing found: the rusage is not written. */
	pid = child_blocked(fds);
	memset(&ru, PAT, sizeof(ru));
	CHECK("waitid.rusage.wnohang_untouched",
	      raw_waitid(P_PID, pid, &u.si, WEXITED | WNOHANG, &ru) == 0 &&
		      ((unsigned char *)&ru)[0] == PAT &&
		      ((unsigned char *)&ru)[sizeof(ru) - 1] == PAT,
	      "written");
	release(fds, pid);

	pid = child_exit(1, 0);
	CHECK_EQ("waitid.null_info",
		 raw_waitid(P_PID, pid, NULL, WEXITED, NULL), 0);
	CHECK_ERR("waitid.null_info_reaped",
		  waitid(P_PID, pid, &u.si, WEXITED | WNOHANG), ECHILD);

	pid = child_exit(1, 0);
	CHECK_ERR("waitid.efault.info",
		  raw_waitid(P_PID, pid, BAD_PTR, WEXITED, NULL), EFAULT);
	CHECK_ERR("waitid.efault.info_reaped",
		  waitid(P_PID, pid, &u.si, WEXITED | WNOHANG), ECHILD);
	pid = child_exit(1, 0);
	info_fill(&u);
	CHECK_ERR("waitid.efault.rusage",
		  raw_waitid(P_PID, pid, &u.si, WEXITED, BAD_PTR), EFAULT);
	CHECK("waitid.efault.rusage_info_untouched",
	      info_untouched(&u, 0, sizeof(u)), "signo %d", u.si.si_signo);
	CHECK_ERR("waitid.efault.rusage_reaped",
		  waitid(P_PID, pid, &u.si, WEXITED | WNOHANG), ECHILD);
	/* Even an error is reported through infop, so a bad one is EFAULT. */
	CHECK_ERR("waitid.efault.echild",
		  raw_waitid(P_PID, getpid(), BAD_PTR, WEXITED, NULL), EFAULT);
	CHECK_ERR("waitid.efault.kernel_ptr",
		  raw_waitid(P_PID, getpid(), KERNEL_PTR, WEXITED, NULL),
		  EFAULT);
}

/* ---- waitid: interrupted by a signal ---- */

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1++;
}

/* rt_sigaction with the kernel's struct (see t_sighandler.c for why). */
struct ksigaction {
	void *handler;
	unsigned long flags;
	uint64_t mask;
};

static void set_usr1(void *fn, unsigned long flags)
{
	struct ksigaction k = { fn, flags, 0 };

	syscall(SYS_rt_sigaction, SIGUSR1, &k, NULL, 8);
}

static void wt_signal(void)
{
	union info u;
	int fds[2];
	pid_t pid, parent = getpid();
	char c;

	set_usr1((void *)on_usr1, 0);
	got_usr1 = 0;
	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		sleep_ms(30);
		kill(parent, SIGUSR1);
		(void)read(fds[0], &c, 1);
		_exit(5);
	}
	close(fds[0]);
	CHECK_ERR("waitid.eintr", waitid(P_PID, pid, &u.si, WEXITED), EINTR);
	CHECK_EQ("waitid.eintr.handler_ran", got_usr1, 1);
	close(fds[1]);
	CHECK("waitid.eintr.then_reaped",
	      waitid(P_PID, pid, &u.si, WEXITED) == 0 && u.si.si_status == 5,
	      "status %d", u.si.si_status);

	set_usr1((void *)on_usr1, SA_RESTART);
	got_usr1 = 0;
	pid = fork();
	if (pid == 0) {
		sleep_ms(30);
		kill(parent, SIGUSR1);
		sleep_ms(30);
		_exit(6);
	}
	CHECK("waitid.restart",
	      waitid(P_PID, pid, &u.si, WEXITED) == 0 && got_usr1 == 1 &&
		      u.si.si_pid == pid && u.si.si_status == 6,
	      "handler ran %d times, status %d", (int)got_usr1,
	      u.si.si_status);
	set_usr1((void *)SIG_DFL, 0);
}

/* ---- execveat ---- */

/* execveat in a child; its exit status, or 200 + errno if it failed. */
static int run_execat(int dirfd, const char *path, char *const argv[],
		      char *const envp[], int flags)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		syscall(SYS_execveat, dirfd, path, argv, envp, flags);
		_exit(200 + errno);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 1000 + st;
}

/* Runs @path from @dirfd in "exec" mode expecting @execfn and @comm. */
static int exec_expect(int dirfd, const char *path, int flags,
		       const char *execfn, const char *comm)
{
	char fn[256], cm[64];
	char *argv[] = { "waitid-child", NULL };
	char *envp[] = { CHILD_ENV "=exec", fn, comm ? cm : NULL, NULL };

	snprintf(fn, sizeof(fn), "EXPECT_EXECFN=%s", execfn);
	snprintf(cm, sizeof(cm), "EXPECT_COMM=%s", comm ? comm : "");
	return run_execat(dirfd, path, argv, envp, flags);
}

static void wt_execveat_paths(void)
{
	char want[64];
	int dfd, pfd, fd;
	int r;

	r = exec_expect(AT_FDCWD, SELF, 0, SELF, "waitid");
	CHECK(XA "fdcwd_absolute", r == 42, "got %d", r);
	r = exec_expect(9999, SELF, 0, SELF, "waitid");
	CHECK(XA "absolute_ignores_dirfd", r == 42, "got %d", r);

	dfd = open("/tests", O_RDONLY | O_DIRECTORY);
	snprintf(want, sizeof(want), "/dev/fd/%d/waitid", dfd);
	r = exec_expect(dfd, "waitid", 0, want, "waitid");
	CHECK(XA "dirfd_relative", r == 42, "got %d (want %s)", r, want);
	pfd = open("/tests", O_PATH | O_DIRECTORY);
	snprintf(want, sizeof(want), "/dev/fd/%d/waitid", pfd);
	r = exec_expect(pfd, "waitid", 0, want, "waitid");
	CHECK(XA "dirfd_opath", r == 42, "got %d", r);
	r = exec_expect(dfd, "", AT_EMPTY_PATH, "", NULL);
	CHECK(XA "empty_dir_eacces", r == 200 + EACCES, "got %d", r);

	fd = open(SELF, O_RDONLY);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	r = exec_expect(fd, "", AT_EMPTY_PATH, want, NULL);
	CHECK(XA "empty_path", r == 42, "got %d (want %s)", r, want);
	r = exec_expect(fd, "", 0, want, NULL);
	CHECK(XA "empty_no_flag_enoent", r == 200 + ENOENT, "got %d", r);
	r = exec_expect(fd, "x", 0, want, NULL);
	CHECK(XA "enotdir", r == 200 + ENOTDIR, "got %d", r);
	close(fd);
	fd = open(SELF, O_PATH);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	r = exec_expect(fd, "", AT_EMPTY_PATH, want, NULL);
	CHECK(XA "empty_path_opath", r == 42, "got %d", r);
	close(fd);
	fd = open(SELF, O_RDONLY | O_CLOEXEC);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	r = exec_expect(fd, "", AT_EMPTY_PATH, want, NULL);
	CHECK(XA "empty_path_cloexec_elf", r == 42, "got %d", r);
	{
		char fn[64];
		char *argv[] = { "waitid-child", NULL };
		char *envp[] = { CHILD_ENV "=exec", fn, NULL };
		int st = -1;
		pid_t pid;

		snprintf(fn, sizeof(fn), "EXPECT_EXECFN=%s", want);
		pid = fork();
		if (pid == 0) {
			fexecve(fd, argv, envp);
			_exit(200 + errno);
		}
		waitpid(pid, &st, 0);
		CHECK(XA "musl_fexecve", st == 42 << 8, "status %#x", st);
	}
	close(fd);

	r = exec_expect(dfd, "waitid", 0x2, "", NULL);
	CHECK(XA "einval_flags", r == 200 + EINVAL, "got %d", r);
	r = exec_expect(9999, "waitid", 0, "", NULL);
	CHECK(XA "ebadf", r == 200 + EBADF, "got %d", r);
	r = exec_expect(AT_FDCWD, "", AT_EMPTY_PATH, "", NULL);
	CHECK(XA "empty_cwd_eacces", r == 200 + EACCES, "got %d", r);
	r = exec_expect(dfd, "nonexistent", 0, "", NULL);
	CHECK(XA "enoent", r == 200 + ENOENT, "got %d", r);
	close(dfd);
	close(pfd);
}

/* Runs script @path from @dirfd; the interpreter wants @arg1. */
static int script_expect(int dirfd, const char *path, int flags,
			 const char *arg1)
{
	char a1[256];
	char *argv[] = { "s1", "x", NULL };
	char *envp[] = { CHILD_ENV "=script", a1, NULL };

	snprintf(a1, sizeof(a1), "EXPECT_ARG1=%s", arg1);
	return run_execat(dirfd, path, argv, envp, flags);
}

static void wt_execveat_files(void)
{
	char want[64];
	int dfd, fd, r;

	if (!scratch_begin("waitid"))
		return;
	CHECK(XA "files",
	      symlink(SELF, "link") == 0 &&
		      harness_write_file("s1", "#!" SELF "\n", 0755) == 0,
	      "%s", harness_errname(errno));
	r = exec_expect(AT_FDCWD, "link", AT_SYMLINK_NOFOLLOW, "", NULL);
	CHECK(XA "nofollow_eloop", r == 200 + ELOOP, "got %d", r);
	r = exec_expect(AT_FDCWD, "link", 0, "link", "link");
	CHECK(XA "follow_link", r == 42, "got %d", r);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	snprintf(want, sizeof(want), "/dev/fd/%d/link", dfd);
	r = exec_expect(dfd, "link", 0, want, "link");
	CHECK(XA "dirfd_link_comm", r == 42, "got %d", r);
	fd = open("link", O_PATH | O_NOFOLLOW);
	r = exec_expect(fd, "", AT_EMPTY_PATH, "", NULL);
	CHECK(XA "empty_symlink_eloop", r == 200 + ELOOP, "got %d", r);
	close(fd);

	/* A #! script gets the /dev/fd name as its argument. */
	r = script_expect(AT_FDCWD, "s1", 0, "s1");
	CHECK(XA "script_fdcwd", r == 43, "got %d", r);
	snprintf(want, sizeof(want), "/dev/fd/%d/s1", dfd);
	r = script_expect(dfd, "s1", 0, want);
	CHECK(XA "script_dirfd", r == 43, "got %d (want %s)", r, want);
	fd = open("s1", O_RDONLY);
	snprintf(want, sizeof(want), "/dev/fd/%d", fd);
	r = script_expect(fd, "", AT_EMPTY_PATH, want);
	CHECK(XA "script_empty_path", r == 43, "got %d (want %s)", r,
	      want);
	close(fd);
	/* Behind a close-on-exec fd that name will not exist: ENOENT. */
	fd = open("s1", O_RDONLY | O_CLOEXEC);
	r = script_expect(fd, "", AT_EMPTY_PATH, "");
	CHECK(XA "script_cloexec_enoent", r == 200 + ENOENT, "got %d", r);
	close(fd);
	close(dfd);
	dfd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r = script_expect(dfd, "s1", 0, "");
	CHECK(XA "script_cloexec_dirfd_enoent", r == 200 + ENOENT,
	      "got %d", r);
	close(dfd);
	/* Open for writing: the reopened file cannot be run (ETXTBSY). */
	fd = open("s1", O_RDWR);
	r = script_expect(fd, "", AT_EMPTY_PATH, "");
	CHECK(XA "empty_path_etxtbsy", r == 200 + ETXTBSY, "got %d", r);
	close(fd);
	unlink("s1");
	unlink("link");
	scratch_end("waitid");
}

int test_waitid(void)
{
	maybe_child();
	harness_begin("waitid");
	wt_args();
	wt_exited();
	wt_nohang_nowait();
	wt_selection();
	wt_rusage();
	wt_signal();
	wt_execveat_paths();
	wt_execveat_files();
	return harness_end();
}
