/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/mm/mm_internal.h - struct mm and helpers shared by kernel/mm/mm*.c.
 *
 * mm.c: lifetime, limits, exec-time setup. mm_fault.c: page faults, COW,
 * stack growth. mm_copy.c: user copies. mm_map.c: placement, mmap, munmap,
 * mprotect, madvise. mm_remap.c: mremap and brk. mm_fork.c: fork.
 * mm_file.c: the list of all spaces, file references, truncation, and
 * the executable file. mm_lock.c: mlock, populating, mincore.
 */
#ifndef KERNEL_MM_MM_INTERNAL_H
#define KERNEL_MM_MM_INTERNAL_H

#include <ostd/vm.h>

#include "mm.h"
#include "vma.h"

/* Linux's stack_guard_gap: 256 pages kept free below a growing stack. */
#define MM_STACK_GUARD_GAP (256UL * OSTD_PAGE_SIZE)
/* The stack area made at exec (Linux expands it to 128 KiB too). */
#define MM_STACK_INITIAL (128UL << 10)
/* Linux's mmap_base gap: at least 128 MiB for the stack below its top. */
#define MM_MMAP_GAP_MIN (128UL << 20)
/* mmap_min_addr: nothing may be mapped below this (Linux's default). */
#define MM_MMAP_MIN_ADDR 0x10000UL

/* Area flag private to mm: a shared file mapping that may never be writable. */
#define VMA_NOWRITE 0x100U
/*
 * Area flags private to mm: Linux's VM_LOCKED (mlock: pages stay in
 * memory, which with no swap only means they are faulted in when the
 * area is locked) and VM_LOCKONFAULT (mlock2(MLOCK_ONFAULT): locked, but
 * not faulted in). Locked areas merge only with locked ones.
 */
#define VMA_LOCKED 0x200U
#define VMA_LOCKONFAULT 0x400U
#define VMA_LOCK_MASK (VMA_LOCKED | VMA_LOCKONFAULT)

struct mm {
	struct ostd_vmspace *vs;
	struct vma_tree areas;
	uint64_t brk_base;    /* start of the heap, page-aligned */
	uint64_t brk;         /* current break, as the program set it */
	uint64_t stack_limit; /* RLIMIT_STACK */
	uint64_t as_limit;    /* RLIMIT_AS */
	uint64_t mmap_base;   /* top-down mmap() placement starts below this */
	struct mm_args args;  /* where exec put argv and envp */
	size_t hiwater_rss;   /* most pages resident before an unmap */
	struct vma_file *exe_file; /* holds a reference and a write denial */
	unsigned def_flags;   /* VMA_LOCK* bits of new areas (MCL_FUTURE) */
	/* Every mm, for truncation (mm_file.c); mm list lock. */
	struct mm *all_prev;
	struct mm *all_next;
};

static inline uint64_t mm_page_down(uint64_t a)
{
	return a & ~(OSTD_PAGE_SIZE - 1);
}

static inline bool mm_page_aligned(uint64_t a)
{
	return (a & (OSTD_PAGE_SIZE - 1)) == 0;
}

/* The page permissions an area asks for: W needs R in a page table. */
static inline unsigned mm_pte_prot(unsigned prot)
{
	prot &= VMA_READ | VMA_WRITE | VMA_EXEC;
	if (prot & VMA_WRITE)
		prot |= VMA_READ;
	return prot;
}

/* Notes the RSS peak before pages go (Linux's update_hiwater_rss()). */
static inline void mm_update_hiwater(struct mm *mm)
{
	size_t rss = mm_rss_pages(mm);

	if (rss > mm->hiwater_rss)
		mm->hiwater_rss = rss;
}

/* mm_map.c */
/* The vma_piece_fn that unmaps a removed piece's pages. */
void mm_unmap_piece(struct mm *mm, const struct vma *piece);
/* Whether @extra more bytes of areas stay within RLIMIT_AS. */
bool mm_may_expand(const struct mm *mm, uint64_t extra);
/* Inserts a new area and merges it; -EEXIST on overlap, -ENOMEM. */
int mm_insert_area(struct mm *mm, uint64_t start, uint64_t end, unsigned prot,
		   unsigned flags, struct vma_file *file, uint64_t offset);
/*
 * Gives the mapped pages of @v in [start, end) the area's permissions,
 * keeping COW pages (shared frames of private areas) read-only.
 */
int mm_apply_prot(struct mm *mm, const struct vma *v, uint64_t start,
		  uint64_t end);
/* A free range of @len bytes, trying @hint first; -ENOMEM if none. */
int mm_find_free(struct mm *mm, uint64_t hint, uint64_t len, uint64_t *out);

/* mm_lock.c */
/* Gives every area of @mm the lock bits @lock (fork, mlockall), merging. */
void mm_lock_all_areas(struct mm *mm, unsigned lock);

/* mm_file.c */
/*
 * The file operations the area tree uses: a file reference per area,
 * and the area count of the file's mapping (vma_mapping).
 */
extern const struct vma_file_ops mm_vma_file_ops;
/* Adds a new @mm to the list of all spaces, or takes it out (destroy). */
void mm_list_add(struct mm *mm);
void mm_list_del(struct mm *mm);

#endif
