// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_itimer.c - interval timers: setitimer/getitimer for
 * ITIMER_REAL (SIGALRM, wall time), ITIMER_VIRTUAL (SIGVTALRM, user CPU
 * time) and ITIMER_PROF (SIGPROF, user + system CPU time), and musl's
 * alarm() on top of ITIMER_REAL.
 *
 * Checked: a timer fires once it is due (never early) and its signal has
 * si_code SI_KERNEL; periodic timers; time left that decreases; the old
 * value; disarming; alarm()'s rounded-up seconds; SIGALRM's default
 * action; SIGALRM cutting pause() and nanosleep() short, and SA_RESTART
 * restarting a pipe read; CPU timers that count only CPU time; Linux's
 * re-arm of a periodic ITIMER_REAL when its SIGALRM is taken (so an
 * ignored SIGALRM ends it and a blocked one holds it); timers of several
 * processes firing in order; no timers in a fork() child; timers kept
 * across execve(); EINVAL and EFAULT.
 *
 * Times are loose: a timer may fire a tick late (racho's tick is 10 ms)
 * and a CPU timer gets one tick more than asked, as on Linux. The
 * execve check runs this family's own executable, /tests/itimer, with
 * RACHO_ITIMER_CHILD set (the pattern of t_fork.c).
 */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define SELF "/tests/itimer"
#define CHILD_ENV "RACHO_ITIMER_CHILD"
#define MS 1000000LL
#define US_PER_SEC 1000000LL
#define UNMAPPED 0x12345000UL
#define LINUX_SI_KERNEL 0x80

static volatile sig_atomic_t n_alrm, n_vtalrm, n_prof;
static volatile sig_atomic_t code_alrm, code_vtalrm, code_prof;
static volatile int pipe_wfd = -1; /* SIGALRM writes a byte here */
static volatile unsigned long sink;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGALRM) {
		n_alrm++;
		code_alrm = si->si_code;
		if (pipe_wfd >= 0)
			(void)write(pipe_wfd, "x", 1);
	} else if (sig == SIGVTALRM) {
		n_vtalrm++;
		code_vtalrm = si->si_code;
	} else if (sig == SIGPROF) {
		n_prof++;
		code_prof = si->si_code;
	}
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_signal;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void set_disposition(int sig, void (*h)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = h;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void mask_alrm(int how)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigprocmask(how, &s, NULL);
}

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static struct itimerval itv(long long value_us, long long interval_us)
{
	struct itimerval v;

	v.it_value.tv_sec = value_us / US_PER_SEC;
	v.it_value.tv_usec = value_us % US_PER_SEC;
	v.it_interval.tv_sec = interval_us / US_PER_SEC;
	v.it_interval.tv_usec = interval_us % US_PER_SEC;
	return v;
}

static long long us(struct timeval tv)
{
	return (long long)tv.tv_sec * US_PER_SEC + tv.tv_usec;
}

static int arm(int which, long long value_us, long long interval_us)
{
	struct itimerval v = itv(value_us, interval_us);

	return setitimer(which, &v, NULL);
}

/* Time left on @which in us, or -1 if getitimer fails. */
static long long left_us(int which)
{
	struct itimerval v;

	if (getitimer(which, &v) != 0)
		return -1;
	return us(v.it_value);
}

static void disarm_all(void)
{
	arm(ITIMER_REAL, 0, 0);
	arm(ITIMER_VIRTUAL, 0, 0);
	arm(ITIMER_PROF, 0, 0);
}

/* Sleeps in short steps until *@count reaches @want or @max_ms passed. */
static void wait_count(volatile sig_atomic_t *count, int want, long max_ms)
{
	long long end = now_ns() + max_ms * MS;

	while (*count < want && now_ns() < end)
		sleep_ms(5);
}

/* Burns CPU (with @syscalls, kernel time too) until *@count reaches @want. */
static void spin_count(volatile sig_atomic_t *count, int want, long max_ms,
		       int syscalls)
{
	long long end = now_ns() + max_ms * MS;

	while (*count < want && now_ns() < end) {
		for (int i = 0; i < 20000; i++)
			sink += (unsigned long)i;
		for (int i = 0; i < syscalls; i++)
			(void)getppid();
	}
}

/* ---- the child exec'ed by test_exec: timers and mask survived ---- */

