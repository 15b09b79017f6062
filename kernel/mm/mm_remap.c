// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_remap.c - resizing areas: mremap(2) and brk(2).
 *
 * mremap shrinks by unmapping the tail, grows in place when the next area
 * leaves room, and otherwise (with MREMAP_MAYMOVE) moves: the page-table
 * entries move to the new range with their frames and permissions, so a
 * moved page keeps its contents and its copy-on-write state, and nothing
 * is copied. The brk heap is an ordinary anonymous area marked VMA_HEAP
 * that starts at the end of the executable. What a locked area gains,
 * or the heap after mlockall(MCL_FUTURE), is faulted in at once.
 */
#include "../errno.h"
#include "mm_internal.h"

/* Moves every mapped page of [from, from+len) to [to, to+len). */
static int mm_move_pages(struct mm *mm, uint64_t from, uint64_t to,
			 uint64_t len)
{
	uint64_t a;

	for (a = 0; a < len; a += OSTD_PAGE_SIZE) {
		unsigned prot = 0;
		struct ostd_frame *f = ostd_vmspace_query(mm->vs, from + a,
							  &prot);
		int err;

		if (!f)
			continue;
		/* The new mapping takes its own reference before the old goes. */
		err = ostd_vmspace_map(mm->vs, to + a, f, prot);
		if (err < 0)
			return err;
	}
	return ostd_vmspace_unmap(mm->vs, from, len);
}

/*
 * Moves [old, old+old_len) of @v to a new area [to, to+new_len) with the
 * same protection, flags and file position. With @dontunmap the old range
 * stays mapped, without its pages (they fault in again as zeros, or from
 * the file) and unlocked, as Linux's MREMAP_DONTUNMAP leaves it.
 */
static int mm_move_area(struct mm *mm, const struct vma *v, uint64_t old,
			uint64_t old_len, uint64_t to, uint64_t new_len,
			bool dontunmap)
{
	uint64_t keep = old_len < new_len ? old_len : new_len;
	int err = mm_insert_area(mm, to, to + new_len, v->prot, v->flags,
				 v->file, v->offset + (old - v->start));

	if (err < 0)
		return err;
	err = mm_move_pages(mm, old, to, keep);
	if (err < 0)
		return err;
	if (dontunmap)
		return vma_set_flags(&mm->areas, old, old + old_len,
				     VMA_LOCK_MASK, 0);
	return vma_unmap(&mm->areas, old, old + old_len, mm_unmap_piece);
}

/* Whether @v can grow at its end by @delta bytes. */
static bool mm_can_grow(const struct vma *v, uint64_t delta)
{
	const struct vma *n = vma_next(v);

	if (delta > OSTD_USER_END || v->end > OSTD_USER_END - delta)
		return false;
	return !n || n->start >= v->end + delta;
}

/* MREMAP_FIXED: move to exactly @to, replacing what is there. */
static int mm_mremap_to(struct mm *mm, uint64_t old, uint64_t old_len,
			uint64_t new_len, uint64_t to, unsigned flags)
{
	const struct vma *v;
	int err;

	if (!mm_page_aligned(to))
		return -EINVAL;
	if (new_len > OSTD_USER_END || to > OSTD_USER_END - new_len)
		return -EINVAL;
	/* The ranges must not overlap. */
	if (to < old + old_len && old < to + new_len)
		return -EINVAL;
	v = vma_find(&mm->areas, old);
	if (!v || old_len > v->end - old)
		return -EFAULT;
	if (new_len > old_len && !mm_may_expand(mm, new_len - old_len))
		return -ENOMEM;
	err = vma_unmap(&mm->areas, to, to + new_len, mm_unmap_piece);
	if (err < 0)
		return err;
	v = vma_find(&mm->areas, old);
	if (!v)
		return -EFAULT;
	return mm_move_area(mm, v, old, old_len, to, new_len,
			    (flags & MM_MREMAP_DONTUNMAP) != 0);
}

