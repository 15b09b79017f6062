// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/proc_check.c - checks processes the way Linux defines them:
 * fork/vfork/execve/wait4 and the wait status encodings, death by signal,
 * zombies and orphans, process groups and sessions, copy-on-write
 * isolation, vfork, ids, limits and the fork-bomb limit (execve is
 * exec_check's). Prints "proc_check: PASS name" or "proc_check: FAIL
 * name: why" per check and "proc_check: N passed, M failed" at the end.
 */
#include "ulib.h"

#define ESRCH 3
#define ECHILD 10
#define EAGAIN 11
#define EINVAL 22
#define EPERM 1
#define RLIMIT_STACK 3
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIM_INFINITY (~0UL)
#define UNMAPPED 0x12345000UL

static long sys(long n, long a0, long a1, long a2, long a3)
{
	return syscall6(n, a0, a1, a2, a3, 0, 0);
}

/* Forks a child that runs @fn and exits with its result. */
static long spawn(int (*fn)(long), long arg)
{
	long pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

/* Waits for @pid and returns its raw wait status (or -errno). */
static long reap(long pid)
{
	int status = -1;
	long got = wait4(pid, &status, 0, 0);

	return got == pid ? status : (got < 0 ? got : -1000);
}

/* ---- fork, exit codes and wait status ---- */

static int exit_with(long code)
{
	return (int)code;
}

static void check_exit_codes(void)
{
	static const long codes[] = { 0, 1, 42, 255, 256, 257 };
	unsigned i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		long st = reap(spawn(exit_with, codes[i]));

		check("exit status = (code & 0xff) << 8",
		      st == ((codes[i] & 0xff) << 8), "code %ld: status %ld",
		      codes[i], st);
	}
}

static int child_ids(long parent)
{
	if (getppid() != parent)
		return 1;
	if (getpid() == parent || getpid() <= 0)
		return 2;
	if (sys(SYS_gettid, 0, 0, 0, 0) != getpid())
		return 3;
	return 0;
}

static void check_fork_basics(void)
{
	long me = getpid();
	long st;

	check("getpid > 0", me > 0, "getpid %ld", me);
	check("gettid == getpid", sys(SYS_gettid, 0, 0, 0, 0) == me,
	      "gettid %ld, pid %ld", sys(SYS_gettid, 0, 0, 0, 0), me);
	/* 0 when the kernel started us, 1 when the demo init did. */
	check("getppid: 0 (kernel-started) or 1 (init)",
	      getppid() == 0 || getppid() == 1, "ppid %ld", getppid());
	check("set_tid_address returns the tid",
	      sys(SYS_set_tid_address, 0, 0, 0, 0) == me, "got %ld, pid %ld",
	      sys(SYS_set_tid_address, 0, 0, 0, 0), me);
	st = reap(spawn(child_ids, me));
	check("child sees its parent and its own pid", st == 0,
	      "child check %ld", WEXITSTATUS(st));
	check("wait4 with no children: ECHILD",
	      wait4(-1, 0, 0, 0) == -ECHILD, "got %ld", wait4(-1, 0, 0, 0));
	check("wait4 of a non-child pid: ECHILD", wait4(1, 0, 0, 0) == -ECHILD,
	      "got %ld", wait4(1, 0, 0, 0));
	check("wait4 bad options: EINVAL", wait4(-1, 0, 0x100, 0) == -EINVAL,
	      "got %ld", wait4(-1, 0, 0x100, 0));
}

/* ---- death by signal ---- */

static int die_load(long unused)
{
	(void)unused;
	return *(volatile int *)UNMAPPED;
}

static int die_store_text(long unused)
{
	(void)unused;
	*(volatile unsigned char *)(unsigned long)&check = 0;
	return 0;
}

static unsigned int data_code[4];

static int die_exec_data(long unused)
{
	void (*fn)(void) = (void (*)(void))(unsigned long)data_code;

	(void)unused;
	fn();
	return 0;
}

static int die_illegal(long unused)
{
	(void)unused;
	__asm__ volatile(".word 0"); /* the defined illegal instruction */
	return 0;
}

static void check_signal_deaths(void)
{
	static const struct {
		const char *name;
		int (*fn)(long);
		int sig;
	} cases[] = {
		{ "unmapped load: SIGSEGV", die_load, 11 },
		{ "store to text: SIGSEGV", die_store_text, 11 },
		{ "execute data: SIGSEGV", die_exec_data, 11 },
		{ "illegal instruction: SIGILL", die_illegal, 4 },
	};
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long st = reap(spawn(cases[i].fn, 0));

		/* Exactly the signal: no core dump flag (RLIMIT_CORE is 0). */
		check(cases[i].name,
		      st == cases[i].sig && WIFSIGNALED(st) &&
			      WTERMSIG(st) == cases[i].sig && !WCOREDUMP(st),
		      "status %ld, want %d", st, cases[i].sig);
	}
}

