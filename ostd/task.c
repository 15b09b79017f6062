// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/task.c - kernel tasks: creation, the state machine, switching, and
 * the per-hart idle loop. The run queue is the kernel's policy (struct
 * ostd_sched_ops); this file owns the mechanism and checks the policy.
 *
 * States and the only legal transitions:
 *
 *   BLOCKED --wake--> RUNNABLE --pick_next--> RUNNING --yield--> RUNNABLE
 *      ^                                         |  \--exit--> DEAD
 *      \----------------block--------------------/
 *
 * A task is handed to ops->enqueue() exactly when it becomes RUNNABLE, so
 * a policy that returns a task twice, or returns a RUNNING/BLOCKED/DEAD
 * one, is caught. The idle task (the boot flow after ostd_sched_start) is
 * never queued: a hart runs it when pick_next() has nothing.
 *
 * The scheduler lock is held across the switch: the outgoing task takes
 * it and whichever task runs next on that hart releases it, so no other
 * hart can start a task whose registers are still being saved. A dead
 * task's stack is freed by the next task, after the switch away from it.
 */
#include <stddef.h>

#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/task.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

enum task_state { TASK_BLOCKED, TASK_RUNNABLE, TASK_RUNNING, TASK_DEAD };

#define TASK_MAGIC 0x7461736bU /* "task": catches stray pointers */

/* Callee-saved registers, in switch.S order. */
struct ostd_task_ctx {
	uint64_t ra;
	uint64_t sp;
	uint64_t s[12];
};

struct ostd_task {
	struct ostd_task_ctx ctx;
	uint32_t magic;
	enum task_state state;  /* protected by sched.lock */
	bool wake_pending;      /* protected by sched.lock: a wake hit a non-blocked task */
	bool is_idle;
	uint64_t kstack_top;    /* 0 for a boot stack (not ours to free) */
	uint64_t kstack_lo;     /* lowest usable stack byte */
	void (*entry)(struct kernel_task *data);
	struct kernel_task *data;
};

static struct {
	/* protects: every task's state, the calls into ops; order: outermost */
	struct ostd_spinlock lock;
	const struct ostd_sched_ops *ops;
} sched = { .lock = OSTD_SPINLOCK_INIT("sched") };

static const char *const state_names[] = {
	[TASK_BLOCKED] = "blocked", [TASK_RUNNABLE] = "runnable",
	[TASK_RUNNING] = "running", [TASK_DEAD] = "dead",
};

static void check_task(const struct ostd_task *t, const char *who)
{
	if (t == NULL || t->magic != TASK_MAGIC)
		ostd_panic("%s: %p is not a task", who, t);
}

/* Blocking calls need a clean context: no spinlock, not a tick handler. */
static void check_may_sleep(const char *who)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	if (pc->locks_held != 0)
		ostd_panic("%s with %d spinlock(s) held", who, pc->locks_held);
	if (pc->irq_depth != 0)
		ostd_panic("%s from interrupt context", who);
	if (ostd_arch_irq_enabled())
		ostd_panic("%s with interrupts on", who);
	if (pc->current == NULL)
		ostd_panic("%s before ostd_task_init_boot", who);
}

void ostd_sched_register(const struct ostd_sched_ops *ops)
{
	if (ops == NULL || ops->enqueue == NULL || ops->pick_next == NULL)
		ostd_panic("ostd_sched_register: incomplete ops");
	if (sched.ops != NULL)
		ostd_panic("ostd_sched_register called twice");
	sched.ops = ops;
}

static void make_runnable_locked(struct ostd_task *t)
{
	if (sched.ops == NULL)
		ostd_panic("task made runnable before ostd_sched_register");
	t->state = TASK_RUNNABLE;
	sched.ops->enqueue(t);
}

/* The next task from the policy, validated; NULL when it has none. */
static struct ostd_task *pick_next_locked(void)
{
	struct ostd_task *t = sched.ops ? sched.ops->pick_next() : NULL;

	if (t == NULL)
		return NULL;
	check_task(t, "pick_next");
	if (t->is_idle || t->state != TASK_RUNNABLE)
		ostd_panic("pick_next returned a %s%s task %p",
			   t->is_idle ? "idle " : "", state_names[t->state], t);
	return t;
}

