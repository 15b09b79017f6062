// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_res.c - resource system calls: prlimit64, getrlimit,
 * setrlimit, getrusage, times, sysinfo and sched_getaffinity.
 *
 * Limits live in the task (rlim[], Linux's signal->rlim) and are inherited
 * across fork and exec. Some are enforced elsewhere, so a change is pushed
 * to its owner: RLIMIT_STACK and RLIMIT_AS to the address space (mm),
 * RLIMIT_NOFILE to the fd table. RLIMIT_NPROC is read at fork (proc.c).
 * The rest are stored and reported, not enforced.
 *
 * CPU times come from the task loop (task.c): user time is measured around
 * each ostd_user_execute(), system time is the rest of the time the task
 * holds the hart.
 */
#include <ostd/boot.h>
#include <ostd/frame.h>
#include <ostd/time.h>

#include "errno.h"
#include "fs/fdtable.h"
#include "mm/mm.h"
#include "proc.h"
#include "syscall.h"
#include "task_files.h"
#include "uapi/resource.h"

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_USEC 1000ULL
/* A cpumask's size: one unsigned long covers every hart we support. */
#define CPUMASK_BYTES 8

/* The process @pid (0: @t) for prlimit64; NULL if none. Lock held. */
static struct kernel_task *rlimit_target_locked(struct kernel_task *t,
						int pid)
{
	struct kernel_task *p;

	if (pid == 0 || pid == t->pid)
		return t;
	p = proc_find_locked(pid);
	return p && p->state == TASK_ALIVE ? p : NULL;
}

/* Linux's check_prlimit_permission(): same user ids, or root. */
static bool may_prlimit(const struct kernel_task *t,
			const struct kernel_task *p)
{
	const struct task_cred *c = &p->cred;

	if (t == p || t->cred.euid == 0)
		return true;
	return t->cred.uid == c->uid && t->cred.uid == c->euid &&
	       t->cred.uid == c->suid && t->cred.gid == c->gid &&
	       t->cred.gid == c->egid && t->cred.gid == c->sgid;
}

/* Linux's do_prlimit() checks of a new limit against the old one. */
static int rlimit_check(const struct kernel_task *t, unsigned res,
			const struct task_rlimit *old,
			const struct task_rlimit *new)
{
	if (new->cur > new->max)
		return -EINVAL;
	if (res == RLIMIT_NOFILE && new->max > FDTABLE_MAX)
		return -EPERM;
	/* Raising the hard limit needs CAP_SYS_RESOURCE. */
	if (new->max > old->max && t->cred.euid != 0)
		return -EPERM;
	return 0;
}

/* Tells the limit's enforcer about a change. Lock held. */
static void rlimit_apply(struct kernel_task *p, unsigned res)
{
	uint64_t cur = p->rlim[res].cur;

	if (res == RLIMIT_STACK && p->mm)
		mm_set_rlimit_stack(p->mm, cur);
	if (res == RLIMIT_AS && p->mm)
		mm_set_rlimit_as(p->mm, cur);
	if (res == RLIMIT_NOFILE)
		task_files_limit(p, cur);
}

/*
 * Swaps a limit of process @pid under the table lock: stores the old one
 * in @old and, if @new is not NULL, installs it.
 */
static int do_prlimit(struct kernel_task *t, int pid, unsigned res,
		      const struct task_rlimit *new, struct task_rlimit *old)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *p = rlimit_target_locked(t, pid);
	int err = 0;

	if (!p)
		err = -ESRCH;
	else if (!may_prlimit(t, p))
		err = -EPERM;
	else
		*old = p->rlim[res];
	if (err == 0 && new)
		err = rlimit_check(t, res, old, new);
	if (err == 0 && new) {
		p->rlim[res] = *new;
		rlimit_apply(p, res);
	}
	proc_unlock(&g);
	return err;
}

/* prlimit64(pid, resource, new, old), the core of the three calls. */
static long prlimit(struct kernel_task *t, int pid, uint64_t res,
		    ostd_uaddr_t unew, ostd_uaddr_t uold)
{
	struct task_rlimit new, old;
	int err;

	if (res >= TASK_RLIMIT_COUNT)
		return -EINVAL;
	if (unew && mm_copy_from_user(t->mm, &new, unew, sizeof(new)) < 0)
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	err = do_prlimit(t, pid, res, unew ? &new : NULL, &old);
	if (err < 0)
		return err;
	if (uold && mm_copy_to_user(t->mm, uold, &old, sizeof(old)) < 0)
		return -EFAULT;
	return 0;
}

