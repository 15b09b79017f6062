/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/mm/vma.h - a process's virtual memory areas.
 *
 * A VM area is a page-aligned range [start, end) of user addresses with
 * one protection, one set of flags and, for file mappings, a file and the
 * file offset of @start. The areas of one address space never overlap and
 * live in a vma_tree: an AVL tree keyed by start address, with parent
 * pointers so that every operation is iterative (the safe subset forbids
 * recursion). Each node also keeps, for its subtree, the lowest start, the
 * highest end and the largest hole between two of its areas, so that free
 * ranges are found in O(log n) like Linux's augmented VMA tree.
 *
 * Ownership (no reference counts on areas): an area belongs to at most one
 * tree. The tree owns its areas and frees them when they are removed,
 * merged away or the tree is destroyed; vma_remove() hands an area back to
 * the caller instead. Pointers to areas stay valid until the area is
 * removed or merged away; operations that can merge return the survivor.
 * The file pointer is not interpreted here: if the tree is given
 * vma_file_ops, every copy of an area (split, clone) takes a reference and
 * every freed area drops one.
 *
 * This module only keeps the bookkeeping. Page tables are the caller's:
 * vma_unmap() reports each removed piece through a callback so the caller
 * can unmap its pages, and after vma_protect() the caller changes the page
 * permissions of the range.
 *
 * Locking: none inside; the owning mm serialises all calls on one tree.
 */
#ifndef KERNEL_MM_VMA_H
#define KERNEL_MM_VMA_H

#include <ostd/types.h>
#include <ostd/vm.h>

/* Protection bits: the same values as OSTD_PROT_READ/WRITE/EXEC. */
#define VMA_READ OSTD_PROT_READ
#define VMA_WRITE OSTD_PROT_WRITE
#define VMA_EXEC OSTD_PROT_EXEC

/* Flags. Areas merge only when all flags are equal. */
#define VMA_SHARED 0x01U    /* MAP_SHARED (else private, copy-on-write) */
#define VMA_ANON 0x02U      /* no backing file: zero-filled on demand */
#define VMA_STACK 0x04U     /* a thread stack */
#define VMA_HEAP 0x08U      /* the brk heap */
#define VMA_GROWSDOWN 0x10U /* may grow down on faults below it */
/* Bits from 0x100 up belong to kernel/mm/mm*.c (see mm_internal.h). */

struct vma_file; /* a mapped file, defined by the VFS; opaque here */
struct mm;       /* the address space that owns a tree; opaque here */
struct vma_tree;

struct vma {
	uint64_t start;         /* page-aligned, inclusive */
	uint64_t end;           /* page-aligned, exclusive, > start */
	unsigned prot;          /* VMA_READ | VMA_WRITE | VMA_EXEC */
	unsigned flags;         /* VMA_* flags */
	struct vma_file *file;  /* NULL for anonymous memory */
	uint64_t offset;        /* file offset of @start */

	/* Private to kernel/mm/vma*.c. */
	struct vma_tree *tree;  /* owner; NULL when detached */
	struct vma *parent;
	struct vma *child[2];   /* [0]: lower starts, [1]: higher starts */
	int height;             /* AVL height, 1 for a leaf */
	uint64_t sub_lo;        /* lowest start in this subtree */
	uint64_t sub_hi;        /* highest end in this subtree */
	uint64_t sub_gap;       /* largest hole between areas of the subtree */
};

/* Reference counting of mapped files, supplied by the VFS (optional). */
struct vma_file_ops {
	void (*get)(struct vma_file *f);
	void (*put)(struct vma_file *f);
};

struct vma_tree {
	struct vma *root;
	size_t count;                    /* number of areas */
	struct mm *mm;                   /* the owner, passed to callbacks */
	const struct vma_file_ops *fops; /* NULL: files are not counted */
};

/* Receives a removed range of the owner's areas (a detached copy). */
typedef void (*vma_piece_fn)(struct mm *mm, const struct vma *piece);

/* An empty tree owned by @mm; @fops may be NULL. */
void vma_tree_init(struct vma_tree *t, struct mm *mm,
		   const struct vma_file_ops *fops);
/*
 * Frees every area. @fn (may be NULL) sees each area first, in address
 * order, so the caller can release its pages.
 */
void vma_tree_destroy(struct vma_tree *t, vma_piece_fn fn);
/*
 * Makes @dst (initialised, empty) a copy of @src for fork: same areas,
 * same shape. -OSTD_ENOMEM leaves @dst empty; -OSTD_EINVAL if @dst is
 * not empty.
 */