/* ---- selection, WNOHANG, process groups ---- */

static int sleep_then_exit(long ms)
{
	sleep_ms(ms);
	return 7;
}

static void check_wait_selection(void)
{
	long a = spawn(sleep_then_exit, 30), b = spawn(exit_with, 3);
	int st = -1;

	check("WNOHANG with a running child returns 0",
	      wait4(a, &st, WNOHANG, 0) == 0, "got status %d", st);
	check("wait4(pid) picks that child", reap(b) == 3 << 8,
	      "pid %ld of %ld", b, a);
	check("WUNTRACED is accepted (no stopped children)",
	      wait4(a, &st, WUNTRACED, 0) == a && st == 7 << 8,
	      "status %d", st);
}

static int own_group(long ms)
{
	if (sys(SYS_setpgid, 0, 0, 0, 0) != 0)
		return 1;
	sleep_ms(ms);
	return sys(SYS_getpgid, 0, 0, 0, 0) == getpid() ? 5 : 2;
}

static void check_groups(void)
{
	long me = getpid(), c, st;
	int s = -1;

	c = spawn(own_group, 40);
	sleep_ms(10); /* let the child make its group */
	check("getpgid(child) after setpgid(0,0)",
	      sys(SYS_getpgid, c, 0, 0, 0) == c, "pgid %ld, child %ld",
	      sys(SYS_getpgid, c, 0, 0, 0), c);
	check("wait4(0) skips a child in another group",
	      wait4(0, &s, WNOHANG, 0) == -ECHILD, "got %ld",
	      wait4(0, &s, WNOHANG, 0));
	st = wait4(-c, &s, 0, 0);
	check("wait4(-pgid) reaps the group's child", st == c && s == 5 << 8,
	      "got %ld, status %d", st, s);
	check("getpgid(missing pid): ESRCH",
	      sys(SYS_getpgid, 999999, 0, 0, 0) == -ESRCH, "got %ld",
	      sys(SYS_getpgid, 999999, 0, 0, 0));
	check("getsid(0) == getsid(self)",
	      sys(SYS_getsid, 0, 0, 0, 0) == sys(SYS_getsid, me, 0, 0, 0),
	      "%ld vs %ld", sys(SYS_getsid, 0, 0, 0, 0),
	      sys(SYS_getsid, me, 0, 0, 0));
}

static int new_session(long unused)
{
	long pid = getpid();

	(void)unused;
	if (sys(SYS_setsid, 0, 0, 0, 0) != pid)
		return 1;
	if (sys(SYS_getsid, 0, 0, 0, 0) != pid ||
	    sys(SYS_getpgid, 0, 0, 0, 0) != pid)
		return 2;
	if (sys(SYS_setsid, 0, 0, 0, 0) != -EPERM) /* already a leader */
		return 3;
	if (sys(SYS_setpgid, 0, 0, 0, 0) != -EPERM) /* session leader */
		return 4;
	return 0;
}

