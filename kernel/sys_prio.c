// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_prio.c - nice values and personas: getpriority(2),
 * setpriority(2) and personality(2), as Linux 6.1's kernel/sys.c and
 * kernel/exec_domain.c do them.
 *
 * The nice value (-20..19) is kept per process (struct kernel_task's
 * @nice), inherited by fork and kept across exec, shown in
 * /proc/<pid>/stat, and checked like Linux's (who may change whose, and
 * RLIMIT_NICE for lowering it). The scheduler ignores it: every process
 * gets the same one-tick round-robin slices (see sched.c). The raw
 * getpriority system call returns 20 - nice so that it is never
 * negative; libcs turn it back into nice.
 *
 * The persona is stored and inherited only: racho runs riscv64 Linux
 * binaries and nothing looks at the flags (ADDR_NO_RANDOMIZE and the
 * like) yet. Linux accepts any value.
 */
#include "errno.h"
#include "proc.h"
#include "syscall.h"
#include "uapi/resource.h"

#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

#define MIN_NICE (-20)
#define MAX_NICE 19

/* personality(0xffffffff) only asks. */
#define PERSONALITY_QUERY 0xffffffffU

/* Whether @p is selected by getpriority/setpriority's @which and @who. */
static bool prio_match(const struct kernel_task *t,
		       const struct kernel_task *p, int which, int who)
{
	uint32_t uid = who; /* PRIO_USER: a uid_t */

	switch (which) {
	case PRIO_PROCESS:
		return p->pid == (who != 0 ? who : t->pid);
	case PRIO_PGRP:
		return p->pgid == (who != 0 ? who : t->pgid);
	default: /* PRIO_USER: the real uid */
		return p->cred.uid == (who != 0 ? uid : t->cred.uid);
	}
}

/* nice_to_rlimit(): 40..1 for nice -20..19. */
static uint64_t nice_to_rlimit(int nice)
{
	return 20 - nice;
}

long sys_getpriority(struct kernel_task *t, const struct syscall_args *args)
{
	int which = args->a[0] & 0xffffffffU;
	int who = args->a[1] & 0xffffffffU;
	struct ostd_irq_guard g;
	struct kernel_task *p;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	/* Zombies count, as on Linux until they are reaped. */
	g = proc_lock();
	for (p = proc_next_locked(0); p; p = proc_next_locked(p->pid)) {
		long v = nice_to_rlimit(p->nice); /* the raw syscall's 40..1 */

		if (prio_match(t, p, which, who) && v > best)
			best = v;
	}
	proc_unlock(&g);
	return best;
}

/* Linux's set_one_prio(): @err is what the earlier processes gave. */
static long set_one_prio(const struct kernel_task *t, struct kernel_task *p,
			 int nice, long err)
{
	bool privileged = t->cred.euid == 0; /* CAP_SYS_NICE */

	if (p->cred.uid != t->cred.euid && p->cred.euid != t->cred.euid &&
	    !privileged)
		return -EPERM;
	/* Lowering needs RLIMIT_NICE (of the target) to allow 20 - nice. */
	if (nice < p->nice && !privileged &&
	    p->rlim[RLIMIT_NICE].cur < nice_to_rlimit(nice))
		return -EACCES;
	p->nice = nice;
	return err == -ESRCH ? 0 : err;
}

long sys_setpriority(struct kernel_task *t, const struct syscall_args *args)
{
	int which = args->a[0] & 0xffffffffU;
	int who = args->a[1] & 0xffffffffU;
	int nice = args->a[2] & 0xffffffffU;
	struct ostd_irq_guard g;
	struct kernel_task *p;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (nice < MIN_NICE)
		nice = MIN_NICE;
	if (nice > MAX_NICE)
		nice = MAX_NICE;
	/* The process table lock guards other processes' nice values. */
	g = proc_lock();
	for (p = proc_next_locked(0); p; p = proc_next_locked(p->pid)) {
		if (prio_match(t, p, which, who))
			err = set_one_prio(t, p, nice, err);
	}
	proc_unlock(&g);
	return err;
}

long sys_personality(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t persona = args->a[0] & 0xffffffffU; /* an unsigned int */
	uint32_t old = t->personality;

	if (persona != PERSONALITY_QUERY)
		t->personality = persona;
	return old;
}
