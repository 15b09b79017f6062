// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_mlock.c - memory locks and residency: mlock, mlock2,
 * munlock, mlockall, munlockall and mincore, plus the lock checks that
 * mmap, brk and mremap make (mlock.h).
 *
 * These are Linux 6.1's mm/mlock.c and mm/mincore.c, argument checks and
 * error order included; kernel/mm/mm_lock.c does the work. This file is
 * the policy: who may lock (CAP_IPC_LOCK, for which an effective uid of 0
 * stands, as elsewhere in racho) and how much (RLIMIT_MEMLOCK, counted in
 * pages like Linux). Root is exempt from the limit; for everybody else an
 * RLIMIT_MEMLOCK of 0 means no locking at all (-EPERM). racho has no
 * swap, so what a lock changes is that the pages are faulted in now (see
 * mm_lock.c).
 */
#include "errno.h"
#include "mlock.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/resource.h"

/* <asm-generic/mman-common.h> */
#define MLOCK_ONFAULT 0x01U
#define MCL_CURRENT 1U
#define MCL_FUTURE 2U
#define MCL_ONFAULT 4U

#define PAGE_MASK_LOW (OSTD_PAGE_SIZE - 1)

/* capable(CAP_IPC_LOCK) */
static bool ipc_lock_capable(const struct kernel_task *t)
{
	return t->cred.euid == 0;
}

/* Linux's can_do_mlock(): a limit of 0 forbids locking. */
static bool can_do_mlock(const struct kernel_task *t)
{
	return t->rlim[RLIMIT_MEMLOCK].cur != 0 || ipc_lock_capable(t);
}

static uint64_t lock_limit_pages(const struct kernel_task *t)
{
	return t->rlim[RLIMIT_MEMLOCK].cur >> OSTD_PAGE_SHIFT;
}

/* Linux's mlock_future_check(): @len more locked bytes are too many. */
static bool over_limit(const struct kernel_task *t, uint64_t len)
{
	uint64_t locked = (len >> OSTD_PAGE_SHIFT) +
			  (mm_locked_vm(t->mm) >> OSTD_PAGE_SHIFT);

	return locked > lock_limit_pages(t) && !ipc_lock_capable(t);
}

/* PAGE_ALIGN(len + offset_in_page(start)), wrapping around like Linux's. */
static uint64_t lock_len(uint64_t start, uint64_t len)
{
	return (len + (start & PAGE_MASK_LOW) + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
}

/* Faulting-in errors as POSIX wants them (__mlock_posix_error_return). */
static long mlock_posix_error(int err)
{
	if (err == -ENOMEM)
		return -EAGAIN;
	return err < 0 ? -ENOMEM : 0;
}

/* Linux's do_mlock(), for mlock and mlock2. */
static long do_mlock(struct kernel_task *t, uint64_t start, uint64_t len,
		     unsigned lock)
{
	uint64_t limit = lock_limit_pages(t);
	uint64_t locked;
	int err;

	if (!can_do_mlock(t))
		return -EPERM;
	len = lock_len(start, len);
	start &= ~PAGE_MASK_LOW;
	locked = (len >> OSTD_PAGE_SHIFT) +
		 (mm_locked_vm(t->mm) >> OSTD_PAGE_SHIFT);
	/* What the range has locked already does not count twice. */
	if (locked > limit && !ipc_lock_capable(t))
		locked -= mm_locked_bytes(t->mm, start, len) >> OSTD_PAGE_SHIFT;
	if (locked > limit && !ipc_lock_capable(t))
		return -ENOMEM;
	err = mm_lock_range(t->mm, start, len, lock);
	if (err < 0)
		return err;
	/* Only once the areas are locked; an error leaves them locked. */
	return mlock_posix_error(mm_populate_range(t->mm, start, len, false));
}

long sys_mlock(struct kernel_task *t, const struct syscall_args *args)
{
	return do_mlock(t, args->a[0], args->a[1], MM_LOCK);
}

long sys_mlock2(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t flags = args->a[2] & 0xffffffffU; /* an int */

	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(t, args->a[0], args->a[1],
			(flags & MLOCK_ONFAULT) ? MM_LOCK | MM_LOCK_ONFAULT :
						  MM_LOCK);
}

/* munlock needs no permission: unlocking is always allowed. */
long sys_munlock(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len = lock_len(start, args->a[1]);

	return mm_lock_range(t->mm, start & ~PAGE_MASK_LOW, len, 0);
}

long sys_mlockall(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t flags = args->a[0] & 0xffffffffU; /* an int */
	unsigned lock = (flags & MCL_ONFAULT) ? MM_LOCK | MM_LOCK_ONFAULT :
						MM_LOCK;
	bool cur = flags & MCL_CURRENT;
	bool future = flags & MCL_FUTURE;

	if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock(t))
		return -EPERM;
	if (cur && !ipc_lock_capable(t) &&
	    (mm_total_vm(t->mm) >> OSTD_PAGE_SHIFT) > lock_limit_pages(t))
		return -ENOMEM;
	/* Linux's apply_mlockall_flags(): MCL_FUTURE alone leaves the areas
	 * as they are; any call without it ends an earlier MCL_FUTURE. */
	mm_lock_all(t->mm, future ? lock : 0, cur || !future, cur ? lock : 0);
	if (cur)
		(void)mm_populate_range(t->mm, 0, OSTD_USER_END, true);
	return 0;
}

