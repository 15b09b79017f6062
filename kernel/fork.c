// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fork.c - clone(2): new processes from the running one.
 *
 * Two forms are supported, the two musl uses:
 *   fork   clone(SIGCHLD, 0): the child gets a copy-on-write duplicate of
 *          the address space (mm_fork) and returns 0 from the call;
 *   vfork  clone(CLONE_VM | CLONE_VFORK | SIGCHLD, sp): the child borrows
 *          the parent's address space itself, and the parent sleeps until
 *          the child has exec'ed or exited (proc_vfork_wait), so the two
 *          never run on the space at the same time.
 * CLONE_VFORK alone (a copy, with the wait) works too, as do sharing
 * the fd table (CLONE_FILES) or the fs context (CLONE_FS), the tid flags
 * (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID) and
 * CLONE_SETTLS.
 *   thread clone(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
 *          CLONE_THREAD | ..., sp), what pthread_create() passes: a new
 *          thread in the caller's group (thread.h), on the same space.
 * CLONE_VM without CLONE_VFORK or CLONE_THREAD (a process sharing the
 * space), CLONE_SIGHAND without CLONE_THREAD, and namespaces are refused
 * with -EINVAL; see docs/syscalls.md.
 *
 * The child inherits Linux's list: registers (a0 = 0 in the child), FP
 * state, ids, limits, nice value and persona, process group and session,
 * name, and the files (task_files_fork). Resource usage starts at zero;
 * memory locks stay with the parent (mm_fork).
 */
#include <ostd/mem.h>
#include <ostd/task.h>
#include <ostd/time.h>
#include <ostd/user.h>

#include "errno.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "task.h"
#include "task_files.h"
#include "uapi/resource.h"

/* The flags of the forms above; anything else is -EINVAL. */
#define CLONE_SUPPORTED                                                    \
	(CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_VFORK |       \
	 CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |          \
	 CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_THREAD |            \
	 CLONE_SIGHAND | CLONE_SYSVSEM)
/* _NSIG: the highest valid exit signal. */
#define NSIG 64

/* Linux's copy_process() flag checks, then what we do not have yet. */
static int clone_check(uint64_t flags)
{
	if ((flags & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (flags & ~CLONE_SUPPORTED)
		return -EINVAL;
	/* A shared space is a vfork borrow or a thread: no other sharing. */
	if ((flags & CLONE_VM) && !(flags & (CLONE_VFORK | CLONE_THREAD)))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_THREAD))
		return -EINVAL;
	if ((flags & CLONE_THREAD) && (flags & CLONE_VFORK))
		return -EINVAL;
	if ((flags & CSIGNAL) > NSIG)
		return -EINVAL;
	return 0;
}

/* A new kernel object for a child of @p: everything but mm and pid. */
static struct kernel_task *clone_task(struct kernel_task *p, uint64_t flags,
				      uint64_t newsp, uint64_t tls)
{
	struct kernel_task *c = OSTD_NEW(struct kernel_task);

	if (!c)
		return NULL;
	ostd_mem_copy(c->name, p->name, sizeof(c->name));
	c->start_ns = ostd_time_monotonic_ns();
	/* FP registers too: the live ones are copied into p->ctx first. */
	ostd_user_fp_sync(&p->ctx);
	c->ctx = p->ctx;
	c->ctx.regs[OSTD_REG_A0] = 0;
	if (newsp)
		c->ctx.regs[OSTD_REG_SP] = newsp;
	if (flags & CLONE_SETTLS)
		c->ctx.regs[OSTD_REG_TP] = tls;
	/* A thread signals nobody: its process does, once all are gone. */
	c->exit_signal = (flags & CLONE_THREAD) ? 0 : flags & CSIGNAL;
	c->pgid = p->pgid;
	c->sid = p->sid;
	c->cred = p->cred;
	ostd_mem_copy(c->rlim, p->rlim, sizeof(c->rlim));
	c->nice = p->nice;
	c->personality = p->personality;
	signal_fork(c, p);
	if (flags & CLONE_THREAD) { /* Linux: a new thread has no altstack */
		c->sig.ss_sp = 0;
		c->sig.ss_size = 0;
		c->sig.ss_flags = 0;
	}
	/* A fresh context at a maybe reused address: load its FP state. */
	ostd_user_fp_changed(&c->ctx);
	return c;
}

/* The child's address space: @p's own (CLONE_VM) or a COW copy. */
static int clone_mm(struct kernel_task *p, struct kernel_task *c,
		    uint64_t flags)
{
	if (flags & CLONE_THREAD) {
		c->mm = p->mm; /* counted in the group (thread.c) */
		c->mm_shared = p->mm_shared; /* a vfork child's: borrowed */
		return 0;
	}
	if (flags & CLONE_VM) {
		c->mm = p->mm;
		c->mm_shared = true;
		return 0;
	}
	c->mm = mm_fork(p->mm);
	return c->mm ? 0 : -ENOMEM;
}

/* Frees a child that never ran. */
static void clone_undo(struct kernel_task *c, uint64_t flags)
{
	if (c->mm && !c->mm_shared && !(flags & CLONE_THREAD))
		mm_destroy(c->mm);
	task_files_release(c);
	ostd_heap_free(c);
}

/* Writes the child's tid where CLONE_*_SETTID asked. */
static void clone_set_tids(struct kernel_task *p, struct kernel_task *c,
			   uint64_t flags, ostd_uaddr_t ptid, ostd_uaddr_t ctid)
{
	uint32_t tid = c->pid;

	/* Linux ignores faults here: the child exists either way. */
	if (flags & CLONE_PARENT_SETTID)
		(void)mm_copy_to_user(p->mm, ptid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_SETTID)
		(void)mm_copy_to_user(c->mm, ctid, &tid, sizeof(tid));
	if (flags & CLONE_CHILD_CLEARTID)
		c->clear_child_tid = ctid;
}

long task_clone(struct kernel_task *p, uint64_t flags, uint64_t newsp,
		ostd_uaddr_t ptid, uint64_t tls, ostd_uaddr_t ctid)
{
	struct kernel_task *c;
	int err = clone_check(flags);

	if (err < 0)
		return err;
	c = clone_task(p, flags, newsp, tls);
	if (!c)
		return -ENOMEM;
	/* The process limits: -EAGAIN. A new process is the child of the
	 * caller's process, whichever thread forks. */
	if (flags & CLONE_THREAD)
		err = proc_attach_thread(c, p);
	else
		err = proc_attach(c, p->leader);
	if (err == 0)
		err = clone_mm(p, c, flags);
	if (err == 0)
		err = task_files_fork(c, p, flags);
	if (err == 0) {
		c->task = ostd_task_create(task_user_loop, c);
		if (!c->task)
			err = -ENOMEM;
	}
	if (err < 0) {
		if (c->pid > 0)
			proc_detach(c);
		clone_undo(c, flags);
		return err;
	}
	clone_set_tids(p, c, flags, ptid, ctid);
	if (flags & CLONE_VFORK)
		c->vfork_parent = p;
	ostd_sched_wake(c->task);
	err = c->pid; /* @c may be gone once we block */
	if (flags & CLONE_VFORK)
		proc_vfork_wait(p);
	return err;
}
