// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_fault.c - page faults: demand paging, copy-on-write and
 * stack growth.
 *
 * A fault is legal if an area covers the address (or a growing stack can
 * be extended to cover it) and the area's protection allows the access;
 * then exactly one page is fixed:
 *   - absent, anonymous: a fresh zeroed frame;
 *   - absent, file: the page-cache frame, read-only in a private writable
 *     area until the first write (which copies it), or a copy right away
 *     for a write fault; a hole in the file gives a private zero frame;
 *   - present but read-only in a private writable area (COW): if the frame
 *     has no other holder, make it writable; otherwise copy it.
 * Only the one page table entry changes, so ostd flushes at most one TLB
 * entry (none when the entry was invalid); a fault on a page that is
 * already mapped as it should be is a stale TLB view, fixed by a flush.
 */
#include "../errno.h"
#include "mm_internal.h"

/* Whether an area with @prot allows @access (riscv: write implies read). */
static bool mm_access_ok(unsigned prot, unsigned access)
{
	if ((access & OSTD_PROT_EXEC) && !(prot & VMA_EXEC))
		return false;
	if ((access & OSTD_PROT_WRITE) && !(prot & VMA_WRITE))
		return false;
	if ((access & OSTD_PROT_READ) && !(prot & (VMA_READ | VMA_WRITE)))
		return false;
	return true;
}

/*
 * Extends the growing stack above @addr down to cover it. Like Linux it
 * refuses beyond RLIMIT_STACK, closer than the guard gap to the area
 * below, or beyond RLIMIT_AS; the fault then becomes SIGSEGV.
 */
static int mm_grow_stack(struct mm *mm, uint64_t addr, struct vma **out)
{
	struct vma *v = vma_find_next(&mm->areas, addr);
	const struct vma *prev;
	uint64_t start = mm_page_down(addr);

	if (!v || !(v->flags & VMA_GROWSDOWN) || addr >= v->start)
		return -EFAULT;
	if (v->end - start > mm->stack_limit)
		return -EFAULT;
	prev = vma_prev(v);
	if (prev && start - prev->end < MM_STACK_GUARD_GAP)
		return -EFAULT;
	if (!mm_may_expand(mm, v->start - start))
		return -EFAULT;
	if (vma_adjust(&mm->areas, v, start, v->end) < 0)
		return -EFAULT;
	*out = v;
	return 0;
}

/* Maps @f at @page and drops the caller's reference to it. */
static int mm_install(struct mm *mm, uint64_t page, struct ostd_frame *f,
		      unsigned prot)
{
	int err = ostd_vmspace_map(mm->vs, page, f, prot);

	ostd_frame_put(f);
	return err;
}

/* A private copy of @src mapped at @page; drops the reference on @src if
 * @put_src (a page-cache frame handed to us). */
static int mm_install_copy(struct mm *mm, uint64_t page,
			   struct ostd_frame *src, bool put_src, unsigned prot)
{
	struct ostd_frame *f = ostd_frame_alloc();

	if (f)
		ostd_frame_copy(f, src);
	if (put_src)
		ostd_frame_put(src);
	if (!f)
		return -ENOMEM;
	return mm_install(mm, page, f, prot);
}

/* A fresh zeroed frame at @page. */
static int mm_install_zero(struct mm *mm, uint64_t page, unsigned prot)
{
	struct ostd_frame *f = ostd_frame_alloc();

	if (!f)
		return -ENOMEM;
	return mm_install(mm, page, f, prot);
}

/* First touch of a page of a file area. */
static int mm_fault_file(struct mm *mm, const struct vma *v, uint64_t page,
			 unsigned access, unsigned prot)
{
	bool shared = v->flags & VMA_SHARED;
	uint64_t pgoff = (v->offset + (page - v->start)) / OSTD_PAGE_SIZE;
	int err = 0;
	struct ostd_frame *f = vma_file_get_page(v->file, pgoff, shared, &err);

	if (!f) {
		if (err < 0)
			return err;
		if (shared)
			return -EIO; /* the VFS broke its promise to fill */
		return mm_install_zero(mm, page, prot);
	}
	if (shared)
		return mm_install(mm, page, f, prot);
	if (access & OSTD_PROT_WRITE)
		return mm_install_copy(mm, page, f, true, prot);
	/* Share the cache page until the first write. */
	return mm_install(mm, page, f, prot & ~VMA_WRITE);
}

/* A present page: COW break, or permissions catching up with the area. */
static int mm_fault_present(struct mm *mm, const struct vma *v, uint64_t page,
			    struct ostd_frame *f, unsigned cur,
			    unsigned access, unsigned prot, bool hw)
{
	bool exclusive = ostd_frame_refcount(f) == 1;

	if (!(v->flags & VMA_SHARED) && !exclusive) {
		if (access & OSTD_PROT_WRITE)
			return mm_install_copy(mm, page, f, false, prot);
		prot &= ~VMA_WRITE;
	}
	if (prot == cur) {
		/*
		 * A hardware fault on a page already mapped as it should be:
		 * the hart's TLB had an older view (ostd does not flush when
		 * an entry becomes valid). Flush it and retry, as Linux's
		 * flush_tlb_fix_spurious_fault(). Populating needs nothing.
		 */
		if (hw)
			ostd_vmspace_fix_spurious(mm->vs);
		return 0;
	}
	return ostd_vmspace_protect(mm->vs, page, OSTD_PAGE_SIZE, prot);
}

/* @hw: a fault the hardware raised (not a kernel-side populate). */
static int mm_fault(struct mm *mm, ostd_uaddr_t addr, unsigned access, bool hw)
{
	struct vma *v;
	struct ostd_frame *f;
	uint64_t page = mm_page_down(addr);
	unsigned cur = 0, prot;

	if (addr >= OSTD_USER_END)
		return -EFAULT;
	v = vma_find(&mm->areas, addr);
	if (!v) {
		int err = mm_grow_stack(mm, addr, &v);

		if (err < 0)
			return err;
	}
	if (!mm_access_ok(v->prot, access))
		return -EFAULT;
	prot = mm_pte_prot(v->prot);
	f = ostd_vmspace_query(mm->vs, page, &cur);
	if (f)
		return mm_fault_present(mm, v, page, f, cur, access, prot, hw);
	if (v->file)
		return mm_fault_file(mm, v, page, access, prot);
	return mm_install_zero(mm, page, prot);
}

int mm_handle_fault(struct mm *mm, ostd_uaddr_t addr, unsigned access)
{
	return mm_fault(mm, addr, access, true);
}

int mm_populate(struct mm *mm, uint64_t start, uint64_t len, unsigned access)
{
	uint64_t a;

	for (a = start; a < start + len; a += OSTD_PAGE_SIZE) {
		int err = mm_fault(mm, a, access, false);

		if (err < 0)
			return err;
	}
	return 0;
}
