/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/vm.h - user address spaces and checked user-memory access.
 *
 * An ostd_vmspace is one SV39 page table. Its lower half [0, OSTD_USER_END)
 * belongs to the user and is managed through this API a page at a time; its
 * upper half is the kernel's and is identical (global entries) in every
 * space, so traps and syscalls never switch satp.
 *
 * Ownership: a mapping holds one reference on its frame. map() takes a new
 * reference; unmap() and destroy() drop them. TLB entries are flushed for
 * exactly the valid entries that change (sfence.vma per page, or per ASID
 * for big ranges); a new mapping where there was none is not flushed (see
 * ostd_vmspace_fix_spurious()); nothing flushes the whole TLB on a syscall.
 *
 * User copies walk the page table in software and copy through the kernel's
 * map of physical memory, so they never fault in the kernel and never touch
 * sstatus.SUM. A copy stops at the first page that is absent or lacks the
 * needed permission and reports that address: the kernel resolves it (demand
 * paging, copy-on-write) and retries, or returns -EFAULT.
 *
 * Locking: a vmspace is not internally locked; the kernel serialises changes
 * to one space (its mm lock). Different spaces are independent.
 */
#ifndef OSTD_VM_H
#define OSTD_VM_H

#include <ostd/frame.h>
#include <ostd/types.h>

/* The end of user space: 256 GiB, the SV39 lower half. */
#define OSTD_USER_END 0x4000000000UL

/* Page permissions; a user mapping always carries U. */
#define OSTD_PROT_READ 1U
#define OSTD_PROT_WRITE 2U
#define OSTD_PROT_EXEC 4U

struct ostd_vmspace;

/* A new, empty user space (kernel half shared), or NULL. */
struct ostd_vmspace *ostd_vmspace_new(void);
/*
 * Drops every mapping and frees the tables. Must not be active on another
 * hart; if it is this hart's active space, the hart switches to the
 * kernel-only table first.
 */
void ostd_vmspace_destroy(struct ostd_vmspace *vs);
/*
 * Makes @vs the current hart's user space (satp with its ASID); NULL
 * selects the kernel-only table. satp is written only on a change.
 */
void ostd_vmspace_activate(struct ostd_vmspace *vs);

/*
 * Maps @f at the page-aligned user address @va with @prot, replacing (and
 * releasing) any previous mapping there. Takes its own reference on @f.
 * -OSTD_EINVAL: unaligned, outside user space, or @prot has W without R.
 * -OSTD_ENOMEM: no frame for a page-table page.
 */
int ostd_vmspace_map(struct ostd_vmspace *vs, ostd_uaddr_t va,
		     struct ostd_frame *f, unsigned prot);
/*
 * A user page fault hit a page that is mapped with the needed permission:
 * this hart's TLB (or page walk) still had an older view of @vs. Making a
 * PTE valid is not followed by a TLB flush (a fence is only an ordering
 * point on RISC-V), so such spurious faults are possible on hardware that
 * caches invalid entries; the fault handler calls this, which flushes
 * @vs's translations on this hart, and then retries the access.
 */
void ostd_vmspace_fix_spurious(struct ostd_vmspace *vs);
/* Unmaps [va, va+len) (page-aligned), releasing frames. Holes are fine. */
int ostd_vmspace_unmap(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len);
/* Sets @prot on every mapped page in [va, va+len). */
int ostd_vmspace_protect(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len,
			 unsigned prot);
/*
 * How many user pages of @vs map a frame (every map() of an empty slot
 * adds one, every unmapped page removes one): the resident set size
 * that Linux's /proc shows, in pages. 0 for NULL.
 */
size_t ostd_vmspace_resident(const struct ostd_vmspace *vs);
/*
 * The mapping at @va: returns the frame (borrowed: take a reference to keep
 * it) and its permissions, or NULL if nothing is mapped.
 */
struct ostd_frame *ostd_vmspace_query(struct ostd_vmspace *vs, ostd_uaddr_t va,
				      unsigned *prot);

/*
 * Copies between user memory of @vs and kernel memory. Return 0 on
 * success. On failure return -OSTD_EFAULT and store in *fault the first
 * user address that was absent or not readable (read) / writable (write);
 * bytes before it were copied. @fault may be NULL.
 */
int ostd_vmspace_read(struct ostd_vmspace *vs, ostd_uaddr_t src, void *dst,
		      size_t n, ostd_uaddr_t *fault);
int ostd_vmspace_write(struct ostd_vmspace *vs, ostd_uaddr_t dst,
		       const void *src, size_t n, ostd_uaddr_t *fault);
/*
 * Copies a NUL-terminated string of at most @max bytes (NUL included) into
 * @dst. Returns its length without the NUL, -OSTD_ENAMETOOLONG-style
 * -OSTD_ERANGE if no NUL within @max, or -OSTD_EFAULT (with *fault).
 */
long ostd_vmspace_read_str(struct ostd_vmspace *vs, ostd_uaddr_t src,
			   char *dst, size_t max, ostd_uaddr_t *fault);

/*
 * Copies between user memory and a frame without a bounce buffer (file
 * reads and writes). write_frame copies @n bytes of @f from @off to user
 * @dst; read_frame copies user @src into @f at @off. -OSTD_EINVAL if
 * @off + @n exceeds a page; otherwise as ostd_vmspace_read/write.
 */
int ostd_vmspace_write_frame(struct ostd_vmspace *vs, ostd_uaddr_t dst,
			     const struct ostd_frame *f, size_t off, size_t n,
			     ostd_uaddr_t *fault);
int ostd_vmspace_read_frame(struct ostd_vmspace *vs, ostd_uaddr_t src,
			    struct ostd_frame *f, size_t off, size_t n,
			    ostd_uaddr_t *fault);

/*
 * Copy-on-write mechanism for fork (the kernel decides which ranges): for
 * every page mapped in @src within [va, va+len) (page-aligned), maps the
 * same frame at the same address in @dst with the same permissions minus
 * WRITE (taking a reference, replacing any mapping @dst had there), and
 * removes WRITE from @src's mapping (flushing @src's TLB once at the end).
 * A later write fault on either side is the kernel's to resolve, e.g. by
 * copying the frame and mapping the copy writable.
 * -OSTD_EINVAL for a bad range or @dst == @src; -OSTD_ENOMEM if a table
 * page could not be allocated (pages before the failure are shared).
 */
int ostd_vmspace_share_cow(struct ostd_vmspace *dst, struct ostd_vmspace *src,
			   ostd_uaddr_t va, size_t len);

/*
 * Kernel-image self-checks, used by the boot self-test: performs a real
 * access of kind @prot (READ, WRITE or EXEC) on the given kernel section
 * and reports whether the hardware allowed it (0) or faulted (-OSTD_EFAULT).
 * A write probe stores back the value it read, so it changes nothing.
 */
enum ostd_ksection {
	OSTD_KSECTION_TEXT,
	OSTD_KSECTION_RODATA,
	OSTD_KSECTION_DATA,
	OSTD_KSECTION_BSS,
};
int ostd_kspace_probe(enum ostd_ksection section, unsigned prot);

#endif
