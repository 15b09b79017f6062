// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_sighandler.c - signal handlers: the handler runs with the
 * right signal number and siginfo (kill's SI_USER and sender pid, a
 * child's CLD_EXITED, a fault's si_addr and SEGV_* code), with the right
 * mask (sa_mask, the signal itself unless SA_NODEFER), SA_RESETHAND,
 * rt_sigsuspend, nanosleep cut short with EINTR and the time left, a pipe
 * read restarted by SA_RESTART (EINTR without it), SIGCHLD ignored
 * (children reaped at once: wait gives ECHILD), rt_sigtimedwait (siginfo,
 * timeout, wake-up), siglongjmp out of a
 * SIGSEGV handler, the alternate signal stack, and every integer and FP
 * register preserved across a handler (synchronous and asynchronous).
 *
 * The family runs inside /init (pid 1), which gets the signals it has
 * handlers for; every disposition is put back to SIG_DFL afterwards.
 */
#define _GNU_SOURCE /* ppoll */
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#include "harness.h"

#define UNMAPPED 0x12345000UL

static volatile sig_atomic_t hits;
static volatile int got_sig, got_code, got_pid, got_uid, got_status;
static volatile void *got_addr;
static volatile int mask_has_self, mask_has_usr2, depth, max_depth;
static sigset_t got_ucmask;

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0)
		;
}

static void on_info(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	sigset_t now;

	hits++;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
	got_uid = si->si_uid;
	got_status = si->si_status;
	got_addr = si->si_addr;
	got_ucmask = uc->uc_sigmask;
	sigprocmask(SIG_BLOCK, NULL, &now);
	mask_has_self = sigismember(&now, sig);
	mask_has_usr2 = sigismember(&now, SIGUSR2);
}

/*
 * rt_sigaction with the kernel's struct sigaction (handler, flags, mask).
 * Not musl's sigaction(): musl 1.2.3 passes riscv64 a struct with an
 * sa_restorer field the kernel does not have, so Linux (and racho) take
 * the restorer's address for sa_mask.
 */
struct ksigaction {
	void *handler;
	unsigned long flags;
	uint64_t mask;
};

static void set_raw(int sig, void *fn, unsigned long flags, uint64_t mask)
{
	struct ksigaction k = { fn, flags, mask };

	syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
}

static void set_handler(int sig, void (*fn)(int, siginfo_t *, void *),
			int flags, int masked)
{
	set_raw(sig, (void *)fn, SA_SIGINFO | flags,
		masked ? 1ULL << (masked - 1) : 0);
}

static void reset(int sig)
{
	signal(sig, SIG_DFL);
}

/* Forks a child that sends @sig to us after @ms, then exits. */
static pid_t send_later(int sig, long ms)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid == 0) {
		sleep_ms(ms);
		kill(parent, sig);
		_exit(0);
	}
	return pid;
}

static void test_basic(void)
{
	sigset_t m;

	hits = 0;
	set_handler(SIGUSR1, on_info, 0, SIGUSR2);
	CHECK_EQ("sighandler.kill_self", kill(getpid(), SIGUSR1), 0);
	CHECK("sighandler.ran", hits == 1, "hits %d", hits);
	CHECK("sighandler.signo", got_sig == SIGUSR1, "sig %d", got_sig);
	CHECK("sighandler.si_code_user", got_code == SI_USER, "code %d", got_code);
	CHECK("sighandler.si_pid", got_pid == getpid(), "pid %d want %d", got_pid,
	      getpid());
	CHECK("sighandler.si_uid", got_uid == (int)getuid(), "uid %d", got_uid);
	CHECK("sighandler.mask_self", mask_has_self == 1, "%d", mask_has_self);
	CHECK("sighandler.mask_sa_mask", mask_has_usr2 == 1, "%d", mask_has_usr2);
	CHECK("sighandler.uc_sigmask_old", !sigismember(&got_ucmask, SIGUSR1) &&
	      !sigismember(&got_ucmask, SIGUSR2), "old mask in the frame");
	sigprocmask(SIG_BLOCK, NULL, &m);
	CHECK("sighandler.mask_restored", !sigismember(&m, SIGUSR1) &&
	      !sigismember(&m, SIGUSR2), "mask not restored");

	/* Blocked: pending until unblocked, then it runs at once. */
	hits = 0;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);
	CHECK("sighandler.blocked_waits", hits == 0, "hits %d", hits);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	CHECK("sighandler.unblock_runs", hits == 1, "hits %d", hits);
	reset(SIGUSR1);
}

