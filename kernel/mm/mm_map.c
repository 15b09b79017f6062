// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_map.c - creating, removing and re-protecting areas: the
 * policy behind mmap, munmap, mprotect and madvise(MADV_DONTNEED).
 *
 * Areas change first (vma.c), then the page table follows for exactly
 * the pages in the changed range, so ostd flushes only those TLB entries.
 * Placement is top-down below mmap_base like Linux's default layout; a
 * free hint is used as it is. New areas are locked (and faulted in) after
 * mlockall(MCL_FUTURE) or with MAP_LOCKED, see mm_lock.c.
 */
#include <ostd/frame.h>

#include "../errno.h"
#include "mm_internal.h"

void mm_unmap_piece(struct mm *mm, const struct vma *piece)
{
	mm_update_hiwater(mm);
	/* The range is page-aligned and inside user space: cannot fail. */
	(void)ostd_vmspace_unmap(mm->vs, piece->start,
				 piece->end - piece->start);
}

bool mm_may_expand(const struct mm *mm, uint64_t extra)
{
	uint64_t total;

	if (extra > OSTD_USER_END)
		return false;
	if (mm->as_limit == MM_RLIM_INFINITY)
		return true;
	total = mm_total_vm(mm);
	return total <= mm->as_limit && extra <= mm->as_limit - total;
}

bool mm_enough_memory(uint64_t bytes)
{
	/* Linux's OVERCOMMIT_GUESS: no swap here, so RAM is the bound. */
	return bytes / OSTD_PAGE_SIZE <= ostd_frame_total_count();
}

int mm_insert_area(struct mm *mm, uint64_t start, uint64_t end, unsigned prot,
		   unsigned flags, struct vma_file *file, uint64_t offset)
{
	struct vma *v = vma_new(&mm->areas, start, end, prot, flags, file,
				offset);
	int err;

	if (!v)
		return -ENOMEM;
	err = vma_insert(&mm->areas, v);
	if (err < 0) {
		vma_free(&mm->areas, v);
		return err;
	}
	(void)vma_merge(&mm->areas, v);
	return 0;
}

int mm_apply_prot(struct mm *mm, const struct vma *v, uint64_t start,
		  uint64_t end)
{
	unsigned prot = mm_pte_prot(v->prot);
	uint64_t a;
	int err;

	if ((v->flags & VMA_SHARED) || !(prot & VMA_WRITE))
		return ostd_vmspace_protect(mm->vs, start, end - start, prot);
	/* Private and writable: only frames nobody else holds get W. */
	err = ostd_vmspace_protect(mm->vs, start, end - start,
				   prot & ~VMA_WRITE);
	for (a = start; err == 0 && a < end; a += OSTD_PAGE_SIZE) {
		const struct ostd_frame *f = ostd_vmspace_query(mm->vs, a, NULL);

		if (f && ostd_frame_refcount(f) == 1)
			err = ostd_vmspace_protect(mm->vs, a, OSTD_PAGE_SIZE,
						   prot);
	}
	return err;
}

/* Whether [addr, addr+len) is free and allowed. */
static bool mm_range_free(struct mm *mm, uint64_t addr, uint64_t len)
{
	const struct vma *v;

	if (addr < MM_MMAP_MIN_ADDR || addr > OSTD_USER_END - len)
		return false;
	v = vma_find_next(&mm->areas, addr);
	return !v || v->start >= addr + len;
}

int mm_find_free(struct mm *mm, uint64_t hint, uint64_t len, uint64_t *out)
{
	hint = mm_page_down(hint);
	/* Linux's round_hint_to_min(): a low hint becomes mmap_min_addr. */
	if (hint && hint < MM_MMAP_MIN_ADDR)
		hint = MM_MMAP_MIN_ADDR;
	if (len > OSTD_USER_END)
		return -ENOMEM;
	if (hint && mm_range_free(mm, hint, len)) {
		*out = hint;
		return 0;
	}
	if (vma_gap_top_down(&mm->areas, len, MM_MMAP_MIN_ADDR, mm->mmap_base,
			     out) == 0)
		return 0;
	/* Like Linux, fall back to the whole space bottom-up. */
	return vma_gap_bottom_up(&mm->areas, len, MM_MMAP_MIN_ADDR,
				 OSTD_USER_END, out) == 0 ? 0 : -ENOMEM;
}

