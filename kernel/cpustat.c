// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cpustat.c - system-wide CPU accounting: what /proc/stat and
 * /proc/loadavg show.
 *
 * Ticks are sampled as Linux's CONFIG_TICK_CPU_ACCOUNTING does: a tick
 * that interrupts user code is charged to user time, one that was taken
 * on the way back from a system call or fault to system time (task.c
 * decides, as it does for the task's own times), and one that finds a
 * hart in the idle loop (no current task) to idle time. Ticks are
 * counted in OSTD_TICK_HZ units, which equal USER_HZ (100).
 *
 * Load averages are Linux's (kernel/sched/loadavg.c): every 5 seconds
 * (LOAD_FREQ) the number of active tasks, here the run queue's length
 * plus the task the ticking hart runs (racho has no uninterruptible
 * sleep), is folded into three exponentially decaying averages in
 * 11-bit fixed point with Linux's constants. Only the hart that runs
 * processes has a running task; an idle hart adds nothing.
 */
#include <ostd/cpu.h>
#include <ostd/time.h>

#include "cpustat.h"
#include "sched.h"
#include "task.h"

#define FIXED_1 (1ULL << CPUSTAT_FSHIFT)
/* Linux's LOAD_FREQ: 5 s and one tick. */
#define LOAD_FREQ_NS (5ULL * 1000000000ULL + 1000000000ULL / OSTD_TICK_HZ)
/* 1 / exp(5 s / 1 min), 1 / exp(5 s / 5 min), 1 / exp(5 s / 15 min). */
#define EXP_1 1884
#define EXP_5 2014
#define EXP_15 2037

static struct {
	/* protects: everything below. Taken in the tick handler. */
	struct ostd_spinlock lock;
	struct cpustat_hart hart[CPUSTAT_MAX_HARTS];
	uint64_t ctxt;
	uint64_t intr;
	uint64_t avenrun[3];
	uint64_t next_load_ns; /* when the averages are folded next */
} stats = {
	.lock = OSTD_SPINLOCK_INIT("cpustat"),
	.next_load_ns = LOAD_FREQ_NS,
};

static unsigned hart_slot(void)
{
	unsigned id = ostd_cpu_id();

	return id < CPUSTAT_MAX_HARTS ? id : CPUSTAT_MAX_HARTS - 1;
}

/* Linux's calc_load(): @load decayed by @exp towards @active. */
static uint64_t calc_load(uint64_t load, uint64_t exp, uint64_t active)
{
	uint64_t newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

uint64_t cpustat_nr_running(void)
{
	return sched_nr_queued() + (task_current() != NULL ? 1 : 0);
}

void cpustat_tick(void)
{
	uint64_t now = ostd_time_monotonic_ns();
	bool idle = task_current() == NULL;
	struct ostd_irq_guard g = ostd_spin_lock(&stats.lock);
	uint64_t active;

	stats.intr++;
	if (idle)
		stats.hart[hart_slot()].idle++;
	if (now >= stats.next_load_ns) {
		active = cpustat_nr_running() * FIXED_1;
		stats.avenrun[0] = calc_load(stats.avenrun[0], EXP_1, active);
		stats.avenrun[1] = calc_load(stats.avenrun[1], EXP_5, active);
		stats.avenrun[2] = calc_load(stats.avenrun[2], EXP_15, active);
		stats.next_load_ns += LOAD_FREQ_NS;
		if (stats.next_load_ns <= now) /* a long stall: skip ahead */
			stats.next_load_ns = now + LOAD_FREQ_NS;
	}
	ostd_spin_unlock(&stats.lock, &g);
}

void cpustat_account(bool user)
{
	struct ostd_irq_guard g = ostd_spin_lock(&stats.lock);

	if (user)
		stats.hart[hart_slot()].user++;
	else
		stats.hart[hart_slot()].system++;
	ostd_spin_unlock(&stats.lock, &g);
}

void cpustat_switch(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&stats.lock);

	stats.ctxt++;
	ostd_spin_unlock(&stats.lock, &g);
}

void cpustat_read(struct cpustat_snapshot *out)
{
	struct ostd_irq_guard g = ostd_spin_lock(&stats.lock);
	size_t i;

	for (i = 0; i < CPUSTAT_MAX_HARTS; i++)
		out->hart[i] = stats.hart[i];
	out->ctxt = stats.ctxt;
	out->intr = stats.intr;
	for (i = 0; i < 3; i++)
		out->avenrun[i] = stats.avenrun[i];
	ostd_spin_unlock(&stats.lock, &g);
}
