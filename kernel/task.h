/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/task.h - processes: one user address space run by one ostd task.
 *
 * A struct kernel_task is the kernel's half of a thread of control; ostd's
 * struct ostd_task (stack, saved registers, scheduler state) is the other
 * half, and each points to the other. A task is one thread; a process
 * is a thread group (CLONE_THREAD): the leader, whose pid is the group's
 * tgid, and the threads it made, which share its address space, files
 * and signal handlers (see thread.c and docs/architecture.md).
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

struct mm;
struct fdtable;
struct fs_context;

#define TASK_NAME_LEN 16

/* Which of a task's links a list threads through. */
enum task_link_kind {
	TASK_LINK_RUN,   /* the run queue (sched.c) */
	TASK_LINK_PROC,  /* the process table or the zombie list (task.c) */
	TASK_LINK_SLEEP, /* the sleep list (sleep.c) */
	TASK_LINK_CHILD, /* the parent's children list (proc.c) */
	TASK_LINK_ITIMER, /* the armed ITIMER_REAL timers (itimer.c) */
	TASK_LINK_THREAD, /* the leader's thread list (thread.c) */
	TASK_LINK_COUNT,
};

struct task_link {
	struct kernel_task *next;
	struct kernel_task *prev;
	bool linked;
};

/* An intrusive list of tasks; the functions are in tasklist.h. */
struct task_list {
	struct kernel_task *head;
	struct kernel_task *tail;
	size_t len;
	enum task_link_kind kind;
};

/* Real, effective, saved and file-system user and group ids. */
struct task_cred {
	uint32_t uid, euid, suid, fsuid;
	uint32_t gid, egid, sgid, fsgid;
};

/* Linux's struct rlimit64; RLIM_INFINITY is UINT64_MAX. */
struct task_rlimit {
	uint64_t cur;
	uint64_t max;
};
#define TASK_RLIMIT_COUNT 16 /* RLIM_NLIMITS */

/*
 * CPU time (whole ticks, see task_user_loop()) and context switches, for
 * times(2), getrusage(2), wait4(2).
 */
struct task_usage {
	uint64_t utime_ns;
	uint64_t stime_ns;
	uint64_t nvcsw;  /* voluntary switches: blocked */
	uint64_t nivcsw; /* involuntary switches: time slice ended */
};

/*
 * Interval timers, setitimer(2) (itimer.c). The ITIMER_REAL fields are
 * protected by the itimer lock; the CPU-time timers (ITIMER_VIRTUAL at
 * [0], ITIMER_PROF at [1]) are owned by the task itself, which alone
 * sets them and charges its CPU time.
 */
struct task_itimers {
	uint64_t real_expires_ns;  /* monotonic; kept once fired, to re-arm */
	uint64_t real_interval_ns;
	uint64_t cpu_expires_ns[2]; /* absolute CPU time; 0: disarmed */
	uint64_t cpu_interval_ns[2];
};

/*
 * Linux's struct sigaction on riscv64 (asm-generic, no sa_restorer), as
 * rt_sigaction(2) passes it: the user layout, copied as is.
 */
struct task_sigaction {
	uint64_t handler; /* SIG_DFL (0), SIG_IGN (1) or a user address */
	uint64_t flags;   /* SA_*, unknown bits cleared as Linux does */
	uint64_t mask;    /* blocked while the handler runs */
};

#define TASK_NSIG 64

/*
 * What a pending signal's siginfo says (the fields Linux fills for
 * kill(), a child's exit and a fault); signal.c copies it to the frame.
 */
struct task_siginfo {
	int32_t code;   /* si_code: SI_USER, CLD_*, SEGV_* ... */
	int32_t pid;    /* sender, or the child */
	uint32_t uid;
	int32_t status; /* SIGCHLD: exit code or signal */
	uint64_t addr;  /* faults: si_addr */
	uint64_t utime; /* SIGCHLD: the child's times, in clock ticks */
	uint64_t stime;
};

/*
 * Signal state (signal.c). Protected by the process table lock: senders
 * (kill, a pipe's SIGPIPE) read the actions and the mask and write
 * pending and fatal of another process.
 */
struct task_signals {
	struct task_sigaction action[TASK_NSIG]; /* signal n at [n - 1] */
	uint64_t blocked; /* bit n - 1: signal n */
	uint64_t pending; /* arrived, not delivered (blocked or handled) */
	uint64_t ss_sp;   /* sigaltstack(2): SA_ONSTACK handlers run there */
	uint64_t ss_size;
	uint32_t ss_flags;
	int fatal; /* signal that ends the process on its way to user mode */
	struct task_siginfo info[TASK_NSIG]; /* of each pending signal */
	/* rt_sigsuspend(): the mask to put back once a handler ran. */
	uint64_t saved_mask;
	bool restore_mask;
	uint64_t waitset; /* rt_sigtimedwait(): these wake it, blocked or not */
	/* Set by syscall_dispatch for signal_deliver (syscall restart). */
	bool in_syscall;
	uint64_t orig_a0;
	/*
	 * Linux's restart_block, for the one user (a relative sleep): what
	 * restart_syscall(2) resumes after a stop or a handler-less signal.
	 */
	bool restart_armed;
	uint64_t restart_deadline; /* monotonic ns */
	uint64_t restart_rem;      /* the user's rem pointer, or 0 */
};

