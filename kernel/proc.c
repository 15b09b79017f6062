// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/proc.c - the process table and tree (see proc.h for the model).
 *
 * Every thread is on exactly one table list through TASK_LINK_PROC
 * (threads of a process are tasks too, see thread.h; a group leader that
 * exits before its threads waits on `zombies`, unreapable, until the
 * last one has gone):
 * `live` until it exits, then `zombies` while a parent may still wait for
 * it, or `released` when nobody will (freed by proc_free_released()). A
 * process with a parent is also on the parent's children list through
 * TASK_LINK_CHILD, alive or zombie, until it is reaped. Lookups by pid are
 * linear scans: the table is bounded by max_threads (about a thousand on
 * a 128 MiB machine), like Linux's default limit.
 */
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/task.h>

#include "errno.h"
#include "fault.h"
#include "jobctl.h"
#include "proc.h"
#include "signal.h"
#include "tasklist.h"
#include "thread.h"
#include "uapi/resource.h"

/* Linux's PID_MAX_LIMIT on 64-bit, and the first pid reused after a wrap. */
#define PID_MAX 4194304
#define PID_WRAP_START 300
/* Linux's max_threads bounds: at least MIN_THREADS, at most FUTEX_TID_MASK. */
#define MIN_THREADS 20
/* Pages of one kernel stack (16 KiB): Linux's THREAD_SIZE / PAGE_SIZE. */
#define KSTACK_PAGES 4

static struct {
	/* protects: everything here and the tree fields of every task */
	struct ostd_spinlock lock;
	struct task_list live;     /* every process that has not exited */
	struct task_list zombies;  /* exited, a parent may wait for them */
	struct task_list released; /* exited, nobody waits: to be freed */
	struct kernel_task *init;  /* pid 1 while it lives */
	int next_pid;
	int last_pid;              /* the pid handed out last (loadavg) */
	uint64_t forks;            /* pids handed out since boot (stat) */
	size_t max_threads;        /* read-only after proc_init() */
} procs = {
	.lock = OSTD_SPINLOCK_INIT("procs"),
	.live = { NULL, NULL, 0, TASK_LINK_PROC },
	.zombies = { NULL, NULL, 0, TASK_LINK_PROC },
	.released = { NULL, NULL, 0, TASK_LINK_PROC },
	.next_pid = 1,
	.max_threads = MIN_THREADS,
};

void proc_init(void)
{
	/*
	 * Linux (kernel/fork.c, set_max_threads): kernel stacks may use at
	 * most an eighth of RAM. 128 MiB gives 1024 processes.
	 */
	size_t n = ostd_frame_total_count() / (8 * KSTACK_PAGES);

	procs.max_threads = n < MIN_THREADS ? MIN_THREADS : n;
}

size_t proc_max_threads(void)
{
	return procs.max_threads;
}

struct ostd_irq_guard proc_lock(void)
{
	return ostd_spin_lock(&procs.lock);
}

void proc_unlock(struct ostd_irq_guard *g)
{
	ostd_spin_unlock(&procs.lock, g);
}

static struct kernel_task *find_in(const struct task_list *l, int pid)
{
	struct kernel_task *t;

	for (t = task_list_first(l); t; t = task_list_next(l, t)) {
		if (t->pid == pid)
			return t;
	}
	return NULL;
}

struct kernel_task *proc_find_locked(int pid)
{
	struct kernel_task *t = find_in(&procs.live, pid);

	return t ? t : find_in(&procs.zombies, pid);
}

struct kernel_task *proc_next_locked(int after)
{
	const struct task_list *lists[2] = { &procs.live, &procs.zombies };
	struct kernel_task *best = NULL;
	struct kernel_task *t;
	size_t i;

	for (i = 0; i < 2; i++) {
		for (t = task_list_first(lists[i]); t;
		     t = task_list_next(lists[i], t)) {
			if (t->leader == t && t->pid > after &&
			    (!best || t->pid < best->pid))
				best = t;
		}
	}
	return best;
}

