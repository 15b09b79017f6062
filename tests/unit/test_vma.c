// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vma.c - host tests of the VM area tree (kernel/mm/vma*.c).
 *
 * Directed tests for each operation and for out-of-memory paths (nothing
 * may change, nothing may leak); then the randomized test of
 * test_vma_random.c. Tree invariants are checked by vma_check.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host_ostd.h"
#include "vma_check.h"

static void record(struct mm *mm, const struct vma *piece)
{
	if (mm->npieces < 64) {
		mm->start[mm->npieces] = piece->start;
		mm->end[mm->npieces] = piece->end;
		mm->offset[mm->npieces] = piece->offset;
		mm->prot[mm->npieces] = piece->prot;
	}
	mm->npieces++;
	mm->pages += (piece->end - piece->start) / PG;
}

static struct vma *add(struct vma_tree *t, uint64_t s, uint64_t e,
		       unsigned prot)
{
	struct vma *v = vma_new(t, s * PG, e * PG, prot, VMA_ANON, NULL, 0);

	CHECK(v != NULL);
	if (vma_insert(t, v)) {
		vma_free(t, v);
		return NULL;
	}
	return v;
}


static int layout_is(const struct vma_tree *t, const char *want)
{
	const char *got = layout(t);

	check_tree(t);
	if (strcmp(got, want)) {
		fprintf(stderr, "  layout \"%s\", want \"%s\"\n", got, want);
		return 0;
	}
	return 1;
}

/* ---- directed tests -------------------------------------------------- */

static void test_insert_find(void)
{
	struct vma_tree t;
	struct vma *v;

	vma_tree_init(&t, NULL, NULL);
	CHECK(add(&t, 10, 20, RW));
	CHECK(add(&t, 30, 40, VMA_READ));
	CHECK(add(&t, 20, 30, RW)); /* touching is fine */
	CHECK(!add(&t, 39, 41, RW));
	CHECK(!add(&t, 5, 11, RW));
	CHECK(!add(&t, 12, 13, RW));
	CHECK(!add(&t, 0, 100, RW));
	v = vma_new(&t, 0x1001, 0x3000, RW, 0, NULL, 0);
	CHECK(vma_insert(&t, v) == -OSTD_EINVAL); /* unaligned */
	v->start = 0x3000;
	CHECK(vma_insert(&t, v) == -OSTD_EINVAL); /* empty */
	v->start = 0x1000;
	v->end = OSTD_USER_END + PG;
	CHECK(vma_insert(&t, v) == -OSTD_EINVAL); /* beyond user space */
	vma_free(&t, v);
	CHECK(layout_is(&t, "10-20:3 20-30:3 30-40:1"));

	CHECK(vma_find(&t, 10 * PG)->start == 10 * PG);
	CHECK(vma_find(&t, 20 * PG - 1)->start == 10 * PG);
	CHECK(vma_find(&t, 40 * PG - 1)->start == 30 * PG);
	CHECK(!vma_find(&t, 40 * PG) && !vma_find(&t, 9 * PG));
	CHECK(vma_find_next(&t, 0)->start == 10 * PG);
	CHECK(vma_find_next(&t, 25 * PG)->start == 20 * PG);
	CHECK(vma_find_next(&t, 30 * PG)->start == 30 * PG);
	CHECK(!vma_find_next(&t, 40 * PG));

	v = vma_find(&t, 20 * PG);
	vma_remove(&t, v);
	CHECK(v->tree == NULL);
	vma_free(&t, v);
	CHECK(layout_is(&t, "10-20:3 30-40:1"));
	vma_tree_destroy(&t, NULL);
	CHECK(t.root == NULL && t.count == 0);
}

