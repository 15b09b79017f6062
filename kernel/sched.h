/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/sched.h - the scheduling policy: round robin, one-tick slices.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stddef.h>

/* Registers the policy with ostd. Call once, before ostd_sched_start(). */
void sched_init(void);
/*
 * Tasks waiting on the run queue now (for /proc's counts). Read without
 * ostd's run-queue lock: a snapshot that may be stale by one task.
 */
size_t sched_nr_queued(void);

#endif
