// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm.c - address spaces: creation, destruction, limits, and the
 * pieces exec uses to build a new image (segments, stack, heap base).
 *
 * An mm starts empty with Linux's default limits (8 MiB stack, unlimited
 * address space). Nothing here allocates frames for user pages: areas are
 * only promises, kept by mm_handle_fault() on first touch.
 */
#include <ostd/mem.h>

#include "../errno.h"
#include "mm_internal.h"

/* Below the stack's reach and its guard gap, like Linux's mmap_base(). */
static uint64_t mm_compute_mmap_base(uint64_t top, uint64_t stack_limit)
{
	uint64_t gap = stack_limit;

	if (gap < MM_MMAP_GAP_MIN)
		gap = MM_MMAP_GAP_MIN;
	/* Linux caps the gap at 5/6 of the address space. */
	if (gap > top / 6 * 5)
		gap = top / 6 * 5;
	return mm_page_down(top - gap - MM_STACK_GUARD_GAP);
}

struct mm *mm_create(void)
{
	struct mm *mm = OSTD_NEW(struct mm);

	if (!mm)
		return NULL;
	mm->vs = ostd_vmspace_new();
	if (!mm->vs) {
		ostd_heap_free(mm);
		return NULL;
	}
	vma_tree_init(&mm->areas, mm, &mm_vma_file_ops);
	mm->stack_limit = MM_STACK_LIMIT_DEFAULT;
	mm->as_limit = MM_RLIM_INFINITY;
	mm->mmap_base = mm_compute_mmap_base(OSTD_USER_END,
					     MM_STACK_LIMIT_DEFAULT);
	mm_list_add(mm);
	return mm;
}

void mm_destroy(struct mm *mm)
{
	if (!mm)
		return;
	/* First out of truncate's reach, then torn down. */
	mm_list_del(mm);
	(void)mm_set_exe_file(mm, NULL); /* clearing cannot fail */
	/* Destroying the page table drops every frame reference at once. */
	vma_tree_destroy(&mm->areas, NULL);
	ostd_vmspace_destroy(mm->vs);
	ostd_heap_free(mm);
}

struct ostd_vmspace *mm_vmspace(struct mm *mm)
{
	return mm->vs;
}

void mm_set_rlimit_stack(struct mm *mm, uint64_t bytes)
{
	mm->stack_limit = bytes;
}

void mm_set_rlimit_as(struct mm *mm, uint64_t bytes)
{
	mm->as_limit = bytes;
}

uint64_t mm_rlimit_stack(const struct mm *mm)
{
	return mm->stack_limit;
}

uint64_t mm_rlimit_as(const struct mm *mm)
{
	return mm->as_limit;
}

uint64_t mm_total_vm(const struct mm *mm)
{
	const struct vma *v;
	uint64_t sum = 0;

	for (v = vma_first(&mm->areas); v; v = vma_next(v))
		sum += v->end - v->start;
	return sum;
}

size_t mm_rss_pages(const struct mm *mm)
{
	return ostd_vmspace_resident(mm->vs);
}

size_t mm_hiwater_rss_pages(const struct mm *mm)
{
	size_t rss = mm_rss_pages(mm);

	return mm->hiwater_rss > rss ? mm->hiwater_rss : rss;
}

void mm_set_args(struct mm *mm, const struct mm_args *a)
{
	mm->args = *a;
}

void mm_get_args(const struct mm *mm, struct mm_args *out)
{
	*out = mm->args;
}

int mm_map_anon_fixed(struct mm *mm, ostd_uaddr_t start, size_t len,
		      unsigned prot)
{
	if (!mm_page_aligned(start) || !mm_page_aligned(len) || len == 0)
		return -EINVAL;
	if (!mm_may_expand(mm, len))
		return -ENOMEM;
	return mm_insert_area(mm, start, start + len, prot, VMA_ANON, NULL, 0);
}

/* Clears [from, page end) of the private copy of the page at @from. */
static int mm_zero_tail(struct mm *mm, uint64_t from)
{
	uint64_t page = mm_page_down(from);
	struct ostd_frame *f;
	unsigned prot;
	int err;

	/* A write fault makes the page a private, writable copy. */
	err = mm_handle_fault(mm, page, OSTD_PROT_WRITE);
	if (err < 0)
		return err;
	f = ostd_vmspace_query(mm->vs, page, &prot);
	if (!f)
		return -EFAULT;
	return ostd_frame_fill(f, from - page, 0, OSTD_PAGE_SIZE - (from - page));
}

int mm_map_file_fixed(struct mm *mm, ostd_uaddr_t start, size_t len,
		      unsigned prot, struct vma_file *file, uint64_t offset,
		      uint64_t filesz)
{
	uint64_t end = start + len;
	uint64_t file_end, file_page_end;
	int err;

	if (!mm_page_aligned(start) || !mm_page_aligned(len) || len == 0 ||
	    !mm_page_aligned(offset) || !file)
		return -EINVAL;
	if (!mm_may_expand(mm, len))
		return -ENOMEM;
	file_end = start + (filesz < len ? filesz : len);
	file_page_end = mm_page_down(file_end + OSTD_PAGE_SIZE - 1);
	if (file_page_end > start) {
		/* The tail clearing needs a writable area for a moment. */
		unsigned first = prot;

		if (!mm_page_aligned(file_end))
			first |= VMA_READ | VMA_WRITE;
		err = mm_insert_area(mm, start, file_page_end, first, 0, file,
				     offset);
		if (err < 0)
			return err;
		if (!mm_page_aligned(file_end)) {
			err = mm_zero_tail(mm, file_end);
			if (err == 0 && first != prot)
				err = mm_mprotect(mm, start,
						  file_page_end - start, prot);
			if (err < 0)
				return err;
		}
	}
	if (file_page_end < end)
		return mm_insert_area(mm, file_page_end, end, prot, VMA_ANON,
				      NULL, 0);
	return 0;
}

int mm_setup_stack(struct mm *mm, ostd_uaddr_t top, size_t limit)
{
	uint64_t size = MM_STACK_INITIAL;

	if (!mm_page_aligned(top) || top > OSTD_USER_END || top < size)
		return -EINVAL;
	if (limit < size)
		size = mm_page_down(limit) ? mm_page_down(limit) : OSTD_PAGE_SIZE;
	mm->stack_limit = limit;
	mm->mmap_base = mm_compute_mmap_base(top, limit);
	return mm_insert_area(mm, top - size, top,
			      VMA_READ | VMA_WRITE,
			      VMA_ANON | VMA_STACK | VMA_GROWSDOWN, NULL, 0);
}

void mm_set_brk_base(struct mm *mm, ostd_uaddr_t base)
{
	mm->brk_base = mm_page_down(base + OSTD_PAGE_SIZE - 1);
	mm->brk = mm->brk_base;
}