static void test_split_merge(void)
{
	struct vma_tree t;
	struct vma *v, *hi;

	vma_tree_init(&t, NULL, &fops);
	v = vma_new(&t, 10 * PG, 20 * PG, RW, 0, &files[0], 0x5000);
	CHECK(vma_insert(&t, v) == 0);
	CHECK(vma_split(&t, v, 10 * PG, &hi) == -OSTD_EINVAL);
	CHECK(vma_split(&t, v, 20 * PG, &hi) == -OSTD_EINVAL);
	CHECK(vma_split(&t, v, 15 * PG + 1, &hi) == -OSTD_EINVAL);
	CHECK(vma_split(&t, v, 14 * PG, &hi) == 0);
	CHECK(layout_is(&t, "10-14:3 14-20:3"));
	CHECK(hi->offset == 0x5000 + 4 * PG && hi->file == &files[0]);
	CHECK(files[0].refs == 2);
	CHECK(vma_can_merge(v, hi));
	hi->offset += PG; /* file pages no longer continue: no merge */
	CHECK(!vma_can_merge(v, hi));
	hi->offset -= PG;
	CHECK(vma_merge(&t, hi) == v);
	CHECK(layout_is(&t, "10-20:3"));
	CHECK(files[0].refs == 1);

	/* Anonymous areas merge whatever their offsets. */
	CHECK(add(&t, 20, 25, RW));
	CHECK(add(&t, 25, 30, VMA_READ));
	CHECK(!vma_can_merge(v, vma_find(&t, 20 * PG))); /* different file */
	v = vma_merge(&t, vma_find(&t, 25 * PG));
	CHECK(layout_is(&t, "10-20:3 20-25:3 25-30:1"));
	vma_find(&t, 25 * PG)->prot = RW;
	v = vma_merge(&t, vma_find(&t, 25 * PG));
	CHECK(v->start == 20 * PG);
	CHECK(layout_is(&t, "10-20:3 20-30:3"));

	/* vma_adjust: brk-style growth, shrink, and refusal. */
	CHECK(vma_adjust(&t, v, 20 * PG, 40 * PG) == 0);
	CHECK(vma_adjust(&t, v, 19 * PG, 40 * PG) == -OSTD_ENOMEM);
	CHECK(vma_adjust(&t, v, 22 * PG, 21 * PG) == -OSTD_EINVAL);
	CHECK(vma_adjust(&t, v, 22 * PG, 23 * PG) == 0);
	CHECK(layout_is(&t, "10-20:3 22-23:3"));
	vma_tree_destroy(&t, NULL);
	CHECK(files[0].refs == 0);
}

static void test_unmap(void)
{
	struct vma_tree t;
	struct mm mm = { 0 };

	vma_tree_init(&t, &mm, NULL);
	for (uint64_t i = 0; i < 5; i++)
		add(&t, 10 + i * 10, 18 + i * 10, RW);
	CHECK(layout_is(&t, "10-18:3 20-28:3 30-38:3 40-48:3 50-58:3"));

	CHECK(vma_unmap(&t, 10 * PG, 12 * PG, record) == 0); /* at start */
	CHECK(layout_is(&t, "12-18:3 20-28:3 30-38:3 40-48:3 50-58:3"));
	CHECK(mm.npieces == 1 && mm.start[0] == 10 * PG &&
	      mm.end[0] == 12 * PG);

	mm.npieces = 0;
	CHECK(vma_unmap(&t, 16 * PG, 18 * PG, record) == 0); /* at end */
	CHECK(vma_unmap(&t, 23 * PG, 25 * PG, record) == 0); /* middle */
	CHECK(layout_is(&t, "12-16:3 20-23:3 25-28:3 30-38:3 40-48:3 50-58:3"));
	CHECK(mm.npieces == 2 && mm.start[1] == 23 * PG);

	/* Spanning several areas and holes. */
	mm.npieces = 0;
	mm.pages = 0;
	CHECK(vma_unmap(&t, 22 * PG, 45 * PG, record) == 0);
	CHECK(layout_is(&t, "12-16:3 20-22:3 45-48:3 50-58:3"));
	CHECK(mm.npieces == 4 && mm.pages == 1 + 3 + 8 + 5);
	CHECK(mm.start[0] == 22 * PG && mm.end[3] == 45 * PG);

	/* Nothing there, then bad ranges. */
	CHECK(vma_unmap(&t, 100 * PG, 200 * PG, record) == 0);
	CHECK(vma_unmap(&t, 100 * PG, 100 * PG, record) == -OSTD_EINVAL);
	CHECK(vma_unmap(&t, 100, 200 * PG, record) == -OSTD_EINVAL);

	/* Out of memory for the one split: nothing changes. */
	host_heap_fail_after(0);
	CHECK(vma_unmap(&t, 52 * PG, 53 * PG, record) == -OSTD_ENOMEM);
	host_heap_fail_after(-1);
	CHECK(layout_is(&t, "12-16:3 20-22:3 45-48:3 50-58:3"));

	mm.pages = 0;
	vma_tree_destroy(&t, record);
	CHECK(mm.pages == 4 + 2 + 3 + 8);
}

