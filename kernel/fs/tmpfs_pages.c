// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/tmpfs_pages.c - the page index of a tmpfs file: a radix tree
 * from page number to frame, grown in height on demand.
 *
 * A tree of height h has h levels of 64-slot nodes and covers pages
 * [0, 64^h). Writing far beyond the end adds levels on top (the old root
 * becomes child 0); untouched ranges have no nodes at all, so a sparse file
 * costs memory only for the pages written. Nodes that become empty are
 * freed on the way back up. All walks are loops with fixed-size path
 * arrays; the height is bounded by VFS_MAX_FILE_SIZE.
 */
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/tmpfs.h"

/* Enough levels for VFS_MAX_FILE_SIZE: 2^50 bytes = 2^38 pages, 7 levels. */
#define TMPFS_MAX_HEIGHT 8

/* The number of page indexes a tree of @height covers. */
static uint64_t capacity(unsigned height)
{
	return 1ULL << (TMPFS_RADIX_SHIFT * height);
}

static unsigned slot_at(uint64_t idx, unsigned level)
{
	return (idx >> (TMPFS_RADIX_SHIFT * level)) & (TMPFS_RADIX_SLOTS - 1);
}

struct ostd_frame *tmpfs_page_lookup(const struct tmpfs_pages *p,
				     uint64_t idx)
{
	const struct tmpfs_rnode *n = p->root;
	unsigned level;

	if (n == NULL || idx >= capacity(p->height))
		return NULL;
	for (level = p->height - 1; level > 0; level--) {
		n = n->child[slot_at(idx, level)];
		if (n == NULL)
			return NULL;
	}
	return n->frame[slot_at(idx, 0)];
}

/* Adds levels on top until the tree covers @idx. */
static int grow(struct tmpfs_pages *p, uint64_t idx)
{
	if (p->root == NULL) {
		unsigned height = 1;

		while (height <= TMPFS_MAX_HEIGHT && idx >= capacity(height))
			height++;
		if (height > TMPFS_MAX_HEIGHT)
			return -EFBIG;
		p->root = OSTD_NEW(struct tmpfs_rnode);
		if (p->root == NULL)
			return -ENOMEM;
		p->height = height;
		return 0;
	}
	while (idx >= capacity(p->height)) {
		struct tmpfs_rnode *top;

		if (p->height >= TMPFS_MAX_HEIGHT)
			return -EFBIG;
		top = OSTD_NEW(struct tmpfs_rnode);
		if (top == NULL)
			return -ENOMEM;
		top->child[0] = p->root;
		top->count = 1;
		p->root = top;
		p->height++;
	}
	return 0;
}

int tmpfs_page_insert(struct tmpfs_pages *p, uint64_t idx,
		      struct ostd_frame *f)
{
	struct tmpfs_rnode *n;
	unsigned level;
	int r = grow(p, idx);

	if (r < 0)
		return r;
	n = p->root;
	for (level = p->height - 1; level > 0; level--) {
		unsigned s = slot_at(idx, level);

		if (n->child[s] == NULL) {
			n->child[s] = OSTD_NEW(struct tmpfs_rnode);
			if (n->child[s] == NULL)
				return -ENOMEM; /* freed with the tree */
			n->count++;
		}
		n = n->child[s];
	}
	if (n->frame[slot_at(idx, 0)] != NULL)
		ostd_panic("tmpfs: page %lu inserted twice", idx);
	n->frame[slot_at(idx, 0)] = f;
	n->count++;
	p->nr++;
	return 0;
}

/* The first used slot >= @from of @n at @level, or TMPFS_RADIX_SLOTS. */
static unsigned first_used(const struct tmpfs_rnode *n, unsigned level,
			   unsigned from)
{
	for (; from < TMPFS_RADIX_SLOTS; from++) {
		if (level == 0 && n->frame[from] != NULL)
			break;
		if (level > 0 && n->child[from] != NULL)
			break;
	}
	return from;
}

bool tmpfs_page_next(const struct tmpfs_pages *p, uint64_t start,
		     uint64_t *out)
{
	uint64_t idx = start;

	/* Each pass descends from the root; a dead end moves idx past the
	 * empty subtree and starts again, so idx only grows. */
	while (p->root != NULL && idx < capacity(p->height)) {
		const struct tmpfs_rnode *n = p->root;
		unsigned level = p->height - 1;

		for (;;) {
			unsigned shift = TMPFS_RADIX_SHIFT * level;
			uint64_t span = 1ULL << (shift + TMPFS_RADIX_SHIFT);
			uint64_t s = first_used(n, level, slot_at(idx, level));

			if (s == TMPFS_RADIX_SLOTS) {
				idx = (idx | (span - 1)) + 1;
				break;
			}
			if (s != slot_at(idx, level))
				idx = (idx & ~(span - 1)) | (s << shift);
			if (level == 0) {
				*out = idx;
				return true;
			}
			n = n->child[s];
			level--;
		}
	}
	return false;
}

/* Removes the present page @idx, freeing nodes that become empty. */
static void remove_at(struct tmpfs_pages *p, uint64_t idx)
{
	struct tmpfs_rnode *path[TMPFS_MAX_HEIGHT];
	struct tmpfs_rnode *n = p->root;
	unsigned level;
	unsigned s = slot_at(idx, 0);

	for (level = p->height - 1; level > 0; level--) {
		path[level] = n;
		n = n->child[slot_at(idx, level)];
	}
	path[0] = n;
	ostd_frame_put(n->frame[s]);
	n->frame[s] = NULL;
	n->count--;
	p->nr--;
	for (level = 0; level + 1 < p->height; level++) {
		struct tmpfs_rnode *up = path[level + 1];

		if (path[level]->count > 0)
			return;
		ostd_heap_free(path[level]);
		up->child[slot_at(idx, level + 1)] = NULL;
		up->count--;
	}
	if (p->root->count == 0) {
		ostd_heap_free(p->root);
		p->root = NULL;
		p->height = 0;
	}
}

/*
 * Frees the whole tree, empty nodes included (an insert that ran out of
 * memory can leave some). Depth-first with an explicit stack: stack[d] is
 * the node at depth d and next[d] the next slot to visit in it.
 */
static void free_all(struct tmpfs_pages *p)
{
	struct tmpfs_rnode *stack[TMPFS_MAX_HEIGHT];
	unsigned next[TMPFS_MAX_HEIGHT];
	unsigned depth = 0;

	if (p->root == NULL)
		return;
	stack[0] = p->root;
	next[0] = 0;
	for (;;) {
		struct tmpfs_rnode *n = stack[depth];
		unsigned level = p->height - 1 - depth;
		unsigned s = next[depth]++;

		if (s < TMPFS_RADIX_SLOTS && level == 0) {
			if (n->frame[s] != NULL)
				ostd_frame_put(n->frame[s]);
		} else if (s < TMPFS_RADIX_SLOTS) {
			if (n->child[s] != NULL) {
				depth++;
				stack[depth] = n->child[s];
				next[depth] = 0;
			}
		} else {
			ostd_heap_free(n);
			if (depth == 0)
				break;
			depth--;
		}
	}
	p->root = NULL;
	p->height = 0;
	p->nr = 0;
}

void tmpfs_pages_truncate(struct tmpfs_pages *p, uint64_t from)
{
	uint64_t idx;

	if (from == 0) {
		free_all(p);
		return;
	}
	while (tmpfs_page_next(p, from, &idx)) {
		remove_at(p, idx);
		from = idx + 1;
	}
}
