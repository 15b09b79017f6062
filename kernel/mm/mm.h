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
 * Copy-on-write: a private page whose frame is mapped more than once (after
 * fork, or a page-cache page of a private file mapping) is mapped without
 * WRITE. A write fault copies it, or, if the frame's reference count shows
 * this mapping is the only holder left, just maps it writable again. The
 * same rule decides what mprotect() may make writable, so no path can hand
 * out write access to a shared frame.
 *
 * Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS) is demand-zero until
 * the first fork(), which populates the whole area in the parent and maps
 * the same frames in the child (see mm_fork.c); from then on the frames
 * are shared for good. Shared file mappings share the page-cache frames.
 *
 * Locking: an mm is used only by the task(s) that own it; with one thread
 * per process that is a single task, so no lock yet (see docs). The one
 * exception is truncation (mm_unmap_mapping), which removes pages from
 * every space: it walks the list of all spaces under the mm list lock
 * (mm_file.c), which also protects each mapping's area count. That is
 * enough on one hart, where the kernel is not preempted; with SMP the
 * walk must also take each space's own lock (the owner's faults and
 * mmaps run concurrently) and shoot down other harts' TLBs.
 */
#ifndef KERNEL_MM_MM_H
#define KERNEL_MM_MM_H

#include <ostd/frame.h>
#include <ostd/types.h>
#include <ostd/vm.h>

struct mm;
struct vma_file;

/* Default RLIMIT_STACK (8 MiB, like Linux) and "unlimited". */
#define MM_STACK_LIMIT_DEFAULT (8UL << 20)
#define MM_RLIM_INFINITY UINT64_MAX

/* A new empty address space, or NULL (ENOMEM). */
struct mm *mm_create(void);
/* Drops everything. @mm must not be active on any hart. */
void mm_destroy(struct mm *mm);
/*
 * Copy-on-write duplicate for fork(); NULL on ENOMEM. Private areas share
 * their frames read-only in both spaces; shared areas share them as they
 * are. Limits, brk and the stack settings are inherited.
 */
struct mm *mm_fork(struct mm *parent);
/* The page table to hand to ostd_user_execute(). */
struct ostd_vmspace *mm_vmspace(struct mm *mm);

/*
 * Resource limits (setrlimit): RLIMIT_STACK bounds stack growth from the
 * next fault on; RLIMIT_AS bounds the total size of all areas (mmap, brk,
 * mremap and stack growth fail with -ENOMEM beyond it). MM_RLIM_INFINITY
 * means unlimited; the address space is capped at OSTD_USER_END anyway.
 */
void mm_set_rlimit_stack(struct mm *mm, uint64_t bytes);
void mm_set_rlimit_as(struct mm *mm, uint64_t bytes);
uint64_t mm_rlimit_stack(const struct mm *mm);
uint64_t mm_rlimit_as(const struct mm *mm);
/* Bytes covered by areas (VmSize). */
uint64_t mm_total_vm(const struct mm *mm);
/*
 * Pages mapped to a frame (VmRSS, stat's rss), counted by ostd's page
 * table, so every path that maps or unmaps (faults, populate, fork,
 * mremap, munmap, MADV_DONTNEED, exit) is counted at one place.
 */
size_t mm_rss_pages(const struct mm *mm);
/* The peak of mm_rss_pages() (VmHWM): like Linux's hiwater_rss it is
 * noted before pages are unmapped, and is at least the current RSS. */
size_t mm_hiwater_rss_pages(const struct mm *mm);

/*
 * Where exec laid out the argument and environment strings on the new
 * stack (Linux's mm->arg_start ... env_end): [arg_start, arg_end) holds
 * argv's strings, NULs included, and [env_start, env_end) envp's. All
 * zero before exec has built the stack. Inherited by mm_fork().
 */
