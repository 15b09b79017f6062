// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_thread.c - POSIX threads with musl: pthread_create and
 * join (clone(CLONE_THREAD | CLONE_VM | ...), CLONE_CHILD_CLEARTID and
 * the futex join), a mutex-protected counter, getpid/gettid, detached
 * threads, exit_group and fatal signals from a thread ending the whole
 * process, pthread_kill and process-directed signals, the group leader
 * exiting first, execve and fork from a thread.
 *
 * Whole-process endings run in a forked child whose wait status the
 * parent checks. The execve check re-executes this family's program,
 * /tests/thread, which exits at once with the code in RACHO_THREAD_CHILD.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define SELF "/tests/thread"
#define CHILD_ENV "RACHO_THREAD_CHILD"
#define NTHREADS 4
#define ROUNDS 20000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pid_t seen_pid[NTHREADS];
static pid_t seen_tid[NTHREADS];

static pid_t gettid_raw(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- create, join, mutex, ids ---- */

static void *adder(void *arg)
{
	long i = (long)arg;
	int n;

	seen_pid[i] = getpid();
	seen_tid[i] = gettid_raw();
	for (n = 0; n < ROUNDS; n++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
		if (n % 1000 == 0)
			sched_yield();
	}
	return (void *)(i * 10 + 1);
}

static void test_basic(void)
{
	pthread_t th[NTHREADS];
	int created = 0, joined_ok = 0, distinct = 1, same_pid = 1;
	long i, j;

	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, adder, (void *)i) == 0)
			created++;
	CHECK_EQ("thread.create", created, NTHREADS);
	for (i = 0; i < created; i++) {
		void *ret = NULL;

		if (pthread_join(th[i], &ret) == 0 && ret == (void *)(i * 10 + 1))
			joined_ok++;
	}
	CHECK_EQ("thread.join_values", joined_ok, NTHREADS);
	CHECK_EQ("thread.mutex_counter", counter, (long)NTHREADS * ROUNDS);
	for (i = 0; i < NTHREADS; i++) {
		if (seen_pid[i] != getpid())
			same_pid = 0;
		if (seen_tid[i] == gettid_raw() || seen_tid[i] <= 0)
			distinct = 0;
		for (j = 0; j < i; j++)
			if (seen_tid[i] == seen_tid[j])
				distinct = 0;
	}
	CHECK("thread.getpid_shared", same_pid, "a thread saw another pid");
	CHECK("thread.gettid_distinct", distinct, "tids not distinct");
	CHECK_EQ("thread.main_tid_is_pid", gettid_raw(), getpid());
}

/* ---- detach ---- */

static volatile int detached_ran;

static void *detached_fn(void *arg)
{
	(void)arg;
	detached_ran = 1;
	pthread_exit(NULL);
}

static void test_detach(void)
{
	pthread_t th;
	int i, r = pthread_create(&th, NULL, detached_fn, NULL);

	CHECK_EQ("thread.detach_create", r, 0);
	if (r != 0)
		return;
	CHECK_EQ("thread.detach", pthread_detach(th), 0);
	for (i = 0; i < 200 && !detached_ran; i++)
		sleep_ms(5);
	CHECK("thread.detach_ran", detached_ran, "the thread did not run");
}

/* ---- whole-process endings, in a forked child ---- */

static int run_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(99);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

static void *exit7(void *arg)
{
	(void)arg;
	exit(7); /* exit_group: the main thread dies too */
}

static void child_exit_group(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, exit7, NULL) != 0)
		_exit(98);
	for (;;)
		pause();
}

static void *segv(void *arg)
{
	(void)arg;
	*(volatile int *)(long)arg = 1;
	return NULL;
}

static void child_segv(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, segv, NULL) != 0)
		_exit(98);
	for (;;)
		pause();
}

static void *late_exit(void *arg)
{
	(void)arg;
	sleep_ms(150);
	exit(5);
}

/* The leader exits first and the process lives on in its thread. */
static void child_leader_first(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, late_exit, NULL) != 0)
		_exit(98);
	pthread_exit(NULL);
}

static void test_endings(void)
{
	int st;
	pid_t pid;

	st = run_child(child_exit_group);
	CHECK("thread.exit_group", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "status %#x", st);
	st = run_child(child_segv);
	CHECK("thread.segv_kills_process",
	      WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "status %#x", st);

	pid = fork();
	if (pid == 0) {
		child_leader_first();
		_exit(99);
	}
	sleep_ms(50);
	st = -1;
	CHECK_EQ("thread.leader_first_not_reaped", waitpid(pid, &st, WNOHANG), 0);
	CHECK_EQ("thread.leader_first_waited", waitpid(pid, &st, 0), pid);
	CHECK("thread.leader_first_status", WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "status %#x", st);
}

