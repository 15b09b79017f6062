// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/task.c - processes: creation, pids, the user-mode loop, exit.
 *
 * Each process is one ostd task running task_main(): enter user mode with
 * ostd_user_execute(), look at why it came back (system call, fault,
 * interrupt), act on it, and go round again. This is Asterinas' UserMode
 * loop; ostd reports, the kernel decides.
 *
 * An exited task cannot free its own address space (it is still the
 * hart's active one) or its kernel object (it is still running on behalf
 * of it), so it becomes a zombie. A later task reaps zombies right after
 * its own ostd_user_execute() returned, when its own space is the active
 * one. That argument relies on user code running on one hart only, which
 * is true until ostd brings up secondary harts.
 */
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/power.h>
#include <ostd/time.h>

#include "errno.h"
#include "exec.h"
#include "fault.h"
#include "mm/mm.h"
#include "syscall.h"
#include "task.h"
#include "tasklist.h"

/* Linux's PID_MAX_LIMIT on 64-bit, and the first pid reused after a wrap. */
#define PID_MAX 4194304
#define PID_WRAP_START 300

static struct {
	/* protects: live, zombies, next_pid */
	struct ostd_spinlock lock;
	struct task_list live;    /* every process that has not exited */
	struct task_list zombies; /* exited, waiting to be freed */
	int next_pid;
} procs = {
	.lock = OSTD_SPINLOCK_INIT("procs"),
	.live = { NULL, NULL, 0, TASK_LINK_PROC },
	.zombies = { NULL, NULL, 0, TASK_LINK_PROC },
	.next_pid = 1,
};

static bool pid_in_use(const struct task_list *l, int pid)
{
	const struct kernel_task *t;

	for (t = task_list_first(l); t; t = task_list_next(l, t)) {
		if (t->pid == pid)
			return true;
	}
	return false;
}

/*
 * Hands out pids in increasing order like Linux, wrapping to
 * PID_WRAP_START and skipping pids still in use. Caller holds procs.lock.
 */
static int pid_alloc_locked(void)
{
	int tries;

	for (tries = 0; tries < PID_MAX; tries++) {
		int pid = procs.next_pid;

		procs.next_pid = pid + 1 >= PID_MAX ? PID_WRAP_START : pid + 1;
		if (!pid_in_use(&procs.live, pid) &&
		    !pid_in_use(&procs.zombies, pid))
			return pid;
	}
	return -EAGAIN;
}

/* Frees a task that never ran or is a reaped zombie. */
static void task_free(struct kernel_task *t)
{
	if (t->mm)
		mm_destroy(t->mm);
	ostd_heap_free(t);
}

/* Frees every zombie. Called with this task's own space active. */
static void task_reap_zombies(void)
{
	for (;;) {
		struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
		struct kernel_task *z = task_list_pop_head(&procs.zombies);

		ostd_spin_unlock(&procs.lock, &g);
		if (!z)
			return;
		task_free(z);
	}
}

static void task_main(struct kernel_task *t)
{
	struct ostd_exit_info info;

	for (;;) {
		ostd_user_execute(&t->ctx, mm_vmspace(t->mm), &info);
		task_reap_zombies();
		switch (info.reason) {
		case OSTD_EXIT_SYSCALL:
			syscall_dispatch(t);
			break;
		case OSTD_EXIT_PAGE_FAULT:
		case OSTD_EXIT_ILLEGAL:
		case OSTD_EXIT_MISALIGNED:
		case OSTD_EXIT_BREAKPOINT:
			fault_handle(t, &info);
			break;
		case OSTD_EXIT_INTERRUPT:
			break;
		}
		/* One-tick time slices: every tick ends the slice. */
		if (info.tick)
			ostd_sched_yield();
	}
}

/* Builds the address space and the ostd task; nothing is shared yet. */
static int task_build(struct kernel_task *t, struct ostd_bytes image)
{
	int err;

	t->mm = mm_create();
	if (!t->mm)
		return -ENOMEM;
	err = exec_load(t->mm, image, &t->ctx);
	if (err < 0)
		return err;
	t->task = ostd_task_create(task_main, t);
	if (!t->task)
		return -ENOMEM;
	return 0;
}

int task_spawn(const char *name, struct ostd_bytes image)
{
	struct kernel_task *t = OSTD_NEW(struct kernel_task);
	struct ostd_irq_guard g;
	int err;

	if (!t)
		return -ENOMEM;
	ostd_bytes_copy(ostd_bytes_cstr(name), 0, t->name, TASK_NAME_LEN - 1);
	t->state = TASK_ALIVE;
	t->start_ns = ostd_time_monotonic_ns();
	err = task_build(t, image);
	if (err < 0) {
		/* ostd_task_create() is last, so no ostd task exists here. */
		task_free(t);
		return err;
	}

	g = ostd_spin_lock(&procs.lock);
	t->pid = pid_alloc_locked();
	if (t->pid > 0)
		task_list_push_tail(&procs.live, t);
	ostd_spin_unlock(&procs.lock, &g);
	if (t->pid < 0)
		ostd_panic("task: out of pids with no way to free one");
	ostd_sched_wake(t->task);
	return t->pid;
}

struct kernel_task *task_current(void)
{
	return ostd_task_data(ostd_task_current());
}

size_t task_live_count(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	size_t n = procs.live.len;

	ostd_spin_unlock(&procs.lock, &g);
	return n;
}

_Noreturn void task_exit(struct kernel_task *t, int status)
{
	uint64_t ms = (ostd_time_monotonic_ns() - t->start_ns) / 1000000;
	struct ostd_irq_guard g;
	size_t left;

	if (status & 0x7f)
		ostd_log(OSTD_LOG_INFO, "%s (pid %d) killed by signal %d after %lu ms",
			 t->name, t->pid, status & 0x7f, ms);
	else
		ostd_log(OSTD_LOG_INFO, "%s (pid %d) exited with code %d after %lu ms",
			 t->name, t->pid, (status >> 8) & 0xff, ms);

	g = ostd_spin_lock(&procs.lock);
	task_list_remove(&procs.live, t);
	left = procs.live.len;
	t->state = TASK_ZOMBIE;
	t->exit_status = status;
	t->task = NULL;
	/* From here on @t belongs to the reaper: do not touch it. */
	task_list_push_tail(&procs.zombies, t);
	ostd_spin_unlock(&procs.lock, &g);

	if (left == 0) {
		ostd_printk("All applications completed!\n");
		ostd_power_off(false);
	}
	ostd_sched_exit();
}