struct mm_args {
	uint64_t arg_start, arg_end;
	uint64_t env_start, env_end;
};
void mm_set_args(struct mm *mm, const struct mm_args *a);
void mm_get_args(const struct mm *mm, struct mm_args *out);
/*
 * Linux's access_remote_vm(FOLL_ANON) for reading: copies up to @n bytes
 * at @src of @mm, which need not be the active space, into @dst, faulting
 * pages in as a read by the owner would, but only inside private
 * anonymous readable areas (no file or shared memory, so no VFS I/O).
 * Returns how many bytes (a prefix of @n) were copied.
 */
size_t mm_read_anon(struct mm *mm, void *dst, ostd_uaddr_t src, size_t n);

/*
 * Resolves a fault at @addr for @access (OSTD_PROT_READ/WRITE/EXEC).
 * 0: fixed, retry the access. -EFAULT: no area or not permitted (SIGSEGV).
 * -ENOMEM: out of frames (the caller kills the process, like Linux's OOM).
 * Another negative errno (a file page past the end of the file, an I/O
 * error from the VFS) is SIGBUS.
 */
int mm_handle_fault(struct mm *mm, ostd_uaddr_t addr, unsigned access);

/*
 * Checked user copies that resolve faults (see above): 0, -EFAULT, or
 * -ENOMEM if a page could not be allocated.
 */
int mm_copy_from_user(struct mm *mm, void *dst, ostd_uaddr_t src, size_t n);
int mm_copy_to_user(struct mm *mm, ostd_uaddr_t dst, const void *src, size_t n);
/*
 * Like mm_copy_from_user, but stops at the first bad page instead of
 * failing: returns how many bytes (a prefix of @n) were copied.
 */
size_t mm_copy_from_user_upto(struct mm *mm, void *dst, ostd_uaddr_t src,
			      size_t n);
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
 * @prot; bytes past @filesz (inside the area) read as zero (ELF bss tail):
 * the file part covers whole pages up to @filesz, the tail of its last
 * page is cleared in a private copy, and the rest is anonymous memory.
 * @start and @offset must be congruent modulo the page size.
 */
int mm_map_file_fixed(struct mm *mm, ostd_uaddr_t start, size_t len,
		      unsigned prot, struct vma_file *file, uint64_t offset,
		      uint64_t filesz);
/*
 * The stack area: grows down from @top (page-aligned), at most @limit
 * bytes (RLIMIT_STACK). The first 128 KiB exist as an area at once (pages
 * still come on demand); faults below it grow it, keeping a 1 MiB guard
 * gap above the next lower area. mmap() places areas below top - limit.
 */
int mm_setup_stack(struct mm *mm, ostd_uaddr_t top, size_t limit);
/* Sets the start of the heap (end of the highest ELF segment). */
void mm_set_brk_base(struct mm *mm, ostd_uaddr_t base);

/* ---- the memory system calls (sys_mm.c decodes the arguments) ---- */

/* brk(2): the new break, or the old one if @brk is refused. Under
 * mlockall(MCL_FUTURE) the new heap pages are locked and faulted in. */
uint64_t mm_brk(struct mm *mm, uint64_t brk);

/*
 * Linux's default overcommit policy (OVERCOMMIT_GUESS, __vm_enough_memory):
 * one request for committed memory (private writable or shared anonymous
 * memory, heap growth) may not exceed all of RAM plus swap (racho has no
 * swap). It refuses only the obvious overcommits: the sum of all mappings
 * may still exceed RAM, and running out is an OOM kill at fault time.
 */
bool mm_enough_memory(uint64_t bytes);

/* mmap flags, decoded from Linux's MAP_* by sys_mm.c. */
#define MM_MAP_SHARED 0x01U    /* else private */
#define MM_MAP_FIXED 0x02U     /* exactly at @addr, replacing mappings */
#define MM_MAP_NOREPLACE 0x04U /* with FIXED: -EEXIST instead of replacing */
#define MM_MAP_POPULATE 0x08U  /* fault every page in now */
#define MM_MAP_GROWSDOWN 0x10U /* a stack that grows down on faults */
#define MM_MAP_NOWRITE 0x20U   /* the file was not opened for writing:
				* a shared mapping may never become writable */
