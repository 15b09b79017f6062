// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_pid.c - the files of /proc/<pid>: stat, status,
 * statm, cmdline and comm, in Linux's formats (fs/proc/array.c,
 * fs/proc/base.c), and who may read a process's memory map and links.
 *
 * A process is read in one go under the process table lock into a
 * snapshot (struct pid_info), and the text is written from the snapshot
 * with the lock dropped. Fields racho does not track yet are printed as
 * Linux prints them for a process that has none: page-fault counts,
 * signals, the code and data bounds are 0, and capabilities are root's
 * full set. The resident set size is the page table's count of mapped
 * pages (mm_rss_pages), split by kind, and the sizes by kind of area
 * (statm, status's Vm* lines) are computed from the areas by
 * mm_vm_stats(). The state letter is R for the caller and for
 * processes on the run queue, Z for zombies, S for every other
 * (blocked) process.
 *
 * cmdline is not a snapshot: like Linux's get_mm_cmdline() every read
 * reads the process's own memory between the arg_start and arg_end
 * that exec recorded, at the file position, so it shows what the
 * process has done to its argv since (setproctitle() included). A
 * zombie and a process without an address space give nothing.
 *
 * environ is read the same way between env_start and env_end
 * (fs/proc/base.c environ_read()), and only by a caller with ptrace
 * access, as Linux's environ_open() demands (EACCES otherwise).
 */
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "errno.h"
#include "exec.h"
#include "jobctl.h"
#include "fs/io.h"
#include "fs/procfs_internal.h"
#include "fs/vfs.h"
#include "mm/mm.h"
#include "proc.h"
#include "task.h"
#include "thread.h"
#include "uapi/resource.h"

#define NS_PER_TICK (1000000000ULL / USER_HZ)
/* Linux's CAP_FULL_SET on 6.1: capabilities 0..40. */
#define CAP_FULL 0x000001ffffffffffUL

struct pid_info {
	int pid, ppid, pgid, sid;
	char comm[TASK_NAME_LEN];
	char state;
	bool has_mm;
	struct task_cred cred;
	struct task_usage usage;
	struct task_usage child_usage;
	uint64_t start_ns;
	uint64_t vsize;
	uint64_t rss;     /* pages */
	uint64_t hiwater; /* pages */
	uint64_t locked;  /* bytes of mlocked areas (VmLck) */
	int nice;
	bool want_vm; /* set by the caller: fill @vm */
	struct mm_vm_stats vm;
	struct mm_args args;
	uint64_t rsslim;
	int exit_signal;
	int threads; /* of the process */
	int tgid;
	int exit_code;
	bool has_fs;
	uint32_t umask;
};

static char state_of(const struct kernel_task *t)
{
	if (t->state == TASK_ZOMBIE)
		return 'Z';
	if (jobctl_is_stopped(t))
		return 'T';
	if (t == task_current() || t->links[TASK_LINK_RUN].linked)
		return 'R';
	return 'S';
}

/* Copies what the files show. Process table lock held. */
static void snapshot_locked(const struct kernel_task *t, struct pid_info *pi)
{
	pi->pid = t->pid;
	pi->tgid = t->tgid;
	/* A thread's parent is its process's (its own is NULL). */
	pi->ppid = t->leader->parent != NULL ? t->leader->parent->pid : 0;
	pi->pgid = t->pgid;
	pi->sid = t->sid;
	ostd_mem_copy(pi->comm, t->name, sizeof(pi->comm));
	pi->comm[TASK_NAME_LEN - 1] = 0;
	pi->state = state_of(t);
	pi->cred = t->cred;
	pi->usage = t->usage;
	pi->child_usage = t->child_usage;
	pi->start_ns = t->start_ns;
	pi->has_mm = t->state != TASK_ZOMBIE && t->mm != NULL;
	pi->vsize = pi->has_mm ? mm_total_vm(t->mm) : 0;
	pi->rss = pi->has_mm ? mm_rss_pages(t->mm) : 0;
	pi->hiwater = pi->has_mm ? mm_hiwater_rss_pages(t->mm) : 0;
	pi->locked = pi->has_mm ? mm_locked_vm(t->mm) : 0;
	pi->nice = t->nice;
	if (pi->has_mm)
		mm_get_args(t->mm, &pi->args);
	if (pi->has_mm && pi->want_vm)
		mm_vm_stats(t->mm, &pi->vm); /* walks the areas: when asked */
	pi->rsslim = t->rlim[RLIMIT_RSS].cur;
	pi->exit_signal = t->exit_signal;
	pi->threads = thread_count_locked(t);
	pi->exit_code = t->state == TASK_ZOMBIE ? t->exit_status : 0;
	/* The umask belongs to the VFS lock, which must not be taken here
	 * (order: VFS -> process table); a stale read of one word is what
	 * Linux's /proc gives too. */
	pi->has_fs = t->fs != NULL;
	pi->umask = pi->has_fs ? t->fs->umask : 0;
}

static bool snapshot(int pid, struct pid_info *pi)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(pid);

	if (t != NULL)
		snapshot_locked(t, pi);
	proc_unlock(&g);
	return t != NULL;
}

