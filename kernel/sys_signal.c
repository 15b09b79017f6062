// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_signal.c - signal system calls: kill, tkill, tgkill,
 * rt_sigaction, rt_sigprocmask, rt_sigpending, rt_sigsuspend,
 * rt_sigtimedwait, rt_sigreturn, sigaltstack.
 *
 * The state they read and write is what signal.c delivers from. Argument checks follow Linux 6.1 kernel/signal.c in its
 * order: the sigset size first, then user copies, then the signal number.
 */
#include <ostd/log.h>
#include <ostd/time.h>

#include "errno.h"
#include "fault.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "sleep.h"
#include "syscall.h"
#include "thread.h"

#define SIGSTOP 19
#define SIGSET_SIZE 8 /* sizeof(sigset_t) in the kernel ABI: 64 bits */

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* Linux's UAPI_SA_FLAGS: other sa_flags bits are cleared. */
#define SA_KNOWN 0xd8000c07ULL

#define SS_ONSTACK 1U
#define SS_DISABLE 2U
#define SS_AUTODISARM (1U << 31)
#define MINSIGSTKSZ 2048 /* riscv */

/* struct sigaltstack (stack_t) on riscv64. */
struct linux_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t pad;
	uint64_t ss_size;
};

static uint64_t unblockable(void)
{
	return (1ULL << (SIGKILL - 1)) | (1ULL << (SIGSTOP - 1));
}

/* May @from signal @to? Everyone-is-root aside, Linux's kill_ok_by_cred. */
static bool may_signal(const struct kernel_task *from,
		       const struct kernel_task *to)
{
	const struct task_cred *a = &from->cred;
	const struct task_cred *b = &to->cred;

	return a->euid == 0 || a->euid == b->suid || a->euid == b->uid ||
	       a->uid == b->suid || a->uid == b->uid;
}

/*
 * Sends @sig to @to with the checks, si_code @code (SI_USER for kill,
 * SI_TKILL for tkill/tgkill); ESRCH for a gone pid. Lock held.
 */
static int send_code_locked(struct kernel_task *t, struct kernel_task *to,
			    int sig, int code)
{
	bool thread = code == SI_TKILL;
	struct task_siginfo info = { 0 };

	if (!may_signal(t, to))
		return -EPERM;
	info.code = code;
	info.pid = t->tgid;
	info.uid = t->cred.uid;
	if (sig != 0 && thread)
		signal_send_thread_info_locked(to, sig, &info);
	else if (sig != 0)
		signal_send_info_locked(to, sig, &info);
	return 0;
}

static int send_checked_locked(struct kernel_task *t, struct kernel_task *to,
			       int sig)
{
	return send_code_locked(t, to, sig, SI_USER);
}

/* Whether kill(@pid) picks @c (pid <= 0: a group, or everyone). */
static bool kill_selects(const struct kernel_task *t,
			 const struct kernel_task *c, int pid)
{
	if (pid == 0)
		return c->pgid == t->pgid;
	if (pid == -1)
		return c->pid != 1 && c != t->leader;
	return c->pgid == -pid;
}

static long kill_many_locked(struct kernel_task *t, int pid, int sig)
{
	struct kernel_task *c = proc_next_locked(0);
	bool found = false;
	int err = 0;

	for (; c != NULL; c = proc_next_locked(c->pid)) {
		int r;

		if (!kill_selects(t, c, pid))
			continue;
		r = send_checked_locked(t, c, sig);
		if (r == 0)
			found = true;
		else
			err = r;
	}
	if (found)
		return 0;
	return err != 0 ? err : -ESRCH;
}

long sys_kill(struct kernel_task *t, const struct syscall_args *args)
{
	int pid = args->a[0] & 0xffffffffU;
	int sig = args->a[1] & 0xffffffffU;
	struct ostd_irq_guard g;
	struct kernel_task *to;
	long r;

	if (sig < 0 || sig > TASK_NSIG)
		return -EINVAL;
	/* Linux: -INT_MIN would overflow, so that pid matches nothing. */
	if (pid == INT32_MIN)
		return -ESRCH;
	g = proc_lock();
	if (pid > 0) {
		to = proc_find_locked(pid);
		r = to != NULL ? send_checked_locked(t, to, sig) : -ESRCH;
	} else {
		r = kill_many_locked(t, pid, sig);
	}
	proc_unlock(&g);
	return r;
}

/* tkill and tgkill: to the thread @tid (of the process @tgid). */
static long thread_kill(struct kernel_task *t, int tgid, int tid, int sig)
{
	struct ostd_irq_guard g;
	struct kernel_task *to;
	long r = -ESRCH;

	if (tid <= 0 || sig < 0 || sig > TASK_NSIG)
		return -EINVAL;
	g = proc_lock();
	to = proc_find_locked(tid);
	if (to != NULL && to->state != TASK_ALIVE)
		to = NULL; /* an exited thread, or a parked leader */
	if (to != NULL && (tgid <= 0 || to->tgid == tgid))
		r = send_code_locked(t, to, sig, SI_TKILL);
	proc_unlock(&g);
	return r;
}

