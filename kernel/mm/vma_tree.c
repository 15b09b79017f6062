// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/vma_tree.c - an iterative AVL tree of VM areas keyed by start.
 *
 * Why AVL: it is the simplest balanced tree whose delete does not need a
 * case table, and with parent pointers every operation is a loop, which
 * the safe subset requires (no recursion). Children are an array indexed
 * by direction (0: lower, 1: higher) so each rotation is written once.
 *
 * Every node summarises its subtree: height (balance), sub_lo (lowest
 * start), sub_hi (highest end) and sub_gap (the largest hole between two
 * consecutive areas inside the subtree). All four depend only on the node
 * and its children, so they are recomputed bottom-up ("pull") along the
 * path of every change and at every rotation. vma_gap.c uses them to skip
 * whole subtrees whose holes are too small.
 */
#include <ostd/types.h>

#include "vma_tree.h"

static int height(const struct vma *v)
{
	return v ? v->height : 0;
}

static uint64_t max_u64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* Recomputes @x's summaries from its children (which are up to date). */
static void pull(struct vma *x)
{
	struct vma *l = x->child[0];
	struct vma *r = x->child[1];
	uint64_t gap = 0;
	int hl = height(l);
	int hr = height(r);

	x->height = 1 + (hl > hr ? hl : hr);
	x->sub_lo = l ? l->sub_lo : x->start;
	x->sub_hi = r ? r->sub_hi : x->end;
	if (l)
		gap = max_u64(l->sub_gap, x->start - l->sub_hi);
	if (r)
		gap = max_u64(gap, max_u64(r->sub_gap, r->sub_lo - x->end));
	x->sub_gap = gap;
}

static void set_child(struct vma *p, int d, struct vma *c)
{
	p->child[d] = c;
	if (c)
		c->parent = p;
}

/* Puts @new (may be NULL) where @old hangs in the tree. */
static void replace(struct vma_tree *t, struct vma *old, struct vma *new)
{
	struct vma *p = old->parent;

	if (new)
		new->parent = p;
	if (!p)
		t->root = new;
	else if (p->child[0] == old)
		p->child[0] = new;
	else
		p->child[1] = new;
}

/*
 * Rotates @x down towards side @d; its child on the other side takes its
 * place and is returned.
 */
static struct vma *rotate(struct vma_tree *t, struct vma *x, int d)
{
	struct vma *y = x->child[1 - d];

	replace(t, x, y);
	set_child(x, 1 - d, y->child[d]);
	set_child(y, d, x);
	pull(x);
	pull(y);
	return y;
}

/*
 * Walks from @x to the root, refreshing summaries and restoring the AVL
 * balance. It always goes all the way up, even when the height stops
 * changing, because sub_lo/sub_hi/sub_gap can change higher up.
 */
static void rebalance(struct vma_tree *t, struct vma *x)
{
	struct vma *c;
	int bal;
	int d;

	while (x) {
		pull(x);
		bal = height(x->child[1]) - height(x->child[0]);
		if (bal > 1 || bal < -1) {
			d = bal > 1 ? 1 : 0; /* the heavy side */
			c = x->child[d];
			/* A zig-zag needs the child straightened first. */
			if (height(c->child[1 - d]) > height(c->child[d]))
				rotate(t, c, d);
			x = rotate(t, x, 1 - d);
		}
		x = x->parent;
	}
}

int vma_tree_link(struct vma_tree *t, struct vma *v)
{
	struct vma *p = NULL;
	struct vma *x = t->root;
	int d = 0;

	/*
	 * The in-order neighbours of the new position are both on the search
	 * path, and areas are disjoint, so checking the path finds any overlap.
	 */
	while (x) {
		if (v->start < x->end && x->start < v->end)
			return -OSTD_EEXIST;
		p = x;
		d = v->start >= x->start ? 1 : 0;
		x = x->child[d];
	}
	v->child[0] = NULL;
	v->child[1] = NULL;
	v->parent = p;
	pull(v);
	if (p)
		p->child[d] = v;
	else
		t->root = v;
	v->tree = t;
	t->count++;
	rebalance(t, p);
	return 0;
}

void vma_tree_unlink(struct vma_tree *t, struct vma *z)
{
	struct vma *fix;
	struct vma *s;
	struct vma *c;

	if (z->child[0] && z->child[1]) {
		/* Two children: z's successor s takes z's place. */
		s = vma_tree_leftmost(z->child[1]);
		if (s->parent != z) {
			fix = s->parent;
			set_child(fix, 0, s->child[1]);
			set_child(s, 1, z->child[1]);
		} else {
			fix = s;
		}
		set_child(s, 0, z->child[0]);
		replace(t, z, s);
	} else {
		c = z->child[0] ? z->child[0] : z->child[1];
		fix = z->parent;
		replace(t, z, c);
	}
	rebalance(t, fix);
	z->parent = NULL;
	z->child[0] = NULL;
	z->child[1] = NULL;
	z->tree = NULL;
	t->count--;
}

void vma_tree_fixup(struct vma *v)
{
	for (; v; v = v->parent)
		pull(v);
}

struct vma *vma_tree_leftmost(struct vma *v)
{
	while (v && v->child[0])
		v = v->child[0];
	return v;
}

struct vma *vma_tree_rightmost(struct vma *v)
{
	while (v && v->child[1])
		v = v->child[1];
	return v;
}

struct vma *vma_tree_last_below(const struct vma_tree *t, uint64_t addr)
{
	struct vma *x = t->root;
	struct vma *best = NULL;

	while (x) {
		if (x->start < addr) {
			best = x;
			x = x->child[1];
		} else {
			x = x->child[0];
		}
	}
	return best;
}

struct vma *vma_find_next(const struct vma_tree *t, uint64_t addr)
{
	struct vma *x = t->root;
	struct vma *best = NULL;

	/* Disjoint areas sorted by start are sorted by end too. */
	while (x) {
		if (x->end > addr) {
			best = x;
			x = x->child[0];
		} else {
			x = x->child[1];
		}
	}
	return best;
}

struct vma *vma_find(const struct vma_tree *t, uint64_t addr)
{
	struct vma *v = vma_find_next(t, addr);

	return v && v->start <= addr ? v : NULL;
}

struct vma *vma_first(const struct vma_tree *t)
{
	return vma_tree_leftmost(t->root);
}

struct vma *vma_last(const struct vma_tree *t)
{
	return vma_tree_rightmost(t->root);
}

/* In-order neighbour of @v on side @d (1: next, 0: previous). */
static struct vma *step(const struct vma *v, int d)
{
	struct vma *x;

	if (v->child[d]) {
		x = v->child[d];
		while (x->child[1 - d])
			x = x->child[1 - d];
		return x;
	}
	/* Climb while we come from side d; the parent then is the answer. */
	x = v->parent;
	while (x && x->child[d] == v) {
		v = x;
		x = x->parent;
	}
	return x;
}

struct vma *vma_next(const struct vma *v)
{
	return step(v, 1);
}

struct vma *vma_prev(const struct vma *v)
{
	return step(v, 0);
}