/* ---- signals ---- */

static volatile pid_t handler_tid;
static volatile int handled;

static void on_usr1(int sig)
{
	(void)sig;
	handler_tid = gettid_raw();
	handled = 1;
}

static volatile pid_t target_tid;

static void *wait_handled(void *arg)
{
	int i;
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &s, NULL);
	target_tid = gettid_raw();
	for (i = 0; i < 400 && !handled; i++)
		sleep_ms(5);
	return NULL;
}

/* Sends with @send once the thread runs; returns whether the handler ran
 * in the thread. */
static int signal_thread(int directed)
{
	pthread_t th;
	sigset_t s, old;
	int i;

	handled = 0;
	handler_tid = 0;
	target_tid = 0;
	sigemptyset(&s);
	sigaddset(&s, SIGUSR1);
	/* The main thread blocks it: a process-directed one must go to the
	 * thread, the only one that takes it. */
	pthread_sigmask(SIG_BLOCK, &s, &old);
	if (pthread_create(&th, NULL, wait_handled, NULL) != 0)
		return 0;
	for (i = 0; i < 400 && target_tid == 0; i++)
		sleep_ms(5);
	if (directed)
		pthread_kill(th, SIGUSR1);
	else
		kill(getpid(), SIGUSR1);
	pthread_join(th, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return handled && handler_tid == target_tid && target_tid != 0;
}

static void test_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	CHECK("thread.pthread_kill_in_thread", signal_thread(1),
	      "handled %d in tid %d, want %d", handled, (int)handler_tid,
	      (int)target_tid);
	CHECK("thread.kill_to_unblocked_thread", signal_thread(0),
	      "handled %d in tid %d, want %d", handled, (int)handler_tid,
	      (int)target_tid);
	signal(SIGUSR1, SIG_DFL);
}

/* ---- execve and fork from a thread ---- */

static void *exec_fn(void *arg)
{
	char *argv[] = { SELF, NULL };
	char *envp[] = { CHILD_ENV "=33", NULL };

	(void)arg;
	execve(SELF, argv, envp);
	_exit(97);
}

static void child_exec(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, exec_fn, NULL) != 0)
		_exit(98);
	for (;;)
		pause();
}

/* The "Threads:" of /proc/self/status, or -1. */
static int status_threads(void)
{
	char buf[2048];
	char *p;

	if (harness_slurp("/proc/self/status", buf, sizeof(buf), 512) < 0)
		return -1;
	p = strstr(buf, "Threads:\t");
	return p != NULL ? atoi(p + 9) : -1;
}

/* The child of a fork in a thread has one thread (Threads: 1). */
static int one_thread(void)
{
	return status_threads() == 1;
}

static volatile int fork_status = -1;
static volatile int threads_seen = -1;
static volatile int setsid_ret;

static void *fork_fn(void *arg)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	int st = -1;

	(void)arg;
	if (pid == 0)
		_exit((getppid() == parent ? 0 : 2) + (one_thread() ? 0 : 4));
	threads_seen = status_threads(); /* this thread and main, in join */
	if (pid > 0 && waitpid(pid, &st, 0) == pid)
		fork_status = st;
	return NULL;
}

static void test_exec_fork(void)
{
	pthread_t th;
	int st = run_child(child_exec);

	CHECK("thread.execve_from_thread", WIFEXITED(st) && WEXITSTATUS(st) == 33,
	      "status %#x", st);
	harness_ensure_proc();
	if (pthread_create(&th, NULL, fork_fn, NULL) == 0)
		pthread_join(th, NULL);
	CHECK_EQ("thread.fork_from_thread", fork_status, 0);
	CHECK_EQ("thread.proc_status_threads", threads_seen, 2);
}

/* setsid() in a thread makes the process a session leader. */
static void *setsid_fn(void *arg)
{
	(void)arg;
	setsid_ret = setsid();
	return NULL;
}

static void child_setsid(void)
{
	pthread_t th;

	if (pthread_create(&th, NULL, setsid_fn, NULL) != 0)
		_exit(98);
	pthread_join(th, NULL);
	_exit(setsid_ret == getpid() && getsid(0) == getpid() &&
			      getpgid(0) == getpid() ? 0 : 1);
}

static void test_ids(void)
{
	int st = run_child(child_setsid);

	CHECK("thread.setsid_from_thread", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status %#x", st);
}

int test_thread(void)
{
	const char *mode = getenv(CHILD_ENV);

	if (mode)
		_exit(atoi(mode));
	harness_begin("thread");
	test_basic();
	test_detach();
	test_endings();
	test_signals();
	test_exec_fork();
	test_ids();
	return harness_end();
}