bool procfs_pid_owner(int pid, uint32_t *uid, uint32_t *gid)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(pid);

	if (t != NULL) {
		*uid = t->cred.euid;
		*gid = t->cred.egid;
	}
	proc_unlock(&g);
	return t != NULL;
}

bool procfs_may_access_locked(const struct kernel_task *t)
{
	const struct kernel_task *me = task_current();
	const struct task_cred *tc = &t->cred;
	const struct task_cred *c;

	if (me == NULL || me == t)
		return true;
	c = &me->cred;
	if (c->euid == 0)
		return true; /* CAP_SYS_PTRACE */
	return c->fsuid == tc->uid && c->fsuid == tc->euid &&
	       c->fsuid == tc->suid && c->fsgid == tc->gid &&
	       c->fsgid == tc->egid && c->fsgid == tc->sgid;
}

int procfs_next_pid(int after)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_next_locked(after);
	int pid = t != NULL ? t->pid : 0;

	proc_unlock(&g);
	return pid;
}

uint64_t procfs_cpu_ns(void)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_next_locked(0);
	uint64_t ns = 0;

	for (; t != NULL; t = proc_next_locked(t->pid))
		ns += t->usage.utime_ns + t->usage.stime_ns +
		      t->child_usage.utime_ns + t->child_usage.stime_ns;
	proc_unlock(&g);
	return ns;
}

int procfs_self_pid(void)
{
	struct kernel_task *t = task_current();

	return t != NULL ? t->pid : 0;
}

static uint64_t ticks(uint64_t ns)
{
	return ns / NS_PER_TICK;
}

/*
 * fs/proc/array.c do_task_stat(): 52 fields on one line. Fields 1-25:
 * pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
 * majflt cmajflt utime stime cutime cstime priority nice num_threads
 * itrealvalue starttime vsize rss rsslim (vsize in bytes, rss in pages).
 */
static void gen_stat(const struct pid_info *pi, struct procfs_buf *b)
{
	uint64_t stack = pi->has_mm ? USER_STACK_TOP : 0;

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %lu %lu %lu %lu %d %d %d 0 %lu %lu %lu %lu",
		pi->pid, pi->comm, pi->state, pi->ppid, pi->pgid, pi->sid,
		ticks(pi->usage.utime_ns), ticks(pi->usage.stime_ns),
		ticks(pi->child_usage.utime_ns), ticks(pi->child_usage.stime_ns),
		20 + pi->nice, pi->nice, pi->threads, ticks(pi->start_ns), pi->vsize, pi->rss, pi->rsslim));
	/* 26-38: startcode endcode startstack kstkesp kstkeip signal blocked
	 * sigignore sigcatch wchan nswap cnswap exit_signal */
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		" 0 0 %lu 0 0 0 0 0 0 %d 0 0 %d", stack,
		pi->state == 'S' ? 1 : 0, pi->exit_signal));
	/* 39-52: processor rt_priority policy delayacct_blkio_ticks
	 * guest_time cguest_time start_data end_data start_brk arg_start
	 * arg_end env_start env_end exit_code */
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		" 0 0 0 0 0 0 0 0 0 %lu %lu %lu %lu %d\n", pi->args.arg_start,
		pi->args.arg_end, pi->args.env_start, pi->args.env_end,
		pi->exit_code));
}

static const char *state_name(char s)
{
	switch (s) {
	case 'R':
		return "R (running)";
	case 'Z':
		return "Z (zombie)";
	case 'T':
		return "T (stopped)";
	default:
		return "S (sleeping)";
	}
}