/* Where a new mapping goes: MAP_FIXED rules, or a free range. */
static int mm_mmap_place(struct mm *mm, uint64_t addr, uint64_t len,
			 unsigned flags, uint64_t *out)
{
	const struct vma *v;

	if (!(flags & MM_MAP_FIXED))
		return mm_find_free(mm, addr, len, out);
	if (!mm_page_aligned(addr))
		return -EINVAL;
	if (len > OSTD_USER_END || addr > OSTD_USER_END - len)
		return -ENOMEM;
	if (addr < MM_MMAP_MIN_ADDR)
		return -EPERM;
	if (flags & MM_MAP_NOREPLACE) {
		v = vma_find_next(&mm->areas, addr);
		if (v && v->start < addr + len)
			return -EEXIST;
	}
	*out = addr;
	return 0;
}

/* Area flags for mmap @flags. */
static unsigned mm_mmap_vma_flags(unsigned flags, const struct vma_file *file)
{
	unsigned vf = 0;

	if (flags & MM_MAP_SHARED)
		vf |= VMA_SHARED;
	if (!file)
		vf |= VMA_ANON;
	if (flags & MM_MAP_GROWSDOWN)
		vf |= VMA_GROWSDOWN;
	if ((flags & MM_MAP_SHARED) && (flags & MM_MAP_NOWRITE))
		vf |= VMA_NOWRITE;
	return vf;
}

int mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot,
	    unsigned flags, struct vma_file *file, uint64_t offset,
	    uint64_t *out)
{
	uint64_t start;
	uint64_t replaced = 0;
	unsigned vflags = mm_mmap_vma_flags(flags, file) | mm->def_flags;
	int err;

	if (len == 0 || !mm_page_aligned(len) || !mm_page_aligned(offset))
		return -EINVAL;
	if ((flags & MM_MAP_SHARED) && (flags & MM_MAP_NOWRITE) &&
	    (prot & VMA_WRITE))
		return -EACCES;
	err = mm_mmap_place(mm, addr, len, flags, &start);
	if (err < 0)
		return err;
	if (flags & MM_MAP_FIXED) {
		const struct vma *v;

		/* Bytes MAP_FIXED takes over do not count twice. */
		for (v = vma_find_next(&mm->areas, start);
		     v && v->start < start + len; v = vma_next(v))
			replaced += (v->end < start + len ? v->end : start + len) -
				    (v->start > start ? v->start : start);
	}
	if (!mm_may_expand(mm, len - replaced))
		return -ENOMEM;
	if (flags & MM_MAP_FIXED) {
		err = vma_unmap(&mm->areas, start, start + len, mm_unmap_piece);
		if (err < 0)
			return err;
	}
	if (flags & MM_MAP_LOCKED)
		vflags |= VMA_LOCKED;
	err = mm_insert_area(mm, start, start + len, prot, vflags, file,
			     offset);
	if (err < 0)
		return err;
	if ((vflags & VMA_LOCKED) || (flags & MM_MAP_POPULATE))
		/* Best effort, as in Linux: errors leave pages to faults. */
		(void)mm_populate_range(mm, start, len, true);
	*out = start;
	return 0;
}

int mm_munmap(struct mm *mm, uint64_t start, uint64_t len)
{
	if (!mm_page_aligned(start) || !mm_page_aligned(len) || len == 0 ||
	    len > OSTD_USER_END || start > OSTD_USER_END - len)
		return -EINVAL;
	return vma_unmap(&mm->areas, start, start + len, mm_unmap_piece);
}