static void on_nest(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	hits++;
	{
		sigset_t now;

		sigprocmask(SIG_BLOCK, NULL, &now);
		mask_has_self = sigismember(&now, sig);
	}
	/* A raw tkill: musl's raise() blocks signals around its own. */
	if (hits == 1)
		syscall(SYS_tkill, getpid(), sig);
	depth--;
}

static void test_flags(void)
{
	struct sigaction old;

	/* SA_NODEFER: the handler can be entered again from itself. */
	set_raw(SIGUSR2, (void *)on_nest, SA_NODEFER, 0);
	hits = 0;
	max_depth = 0;
	raise(SIGUSR2);
	CHECK("sighandler.nodefer_nests", hits == 2 && max_depth == 2,
	      "hits %d depth %d", hits, max_depth);
	/* Without it the second one waits until the first returns. */
	set_raw(SIGUSR2, (void *)on_nest, 0, 0);
	hits = 0;
	max_depth = 0;
	raise(SIGUSR2);
	CHECK("sighandler.defer_serializes", hits == 2 && max_depth == 1,
	      "hits %d depth %d", hits, max_depth);

	/* SA_RESETHAND: one shot, then the default action again. */
	set_handler(SIGUSR1, on_info, SA_RESETHAND, 0);
	hits = 0;
	raise(SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	CHECK("sighandler.resethand_ran", hits == 1, "hits %d", hits);
	CHECK("sighandler.resethand_dfl", old.sa_handler == SIG_DFL, "handler %p",
	      (void *)old.sa_handler);
	reset(SIGUSR2);
}

static void test_suspend(void)
{
	sigset_t block, empty, now;
	pid_t pid;
	int r, err;

	set_handler(SIGUSR1, on_info, 0, 0);
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	hits = 0;
	pid = send_later(SIGUSR1, 30);
	r = sigsuspend(&empty);
	err = errno;
	CHECK("sighandler.sigsuspend_eintr", r == -1 && err == EINTR,
	      "r %d errno %s", r, harness_errname(err));
	CHECK("sighandler.sigsuspend_ran", hits == 1 && got_pid == pid,
	      "hits %d pid %d want %d", hits, got_pid, pid);
	CHECK("sighandler.sigsuspend_frame_mask", sigismember(&got_ucmask, SIGUSR1),
	      "the frame must hold the mask from before sigsuspend");
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("sighandler.sigsuspend_mask_back", sigismember(&now, SIGUSR1),
	      "mask not restored");
	waitpid(pid, NULL, 0);

	/* ppoll's mask works like sigsuspend's: the handler runs at once. */
	hits = 0;
	pid = send_later(SIGUSR1, 30);
	{
		struct timespec tmo = { 2, 0 };

		r = ppoll(NULL, 0, &tmo, &empty);
	}
	err = errno;
	CHECK("sighandler.ppoll_mask_eintr", r == -1 && err == EINTR && hits == 1,
	      "r %d errno %s hits %d", r, harness_errname(err), hits);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("sighandler.ppoll_mask_back", sigismember(&now, SIGUSR1),
	      "mask not restored");
	waitpid(pid, NULL, 0);

	/* Already pending: sigsuspend returns at once. */
	hits = 0;
	raise(SIGUSR1);
	r = sigsuspend(&empty);
	CHECK("sighandler.sigsuspend_pending", r == -1 && errno == EINTR && hits == 1,
	      "r %d hits %d", r, hits);
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	reset(SIGUSR1);
}

static void test_nanosleep(void)
{
	struct timespec req = { 2, 0 }, rem = { 0, 0 };
	pid_t pid;
	int r, err;

	set_handler(SIGUSR1, on_info, SA_RESTART, 0);
	hits = 0;
	pid = send_later(SIGUSR1, 30);
	r = nanosleep(&req, &rem);
	err = errno;
	CHECK("sighandler.nanosleep_eintr", r == -1 && err == EINTR && hits == 1,
	      "r %d errno %s hits %d", r, harness_errname(err), hits);
	CHECK("sighandler.nanosleep_rem", rem.tv_sec >= 1 && rem.tv_sec <= 2,
	      "rem %lds", (long)rem.tv_sec);
	waitpid(pid, NULL, 0);
	reset(SIGUSR1);
}

/* A child that signals us, then writes a byte into @fd. */
static pid_t signal_then_write(int fd)
{
	pid_t parent = getpid();
	pid_t pid = fork();

	if (pid == 0) {
		sleep_ms(30);
		kill(parent, SIGUSR1);
		sleep_ms(30);
		(void)write(fd, "x", 1);
		_exit(0);
	}
	return pid;
}

static void test_restart(void)
{
	int p[2];
	char c = 0;
	pid_t pid;
	long r;
	int err;

	if (pipe(p) != 0)
		return;
	set_handler(SIGUSR1, on_info, SA_RESTART, 0);
	hits = 0;
	pid = signal_then_write(p[1]);
	r = read(p[0], &c, 1);
	CHECK("sighandler.sa_restart_read", r == 1 && c == 'x' && hits == 1,
	      "r %ld hits %d", r, hits);
	waitpid(pid, NULL, 0);

	set_handler(SIGUSR1, on_info, 0, 0);
	hits = 0;
	pid = signal_then_write(p[1]);
	r = read(p[0], &c, 1);
	err = errno;
	CHECK("sighandler.no_restart_eintr", r == -1 && err == EINTR && hits == 1,
	      "r %ld errno %s hits %d", r, harness_errname(err), hits);
	waitpid(pid, NULL, 0);
	r = read(p[0], &c, 1); /* the byte is still there */
	CHECK_EQ("sighandler.no_restart_data_kept", r, 1);
	close(p[0]);
	close(p[1]);
	reset(SIGUSR1);
}

static void test_sigchld(void)
{
	sigset_t block, empty;
	pid_t pid;
	int st = 0;

	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	sigemptyset(&empty);
	sigprocmask(SIG_BLOCK, &block, NULL);
	set_handler(SIGCHLD, on_info, 0, 0);
	hits = 0;
	pid = fork();
	if (pid == 0)
		_exit(7);
	while (hits == 0)
		sigsuspend(&empty);
	CHECK("sighandler.sigchld_ran", got_sig == SIGCHLD && got_pid == pid,
	      "sig %d pid %d want %d", got_sig, got_pid, pid);
	CHECK("sighandler.sigchld_code", got_code == CLD_EXITED && got_status == 7,
	      "code %d status %d", got_code, got_status);
	CHECK_EQ("sighandler.sigchld_reap", waitpid(pid, &st, 0), pid);
	CHECK("sighandler.sigchld_status", WIFEXITED(st) && WEXITSTATUS(st) == 7,
	      "st 0x%x", st);
	hits = 0;
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	kill(pid, SIGTERM);
	while (hits == 0)
		sigsuspend(&empty);
	CHECK("sighandler.sigchld_killed", got_code == CLD_KILLED &&
	      got_status == SIGTERM && got_pid == pid, "code %d status %d",
	      got_code, got_status);
	waitpid(pid, NULL, 0);
	reset(SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &block, NULL);

	/* SIG_IGN: children are reaped at once; wait blocks, then ECHILD. */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid == 0) {
		sleep_ms(20);
		_exit(0);
	}
	CHECK_ERR("sighandler.sigchld_ign_echild", waitpid(pid, &st, 0), ECHILD);
	reset(SIGCHLD);
}