static void test_protect(void)
{
	struct vma_tree t;
	size_t live;

	vma_tree_init(&t, NULL, NULL);
	add(&t, 10, 20, RW);
	add(&t, 20, 30, RW);
	add(&t, 40, 50, RW);
	CHECK(vma_protect(&t, 12 * PG, 15 * PG, VMA_READ) == 0);
	CHECK(layout_is(&t, "10-12:3 12-15:1 15-20:3 20-30:3 40-50:3"));
	/* Merges back, but only around the range, as in Linux. */
	CHECK(vma_protect(&t, 12 * PG, 15 * PG, RW) == 0);
	CHECK(layout_is(&t, "10-20:3 20-30:3 40-50:3"));
	CHECK(vma_protect(&t, 25 * PG, 45 * PG, VMA_READ) == -OSTD_ENOMEM);
	CHECK(vma_protect(&t, 5 * PG, 12 * PG, VMA_READ) == -OSTD_ENOMEM);
	CHECK(vma_protect(&t, 5 * PG, 5 * PG, VMA_READ) == 0);
	CHECK(vma_protect(&t, 5 * PG, 6 * PG + 1, VMA_READ) == -OSTD_EINVAL);
	CHECK(vma_protect(&t, 10 * PG, 30 * PG, VMA_READ) == 0);
	CHECK(layout_is(&t, "10-30:1 40-50:3"));
	CHECK(vma_protect(&t, 41 * PG, 42 * PG, RW) == 0); /* no change */
	CHECK(layout_is(&t, "10-30:1 40-50:3"));

	/* Two splits needed, memory for one: all or nothing. */
	live = host_heap_live();
	host_heap_fail_after(1);
	CHECK(vma_protect(&t, 42 * PG, 44 * PG, VMA_EXEC) == -OSTD_ENOMEM);
	host_heap_fail_after(-1);
	CHECK(host_heap_live() == live);
	CHECK(layout_is(&t, "10-30:1 40-50:3"));
	CHECK(vma_protect(&t, 42 * PG, 44 * PG, VMA_EXEC) == 0);
	CHECK(layout_is(&t, "10-30:1 40-42:3 42-44:4 44-50:3"));
	vma_tree_destroy(&t, NULL);
}

/* A flag bit for vma_set_flags (kernel/mm's VMA_LOCKED). */
#define LK 0x200U

static unsigned flags_at(const struct vma_tree *t, uint64_t page)
{
	const struct vma *v = vma_find(t, page * PG);

	return v ? v->flags : ~0U;
}

