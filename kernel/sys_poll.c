// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_poll.c - ppoll(2) and pselect6(2): waiting for files to
 * become ready.
 *
 * Readiness comes from each file's poll operation (vfs.h; files without
 * one are always ready, as on Linux). The wait itself re-checks every
 * file once per tick instead of sleeping on each file's wait queue: racho
 * has no generic wait queues yet, and a tick (10 ms) of latency is the
 * price. Timeouts are exact to a tick, and the remaining time is written
 * back as Linux does. A signal that kills or runs a handler ends the wait
 * (-EINTR); the optional signal mask is installed for the wait and
 * restored after it, or, when a signal ended it, once the handler is set
 * up (Linux's saved_sigmask, as rt_sigsuspend).
 */
#include <ostd/mem.h>
#include <ostd/time.h>

#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "sleep.h"
#include "syscall.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/resource.h"

#define NSEC_PER_SEC 1000000000
#define TICK_NS (NSEC_PER_SEC / OSTD_TICK_HZ)
#define SIGSET_SIZE 8
#define SELECT_MAX_FDS 4096 /* fds past this are not looked at */
#define SELECT_WORDS (SELECT_MAX_FDS / 64)

/* Linux's select sets (fs/select.c). */
#define POLLIN_SET (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET POLLPRI

struct poll_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* A wait's end: UINT64_MAX for none. */
struct poll_wait {
	uint64_t end_ns;
	ostd_uaddr_t utmo; /* where the remaining time goes, or 0 */
	uint64_t old_mask;
	bool masked;
};

/* The events of fd @fd now: POLLNVAL for a closed or O_PATH fd. */
static unsigned fd_poll(struct kernel_task *t, int fd)
{
	struct file *f = fd_get(t->fdt, fd);
	unsigned mask;

	if (f == NULL)
		return POLLNVAL;
	if (f->fops == NULL)
		mask = POLLNVAL; /* O_PATH */
	else if (f->fops->poll == NULL)
		mask = POLL_DEFAULT_MASK;
	else
		mask = f->fops->poll(f);
	file_put(f);
	return mask;
}

/* Reads the timeout and the signal mask; installs the mask. */
static long wait_begin(struct kernel_task *t, ostd_uaddr_t utmo,
		       ostd_uaddr_t umask, uint64_t masksize,
		       struct poll_wait *w)
{
	struct poll_timespec ts;
	uint64_t mask, sec, nsec;
	struct ostd_irq_guard g;

	w->end_ns = UINT64_MAX;
	w->utmo = utmo;
	w->masked = false;
	if (utmo != 0) {
		if (mm_copy_from_user(t->mm, &ts, utmo, sizeof(ts)) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 ||
		    ts.tv_nsec >= NSEC_PER_SEC)
			return -EINVAL;
		sec = ts.tv_sec;
		nsec = ts.tv_nsec;
		w->end_ns = ostd_time_monotonic_ns();
		if (sec < (UINT64_MAX - w->end_ns) / NSEC_PER_SEC)
			w->end_ns += sec * NSEC_PER_SEC + nsec;
		else
			w->end_ns = UINT64_MAX;
	}
	if (umask == 0)
		return 0;
	if (masksize != SIGSET_SIZE)
		return -EINVAL;
	if (mm_copy_from_user(t->mm, &mask, umask, sizeof(mask)) < 0)
		return -EFAULT;
	g = proc_lock();
	w->old_mask = t->sig.blocked;
	w->masked = true;
	t->sig.blocked = mask & ~((1ULL << 8) | (1ULL << 18)); /* KILL, STOP */
	signal_recalc_locked(t);
	proc_unlock(&g);
	return 0;
}

/*
 * Restores the mask and writes the remaining time back. After -EINTR
 * (@r) the handler runs with the wait's mask still in force and its frame
 * holds the old one, as rt_sigsuspend (Linux's saved_sigmask).
 */
static void wait_end(struct kernel_task *t, struct poll_wait *w, long r)
{
	struct ostd_irq_guard g;

	if (w->masked) {
		g = proc_lock();
		if (r == -EINTR) {
			t->sig.saved_mask = w->old_mask;
			t->sig.restore_mask = true; /* signal_deliver() */
		} else {
			t->sig.blocked = w->old_mask;
			signal_recalc_locked(t);
		}
		proc_unlock(&g);
	}
	if (w->utmo != 0 && w->end_ns != UINT64_MAX) {
		uint64_t now = ostd_time_monotonic_ns();
		uint64_t left = now < w->end_ns ? w->end_ns - now : 0;
		struct poll_timespec ts = { left / NSEC_PER_SEC,
					    left % NSEC_PER_SEC };

		/* Linux ignores a fault here: the result is what counts. */
		(void)mm_copy_to_user(t->mm, w->utmo, &ts, sizeof(ts));
	}
}

/*
 * Whether to stop waiting: -EINTR for a signal, 0 at the end of
 * the timeout, 1 to scan again (after sleeping a tick).
 */
static int wait_more(struct kernel_task *t, struct poll_wait *w)
{
	uint64_t now = ostd_time_monotonic_ns();
	uint64_t next;

	if (signal_pending(t))
		return -EINTR;
	if (now >= w->end_ns)
		return 0;
	next = now + TICK_NS;
	sleep_until(t, next < w->end_ns ? next : w->end_ns);
	if (signal_pending(t))
		return -EINTR;
	return 1;
}

/* One pass over the pollfds; writes revents when @store. */
static long ppoll_scan(struct kernel_task *t, ostd_uaddr_t ufds, uint64_t n,
		       bool store)
{
	long ready = 0;
	uint64_t i;

	for (i = 0; i < n; i++) {
		ostd_uaddr_t at = ufds + i * sizeof(struct linux_pollfd);
		struct linux_pollfd p;
		unsigned ev = 0;

		if (mm_copy_from_user(t->mm, &p, at, sizeof(p)) < 0)
			return -EFAULT;
		if (p.fd >= 0) {
			unsigned want = (p.events & 0xffff) | POLLERR |
					POLLHUP | POLLNVAL;

			ev = fd_poll(t, p.fd) & want;
		}
		if (ev != 0)
			ready++;
		p.revents = ev & 0xffff;
		if (store && mm_copy_to_user(t->mm, at, &p, sizeof(p)) < 0)
			return -EFAULT;
	}
	return ready;
}

long sys_ppoll(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t n = args->a[1] & 0xffffffffULL;
	struct poll_wait w;
	long r;

	if (n > t->rlim[RLIMIT_NOFILE].cur)
		return -EINVAL;
	r = wait_begin(t, args->a[2], args->a[3], args->a[4], &w);
	if (r < 0)
		return r;
	for (;;) {
		r = ppoll_scan(t, args->a[0], n, false);
		if (r != 0)
			break;
		r = wait_more(t, &w);
		if (r <= 0)
			break;
	}
	if (r >= 0)
		r = ppoll_scan(t, args->a[0], n, true);
	wait_end(t, &w, r);
	return r;
}

/* pselect6's fd sets in and out, one bit per fd (Linux's fd_set). */
struct select_sets {
	uint64_t in[3][SELECT_WORDS];  /* read, write, except as given */
	uint64_t out[3][SELECT_WORDS]; /* the ready ones */
};

static const unsigned select_events[3] = { POLLIN_SET, POLLOUT_SET,
					   POLLEX_SET };

/* One pass: fills s->out; the count of set bits, or -EBADF. */
static long select_scan(struct kernel_task *t, struct select_sets *s,
			uint64_t n)
{
	long ready = 0;
	uint64_t fd;
	size_t k;

	ostd_mem_set(s->out, 0, sizeof(s->out));
	for (fd = 0; fd < n; fd++) {
		uint64_t bit = 1ULL << (fd % 64);
		size_t w = fd / 64;
		unsigned mask;

		if (((s->in[0][w] | s->in[1][w] | s->in[2][w]) & bit) == 0)
			continue;
		mask = fd_poll(t, fd);
		if (mask & POLLNVAL)
			return -EBADF;
		for (k = 0; k < 3; k++) {
			if ((s->in[k][w] & bit) && (mask & select_events[k])) {
				s->out[k][w] |= bit;
				ready++;
			}
		}
	}
	return ready;
}

/* Copies the three sets in (a NULL set is empty). */
static long select_read(struct kernel_task *t, const struct syscall_args *args,
			struct select_sets *s, size_t bytes)
{
	size_t k;

	for (k = 0; k < 3; k++) {
		if (args->a[1 + k] != 0 &&
		    mm_copy_from_user(t->mm, &s->in[k][0], args->a[1 + k],
				      bytes) < 0)
			return -EFAULT;
	}
	return 0;
}

static long select_write(struct kernel_task *t,
			 const struct syscall_args *args,
			 struct select_sets *s, size_t bytes)
{
	size_t k;

	for (k = 0; k < 3; k++) {
		if (args->a[1 + k] != 0 &&
		    mm_copy_to_user(t->mm, args->a[1 + k], &s->out[k][0],
				    bytes) < 0)
			return -EFAULT;
	}
	return 0;
}

/* The wait loop of pselect6 once the sets are in. */
static long select_wait(struct kernel_task *t, struct select_sets *s,
			uint64_t n, struct poll_wait *w)
{
	long r;

	for (;;) {
		r = select_scan(t, s, n);
		if (r != 0)
			return r;
		r = wait_more(t, w);
		if (r <= 0)
			return r;
	}
}

long sys_pselect6(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t nfds = args->a[0] & 0xffffffffULL;
	uint64_t sig[2] = { 0, 0 }; /* { const sigset_t *ss; size_t len } */
	struct select_sets *s;
	struct poll_wait w;
	uint64_t n;
	size_t bytes;
	long r;

	if (nfds >= 0x80000000LL)
		return -EINVAL; /* a negative int */
	n = nfds;
	if (n > t->rlim[RLIMIT_NOFILE].cur)
		n = t->rlim[RLIMIT_NOFILE].cur;
	if (n > SELECT_MAX_FDS)
		n = SELECT_MAX_FDS;
	bytes = (n + 63) / 64 * 8;
	if (args->a[5] != 0 &&
	    mm_copy_from_user(t->mm, sig, args->a[5], sizeof(sig)) < 0)
		return -EFAULT;
	s = OSTD_NEW(struct select_sets);
	if (s == NULL)
		return -ENOMEM;
	r = select_read(t, args, s, bytes);
	if (r == 0)
		r = wait_begin(t, args->a[4], sig[0], sig[1], &w);
	if (r == 0) {
		r = select_wait(t, s, n, &w);
		if (r >= 0 && select_write(t, args, s, bytes) < 0)
			r = -EFAULT;
		wait_end(t, &w, r);
	}
	ostd_heap_free(s);
	return r;
}