#define MM_MAP_LOCKED 0x40U    /* MAP_LOCKED: mlock the new area */

/*
 * mmap(2) after argument decoding: @len is a non-zero multiple of the
 * page size, @offset is page-aligned, @file is NULL for anonymous memory
 * (a new reference is taken for the area). Stores the address in *out.
 * -EINVAL (unaligned fixed address), -ENOMEM (no room, beyond user space,
 * RLIMIT_AS), -EEXIST (NOREPLACE), -EACCES (NOWRITE with shared writable).
 * The area is locked with MM_MAP_LOCKED or after mlockall(MCL_FUTURE)
 * (the caller checks RLIMIT_MEMLOCK); a locked area (unless on-fault) and
 * MM_MAP_POPULATE fault the pages in as mm_populate_range() does.
 */
int mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot,
	    unsigned flags, struct vma_file *file, uint64_t offset,
	    uint64_t *out);
/* munmap(2) of a page-aligned range: holes are fine. */
int mm_munmap(struct mm *mm, uint64_t start, uint64_t len);
/*
 * mprotect(2), area by area like Linux: stops at the first hole (-ENOMEM)
 * or, adding WRITE, at an MM_MAP_NOWRITE area (-EACCES); the areas before
 * it keep their new protection.
 */
int mm_mprotect(struct mm *mm, uint64_t start, uint64_t len, unsigned prot);
/* mprotect(PROT_GROWSDOWN): the range extends down to the start of the
 * growing area it ends in (-EINVAL if that area does not grow down). */
int mm_mprotect_growsdown(struct mm *mm, uint64_t start, uint64_t len,
			  unsigned prot);
/* madvise(MADV_DONTNEED): drops private pages (zero-fill / file on next
 * touch); shared pages keep their contents, like Linux's shmem. Like
 * Linux it stops with -EINVAL at the first locked area (mlock). */
int mm_dontneed(struct mm *mm, uint64_t start, uint64_t len);
/* MADV_DONTNEED_LOCKED: the same, locked areas included. */
int mm_dontneed_locked(struct mm *mm, uint64_t start, uint64_t len);
/*
 * madvise(MADV_FREE): Linux frees the pages lazily, under memory
 * pressure, which racho (no reclaim) never has, so the pages stay; only
 * Linux's checks remain: -EINVAL at the first locked area or one that
 * is not private anonymous memory.
 */
int mm_madv_free(struct mm *mm, uint64_t start, uint64_t len);
/* Faults in every page of the range (MAP_POPULATE, MADV_POPULATE_*). */
int mm_populate(struct mm *mm, uint64_t start, uint64_t len, unsigned access);
/* Whether [start, start+len) is covered by areas without holes. */
bool mm_range_mapped(struct mm *mm, uint64_t start, uint64_t len);

/* ---- locking and residency: mlock, mlockall, mincore (mm_lock.c) ---- */
/*
 * Lock bits, as mlock2() and mlockall() ask: Linux's VM_LOCKED and
 * VM_LOCKONFAULT. With no swap a locked page can never leave memory
 * anyway; what locking changes is that pages are faulted in when an area
 * is locked (not with MM_LOCK_ONFAULT), MADV_DONTNEED refuses locked
 * areas, and /proc shows the locked size (VmLck). fork() clears the
 * locks in the child, exec starts a new space without them.
 */
#define MM_LOCK 0x1U
#define MM_LOCK_ONFAULT 0x2U
/*
 * Linux's apply_vma_lock_flags() for mlock/munlock of the page-aligned
 * [start, start+len): gives the areas there the lock bits @lock (0
 * unlocks), area by area from @start, splitting and merging. -EINVAL if
 * the range wraps around; 0 for an empty one; -ENOMEM at the first hole
 * (the areas before it keep the change, as in Linux) or if a split needs
 * memory. Pages are not faulted in here: see mm_populate_range().
 */