long sys_prlimit64(struct kernel_task *t, const struct syscall_args *args)
{
	return prlimit(t, args->a[0], args->a[1], args->a[2], args->a[3]);
}

long sys_getrlimit(struct kernel_task *t, const struct syscall_args *args)
{
	return prlimit(t, 0, args->a[0], 0, args->a[1]);
}

long sys_setrlimit(struct kernel_task *t, const struct syscall_args *args)
{
	if (args->a[1] == 0)
		return -EFAULT;
	return prlimit(t, 0, args->a[0], args->a[1], 0);
}

static struct rusage_timeval ns_to_timeval(uint64_t ns)
{
	struct rusage_timeval tv = { ns / NSEC_PER_SEC,
				     ns % NSEC_PER_SEC / NSEC_PER_USEC };

	return tv;
}

/* Fills a Linux struct rusage from our counters. */
void usage_to_rusage(const struct task_usage *u, struct linux_rusage *ru)
{
	ostd_mem_set(ru, 0, sizeof(*ru));
	ru->ru_utime = ns_to_timeval(u->utime_ns);
	ru->ru_stime = ns_to_timeval(u->stime_ns);
	ru->ru_nvcsw = u->nvcsw;
	ru->ru_nivcsw = u->nivcsw;
}

long sys_getrusage(struct kernel_task *t, const struct syscall_args *args)
{
	int who = args->a[0];
	struct linux_rusage ru;

	if (who == RUSAGE_SELF || who == RUSAGE_THREAD)
		usage_to_rusage(&t->usage, &ru);
	else if (who == RUSAGE_CHILDREN)
		usage_to_rusage(&t->child_usage, &ru);
	else
		return -EINVAL;
	if (mm_copy_to_user(t->mm, args->a[1], &ru, sizeof(ru)) < 0)
		return -EFAULT;
	return 0;
}

static int64_t ns_to_clock_t(uint64_t ns)
{
	uint64_t ticks = ns / (NSEC_PER_SEC / USER_HZ);

	return ticks & INT64_MAX;
}

long sys_times(struct kernel_task *t, const struct syscall_args *args)
{
	struct linux_tms tms = {
		ns_to_clock_t(t->usage.utime_ns),
		ns_to_clock_t(t->usage.stime_ns),
		ns_to_clock_t(t->child_usage.utime_ns),
		ns_to_clock_t(t->child_usage.stime_ns),
	};

	if (args->a[0] &&
	    mm_copy_to_user(t->mm, args->a[0], &tms, sizeof(tms)) < 0)
		return -EFAULT;
	/* Clock ticks since an arbitrary point: boot. */
	return ns_to_clock_t(ostd_time_monotonic_ns());
}

long sys_sysinfo(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t now = ostd_time_monotonic_ns();
	size_t procs = proc_count();
	struct linux_sysinfo si;

	ostd_mem_set(&si, 0, sizeof(si));
	/* Linux rounds the uptime up to the next second. */
	si.uptime = (now + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
	si.totalram = ostd_frame_total_count() * OSTD_PAGE_SIZE;
	si.freeram = ostd_frame_free_count() * OSTD_PAGE_SIZE;
	si.procs = procs > UINT16_MAX ? UINT16_MAX : procs;
	si.mem_unit = 1;
	if (mm_copy_to_user(t->mm, args->a[0], &si, sizeof(si)) < 0)
		return -EFAULT;
	return 0;
}

/*
 * sched_getaffinity(pid, len, mask): every hart is allowed. Linux checks
 * the length first, then the pid, and returns the bytes written.
 */
long sys_sched_getaffinity(struct kernel_task *t,
			   const struct syscall_args *args)
{
	int pid = args->a[0];
	uint32_t len = args->a[1]; /* an unsigned int in Linux */
	size_t harts = ostd_boot_hart_count();
	uint8_t mask[CPUMASK_BYTES] = { 0 };
	struct ostd_irq_guard g;
	bool found;
	size_t i;

	if (len * 8ULL < harts || len % sizeof(uint64_t) != 0)
		return -EINVAL;
	if (pid < 0)
		return -ESRCH;
	g = proc_lock();
	found = pid == 0 || pid == t->pid || proc_find_locked(pid);
	proc_unlock(&g);
	if (!found)
		return -ESRCH;
	for (i = 0; i < harts && i < CPUMASK_BYTES * 8; i++)
		mask[i / 8] |= 1U << (i % 8);
	if (len > sizeof(mask))
		len = sizeof(mask);
	if (mm_copy_to_user(t->mm, args->a[2], &mask, len) < 0)
		return -EFAULT;
	return len;
}
