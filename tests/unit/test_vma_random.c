// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vma_random.c - the VMA tree against a reference model.
 *
 * Thousands of random inserts, munmaps, mprotects, flag changes (mlock),
 * splits, merges, bound adjustments, hole searches, lookups and clones
 * run on a tree and on a page-by-page model of the same address space.
 * After every step the tree's invariants are checked, every page is
 * compared with the model (mapping, protection, flags, file and file
 * offset) and file reference counts must equal the number of areas using
 * each file.
 */
#include <stdio.h>
#include <string.h>

#include "vma_check.h"

#define MAXPAGES 4096
#define BASE (1UL << 20) /* in pages: the model covers [BASE, BASE+npages) */

static uint64_t npages; /* the window of this run */
static int max_height;
static size_t max_count;

struct page_model {
	int mapped;
	unsigned prot;
	unsigned flags;
	int file;        /* index into files[], or -1 */
	uint64_t offset; /* file offset of this page */
};

static struct page_model model[MAXPAGES];
static uint64_t rng = 88172645463325252ULL;

static uint64_t rnd(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static uint64_t addr(uint64_t page)
{
	return (BASE + page) * PG;
}

static int file_index(const struct vma_file *f)
{
	for (int i = 0; i < 3; i++)
		if (f == &files[i])
			return i;
	return -1;
}

/* Every page of every area matches the model, and vice versa. */
static int compare_model(const struct vma_tree *t)
{
	static int seen[MAXPAGES];
	int refs[3] = { 0 };

	memset(seen, 0, sizeof(seen));

	for (const struct vma *v = vma_first(t); v; v = vma_next(v)) {
		if (v->file)
			refs[file_index(v->file)]++;
		for (uint64_t a = v->start; a < v->end; a += PG) {
			uint64_t p = a / PG - BASE;
			const struct page_model *m;

			if (p >= npages)
				return 0;
			m = &model[p];
			if (!m->mapped || m->prot != v->prot ||
			    m->flags != v->flags ||
			    m->file != file_index(v->file) ||
			    (v->file && m->offset != v->offset + (a - v->start)))
				return 0;
			seen[p] = 1;
		}
	}
	for (uint64_t p = 0; p < npages; p++)
		if (model[p].mapped != seen[p])
			return 0;
	for (int i = 0; i < 3; i++)
		if (files[i].refs != refs[i])
			return 0;
	return 1;
}

static int range_free(uint64_t s, uint64_t e)
{
	for (uint64_t p = s; p < e; p++)
		if (model[p].mapped)
			return 0;
	return 1;
}

static void op_insert(struct vma_tree *t)
{
	uint64_t s = rnd(npages), e = s + 1 + rnd(12);
	unsigned prot = rnd(2) ? RW : VMA_READ;
	int f = (int)rnd(4) - 1; /* -1: anonymous */
	uint64_t off = rnd(2) ? s * PG : rnd(64) * PG;
	struct vma *v;
	int want, got;

	if (e > npages)
		e = npages;
	v = vma_new(t, addr(s), addr(e), prot, f < 0 ? VMA_ANON : 0,
		    f < 0 ? NULL : &files[f], off);
	want = range_free(s, e) ? 0 : -OSTD_EEXIST;
	got = vma_insert(t, v);
	CHECK(got == want);
	if (got) {
		vma_free(t, v);
		return;
	}
	for (uint64_t p = s; p < e; p++)
		model[p] = (struct page_model){ 1, prot, v->flags, f,
						 off + (p - s) * PG };
	if (rnd(2))
		vma_merge(t, v);
}

static struct mm piece_mm;

/* vma_unmap() must report exactly the mapped pages of the range. */
static void check_piece(struct mm *mm, const struct vma *piece)
{
	(void)mm;
	CHECK(piece->tree == NULL); /* removed pieces are detached */
	for (uint64_t a = piece->start; a < piece->end; a += PG) {
		struct page_model *m = &model[a / PG - BASE];

		CHECK(m->mapped == 1 && m->prot == piece->prot);
		CHECK(!piece->file ||
		      m->offset == piece->offset + (a - piece->start));
		m->mapped = 2; /* reported */
	}
}

static void op_unmap(struct vma_tree *t)
{
	uint64_t s = rnd(npages), e = s + 1 + rnd(30);

	if (e > npages)
		e = npages;
	t->mm = &piece_mm;
	CHECK(vma_unmap(t, addr(s), addr(e), check_piece) == 0);
	for (uint64_t p = 0; p < npages; p++) {
		int in = p >= s && p < e;

		CHECK(!in || model[p].mapped != 1); /* all reported */
		CHECK(in || model[p].mapped != 2);  /* nothing else */
		if (in)
			model[p].mapped = 0;
	}
}

static void op_protect(struct vma_tree *t)
{
	uint64_t s = rnd(npages), e = s + 1 + rnd(20);
	unsigned prot = 1 + rnd(7);
	int want;

	if (e > npages)
		e = npages;
	want = 0;
	for (uint64_t p = s; p < e; p++)
		if (!model[p].mapped)
			want = -OSTD_ENOMEM;
	CHECK(vma_protect(t, addr(s), addr(e), prot) == want);
	if (want == 0)
		for (uint64_t p = s; p < e; p++)
			model[p].prot = prot;
}

/* vma_set_flags() of a lock bit, like mlock/munlock of a range. */
static void op_set_flags(struct vma_tree *t)
{
	uint64_t s = rnd(npages), e = s + 1 + rnd(20);
	unsigned bit = 0x200U, set = rnd(2) ? bit : 0;
	int want = 0;

	if (e > npages)
		e = npages;
	for (uint64_t p = s; p < e; p++)
		if (!model[p].mapped)
			want = -OSTD_ENOMEM;
	CHECK(vma_set_flags(t, addr(s), addr(e), bit, set) == want);
	if (want == 0)
		for (uint64_t p = s; p < e; p++)
			model[p].flags = (model[p].flags & ~bit) | set;
}

static struct vma *random_area(struct vma_tree *t)
{
	return vma_find(t, addr(rnd(npages)));
}

static void op_split_merge(struct vma_tree *t)
{
	struct vma *v = random_area(t);
	uint64_t pages;

	if (!v)
		return;
	pages = (v->end - v->start) / PG;
	if (rnd(2) && pages > 1)
		CHECK(vma_split(t, v, v->start + (1 + rnd(pages - 1)) * PG,
				NULL) == 0);
	else
		vma_merge(t, v);
}

static void op_adjust(struct vma_tree *t)
{
	struct vma *v = random_area(t);
	uint64_t os, oe, ns, ne;
	int ok;

	if (!v)
		return;
	os = v->start / PG - BASE;
	oe = v->end / PG - BASE;
	ns = os >= 4 ? os - 4 + rnd(oe - os + 4) : rnd(oe);
	ne = (ns > os ? ns : os) + 1 + rnd(5);
	if (ne > npages)
		ne = npages;
	if (ne <= ns)
		return;
	ok = (ns >= os || range_free(ns, os)) && (ne <= oe || range_free(oe, ne));
	CHECK(vma_adjust(t, v, addr(ns), addr(ne)) == (ok ? 0 : -OSTD_ENOMEM));
	if (!ok)
		return;
	for (uint64_t p = ns; p < os; p++) {
		model[p] = model[os];
		model[p].offset = model[os].offset - (os - p) * PG;
	}
	for (uint64_t p = oe; p < ne; p++) {
		model[p] = model[oe - 1];
		model[p].offset = model[oe - 1].offset + (p - oe + 1) * PG;
	}
	for (uint64_t p = os; p < oe; p++)
		if (p < ns || p >= ne)
			model[p].mapped = 0;
}

/* The holes of the model, searched page by page. */
static void op_gap(const struct vma_tree *t)
{
	uint64_t len = 1 + rnd(20), lo = rnd(npages), hi = rnd(npages + 1);
	uint64_t a, want_bu = 0, want_td = 0;
	int found_bu = 0, found_td = 0;

	if (hi < lo + len)
		return;
	for (uint64_t p = lo; p + len <= hi && !found_bu; p++)
		if (range_free(p, p + len)) {
			found_bu = 1;
			want_bu = p;
		}
	for (uint64_t p = hi - len + 1; p-- > lo && !found_td;)
		if (range_free(p, p + len)) {
			found_td = 1;
			want_td = p;
		}
	a = 0;
	CHECK(vma_gap_bottom_up(t, len * PG, addr(lo), addr(hi), &a) ==
	      (found_bu ? 0 : -OSTD_ENOMEM));
	CHECK(!found_bu || a == addr(want_bu));
	a = 0;
	CHECK(vma_gap_top_down(t, len * PG, addr(lo), addr(hi), &a) ==
	      (found_td ? 0 : -OSTD_ENOMEM));
	CHECK(!found_td || a == addr(want_td));
}

static void op_find(const struct vma_tree *t)
{
	uint64_t p = rnd(npages);
	const struct vma *v = vma_find(t, addr(p) + rnd(PG));
	const struct vma *n = vma_find_next(t, addr(p));
	uint64_t q = p;

	CHECK(!!v == !!model[p].mapped);
	while (q < npages && !model[q].mapped)
		q++;
	CHECK(q == npages ? !n : n && n->start <= addr(q) && n->end > addr(q));
}

static void op_clone(const struct vma_tree *t)
{
	struct vma_tree c;

	vma_tree_init(&c, NULL, &fops);
	CHECK(vma_tree_clone(&c, t) == 0);
	check_tree(&c);
	CHECK(strcmp(layout(t), layout(&c)) == 0);
	vma_tree_destroy(&c, NULL);
}

/* @steps random operations over a window of @window pages. */
void test_random(int steps, uint64_t window, uint64_t seed)
{
	struct vma_tree t;

	npages = window;
	rng = seed;
	memset(model, 0, sizeof(model));
	vma_tree_init(&t, NULL, &fops);
	for (int i = 0; i < steps && !failures; i++) {
		switch (rnd(17)) {
		case 0: case 1: case 2: case 3: case 4:
			op_insert(&t);
			break;
		case 5: case 6:
			op_unmap(&t);
			break;
		case 7: case 8:
			op_protect(&t);
			break;
		case 9: case 10:
			op_split_merge(&t);
			break;
		case 11:
			op_adjust(&t);
			break;
		case 12: case 13:
			op_gap(&t);
			break;
		case 14:
			op_find(&t);
			break;
		case 15:
			op_set_flags(&t);
			break;
		default:
			if (rnd(20) == 0)
				op_clone(&t);
			break;
		}
		check_tree(&t);
		if (!compare_model(&t)) {
			fprintf(stderr, "step %d: tree differs from model: %s\n",
				i, layout(&t));
			failures++;
		}
		if (t.count > max_count)
			max_count = t.count;
		if (vma_h(t.root) > max_height)
			max_height = vma_h(t.root);
	}
	printf("random: %d steps over %lu pages: up to %zu areas, "
	       "height up to %d, %zu at the end\n", steps, window, max_count,
	       max_height, t.count);
	vma_tree_destroy(&t, NULL);
}