static void test_sigtimedwait(void)
{
	struct timespec tmo = { 0, 50000000 };
	sigset_t set;
	siginfo_t si;
	pid_t pid;
	int r, err;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR2);
	memset(&si, 0, sizeof(si));
	r = sigtimedwait(&set, &si, &tmo);
	CHECK("sighandler.sigtimedwait_pending", r == SIGUSR2 &&
	      si.si_signo == SIGUSR2 && si.si_code == SI_USER &&
	      si.si_pid == getpid(), "r %d signo %d code %d pid %d", r,
	      si.si_signo, si.si_code, si.si_pid);
	raise(SIGUSR2);
	r = sigtimedwait(&set, &si, &tmo);
	CHECK("sighandler.sigtimedwait_tkill", r == SIGUSR2 &&
	      si.si_code == SI_TKILL, "r %d code %d", r, si.si_code);
	r = sigtimedwait(&set, &si, &tmo);
	err = errno;
	CHECK("sighandler.sigtimedwait_timeout", r == -1 && err == EAGAIN,
	      "r %d errno %s", r, harness_errname(err));
	pid = send_later(SIGUSR2, 30);
	r = sigwaitinfo(&set, &si);
	CHECK("sighandler.sigwaitinfo_wakes", r == SIGUSR2 && si.si_pid == pid,
	      "r %d pid %d want %d", r, si.si_pid, pid);
	waitpid(pid, NULL, 0);
	tmo.tv_nsec = 1000000000;
	CHECK_ERR("sighandler.sigtimedwait_einval", sigtimedwait(&set, &si, &tmo),
		  EINVAL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static sigjmp_buf jb;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	on_info(sig, si, uc);
	siglongjmp(jb, 1);
}