/*
 * Hands out pids in increasing order like Linux, wrapping to
 * PID_WRAP_START and skipping pids in use (as a process, a process group
 * or a session id, as Linux's alloc_pid does). Lock held.
 */
static bool pid_busy_locked(int pid)
{
	const struct task_list *lists[2] = { &procs.live, &procs.zombies };
	size_t i;

	for (i = 0; i < 2; i++) {
		const struct kernel_task *t;

		for (t = task_list_first(lists[i]); t;
		     t = task_list_next(lists[i], t)) {
			if (t->pid == pid || t->pgid == pid || t->sid == pid)
				return true;
		}
	}
	return false;
}

static int pid_alloc_locked(void)
{
	int tries;

	for (tries = 0; tries < PID_MAX; tries++) {
		int pid = procs.next_pid;

		procs.next_pid = pid + 1 >= PID_MAX ? PID_WRAP_START : pid + 1;
		if (!pid_busy_locked(pid)) {
			procs.last_pid = pid;
			procs.forks++;
			return pid;
		}
	}
	return -EAGAIN;
}

/* Processes (live and zombie) whose real user id is @uid. Lock held. */
static size_t count_user_locked(uint32_t uid)
{
	const struct task_list *lists[2] = { &procs.live, &procs.zombies };
	size_t i, n = 0;

	for (i = 0; i < 2; i++) {
		const struct kernel_task *t;

		for (t = task_list_first(lists[i]); t;
		     t = task_list_next(lists[i], t)) {
			if (t->cred.uid == uid)
				n++;
		}
	}
	return n;
}

/* Linux's copy_process() checks: RLIMIT_NPROC, then max_threads. */
static int check_limits_locked(const struct kernel_task *t)
{
	uint64_t nproc = t->rlim[RLIMIT_NPROC].cur;

	if (t->cred.uid != 0 && t->cred.euid != 0 &&
	    count_user_locked(t->cred.uid) >= nproc)
		return -EAGAIN;
	if (procs.live.len + procs.zombies.len >= procs.max_threads)
		return -EAGAIN;
	return 0;
}

int proc_attach(struct kernel_task *t, struct kernel_task *parent)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	int err = check_limits_locked(t);

	if (err == 0)
		err = pid_alloc_locked();
	if (err > 0) {
		t->pid = err;
		t->state = TASK_ALIVE;
		t->parent = parent;
		task_list_init(&t->children, TASK_LINK_CHILD);
		thread_group_init(t);
		task_list_push_tail(&procs.live, t);
		if (parent)
			task_list_push_tail(&parent->children, t);
		if (t->pid == 1)
			procs.init = t;
		err = 0;
	}
	ostd_spin_unlock(&procs.lock, &g);
	return err;
}

int proc_attach_thread(struct kernel_task *t, struct kernel_task *creator)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	struct kernel_task *l = creator->leader;
	int err = check_limits_locked(t);

	/* Linux: no new thread in a dying group (it would outlive it). */
	if (err == 0 && (l->group_exiting || l->exec_waiter != NULL))
		err = -EAGAIN;
	if (err == 0)
		err = pid_alloc_locked();
	if (err > 0) {
		t->pid = err;
		t->state = TASK_ALIVE;
		t->parent = NULL;
		task_list_init(&t->children, TASK_LINK_CHILD);
		task_list_init(&t->threads, TASK_LINK_THREAD);
		t->leader = l;
		t->tgid = l->pid;
		task_list_push_tail(&l->threads, t);
		l->group_live++;
		l->group_mm++;
		task_list_push_tail(&procs.live, t);
		err = 0;
	}
	ostd_spin_unlock(&procs.lock, &g);
	return err;
}

