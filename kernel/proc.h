/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/proc.h - the process table and the process tree: pids, parents
 * and children, process groups and sessions, zombies, wait4/waitid and
 * vfork.
 *
 * Lifecycle, as on Linux: a process is attached (given a pid, linked under
 * its parent), runs, and exits. Exit releases its memory and files at once
 * (task.c) and leaves a zombie that holds only the kernel object and the
 * wait status. The parent's wait4() or waitid() reaps the zombie and frees
 * it (waitid(WNOWAIT) only reads it). Children
 * of an exiting process are reparented to pid 1; a process with no parent
 * (the ones the kernel started, and orphans once pid 1 is gone) is freed
 * as soon as it exits, as if its parent ignored SIGCHLD.
 *
 * Threads (thread.h) have tids from the same space and sit in the table,
 * but only a group leader is anybody's child: a fork from any thread makes
 * a child of the leader, any thread's wait4() waits for the leader's
 * children, and the process becomes a waitable zombie only when its last
 * thread has exited.
 *
 * Locking: one process table lock protects the table, every task's tree
 * fields (parent, children, pgid, sid, state, exit_status, waiting,
 * vfork_*) and writes to another task's limits. It is a leaf lock except
 * for the scheduler's (ostd_sched_wake is called with it held), and for
 * /proc, which reads a process's page table and fd table under it
 * (process table lock -> fdtable lock, ostd's page-table locks).
 *
 * Blocking (wait4, vfork) checks its condition and blocks with interrupts
 * off on one hart, so no wake-up can fall between the two; user code runs
 * on the boot hart only (see task.c). With SMP this needs a prepare-to-wait
 * step in ostd.
 */
#ifndef KERNEL_PROC_H
#define KERNEL_PROC_H

#include <ostd/cpu.h>
#include <ostd/types.h>

#include "task.h"

/* wait4() and waitid() options (include/uapi/linux/wait.h). */
#define WNOHANG 0x00000001U
#define WUNTRACED 0x00000002U
#define WSTOPPED WUNTRACED
#define WEXITED 0x00000004U
#define WCONTINUED 0x00000008U
#define WNOWAIT 0x01000000U
#define WNOTHREAD 0x20000000U /* Linux's __WNOTHREAD */
#define WALL 0x40000000U      /* __WALL */
#define WCLONE 0x80000000U    /* __WCLONE */

/* waitid() idtypes. */
#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#define P_PIDFD 3

/* Computes the process limit from RAM (Linux's max_threads). Once, at boot. */
void proc_init(void);
/* The system-wide process limit; RLIMIT_NPROC defaults to half of it. */
size_t proc_max_threads(void);

/*
 * Gives @t a pid and links it into the table, under @parent (NULL for a
 * process the kernel starts). -EAGAIN at the system-wide limit, or when
 * @t's real user is at its RLIMIT_NPROC (root is exempt, as on Linux).
 */
int proc_attach(struct kernel_task *t, struct kernel_task *parent);

/*
 * Gives the new thread @t a tid and links it into the table and into
 * the group of @creator (clone(CLONE_THREAD)). -EAGAIN as proc_attach().
 */
int proc_attach_thread(struct kernel_task *t, struct kernel_task *creator);

/*
 * execve from a thread, once it is the only one left (thread.c): @t
 * takes its parked leader's place (pid, parent, children) and the old
 * leader is freed. Lock held.
 */
void proc_take_leader_locked(struct kernel_task *t);

/* Undoes proc_attach() for a process that never ran (fork failed late). */
void proc_detach(struct kernel_task *t);

/*
 * Turns @t, the running task, into a zombie with wait status @status:
 * reparents its children, wakes its parent (or a vfork parent), or frees
 * it later if nobody will wait. Returns the number of live processes.
 * After this @t belongs to its reaper: the caller must not touch it.
 */
size_t proc_exit(struct kernel_task *t, int status);

/* proc_wait.c's half of the table: reaping @z (a zombie with a parent)
 * unlinks it from the table and from its parent. Lock held. */
void proc_unlink_zombie_locked(struct kernel_task *z);
/* Adds @from's times and switch counts to @to. */
void proc_usage_add(struct task_usage *to, const struct task_usage *from);

/* Frees exited processes nobody waits for. Any task context. */
void proc_free_released(void);
/* Frees them all, under the lock: proc_free_released()'s slow path. */
void proc_free_released_all(void);

/* Processes that have not exited, and all processes including zombies. */
size_t proc_live_count(void);
size_t proc_count(void);
/* The pid handed out last, and how many were since boot (Linux's
 * last_pid of /proc/loadavg and total_forks of /proc/stat). */
void proc_pid_stats(int *last_pid, uint64_t *forks);

/* What wait4() or waitid() reaped (or, with WNOWAIT, found). */
struct proc_waited {
	int pid;
	uint32_t uid;            /* the child's real user id */
	int status;              /* Linux wait status */
	struct task_usage usage; /* the child's own plus its reaped children */
};

/* Which children a wait selects, and how (Linux's struct wait_opts). */
struct proc_wait_opts {
	int idtype;       /* P_ALL, P_PID or P_PGID */
	int id;           /* P_PID: the pid; P_PGID: the group, 0: @t's own */
	unsigned options; /* W* above, already validated by the caller */
};

/*
 * The core of wait4() and waitid() (Linux's do_wait): waits until a child
 * of @t that @w selects has exited and, with WEXITED, reaps it into @out
 * (WNOWAIT: leaves it a zombie), or, with WSTOPPED or WCONTINUED, until
 * one has stopped or continued (jobctl.c), reported once. Returns the child's pid,
 * 0 with WNOHANG while selected children live on, -ECHILD when none can
 * ever match, or -ERESTARTSYS when a signal interrupts the wait.
 */
long proc_do_wait(struct kernel_task *t, const struct proc_wait_opts *w,
		  struct proc_waited *out);

/*
 * wait4(): a child selected by @pid (-1: any, >0: that pid, 0: in @t's
 * process group, < -1: in group -@pid), as proc_do_wait() with WEXITED.
 * Also -EINVAL for unknown @options, -ESRCH for INT_MIN.
 */
long proc_wait(struct kernel_task *t, int pid, unsigned options,
	       struct proc_waited *out);

/* Blocks @parent until its vfork child @child has exec'ed or exited. */
void proc_vfork_wait(struct kernel_task *parent);
/* Called by a vfork child at exec or exit: lets its parent go on. */
void proc_vfork_release(struct kernel_task *child);

/* getppid, getpgid, getsid, setpgid and setsid for @t. */
int proc_getppid(struct kernel_task *t);
int proc_getpgid(struct kernel_task *t, int pid);
int proc_getsid(struct kernel_task *t, int pid);
int proc_setpgid(struct kernel_task *t, int pid, int pgid);
int proc_setsid(struct kernel_task *t);

/*
 * Raw access for prlimit64() on another process: the table lock, and a
 * lookup that is valid only while it is held. NULL if no such process.
 */
struct ostd_irq_guard proc_lock(void);
void proc_unlock(struct ostd_irq_guard *g);
struct kernel_task *proc_find_locked(int pid);
/* Wakes @t if it sleeps in wait4() or waitid(). Lock held. */
void proc_wake_waiter_locked(struct kernel_task *t);
/* The process (live or zombie) with the smallest pid above @after, or
 * NULL: walks the table in pid order (/proc). Lock held. */
struct kernel_task *proc_next_locked(int after);

#endif