/* fs/proc/task_mmu.c task_mem(): the Vm* and Rss* lines, in kB. */
static void gen_status_vm(const struct pid_info *pi, struct procfs_buf *b)
{
	const struct mm_vm_stats *vm = &pi->vm;
	uint64_t page_kb = OSTD_PAGE_SIZE / 1024;
	/* Linux splits the executable areas between text and libraries. */
	uint64_t text = vm->text_pages < vm->exec_pages ? vm->text_pages
							: vm->exec_pages;

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n"
		"VmPin:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		pi->vsize / 1024, pi->vsize / 1024, pi->locked / 1024, 0UL,
		pi->hiwater * page_kb, pi->rss * page_kb));
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"RssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n"
		"VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		"VmLib:\t%8lu kB\nVmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n",
		vm->anon_pages * page_kb, vm->file_pages * page_kb,
		vm->shmem_pages * page_kb, vm->data_pages * page_kb,
		vm->stack_pages * page_kb, text * page_kb,
		(vm->exec_pages - text) * page_kb, 0UL, 0UL));
}

/*
 * fs/proc/array.c proc_pid_statm(): pages of all areas, resident, of
 * resident file and shared memory, of code, 0 (lib), of data and
 * stack, 0 (dirty).
 */
static void gen_statm(const struct pid_info *pi, struct procfs_buf *b)
{
	const struct mm_vm_stats *vm = &pi->vm;

	if (!pi->has_mm) {
		procfs_append(b, ostd_bytes_cstr("0 0 0 0 0 0 0\n"));
		return;
	}
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"%lu %lu %lu %lu 0 %lu 0\n", vm->total_pages, pi->rss,
		vm->file_pages + vm->shmem_pages, vm->text_pages,
		vm->data_pages + vm->stack_pages));
}

/* fs/proc/array.c proc_pid_status(), the lines racho can fill. */
static void gen_status(const struct pid_info *pi, struct procfs_buf *b)
{
	const struct task_cred *c = &pi->cred;

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"Name:\t%s\n", pi->comm));
	if (pi->has_fs)
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
						"Umask:\t%04o\n", pi->umask));
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"State:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n"
		"PPid:\t%d\nTracerPid:\t0\nUid:\t%u\t%u\t%u\t%u\n"
		"Gid:\t%u\t%u\t%u\t%u\nGroups:\t\nNStgid:\t%d\nNSpid:\t%d\n"
		"NSpgid:\t%d\nNSsid:\t%d\n",
		state_name(pi->state), pi->tgid, pi->pid, pi->ppid,
		c->uid, c->euid, c->suid, c->fsuid, c->gid, c->egid, c->sgid,
		c->fsgid, pi->tgid, pi->pid, pi->pgid, pi->sid));
	if (pi->has_mm)
		gen_status_vm(pi, b);
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"Threads:\t%d\nSigQ:\t0/%lu\nSigPnd:\t%016lx\nShdPnd:\t%016lx\n"
		"SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n"
		"CapInh:\t%016lx\nCapPrm:\t%016lx\nCapEff:\t%016lx\n"
		"CapBnd:\t%016lx\nCapAmb:\t%016lx\nNoNewPrivs:\t0\nSeccomp:\t0\n"
		"voluntary_ctxt_switches:\t%lu\n"
		"nonvoluntary_ctxt_switches:\t%lu\n",
		pi->threads, proc_max_threads(), 0UL, 0UL, 0UL, 0UL, 0UL, 0UL,
		c->euid == 0 ? CAP_FULL : 0, c->euid == 0 ? CAP_FULL : 0,
		CAP_FULL, 0UL, pi->usage.nvcsw, pi->usage.nivcsw));
}

int procfs_gen_pid(int pid, enum procfs_pid_file file, struct procfs_buf *b)
{
	struct pid_info pi = { 0 };

	pi.want_vm = file == PROCFS_PID_STATUS || file == PROCFS_PID_STATM;
	if (!snapshot(pid, &pi))
		return -ESRCH;
	switch (file) {
	case PROCFS_PID_STAT:
		gen_stat(&pi, b);
		break;
	case PROCFS_PID_STATUS:
		gen_status(&pi, b);
		break;
	case PROCFS_PID_STATM:
		gen_statm(&pi, b);
		break;
	case PROCFS_PID_COMM:
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
						"%s\n", pi.comm));
		break;
	case PROCFS_PID_CMDLINE:
		return procfs_gen_cmdline(pid, 0, b);
	default:
		return -EINVAL;
	}
	return 0;
}

