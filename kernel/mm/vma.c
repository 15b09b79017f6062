// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/vma.c - VM area operations: create, insert, split, merge,
 * munmap, mprotect, flag changes (mlock), fork's copy and teardown (see
 * vma.h).
 *
 * Operations that can run out of memory allocate everything they need
 * before changing anything, so a failed munmap or mprotect leaves the
 * address space as it was, as POSIX wants for mprotect and as callers of
 * munmap assume. At most two new areas are ever needed: one range cuts at
 * most two areas.
 */
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/types.h>
#include <ostd/vm.h>

#include "vma.h"
#include "vma_tree.h"

static bool page_aligned(uint64_t a)
{
	return (a & (OSTD_PAGE_SIZE - 1)) == 0;
}

/* A user range: non-empty, page-aligned, below OSTD_USER_END. */
static bool valid_range(uint64_t start, uint64_t end)
{
	return page_aligned(start) && page_aligned(end) && start < end &&
	       end <= OSTD_USER_END;
}

static void file_get(const struct vma_tree *t, struct vma_file *f)
{
	if (f && t->fops && t->fops->get)
		t->fops->get(f);
}

static void file_put(const struct vma_tree *t, struct vma_file *f)
{
	if (f && t->fops && t->fops->put)
		t->fops->put(f);
}

struct vma *vma_new(const struct vma_tree *t, uint64_t start, uint64_t end,
		    unsigned prot, unsigned flags, struct vma_file *file,
		    uint64_t offset)
{
	struct vma *v = OSTD_NEW(struct vma);

	if (!v)
		return NULL;
	v->start = start;
	v->end = end;
	v->prot = prot;
	v->flags = flags;
	v->file = file;
	v->offset = offset;
	file_get(t, file);
	return v;
}

void vma_free(const struct vma_tree *t, struct vma *v)
{
	if (!v)
		return;
	if (v->tree)
		ostd_panic("vma_free: [%lx, %lx) is still in a tree",
			   v->start, v->end);
	file_put(t, v->file);
	ostd_heap_free(v);
}

/* A detached copy of @v (same range, protection, flags, file). */
static struct vma *dup_area(const struct vma_tree *t, const struct vma *v)
{
	return vma_new(t, v->start, v->end, v->prot, v->flags, v->file,
		       v->offset);
}

void vma_tree_init(struct vma_tree *t, struct mm *mm,
		   const struct vma_file_ops *fops)
{
	t->root = NULL;
	t->count = 0;
	t->mm = mm;
	t->fops = fops;
}

/* Frees all nodes bottom-up without rebalancing (the tree is going away). */
static void free_all(struct vma_tree *t)
{
	struct vma *x = t->root;
	struct vma *p;

	while (x) {
		if (x->child[0]) {
			x = x->child[0];
			continue;
		}
		if (x->child[1]) {
			x = x->child[1];
			continue;
		}
		p = x->parent;
		if (p && p->child[0] == x)
			p->child[0] = NULL;
		else if (p)
			p->child[1] = NULL;
		x->tree = NULL;
		vma_free(t, x);
		x = p;
	}
	t->root = NULL;
	t->count = 0;
}

void vma_tree_destroy(struct vma_tree *t, vma_piece_fn fn)
{
	struct vma *v;

	if (fn)
		for (v = vma_first(t); v; v = vma_next(v))
			fn(t->mm, v);
	free_all(t);
}

/* A copy of @s for tree @t, hung under @parent. */
static struct vma *clone_node(struct vma_tree *t, const struct vma *s,
			      struct vma *parent)
{
	struct vma *c = dup_area(t, s);

	if (!c)
		return NULL;
	c->tree = t;
	c->parent = parent;
	c->height = s->height;
	c->sub_lo = s->sub_lo;
	c->sub_hi = s->sub_hi;
	c->sub_gap = s->sub_gap;
	t->count++;
	return c;
}

/*
 * Copies node by node in pre-order, walking the source and the copy in
 * step: going down creates the child's copy, going up follows parents.
 * A copy's child slot that is still empty marks a subtree not yet done.
 * The shape (and so every summary) is the same as the source's.
 */