static void check_sessions(void)
{
	long st = reap(spawn(new_session, 0));

	check("setsid: new session and group, then EPERM", st == 0,
	      "child check %ld", WEXITSTATUS(st));
}

/* ---- orphans ---- */

static volatile long *shared_page(void)
{
	long p = syscall6(SYS_mmap, 0, 4096, 3, 0x21 /* SHARED|ANON */, -1, 0);

	return p < 0 && p > -4096 ? 0 : (volatile long *)p;
}

static int orphan_maker(long shm)
{
	volatile long *box = (volatile long *)shm;
	long me = getpid();

	if (fork() == 0) {
		int i;

		/* Wait until our parent is gone, then report our new one. */
		for (i = 0; i < 2000 && getppid() == me; i++)
			sleep_ms(1);
		box[1] = getppid();
		box[0] = 1;
		_exit(0);
	}
	return 0;
}

static void check_orphans(void)
{
	volatile long *box = shared_page();
	long st, init_alive;
	int i;

	if (!box) {
		check("orphan: shared page", 0, "mmap failed");
		return;
	}
	st = reap(spawn(orphan_maker, (long)box));
	for (i = 0; i < 2000 && !box[0]; i++)
		sleep_ms(1);
	/* Linux gives orphans to pid 1. racho starts apps as separate
	 * processes; if pid 1 has already exited there is no one to
	 * adopt them and they are freed at exit (ppid 0). */
	init_alive = sys(SYS_getpgid, 1, 0, 0, 0) != -ESRCH;
	check("orphan reparented to pid 1 (or no parent without pid 1)",
	      st == 0 && box[0] == 1 && box[1] == (init_alive ? 1 : 0),
	      "new ppid %ld (pid 1 alive: %ld)", box[1], init_alive);
	syscall6(SYS_munmap, (long)box, 4096, 0, 0, 0, 0);
}

/* ---- copy-on-write isolation ---- */

static volatile long cow_global = 1;
static volatile char cow_big[3 * 4096];

static int cow_child(long unused)
{
	(void)unused;
	if (cow_global != 1 || cow_big[4096] != 'p')
		return 1;
	cow_global = 2;
	cow_big[4096] = 'c';
	sleep_ms(20); /* the parent writes meanwhile */
	return cow_global == 2 && cow_big[4096] == 'c' ? 0 : 2;
}

static void check_cow(void)
{
	long c, st;

	cow_big[4096] = 'p';
	c = spawn(cow_child, 0);
	cow_global = 3;
	cow_big[4096] = 'q';
	st = reap(c);
	check("COW: child saw and kept its own writes", st == 0,
	      "child check %ld", WEXITSTATUS(st));
	check("COW: parent kept its own writes",
	      cow_global == 3 && cow_big[4096] == 'q', "global %ld, byte %d",
	      cow_global, cow_big[4096]);
}

/* ---- vfork ---- */

static volatile int vfork_mark;

static void check_vfork(void)
{
	long pid;
	int st = -1;

	vfork_mark = 0;
	pid = vfork();
	if (pid == 0) {
		vfork_mark = getpid(); /* shared memory: the parent sees it */
		_exit(9);
	}
	check("vfork: child ran first, in our memory", vfork_mark == pid,
	      "mark %d, child %ld", vfork_mark, pid);
	check("vfork: status of _exit(9)",
	      wait4(pid, &st, 0, 0) == pid && st == 9 << 8, "status %d", st);
}

/* ---- limits, usage, system information ---- */

struct rlim {
	unsigned long cur, max;
};

struct sysinfo_buf {
	long uptime;
	unsigned long loads[3], totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char pad2[4];
};