/*
 * fs/proc/base.c get_mm_proctitle(): argv[0] was overwritten past its
 * end (setproctitle): the first string of the first page from arg_start,
 * bytes @pos on, at most @count.
 */
static void proctitle(struct mm *mm, uint64_t pos, uint64_t count,
		      uint64_t arg_start, struct procfs_buf *b)
{
	struct vfs_kbuf *page;
	size_t got, len;
	long nul;

	if (pos >= OSTD_PAGE_SIZE)
		return;
	page = OSTD_NEW(struct vfs_kbuf);
	if (page == NULL)
		return;
	got = mm_read_anon(mm, &page->data[0], arg_start, OSTD_PAGE_SIZE);
	nul = ostd_bytes_find(ostd_bytes_of(&page->data[0], got), 0, 0);
	len = nul >= 0 ? nul + 1 : got; /* the NUL too, if found */
	if (len > pos) {
		len -= pos;
		if (len > count)
			len = count;
		ostd_mem_copy(&b->s[0], &page->data[pos], len);
		b->len = len;
	}
	ostd_heap_free(page);
}

/* fs/proc/base.c get_mm_cmdline(): the bytes at @pos, at most a buffer. */
static void read_cmdline(struct mm *mm, uint64_t pos, struct procfs_buf *b)
{
	struct mm_args a;
	uint64_t len, count;
	uint8_t c = 0;

	mm_get_args(mm, &a);
	if (a.env_end == 0 || a.arg_start >= a.arg_end)
		return; /* not exec'ed far enough */
	/* setproctitle() may run on into the environment, nowhere else. */
	if (a.env_start != a.arg_end || a.env_end < a.env_start) {
		a.env_start = a.arg_end;
		a.env_end = a.arg_end;
	}
	len = a.env_end - a.arg_start;
	if (pos >= len)
		return;
	count = len - pos;
	if (count > PROCFS_BUF_SIZE - 1)
		count = PROCFS_BUF_SIZE - 1;
	if (mm_read_anon(mm, &c, a.arg_end - 1, 1) == 1 && c != 0) {
		proctitle(mm, pos, count, a.arg_start, b);
		return;
	}
	pos += a.arg_start;
	if (pos >= a.arg_end)
		return;
	if (count > a.arg_end - pos)
		count = a.arg_end - pos;
	b->len = mm_read_anon(mm, &b->s[0], pos, count);
}

/*
 * Under the process table lock, so the address space stays: the reads
 * only fault in anonymous pages (mm_read_anon), which never sleeps.
 */
int procfs_gen_cmdline(int pid, uint64_t pos, struct procfs_buf *b)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(pid);

	b->len = 0;
	if (t != NULL && t->state != TASK_ZOMBIE && t->mm != NULL)
		read_cmdline(t->mm, pos, b);
	proc_unlock(&g);
	return t != NULL ? 0 : -ESRCH;
}

/* fs/proc/base.c environ_read(): the bytes at @pos, at most a buffer. */
static void read_environ(struct mm *mm, uint64_t pos, struct procfs_buf *b)
{
	struct mm_args a;
	uint64_t count;

	mm_get_args(mm, &a);
	if (a.env_end == 0 || a.env_end <= a.env_start ||
	    pos >= a.env_end - a.env_start)
		return;
	count = a.env_end - a.env_start - pos;
	if (count > PROCFS_BUF_SIZE - 1)
		count = PROCFS_BUF_SIZE - 1;
	b->len = mm_read_anon(mm, &b->s[0], a.env_start + pos, count);
}

/* Under the process table lock, like procfs_gen_cmdline(). */
int procfs_gen_environ(int pid, uint64_t pos, struct procfs_buf *b)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(pid);
	int r = 0;

	b->len = 0;
	if (t == NULL)
		r = -ESRCH;
	else if (!procfs_may_access_locked(t))
		r = -EACCES;
	else if (t->state != TASK_ZOMBIE && t->mm != NULL)
		read_environ(t->mm, pos, b);
	proc_unlock(&g);
	return r;
}
