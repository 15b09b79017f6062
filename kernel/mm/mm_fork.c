// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_fork.c - duplicating an address space for fork().
 *
 * The child gets a copy of the area tree and, page by page, the parent's
 * mappings: private areas through ostd_vmspace_share_cow() (both sides
 * lose WRITE and the first write fault copies, see mm_fault.c); shared
 * areas map the very same frames with the same permissions. Nothing is
 * copied at fork time.
 *
 * Shared anonymous memory has no page cache behind it, so a page neither
 * side has touched yet would otherwise become two different zero pages
 * later. Fork therefore first gives every page of such an area a frame
 * in the parent; after that the frames are shared for good. The cost is
 * memory for untouched pages of shared anonymous areas at the first fork.
 *
 * The child also runs the parent's executable file, and so denies writes
 * to it too (mm_set_exe_file) until it execs something else or exits.
 * Memory locks (mlock, mlockall) stay with the parent.
 */
#include "../errno.h"
#include "mm_internal.h"

/* Gives every absent page of shared anonymous @v a zeroed frame. */
static int mm_fill_shared(struct mm *mm, const struct vma *v)
{
	unsigned prot = mm_pte_prot(v->prot);
	uint64_t a;

	for (a = v->start; a < v->end; a += OSTD_PAGE_SIZE) {
		struct ostd_frame *f;
		int err;

		if (ostd_vmspace_query(mm->vs, a, NULL))
			continue;
		f = ostd_frame_alloc();
		if (!f)
			return -ENOMEM;
		err = ostd_vmspace_map(mm->vs, a, f, prot);
		ostd_frame_put(f);
		if (err < 0)
			return err;
	}
	return 0;
}

/* Maps the parent's frames of shared @v in the child, as they are. */
static int mm_share_pages(struct mm *child, struct mm *parent,
			  const struct vma *v)
{
	uint64_t a;

	for (a = v->start; a < v->end; a += OSTD_PAGE_SIZE) {
		unsigned prot = 0;
		struct ostd_frame *f = ostd_vmspace_query(parent->vs, a, &prot);
		int err;

		if (!f)
			continue;
		err = ostd_vmspace_map(child->vs, a, f, prot);
		if (err < 0)
			return err;
	}
	return 0;
}

static int mm_fork_area(struct mm *child, struct mm *parent,
			const struct vma *v)
{
	int err;

	if (!(v->flags & VMA_SHARED))
		return ostd_vmspace_share_cow(child->vs, parent->vs, v->start,
					      v->end - v->start);
	if (!v->file) {
		err = mm_fill_shared(parent, v);
		if (err < 0)
			return err;
	}
	return mm_share_pages(child, parent, v);
}

struct mm *mm_fork(struct mm *parent)
{
	struct mm *child = mm_create();
	const struct vma *v;

	if (!child)
		return NULL;
	child->brk_base = parent->brk_base;
	child->brk = parent->brk;
	child->stack_limit = parent->stack_limit;
	child->as_limit = parent->as_limit;
	child->mmap_base = parent->mmap_base;
	child->args = parent->args;
	/* Linux's dup_mm_exe_file(); the parent's denial keeps writers out,
	 * so only a bug could make this fail. */
	if (vma_tree_clone(&child->areas, &parent->areas) < 0 ||
	    mm_set_exe_file(child, parent->exe_file) < 0) {
		mm_destroy(child);
		return NULL;
	}
	/* Memory locks are not inherited (Linux's dup_mmap()), nor is
	 * mlockall(MCL_FUTURE): the child's def_flags stay 0. */
	mm_lock_all_areas(child, 0);
	for (v = vma_first(&parent->areas); v; v = vma_next(v)) {
		if (mm_fork_area(child, parent, v) < 0) {
			/* The parent's pages stay valid: COW copes either way. */
			mm_destroy(child);
			return NULL;
		}
	}
	return child;
}
