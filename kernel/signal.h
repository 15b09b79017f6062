/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/signal.h - signals without handlers: dispositions, the blocked
 * mask and pending signals per process, and the default actions.
 *
 * racho cannot run a user signal handler yet (no signal frames). What it
 * does do is Linux's: a signal whose action is to terminate (or dump
 * core) ends the process with that signal as its wait status; an ignored
 * signal is dropped; a blocked one stays pending until it is unblocked.
 * A signal that has a user handler stays pending (rt_sigpending shows
 * it) and the kernel logs a warning: it is neither run nor turned into a
 * default action. Stop signals cannot stop a process yet: they are
 * logged and dropped (SIGCONT, whose default is to continue, is dropped).
 *
 * A fatal signal sent to another process wakes it: every blocking wait
 * checks signal_fatal_pending() and returns early, and the process dies in
 * signal_deliver() before it would return to user mode.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include <ostd/types.h>

#include "task.h"

/* Linux signal numbers used outside signal.c (asm-generic/signal.h). */
#define SIGPIPE 13
#define SIGTERM 15

#define SIG_DFL 0
#define SIG_IGN 1

/* The child of fork() inherits actions and mask, not pending signals. */
void signal_fork(struct kernel_task *child, struct kernel_task *parent);
/* execve(): handled signals go back to their default action. */
void signal_exec(struct kernel_task *t);

/*
 * Sends @sig (1..64) to @t, as kill(2) would. Takes the process table
 * lock; the _locked form is for callers that hold it.
 */
void signal_send(struct kernel_task *t, int sig);
void signal_send_locked(struct kernel_task *t, int sig);

/* Whether @t has been sent a signal that will end it (stop waiting). */
bool signal_fatal_pending(struct kernel_task *t);

/*
 * On the way back to user mode: ends @t, the running task, if a fatal
 * signal is pending. Returns otherwise.
 */
void signal_deliver(struct kernel_task *t);

/*
 * Re-evaluates @t's pending signals after its mask or an action changed:
 * drops ignored ones, makes default-fatal ones fatal. Lock held.
 */
void signal_recalc_locked(struct kernel_task *t);

#endif