/* Job-control stop state (jobctl.c). Protected by the process table lock. */
struct task_jobctl {
	int stop_sig;   /* a stop to do on the way back to user mode, or 0 */
	bool stopped;   /* stopped: runs nothing until SIGCONT or SIGKILL */
	int stopped_by; /* the signal that stopped it */
	int report;     /* enum jobctl_report: what a wait can still report */
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
	struct mm *mm; /* the address space (kernel/mm/mm.h) */
	struct fdtable *fdt;   /* open files (fs/fdtable.h, task_files.h) */
	struct fs_context *fs; /* root, cwd, umask (fs/vfs.h) */

	/* Sleep deadline (monotonic ns); protected by the sleep lock. */
	uint64_t wake_ns;

	struct task_link links[TASK_LINK_COUNT];

	/*
	 * The process tree, protected by the process table lock (proc.c).
	 * @parent is NULL for a process the kernel started: nobody waits
	 * for it, so it is freed as soon as it exits.
	 */
	struct kernel_task *parent;
	struct task_list children; /* live and zombie, via TASK_LINK_CHILD */
	/*
	 * The thread group, protected by the process table lock. @leader is
	 * the task itself for a process; a thread has no @parent and no
	 * children (its forks are the leader's). The rest is the leader's:
	 * its threads (itself included, via TASK_LINK_THREAD), how many have
	 * not exited or still hold the address space, the group exit, and
	 * an execve() waiting for the others to die (thread.c).
	 */
	struct kernel_task *leader;
	int tgid;
	struct task_list threads;
	int group_live;
	int group_mm;
	bool group_exiting;
	int group_exit_status;
	struct kernel_task *exec_waiter;
	int pgid;
	int sid;
	int exit_signal;   /* sent to the parent at exit: SIGCHLD, or 0 */
	bool did_exec;     /* setpgid() by the parent then fails (EACCES) */
	bool waiting;      /* blocked in wait4(): a child's exit wakes it */
	bool vfork_done;   /* our vfork child has exec'ed or exited */
	struct kernel_task *vfork_parent; /* blocked until we exec or exit */
	struct task_usage usage;          /* ours */
	struct task_usage child_usage;    /* reaped children's, summed */
	struct task_itimers itimers;      /* not inherited by fork */

	/*
	 * Credentials and limits: written by the task itself, or with the
	 * process table lock held (prlimit64 on another process).
	 */
	struct task_cred cred;
	struct task_rlimit rlim[TASK_RLIMIT_COUNT];
	ostd_uaddr_t clear_child_tid; /* set_tid_address(2) */
	bool mm_shared;    /* the address space is the vfork parent's */
	struct task_signals sig; /* signal.c */
	struct task_jobctl jc;   /* jobctl.c */
	ostd_uaddr_t robust_list; /* set_robust_list(2): stored only */
	uint64_t robust_len;
	/*
	 * setpriority(2)'s nice value, -20..19, and personality(2)'s persona
	 * (sys_prio.c): inherited by fork; exec keeps nice and resets the
	 * persona's low byte to PER_LINUX. Stored only: the scheduler
	 * ignores nice. Written by the task itself, or with the process
	 * table lock held (setpriority on another process).
	 */
	int nice;
	uint32_t personality;
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
 * Ends @t's process, @t being the running task, with the Linux wait
 * status @status (exit_group, a fatal signal or fault): every other
 * thread of the group is killed. When it was the last process, powers
 * the machine off.
 */
_Noreturn void task_exit(struct kernel_task *t, int status);
/* Ends only the thread @t (exit(2)); the process ends with its last thread. */
_Noreturn void task_exit_thread(struct kernel_task *t, int status);

/* Number of processes that have not exited. */
size_t task_live_count(void);

/*
 * Blocks @t, the running task, until someone wakes it, and charges the
 * time to nobody (it is neither user nor system time). Every blocking
 * wait of a task should use this rather than ostd_sched_block().
 */
void task_block(struct kernel_task *t);

/* Gives @t (a kernel-started process) Linux init's ids and limits. */
void task_init_creds(struct kernel_task *t);

/* The body of every process's ostd task: run user code, handle exits. */
void task_user_loop(struct kernel_task *t);

/*
 * clone(2) for @parent, the running task: the fork and vfork forms (see
 * fork.c). Returns the child's pid or a negative errno.
 */
long task_clone(struct kernel_task *parent, uint64_t flags, uint64_t newsp,
		ostd_uaddr_t parent_tid, uint64_t tls, ostd_uaddr_t child_tid);

#endif