void proc_detach(struct kernel_task *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);

	if (t->leader != t) {
		task_list_remove(&t->leader->threads, t);
		t->leader->group_live--;
		t->leader->group_mm--;
	}
	task_list_remove(&procs.live, t);
	if (t->parent)
		task_list_remove(&t->parent->children, t);
	if (procs.init == t)
		procs.init = NULL;
	ostd_spin_unlock(&procs.lock, &g);
}

/* Wakes @t if it sleeps in wait4() or waitid(). Lock held. */
void proc_wake_waiter_locked(struct kernel_task *t)
{
	const struct task_list *l = &t->leader->threads;
	struct kernel_task *c;

	/* Any thread of the process may be the one waiting. */
	if (t->waiting && t->task)
		ostd_sched_wake(t->task);
	for (c = task_list_first(l); c; c = task_list_next(l, c)) {
		if (c != t && c->waiting && c->task)
			ostd_sched_wake(c->task);
	}
}

/* Moves zombie @z, which nobody will wait for, to the free list. */
static void release_zombie_locked(struct kernel_task *z)
{
	task_list_remove(&procs.zombies, z);
	task_list_push_tail(&procs.released, z);
}

/*
 * Hands @t's children to pid 1 (Linux's forget_original_parent), or
 * frees them on exit when there is no pid 1 to take them. Lock held.
 */
static void reparent_children_locked(struct kernel_task *t)
{
	struct kernel_task *init = procs.init == t ? NULL : procs.init;
	struct kernel_task *c;

	while ((c = task_list_pop_head(&t->children)) != NULL) {
		c->parent = init;
		if (init) {
			task_list_push_tail(&init->children, c);
			if (c->state == TASK_ZOMBIE)
				proc_wake_waiter_locked(init);
		} else if (c->state == TASK_ZOMBIE && c->group_live == 0) {
			/* (A parked leader is settled by its last thread.) */
			release_zombie_locked(c);
		}
	}
}

/*
 * Sends @t's exit signal to its parent with the child's siginfo (Linux's
 * do_notify_parent). Returns whether the parent asked for its children
 * to be reaped at once: SIGCHLD ignored or SA_NOCLDWAIT. Lock held.
 */
static bool notify_parent_locked(struct kernel_task *t, int status)
{
	struct kernel_task *p = t->parent;
	const struct task_sigaction *a = &p->sig.action[SIGCHLD - 1];
	struct task_siginfo info = { 0 };
	bool killed = (status & 0x7f) != 0;

	info.code = killed ? CLD_KILLED : CLD_EXITED;
	info.pid = t->pid;
	info.uid = t->cred.uid;
	info.status = killed ? status & 0x7f : (status >> 8) & 0xff;
	info.utime = t->usage.utime_ns / 10000000; /* USER_HZ = 100 */
	info.stime = t->usage.stime_ns / 10000000;
	if (t->exit_signal != 0)
		signal_send_info_locked(p, t->exit_signal, &info);
	return t->exit_signal == SIGCHLD &&
	       (a->handler == SIG_IGN || (a->flags & SA_NOCLDWAIT) != 0);
}

void proc_usage_add(struct task_usage *to, const struct task_usage *from)
{
	to->utime_ns += from->utime_ns;
	to->stime_ns += from->stime_ns;
	to->nvcsw += from->nvcsw;
	to->nivcsw += from->nivcsw;
}

void proc_unlink_zombie_locked(struct kernel_task *z)
{
	task_list_remove(&z->parent->children, z);
	task_list_remove(&procs.zombies, z);
}

/* The last thread of @t's group is gone: the process is a zombie now. */
static void group_settle_locked(struct kernel_task *t)
{
	int status = t->group_exiting ? t->group_exit_status : t->exit_status;

	t->exit_status = status;
	reparent_children_locked(t);
	if (procs.init == t)
		procs.init = NULL;
	if (t->parent && notify_parent_locked(t, status)) {
		/* Nobody will wait for it: wait4() sees ECHILD once all go. */
		task_list_remove(&t->parent->children, t);
		task_list_push_tail(&procs.released, t);
		proc_wake_waiter_locked(t->parent);
	} else if (t->parent) {
		task_list_push_tail(&procs.zombies, t);
		proc_wake_waiter_locked(t->parent);
	} else {
		task_list_push_tail(&procs.released, t);
	}
}

