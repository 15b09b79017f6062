// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/vma_gap.c - finding a free range for mmap without MAP_FIXED.
 *
 * The holes of an address space are: below the first area, between each
 * pair of consecutive areas, and above the last one. Bottom-up search
 * takes the lowest hole that fits, top-down the highest (Linux's default
 * mmap layout allocates top-down from mmap_base, below the stack).
 *
 * A linear walk over the areas would be simplest, but mmap() is frequent
 * and top-down allocation packs areas together, so every search would
 * walk them all. Instead each node's sub_gap (the largest hole inside its
 * subtree, see vma_tree.c) lets the walk skip any subtree whose holes are
 * all too small: O(log n) per search, as with Linux's rb_subtree_gap.
 *
 * Only the first and last holes looked at can be clipped by [low, high);
 * the holes in between are entirely inside, so a hole that is big enough
 * there fits unless it lies beyond the far limit, where the search stops.
 */
#include <ostd/types.h>

#include "vma_tree.h"

/*
 * Within subtree @y (with sub_gap >= len), the first area whose hole
 * below it, towards its predecessor inside the subtree, is >= @len.
 */
static struct vma *first_fit_in(struct vma *y, uint64_t len)
{
	struct vma *l;
	struct vma *r;

	while (y) {
		l = y->child[0];
		r = y->child[1];
		if (l && l->sub_gap >= len) {
			y = l;
			continue;
		}
		if (l && y->start - l->sub_hi >= len)
			return y;
		if (!r)
			return NULL; /* summaries broken; the caller fails */
		if (r->sub_lo - y->end >= len)
			return vma_tree_leftmost(r);
		y = r;
	}
	return NULL;
}

/* Mirror image: the last area whose hole above it is >= @len. */
static struct vma *last_fit_in(struct vma *y, uint64_t len)
{
	struct vma *l;
	struct vma *r;

	while (y) {
		l = y->child[0];
		r = y->child[1];
		if (r && r->sub_gap >= len) {
			y = r;
			continue;
		}
		if (r && r->sub_lo - y->end >= len)
			return y;
		if (!l)
			return NULL;
		if (y->start - l->sub_hi >= len)
			return vma_tree_rightmost(l);
		y = l;
	}
	return NULL;
}

/* The first area after @x whose hole below it is >= @len, or NULL. */
static struct vma *next_fit(struct vma *x, uint64_t len)
{
	struct vma *r;
	struct vma *p;

	for (;;) {
		r = x->child[1];
		if (r) {
			/* r's subtree comes next; its leftmost follows x. */
			if (r->sub_lo - x->end >= len)
				return vma_tree_leftmost(r);
			if (r->sub_gap >= len)
				return first_fit_in(r, len);
		}
		/* Done with x's subtree: up to the first unvisited ancestor. */
		while (x->parent && x->parent->child[1] == x)
			x = x->parent;
		p = x->parent;
		if (!p)
			return NULL;
		if (p->start - x->sub_hi >= len)
			return p;
		x = p;
	}
}

/* The last area before @x whose hole above it is >= @len, or NULL. */
static struct vma *prev_fit(struct vma *x, uint64_t len)
{
	struct vma *l;
	struct vma *p;

	for (;;) {
		l = x->child[0];
		if (l) {
			if (x->start - l->sub_hi >= len)
				return vma_tree_rightmost(l);
			if (l->sub_gap >= len)
				return last_fit_in(l, len);
		}
		while (x->parent && x->parent->child[0] == x)
			x = x->parent;
		p = x->parent;
		if (!p)
			return NULL;
		if (x->sub_lo - p->end >= len)
			return p;
		x = p;
	}
}

static int check_args(uint64_t len, uint64_t low, uint64_t high)
{
	uint64_t mask = OSTD_PAGE_SIZE - 1;

	if (len == 0 || (len & mask) || (low & mask) || (high & mask) ||
	    low > high)
		return -OSTD_EINVAL;
	if (high - low < len)
		return -OSTD_ENOMEM;
	return 0;
}

int vma_gap_bottom_up(const struct vma_tree *t, uint64_t len, uint64_t low,
		      uint64_t high, uint64_t *out)
{
	struct vma *n = vma_find_next(t, low); /* first area ending above low */
	struct vma *p;
	uint64_t lo_edge;
	uint64_t hi_edge;
	uint64_t a;
	int err = check_args(len, low, high);

	if (err)
		return err;
	for (;;) {
		/* The hole just below n (or above the last area if n is NULL). */
		p = n ? vma_prev(n) : vma_last(t);
		lo_edge = p ? p->end : 0;
		hi_edge = n ? n->start : UINT64_MAX;
		a = lo_edge > low ? lo_edge : low;
		if (a >= high || high - a < len)
			return -OSTD_ENOMEM; /* later holes start even higher */
		if (hi_edge > a && hi_edge - a >= len) {
			*out = a;
			return 0;
		}
		if (!n)
			return -OSTD_ENOMEM;
		n = next_fit(n, len);
	}
}

int vma_gap_top_down(const struct vma_tree *t, uint64_t len, uint64_t low,
		     uint64_t high, uint64_t *out)
{
	struct vma *n = vma_tree_last_below(t, high); /* last starting below */
	struct vma *s;
	uint64_t lo_edge;
	uint64_t top;
	int err = check_args(len, low, high);

	if (err)
		return err;
	for (;;) {
		/* The hole just above n (or below the first area if n is NULL). */
		s = n ? vma_next(n) : vma_first(t);
		lo_edge = n ? n->end : 0;
		top = s && s->start < high ? s->start : high;
		if (top <= low || top - low < len)
			return -OSTD_ENOMEM; /* earlier holes end even lower */
		if (top > lo_edge && top - lo_edge >= len) {
			*out = top - len;
			return 0;
		}
		if (!n)
			return -OSTD_ENOMEM;
		n = prev_fit(n, len);
	}
}
