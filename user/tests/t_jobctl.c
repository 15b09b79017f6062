// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_jobctl.c - job-control stops: SIGSTOP, SIGTSTP and SIGCONT,
 * what wait4() reports for them (WUNTRACED, WCONTINUED), the SIGCHLD the
 * parent gets (CLD_STOPPED, CLD_CONTINUED, SA_NOCLDSTOP), signals sent to
 * a stopped process, a stopped system call that resumes, and the state
 * /proc shows.
 *
 * Every child runs in a process group of its own (setpgid). Linux
 * discards SIGTSTP, SIGTTIN and SIGTTOU for an orphaned group, one whose
 * members have no parent in another group of the session other than
 * init: so the SIGTSTP check expects a stop when the family runs as a
 * program of its own, and nothing when it runs inside init.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

static volatile sig_atomic_t got_usr1, got_cont;

static void on_usr1(int sig)
{
	(void)sig;
	got_usr1 = 1;
}

static void on_cont(int sig)
{
	(void)sig;
	got_cont = 1;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Forks a child in its own process group that runs @fn, then exits. */
static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		_exit(fn());
	}
	if (pid > 0)
		setpgid(pid, pid); /* either side may win the race */
	return pid;
}

/* Waits up to 2 s for a SIGCHLD (blocked by the caller) and returns its info. */
static int wait_sigchld(siginfo_t *si, long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	memset(si, 0, sizeof(*si));
	return sigtimedwait(&s, si, &ts);
}

static void drain_sigchld(void)
{
	siginfo_t si;

	while (wait_sigchld(&si, 0) == SIGCHLD)
		;
}

/* ---- stop, report once, continue, report once, exit ---- */

static int child_stop_self(void)
{
	raise(SIGSTOP);
	sleep_ms(100); /* so that the parent sees "continued" before the exit */
	return 5;
}

static void test_wuntraced(void)
{
	pid_t pid = spawn(child_stop_self);
	int st = -1;
	pid_t r;

	r = waitpid(pid, &st, WUNTRACED);
	CHECK("jobctl.wuntraced.stopped",
	      r == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
	      "waitpid %d status %#x", r, st);
	CHECK("jobctl.wuntraced.raw_status", st == (SIGSTOP << 8 | 0x7f),
	      "status %#x", st);
	st = -1;
	r = waitpid(pid, &st, WUNTRACED | WNOHANG);
	CHECK("jobctl.wuntraced.reported_once", r == 0, "waitpid %d status %#x",
	      r, st);
	r = waitpid(pid, &st, WNOHANG);
	CHECK("jobctl.no_wuntraced.not_reported", r == 0, "waitpid %d", r);
	CHECK_EQ("jobctl.sigcont.kill", kill(pid, SIGCONT), 0);
	st = -1;
	r = waitpid(pid, &st, WCONTINUED);
	CHECK("jobctl.wcontinued.reported", r == pid && WIFCONTINUED(st),
	      "waitpid %d status %#x", r, st);
	CHECK("jobctl.wcontinued.raw_status", st == 0xffff, "status %#x", st);
	st = -1;
	r = waitpid(pid, &st, 0);
	CHECK("jobctl.exit_after_continue",
	      r == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "waitpid %d status %#x", r, st);
}

/* ---- SIGCHLD for stop and continue; SA_NOCLDSTOP ---- */

static int child_pause_forever(void)
{
	for (;;)
		pause();
}

