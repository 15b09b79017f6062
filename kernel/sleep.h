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
 * @deadline_ns. The resolution is one tick (1 / OSTD_TICK_HZ s).
 */
void sleep_until(struct kernel_task *t, uint64_t deadline_ns);

#endif
