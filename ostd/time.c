// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/time.c - the clocks and the periodic tick.
 *
 * The monotonic clock is the hart's `time` CSR (a counter that every hart
 * shares, starting at reset) scaled by /cpus/timebase-frequency. The
 * real-time clock is the monotonic one plus an offset: the goldfish RTC's
 * wall time at boot, or whatever settimeofday last set.
 *
 * The tick is a one-shot SBI timer re-armed from each timer interrupt,
 * OSTD_TICK_HZ times a second; trap.c calls ostd_time_tick() for it.
 */
#include <ostd/log.h>
#include <ostd/time.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

#define NSEC_PER_SEC 1000000000ULL
/* QEMU virt's frequency, if the device tree does not say. */
#define DEFAULT_TIMEBASE 10000000ULL

/* goldfish RTC registers: reading TIME_LOW latches TIME_HIGH. */
#define GOLDFISH_TIME_LOW 0x00
#define GOLDFISH_TIME_HIGH 0x04

static uint64_t timebase_hz;   /* written once at boot */
static uint64_t tick_interval; /* timer counts per tick; written at boot */
/* Real time minus monotonic time, in ns (mod 2^64); atomic accesses. */
static uint64_t realtime_offset;
/* The kernel's tick handler; atomic accesses. */
static void (*tick_handler)(void);

/* ticks * 1e9 / hz without a 128-bit multiply (no libgcc here). */
static uint64_t ticks_to_ns(uint64_t ticks)
{
	uint64_t sec = ticks / timebase_hz;
	uint64_t rem = ticks % timebase_hz;

	return sec * NSEC_PER_SEC + rem * NSEC_PER_SEC / timebase_hz;
}

uint64_t ostd_time_monotonic_ns(void)
{
	if (timebase_hz == 0)
		return 0;
	return ticks_to_ns(ostd_arch_rdtime());
}

uint64_t ostd_time_realtime_ns(void)
{
	return ostd_time_monotonic_ns() +
	       __atomic_load_n(&realtime_offset, __ATOMIC_RELAXED);
}

void ostd_time_set_realtime_ns(uint64_t ns)
{
	__atomic_store_n(&realtime_offset, ns - ostd_time_monotonic_ns(),
			 __ATOMIC_RELAXED);
}

void ostd_time_set_tick_handler(void (*fn)(void))
{
	__atomic_store_n(&tick_handler, fn, __ATOMIC_RELEASE);
}

static uint64_t rtc_read_ns(void)
{
	const struct ostd_mmio_region *rtc = &ostd_platform.rtc;
	const volatile uint32_t *lo, *hi;
	uint64_t low;

	if (rtc->size < 8)
		return 0;
	/* SAFETY: the RTC's MMIO window is in the direct map (internal.h). */
	lo = ostd_phys_to_virt(rtc->base + GOLDFISH_TIME_LOW);
	/* SAFETY: as above; 4-byte aligned registers inside the window. */
	hi = ostd_phys_to_virt(rtc->base + GOLDFISH_TIME_HIGH);
	low = *lo; /* must come first: it latches the high half */
	return ((uint64_t)*hi << 32) | low;
}

static void arm_next_tick(void)
{
	ostd_sbi_set_timer(ostd_arch_rdtime() + tick_interval);
}

/* Timer interrupt (trap.c), interrupts off. */
void ostd_time_tick(void)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	void (*fn)(void) = __atomic_load_n(&tick_handler, __ATOMIC_ACQUIRE);

	arm_next_tick();
	if (fn == NULL)
		return;
	pc->irq_depth++;
	fn();
	pc->irq_depth--;
}

/* Precondition: boot hart, after ostd_cpu_init; interrupts off. */
void ostd_time_init(void)
{
	uint64_t wall;

	timebase_hz = ostd_platform.timebase_freq;
	if (timebase_hz == 0) {
		ostd_log(OSTD_LOG_WARN, "no timebase-frequency, assuming %llu Hz",
			 DEFAULT_TIMEBASE);
		timebase_hz = DEFAULT_TIMEBASE;
	}
	tick_interval = timebase_hz / OSTD_TICK_HZ;
	if (tick_interval == 0)
		tick_interval = 1;

	wall = rtc_read_ns();
	__atomic_store_n(&realtime_offset, wall - ostd_time_monotonic_ns(),
			 __ATOMIC_RELAXED);

	arm_next_tick();
	ostd_arch_timer_irq_enable();
}
