// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_info.c - the system files of /proc about the machine
 * and the scheduler, in Linux 6.1's formats: loadavg
 * (fs/proc/loadavg.c), stat (fs/proc/stat.c), version (init/version.c
 * linux_proc_banner), filesystems (fs/filesystems.c) and cpuinfo
 * (arch/riscv/kernel/cpu.c).
 *
 * The counts come from cpustat.c (ticks by kind, context switches,
 * interrupts, load averages), proc.c (pids handed out) and the run
 * queue. What racho does not have reads as zero, as on a Linux that has
 * none: nice time (nice is not a scheduling weight yet), iowait, irq and
 * softirq time, steal and guest time; the intr line gives the total of
 * timer interrupts without a per-interrupt breakdown; procs_blocked
 * (tasks in uninterruptible I/O wait) is 0.
 *
 * cpuinfo lists every hart of the device tree. ostd does not hand out
 * the harts' riscv,isa strings, so the isa line is the rv64gc baseline
 * racho is built for (rv64imafdc), the MMU mode is the Sv39 that ostd
 * sets up, and mvendorid, marchid and mimpid (M-mode CSRs that only
 * the SBI could tell) are 0, as QEMU's virt machine reports them.
 */
#include <ostd/boot.h>
#include <ostd/log.h>
#include <ostd/time.h>

#include "cpustat.h"
#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"
#include "proc.h"
#include "uapi/resource.h"
#include "uts.h"

#define NS_PER_S 1000000000UL

/* Linux's LOAD_INT/LOAD_FRAC, rounded to hundredths (get_avenrun()). */
static void put_load(struct procfs_buf *b, uint64_t load, const char *sep)
{
	uint64_t x = load + (1ULL << CPUSTAT_FSHIFT) / 200;
	uint64_t frac = (x & ((1ULL << CPUSTAT_FSHIFT) - 1)) * 100;

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"%lu.%02lu%s", x >> CPUSTAT_FSHIFT,
					frac >> CPUSTAT_FSHIFT, sep));
}

/* "0.00 0.00 0.00 R/T LASTPID": the averages, runnable/all, last pid. */
void procfs_gen_loadavg(struct procfs_buf *b)
{
	struct cpustat_snapshot s;
	uint64_t forks;
	int last;

	cpustat_read(&s);
	proc_pid_stats(&last, &forks);
	put_load(b, s.avenrun[0], " ");
	put_load(b, s.avenrun[1], " ");
	put_load(b, s.avenrun[2], " ");
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"%lu/%lu %d\n", cpustat_nr_running(),
					proc_count(), last));
}

/* Ticks to clock_t (USER_HZ). */
static uint64_t to_clock(uint64_t ticks)
{
	return ticks * USER_HZ / OSTD_TICK_HZ;
}

/* One cpu line: user nice system idle iowait irq softirq steal guest
 * guest_nice. */
static void cpu_line(struct procfs_buf *b, const char *name,
		     const struct cpustat_hart *h)
{
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"%s %lu 0 %lu %lu 0 0 0 0 0 0\n", name,
					to_clock(h->user), to_clock(h->system),
					to_clock(h->idle)));
}

void procfs_gen_stat(struct procfs_buf *b)
{
	struct cpustat_snapshot s;
	struct cpustat_hart all = { 0 };
	size_t harts = ostd_boot_hart_count();
	uint64_t boot_ns = ostd_time_realtime_ns() - ostd_time_monotonic_ns();
	char name[16];
	uint64_t forks;
	size_t i;
	int last;

	cpustat_read(&s);
	proc_pid_stats(&last, &forks);
	if (harts > CPUSTAT_MAX_HARTS)
		harts = CPUSTAT_MAX_HARTS;
	for (i = 0; i < CPUSTAT_MAX_HARTS; i++) {
		all.user += s.hart[i].user;
		all.system += s.hart[i].system;
		all.idle += s.hart[i].idle;
	}
	cpu_line(b, "cpu ", &all); /* Linux: "cpu  " then the numbers */
	for (i = 0; i < harts; i++) {
		(void)ostd_snprintf(name, sizeof(name), "cpu%lu", i);
		cpu_line(b, name, &s.hart[i]);
	}
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"intr %lu\nctxt %lu\nbtime %lu\nprocesses %lu\n"
		"procs_running %lu\nprocs_blocked 0\n"
		"softirq 0 0 0 0 0 0 0 0 0 0 0\n",
		s.intr, s.ctxt, boot_ns / NS_PER_S, forks, cpustat_nr_running()));
}

/* linux_proc_banner: "<sysname> version <release> (<by>@<host>)
 * (<compiler>) <version>". */
void procfs_gen_version(struct procfs_buf *b)
{
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"%s version %s (racho@racho) (clang version %d.%d.%d, LLD) %s\n",
		UTS_SYSNAME, UTS_RELEASE, __clang_major__, __clang_minor__,
		__clang_patchlevel__, UTS_VERSION));
}

/* One line per type; racho's need no block device: all "nodev". */
void procfs_gen_filesystems(struct procfs_buf *b)
{
	struct vfs_fs_names n;
	size_t i;

	vfs_fs_type_names(&n);
	for (i = 0; i < n.count; i++)
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
						"nodev\t%s\n", n.name[i]));
}

/* arch/riscv/kernel/cpu.c c_show(), for each hart (see above). */
void procfs_gen_cpuinfo(struct procfs_buf *b)
{
	size_t harts = ostd_boot_hart_count();
	size_t i;

	for (i = 0; i < harts; i++)
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
			"processor\t: %lu\nhart\t\t: %lu\nisa\t\t: rv64imafdc\n"
			"mmu\t\t: sv39\nmvendorid\t: 0x0\nmarchid\t\t: 0x0\n"
			"mimpid\t\t: 0x0\n\n", i, i));
}