/*
 * Switches from the current task (whose state the caller has set) to
 * @next. Precondition: sched.lock held. Returns, with the lock held again,
 * when the current task is next switched to; returns the dead task the
 * caller must reap after unlocking, if any.
 */
static struct ostd_task *switch_to_locked(struct ostd_task *next)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	struct ostd_task *prev = pc->current;
	struct ostd_task *dead;

	next->state = TASK_RUNNING;
	if (next != prev) {
		pc->current = next;
		/* Lazy FP state: save it into prev's user context (still
		 * live: prev is running) before another task can run. */
		ostd_fp_flush(pc);
		ostd_task_switch(&prev->ctx, &next->ctx);
		pc = ostd_this_cpu(); /* we may resume on another hart */
	}
	dead = pc->to_reap;
	pc->to_reap = NULL;
	return dead;
}

static void reap(struct ostd_task *dead)
{
	if (dead == NULL)
		return;
	dead->magic = 0;
	if (dead->kstack_top != 0)
		ostd_kstack_free(dead->kstack_top);
	ostd_heap_free(dead);
}

/* Leaves the current task, already moved out of RUNNING. Lock held. */
static struct ostd_task *schedule_locked(const char *who)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	struct ostd_task *next = pick_next_locked();

	if (next == NULL) {
		next = pc->idle;
		if (next == NULL)
			ostd_panic("%s: nothing to run before ostd_sched_start", who);
	}
	return switch_to_locked(next);
}

void ostd_sched_yield(void)
{
	struct ostd_irq_guard g;
	struct ostd_task *cur, *dead;

	check_may_sleep("ostd_sched_yield");
	g = ostd_spin_lock(&sched.lock);
	cur = ostd_this_cpu()->current;
	if (cur->is_idle) {
		/* Idle is never queued; it gives way to anything runnable. */
		struct ostd_task *next = pick_next_locked();

		cur->state = TASK_BLOCKED;
		dead = switch_to_locked(next ? next : cur);
	} else {
		make_runnable_locked(cur);
		dead = schedule_locked("ostd_sched_yield");
	}
	ostd_spin_unlock(&sched.lock, &g);
	reap(dead);
}

void ostd_sched_block(void)
{
	struct ostd_irq_guard g;
	struct ostd_task *cur, *dead;

	check_may_sleep("ostd_sched_block");
	g = ostd_spin_lock(&sched.lock);
	cur = ostd_this_cpu()->current;
	if (cur->is_idle)
		ostd_panic("the idle task cannot block");
	/*
	 * A wake that raced ahead of us (the waker ran between the caller's
	 * unlock and this block, possibly on another hart) must not be lost:
	 * consume it and return, and the caller re-checks its condition.
	 */
	if (cur->wake_pending) {
		cur->wake_pending = false;
		ostd_spin_unlock(&sched.lock, &g);
		return;
	}
	cur->state = TASK_BLOCKED;
	dead = schedule_locked("ostd_sched_block");
	ostd_spin_unlock(&sched.lock, &g);
	reap(dead);
}

void ostd_sched_wake(struct ostd_task *t)
{
	struct ostd_irq_guard g;

	check_task(t, "ostd_sched_wake");
	g = ostd_spin_lock(&sched.lock);
	if (t->is_idle)
		ostd_panic("ostd_sched_wake on an idle task");
	if (t->state == TASK_DEAD)
		ostd_panic("ostd_sched_wake on a dead task %p", t);
	if (t->state == TASK_BLOCKED)
		make_runnable_locked(t);
	else
		t->wake_pending = true;
	ostd_spin_unlock(&sched.lock, &g);
}

_Noreturn void ostd_sched_exit(void)
{
	struct ostd_percpu *pc;
	struct ostd_task *cur;

	check_may_sleep("ostd_sched_exit");
	(void)ostd_spin_lock(&sched.lock);
	pc = ostd_this_cpu();
	cur = pc->current;
	if (cur->is_idle)
		ostd_panic("the idle task cannot exit");
	if (pc->to_reap != NULL)
		ostd_panic("ostd_sched_exit: reap slot busy");
	cur->state = TASK_DEAD;
	pc->to_reap = cur;
	(void)schedule_locked("ostd_sched_exit");
	ostd_panic("a dead task was switched back to");
}