long sys_tkill(struct kernel_task *t, const struct syscall_args *args)
{
	return thread_kill(t, 0, args->a[0] & 0xffffffffU,
			   args->a[1] & 0xffffffffU);
}

long sys_tgkill(struct kernel_task *t, const struct syscall_args *args)
{
	int tgid = args->a[0] & 0xffffffffU;

	if (tgid <= 0)
		return -EINVAL;
	return thread_kill(t, tgid, args->a[1] & 0xffffffffU,
			   args->a[2] & 0xffffffffU);
}

long sys_rt_sigaction(struct kernel_task *t, const struct syscall_args *args)
{
	int sig = args->a[0] & 0xffffffffU;
	struct task_sigaction act;
	struct task_sigaction old;
	struct ostd_irq_guard g;

	if (args->a[3] != SIGSET_SIZE)
		return -EINVAL;
	if (args->a[1] != 0 &&
	    mm_copy_from_user(t->mm, &act, args->a[1], sizeof(act)) < 0)
		return -EFAULT;
	if (sig < 1 || sig > TASK_NSIG ||
	    (args->a[1] != 0 && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	g = proc_lock();
	old = t->sig.action[sig - 1];
	if (args->a[1] != 0) {
		act.flags &= SA_KNOWN;
		act.mask &= ~unblockable();
		t->sig.action[sig - 1] = act;
		thread_share_action_locked(t, sig); /* CLONE_SIGHAND */
		/* Linux: an ignored pending signal is discarded at once. */
		signal_recalc_locked(t);
		if (act.handler == SIG_IGN)
			t->sig.pending &= ~(1ULL << (sig - 1));
	}
	proc_unlock(&g);
	if (args->a[2] != 0 &&
	    mm_copy_to_user(t->mm, args->a[2], &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

/* The new mask for @how, or false for an unknown @how. */
static bool apply_how(uint64_t how, uint64_t old, uint64_t set, uint64_t *out)
{
	switch (how) {
	case SIG_BLOCK:
		*out = old | set;
		return true;
	case SIG_UNBLOCK:
		*out = old & ~set;
		return true;
	case SIG_SETMASK:
		*out = set;
		return true;
	default:
		return false;
	}
}

long sys_rt_sigprocmask(struct kernel_task *t,
			const struct syscall_args *args)
{
	struct ostd_irq_guard g;
	uint64_t set, old, next;
	bool ok = true;

	if (args->a[3] != SIGSET_SIZE)
		return -EINVAL;
	if (args->a[1] != 0 &&
	    mm_copy_from_user(t->mm, &set, args->a[1], sizeof(set)) < 0)
		return -EFAULT;
	g = proc_lock();
	old = t->sig.blocked;
	if (args->a[1] != 0) {
		ok = apply_how(args->a[0] & 0xffffffffU, old,
			       set & ~unblockable(), &next);
		if (ok) {
			t->sig.blocked = next;
			signal_recalc_locked(t); /* unblocked ones arrive now */
		}
	}
	proc_unlock(&g);
	if (!ok)
		return -EINVAL;
	if (args->a[2] != 0 &&
	    mm_copy_to_user(t->mm, args->a[2], &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

long sys_rt_sigpending(struct kernel_task *t, const struct syscall_args *args)
{
	struct ostd_irq_guard g;
	uint64_t set;

	if (args->a[1] > SIGSET_SIZE)
		return -EINVAL;
	g = proc_lock();
	set = t->sig.pending & t->sig.blocked;
	proc_unlock(&g);
	if (mm_copy_to_user(t->mm, args->a[0], &set, args->a[1]) < 0)
		return -EFAULT;
	return 0;
}

/* Checks and stores a new alternate stack (Linux's do_sigaltstack). */
static long set_altstack(struct kernel_task *t, const struct linux_stack *ss)
{
	uint32_t mode = ss->ss_flags & ~SS_AUTODISARM;

	if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sig.ss_sp = 0;
		t->sig.ss_size = 0;
		t->sig.ss_flags = SS_DISABLE;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sig.ss_sp = ss->ss_sp;
	t->sig.ss_size = ss->ss_size;
	t->sig.ss_flags = ss->ss_flags & SS_AUTODISARM;
	return 0;
}

long sys_sigaltstack(struct kernel_task *t, const struct syscall_args *args)
{
	struct linux_stack ss;
	struct linux_stack old = { 0, SS_DISABLE, 0, 0 };
	struct ostd_irq_guard g;
	long r = 0;

	if (args->a[0] != 0 &&
	    mm_copy_from_user(t->mm, &ss, args->a[0], sizeof(ss)) < 0)
		return -EFAULT;
	g = proc_lock();
	if (t->sig.ss_size != 0) {
		old.ss_sp = t->sig.ss_sp;
		old.ss_size = t->sig.ss_size;
		old.ss_flags = t->sig.ss_flags;
	}
	if (sigframe_on_altstack(t, t->ctx.regs[OSTD_REG_SP]))
		old.ss_flags = SS_ONSTACK;
	/* Linux: the stack in use cannot be changed. */
	if (args->a[0] != 0 && old.ss_flags == SS_ONSTACK)
		r = -EPERM;
	else if (args->a[0] != 0)
		r = set_altstack(t, &ss);
	proc_unlock(&g);
	if (r == 0 && args->a[1] != 0 &&
	    mm_copy_to_user(t->mm, args->a[1], &old, sizeof(old)) < 0)
		return -EFAULT;
	return r;
}

long sys_rt_sigsuspend(struct kernel_task *t, const struct syscall_args *args)
{
	struct ostd_irq_guard g;
	uint64_t set;

	if (args->a[1] != SIGSET_SIZE)
		return -EINVAL;
	if (mm_copy_from_user(t->mm, &set, args->a[0], sizeof(set)) < 0)
		return -EFAULT;
	g = proc_lock();
	/* signal_deliver() puts the old mask back (in the frame). */
	t->sig.saved_mask = t->sig.blocked;
	t->sig.restore_mask = true;
	t->sig.blocked = set & ~unblockable();
	signal_recalc_locked(t);
	proc_unlock(&g);
	while (!signal_pending(t))
		task_block(t);
	return -ERESTARTNOHAND;
}

long sys_rt_sigreturn(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	/* Not a system call to restart: a0 is the interrupted code's. */
	t->sig.in_syscall = false;
	if (!sigframe_restore(t)) {
		ostd_log(OSTD_LOG_INFO, "%s (pid %d): bad signal frame at sp 0x%lx, killed (SIGSEGV)",
			 t->name, t->pid, t->ctx.regs[OSTD_REG_SP]);
		task_exit(t, SIGSEGV);
	}
	return t->ctx.regs[OSTD_REG_A0];
}

/* struct timespec on riscv64. */
struct sig_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* The monotonic deadline of the timeout at @uts: 0 or -EFAULT/-EINVAL. */
static long read_deadline(struct kernel_task *t, ostd_uaddr_t uts,
			  uint64_t *deadline)
{
	struct sig_timespec ts;
	uint64_t now = ostd_time_monotonic_ns();
	uint64_t sec, ns;

	if (mm_copy_from_user(t->mm, &ts, uts, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
		return -EINVAL;
	sec = ts.tv_sec;
	ns = ts.tv_nsec;
	*deadline = UINT64_MAX; /* saturate: centuries away */
	if (sec < (UINT64_MAX - now - ns) / 1000000000ULL)
		*deadline = now + sec * 1000000000ULL + ns;
	return 0;
}

/* Waits for a signal of @set: it, -EAGAIN at @deadline, or -EINTR. */
static int wait_dequeue(struct kernel_task *t, uint64_t set,
			uint64_t deadline, struct task_siginfo *info)
{
	struct ostd_irq_guard g = proc_lock();
	int sig;

	t->sig.waitset = set;
	proc_unlock(&g);
	if (deadline != UINT64_MAX)
		sleep_arm(t, deadline);
	for (;;) {
		g = proc_lock();
		sig = signal_dequeue_locked(t, set, info);
		proc_unlock(&g);
		if (sig != 0)
			break;
		if (ostd_time_monotonic_ns() >= deadline) {
			sig = -EAGAIN;
			break;
		}
		if (signal_pending(t)) {
			sig = -EINTR;
			break;
		}
		task_block(t);
	}
	if (deadline != UINT64_MAX)
		sleep_disarm(t);
	g = proc_lock();
	t->sig.waitset = 0;
	proc_unlock(&g);
	return sig;
}

/*
 * rt_sigtimedwait(2). The signals waited for should be blocked (POSIX);
 * one that is not is acted on when it arrives, as without the wait.
 */
long sys_rt_sigtimedwait(struct kernel_task *t,
			 const struct syscall_args *args)
{
	uint64_t deadline = UINT64_MAX;
	struct task_siginfo info;
	uint64_t set;
	long r;
	int sig;

	if (args->a[3] != SIGSET_SIZE)
		return -EINVAL;
	if (mm_copy_from_user(t->mm, &set, args->a[0], sizeof(set)) < 0)
		return -EFAULT;
	if (args->a[2] != 0) {
		r = read_deadline(t, args->a[2], &deadline);
		if (r < 0)
			return r;
	}
	sig = wait_dequeue(t, set & ~unblockable(), deadline, &info);
	if (sig > 0 && args->a[1] != 0 &&
	    sigframe_copy_info(t, args->a[1], sig, &info) < 0)
		return -EFAULT;
	return sig;
}