static void test_segv(void)
{
	volatile char *bad = (volatile char *)UNMAPPED;
	char *ro;

	set_handler(SIGSEGV, on_segv, 0, 0);
	hits = 0;
	if (sigsetjmp(jb, 1) == 0) {
		(void)*bad;
		CHECK("sighandler.segv_faulted", 0, "no fault");
	}
	CHECK("sighandler.segv_ran", hits == 1 && got_sig == SIGSEGV, "hits %d",
	      hits);
	CHECK("sighandler.segv_addr", got_addr == (void *)UNMAPPED, "addr %p",
	      (void *)got_addr);
	CHECK("sighandler.segv_maperr", got_code == SEGV_MAPERR, "code %d",
	      got_code);

	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	hits = 0;
	if (ro != MAP_FAILED && sigsetjmp(jb, 1) == 0) {
		*(volatile char *)(ro + 8) = 1;
		CHECK("sighandler.segv_ro_faulted", 0, "no fault");
	}
	CHECK("sighandler.segv_accerr", hits == 1 && got_code == SEGV_ACCERR &&
	      got_addr == ro + 8, "hits %d code %d addr %p", hits, got_code,
	      (void *)got_addr);
	/* siglongjmp restored the mask: SIGSEGV is not blocked any more. */
	hits = 0;
	if (sigsetjmp(jb, 1) == 0)
		(void)*bad;
	CHECK("sighandler.segv_again", hits == 1, "hits %d", hits);
	munmap(ro, 4096);
	reset(SIGSEGV);
}

static char altstack[16384];
static volatile int on_alt, alt_flags;

static void on_alt_handler(int sig)
{
	char here;
	stack_t cur;

	(void)sig;
	on_alt = &here >= altstack && &here < altstack + sizeof(altstack);
	sigaltstack(NULL, &cur);
	alt_flags = cur.ss_flags;
}

static void test_altstack(void)
{
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack), .ss_flags = 0 };
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alt_handler;
	sa.sa_flags = SA_ONSTACK;
	sigaction(SIGUSR2, &sa, NULL);
	sigaltstack(&ss, NULL);
	raise(SIGUSR2);
	CHECK("sighandler.altstack_used", on_alt == 1, "not on the alt stack");
	CHECK("sighandler.altstack_onstack", alt_flags == SS_ONSTACK, "flags %d",
	      alt_flags);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	reset(SIGUSR2);
}

/* Dirties every caller-saved register, integer and FP. */
static void on_clobber(int sig)
{
	volatile double d = sig;

	hits++;
	__asm__ volatile("li t0, -1\n li t1, -1\n li t2, -1\n li t3, -1\n"
			 "li t4, -1\n li t5, -1\n li t6, -1\n li a3, -1\n"
			 "li a4, -1\n li a5, -1\n li a6, -1\n li a7, -1\n"
			 "fcvt.d.w ft0, t0\n fmv.d ft1, ft0\n fmv.d ft2, ft0\n"
			 "fmv.d fa0, ft0\n fmv.d fa1, ft0\n fmv.d fs0, ft0\n"
			 "fmv.d fs1, ft0\n fmv.d ft11, ft0\n"
			 "csrwi fcsr, 0x1f\n"
			 ::: "t0", "t1", "t2", "t3", "t4", "t5", "t6", "a3", "a4",
			 "a5", "a6", "a7", "ft0", "ft1", "ft2", "fa0", "fa1",
			 "fs0", "fs1", "ft11", "memory");
	d = d * 3.5 + 1.0;
	(void)d;
}

/*
 * kill(self) from inline asm with known values in registers the kernel
 * must keep (all but a0) across the signal and the handler.
 */