/* vma_set_flags() (mlock): vma_protect()'s splits and merges, on flags. */
static void test_set_flags(void)
{
	struct vma_tree t;
	const struct vma *v;
	struct vma *nv;
	size_t live;

	vma_tree_init(&t, NULL, &fops);
	add(&t, 10, 20, RW);
	add(&t, 20, 30, RW);
	add(&t, 40, 50, RW);
	CHECK(vma_set_flags(&t, 12 * PG, 15 * PG, 0, LK) == 0);
	CHECK(layout_is(&t, "10-12:3 12-15:3 15-20:3 20-30:3 40-50:3"));
	CHECK(flags_at(&t, 11) == VMA_ANON && flags_at(&t, 12) == (VMA_ANON | LK) &&
	      flags_at(&t, 14) == (VMA_ANON | LK) && flags_at(&t, 15) == VMA_ANON);
	/* Across two areas: the locked pieces merge, the rest stays. */
	CHECK(vma_set_flags(&t, 15 * PG, 25 * PG, 0, LK) == 0);
	CHECK(layout_is(&t, "10-12:3 12-25:3 25-30:3 40-50:3"));
	CHECK(flags_at(&t, 24) == (VMA_ANON | LK) && flags_at(&t, 25) == VMA_ANON);
	/* A hole: -ENOMEM and nothing changed. */
	CHECK(vma_set_flags(&t, 25 * PG, 45 * PG, 0, LK) == -OSTD_ENOMEM);
	CHECK(layout_is(&t, "10-12:3 12-25:3 25-30:3 40-50:3"));
	CHECK(flags_at(&t, 26) == VMA_ANON);
	CHECK(vma_set_flags(&t, 5 * PG, 5 * PG, 0, LK) == 0);
	CHECK(vma_set_flags(&t, 5 * PG, 6 * PG + 1, 0, LK) == -OSTD_EINVAL);
	/* Clearing merges back; no change means no split. */
	CHECK(vma_set_flags(&t, 10 * PG, 30 * PG, LK, 0) == 0);
	CHECK(layout_is(&t, "10-30:3 40-50:3"));
	CHECK(vma_set_flags(&t, 41 * PG, 42 * PG, LK, 0) == 0);
	CHECK(layout_is(&t, "10-30:3 40-50:3"));
	/* Protection and flags are independent; both must match to merge. */
	CHECK(vma_protect(&t, 44 * PG, 46 * PG, VMA_READ) == 0);
	CHECK(vma_set_flags(&t, 40 * PG, 50 * PG, 0, LK) == 0);
	CHECK(layout_is(&t, "10-30:3 40-44:3 44-46:1 46-50:3"));
	CHECK(vma_protect(&t, 44 * PG, 46 * PG, RW) == 0);
	CHECK(layout_is(&t, "10-30:3 40-50:3") && flags_at(&t, 45) == (VMA_ANON | LK));

	/* File areas: split pieces keep their offsets and references. */
	nv = vma_new(&t, 60 * PG, 70 * PG, RW, 0, &files[1], 0x3000);
	CHECK(vma_insert(&t, nv) == 0);
	CHECK(vma_set_flags(&t, 62 * PG, 64 * PG, 0, LK) == 0);
	CHECK(files[1].refs == 3);
	v = vma_find(&t, 63 * PG);
	CHECK(v && v->start == 62 * PG && v->offset == 0x3000 + 2 * PG);
	CHECK(vma_set_flags(&t, 60 * PG, 70 * PG, LK, 0) == 0);
	CHECK(files[1].refs == 1 && flags_at(&t, 69) == 0);
	CHECK(layout_is(&t, "10-30:3 40-50:3 60-70:3"));

	/* Two splits needed, memory for one: all or nothing. */
	live = host_heap_live();
	host_heap_fail_after(1);
	CHECK(vma_set_flags(&t, 22 * PG, 24 * PG, 0, LK) == -OSTD_ENOMEM);
	host_heap_fail_after(-1);
	CHECK(host_heap_live() == live);
	CHECK(layout_is(&t, "10-30:3 40-50:3 60-70:3"));
	CHECK(vma_set_flags(&t, 22 * PG, 24 * PG, 0, LK) == 0);
	CHECK(layout_is(&t, "10-22:3 22-24:3 24-30:3 40-50:3 60-70:3"));
	vma_tree_destroy(&t, NULL);
	CHECK(files[1].refs == 0);
}

