// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_lock.c - memory locks (the policy-free half of mlock,
 * mlock2, munlock, mlockall, munlockall), faulting areas in the way
 * Linux's __mm_populate() does, and mincore's residency query.
 *
 * racho has no swap: a page, once mapped, stays in memory whether it is
 * locked or not. A lock is therefore only a flag on the area (VMA_LOCKED,
 * VMA_LOCKONFAULT in mm_internal.h), kept through splits, merges and
 * mremap like any other flag. What user code can observe of it is what
 * Linux shows: locking an area faults its pages in (mincore sees them),
 * the locked size is the sum of the locked areas (VmLck, RLIMIT_MEMLOCK),
 * MADV_DONTNEED refuses locked areas (mm_map.c), new areas are locked
 * after mlockall(MCL_FUTURE) (mm_map.c, mm_remap.c), and a fork child
 * starts with no locks at all (mm_fork.c).
 *
 * Who may lock how much (CAP_IPC_LOCK, RLIMIT_MEMLOCK) is decided by the
 * system call layer, kernel/sys_mlock.c, before calling in here.
 */
#include "../errno.h"
#include "mm_internal.h"

/* MM_LOCK* (mm.h) to VMA_LOCK* (area flags). */
static unsigned mm_vma_lock_bits(unsigned lock)
{
	if (!(lock & MM_LOCK))
		return 0;
	return (lock & MM_LOCK_ONFAULT) ? VMA_LOCKED | VMA_LOCKONFAULT :
					  VMA_LOCKED;
}

/* The end of the part of [start, end) that areas cover, from @start on,
 * without a hole (@start if no area contains it). */
static uint64_t mm_covered_to(const struct mm *mm, uint64_t start,
			      uint64_t end)
{
	const struct vma *v = vma_find(&mm->areas, start);
	uint64_t at = start;

	while (v && v->start <= at && at < end) {
		at = v->end;
		v = vma_next(v);
	}
	return at < end ? at : end;
}

int mm_lock_range(struct mm *mm, uint64_t start, uint64_t len, unsigned lock)
{
	uint64_t end = start + len;
	uint64_t to;
	int err;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	to = mm_covered_to(mm, start, end);
	if (to > start) {
		err = vma_set_flags(&mm->areas, start, to, VMA_LOCK_MASK,
				    mm_vma_lock_bits(lock));
		if (err < 0)
			return err;
	}
	return to < end ? -ENOMEM : 0;
}

/* Linux's populate_vma_page_range() for [start, end) inside @v. */
static int mm_populate_area(struct mm *mm, const struct vma *v,
			    uint64_t start, uint64_t end)
{
	/* Access 0 is a read the protection need not allow (FOLL_FORCE). */
	unsigned access = 0;

	if (v->flags & VMA_LOCKONFAULT)
		return 0;
	if (!(v->prot & (VMA_READ | VMA_WRITE | VMA_EXEC)))
		return -EFAULT;
	/* Break copy-on-write now; shared pages are not dirtied for nothing. */
	if ((v->prot & VMA_WRITE) && !(v->flags & VMA_SHARED))
		access = OSTD_PROT_WRITE;
	return mm_populate(mm, start, end - start, access);
}

int mm_populate_range(struct mm *mm, uint64_t start, uint64_t len,
		      bool ignore_errors)
{
	uint64_t end, at = start;
	int err;

	if (start >= OSTD_USER_END)
		return 0;
	end = len > OSTD_USER_END - start ? OSTD_USER_END : start + len;
	/* Looked up again after each area: faulting may grow the stack. */
	while (at < end) {
		const struct vma *v = vma_find_next(&mm->areas, at);
		uint64_t lo;

		if (!v || v->start >= end)
			break;
		lo = v->start > at ? v->start : at;
		at = v->end < end ? v->end : end;
		err = mm_populate_area(mm, v, lo, at);
		if (err < 0 && !ignore_errors)
			return err;
	}
	return 0;
}

void mm_lock_all_areas(struct mm *mm, unsigned lock)
{
	const struct vma *v;
	uint64_t at = 0;

	/* Whole areas need no split, so this cannot fail; a merge may join
	 * the next area, which is then found again and left as it is. */
	for (v = vma_first(&mm->areas); v; v = vma_find_next(&mm->areas, at)) {
		at = v->end;
		(void)vma_set_flags(&mm->areas, v->start, v->end, VMA_LOCK_MASK,
				    lock);
	}
}

void mm_lock_all(struct mm *mm, unsigned future, bool all, unsigned current)
{
	mm->def_flags = mm_vma_lock_bits(future);
	if (all)
		mm_lock_all_areas(mm, mm_vma_lock_bits(current));
}

unsigned mm_lock_future(const struct mm *mm)
{
	unsigned lock = 0;

	if (mm->def_flags & VMA_LOCKED)
		lock |= MM_LOCK;
	if (mm->def_flags & VMA_LOCKONFAULT)
		lock |= MM_LOCK_ONFAULT;
	return lock;
}

uint64_t mm_locked_bytes(const struct mm *mm, uint64_t start, uint64_t len)
{
	uint64_t end = len > UINT64_MAX - start ? UINT64_MAX : start + len;
	const struct vma *v;
	uint64_t sum = 0;

	for (v = vma_find_next(&mm->areas, start); v && v->start < end;
	     v = vma_next(v)) {
		uint64_t lo = v->start > start ? v->start : start;
		uint64_t hi = v->end < end ? v->end : end;

		if (v->flags & VMA_LOCKED)
			sum += hi - lo;
	}
	return sum;
}

uint64_t mm_locked_vm(const struct mm *mm)
{
	return mm_locked_bytes(mm, 0, UINT64_MAX);
}

bool mm_area_locked(const struct mm *mm, uint64_t addr)
{
	const struct vma *v = vma_find(&mm->areas, addr);

	return v && (v->flags & VMA_LOCKED);
}

/*
 * Linux's mincore_pte_range(): a page mapped here is resident; for an
 * absent page of a file area, what the file's page cache holds counts
 * (Linux's mincore_page()); an absent anonymous page is not resident.
 */
static uint8_t mm_page_incore(struct mm *mm, const struct vma *v, uint64_t a)
{
	struct ostd_frame *f;
	int err = 0;

	if (ostd_vmspace_query(mm->vs, a, NULL))
		return 1;
	if (!v->file)
		return 0;
	/* No fill: a hole stays a hole, a page past the end is just absent. */
	f = vma_file_get_page(v->file,
			      (v->offset + (a - v->start)) / OSTD_PAGE_SIZE,
			      false, &err);
	if (!f)
		return 0;
	ostd_frame_put(f);
	return 1;
}

long mm_mincore(struct mm *mm, uint64_t addr, size_t pages,
		struct mm_incore *out)
{
	const struct vma *v = vma_find(&mm->areas, addr);
	size_t i, n;

	if (!v)
		return -ENOMEM;
	n = (v->end - mm_page_down(addr)) / OSTD_PAGE_SIZE;
	if (n > pages)
		n = pages;
	if (n > MM_INCORE_BATCH)
		n = MM_INCORE_BATCH;
	for (i = 0; i < n; i++)
		out->vec[i] = mm_page_incore(mm, v, mm_page_down(addr) +
					     i * OSTD_PAGE_SIZE);
	return n;
}