int mm_lock_range(struct mm *mm, uint64_t start, uint64_t len, unsigned lock);
/*
 * Linux's __mm_populate(): faults in the pages of each area meeting
 * [start, start+len) like its populate_vma_page_range(): nothing for an
 * on-fault locked area; a write fault in a private writable area (which
 * breaks copy-on-write), a read otherwise even where the area cannot be
 * read (exec-only, write-only), and -EFAULT for an area without access.
 * Holes are skipped. The first error ends it, unless @ignore_errors: then
 * the rest of that area is skipped. -ENOMEM: out of frames; -EFAULT,
 * -ENXIO, -EIO: what would be SIGSEGV or SIGBUS for user code.
 */
int mm_populate_range(struct mm *mm, uint64_t start, uint64_t len,
		      bool ignore_errors);
/*
 * mlockall()/munlockall(): new areas get the lock bits @future from now
 * on (0: none; this replaces what an earlier call set); if @all, every
 * area gets the lock bits @current (0 unlocks). Faulting in is the
 * caller's (mm_populate_range over all of user space).
 */
void mm_lock_all(struct mm *mm, unsigned future, bool all, unsigned current);
/* The lock bits new areas get (mlockall(MCL_FUTURE)); 0 if none. */
unsigned mm_lock_future(const struct mm *mm);
/*
 * Bytes of locked areas inside [start, start+len) (the end is clamped at
 * the top of the address space): Linux's count_mm_mlocked_page_nr().
 * mm_locked_vm() is the total, Linux's mm->locked_vm (VmLck).
 */
uint64_t mm_locked_bytes(const struct mm *mm, uint64_t start, uint64_t len);
uint64_t mm_locked_vm(const struct mm *mm);
/* Whether the area containing @addr is locked (false if there is none). */
bool mm_area_locked(const struct mm *mm, uint64_t addr);

/* mincore(2) answers this many pages per call at most. */
#define MM_INCORE_BATCH 128
struct mm_incore {
	uint8_t vec[MM_INCORE_BATCH];
};
/*
 * Linux's do_mincore(): whether each of up to @pages pages (at most
 * MM_INCORE_BATCH) from the page-aligned @addr is resident, stopping at
 * the end of the area containing @addr: vec[i] = 1 for a page mapped in
 * this space or, in a file area, a page the file has in memory (its
 * page cache), even if this space never touched it; 0 otherwise. Returns
 * how many entries were filled, or -ENOMEM if no area contains @addr.
 */
long mm_mincore(struct mm *mm, uint64_t addr, size_t pages,
		struct mm_incore *out);

/* mremap flags (Linux's values). */
#define MM_MREMAP_MAYMOVE 1U
#define MM_MREMAP_FIXED 2U
/*
 * Move the pages but keep the old area, empty (Linux 5.7+): the caller
 * checked MAYMOVE and old_len == new_len. Private areas only here: a
 * shared area gives -EINVAL (Linux would let the old range see the same
 * shared pages again).
 */
#define MM_MREMAP_DONTUNMAP 4U
/*
 * mremap(2) with page-aligned @old, and @old_len/@new_len already rounded
 * up to pages (@new_len > 0). Stores the new address in *out. A locked
 * area that grows has its new pages faulted in (the caller checks
 * RLIMIT_MEMLOCK).
 */
int mm_mremap(struct mm *mm, uint64_t old, uint64_t old_len, uint64_t new_len,
	      unsigned flags, uint64_t new_addr, uint64_t *out);

/* ---- files: truncation and the executable (mm_file.c) ---- */
/*
 * What file areas map, whatever open file they came through: the data of
 * one inode (Linux's struct address_space). The VFS embeds one in each
 * inode and names it with vma_file_mapping(); mm keeps the count.
 */
