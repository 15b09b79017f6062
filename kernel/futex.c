// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/futex.c - futex(2): FUTEX_WAIT, FUTEX_WAKE and their BITSET
 * forms, private and shared.
 *
 * A waiter lives on its own stack, in one of FUTEX_BUCKETS lists chosen by
 * its key. The key of a private futex (FUTEX_PRIVATE_FLAG) is (address
 * space, address); a shared one is (page frame, offset in the page), so
 * processes that map the same shared memory at any address meet, like
 * Linux's inode/page keys. Linux keys a shared futex on a MAP_PRIVATE
 * page by address instead; here the frame is used, which only differs
 * once copy-on-write has split the page (then the waker and the waiter
 * do not meet, as they share no value either).
 *
 * FUTEX_WAIT reads the value with the futex lock held and queues itself
 * before dropping it, so a FUTEX_WAKE that follows a change of the value
 * cannot be missed: waking takes the same lock. Timeouts use the sleep
 * list (a tick of resolution). Requeue, wake-op, PI and waitv operations
 * are not implemented (-ENOSYS): they matter to threads, which racho does
 * not have yet.
 */
#include <ostd/cpu.h>
#include <ostd/task.h>
#include <ostd/time.h>
#include <ostd/vm.h>

#include "errno.h"
#include "futex.h"
#include "mm/mm.h"
#include "signal.h"
#include "sleep.h"
#include "syscall.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_CMD_MASK 0x7fU /* without the two flags above */
#define FUTEX_BITSET_ANY 0xffffffffU

#define FUTEX_BUCKETS 64
#define NSEC_PER_SEC 1000000000

struct futex_key {
	struct mm *mm;             /* private: the address space */
	struct ostd_frame *frame;  /* shared: the page */
	uint64_t addr;             /* private: the address; shared: offset */
};

struct futex_waiter {
	struct futex_key key;
	uint32_t bitset;
	struct kernel_task *task;
	struct futex_waiter *next;
	bool queued;
};

static struct {
	/* protects: every bucket list and the `queued` of its waiters */
	struct ostd_spinlock lock;
	struct futex_waiter *bucket[FUTEX_BUCKETS];
} futexes = {
	.lock = OSTD_SPINLOCK_INIT("futex"),
};

struct futex_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

static bool key_eq(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->frame == b->frame && a->addr == b->addr;
}

static size_t key_bucket(const struct futex_key *k)
{
	return (k->addr / 4 + (k->frame != NULL ? 17 : 0)) % FUTEX_BUCKETS;
}

/* Builds the key of @uaddr; faults the page in. -EFAULT, -EINVAL. */
static int futex_key_of(struct kernel_task *t, ostd_uaddr_t uaddr,
			bool private, struct futex_key *k)
{
	uint32_t v;
	unsigned prot;

	if (uaddr % 4 != 0)
		return -EINVAL;
	if (mm_copy_from_user(t->mm, &v, uaddr, sizeof(v)) < 0)
		return -EFAULT;
	k->mm = NULL;
	k->frame = NULL;
	k->addr = uaddr;
	if (private) {
		k->mm = t->mm;
		return 0;
	}
	k->frame = ostd_vmspace_query(mm_vmspace(t->mm),
				      uaddr - uaddr % OSTD_PAGE_SIZE, &prot);
	if (k->frame == NULL)
		return -EFAULT;
	k->addr = uaddr % OSTD_PAGE_SIZE;
	return 0;
}

static void unqueue_locked(struct futex_waiter *w)
{
	struct futex_waiter **link = &futexes.bucket[key_bucket(&w->key)];

	while (*link != NULL && *link != w)
		link = &(*link)->next;
	if (*link == w)
		*link = w->next;
	w->queued = false;
}

/* The monotonic deadline for the timeout at @utmo (0: none). */
static long futex_deadline(struct kernel_task *t, ostd_uaddr_t utmo,
			   unsigned op, uint64_t *deadline)
{
	struct futex_timespec ts;
	uint64_t sec, ns, now = ostd_time_monotonic_ns();

	*deadline = UINT64_MAX;
	if (utmo == 0)
		return 0;
	if (mm_copy_from_user(t->mm, &ts, utmo, sizeof(ts)) < 0)
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	sec = ts.tv_sec;
	ns = ts.tv_nsec;
	if (sec > UINT64_MAX / NSEC_PER_SEC - 1)
		return 0; /* forever */
	ns += sec * NSEC_PER_SEC;
	if ((op & FUTEX_CMD_MASK) == FUTEX_WAIT) {
		*deadline = now + ns < now ? UINT64_MAX : now + ns; /* relative */
		return 0;
	}
	if (op & FUTEX_CLOCK_REALTIME) {
		uint64_t real = ostd_time_realtime_ns();

		*deadline = ns <= real ? now : now + (ns - real);
		return 0;
	}
	*deadline = ns; /* absolute CLOCK_MONOTONIC */
	return 0;
}