int vma_tree_clone(struct vma_tree *dst, const struct vma_tree *src);

/*
 * A detached area [start, end) or NULL (no memory). The arguments are
 * checked by vma_insert(), not here. The area takes a file reference.
 */
struct vma *vma_new(const struct vma_tree *t, uint64_t start, uint64_t end,
		    unsigned prot, unsigned flags, struct vma_file *file,
		    uint64_t offset);
/* Frees a detached area (dropping its file reference). NULL is ignored. */
void vma_free(const struct vma_tree *t, struct vma *v);

/*
 * Adds a detached area. -OSTD_EINVAL: not page-aligned, empty, beyond
 * OSTD_USER_END, or already in a tree. -OSTD_EEXIST: overlaps an area.
 */
int vma_insert(struct vma_tree *t, struct vma *v);
/* Takes @v out of @t; the caller owns it afterwards. */
void vma_remove(struct vma_tree *t, struct vma *v);

/* The area containing @addr, or NULL. */
struct vma *vma_find(const struct vma_tree *t, uint64_t addr);
/* The first area with end > @addr (Linux's find_vma()), or NULL. */
struct vma *vma_find_next(const struct vma_tree *t, uint64_t addr);
/* In-order iteration: for (v = vma_first(t); v; v = vma_next(v)). */
struct vma *vma_first(const struct vma_tree *t);
struct vma *vma_last(const struct vma_tree *t);
struct vma *vma_next(const struct vma *v);
struct vma *vma_prev(const struct vma *v);

/*
 * The lowest (bottom_up) or highest (top_down) page-aligned address a
 * with [a, a + len) free and inside [low, high), stored in *out.
 * -OSTD_ENOMEM when there is no such hole; -OSTD_EINVAL for an empty or
 * unaligned len or bounds.
 */
int vma_gap_bottom_up(const struct vma_tree *t, uint64_t len, uint64_t low,
		      uint64_t high, uint64_t *out);
int vma_gap_top_down(const struct vma_tree *t, uint64_t len, uint64_t low,
		     uint64_t high, uint64_t *out);

/*
 * Splits @v at the page-aligned @addr (start < addr < end): @v keeps
 * [start, addr) and a new area gets [addr, end), stored in *hi if @hi is
 * not NULL. -OSTD_EINVAL for a bad address, -OSTD_ENOMEM.
 */
int vma_split(struct vma_tree *t, struct vma *v, uint64_t addr,
	      struct vma **hi);
/* Whether @lo followed by @hi could be one area. */
bool vma_can_merge(const struct vma *lo, const struct vma *hi);
/*
 * Merges @v with its neighbours where compatible and returns the area
 * that now covers @v's range (@v itself may have been freed).
 */
struct vma *vma_merge(struct vma_tree *t, struct vma *v);
/*
 * Moves @v's bounds (brk, stack growth). The new range must be page-
 * aligned, non-empty and overlap no other area (-OSTD_EINVAL /
 * -OSTD_ENOMEM, as brk and stack growth report). The file offset follows
 * the start. The caller unmaps pages of a shrunk range.
 */
int vma_adjust(struct vma_tree *t, struct vma *v, uint64_t start,
	       uint64_t end);

/*
 * Removes [start, end) from the areas (munmap): areas partly inside are
 * trimmed or split, holes are fine. @fn (may be NULL) gets each removed
 * piece, in address order, before it is freed. -OSTD_EINVAL for a bad
 * range, -OSTD_ENOMEM (nothing changed) if a split needs memory.
 */
int vma_unmap(struct vma_tree *t, uint64_t start, uint64_t end,
	      vma_piece_fn fn);
/*
 * Sets @prot on [start, end) (mprotect), splitting areas at the ends and
 * merging afterwards. -OSTD_ENOMEM if part of the range is unmapped or a
 * split needs memory (nothing changed); -OSTD_EINVAL for a bad range.
 */
int vma_protect(struct vma_tree *t, uint64_t start, uint64_t end,
		unsigned prot);
/*
 * Sets the flags of every area in [start, end) to (flags & ~@clear) | @set
 * (mlock, munlock), splitting and merging like vma_protect(), with the
 * same errors: -OSTD_ENOMEM if part of the range is unmapped or a split
 * needs memory (nothing changed); -OSTD_EINVAL for a bad range. An empty
 * page-aligned range succeeds.
 */
int vma_set_flags(struct vma_tree *t, uint64_t start, uint64_t end,
		  unsigned clear, unsigned set);

#endif