size_t proc_exit(struct kernel_task *t, int status)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	struct kernel_task *l = t->leader;
	size_t left;

	task_list_remove(&procs.live, t);
	left = procs.live.len;
	t->state = TASK_ZOMBIE;
	t->exit_status = status;
	t->task = NULL;
	l->group_live--;
	if (l->exec_waiter && l->exec_waiter->task)
		ostd_sched_wake(l->exec_waiter->task); /* de_thread */
	if (t != l) {
		/* A thread: nobody waits for it; its times are the process's. */
		proc_usage_add(&l->usage, &t->usage);
		task_list_remove(&l->threads, t);
		task_list_push_tail(&procs.released, t);
		if (l->group_live == 0 && l->state == TASK_ZOMBIE) {
			task_list_remove(&procs.zombies, l);
			group_settle_locked(l);
		}
	} else if (l->group_live > 0) {
		/* Linux's delay_group_leader(): parked until the rest go. */
		task_list_push_tail(&procs.zombies, t);
	} else {
		group_settle_locked(t);
	}
	ostd_spin_unlock(&procs.lock, &g);
	return left;
}

void proc_take_leader_locked(struct kernel_task *t)
{
	struct kernel_task *l = t->leader;
	struct kernel_task *c;

	task_list_remove(&procs.zombies, l);
	task_list_remove(&l->threads, t);
	t->pid = l->pid;
	t->parent = l->parent;
	if (l->parent) {
		task_list_remove(&l->parent->children, l);
		task_list_push_tail(&l->parent->children, t);
	}
	while ((c = task_list_pop_head(&l->children)) != NULL) {
		c->parent = t;
		task_list_push_tail(&t->children, c);
	}
	t->exit_signal = l->exit_signal;
	t->child_usage = l->child_usage;
	t->did_exec = l->did_exec;
	if (procs.init == l)
		procs.init = t;
	thread_group_init(t);
	task_list_push_tail(&procs.released, l);
}

/* proc_free_released()'s loop, kept out of it so its common case saves
 * no registers. */
void proc_free_released_all(void)
{
	for (;;) {
		struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
		struct kernel_task *z = task_list_pop_head(&procs.released);

		ostd_spin_unlock(&procs.lock, &g);
		if (!z)
			return;
		ostd_heap_free(z);
	}
}

void proc_free_released(void)
{
	/*
	 * Called on every trap, so the common case (nothing released) takes
	 * no lock. Only user tasks release zombies, and they run on one hart
	 * with interrupts off in the kernel, so no push can race with this
	 * read; were it to (SMP), a zero read late only delays the free to
	 * the next trap, and the list itself is only touched under the lock.
	 */
	if (procs.released.len != 0)
		proc_free_released_all();
}

size_t proc_live_count(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	size_t n = procs.live.len;

	ostd_spin_unlock(&procs.lock, &g);
	return n;
}

void proc_pid_stats(int *last_pid, uint64_t *forks)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);

	*last_pid = procs.last_pid;
	*forks = procs.forks;
	ostd_spin_unlock(&procs.lock, &g);
}

size_t proc_count(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	size_t n = procs.live.len + procs.zombies.len;

	ostd_spin_unlock(&procs.lock, &g);
	return n;
}

void proc_vfork_wait(struct kernel_task *parent)
{
	for (;;) {
		struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
		bool done = parent->vfork_done;

		/* Reset for the next vfork, which the child cannot start. */
		parent->vfork_done = false;
		parent->waiting = !done;
		ostd_spin_unlock(&procs.lock, &g);
		if (done)
			return;
		task_block(parent);
	}
}

