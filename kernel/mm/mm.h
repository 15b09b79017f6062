/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/mm/mm.h - a process's address space: the policy half.
 *
 * A struct mm pairs ostd's page table (struct ostd_vmspace, the mechanism)
 * with the VM-area tree (vma.h, what the process asked for) plus brk and
 * limits. Pages are populated lazily: mm_handle_fault() is the one place
 * that turns "an area says this page may exist" into a mapped frame, for
 * demand-zero anonymous memory, file pages, stack growth and copy-on-write.
 *
 * Every copy to or from user memory in the kernel goes through the
 * mm_copy_* functions below: they call ostd's checked copies and, when
 * ostd reports a missing or read-only page, resolve it with
 * mm_handle_fault() and retry, so syscalls see demand paging and COW
 * exactly like user code does. A genuinely bad pointer gives -EFAULT.
 *
 * Locking: an mm is used only by the task(s) that own it; with one thread
 * per process that is a single task, so no lock yet (see docs).
 */
#ifndef KERNEL_MM_MM_H
#define KERNEL_MM_MM_H

#include <ostd/frame.h>
#include <ostd/types.h>
#include <ostd/vm.h>

struct mm;
struct vma_file;

/* A new empty address space, or NULL (ENOMEM). */
struct mm *mm_create(void);
/* Drops everything. @mm must not be active on any hart. */
void mm_destroy(struct mm *mm);
/* Copy-on-write duplicate for fork(); NULL on ENOMEM. */
struct mm *mm_fork(struct mm *parent);
/* The page table to hand to ostd_user_execute(). */
struct ostd_vmspace *mm_vmspace(struct mm *mm);

/*
 * Resolves a fault at @addr for @access (OSTD_PROT_READ/WRITE/EXEC).
 * 0: fixed, retry the access. -EFAULT: no area or not permitted (SIGSEGV).
 * -ENOMEM: out of frames (the caller kills the process, like Linux's OOM).
 */
int mm_handle_fault(struct mm *mm, ostd_uaddr_t addr, unsigned access);

/* Checked user copies that resolve faults (see above). 0 or -EFAULT. */
int mm_copy_from_user(struct mm *mm, void *dst, ostd_uaddr_t src, size_t n);
int mm_copy_to_user(struct mm *mm, ostd_uaddr_t dst, const void *src, size_t n);
/* Between user memory and a frame (file data), without a bounce buffer. */
int mm_copy_frame_to_user(struct mm *mm, ostd_uaddr_t dst,
			  const struct ostd_frame *f, size_t off, size_t n);
int mm_copy_frame_from_user(struct mm *mm, struct ostd_frame *f, size_t off,
			    ostd_uaddr_t src, size_t n);
/* A NUL-terminated string into @dst (@max bytes incl. NUL): its length,
 * -EFAULT, or -ENAMETOOLONG if no NUL within @max. */
long mm_strncpy_from_user(struct mm *mm, char *dst, ostd_uaddr_t src,
			  size_t max);

/* ---- building an image (exec) ---- */
/* Maps an anonymous private area [start, start+len) with @prot (OSTD_PROT_*). */
int mm_map_anon_fixed(struct mm *mm, ostd_uaddr_t start, size_t len,
		      unsigned prot);
/*
 * Maps @len bytes of @file from @offset at @start, privately (COW), with
 * @prot; bytes past @filesz (inside the area) read as zero (ELF bss tail).
 */
int mm_map_file_fixed(struct mm *mm, ostd_uaddr_t start, size_t len,
		      unsigned prot, struct vma_file *file, uint64_t offset,
		      uint64_t filesz);
/* The stack area: grows down from @top, at most @limit bytes (RLIMIT_STACK). */
int mm_setup_stack(struct mm *mm, ostd_uaddr_t top, size_t limit);
/* Sets the start of the heap (end of the highest ELF segment). */
void mm_set_brk_base(struct mm *mm, ostd_uaddr_t base);

#endif