static int child_after_exec(void)
{
	struct itimerval v;
	sigset_t pend;

	if (getitimer(ITIMER_REAL, &v) != 0)
		return 2;
	sigpending(&pend);
	/* 100 ms, unless it fired already (SIGALRM is blocked: pending). */
	if (us(v.it_value) == 0 && !sigismember(&pend, SIGALRM))
		return 3;
	if (us(v.it_interval) != 7 * US_PER_SEC)
		return 4;
	if (left_us(ITIMER_VIRTUAL) <= 0)
		return 5;
	set_handler(SIGALRM, 0);
	mask_alrm(SIG_UNBLOCK);
	wait_count(&n_alrm, 1, 2000);
	if (n_alrm != 1 || code_alrm != LINUX_SI_KERNEL)
		return 6;
	return 42;
}

static void maybe_child(void)
{
	const char *mode = getenv(CHILD_ENV);

	if (!mode)
		return;
	_exit(strcmp(mode, "exec") == 0 ? child_after_exec() : 126);
}

/* ---- ITIMER_REAL ---- */

static int test_real_fires(void)
{
	struct itimerval v;
	long long t0, dt;
	int ok;

	set_handler(SIGALRM, 0);
	n_alrm = 0;
	code_alrm = -1;
	t0 = now_ns();
	CHECK_EQ("itimer.real.set", arm(ITIMER_REAL, 50000, 0), 0);
	wait_count(&n_alrm, 1, 2000);
	dt = now_ns() - t0;
	ok = CHECK("itimer.real.fires", n_alrm == 1, "%d SIGALRM in %lld ms",
		   (int)n_alrm, dt / MS);
	CHECK("itimer.real.fires.when", dt >= 49 * MS && dt < 2000 * MS,
	      "after %lld us, want 50 ms", dt / 1000);
	CHECK("itimer.real.si_code", code_alrm == LINUX_SI_KERNEL,
	      "si_code %d, want SI_KERNEL", (int)code_alrm);
	CHECK("itimer.real.after_fire",
	      getitimer(ITIMER_REAL, &v) == 0 && us(v.it_value) == 0 &&
		      us(v.it_interval) == 0,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));
	return ok;
}

/* Interruptions: pause, nanosleep (even with SA_RESTART), a pipe read. */
static void test_real_interrupts(void)
{
	struct timespec ts = { 2, 0 }, rem = { 0, 0 };
	int fds[2], r, err;
	char c;

	n_alrm = 0;
	arm(ITIMER_REAL, 20000, 0);
	errno = 0;
	r = pause();
	CHECK("itimer.real.pause_eintr", r == -1 && errno == EINTR && n_alrm == 1,
	      "pause %d errno %s, %d SIGALRM", r, harness_errname(errno),
	      (int)n_alrm);

	set_handler(SIGALRM, SA_RESTART);
	arm(ITIMER_REAL, 20000, 0);
	errno = 0;
	r = nanosleep(&ts, &rem);
	err = errno;
	CHECK("itimer.real.nanosleep_eintr",
	      r == -1 && err == EINTR && rem.tv_sec == 1,
	      "nanosleep %d errno %s, rem %lld.%09ld", r, harness_errname(err),
	      (long long)rem.tv_sec, rem.tv_nsec);

	if (pipe(fds) != 0) {
		CHECK("itimer.real.pipe", 0, "pipe: %s", harness_errname(errno));
		return;
	}
	pipe_wfd = fds[1];
	arm(ITIMER_REAL, 20000, 0);
	errno = 0;
	r = read(fds[0], &c, 1);
	CHECK("itimer.real.read_sa_restart", r == 1 && c == 'x',
	      "read %d errno %s", r, harness_errname(errno));
	set_handler(SIGALRM, 0);
	arm(ITIMER_REAL, 20000, 0);
	errno = 0;
	r = read(fds[0], &c, 1);
	err = errno;
	CHECK("itimer.real.read_eintr", r == -1 && err == EINTR,
	      "read %d errno %s", r, harness_errname(err));
	pipe_wfd = -1;
	close(fds[0]);
	close(fds[1]);
}