bool mm_range_mapped(struct mm *mm, uint64_t start, uint64_t len)
{
	const struct vma *v = vma_find(&mm->areas, start);
	uint64_t end = start + len;

	while (v && v->end < end) {
		const struct vma *n = vma_next(v);

		if (!n || n->start != v->end)
			return false;
		v = n;
	}
	return v != NULL;
}

/*
 * How far mprotect() gets from @start: Linux changes one area after the
 * other and stops at the first hole (-ENOMEM) or, when adding WRITE, at
 * the first area that may not be written (-EACCES), keeping what it
 * changed before. Returns the end of that prefix (@start: nothing to
 * change) and the error that ends it in *@err (0 if none does).
 */
static uint64_t mm_mprotect_extent(struct mm *mm, uint64_t start,
				   uint64_t end, unsigned prot, int *err)
{
	const struct vma *v = vma_find(&mm->areas, start);
	uint64_t at = start;

	*err = 0;
	while (at < end) {
		if (!v || v->start > at) {
			*err = -ENOMEM;
			return at;
		}
		if ((prot & VMA_WRITE) && (v->flags & VMA_NOWRITE)) {
			*err = -EACCES;
			return at;
		}
		at = v->end;
		v = vma_next(v);
	}
	return end;
}

int mm_mprotect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot)
{
	uint64_t end = start + len;
	const struct vma *v;
	int stop_err, err;

	if (!mm_page_aligned(start) || !mm_page_aligned(len))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (len > OSTD_USER_END || start > OSTD_USER_END - len)
		return -ENOMEM;
	end = mm_mprotect_extent(mm, start, end, prot, &stop_err);
	if (end == start)
		return stop_err;
	err = vma_protect(&mm->areas, start, end, prot);
	if (err < 0)
		return err;
	for (v = vma_find(&mm->areas, start); v && v->start < end;
	     v = vma_next(v)) {
		uint64_t lo = v->start > start ? v->start : start;
		uint64_t hi = v->end < end ? v->end : end;

		err = mm_apply_prot(mm, v, lo, hi);
		if (err < 0)
			return err;
	}
	return stop_err;
}

int mm_mprotect_growsdown(struct mm *mm, uint64_t start, uint64_t len,
			  unsigned prot)
{
	const struct vma *v = vma_find_next(&mm->areas, start);

	if (!v || v->start >= start + len)
		return -ENOMEM;
	if (!(v->flags & VMA_GROWSDOWN))
		return -EINVAL;
	return mm_mprotect(mm, v->start, start + len - v->start, prot);
}

/* MADV_DONTNEED(_LOCKED): Linux stops at a locked area unless @locked. */
static int mm_zap(struct mm *mm, uint64_t start, uint64_t len, bool locked)
{
	uint64_t end = start + len;
	const struct vma *v;

	mm_update_hiwater(mm);
	for (v = vma_find_next(&mm->areas, start); v && v->start < end;
	     v = vma_next(v)) {
		uint64_t lo = v->start > start ? v->start : start;
		uint64_t hi = v->end < end ? v->end : end;

		if ((v->flags & VMA_LOCKED) && !locked)
			return -EINVAL;
		/* Shared pages hold the data itself (Linux: shmem/page cache). */
		if (v->flags & VMA_SHARED)
			continue;
		(void)ostd_vmspace_unmap(mm->vs, lo, hi - lo);
	}
	return 0;
}

int mm_dontneed(struct mm *mm, uint64_t start, uint64_t len)
{
	return mm_zap(mm, start, len, false);
}

int mm_dontneed_locked(struct mm *mm, uint64_t start, uint64_t len)
{
	return mm_zap(mm, start, len, true);
}

int mm_madv_free(struct mm *mm, uint64_t start, uint64_t len)
{
	uint64_t end = start + len;
	const struct vma *v;

	for (v = vma_find_next(&mm->areas, start); v && v->start < end;
	     v = vma_next(v)) {
		if ((v->flags & (VMA_LOCKED | VMA_SHARED)) || v->file)
			return -EINVAL;
	}
	return 0;
}
