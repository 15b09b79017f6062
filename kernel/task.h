/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/task.h - processes: one user address space run by one ostd task.
 *
 * A struct kernel_task is the kernel's half of a thread of control; ostd's
 * struct ostd_task (stack, saved registers, scheduler state) is the other
 * half, and each points to the other. For now every process has exactly
 * one thread, so "task" and "process" are the same object.
 *
 * A task sits on up to TASK_LINK_COUNT intrusive lists at once, one per
 * link kind (run queue, process table, sleep list); each list says which
 * lock protects its links.
 */
#ifndef KERNEL_TASK_H
#define KERNEL_TASK_H

#include <ostd/bytes.h>
#include <ostd/task.h>
#include <ostd/types.h>
#include <ostd/user.h>
#include <ostd/vm.h>

#define TASK_NAME_LEN 16

/* Which of a task's links a list threads through. */
enum task_link_kind {
	TASK_LINK_RUN,   /* the run queue (sched.c) */
	TASK_LINK_PROC,  /* the process table or the zombie list (task.c) */
	TASK_LINK_SLEEP, /* the sleep list (sleep.c) */
	TASK_LINK_COUNT,
};

struct task_link {
	struct kernel_task *next;
	struct kernel_task *prev;
	bool linked;
};

enum task_state {
	TASK_ALIVE,
	TASK_ZOMBIE, /* exited; its ostd task is gone, its memory not yet freed */
};

struct kernel_task {
	struct ostd_task *task; /* NULL once the task has exited */
	int pid;
	char name[TASK_NAME_LEN]; /* NUL-terminated */
	enum task_state state;
	int exit_status; /* a Linux wait status: code << 8, or the signal */
	uint64_t start_ns; /* monotonic time of creation, for the exit log */

	/* Owned by the task itself: only its own hart touches these. */
	struct ostd_user_ctx ctx;
	struct ostd_vmspace *vs;

	/* Sleep deadline (monotonic ns); protected by the sleep lock. */
	uint64_t wake_ns;

	struct task_link links[TASK_LINK_COUNT];
};

/*
 * Creates a process named @name running the ELF executable @image and
 * makes it runnable. Returns its pid, or a negative errno (-ENOEXEC for a
 * malformed image, -ENOMEM).
 */
int task_spawn(const char *name, struct ostd_bytes image);

/* The kernel task running on this hart (never NULL in a syscall). */
struct kernel_task *task_current(void);

/*
 * Ends @t, which must be the running task, with the Linux wait status
 * @status. When it was the last process, powers the machine off.
 */
_Noreturn void task_exit(struct kernel_task *t, int status);

/* Number of processes that have not exited. */
size_t task_live_count(void);

#endif
