/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/signal.h - signals: dispositions, the blocked mask and pending
 * signals per process, default actions, and running user handlers.
 *
 * What racho does is Linux's: a signal whose action is to terminate (or
 * dump core) ends the process with that signal as its wait status; an
 * ignored signal is dropped; a blocked one stays pending until it is
 * unblocked; a signal with a user handler stays pending until the
 * process next returns to user mode, where signal_deliver() builds a
 * Linux riscv64 rt_sigframe and runs the handler (sigframe.c). Stop
 * signals stop the process and SIGCONT continues it (jobctl.c).
 *
 * A signal that will end the process or run a handler wakes it: every
 * blocking wait checks signal_pending() and returns early (-EINTR, or
 * -ERESTARTSYS for a call that SA_RESTART restarts), and the process
 * dies or runs the handler in signal_deliver().
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <ostd/types.h>

#include "task.h"

/* Linux signal numbers used outside signal.c (asm-generic/signal.h). */
#define SIGPIPE 13
#define SIGTERM 15
#define SIGCONT 18

#define SIG_DFL 0
#define SIG_IGN 1

/* sa_flags bits with a meaning here (asm-generic/signal.h). */
#define SA_NOCLDSTOP 0x00000001ULL
#define SA_NOCLDWAIT 0x00000002ULL
#define SA_SIGINFO 0x00000004ULL
#define SA_ONSTACK 0x08000000ULL
#define SA_RESTART 0x10000000ULL
#define SA_NODEFER 0x40000000ULL
#define SA_RESETHAND 0x80000000ULL

/* si_code values (asm-generic/siginfo.h). */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define ILL_ILLOPC 1
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define TRAP_BRKPT 1

/* The child of fork() inherits actions and mask, not pending signals. */
void signal_fork(struct kernel_task *child, struct kernel_task *parent);
/* execve(): handled signals go back to their default action. */
void signal_exec(struct kernel_task *t);

/*
 * Sends @sig (1..64) to @t, as kill(2) from the running task would
 * (si_code SI_USER, its pid and uid). Takes the process table lock; the
 * _locked forms are for callers that hold it. _info: with @info instead.
 */
void signal_send(struct kernel_task *t, int sig);
void signal_send_locked(struct kernel_task *t, int sig);
void signal_send_info_locked(struct kernel_task *t, int sig,
			     const struct task_siginfo *info);
/* The same to the thread @t itself (tkill, tgkill). */
void signal_send_thread_info_locked(struct kernel_task *t, int sig,
				    const struct task_siginfo *info);

/*
 * A fault in @t, the running task, raises @sig with @code and @addr.
 * Returns true if a handler will run for it (signal_deliver()); false if
 * the signal is blocked, ignored or at its default action: the caller
 * then kills @t with it, as Linux's force_sig_fault() does.
 */
bool signal_fault(struct kernel_task *t, int sig, int code, uint64_t addr);

/*
 * Takes the lowest pending signal of @set off @t's pending set, with its
 * siginfo (rt_sigtimedwait). Returns it, or 0. Lock held.
 */
int signal_dequeue_locked(struct kernel_task *t, uint64_t set,
			  struct task_siginfo *info);

/*
 * Whether @t must stop waiting: a signal will end it, or a handler is
 * due to run (a deliverable, not blocked, pending signal).
 */
bool signal_pending(struct kernel_task *t);

/*
 * On the way back to user mode: ends @t, the running task, if a fatal
 * signal is pending; otherwise runs the handlers of its deliverable
 * signals and settles an interrupted system call (restart or -EINTR).
 */
void signal_deliver(struct kernel_task *t);
/* signal_deliver() when something is pending; for signal_deliver() only. */
void signal_deliver_work(struct kernel_task *t, bool in_syscall);

/*
 * Re-evaluates @t's pending signals after its mask or an action changed:
 * drops ignored ones, makes default-fatal ones fatal. Lock held.
 */
void signal_recalc_locked(struct kernel_task *t);

/* The bit of @sig in a mask; SIGKILL and SIGSTOP (never blocked). */
uint64_t signal_bit(int sig);
uint64_t signal_unblockable(void);

/* ---- sigframe.c: the user-visible frame ---- */

/*
 * Maps the sigreturn trampoline page (`li a7, 139; ecall`, which handlers
 * return to) into a new image. 0 or a negative errno.
 */
int sigframe_map_trampoline(struct mm *mm);

/*
 * Builds the rt_sigframe for @sig with @info and the saved mask @mask on
 * @t's stack (or alternate stack) and points the registers at @act's
 * handler. Returns false if the frame cannot be written.
 */
bool sigframe_setup(struct kernel_task *t, int sig,
		    const struct task_sigaction *act,
		    const struct task_siginfo *info, uint64_t mask);

/*
 * rt_sigreturn(2): restores registers, FP state, mask and alternate stack
 * from the frame at sp. Returns false for a frame that cannot be read or
 * is invalid (the caller then forces SIGSEGV).
 */
bool sigframe_restore(struct kernel_task *t);

/* Writes the Linux siginfo of @sig with @info at @dst: 0 or -EFAULT. */
int sigframe_copy_info(struct kernel_task *t, ostd_uaddr_t dst, int sig,
		       const struct task_siginfo *info);

/* Whether @sp lies on @t's alternate signal stack. */
bool sigframe_on_altstack(const struct kernel_task *t, uint64_t sp);

#endif