long sys_munlockall(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	mm_lock_all(t->mm, 0, true, 0);
	return 0;
}

/* Linux's access_ok(): [addr, addr+len) lies in user space. */
static bool user_range_ok(uint64_t addr, uint64_t len)
{
	return len <= OSTD_USER_END && addr <= OSTD_USER_END - len;
}

long sys_mincore(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len = args->a[1];
	uint64_t vec = args->a[2];
	uint64_t pages = (len >> OSTD_PAGE_SHIFT) + ((len & PAGE_MASK_LOW) != 0);
	struct mm_incore buf;

	if (start & PAGE_MASK_LOW)
		return -EINVAL;
	if (!user_range_ok(start, len))
		return -ENOMEM;
	if (!user_range_ok(vec, pages))
		return -EFAULT;
	/* Like Linux, a batch at a time: entries before an error are out. */
	while (pages > 0) {
		long n = mm_mincore(t->mm, start, pages < MM_INCORE_BATCH ?
				    pages : MM_INCORE_BATCH, &buf);

		if (n <= 0)
			return n;
		if (mm_copy_to_user(t->mm, vec, buf.vec, n) < 0)
			return -EFAULT;
		pages -= n;
		vec += n;
		start += n * OSTD_PAGE_SIZE;
	}
	return 0;
}

int mlock_check_mmap(const struct kernel_task *t, bool map_locked,
		     uint64_t len)
{
	if (map_locked && !can_do_mlock(t))
		return -EPERM;
	if ((map_locked || (mm_lock_future(t->mm) & MM_LOCK)) &&
	    over_limit(t, len))
		return -EAGAIN;
	return 0;
}

bool mlock_refuses_brk(struct kernel_task *t, uint64_t brk)
{
	uint64_t cur = mm_brk(t->mm, 0); /* below the heap: a query */
	uint64_t oldp = (cur + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
	uint64_t newp;

	if (!(mm_lock_future(t->mm) & MM_LOCK) || brk <= cur ||
	    brk > OSTD_USER_END)
		return false;
	newp = (brk + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
	return newp > oldp && over_limit(t, newp - oldp);
}

int mlock_check_mremap(const struct kernel_task *t, uint64_t old,
		       uint64_t old_len, uint64_t new_len)
{
	uint64_t locked = mm_locked_vm(t->mm);
	uint64_t limit = t->rlim[RLIMIT_MEMLOCK].cur;

	if (new_len <= old_len || !mm_area_locked(t->mm, old) ||
	    ipc_lock_capable(t))
		return 0;
	/* Linux compares bytes here, not pages. */
	if (locked > limit || new_len - old_len > limit - locked)
		return -EAGAIN;
	return 0;
}