static int regs_survive_sync(void)
{
	long pid = getpid();
	long bad = 0;

	__asm__ volatile(
		"mv a0, %[pid]\n li a1, %[sig]\n li a7, %[nr]\n"
		"li t0, 0x1111\n li t1, 0x2222\n li t2, 0x3333\n"
		"li t3, 0x4444\n li t4, 0x5555\n li t5, 0x6666\n li t6, 0x7777\n"
		"li a2, 0x8888\n li a3, 0x9999\n li a4, 0xaaaa\n li a5, 0xbbbb\n"
		"li a6, 0xcccc\n"
		"fcvt.d.w ft0, t0\n fcvt.d.w fa0, t1\n fcvt.d.w fs0, t2\n"
		"fcvt.d.w ft11, t3\n"
		"csrwi fcsr, 0x4\n"
		"ecall\n"
		"li %[bad], 0\n"
		"li a0, 0x1111\n bne t0, a0, 1f\n li a0, 0x2222\n bne t1, a0, 1f\n"
		"li a0, 0x3333\n bne t2, a0, 1f\n li a0, 0x4444\n bne t3, a0, 1f\n"
		"li a0, 0x5555\n bne t4, a0, 1f\n li a0, 0x6666\n bne t5, a0, 1f\n"
		"li a0, 0x7777\n bne t6, a0, 1f\n li a0, 0x8888\n bne a2, a0, 1f\n"
		"li a0, 0x9999\n bne a3, a0, 1f\n li a0, 0xaaaa\n bne a4, a0, 1f\n"
		"li a0, 0xbbbb\n bne a5, a0, 1f\n li a0, 0xcccc\n bne a6, a0, 1f\n"
		"li a0, %[nr]\n bne a7, a0, 1f\n"
		"fcvt.w.d a0, ft0\n bne t0, a0, 1f\n fcvt.w.d a0, fa0\n bne t1, a0, 1f\n"
		"fcvt.w.d a0, fs0\n bne t2, a0, 1f\n fcvt.w.d a0, ft11\n bne t3, a0, 1f\n"
		"frcsr a0\n li a1, 0x4\n bne a0, a1, 1f\n"
		"j 2f\n"
		"1: li %[bad], 1\n"
		"2: csrwi fcsr, 0\n"
		: [bad] "=&r"(bad)
		: [pid] "r"(pid), [sig] "i"(SIGUSR1), [nr] "i"(SYS_kill)
		: "a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t0", "t1",
		  "t2", "t3", "t4", "t5", "t6", "ft0", "fa0", "fs0", "ft11",
		  "memory");
	return bad == 0;
}

/* An integer and FP computation, interrupted (or not) by signals. */
static void compute(long n, long *isum, double *fsum)
{
	long a = 1;
	double f = 0.5;
	long i;

	for (i = 0; i < n; i++) {
		a = a * 6364136223846793005L + 1442695040888963407L;
		f = f * 1.0000001 + (double)(a & 0xff) * 0.001;
	}
	*isum = a;
	*fsum = f;
}

static void test_preserve(void)
{
	long want_i, got_i;
	double want_f, got_f;
	pid_t parent = getpid();
	pid_t pid;
	int i, ok = 1;

	signal(SIGUSR1, on_clobber);
	hits = 0;
	CHECK("sighandler.regs_sync", regs_survive_sync() && hits == 1,
	      "registers changed across the handler (hits %d)", hits);

	compute(3000000, &want_i, &want_f);
	hits = 0;
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 40; i++) {
			kill(parent, SIGUSR1);
			sleep_ms(2);
		}
		_exit(0);
	}
	for (i = 0; i < 10 && ok; i++) {
		compute(3000000, &got_i, &got_f);
		ok = got_i == want_i && got_f == want_f;
	}
	waitpid(pid, NULL, 0);
	harness_printf("# sighandler: %d asynchronous handler runs in the computation",
		       (int)hits);
	CHECK("sighandler.regs_async", ok, "the computation changed");
	reset(SIGUSR1);
}

int test_sighandler(void)
{
	harness_begin("sighandler");
	test_basic();
	test_flags();
	test_suspend();
	test_nanosleep();
	test_restart();
	test_sigchld();
	test_sigtimedwait();
	test_segv();
	test_altstack();
	test_preserve();
	return harness_end();
}
