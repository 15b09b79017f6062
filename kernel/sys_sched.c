// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_sched.c - small per-process calls that libcs and tools make
 * at start-up: sched_setaffinity, sched_getscheduler, sched_getparam,
 * sched_get_priority_max/min, prctl (the name), set_robust_list, getcpu.
 *
 * racho has one scheduling policy, round robin with one-tick slices,
 * which is what Linux calls SCHED_OTHER at priority 0; these calls report
 * exactly that. Errors and their order are Linux 6.1's.
 */
#include <ostd/boot.h>
#include <ostd/bytes.h>
#include <ostd/cpu.h>

#include "errno.h"
#include "mm/mm.h"
#include "proc.h"
#include "syscall.h"

#define SCHED_OTHER 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_BATCH 3
#define SCHED_IDLE 5
#define SCHED_DEADLINE 6

#define PR_SET_NAME 15
#define PR_GET_NAME 16

#define CPUMASK_WORDS 1 /* up to 64 harts */

/* struct robust_list_head on 64-bit: three pointers-sized fields. */
#define ROBUST_LIST_HEAD_SIZE 24

/* Whether pid @pid (0: the caller) names a process; Linux's find_task. */
static long find_pid(struct kernel_task *t, int pid)
{
	struct ostd_irq_guard g;
	bool found;

	if (pid < 0)
		return -EINVAL;
	if (pid == 0 || pid == t->pid)
		return 0;
	g = proc_lock();
	found = proc_find_locked(pid) != NULL;
	proc_unlock(&g);
	return found ? 0 : -ESRCH;
}

/*
 * sched_setaffinity(pid, len, mask): the mask must allow a hart that
 * exists; it is not stored, since user code runs on the boot hart only
 * and sched_getaffinity reports every hart.
 */
long sys_sched_setaffinity(struct kernel_task *t,
			   const struct syscall_args *args)
{
	uint64_t mask[CPUMASK_WORDS] = { 0 };
	uint32_t len = args->a[1] & 0xffffffffU;
	size_t harts = ostd_boot_hart_count();
	uint64_t online = harts >= 64 ? UINT64_MAX : (1ULL << harts) - 1;
	int pid = args->a[0] & 0xffffffffU;
	long r;

	/* Linux copies min(len, cpumask size) bytes; the rest is zero. */
	if (len > sizeof(mask))
		len = sizeof(mask);
	if (mm_copy_from_user(t->mm, mask, args->a[2], len) < 0)
		return -EFAULT;
	r = pid < 0 ? -ESRCH : find_pid(t, pid);
	if (r < 0)
		return r;
	if ((mask[0] & online) == 0)
		return -EINVAL;
	return 0;
}

long sys_sched_getscheduler(struct kernel_task *t,
			    const struct syscall_args *args)
{
	long r = find_pid(t, args->a[0] & 0xffffffffU);

	return r < 0 ? r : SCHED_OTHER;
}

long sys_sched_getparam(struct kernel_task *t, const struct syscall_args *args)
{
	int32_t prio = 0; /* struct sched_param */
	long r;

	if (args->a[1] == 0)
		return -EINVAL;
	r = find_pid(t, args->a[0] & 0xffffffffU);
	if (r < 0)
		return r;
	if (mm_copy_to_user(t->mm, args->a[1], &prio, sizeof(prio)) < 0)
		return -EFAULT;
	return 0;
}

/* The priority range of a policy: 1..99 for the real-time ones. */
static long prio_bound(uint64_t policy, long rt)
{
	switch (policy & 0xffffffffU) {
	case SCHED_FIFO:
	case SCHED_RR:
		return rt;
	case SCHED_OTHER:
	case SCHED_BATCH:
	case SCHED_IDLE:
	case SCHED_DEADLINE:
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_sched_get_priority_max(struct kernel_task *t,
				const struct syscall_args *args)
{
	(void)t;
	return prio_bound(args->a[0], 99);
}

long sys_sched_get_priority_min(struct kernel_task *t,
				const struct syscall_args *args)
{
	(void)t;
	return prio_bound(args->a[0], 1);
}

/* prctl(PR_SET_NAME / PR_GET_NAME): the 16-byte comm; others EINVAL. */
long sys_prctl(struct kernel_task *t, const struct syscall_args *args)
{
	char name[TASK_NAME_LEN];
	size_t i;

	switch (args->a[0] & 0xffffffffU) {
	case PR_SET_NAME:
		/* Linux: copy at most 15 bytes, stop at a NUL or a fault. */
		ostd_mem_set(name, 0, sizeof(name));
		if (mm_copy_from_user_upto(t->mm, name, args->a[1],
					   sizeof(name) - 1) == 0)
			return -EFAULT;
		for (i = 0; i < sizeof(name); i++)
			t->name[i] = name[i];
		t->name[TASK_NAME_LEN - 1] = '\0';
		return 0;
	case PR_GET_NAME:
		if (mm_copy_to_user(t->mm, args->a[1], t->name,
				    sizeof(t->name)) < 0)
			return -EFAULT;
		return 0;
	default:
		return -EINVAL;
	}
}

/* Stored for the day threads die with robust futexes held. */
long sys_set_robust_list(struct kernel_task *t,
			 const struct syscall_args *args)
{
	if (args->a[1] != ROBUST_LIST_HEAD_SIZE)
		return -EINVAL;
	t->robust_list = args->a[0];
	t->robust_len = args->a[1];
	return 0;
}

/* getcpu(cpu, node, cache): user code runs on hart 0, NUMA node 0. */
long sys_getcpu(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t zero = 0;

	if (args->a[0] != 0 &&
	    mm_copy_to_user(t->mm, args->a[0], &zero, sizeof(zero)) < 0)
		return -EFAULT;
	if (args->a[1] != 0 &&
	    mm_copy_to_user(t->mm, args->a[1], &zero, sizeof(zero)) < 0)
		return -EFAULT;
	return 0;
}
