/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/time.h - clocks and the periodic tick.
 *
 * The monotonic clock counts from boot; the real-time clock adds the wall
 * time read at boot from the board's RTC (goldfish on QEMU virt) if the
 * device tree has one, else it starts at the epoch. The tick runs at
 * OSTD_TICK_HZ on every hart through the SBI timer.
 */
#ifndef OSTD_TIME_H
#define OSTD_TIME_H

#include <ostd/types.h>

#define OSTD_TICK_HZ 100

/* Nanoseconds since boot. */
uint64_t ostd_time_monotonic_ns(void);
/* Nanoseconds since 1970-01-01 UTC. */
uint64_t ostd_time_realtime_ns(void);
/* Sets the real-time clock (for settimeofday/clock_settime). */
void ostd_time_set_realtime_ns(uint64_t ns);

/*
 * Registers the kernel's tick handler, called on each tick in interrupt
 * context with interrupts off (for sleep timeouts and time slices).
 */
void ostd_time_set_tick_handler(void (*fn)(void));

#endif