static void test_real_periodic(void)
{
	struct itimerval v;
	long long t0, dt;
	int seen;

	n_alrm = 0;
	t0 = now_ns();
	arm(ITIMER_REAL, 20000, 20000);
	CHECK("itimer.real.periodic.getitimer",
	      getitimer(ITIMER_REAL, &v) == 0 && us(v.it_interval) == 20000 &&
		      us(v.it_value) > 0 && us(v.it_value) <= 20000,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));
	wait_count(&n_alrm, 3, 2000);
	dt = now_ns() - t0;
	CHECK("itimer.real.periodic", n_alrm >= 3 && dt >= 59 * MS,
	      "%d SIGALRM in %lld ms", (int)n_alrm, dt / MS);
	arm(ITIMER_REAL, 0, 0);
	seen = n_alrm;
	sleep_ms(50);
	CHECK("itimer.real.periodic.disarmed", n_alrm == seen,
	      "%d more SIGALRM after disarming", (int)(n_alrm - seen));
}

static void test_real_values(void)
{
	struct itimerval v, old, zero = itv(0, 0);
	long long v1, v2;

	arm(ITIMER_REAL, US_PER_SEC, 0);
	v1 = left_us(ITIMER_REAL);
	CHECK("itimer.real.left", v1 > 900000 && v1 <= US_PER_SEC,
	      "%lld us left of 1 s", v1);
	sleep_ms(30);
	v2 = left_us(ITIMER_REAL);
	CHECK("itimer.real.left_decreases", v2 > 0 && v2 <= v1 - 29000,
	      "%lld us, then %lld us after 30 ms", v1, v2);
	CHECK("itimer.real.disarm_old",
	      setitimer(ITIMER_REAL, &zero, &old) == 0 && us(old.it_value) > 0 &&
		      us(old.it_value) <= v2 && us(old.it_interval) == 0,
	      "old value %lld us (had %lld)", us(old.it_value), v2);
	CHECK_EQ("itimer.real.disarmed", left_us(ITIMER_REAL), 0);

	/* The old value and interval; the new interval replaces it. */
	arm(ITIMER_REAL, 2 * US_PER_SEC, 500000);
	v = itv(US_PER_SEC, 0);
	CHECK("itimer.real.old_value",
	      setitimer(ITIMER_REAL, &v, &old) == 0 &&
		      us(old.it_value) > 1900000 &&
		      us(old.it_value) <= 2 * US_PER_SEC &&
		      us(old.it_interval) == 500000,
	      "old value %lld us interval %lld us", us(old.it_value),
	      us(old.it_interval));
	CHECK("itimer.real.new_interval",
	      getitimer(ITIMER_REAL, &v) == 0 && us(v.it_interval) == 0 &&
		      us(v.it_value) > 900000,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));

	/* A zero value disarms, and drops the interval with it. */
	v = itv(0, 10000);
	CHECK("itimer.real.zero_value_disarms",
	      setitimer(ITIMER_REAL, &v, NULL) == 0 &&
		      getitimer(ITIMER_REAL, &v) == 0 && us(v.it_value) == 0 &&
		      us(v.it_interval) == 0,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));

	/* Linux 6.1 still takes a NULL new value as zero. */
	arm(ITIMER_REAL, US_PER_SEC, 0);
	CHECK("itimer.real.null_new_disarms",
	      syscall(SYS_setitimer, ITIMER_REAL, NULL, &old) == 0 &&
		      us(old.it_value) > 0 && left_us(ITIMER_REAL) == 0,
	      "old value %lld us, left %lld us", us(old.it_value),
	      left_us(ITIMER_REAL));

	/* Disarmed before it was due: nothing comes. */
	n_alrm = 0;
	arm(ITIMER_REAL, 30000, 0);
	arm(ITIMER_REAL, 0, 0);
	sleep_ms(60);
	CHECK_EQ("itimer.real.disarm_no_signal", n_alrm, 0);
}

/* musl: alarm(s) is setitimer(ITIMER_REAL, s) returning the old seconds,
 * rounded up. */
static void test_alarm(void)
{
	CHECK_EQ("itimer.alarm.none", alarm(0), 0);
	CHECK_EQ("itimer.alarm.first", alarm(5), 0);
	CHECK_EQ("itimer.alarm.rounded_up", alarm(3), 5);
	CHECK("itimer.alarm.is_real", left_us(ITIMER_REAL) > 2 * US_PER_SEC &&
	      left_us(ITIMER_REAL) <= 3 * US_PER_SEC, "%lld us left",
	      left_us(ITIMER_REAL));
	CHECK_EQ("itimer.alarm.cancel", alarm(0), 3);
	CHECK_EQ("itimer.alarm.cancelled", left_us(ITIMER_REAL), 0);
	arm(ITIMER_REAL, 500000, 0);
	CHECK_EQ("itimer.alarm.half_second", alarm(0), 1);
}

