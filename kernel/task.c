// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/task.c - processes: the user-mode loop, creation by the kernel,
 * CPU time accounting, and exit.
 *
 * Each process is one ostd task running task_user_loop(): enter user mode
 * with ostd_user_execute(), look at why it came back (system call, fault,
 * interrupt), act on it, and go round again. This is Asterinas' UserMode
 * loop; ostd reports, the kernel decides. fork.c makes processes from
 * processes, exec.c replaces their program, proc.c keeps the table and
 * the tree.
 *
 * Exit releases everything a process owns at once: its address space
 * (after switching the hart to the kernel-only table, since the space is
 * still active), its files. What remains is the kernel object with the
 * wait status, a zombie, which the parent's wait4() frees; a process
 * nobody waits for is freed by the next task that comes back from user
 * mode. That relies on user code running on one hart only, which is true
 * until ostd brings up secondary harts.
 */
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/power.h>
#include <ostd/time.h>

#include "cpustat.h"
#include "errno.h"
#include "exec.h"
#include "fault.h"
#include "futex.h"
#include "init.h"
#include "itimer.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "syscall.h"
#include "task.h"
#include "task_files.h"
#include "thread.h"
#include "uapi/resource.h"

/* Linux's defaults for init (include/asm-generic/resource.h). */
#define STK_LIM (8ULL << 20)
#define MLOCK_LIMIT (8ULL << 20)
#define MQ_BYTES_MAX 819200ULL
#define NR_OPEN_CUR 1024ULL
#define NR_OPEN_MAX 4096ULL

/* One tick of CPU time, charged whole (Linux's tick accounting). */
#define TICK_NS (1000000000ULL / OSTD_TICK_HZ)

void task_block(struct kernel_task *t)
{
	t->usage.nvcsw++;
	cpustat_switch();
	ostd_sched_block();
}

/* Ends a time slice. */
static void task_preempted(struct kernel_task *t)
{
	t->usage.nivcsw++;
	cpustat_switch();
	ostd_sched_yield();
}

/*
 * CPU time is sampled by the tick, as Linux does by default
 * (CONFIG_TICK_CPU_ACCOUNTING): each tick charges a whole tick to the
 * task it interrupted, to user time if it interrupted user mode, else to
 * system time; a tick in the idle loop is nobody's. So the trap path reads
 * no clock. The kernel runs with interrupts off, so a tick that comes
 * while it works on a task's behalf stays pending and is taken the moment
 * it returns to user mode, before a user instruction runs: an interrupt
 * exit at the pc the task was entered at, right after a system call or
 * fault, is that kernel work's tick. (After an interrupt exit the same pc
 * means a user loop on one instruction: user time.)
 */
static void task_account_tick(struct kernel_task *t,
			      enum ostd_exit_reason prev, uint64_t entry_pc)
{
	bool sys = prev != OSTD_EXIT_INTERRUPT && t->ctx.pc == entry_pc;

	if (sys)
		t->usage.stime_ns += TICK_NS;
	else
		t->usage.utime_ns += TICK_NS;
	cpustat_account(!sys); /* /proc/stat's cpu lines */
	itimer_account(t); /* ITIMER_VIRTUAL, ITIMER_PROF */
}

void task_user_loop(struct kernel_task *t)
{
	struct ostd_exit_info info;
	enum ostd_exit_reason prev = OSTD_EXIT_INTERRUPT;

	for (;;) {
		uint64_t entry_pc = t->ctx.pc;

		ostd_user_execute(&t->ctx, mm_vmspace(t->mm), &info);
		proc_free_released();
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
		if (info.tick) {
			task_account_tick(t, prev, entry_pc);
			task_preempted(t);
		}
		prev = info.reason;
		signal_deliver(t); /* a fatal signal ends it here */
	}
}

void task_init_creds(struct kernel_task *t)
{
	uint64_t nproc = proc_max_threads() / 2;
	size_t i;

	ostd_mem_set(&t->cred, 0, sizeof(t->cred)); /* root */
	for (i = 0; i < TASK_RLIMIT_COUNT; i++) {
		t->rlim[i].cur = RLIM_INFINITY;
		t->rlim[i].max = RLIM_INFINITY;
	}
	t->rlim[RLIMIT_STACK].cur = STK_LIM;
	t->rlim[RLIMIT_CORE].cur = 0;
	t->rlim[RLIMIT_NPROC].cur = nproc;
	t->rlim[RLIMIT_NPROC].max = nproc;
	t->rlim[RLIMIT_NOFILE].cur = NR_OPEN_CUR;
	t->rlim[RLIMIT_NOFILE].max = NR_OPEN_MAX;
	t->rlim[RLIMIT_MEMLOCK].cur = MLOCK_LIMIT;
	t->rlim[RLIMIT_MEMLOCK].max = MLOCK_LIMIT;
	t->rlim[RLIMIT_SIGPENDING].cur = nproc;
	t->rlim[RLIMIT_SIGPENDING].max = nproc;
	t->rlim[RLIMIT_MSGQUEUE].cur = MQ_BYTES_MAX;
	t->rlim[RLIMIT_MSGQUEUE].max = MQ_BYTES_MAX;
	t->rlim[RLIMIT_NICE].cur = 0;
	t->rlim[RLIMIT_NICE].max = 0;
	t->rlim[RLIMIT_RTPRIO].cur = 0;
	t->rlim[RLIMIT_RTPRIO].max = 0;
}