struct vma_mapping {
	size_t areas; /* areas of all spaces mapping it; mm list lock */
};
/*
 * Linux's unmap_mapping_range(mapping, pgoff << PAGE_SHIFT, 0, even_cows
 * = 1), for truncate: in every address space, every area that maps @m
 * loses its pages at file page @pgoff and beyond, private copy-on-write
 * copies included, so the next access faults, finds the end of the file
 * and gets SIGBUS (or, if the file grew again, the file's new pages).
 * The areas themselves stay. Costs one check when nothing maps @m.
 * Call it after the new size is in place (so no fault can map those pages
 * again); the caller may hold the VFS lock (order: VFS lock -> mm list).
 */
void mm_unmap_mapping(struct vma_mapping *m, uint64_t pgoff);
/*
 * The executable file of @mm (Linux's mm->exe_file), set by exec on the
 * new space: @mm takes a file reference and denies writes to it (see
 * vma_file_deny_write) until it is destroyed or its executable changes;
 * mm_fork() gives the child the same. NULL clears it. -ETXTBSY if the
 * file is open for writing.
 */
int mm_set_exe_file(struct mm *mm, struct vma_file *f);

/* ---- reading a space for /proc (mm_query.c) ---- */
/*
 * The caller keeps @mm's owner from changing it meanwhile (see Locking
 * above); areas (struct vma, vma.h) are borrowed until then.
 */
struct vma;
/* The first area that ends above @addr (Linux's find_vma()), or NULL. */
const struct vma *mm_area_after(const struct mm *mm, uint64_t addr);
/* The area after @v in address order, or NULL. */
const struct vma *mm_area_next(const struct vma *v);
/* The executable (mm_set_exe_file), borrowed; NULL if none. */
struct vma_file *mm_exe_file(const struct mm *mm);
/* The special name /proc/<pid>/maps gives an area, if any. */
enum mm_area_kind {
	MM_AREA_PLAIN,       /* a file's path, or no name */
	MM_AREA_SHARED_ANON, /* "/dev/zero (deleted)", as Linux's shmem */
	MM_AREA_HEAP,        /* "[heap]": inside the break's range */
	MM_AREA_STACK,       /* "[stack]": the stack exec made */
};
enum mm_area_kind mm_area_kind(const struct mm *mm, const struct vma *v);
/*
 * Linux's mm counters, in pages (statm, status): total_vm, exec_vm
 * (executable, read-only, not stack), stack_vm (grows down), data_vm
 * (private writable, not stack), the code size (end_code - start_code,
 * from the executable's areas), and the resident set split into file,
 * shared-anonymous and anonymous pages.
 */
struct mm_vm_stats {
	uint64_t total_pages, exec_pages, stack_pages, data_pages, text_pages;
	uint64_t rss_pages, file_pages, shmem_pages, anon_pages;
};
void mm_vm_stats(struct mm *mm, struct mm_vm_stats *out);

/* ---- provided by the VFS (kernel/fs) for file mappings ---- */
/*
 * A struct vma_file is what an area holds on to for a mapped file (the
 * VFS decides what: an inode, or an open file). It is reference counted.
 */
void vma_file_get(struct vma_file *f);
void vma_file_put(struct vma_file *f);
/* The mapping @f's pages belong to (the same for every file of an inode). */
struct vma_mapping *vma_file_mapping(struct vma_file *f);
/*
 * Linux's deny_write_access() and allow_write_access() on @f's inode:
 * while denied, opening it for writing or truncating it fails with
 * -ETXTBSY. Deny fails with -ETXTBSY if it is open for writing now.
 */
int vma_file_deny_write(struct vma_file *f);
void vma_file_allow_write(struct vma_file *f);
/*
 * The page-cache frame for page @pgoff of @f, with a new reference for
 * the caller. NULL with *err = 0: a hole inside the file (the caller uses
 * a private zero page), only possible when @fill is false. With @fill
 * (shared mappings, whose pages must be the file's own) a hole is filled
 * with a new zeroed page-cache frame first. NULL with *err < 0: the page
 * is past the end of the file (-ENXIO, a SIGBUS) or -ENOMEM.
 */
struct ostd_frame *vma_file_get_page(struct vma_file *f, uint64_t pgoff,
				     bool fill, int *err);

#endif