static int die_by_alarm(void)
{
	set_disposition(SIGALRM, SIG_DFL);
	mask_alrm(SIG_UNBLOCK);
	arm(ITIMER_REAL, 20000, 0);
	for (int i = 0; i < 4; i++)
		pause();
	return 1;
}

static void test_real_default(void)
{
	long long t0 = now_ns();
	int status = -1;
	pid_t pid = fork();

	if (pid == 0)
		_exit(die_by_alarm());
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	CHECK("itimer.real.default_kills",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM &&
		      now_ns() - t0 < 2000 * MS,
	      "status %#x", status);
}

/*
 * Several processes' timers, armed out of order, fire in order of expiry:
 * children due at 90, 30 and 60 ms die by SIGALRM in that time order,
 * while the parent's own timer (45 ms) interrupts its wait (restarted).
 */
static void test_real_many(void)
{
	static const int due_ms[3] = { 90, 30, 60 };
	long long t0 = now_ns();
	pid_t pids[3], order[3] = { 0, 0, 0 };
	int i, n = 0, st, killed = 0;

	for (i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			long long left = t0 + due_ms[i] * MS - now_ns();

			set_disposition(SIGALRM, SIG_DFL);
			arm(ITIMER_REAL, left > 1000 ? left / 1000 : 1, 0);
			sleep_ms(2000);
			_exit(3);
		}
	}
	set_handler(SIGALRM, SA_RESTART);
	n_alrm = 0;
	arm(ITIMER_REAL, 45000, 0);
	while (n < 3) {
		pid_t pid = waitpid(-1, &st, 0);

		if (pid < 0)
			break;
		if (pid != pids[0] && pid != pids[1] && pid != pids[2])
			continue; /* in-process: an orphan of another family */
		order[n++] = pid;
		killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM;
	}
	CHECK("itimer.real.many_in_order",
	      n == 3 && killed == 3 && order[0] == pids[1] &&
		      order[1] == pids[2] && order[2] == pids[0],
	      "%d reaped, %d by SIGALRM, order %d %d %d (want %d %d %d)", n,
	      killed, order[0], order[1], order[2], pids[1], pids[2], pids[0]);
	CHECK_EQ("itimer.real.many_parent_too", n_alrm, 1);
	set_handler(SIGALRM, 0);
}

/* Linux re-arms a periodic ITIMER_REAL when its SIGALRM is taken. */
static void test_real_rearm(void)
{
	struct itimerval v;
	struct timespec tmo = { 1, 0 };
	siginfo_t si;
	sigset_t set, pend;
	int i, got = 0;

	set_disposition(SIGALRM, SIG_IGN);
	arm(ITIMER_REAL, 10000, 10000);
	sleep_ms(50);
	CHECK("itimer.real.ignored_stops_periodic",
	      getitimer(ITIMER_REAL, &v) == 0 && us(v.it_value) == 0 &&
		      us(v.it_interval) == 10000,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));
	arm(ITIMER_REAL, 0, 0);

	set_handler(SIGALRM, 0);
	mask_alrm(SIG_BLOCK);
	n_alrm = 0;
	arm(ITIMER_REAL, 10000, 100000);
	sleep_ms(50);
	sigpending(&pend);
	CHECK("itimer.real.blocked_holds_periodic",
	      sigismember(&pend, SIGALRM) && left_us(ITIMER_REAL) == 0,
	      "pending %d, %lld us left", sigismember(&pend, SIGALRM),
	      left_us(ITIMER_REAL));
	mask_alrm(SIG_UNBLOCK);
	CHECK("itimer.real.taken_rearms",
	      n_alrm == 1 && left_us(ITIMER_REAL) > 0 &&
		      left_us(ITIMER_REAL) <= 100000,
	      "%d SIGALRM, %lld us left", (int)n_alrm, left_us(ITIMER_REAL));

	/* rt_sigtimedwait takes it too. */
	mask_alrm(SIG_BLOCK);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	for (i = 0; i < 3; i++)
		if (sigtimedwait(&set, &si, &tmo) == SIGALRM &&
		    si.si_code == LINUX_SI_KERNEL)
			got++;
	CHECK_EQ("itimer.real.sigtimedwait_periodic", got, 3);
	arm(ITIMER_REAL, 0, 0);
	tmo.tv_sec = 0;
	(void)sigtimedwait(&set, &si, &tmo); /* one may have come since */
	mask_alrm(SIG_UNBLOCK);
}