void proc_vfork_release(struct kernel_task *child)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	struct kernel_task *parent = child->vfork_parent;

	child->vfork_parent = NULL;
	if (parent) {
		parent->vfork_done = true;
		proc_wake_waiter_locked(parent);
	}
	ostd_spin_unlock(&procs.lock, &g);
}

/*
 * No lock: @t is the running task, and t->parent changes (reparenting)
 * and the parent's freeing (after it is reaped) are done by other tasks,
 * which cannot run while this one is in the kernel: the kernel is not
 * preempted (interrupts off) and user tasks run on one hart (see
 * task.c). The parent's pid never changes. With SMP this needs the lock,
 * or a ppid copy updated under it.
 */
int proc_getppid(struct kernel_task *t)
{
	const struct kernel_task *p = t->leader->parent;

	return p ? p->pid : 0;
}

/* The pgid (@sid false) or sid (@sid true) of @pid (0: @t itself). */
static int get_group(struct kernel_task *t, int pid, bool sid)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	struct kernel_task *p = pid == 0 ? t : proc_find_locked(pid);
	int ret = -ESRCH;

	if (pid >= 0 && p) /* the ids are the process's */
		ret = sid ? p->leader->sid : p->leader->pgid;
	ostd_spin_unlock(&procs.lock, &g);
	return ret;
}

int proc_getpgid(struct kernel_task *t, int pid)
{
	return get_group(t, pid, false);
}

int proc_getsid(struct kernel_task *t, int pid)
{
	return get_group(t, pid, true);
}

/*
 * Some process has process group @pgid, in session @sid or, with
 * @any_session, in any session. Lock held.
 */
static bool group_exists_locked(int pgid, int sid, bool any_session)
{
	const struct task_list *lists[2] = { &procs.live, &procs.zombies };
	size_t i;

	for (i = 0; i < 2; i++) {
		const struct kernel_task *p;

		for (p = task_list_first(lists[i]); p;
		     p = task_list_next(lists[i], p)) {
			if (p->pgid == pgid && (any_session || p->sid == sid))
				return true;
		}
	}
	return false;
}

/* Linux's setpgid() checks, in its order. Lock held. */
static int setpgid_locked(struct kernel_task *t, struct kernel_task *p,
			  int pgid)
{
	if (p != t) {
		if (p->parent != t || p->state != TASK_ALIVE)
			return -ESRCH;
		if (p->sid != t->sid)
			return -EPERM;
		if (p->did_exec)
			return -EACCES;
	}
	if (p->sid == p->pid)
		return -EPERM; /* a session leader */
	if (pgid != p->pid && !group_exists_locked(pgid, t->sid, false))
		return -EPERM;
	p->pgid = pgid;
	return 0;
}

int proc_setpgid(struct kernel_task *t, int pid, int pgid)
{
	struct ostd_irq_guard g;
	struct kernel_task *p;
	int err;

	if (pid < 0 || pgid < 0)
		return -EINVAL;
	g = ostd_spin_lock(&procs.lock);
	t = t->leader; /* a process's ids, whichever thread asks */
	p = pid == 0 || pid == t->pid ? t : find_in(&procs.live, pid);
	if (!p) {
		err = -ESRCH;
	} else {
		err = setpgid_locked(t, p, pgid == 0 ? p->pid : pgid);
		if (err == 0)
			thread_sync_ids_locked(p);
	}
	ostd_spin_unlock(&procs.lock, &g);
	return err;
}

int proc_setsid(struct kernel_task *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&procs.lock);
	int ret;

	t = t->leader; /* a process's ids, whichever thread asks */
	ret = t->pid;
	/* Linux: EPERM if a process group already has our pid as its id. */
	if (t->pgid == t->pid || group_exists_locked(t->pid, 0, true)) {
		ret = -EPERM;
	} else {
		t->sid = t->pid;
		t->pgid = t->pid;
		thread_sync_ids_locked(t);
	}
	ostd_spin_unlock(&procs.lock, &g);
	return ret;
}
