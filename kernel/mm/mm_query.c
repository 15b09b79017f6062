// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_query.c - reading an address space from outside, for
 * /proc/<pid>/maps, statm, status and exe: its areas in address order,
 * the special names Linux gives some of them, the executable, and the
 * counters Linux keeps in struct mm_struct (total_vm, data_vm, stack_vm,
 * exec_vm, the code bounds, and the resident pages by kind).
 *
 * Linux keeps those counters up to date on every change; racho computes
 * them from the areas when asked, which gives the same numbers, because
 * Linux's vm_stat_account() classifies an area by its current flags
 * (mprotect moves pages between the counters) exactly as done here:
 *
 *   exec_vm   executable, not writable, not a stack
 *   stack_vm  grows down (VM_STACK is VM_GROWSDOWN on riscv64)
 *   data_vm   writable, private, not a stack
 *
 * The code bounds (Linux's start_code and end_code: the span of the ELF
 * segments with PF_X) are not recorded at exec; they are the span of the
 * executable areas that map the executable file.
 *
 * Resident pages are split like Linux's MM_FILEPAGES / MM_SHMEMPAGES /
 * MM_ANONPAGES by looking at each page of the file and shared areas: a
 * page of a file area is a file page unless it is a private copy (mapped
 * writable in a private area); a page of a shared anonymous area is
 * shmem; every other resident page is anonymous. A private copy that
 * fork made read-only again counts as a file page (Linux: anonymous).
 *
 * Locking: like every mm call, the caller keeps the owner from changing
 * the space (see mm.h): /proc holds the process table lock on the one
 * hart that runs processes.
 */
#include "mm_internal.h"

const struct vma *mm_area_after(const struct mm *mm, uint64_t addr)
{
	return vma_find_next(&mm->areas, addr);
}

const struct vma *mm_area_next(const struct vma *v)
{
	return vma_next(v);
}

struct vma_file *mm_exe_file(const struct mm *mm)
{
	return mm->exe_file;
}

/*
 * Linux's show_map_vma() names, for areas without a file: shared
 * anonymous memory is a file on Linux ("/dev/zero (deleted)"); [heap] is
 * an area inside the break's range, and [stack] the stack that holds the
 * process's arguments (Linux: start_stack).
 *
 * Linux's heap test, start <= brk && end >= start_brk, also takes areas
 * that merely touch the range; with its randomised heap start nothing
 * touches it but the heap. racho does not randomise, so the executable's
 * bss ends where the heap starts: only areas that overlap the range
 * [brk_base, brk) are the heap here, which is what Linux shows by
 * default (a heap that has not grown yet has no line).
 */
enum mm_area_kind mm_area_kind(const struct mm *mm, const struct vma *v)
{
	uint64_t arg = mm->args.arg_start;
	uint64_t brk_end = mm_page_down(mm->brk + OSTD_PAGE_SIZE - 1);

	if (v->file)
		return MM_AREA_PLAIN;
	if (v->flags & VMA_SHARED)
		return MM_AREA_SHARED_ANON;
	if (v->start < brk_end && v->end > mm->brk_base)
		return MM_AREA_HEAP;
	if ((v->flags & VMA_STACK) &&
	    (arg == 0 || (v->start <= arg && arg < v->end)))
		return MM_AREA_STACK;
	return MM_AREA_PLAIN;
}

/* Whether @v maps the executable file (any open file of its inode). */
static bool maps_exe(const struct mm *mm, const struct vma *v)
{
	return mm->exe_file && v->file &&
	       vma_file_mapping(v->file) == vma_file_mapping(mm->exe_file);
}

/* Adds @v's resident pages to the file, shmem or anonymous count. */
static void count_resident(struct mm *mm, const struct vma *v,
			   struct mm_vm_stats *st)
{
	uint64_t a;

	if (!v->file && !(v->flags & VMA_SHARED))
		return; /* anonymous: the rest of the RSS */
	for (a = v->start; a < v->end; a += OSTD_PAGE_SIZE) {
		unsigned prot = 0;

		if (!ostd_vmspace_query(mm->vs, a, &prot))
			continue;
		if (!v->file)
			st->shmem_pages++;
		else if ((v->flags & VMA_SHARED) || !(prot & OSTD_PROT_WRITE))
			st->file_pages++;
	}
}

/* Linux's vm_stat_account() classes, for the pages of one area. */
static void count_area(const struct vma *v, struct mm_vm_stats *st)
{
	uint64_t pages = (v->end - v->start) / OSTD_PAGE_SIZE;
	bool stack = (v->flags & VMA_GROWSDOWN) != 0;
	bool write = (v->prot & VMA_WRITE) != 0;

	st->total_pages += pages;
	if ((v->prot & VMA_EXEC) && !write && !stack)
		st->exec_pages += pages;
	else if (stack)
		st->stack_pages += pages;
	else if (write && !(v->flags & VMA_SHARED))
		st->data_pages += pages;
}

void mm_vm_stats(struct mm *mm, struct mm_vm_stats *out)
{
	const struct vma *v;
	uint64_t code_lo = UINT64_MAX;
	uint64_t code_hi = 0;
	const struct mm_vm_stats zero = { 0 };
	size_t rss = mm_rss_pages(mm);

	*out = zero;
	for (v = vma_first(&mm->areas); v; v = vma_next(v)) {
		count_area(v, out);
		count_resident(mm, v, out);
		if (!maps_exe(mm, v) || !(v->prot & VMA_EXEC))
			continue;
		if (v->start < code_lo)
			code_lo = v->start;
		if (v->end > code_hi)
			code_hi = v->end;
	}
	if (code_hi > code_lo)
		out->text_pages = (code_hi - code_lo) / OSTD_PAGE_SIZE;
	/* Both are pages of the page table the RSS counts: never more. */
	if (out->shmem_pages > rss)
		out->shmem_pages = rss;
	if (out->file_pages > rss - out->shmem_pages)
		out->file_pages = rss - out->shmem_pages;
	out->rss_pages = rss;
	out->anon_pages = rss - out->file_pages - out->shmem_pages;
}
