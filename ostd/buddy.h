/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/buddy.h - the buddy allocator's bookkeeping over a frame array.
 *
 * Pure logic with no locking, no asm and no knowledge of addresses: it
 * works on indexes into an array of struct ostd_frame, one per 4 KiB page.
 * frame.c wraps it with a lock and address conversion; the host test
 * tests/unit/test_frame.c drives it on a fake region.
 *
 * Blocks of order k are 2^k frames starting at an index that is a multiple
 * of 2^k, so a block's buddy is index ^ 2^k. Only the head of a block has a
 * meaningful state; the other frames are tails.
 */
#ifndef OSTD_BUDDY_H
#define OSTD_BUDDY_H

#include <stddef.h>
#include <stdint.h>

#define OSTD_BUDDY_ORDERS 11 /* orders 0..10: up to 4 MiB blocks */
#define OSTD_BUDDY_NIL UINT32_MAX

/* Frame states. Zeroed metadata means "reserved": never allocatable. */
enum ostd_frame_state {
	OSTD_FRAME_RESERVED = 0,
	OSTD_FRAME_FREE_HEAD,  /* first frame of a free block of @order */
	OSTD_FRAME_FREE_TAIL,  /* inside a free block */
	OSTD_FRAME_ALLOC_HEAD, /* first frame of an allocated block */
	OSTD_FRAME_ALLOC_TAIL, /* inside an allocated block (order kept) */
};

/* Who owns an allocated block (set by frame.c, checked on free). */
enum ostd_frame_owner {
	OSTD_OWNER_NONE = 0,
	OSTD_OWNER_FRAME,      /* ostd_frame_alloc: refcounted handle */
	OSTD_OWNER_PAGES,      /* ostd_pages_alloc: raw contiguous pages */
	OSTD_OWNER_PAGETABLE,  /* a page-table page */
	OSTD_OWNER_HEAP_SLAB,  /* a heap slab (heap.c) */
	OSTD_OWNER_HEAP_LARGE, /* a large heap allocation (heap.c) */
	OSTD_OWNER_META,       /* the frame array itself */
};

/* Per-frame metadata; struct ostd_frame * is the public frame handle. */
struct ostd_frame {
	uint32_t refcount; /* atomic: handles + mappings (OWNER_FRAME only) */
	uint8_t state;     /* enum ostd_frame_state */
	uint8_t order;     /* block order (heads and allocated tails) */
	uint8_t owner;     /* enum ostd_frame_owner, when allocated */
	uint8_t pad;
	uint32_t next, prev; /* free-list links (free heads only) */
};

struct ostd_buddy {
	struct ostd_frame *frames;
	size_t nframes;
	uint32_t free_head[OSTD_BUDDY_ORDERS];
	size_t free_frames;  /* frames in free blocks */
	size_t total_frames; /* frames ever added */
};

/*
 * Starts an allocator over @frames[0..nframes) with every frame reserved.
 * @frames is zeroed here. Precondition: nframes < UINT32_MAX.
 */
void ostd_buddy_init(struct ostd_buddy *b, struct ostd_frame *frames,
		     size_t nframes);
/* Makes the reserved frames [first, first+count) allocatable. */
int ostd_buddy_add(struct ostd_buddy *b, size_t first, size_t count);
/* Index of a new block of 2^order frames, or -1 if none is free. */
long ostd_buddy_alloc(struct ostd_buddy *b, unsigned order);
/*
 * Frees the block at @idx of @order. Returns -1 (and changes nothing) if
 * @idx is not the head of an allocated block of exactly that order: a
 * double free, a bad index or a wrong order.
 */
int ostd_buddy_free(struct ostd_buddy *b, size_t idx, unsigned order);
/*
 * Index of the head of the allocated block containing @idx, or -1 if the
 * frame is not allocated.
 */
long ostd_buddy_block_head(const struct ostd_buddy *b, size_t idx);

#endif