/* Blocks until woken, the deadline or a signal (signal_pending()). */
static long futex_block(struct kernel_task *t, struct futex_waiter *w,
			uint64_t deadline)
{
	struct ostd_irq_guard g;
	long r = 0;

	if (deadline != UINT64_MAX)
		sleep_arm(t, deadline);
	g = ostd_spin_lock(&futexes.lock);
	while (w->queued) {
		if (ostd_time_monotonic_ns() >= deadline) {
			r = -ETIMEDOUT;
			break;
		}
		if (signal_pending(t)) {
			/* Linux: restartable (SA_RESTART) only untimed. */
			r = deadline == UINT64_MAX ? -ERESTARTSYS : -EINTR;
			break;
		}
		ostd_spin_unlock(&futexes.lock, &g);
		task_block(t);
		g = ostd_spin_lock(&futexes.lock);
	}
	if (w->queued)
		unqueue_locked(w);
	ostd_spin_unlock(&futexes.lock, &g);
	if (deadline != UINT64_MAX)
		sleep_disarm(t);
	return r;
}

static long futex_wait(struct kernel_task *t, const struct syscall_args *args,
		       unsigned op, uint32_t bitset)
{
	struct futex_waiter w = { .bitset = bitset, .task = t };
	uint64_t deadline;
	struct ostd_irq_guard g;
	uint32_t v;
	size_t b;
	long r;

	if (bitset == 0)
		return -EINVAL;
	r = futex_deadline(t, args->a[3], op, &deadline);
	if (r == 0)
		r = futex_key_of(t, args->a[0], (op & FUTEX_PRIVATE_FLAG) != 0,
				 &w.key);
	if (r < 0)
		return r;
	b = key_bucket(&w.key);
	g = ostd_spin_lock(&futexes.lock);
	if (mm_copy_from_user(t->mm, &v, args->a[0], sizeof(v)) < 0) {
		r = -EFAULT;
	} else if (v != (args->a[2] & 0xffffffffU)) {
		r = -EAGAIN;
	} else {
		w.next = futexes.bucket[b];
		w.queued = true;
		futexes.bucket[b] = &w;
	}
	ostd_spin_unlock(&futexes.lock, &g);
	if (r < 0)
		return r;
	return futex_block(t, &w, deadline);
}

static long futex_wake(struct kernel_task *t, ostd_uaddr_t uaddr, unsigned op,
		       int nr, uint32_t bitset)
{
	struct futex_key key;
	struct futex_waiter **link;
	struct ostd_irq_guard g;
	long woken = 0;
	long r;

	if (bitset == 0)
		return -EINVAL;
	r = futex_key_of(t, uaddr, (op & FUTEX_PRIVATE_FLAG) != 0, &key);
	if (r < 0)
		return r;
	g = ostd_spin_lock(&futexes.lock);
	link = &futexes.bucket[key_bucket(&key)];
	while (*link != NULL) {
		struct futex_waiter *w = *link;

		if (!key_eq(&w->key, &key) || (w->bitset & bitset) == 0) {
			link = &w->next;
			continue;
		}
		*link = w->next;
		w->queued = false;
		ostd_sched_wake(w->task->task);
		/* Linux's futex_wake: at least one, even for nr <= 0. */
		if (++woken >= nr)
			break;
	}
	ostd_spin_unlock(&futexes.lock, &g);
	return woken;
}

long sys_futex(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned op = args->a[1] & 0xffffffffU;
	uint32_t val3 = args->a[5] & 0xffffffffU;
	int nr = args->a[2] & 0xffffffffU;
	unsigned cmd = op & FUTEX_CMD_MASK;

	/* Linux: the realtime clock only for the waits that take it. */
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT &&
	    cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(t, args, op, FUTEX_BITSET_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(t, args, op, val3);
	case FUTEX_WAKE:
		return futex_wake(t, args->a[0], op, nr, FUTEX_BITSET_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(t, args->a[0], op, nr, val3);
	default:
		return -ENOSYS;
	}
}

void futex_wake_exit(struct kernel_task *t, ostd_uaddr_t uaddr)
{
	(void)futex_wake(t, uaddr, FUTEX_PRIVATE_FLAG, 1, FUTEX_BITSET_ANY);
	(void)futex_wake(t, uaddr, 0, 1, FUTEX_BITSET_ANY);
}
