// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/vma_check.c - the VMA tree invariant checker and fake files
 * shared by test_vma.c and test_vma_random.c.
 */
#include <stdio.h>
#include <string.h>

#include "vma_check.h"

int failures;

struct vma_file files[3];

static void fget(struct vma_file *f)
{
	f->refs++;
}

static void fput(struct vma_file *f)
{
	CHECK(f->refs > 0);
	f->refs--;
}

const struct vma_file_ops fops = { fget, fput };

int vma_h(const struct vma *v)
{
	return v ? v->height : 0;
}

static uint64_t umax(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

/* Checks node @v against its children; returns 0 if all is well. */
static int check_node(const struct vma_tree *t, const struct vma *v)
{
	const struct vma *l = v->child[0], *r = v->child[1];
	uint64_t gap = 0;
	int bad = 0;

	bad |= v->tree != t;
	bad |= (v->start % PG) || (v->end % PG) || v->start >= v->end;
	bad |= l && (l->parent != v || l->sub_hi > v->start);
	bad |= r && (r->parent != v || r->sub_lo < v->end);
	bad |= v->parent && v->parent->child[0] != v && v->parent->child[1] != v;
	bad |= v->height != 1 + (vma_h(l) > vma_h(r) ? vma_h(l) : vma_h(r));
	bad |= vma_h(l) - vma_h(r) > 1 || vma_h(r) - vma_h(l) > 1;
	bad |= v->sub_lo != (l ? l->sub_lo : v->start);
	bad |= v->sub_hi != (r ? r->sub_hi : v->end);
	if (l)
		gap = umax(l->sub_gap, v->start - l->sub_hi);
	if (r)
		gap = umax(gap, umax(r->sub_gap, r->sub_lo - v->end));
	bad |= v->sub_gap != gap;
	return bad;
}

void check_tree(const struct vma_tree *t)
{
	const struct vma *v, *prev = NULL;
	size_t n = 0, back = 0;

	CHECK(!t->root || t->root->parent == NULL);
	for (v = vma_first(t); v; v = vma_next(v)) {
		if (check_node(t, v)) {
			fprintf(stderr, "bad node [%lx, %lx)\n", v->start, v->end);
			failures++;
		}
		if (prev && prev->end > v->start)
			failures++;
		prev = v;
		n++;
	}
	for (v = vma_last(t); v; v = vma_prev(v))
		back++;
	CHECK(n == t->count && back == n);
}

/* The areas of @t as "s-e:p s-e:p" in pages, for compact expectations. */
const char *layout(const struct vma_tree *t)
{
	static char buf[1 << 16];
	size_t n = 0;

	buf[0] = 0;
	for (const struct vma *v = vma_first(t);
	     v && n < sizeof(buf) - 64; v = vma_next(v))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%lu-%lu:%u",
				      n ? " " : "", v->start / PG,
				      v->end / PG, v->prot);
	return buf;
}