int vma_tree_clone(struct vma_tree *dst, const struct vma_tree *src)
{
	const struct vma *s = src->root;
	struct vma *c;
	int d;

	if (dst->root)
		return -OSTD_EINVAL;
	if (!s)
		return 0;
	dst->root = clone_node(dst, s, NULL);
	if (!dst->root)
		return -OSTD_ENOMEM;
	c = dst->root;
	while (c) {
		for (d = 0; d < 2; d++)
			if (s->child[d] && !c->child[d])
				break;
		if (d == 2) {
			s = s->parent;
			c = c->parent;
			continue;
		}
		c->child[d] = clone_node(dst, s->child[d], c);
		if (!c->child[d]) {
			free_all(dst);
			return -OSTD_ENOMEM;
		}
		s = s->child[d];
		c = c->child[d];
	}
	return 0;
}

int vma_insert(struct vma_tree *t, struct vma *v)
{
	if (v->tree || !valid_range(v->start, v->end))
		return -OSTD_EINVAL;
	return vma_tree_link(t, v);
}

void vma_remove(struct vma_tree *t, struct vma *v)
{
	if (v->tree != t)
		ostd_panic("vma_remove: [%lx, %lx) is not in this tree",
			   v->start, v->end);
	vma_tree_unlink(t, v);
}

/*
 * Cuts @v at @addr using the spare area @n (a copy of @v): @v keeps the
 * lower part, @n gets the upper part and the matching file offset.
 */
static void split_with(struct vma_tree *t, struct vma *v, uint64_t addr,
		       struct vma *n)
{
	n->start = addr;
	n->end = v->end;
	n->offset = v->offset + (addr - v->start);
	v->end = addr;
	vma_tree_fixup(v);
	/* Cannot fail: n covers what v just gave up. */
	(void)vma_tree_link(t, n);
}

int vma_split(struct vma_tree *t, struct vma *v, uint64_t addr,
	      struct vma **hi)
{
	struct vma *n;

	if (v->tree != t || !page_aligned(addr) || addr <= v->start ||
	    addr >= v->end)
		return -OSTD_EINVAL;
	n = dup_area(t, v);
	if (!n)
		return -OSTD_ENOMEM;
	split_with(t, v, addr, n);
	if (hi)
		*hi = n;
	return 0;
}

bool vma_can_merge(const struct vma *lo, const struct vma *hi)
{
	if (lo->end != hi->start || lo->prot != hi->prot ||
	    lo->flags != hi->flags || lo->file != hi->file)
		return false;
	/* File pages must continue where the lower area's pages end. */
	return !lo->file || hi->offset == lo->offset + (lo->end - lo->start);
}

struct vma *vma_merge(struct vma_tree *t, struct vma *v)
{
	struct vma *p = vma_prev(v);
	struct vma *n;
	uint64_t end;

	if (p && vma_can_merge(p, v)) {
		end = v->end;
		vma_tree_unlink(t, v);
		vma_free(t, v);
		p->end = end;
		vma_tree_fixup(p);
		v = p;
	}
	n = vma_next(v);
	if (n && vma_can_merge(v, n)) {
		end = n->end;
		vma_tree_unlink(t, n);
		vma_free(t, n);
		v->end = end;
		vma_tree_fixup(v);
	}
	return v;
}

int vma_adjust(struct vma_tree *t, struct vma *v, uint64_t start,
	       uint64_t end)
{
	struct vma *p;
	struct vma *n;

	if (v->tree != t || !valid_range(start, end))
		return -OSTD_EINVAL;
	p = vma_prev(v);
	n = vma_next(v);
	if ((p && start < p->end) || (n && end > n->start))
		return -OSTD_ENOMEM;
	/* Unsigned wrap-around keeps the offset right when start goes down. */
	v->offset = v->offset + (start - v->start);
	v->start = start;
	v->end = end;
	vma_tree_fixup(v);
	return 0;
}

/* Hands [start, end) of @v to @fn as a detached piece on the stack. */
static void report_piece(struct vma_tree *t, const struct vma *v,
			 uint64_t start, uint64_t end, vma_piece_fn fn)
{
	struct vma piece = *v;

	if (!fn)
		return;
	piece.start = start;
	piece.end = end;
	piece.offset = v->offset + (start - v->start);
	piece.tree = NULL;
	piece.parent = NULL;
	piece.child[0] = NULL;
	piece.child[1] = NULL;
	fn(t->mm, &piece);
}

/* Removes the part of @v inside [start, end); @v is not cut in two. */
static void unmap_one(struct vma_tree *t, struct vma *v, uint64_t start,
		      uint64_t end, vma_piece_fn fn)
{
	uint64_t old;

	if (v->start < start) {
		old = v->end; /* keep the head */
		v->end = start;
		vma_tree_fixup(v);
		report_piece(t, v, start, old, fn);
	} else if (v->end > end) {
		report_piece(t, v, v->start, end, fn); /* keep the tail */
		v->offset = v->offset + (end - v->start);
		v->start = end;
		vma_tree_fixup(v);
	} else {
		vma_tree_unlink(t, v);
		if (fn)
			fn(t->mm, v);
		vma_free(t, v);
	}
}