/* ---- ITIMER_VIRTUAL and ITIMER_PROF ---- */

static void test_cpu_timers(void)
{
	struct itimerval v, old, zero = itv(0, 0);
	long long left;

	set_handler(SIGVTALRM, 0);
	set_handler(SIGPROF, 0);
	n_vtalrm = 0;
	code_vtalrm = -1;
	arm(ITIMER_VIRTUAL, 30000, 0);
	spin_count(&n_vtalrm, 1, 2000, 0);
	CHECK("itimer.virtual.fires_busy", n_vtalrm == 1 &&
	      code_vtalrm == LINUX_SI_KERNEL, "%d SIGVTALRM, si_code %d",
	      (int)n_vtalrm, (int)code_vtalrm);
	CHECK_EQ("itimer.virtual.after_fire", left_us(ITIMER_VIRTUAL), 0);

	n_vtalrm = 0;
	arm(ITIMER_VIRTUAL, 20000, 0);
	sleep_ms(100);
	left = left_us(ITIMER_VIRTUAL);
	CHECK("itimer.virtual.not_while_sleeping", n_vtalrm == 0 && left > 0,
	      "%d SIGVTALRM, %lld us left", (int)n_vtalrm, left);
	arm(ITIMER_VIRTUAL, 0, 0);

	n_vtalrm = 0;
	arm(ITIMER_VIRTUAL, 10000, 10000);
	spin_count(&n_vtalrm, 3, 2000, 0);
	arm(ITIMER_VIRTUAL, 0, 0);
	CHECK("itimer.virtual.periodic", n_vtalrm >= 3, "%d SIGVTALRM",
	      (int)n_vtalrm);

	n_prof = 0;
	code_prof = -1;
	arm(ITIMER_PROF, 20000, 20000);
	spin_count(&n_prof, 2, 2000, 50);
	arm(ITIMER_PROF, 0, 0);
	CHECK("itimer.prof.fires_busy", n_prof >= 2 &&
	      code_prof == LINUX_SI_KERNEL, "%d SIGPROF, si_code %d",
	      (int)n_prof, (int)code_prof);

	/* Left: what was asked plus at most a tick (Linux adds one). */
	arm(ITIMER_PROF, US_PER_SEC, 250000);
	CHECK("itimer.prof.getitimer",
	      getitimer(ITIMER_PROF, &v) == 0 && us(v.it_value) > 900000 &&
		      us(v.it_value) <= US_PER_SEC + 20000 &&
		      us(v.it_interval) == 250000,
	      "value %lld us interval %lld us", us(v.it_value),
	      us(v.it_interval));
	CHECK("itimer.prof.old_value",
	      setitimer(ITIMER_PROF, &zero, &old) == 0 &&
		      us(old.it_value) > 900000 &&
		      us(old.it_value) <= US_PER_SEC + 20000 &&
		      us(old.it_interval) == 250000,
	      "old value %lld us interval %lld us", us(old.it_value),
	      us(old.it_interval));
	CHECK_EQ("itimer.prof.disarmed", left_us(ITIMER_PROF), 0);
	arm(ITIMER_VIRTUAL, 2 * US_PER_SEC, 0);
	left = left_us(ITIMER_VIRTUAL);
	CHECK("itimer.virtual.getitimer",
	      left > 1900000 && left <= 2 * US_PER_SEC + 20000, "%lld us left",
	      left);
	arm(ITIMER_VIRTUAL, 0, 0);
	set_disposition(SIGVTALRM, SIG_DFL);
	set_disposition(SIGPROF, SIG_DFL);
}

/* ---- fork and execve ---- */

static void test_fork_clears(void)
{
	int status = -1;
	pid_t pid;

	arm(ITIMER_REAL, 5 * US_PER_SEC, 0);
	arm(ITIMER_VIRTUAL, 5 * US_PER_SEC, 0);
	arm(ITIMER_PROF, 5 * US_PER_SEC, 0);
	pid = fork();
	if (pid == 0)
		_exit((left_us(ITIMER_REAL) != 0) |
		      ((left_us(ITIMER_VIRTUAL) != 0) << 1) |
		      ((left_us(ITIMER_PROF) != 0) << 2));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	CHECK("itimer.fork_child_has_none", status == 0,
	      "status %#x (bits: real, virtual, prof)", status);
	CHECK("itimer.fork_parent_keeps", left_us(ITIMER_REAL) > 4 * US_PER_SEC &&
	      left_us(ITIMER_VIRTUAL) > 4 * US_PER_SEC, "real %lld us virtual %lld us",
	      left_us(ITIMER_REAL), left_us(ITIMER_VIRTUAL));
	disarm_all();
}