static void check_limits(void)
{
	struct rlim r = { 0, 0 }, bad = { 2048, 1024 };
	long ret;

	ret = sys(SYS_getrlimit, RLIMIT_STACK, (long)&r, 0, 0);
	check("RLIMIT_STACK is 8 MiB / unlimited",
	      ret == 0 && r.cur == 8UL << 20 && r.max == RLIM_INFINITY,
	      "ret %ld cur %lu max %lu", ret, r.cur, r.max);
	ret = sys(SYS_getrlimit, RLIMIT_NOFILE, (long)&r, 0, 0);
	check("RLIMIT_NOFILE is 1024 / 4096",
	      ret == 0 && r.cur == 1024 && r.max == 4096,
	      "ret %ld cur %lu max %lu", ret, r.cur, r.max);
	ret = sys(SYS_setrlimit, RLIMIT_NOFILE, (long)&bad, 0, 0);
	check("setrlimit cur > max: EINVAL", ret == -EINVAL, "got %ld", ret);
	ret = sys(SYS_getrlimit, 99, (long)&r, 0, 0);
	check("getrlimit of an unknown resource: EINVAL", ret == -EINVAL,
	      "got %ld", ret);
	ret = sys(SYS_prlimit64, 999999, RLIMIT_NOFILE, 0, (long)&r);
	check("prlimit64 of a missing pid: ESRCH", ret == -ESRCH, "got %ld",
	      ret);
	ret = sys(SYS_getrlimit, RLIMIT_NPROC, (long)&r, 0, 0);
	check("RLIMIT_NPROC is set (half of max_threads)",
	      ret == 0 && r.cur > 10 && r.cur == r.max, "cur %lu max %lu",
	      r.cur, r.max);
}

static void check_usage(void)
{
	struct sysinfo_buf si;
	long tms[4] = { -1, -1, -1, -1 }, ru[18], ret;
	unsigned long mask = 0;

	memset(&si, 0, sizeof(si));
	ret = sys(SYS_sysinfo, (long)&si, 0, 0, 0);
	check("sysinfo", ret == 0 && si.totalram > si.freeram &&
		      si.freeram > 0 && si.procs >= 1 && si.mem_unit == 1 &&
		      si.uptime >= 1,
	      "ret %ld total %lu free %lu procs %d", ret, si.totalram,
	      si.freeram, si.procs);
	ret = sys(SYS_times, (long)tms, 0, 0, 0);
	check("times: ticks since boot, our times",
	      ret > 0 && tms[0] >= 0 && tms[1] >= 0 && tms[2] >= 0,
	      "ret %ld utime %ld", ret, tms[0]);
	ret = sys(SYS_getrusage, 0, (long)ru, 0, 0);
	/* ru_nvcsw (index 16 of the longs): we have slept and waited. */
	check("getrusage(SELF) counts voluntary switches",
	      ret == 0 && ru[16] > 0, "ret %ld nvcsw %ld", ret, ru[16]);
	ret = sys(SYS_getrusage, 5, (long)ru, 0, 0);
	check("getrusage(5): EINVAL", ret == -EINVAL, "got %ld", ret);
	ret = sys(SYS_sched_getaffinity, 0, sizeof(mask), (long)&mask, 0);
	check("sched_getaffinity: 8 bytes, cpu 0 allowed",
	      ret == 8 && (mask & 1), "ret %ld mask %lx", ret, mask);
	ret = sys(SYS_sched_getaffinity, 0, 4, (long)&mask, 0);
	check("sched_getaffinity(len 4): EINVAL", ret == -EINVAL, "got %ld",
	      ret);
}

static int drop_to_user(long unused)
{
	struct rlim r;
	unsigned int ids[3] = { 9, 9, 9 };

	(void)unused;
	if (sys(SYS_setuid, 1000, 0, 0, 0) != 0)
		return 1;
	if (sys(SYS_getuid, 0, 0, 0, 0) != 1000 ||
	    sys(SYS_geteuid, 0, 0, 0, 0) != 1000)
		return 2;
	if (sys(SYS_getresuid, (long)&ids[0], (long)&ids[1], (long)&ids[2],
		0) != 0 || ids[0] != 1000 || ids[1] != 1000 || ids[2] != 1000)
		return 3;
	if (sys(SYS_setuid, 0, 0, 0, 0) != -EPERM)
		return 4;
	if (sys(SYS_getrlimit, RLIMIT_NOFILE, (long)&r, 0, 0) != 0)
		return 5;
	r.max += 1; /* raising a hard limit needs root */
	if (sys(SYS_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0) != -EPERM)
		return 6;
	r.max -= 2;
	r.cur = r.max;
	if (sys(SYS_setrlimit, RLIMIT_NOFILE, (long)&r, 0, 0) != 0)
		return 7;
	if (sys(SYS_setgid, 5, 0, 0, 0) != -EPERM)
		return 8;
	return 0;
}

