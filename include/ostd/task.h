/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/task.h - kernel tasks, context switch, and the scheduler hook.
 *
 * A task is a kernel thread of control: its own kernel stack (with an
 * unmapped guard page below it) and saved callee-saved registers. ostd owns
 * the mechanism (switching, the task state machine, per-hart current task);
 * the kernel owns the policy, registered once as an ostd_sched_ops table.
 *
 * ostd enforces the invariants even if the policy is buggy: a task runs on
 * one hart at a time, a runnable task is handed to enqueue() once, a dead
 * or running task handed back by pick_next() panics, and a dead task's
 * stack is freed only after the switch away from it.
 *
 * Each task carries a pointer to the kernel's own per-task object, of the
 * kernel-defined type struct kernel_task; ostd never looks inside it.
 *
 * Context: all functions must be called with interrupts off (the kernel
 * runs with them off outside the idle loop); the scheduler ops are called
 * with the run-queue lock of ostd held and must not call back into ostd's
 * scheduler.
 */
#ifndef OSTD_TASK_H
#define OSTD_TASK_H

#include <ostd/types.h>

struct ostd_task;
struct kernel_task; /* defined by the kernel, opaque here */

struct ostd_sched_ops {
	/* @t has become runnable; queue it. */
	void (*enqueue)(struct ostd_task *t);
	/* The next task to run on this hart, or NULL to idle. */
	struct ostd_task *(*pick_next)(void);
};

/* Installs the policy. Must be called once, before ostd_sched_start(). */
void ostd_sched_register(const struct ostd_sched_ops *ops);

/*
 * A new task that will run entry(data) on its own stack. It starts blocked;
 * ostd_sched_wake() makes it runnable. NULL when memory runs out.
 */
struct ostd_task *ostd_task_create(void (*entry)(struct kernel_task *data),
				   struct kernel_task *data);
/* The running task on this hart. */
struct ostd_task *ostd_task_current(void);
/* The kernel object given to ostd_task_create(). */
struct kernel_task *ostd_task_data(const struct ostd_task *t);

/* Gives up the hart; the current task stays runnable. */
void ostd_sched_yield(void);
/*
 * Blocks the current task until someone calls ostd_sched_wake() on it.
 * A wake that arrives while the task is not blocked (e.g. between the
 * caller dropping its lock and calling this) is remembered, and the next
 * block returns at once: callers must re-check their condition in a loop,
 * as with Linux's wait queues. Spurious returns are therefore possible.
 */
void ostd_sched_block(void);
/* Makes a blocked task runnable, or marks a wake pending (see above). */
void ostd_sched_wake(struct ostd_task *t);
/*
 * Ends the current task. Its stack and ostd state are freed once another
 * task runs; the kernel frees its own data before calling this.
 */
_Noreturn void ostd_sched_exit(void);
/* Turns the boot flow into this hart's idle loop and starts scheduling. */
_Noreturn void ostd_sched_start(void);

#endif