static void test_sigchld(void)
{
	struct sigaction sa, old;
	siginfo_t si;
	sigset_t s, olds;
	pid_t pid;
	int st = -1, sig;

	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	sigprocmask(SIG_BLOCK, &s, &olds);
	drain_sigchld();

	pid = spawn(child_pause_forever);
	CHECK_EQ("jobctl.sigchld.kill_stop", kill(pid, SIGSTOP), 0);
	sig = wait_sigchld(&si, 2000);
	CHECK("jobctl.sigchld.stopped",
	      sig == SIGCHLD && si.si_code == CLD_STOPPED && si.si_pid == pid &&
	      si.si_status == SIGSTOP,
	      "sig %d code %d pid %d status %d", sig, si.si_code, si.si_pid,
	      si.si_status);
	CHECK("jobctl.sigchld.wait_stopped",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	      "status %#x", st);
	CHECK_EQ("jobctl.sigchld.kill_cont", kill(pid, SIGCONT), 0);
	sig = wait_sigchld(&si, 2000);
	CHECK("jobctl.sigchld.continued",
	      sig == SIGCHLD && si.si_code == CLD_CONTINUED &&
	      si.si_pid == pid && si.si_status == SIGCONT,
	      "sig %d code %d pid %d status %d", sig, si.si_code, si.si_pid,
	      si.si_status);

	/* SA_NOCLDSTOP: no SIGCHLD for stops (nor, on Linux, continues). */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, &old);
	CHECK_EQ("jobctl.nocldstop.kill_stop", kill(pid, SIGSTOP), 0);
	CHECK("jobctl.nocldstop.wait_still_reports",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	      "status %#x", st);
	sig = wait_sigchld(&si, 100);
	CHECK("jobctl.nocldstop.no_sigchld", sig == -1 && errno == EAGAIN,
	      "sig %d code %d", sig, si.si_code);
	CHECK_EQ("jobctl.nocldstop.kill_cont", kill(pid, SIGCONT), 0);
	sig = wait_sigchld(&si, 100);
	CHECK("jobctl.nocldstop.no_sigchld_on_continue",
	      sig == -1 && errno == EAGAIN, "sig %d code %d", sig, si.si_code);
	sigaction(SIGCHLD, &old, NULL);

	kill(pid, SIGKILL);
	st = -1;
	CHECK("jobctl.sigchld.killed",
	      waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	      WTERMSIG(st) == SIGKILL, "status %#x", st);
	drain_sigchld();
	sigprocmask(SIG_SETMASK, &olds, NULL);
}

/* ---- signals sent to a stopped process ---- */

static int report_pipe[2];

/* Writes 'u' from the SIGUSR1 handler's flag and 'c' from SIGCONT's. */
static int child_report(void)
{
	signal(SIGUSR1, on_usr1);
	signal(SIGCONT, on_cont);
	close(report_pipe[0]);
	if (write(report_pipe[1], "r", 1) != 1)
		return 1;
	while (!got_usr1)
		pause();
	if (write(report_pipe[1], got_cont ? "c" : "u", 1) != 1)
		return 1;
	return 0;
}

static bool pipe_has_data(int fd)
{
	int fl = fcntl(fd, F_GETFL);
	char c;
	bool has;

	fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	has = read(fd, &c, 1) == 1;
	fcntl(fd, F_SETFL, fl);
	return has;
}

static void test_stopped_signals(void)
{
	pid_t pid;
	char c = 0;
	int st = -1;

	if (pipe(report_pipe) < 0)
		return;
	pid = spawn(child_report);
	close(report_pipe[1]);
	CHECK("jobctl.stopped.ready", read(report_pipe[0], &c, 1) == 1 && c == 'r',
	      "child did not start");
	kill(pid, SIGSTOP);
	CHECK("jobctl.stopped.is_stopped",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	      "status %#x", st);
	/* A handled signal waits for the continue. */
	kill(pid, SIGUSR1);
	sleep_ms(50);
	CHECK("jobctl.stopped.handler_waits", !pipe_has_data(report_pipe[0]),
	      "the SIGUSR1 handler ran while stopped");
	kill(pid, SIGCONT);
	c = 0;
	CHECK("jobctl.stopped.runs_after_continue",
	      read(report_pipe[0], &c, 1) == 1 && c == 'c',
	      "child wrote '%c'", c ? c : '0');
	st = -1;
	CHECK("jobctl.stopped.exit",
	      waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "status %#x", st);
	close(report_pipe[0]);

	/* SIGKILL ends a stopped process; SIGTERM waits for SIGCONT. */
	pid = spawn(child_pause_forever);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	kill(pid, SIGTERM);
	sleep_ms(30);
	CHECK("jobctl.stopped.sigterm_waits", waitpid(pid, &st, WNOHANG) == 0,
	      "status %#x", st);
	kill(pid, SIGKILL);
	st = -1;
	CHECK("jobctl.stopped.sigkill",
	      waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	      WTERMSIG(st) == SIGKILL, "status %#x", st);
}

