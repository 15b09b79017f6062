/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/sched.h - the scheduling policy: round robin, one-tick slices.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

/* Registers the policy with ostd. Call once, before ostd_sched_start(). */
void sched_init(void);

#endif
