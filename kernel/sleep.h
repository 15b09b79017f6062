/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/sleep.h - blocking a task until a point in monotonic time.
 */
#ifndef KERNEL_SLEEP_H
#define KERNEL_SLEEP_H

#include <ostd/types.h>

#include "task.h"

/* Registers the tick handler that wakes sleepers. Call once at boot. */
void sleep_init(void);

/*
 * Blocks @t, the running task, until ostd_time_monotonic_ns() reaches
 * @deadline_ns, or until a fatal signal is pending (the caller returns
 * and the task dies on its way out). The resolution is one tick.
 */
void sleep_until(struct kernel_task *t, uint64_t deadline_ns);

/*
 * For waits that end on a wake-up or a deadline (futex): sleep_arm puts
 * @t on the sleep list, so the first tick at or after @deadline_ns wakes
 * it; the caller blocks (task_block), re-checks its condition and the
 * time, and calls sleep_disarm once it stops waiting.
 */
void sleep_arm(struct kernel_task *t, uint64_t deadline_ns);
void sleep_disarm(struct kernel_task *t);

#endif