/*
 * The first C code of a new task (called from ostd_task_entry_stub with
 * the scheduler lock held by the task that switched to it).
 */
_Noreturn void ostd_task_start(struct ostd_task *t);
_Noreturn void ostd_task_start(struct ostd_task *t)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	struct ostd_task *dead = pc->to_reap;
	/* Interrupts are already off: this guard restores nothing. */
	struct ostd_irq_guard g = ostd_irq_disable();

	pc->to_reap = NULL;
	ostd_spin_unlock(&sched.lock, &g);
	reap(dead);
	t->entry(t->data);
	ostd_sched_exit();
}

struct ostd_task *ostd_task_create(void (*entry)(struct kernel_task *data),
				   struct kernel_task *data)
{
	struct ostd_task *t;

	if (entry == NULL)
		return NULL;
	/* SAFETY: OSTD_NEW is the typed heap allocation (mem.h). */
	t = OSTD_NEW(struct ostd_task);
	if (t == NULL)
		return NULL;
	t->kstack_top = ostd_kstack_alloc();
	if (t->kstack_top == 0) {
		ostd_heap_free(t);
		return NULL;
	}
	t->kstack_lo = t->kstack_top - OSTD_KSTACK_SIZE;
	t->magic = TASK_MAGIC;
	t->state = TASK_BLOCKED;
	t->entry = entry;
	t->data = data;
	/* SAFETY: taking the address of an asm function for its first ret. */
	t->ctx.ra = (uint64_t)ostd_task_entry_stub;
	t->ctx.sp = t->kstack_top;
	t->ctx.s[0] = 0; /* s0: ends the frame-pointer chain */
	/* SAFETY: the stub passes s1 back to ostd_task_start as a pointer. */
	t->ctx.s[1] = (uint64_t)t;
	return t;
}

struct ostd_task *ostd_task_current(void)
{
	return ostd_this_cpu()->current;
}

struct kernel_task *ostd_task_data(const struct ostd_task *t)
{
	check_task(t, "ostd_task_data");
	return t->data;
}

void ostd_task_stack_bounds(uint64_t *lo, uint64_t *hi)
{
	const struct ostd_task *t = ostd_this_cpu()->current;

	if (t != NULL) {
		*lo = t->kstack_lo;
		*hi = t->kstack_top ? t->kstack_top :
				      t->kstack_lo + OSTD_KSTACK_SIZE;
		return;
	}
	/* SAFETY: a linker symbol's address, only compared with. */
	*hi = (uint64_t)_boot_stack_top;
	*lo = *hi - OSTD_KSTACK_SIZE;
}

/* Precondition: boot hart, after ostd_heap_init and ostd_cpu_init. */
void ostd_task_init_boot(void)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	/* SAFETY: OSTD_NEW is the typed heap allocation (mem.h). */
	struct ostd_task *t = OSTD_NEW(struct ostd_task);

	if (t == NULL)
		ostd_panic("no memory for the boot task");
	t->magic = TASK_MAGIC;
	t->state = TASK_RUNNING;
	/* SAFETY: a linker symbol's address, used as stack bounds only. */
	t->kstack_lo = (uint64_t)_boot_stack_top - OSTD_KSTACK_SIZE;
	t->kstack_top = 0;
	pc->current = t;
}

_Noreturn void ostd_sched_start(void)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	if (sched.ops == NULL)
		ostd_panic("ostd_sched_start before ostd_sched_register");
	if (pc->current == NULL || pc->idle != NULL)
		ostd_panic("ostd_sched_start: no boot task, or called twice");
	pc->current->is_idle = true;
	pc->idle = pc->current;
	for (;;) {
		struct ostd_irq_guard g = ostd_spin_lock(&sched.lock);
		struct ostd_task *next = pick_next_locked();
		struct ostd_task *dead = NULL;

		if (next != NULL) {
			pc->idle->state = TASK_BLOCKED;
			dead = switch_to_locked(next);
		}
		ostd_spin_unlock(&sched.lock, &g);
		reap(dead);
		if (next == NULL)
			ostd_arch_idle_wait(); /* an interrupt may wake someone */
		pc = ostd_this_cpu();
	}
}