int task_spawn(const char *name, struct ostd_bytes image)
{
	struct kernel_task *t = OSTD_NEW(struct kernel_task);
	int err;

	if (!t)
		return -ENOMEM;
	ostd_bytes_copy(ostd_bytes_cstr(name), 0, t->name, TASK_NAME_LEN - 1);
	t->start_ns = ostd_time_monotonic_ns();
	t->exit_signal = SIGCHLD;
	task_init_creds(t);
	err = task_files_init(t);
	if (err == 0)
		err = exec_spawn(t, name, image);
	ostd_user_fp_changed(&t->ctx);
	/* A kernel-started process has no parent: nobody waits for it. */
	if (err == 0)
		err = proc_attach(t, NULL);
	if (err == 0) {
		t->task = ostd_task_create(task_user_loop, t);
		if (!t->task) {
			proc_detach(t);
			err = -ENOMEM;
		}
	}
	if (err < 0) {
		if (t->mm)
			mm_destroy(t->mm);
		task_files_release(t);
		ostd_heap_free(t);
		return err;
	}
	ostd_sched_wake(t->task);
	return t->pid;
}

struct kernel_task *task_current(void)
{
	return ostd_task_data(ostd_task_current());
}

size_t task_live_count(void)
{
	return proc_live_count();
}

/*
 * Linux's mm_release(): CLONE_CHILD_CLEARTID, as seen by the other users
 * of the space (pthread_join waits on this word), and a wake-up.
 */
static void task_clear_tid(struct kernel_task *t)
{
	uint32_t zero = 0;

	if (!t->clear_child_tid)
		return;
	if (mm_copy_to_user(t->mm, t->clear_child_tid, &zero,
			    sizeof(zero)) == 0)
		futex_wake_exit(t, t->clear_child_tid);
	t->clear_child_tid = 0;
}

/*
 * Drops the address space (Linux's exit_mm). A vfork child's space is
 * its parent's: the parent gets it back, and is released to run. A
 * thread's space is the group's: the last thread to let go frees it.
 */
static void task_exit_mm(struct kernel_task *t)
{
	struct mm *mm = t->mm;

	if (!mm)
		return;
	task_clear_tid(t);
	if (t->mm_shared) {
		t->mm = NULL;
		proc_vfork_release(t);
		return;
	}
	proc_vfork_release(t); /* CLONE_VFORK without CLONE_VM */
	if (!thread_mm_put(t)) {
		t->mm = NULL; /* the other threads go on with it */
		return;
	}
	t->mm = NULL;
	ostd_vmspace_activate(NULL);
	mm_destroy(mm);
}

/*
 * One log line per process exit: kernel-started processes and signal
 * deaths. A group's status is its exit_group's or fatal signal's; the
 * other threads' ends are debug output.
 */
static void task_log_exit(const struct kernel_task *t, int status)
{
	uint64_t ms = (ostd_time_monotonic_ns() - t->start_ns) / 1000000;
	const struct kernel_task *l = t->leader;
	enum ostd_log_level lvl = t->parent ? OSTD_LOG_DEBUG : OSTD_LOG_INFO;
	enum ostd_log_level killed = OSTD_LOG_INFO;

	if (l->group_exiting)
		status = l->group_exit_status;
	if (l != t || l->exec_waiter != NULL) { /* a thread, or de_thread */
		lvl = OSTD_LOG_DEBUG;
		killed = OSTD_LOG_DEBUG;
	}
	if (status & 0x7f)
		ostd_log(killed, "%s (pid %d) killed by signal %d after %lu ms",
			 t->name, t->pid, status & 0x7f, ms);
	else
		ostd_log(lvl, "%s (pid %d) exited with code %d after %lu ms",
			 t->name, t->pid, (status >> 8) & 0xff, ms);
}

_Noreturn void task_exit(struct kernel_task *t, int status)
{
	thread_group_exit(t, status); /* the other threads die too */
	task_exit_thread(t, status);
}

_Noreturn void task_exit_thread(struct kernel_task *t, int status)
{
	size_t left;

	if (t->leader->group_live <= 1) /* the process ends */
		init_check_exit(t->leader, status); /* "Attempted to kill init!" */
	task_log_exit(t, status);
	itimer_exit(t); /* the tick must not signal a zombie */
	task_exit_mm(t);
	task_files_release(t); /* closing pipe ends gives EOFs now */
	/* From here on @t belongs to its reaper: do not touch it. */
	left = proc_exit(t, status);
	if (left == 0) {
		ostd_printk("All applications completed!\n");
		ostd_power_off(false);
	}
	ostd_sched_exit();
}