static void test_exec_keeps(void)
{
	char *argv[] = { SELF, NULL };
	char *envp[] = { CHILD_ENV "=exec", NULL };
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		/* Blocked, so an early SIGALRM waits for the new image. */
		mask_alrm(SIG_BLOCK);
		arm(ITIMER_REAL, 100000, 7 * US_PER_SEC);
		arm(ITIMER_VIRTUAL, 10 * US_PER_SEC, 0);
		execve(SELF, argv, envp);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		status = -1;
	CHECK("itimer.exec_keeps_timers", WIFEXITED(status) &&
	      WEXITSTATUS(status) == 42, "status %#x", status);
}

/* ---- errors ---- */

static void test_errors(void)
{
	struct itimerval v = itv(US_PER_SEC, 0), bad;

	CHECK_ERR("itimer.einval.get_which", syscall(SYS_getitimer, 3, &v), EINVAL);
	CHECK_ERR("itimer.einval.get_which_neg", syscall(SYS_getitimer, -1, &v),
		  EINVAL);
	CHECK_ERR("itimer.einval.get_which_before_efault",
		  syscall(SYS_getitimer, 3, UNMAPPED), EINVAL);
	CHECK_ERR("itimer.einval.set_which", syscall(SYS_setitimer, 3, &v, NULL),
		  EINVAL);
	CHECK_EQ("itimer.which_is_int",
		 syscall(SYS_getitimer, (1L << 32) | ITIMER_PROF, &v), 0);
	bad = itv(0, 0);
	bad.it_value.tv_usec = 1000000;
	CHECK_ERR("itimer.einval.usec_big",
		  syscall(SYS_setitimer, ITIMER_REAL, &bad, NULL), EINVAL);
	bad.it_value.tv_usec = -1;
	CHECK_ERR("itimer.einval.usec_neg",
		  syscall(SYS_setitimer, ITIMER_REAL, &bad, NULL), EINVAL);
	bad = itv(0, 0);
	bad.it_value.tv_sec = -1;
	CHECK_ERR("itimer.einval.sec_neg",
		  syscall(SYS_setitimer, ITIMER_VIRTUAL, &bad, NULL), EINVAL);
	bad = itv(0, 0);
	bad.it_interval.tv_usec = 1000000;
	CHECK_ERR("itimer.einval.interval_usec",
		  syscall(SYS_setitimer, ITIMER_PROF, &bad, NULL), EINVAL);
	CHECK_ERR("itimer.efault.get",
		  syscall(SYS_getitimer, ITIMER_REAL, UNMAPPED), EFAULT);
	CHECK_ERR("itimer.efault.set_new",
		  syscall(SYS_setitimer, ITIMER_REAL, UNMAPPED, NULL), EFAULT);
	CHECK_ERR("itimer.efault.before_which",
		  syscall(SYS_setitimer, 3, UNMAPPED, NULL), EFAULT);
	/* The timer is set even though the old value cannot be written. */
	v = itv(US_PER_SEC, 0);
	CHECK_ERR("itimer.efault.set_old",
		  syscall(SYS_setitimer, ITIMER_REAL, &v, UNMAPPED), EFAULT);
	CHECK("itimer.efault.set_old_armed", left_us(ITIMER_REAL) > 900000,
	      "%lld us left", left_us(ITIMER_REAL));
	arm(ITIMER_REAL, 0, 0);
}

int test_itimer(void)
{
	sigset_t s;

	maybe_child();
	harness_begin("itimer");
	sigemptyset(&s);
	sigaddset(&s, SIGALRM);
	sigaddset(&s, SIGVTALRM);
	sigaddset(&s, SIGPROF);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	disarm_all();

	test_errors();
	test_alarm();
	/* The waits below need a working SIGALRM, or they would hang. */
	if (test_real_fires()) {
		test_real_interrupts();
		test_real_periodic();
		test_real_rearm();
		test_real_many();
	}
	test_real_values();
	test_real_default();
	test_cpu_timers();
	test_fork_clears();
	test_exec_keeps();

	disarm_all();
	set_disposition(SIGALRM, SIG_DFL);
	return harness_end();
}