static int mm_mremap_area(struct mm *mm, uint64_t old, uint64_t old_len,
			  uint64_t new_len, unsigned flags, uint64_t new_addr,
			  uint64_t *out)
{
	struct vma *v;
	uint64_t to;
	int err;

	if (flags & MM_MREMAP_DONTUNMAP) {
		v = vma_find(&mm->areas, old);
		if (!v || old_len > v->end - old)
			return -EFAULT;
		if (v->flags & VMA_SHARED)
			return -EINVAL;
	}
	if (flags & MM_MREMAP_FIXED) {
		err = mm_mremap_to(mm, old, old_len, new_len, new_addr, flags);
		if (err == 0)
			*out = new_addr;
		return err;
	}
	if (old_len >= new_len && !(flags & MM_MREMAP_DONTUNMAP)) {
		if (old_len > new_len) {
			err = vma_unmap(&mm->areas, old + new_len,
					old + old_len, mm_unmap_piece);
			if (err < 0)
				return err;
		}
		*out = old;
		return 0;
	}
	v = vma_find(&mm->areas, old);
	if (!v || old_len > v->end - old)
		return -EFAULT;
	/* DONTUNMAP keeps the old range: the move adds new_len to the total. */
	if (!mm_may_expand(mm, (flags & MM_MREMAP_DONTUNMAP) ? new_len :
							      new_len - old_len))
		return -ENOMEM;
	if (!(flags & MM_MREMAP_DONTUNMAP) && old + old_len == v->end &&
	    mm_can_grow(v, new_len - old_len)) {
		err = vma_adjust(&mm->areas, v, v->start, v->end +
				 (new_len - old_len));
		if (err < 0)
			return err;
		*out = old;
		return 0;
	}
	if (!(flags & MM_MREMAP_MAYMOVE))
		return -ENOMEM;
	err = mm_find_free(mm, 0, new_len, &to);
	if (err < 0)
		return err;
	err = mm_move_area(mm, v, old, old_len, to, new_len,
			   (flags & MM_MREMAP_DONTUNMAP) != 0);
	if (err == 0)
		*out = to;
	return err;
}

int mm_mremap(struct mm *mm, uint64_t old, uint64_t old_len, uint64_t new_len,
	      unsigned flags, uint64_t new_addr, uint64_t *out)
{
	int err = mm_mremap_area(mm, old, old_len, new_len, flags, new_addr,
				 out);

	/* Linux faults in what a locked area gained (errors ignored). */
	if (err == 0 && new_len > old_len && mm_area_locked(mm, *out))
		(void)mm_populate_range(mm, *out + old_len, new_len - old_len,
					true);
	return err;
}

/* Grows the heap from @oldp to @newp (both page-aligned). */
static int mm_brk_grow(struct mm *mm, uint64_t oldp, uint64_t newp)
{
	unsigned flags = VMA_ANON | VMA_HEAP | mm->def_flags;
	struct vma *heap = NULL;
	const struct vma *next;

	/* Linux keeps a page of room above the heap to the next area. */
	if (newp > OSTD_USER_END - OSTD_PAGE_SIZE)
		return -ENOMEM;
	next = vma_find_next(&mm->areas, oldp);
	if (next && next->start < newp + OSTD_PAGE_SIZE)
		return -ENOMEM;
	if (!mm_may_expand(mm, newp - oldp))
		return -ENOMEM;
	if (oldp > mm->brk_base)
		heap = vma_find(&mm->areas, oldp - 1);
	/* Linux extends the heap area only if its flags (locks) match. */
	if (heap && heap->flags == flags && heap->end == oldp)
		return vma_adjust(&mm->areas, heap, heap->start, newp);
	return mm_insert_area(mm, oldp, newp, VMA_READ | VMA_WRITE, flags,
			      NULL, 0);
}

uint64_t mm_brk(struct mm *mm, uint64_t brk)
{
	uint64_t newp = mm_page_down(brk + OSTD_PAGE_SIZE - 1);
	uint64_t oldp = mm_page_down(mm->brk + OSTD_PAGE_SIZE - 1);

	if (brk < mm->brk_base || brk > OSTD_USER_END)
		return mm->brk;
	if (newp == oldp) {
		mm->brk = brk;
		return brk;
	}
	if (newp < oldp) {
		/* Shrinking unmaps: growing again gives zeroed pages. */
		if (vma_unmap(&mm->areas, newp, oldp, mm_unmap_piece) < 0)
			return mm->brk;
	} else if (!mm_enough_memory(newp - oldp) ||
		   mm_brk_grow(mm, oldp, newp) < 0) {
		return mm->brk;
	} else if (mm->def_flags & VMA_LOCKED) {
		/* mlockall(MCL_FUTURE): the new heap pages come in now. */
		(void)mm_populate_range(mm, oldp, newp - oldp, true);
	}
	mm->brk = brk;
	return brk;
}