int vma_unmap(struct vma_tree *t, uint64_t start, uint64_t end,
	      vma_piece_fn fn)
{
	struct vma *v;
	struct vma *next;
	int err;

	if (!valid_range(start, end))
		return -OSTD_EINVAL;
	v = vma_find_next(t, start);
	if (v && v->start < start && v->end > end) {
		/* A hole in the middle of one area: the only case that cuts. */
		err = vma_split(t, v, end, NULL);
		if (err)
			return err;
	}
	while (v && v->start < end) {
		next = vma_next(v);
		unmap_one(t, v, start, end, fn);
		v = next;
	}
	return 0;
}

/*
 * The area at @start and the last area of [start, end) if the range is
 * fully mapped, without holes; false otherwise.
 */
static bool covered(const struct vma_tree *t, uint64_t start, uint64_t end,
		    struct vma **first, struct vma **last)
{
	struct vma *v = vma_find(t, start);
	struct vma *n;

	if (!v)
		return false;
	*first = v;
	while (v->end < end) {
		n = vma_next(v);
		if (!n || n->start != v->end)
			return false;
		v = n;
	}
	*last = v;
	return true;
}

/*
 * What vma_protect() and vma_set_flags() make of each area of their range:
 * the protection (if @set_prot) and the flags with @clear cleared and @set
 * set.
 */
struct vma_change {
	bool set_prot;
	unsigned prot;
	unsigned clear;
	unsigned set;
};

static unsigned changed_prot(const struct vma *v, const struct vma_change *c)
{
	return c->set_prot ? c->prot : v->prot;
}

static unsigned changed_flags(const struct vma *v, const struct vma_change *c)
{
	return (v->flags & ~c->clear) | c->set;
}

static bool changes(const struct vma *v, const struct vma_change *c)
{
	return changed_prot(v, c) != v->prot || changed_flags(v, c) != v->flags;
}

/*
 * Applies @c to [start, end), splitting the areas at the ends only where
 * something really changes, and merging across the range and with the
 * neighbours at both ends afterwards (as Linux's mprotect_fixup() and
 * mlock_fixup() do).
 */
static int vma_change_range(struct vma_tree *t, uint64_t start, uint64_t end,
			    const struct vma_change *c)
{
	struct vma *first = NULL;
	struct vma *last = NULL;
	struct vma *lo = NULL;
	struct vma *hi = NULL;
	struct vma *v;
	bool cut_lo, cut_hi;

	if (start == end && page_aligned(start))
		return 0; /* mprotect(addr, 0, ...) succeeds, like Linux */
	if (!valid_range(start, end))
		return -OSTD_EINVAL;
	if (!covered(t, start, end, &first, &last))
		return -OSTD_ENOMEM;
	cut_lo = first->start < start && changes(first, c);
	cut_hi = last->end > end && changes(last, c);
	if (cut_lo)
		lo = dup_area(t, first);
	if (cut_hi)
		hi = dup_area(t, last);
	if ((cut_lo && !lo) || (cut_hi && !hi)) {
		vma_free(t, lo);
		vma_free(t, hi);
		return -OSTD_ENOMEM;
	}
	if (lo) {
		split_with(t, first, start, lo);
		if (last == first)
			last = lo;
		first = lo;
	}
	if (hi)
		split_with(t, last, end, hi);
	for (v = first; v && v->start < end; v = vma_next(v)) {
		v->prot = changed_prot(v, c);
		v->flags = changed_flags(v, c);
	}
	/* Merge across the range and with the neighbours at both ends. */
	v = vma_merge(t, first);
	while (v->end < end)
		v = vma_merge(t, vma_next(v));
	return 0;
}

int vma_protect(struct vma_tree *t, uint64_t start, uint64_t end,
		unsigned prot)
{
	struct vma_change c = { true, prot, 0, 0 };

	return vma_change_range(t, start, end, &c);
}

int vma_set_flags(struct vma_tree *t, uint64_t start, uint64_t end,
		  unsigned clear, unsigned set)
{
	struct vma_change c = { false, 0, clear, set };

	return vma_change_range(t, start, end, &c);
}
