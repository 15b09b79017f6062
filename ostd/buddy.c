// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/buddy.c - buddy allocator bookkeeping (see buddy.h).
 *
 * Free blocks of each order sit on a doubly linked list threaded through
 * the head frames' next/prev indexes, so a buddy can be unlinked in O(1)
 * when it merges. Pure C: compiled into ostd and natively for tests.
 */
#include "buddy.h"

/*
 * SAFETY (whole file): every b->frames[i] access uses an index below
 * b->nframes: list links only ever hold indexes of free heads, buddies
 * are checked against nframes before use, and the public entry points
 * check the index they are given.
 */

/* Frames in a block of @order. */
static size_t block_frames(unsigned order)
{
	return (size_t)1 << order;
}

static void list_push(struct ostd_buddy *b, size_t idx, unsigned order)
{
	struct ostd_frame *f = &b->frames[idx];
	uint32_t head = b->free_head[order];

	f->state = OSTD_FRAME_FREE_HEAD;
	f->order = (uint8_t)order;
	f->prev = OSTD_BUDDY_NIL;
	f->next = head;
	if (head != OSTD_BUDDY_NIL)
		b->frames[head].prev = (uint32_t)idx;
	b->free_head[order] = (uint32_t)idx;
}

static void list_remove(struct ostd_buddy *b, size_t idx)
{
	struct ostd_frame *f = &b->frames[idx];

	if (f->prev != OSTD_BUDDY_NIL)
		b->frames[f->prev].next = f->next;
	else
		b->free_head[f->order] = f->next;
	if (f->next != OSTD_BUDDY_NIL)
		b->frames[f->next].prev = f->prev;
	f->next = f->prev = OSTD_BUDDY_NIL;
	f->state = OSTD_FRAME_FREE_TAIL;
}

void ostd_buddy_init(struct ostd_buddy *b, struct ostd_frame *frames,
		     size_t nframes)
{
	b->frames = frames;
	b->nframes = nframes;
	for (size_t i = 0; i < nframes; i++) {
		struct ostd_frame zero = { 0 };
		frames[i] = zero;
	}
	for (unsigned k = 0; k < OSTD_BUDDY_ORDERS; k++)
		b->free_head[k] = OSTD_BUDDY_NIL;
	b->free_frames = 0;
	b->total_frames = 0;
}

/* Marks [idx, idx+2^order) free and merges upwards with free buddies. */
static void free_block(struct ostd_buddy *b, size_t idx, unsigned order)
{
	size_t n = block_frames(order);

	for (size_t i = 0; i < n; i++) {
		b->frames[idx + i].state = OSTD_FRAME_FREE_TAIL;
		b->frames[idx + i].owner = OSTD_OWNER_NONE;
		b->frames[idx + i].refcount = 0;
	}
	b->free_frames += n;
	while (order + 1 < OSTD_BUDDY_ORDERS) {
		size_t buddy = idx ^ block_frames(order);
		struct ostd_frame *bf;

		if (buddy + block_frames(order) > b->nframes)
			break;
		bf = &b->frames[buddy];
		if (bf->state != OSTD_FRAME_FREE_HEAD || bf->order != order)
			break;
		list_remove(b, buddy);
		if (buddy < idx)
			idx = buddy;
		order++;
	}
	list_push(b, idx, order);
}

int ostd_buddy_add(struct ostd_buddy *b, size_t first, size_t count)
{
	if (first > b->nframes || count > b->nframes - first)
		return -1;
	for (size_t i = 0; i < count; i++)
		if (b->frames[first + i].state != OSTD_FRAME_RESERVED)
			return -1;
	while (count > 0) {
		unsigned order = 0;

		while (order + 1 < OSTD_BUDDY_ORDERS &&
		       (first & (block_frames(order + 1) - 1)) == 0 &&
		       block_frames(order + 1) <= count)
			order++;
		free_block(b, first, order);
		b->total_frames += block_frames(order);
		first += block_frames(order);
		count -= block_frames(order);
	}
	return 0;
}

long ostd_buddy_alloc(struct ostd_buddy *b, unsigned order)
{
	unsigned k = order;
	size_t idx, n;

	if (order >= OSTD_BUDDY_ORDERS)
		return -1;
	while (k < OSTD_BUDDY_ORDERS && b->free_head[k] == OSTD_BUDDY_NIL)
		k++;
	if (k == OSTD_BUDDY_ORDERS)
		return -1;
	idx = b->free_head[k];
	list_remove(b, idx);
	while (k > order) {
		k--;
		list_push(b, idx + block_frames(k), k);
	}
	n = block_frames(order);
	for (size_t i = 0; i < n; i++) {
		b->frames[idx + i].state = OSTD_FRAME_ALLOC_TAIL;
		b->frames[idx + i].order = (uint8_t)order;
	}
	b->frames[idx].state = OSTD_FRAME_ALLOC_HEAD;
	b->free_frames -= n;
	return (long)idx;
}

int ostd_buddy_free(struct ostd_buddy *b, size_t idx, unsigned order)
{
	const struct ostd_frame *f;

	if (order >= OSTD_BUDDY_ORDERS || idx >= b->nframes ||
	    (idx & (block_frames(order) - 1)) != 0)
		return -1;
	f = &b->frames[idx];
	if (f->state != OSTD_FRAME_ALLOC_HEAD || f->order != order)
		return -1;
	free_block(b, idx, order);
	return 0;
}

long ostd_buddy_block_head(const struct ostd_buddy *b, size_t idx)
{
	const struct ostd_frame *f;
	size_t head;

	if (idx >= b->nframes)
		return -1;
	f = &b->frames[idx];
	if (f->state == OSTD_FRAME_ALLOC_HEAD)
		return (long)idx;
	if (f->state != OSTD_FRAME_ALLOC_TAIL || f->order >= OSTD_BUDDY_ORDERS)
		return -1;
	head = idx & ~(block_frames(f->order) - 1);
	if (b->frames[head].state != OSTD_FRAME_ALLOC_HEAD ||
	    b->frames[head].order != f->order)
		return -1;
	return (long)head;
}
