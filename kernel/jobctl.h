/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/jobctl.h - job-control stops (SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU,
 * SIGCONT) and their reports to the parent. See jobctl.c.
 */
#ifndef RACHO_JOBCTL_H
#define RACHO_JOBCTL_H

#include <stdbool.h>
#include <stdint.h>

#include "task.h"


/* What a wait can report of a live child (kernel_task.jc.report). */
enum jobctl_report {
	JOBCTL_REPORT_NONE,
	JOBCTL_REPORT_STOPPED,   /* wait4(WUNTRACED), waitid(WSTOPPED) */
	JOBCTL_REPORT_CONTINUED, /* WCONTINUED */
};

/* True for the signals whose default action stops. */
bool jobctl_is_stop_signal(int sig);

/*
 * Linux's prepare_signal() for @sig sent to @t, before it is queued:
 * a stop signal discards a pending SIGCONT; SIGCONT discards pending stop
 * signals and a stop not yet done, and resumes @t if it is stopped.
 * Process lock held.
 */
void jobctl_prepare_locked(struct kernel_task *t, int sig);

/*
 * A stop signal @sig with the default action reached @t: it will stop on
 * its way back to user mode, unless @sig is SIGTSTP, SIGTTIN or SIGTTOU
 * and @t's process group is orphaned (discarded, as on Linux). Process
 * lock held.
 */
void jobctl_request_stop_locked(struct kernel_task *t, int sig);

/* True if @t has a stop to do (checked on every return to user mode). */
bool jobctl_stop_pending(const struct kernel_task *t);

/*
 * Stops the calling task @t: reports it to the parent, then sleeps until
 * SIGCONT or a fatal signal. Called on the way back to user mode.
 */
void jobctl_stop(struct kernel_task *t);

/*
 * The wait report of live child @c for @options (WUNTRACED = WSTOPPED,
 * WCONTINUED, WNOWAIT): sets @status in wait4's encoding ((sig << 8) |
 * 0x7f for a stop, 0xffff for a continue) and returns true, consuming
 * the report unless WNOWAIT. Process lock held.
 */
bool jobctl_wait_report_locked(struct kernel_task *c, unsigned options,
			       int *status);

/* "T (stopped)" for /proc: true while @t is stopped. */
bool jobctl_is_stopped(const struct kernel_task *t);

#endif