static void check_creds(void)
{
	long st;

	check("root: uid, euid, gid, egid are 0",
	      sys(SYS_getuid, 0, 0, 0, 0) == 0 &&
		      sys(SYS_geteuid, 0, 0, 0, 0) == 0 &&
		      sys(SYS_getgid, 0, 0, 0, 0) == 0 &&
		      sys(SYS_getegid, 0, 0, 0, 0) == 0,
	      "uid %ld", sys(SYS_getuid, 0, 0, 0, 0));
	st = reap(spawn(drop_to_user, 0));
	check("setuid(1000) drops root for good", st == 0, "child check %ld",
	      WEXITSTATUS(st));
}

static void check_clone_flags(void)
{
	static const struct {
		const char *name;
		long flags;
	} bad[] = {
		{ "clone(CLONE_THREAD): EINVAL", 0x10000 | SIGCHLD },
		{ "clone(CLONE_VM without CLONE_VFORK): EINVAL",
		  CLONE_VM | SIGCHLD },
		{ "clone(CLONE_SIGHAND without CLONE_THREAD): EINVAL (unsupported)",
		  CLONE_VM | 0x800 | SIGCHLD },
		{ "clone(CLONE_NEWNS): EINVAL", 0x20000 | SIGCHLD },
	};
	unsigned i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long r = syscall6(SYS_clone, bad[i].flags, 0, 0, 0, 0, 0);

		if (r == 0)
			_exit(100); /* a child that must not exist */
		check(bad[i].name, r == -EINVAL, "got %ld", r);
	}
}

/* As uid 1000 with RLIMIT_NPROC 16: forks until EAGAIN, then recovers. */
static int fork_bomb(long limit)
{
	struct rlim r = { (unsigned long)limit, (unsigned long)limit };
	long n = 0, pid;

	if (sys(SYS_setrlimit, RLIMIT_NPROC, (long)&r, 0, 0) != 0 ||
	    sys(SYS_setuid, 1000, 0, 0, 0) != 0)
		return 250;
	for (;;) {
		pid = fork();
		if (pid == 0)
			_exit(0); /* stays a zombie: zombies count, as on Linux */
		if (pid < 0)
			break;
		n++;
	}
	if (pid != -EAGAIN)
		return 251;
	while (wait4(-1, 0, 0, 0) > 0)
		;
	pid = fork(); /* reaped: there is room again */
	if (pid == 0)
		_exit(0);
	if (pid < 0 || reap(pid) != 0)
		return 252;
	return n;
}

static void check_fork_bomb(void)
{
	long st = reap(spawn(fork_bomb, 16));

	/* 16 processes of uid 1000: the bomber and 15 children. */
	check("fork bomb: EAGAIN at RLIMIT_NPROC, then fork works again",
	      st == 15 << 8, "status %ld (forks before EAGAIN %ld)", st,
	      WEXITSTATUS(st));
}

int main(int argc, char **argv)
{
	check_begin("proc_check");
	(void)argc;
	(void)argv;
	check_fork_basics();
	check_exit_codes();
	check_signal_deaths();
	check_wait_selection();
	check_groups();
	check_sessions();
	check_orphans();
	check_cow();
	check_vfork();
	check_limits();
	check_usage();
	check_creds();
	check_clone_flags();
	check_fork_bomb();
	return check_end();
}