static void test_gaps(void)
{
	struct vma_tree t;
	uint64_t a = 0;

	vma_tree_init(&t, NULL, NULL);
	CHECK(vma_gap_bottom_up(&t, 4 * PG, PG, 100 * PG, &a) == 0 && a == PG);
	CHECK(vma_gap_top_down(&t, 4 * PG, PG, 100 * PG, &a) == 0 &&
	      a == 96 * PG);
	add(&t, 10, 20, RW);
	add(&t, 22, 30, RW);
	add(&t, 35, 90, RW);
	CHECK(vma_gap_bottom_up(&t, 2 * PG, 10 * PG, 100 * PG, &a) == 0 &&
	      a == 20 * PG);
	CHECK(vma_gap_bottom_up(&t, 3 * PG, 10 * PG, 100 * PG, &a) == 0 &&
	      a == 30 * PG);
	CHECK(vma_gap_bottom_up(&t, 6 * PG, 10 * PG, 100 * PG, &a) == 0 &&
	      a == 90 * PG);
	CHECK(vma_gap_bottom_up(&t, 11 * PG, 10 * PG, 100 * PG, &a) ==
	      -OSTD_ENOMEM);
	CHECK(vma_gap_top_down(&t, 5 * PG, 0, 90 * PG, &a) == 0 &&
	      a == 30 * PG);
	CHECK(vma_gap_top_down(&t, 3 * PG, 0, 33 * PG, &a) == 0 &&
	      a == 30 * PG);
	CHECK(vma_gap_top_down(&t, 2 * PG, 0, 32 * PG, &a) == 0 &&
	      a == 30 * PG);
	CHECK(vma_gap_top_down(&t, 6 * PG, 0, 90 * PG, &a) == 0 &&
	      a == 4 * PG);
	CHECK(vma_gap_top_down(&t, 6 * PG, 5 * PG, 90 * PG, &a) ==
	      -OSTD_ENOMEM);
	CHECK(vma_gap_top_down(&t, 0, 0, 90 * PG, &a) == -OSTD_EINVAL);
	CHECK(vma_gap_top_down(&t, PG, 9 * PG, 8 * PG, &a) == -OSTD_EINVAL);
	vma_tree_destroy(&t, NULL);
}

static void test_clone(void)
{
	struct vma_tree t, c;
	const struct vma *x, *y;
	size_t live;

	vma_tree_init(&t, NULL, &fops);
	for (uint64_t i = 0; i < 100; i++) {
		struct vma *v = vma_new(&t, (i * 3) * PG, (i * 3 + 2) * PG,
					RW, 0, &files[1], i * PG);
		CHECK(vma_insert(&t, v) == 0);
	}
	vma_tree_init(&c, NULL, &fops);
	CHECK(vma_tree_clone(&c, &t) == 0);
	check_tree(&c);
	CHECK(strcmp(layout(&t), layout(&c)) == 0);
	for (x = vma_first(&t), y = vma_first(&c); x && y;
	     x = vma_next(x), y = vma_next(y))
		CHECK(x != y && x->offset == y->offset && x->file == y->file);
	CHECK(files[1].refs == 200);
	CHECK(vma_tree_clone(&c, &t) == -OSTD_EINVAL); /* not empty */
	vma_tree_destroy(&c, NULL);
	CHECK(files[1].refs == 100);

	/* Running out of memory half-way leaves an empty tree, no leaks. */
	live = host_heap_live();
	for (long k = 0; k < 100; k += 7) {
		host_heap_fail_after(k);
		CHECK(vma_tree_clone(&c, &t) == -OSTD_ENOMEM);
		host_heap_fail_after(-1);
		CHECK(c.root == NULL && c.count == 0);
		CHECK(host_heap_live() == live && files[1].refs == 100);
	}
	vma_tree_destroy(&t, NULL);
	CHECK(files[1].refs == 0);
}
int main(void)
{
	size_t live = host_heap_live();

	test_insert_find();
	test_split_merge();
	test_unmap();
	test_protect();
	test_set_flags();
	test_gaps();
	test_clone();
	test_random(40000, 300, 88172645463325252ULL);
	test_random(20000, 4096, 12345);
	CHECK(host_heap_live() == live); /* every area was freed */
	return check_report("test_vma", failures);
}