/* ---- SIGTSTP, a stopped sleep, pending stop/continue rules ---- */

static int child_sleep_200(void)
{
	long t0 = now_ms();
	struct timespec ts = { 0, 200 * 1000000L };

	if (nanosleep(&ts, NULL) != 0)
		return 2; /* no handler: the sleep must resume, not fail */
	return now_ms() - t0 >= 190 ? 0 : 3;
}

static int child_block_tstp(void)
{
	sigset_t s, pend;

	sigemptyset(&s);
	sigaddset(&s, SIGTSTP);
	sigprocmask(SIG_BLOCK, &s, NULL);
	signal(SIGCONT, on_cont);
	close(report_pipe[0]);
	if (write(report_pipe[1], "r", 1) != 1)
		return 1;
	while (!got_cont)
		pause();
	sigpending(&pend);
	/* SIGCONT discarded the pending SIGTSTP (Linux's prepare_signal). */
	return sigismember(&pend, SIGTSTP) ? 4 : 0;
}

static void test_tstp_and_sleep(void)
{
	pid_t pid;
	int st = -1;
	char c;

	pid = spawn(child_pause_forever);
	kill(pid, SIGTSTP);
	if (getpid() == 1) {
		/*
		 * In-process runs: our child's only member has init for a
		 * parent, so its group counts as orphaned and SIGTSTP is
		 * discarded (Linux's will_become_orphaned_pgrp).
		 */
		sleep_ms(50);
		CHECK("jobctl.sigtstp.orphaned_group_ignores",
		      waitpid(pid, &st, WUNTRACED | WNOHANG) == 0,
		      "status %#x", st);
	} else {
		CHECK("jobctl.sigtstp.stops",
		      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st) &&
		      WSTOPSIG(st) == SIGTSTP, "status %#x", st);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);

	pid = spawn(child_sleep_200);
	sleep_ms(50);
	kill(pid, SIGSTOP);
	CHECK("jobctl.sleep.stopped",
	      waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st),
	      "status %#x", st);
	kill(pid, SIGCONT);
	st = -1;
	CHECK("jobctl.sleep.resumes",
	      waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "status %#x", st);

	if (pipe(report_pipe) < 0)
		return;
	pid = spawn(child_block_tstp);
	close(report_pipe[1]);
	if (read(report_pipe[0], &c, 1) != 1)
		c = 0;
	kill(pid, SIGTSTP); /* blocked: stays pending */
	sleep_ms(20);
	kill(pid, SIGCONT);
	st = -1;
	CHECK("jobctl.sigcont.discards_pending_stop",
	      waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "status %#x", st);
	close(report_pipe[0]);
}

/* ---- /proc/<pid>/stat shows T ---- */

static char proc_state(pid_t pid)
{
	char path[64], buf[256], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return '?';
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : '?';
}

static void test_proc_state(void)
{
	pid_t pid;
	int st;
	char s;

	harness_ensure_proc();
	pid = spawn(child_pause_forever);
	kill(pid, SIGSTOP);
	waitpid(pid, &st, WUNTRACED);
	s = proc_state(pid);
	CHECK("jobctl.proc.stat_T", s == 'T', "state %c", s);
	kill(pid, SIGCONT);
	waitpid(pid, &st, WCONTINUED);
	s = proc_state(pid);
	CHECK("jobctl.proc.stat_S_after_continue", s == 'S' || s == 'R',
	      "state %c", s);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}

int test_jobctl(void)
{
	harness_begin("jobctl");
	test_wuntraced();
	test_sigchld();
	test_stopped_signals();
	test_tstp_and_sleep();
	test_proc_state();
	return harness_end();
}
