/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/cpustat.h - system-wide CPU accounting for /proc/stat and
 * /proc/loadavg: ticks by kind per hart, context switches, timer
 * interrupts, and Linux's load averages.
 */
#ifndef KERNEL_CPUSTAT_H
#define KERNEL_CPUSTAT_H

#include <stdbool.h>
#include <stdint.h>

/* Harts accounted separately; the others share the last slot. */
#define CPUSTAT_MAX_HARTS 8

struct cpustat_hart {
	uint64_t user, system, idle; /* ticks (OSTD_TICK_HZ) */
};

struct cpustat_snapshot {
	struct cpustat_hart hart[CPUSTAT_MAX_HARTS];
	uint64_t ctxt;  /* context switches since boot */
	uint64_t intr;  /* interrupts serviced since boot (timer ticks) */
	/* 1, 5 and 15 minute load averages, fixed point (FSHIFT = 11). */
	uint64_t avenrun[3];
};

#define CPUSTAT_FSHIFT 11

/* Tick handler's part (sleep.c): interrupt context, interrupts off. */
void cpustat_tick(void);
/* A tick charged to a task (task.c): to user or system time. */
void cpustat_account(bool user);
/* A context switch (task.c: a task blocks or its slice ends). */
void cpustat_switch(void);
void cpustat_read(struct cpustat_snapshot *out);
/* Tasks that are runnable now: queued plus the one running. */
uint64_t cpustat_nr_running(void);

#endif
