// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_mm_lock.c - kernel/mm/mm_lock.c on the host model of
 * test_mm.c: locking ranges (splits, merges, holes, on-fault), faulting
 * areas in as Linux's __mm_populate() does, mlockall(MCL_FUTURE) for
 * mmap, brk and mremap, fork dropping the locks, MADV_DONTNEED on locked
 * areas, and mincore for anonymous and file areas (page-cache pages
 * count even when this space never touched them).
 */
#include <stdio.h>
#include <string.h>

#include "../../kernel/errno.h"
#include "../../kernel/mm/mm.h"
#include "../../kernel/mm/mm_internal.h"
#include "check.h"
#include "host_ostd.h"
#include "host_vm.h"

#define PG OSTD_PAGE_SIZE
#define RW (OSTD_PROT_READ | OSTD_PROT_WRITE)
#define R OSTD_PROT_READ

static int failures;

/* mincore of @n pages at @a as a string of '0'/'1', or "ENOMEM". */
static const char *incore(struct mm *mm, uint64_t a, size_t n)
{
	static char buf[MM_INCORE_BATCH + 1];
	struct mm_incore v;
	size_t done = 0;

	while (done < n) {
		long got = mm_mincore(mm, a + done * PG, n - done, &v);

		if (got <= 0)
			return "ENOMEM";
		for (long i = 0; i < got; i++)
			buf[done + i] = v.vec[i] ? '1' : '0';
		done += got;
	}
	buf[n] = 0;
	return buf;
}

static int incore_is(struct mm *mm, uint64_t a, size_t n, const char *want)
{
	const char *got = incore(mm, a, n);

	if (strcmp(got, want)) {
		fprintf(stderr, "  mincore \"%s\", want \"%s\"\n", got, want);
		return 0;
	}
	return 1;
}

static unsigned prot_at(struct mm *mm, uint64_t a)
{
	unsigned prot = 0;

	return ostd_vmspace_query(mm_vmspace(mm), a, &prot) ? prot : ~0U;
}

/* Locking splits and merges areas, holes, populating, DONTNEED, FREE. */
static void test_lock_anon(void)
{
	struct mm *mm = mm_create();
	uint64_t a;

	CHECK(mm_mmap(mm, 0, 6 * PG, RW, 0, NULL, 0, &a) == 0);
	CHECK(incore_is(mm, a, 6, "000000"));
	CHECK(mm_lock_range(mm, a + PG, 2 * PG, MM_LOCK) == 0);
	CHECK(mm->areas.count == 3);
	CHECK(mm_locked_vm(mm) == 2 * PG);
	CHECK(mm_locked_bytes(mm, a, 2 * PG) == PG);
	CHECK(mm_locked_bytes(mm, a + 2 * PG, UINT64_MAX) == PG);
	CHECK(mm_area_locked(mm, a + PG) && !mm_area_locked(mm, a));
	CHECK(mm_populate_range(mm, a + PG, 2 * PG, false) == 0);
	CHECK(incore_is(mm, a, 6, "011000"));
	CHECK(prot_at(mm, a + PG) == RW); /* a write fault: no COW later */
	/* Locking again changes nothing; a wider lock merges. */
	CHECK(mm_lock_range(mm, a + PG, PG, MM_LOCK) == 0);
	CHECK(mm->areas.count == 3);
	CHECK(mm_lock_range(mm, a, 4 * PG, MM_LOCK) == 0);
	CHECK(mm->areas.count == 2 && mm_locked_vm(mm) == 4 * PG);
	/* DONTNEED refuses locked areas; the _LOCKED form drops them. */
	CHECK(mm_dontneed(mm, a, 6 * PG) == -EINVAL);
	CHECK(mm_dontneed(mm, a + 4 * PG, 2 * PG) == 0);
	CHECK(mm_dontneed_locked(mm, a + PG, PG) == 0);
	CHECK(incore_is(mm, a, 6, "001000"));
	CHECK(mm_madv_free(mm, a + PG, PG) == -EINVAL);
	CHECK(mm_madv_free(mm, a + 4 * PG, PG) == 0);
	/* Unlocking everything merges back into one area. */
	CHECK(mm_lock_range(mm, a, 6 * PG, 0) == 0);
	CHECK(mm->areas.count == 1 && mm_locked_vm(mm) == 0);
	/* A hole: the part before it is locked all the same. */
	CHECK(mm_munmap(mm, a + 3 * PG, PG) == 0);
	CHECK(mm_lock_range(mm, a + PG, 4 * PG, MM_LOCK) == -ENOMEM);
	CHECK(mm_locked_vm(mm) == 2 * PG && mm_area_locked(mm, a + 2 * PG));
	CHECK(mm_lock_range(mm, a + 3 * PG, PG, MM_LOCK) == -ENOMEM);
	CHECK(mm_lock_range(mm, a + 3 * PG, 0, MM_LOCK) == 0);
	CHECK(mm_lock_range(mm, ~(PG - 1), 2 * PG, MM_LOCK) == -EINVAL);
	CHECK(mm_lock_range(mm, a + 4 * PG, 2 * PG, MM_LOCK) == 0);
	CHECK(mm_lock_range(mm, a, 6 * PG, 0) == -ENOMEM); /* the hole */
	CHECK(mm_locked_vm(mm) == 2 * PG); /* [a + 4, a + 6) is after it */
	/* On-fault locks are not populated. */
	CHECK(mm_lock_range(mm, a + 4 * PG, 2 * PG,
			    MM_LOCK | MM_LOCK_ONFAULT) == 0);
	CHECK(mm_populate_range(mm, a, 6 * PG, false) == 0);
	CHECK(incore_is(mm, a, 3, "111") && incore_is(mm, a + 4 * PG, 2, "00"));
	CHECK(incore(mm, a + 3 * PG, 1)[0] == 'E');
	/* Inside one area: just the range (MAP_POPULATE next to a merge). */
	CHECK(mm_mmap(mm, a + 6 * PG, 4 * PG, RW, MM_MAP_FIXED, NULL, 0,
		      &a) == 0);
	CHECK(mm_populate_range(mm, a + PG, 2 * PG, false) == 0);
	CHECK(incore_is(mm, a, 4, "0110"));
	mm_destroy(mm);
}

/* Populating by protection: none fails, exec-only and write-only work. */
static void test_populate_prot(void)
{
	struct mm *mm = mm_create();
	uint64_t n, x, w, s;

	CHECK(mm_mmap(mm, 0, 2 * PG, 0, 0, NULL, 0, &n) == 0);
	CHECK(mm_mmap(mm, 0, 2 * PG, OSTD_PROT_EXEC, 0, NULL, 0, &x) == 0);
	CHECK(mm_mmap(mm, 0, 2 * PG, OSTD_PROT_WRITE, 0, NULL, 0, &w) == 0);
	CHECK(mm_mmap(mm, 0, 2 * PG, RW, MM_MAP_SHARED, NULL, 0, &s) == 0);
	CHECK(mm_populate_range(mm, n, 2 * PG, false) == -EFAULT);
	CHECK(mm_populate_range(mm, n, 2 * PG, true) == 0);
	CHECK(incore_is(mm, n, 2, "00"));
	CHECK(mm_populate_range(mm, x, 2 * PG, false) == 0);
	CHECK(incore_is(mm, x, 2, "11") && prot_at(mm, x) == OSTD_PROT_EXEC);
	CHECK(mm_populate_range(mm, w, 2 * PG, false) == 0);
	CHECK(incore_is(mm, w, 2, "11") && prot_at(mm, w) == RW);
	CHECK(mm_populate_range(mm, s, 2 * PG, false) == 0);
	CHECK(incore_is(mm, s, 2, "11"));
	/* A mapped page that became PROT_NONE is still resident. */
	CHECK(mm_mprotect(mm, x, PG, 0) == 0);
	CHECK(incore_is(mm, x, 2, "11"));
	CHECK(incore(mm, 0x10000, 1)[0] == 'E'); /* nothing mapped there */
	mm_destroy(mm);
}

/* mlockall(MCL_FUTURE): mmap, MAP_POPULATE, brk, mremap; fork drops it. */
static void test_lock_future(void)
{
	struct mm *p = mm_create(), *c;
	uint64_t a, b, m, brk0 = 0x200000;

	mm_set_brk_base(p, brk0);
	CHECK(mm_mmap(p, 0, 4 * PG, RW, 0, NULL, 0, &a) == 0);
	CHECK(mm_lock_range(p, a + PG, PG, MM_LOCK) == 0);
	mm_lock_all(p, MM_LOCK, false, 0); /* MCL_FUTURE only */
	CHECK(mm_locked_vm(p) == PG && mm_lock_future(p) == MM_LOCK);
	CHECK(mm_mmap(p, 0, 3 * PG, RW, 0, NULL, 0, &b) == 0);
	CHECK(incore_is(p, b, 3, "111") && mm_locked_vm(p) == 4 * PG);
	CHECK(mm_brk(p, brk0 + PG + 1) == brk0 + PG + 1);
	CHECK(incore_is(p, brk0, 2, "11") && mm_area_locked(p, brk0));
	CHECK(mm_mremap(p, b, 3 * PG, 5 * PG, MM_MREMAP_MAYMOVE, 0, &m) == 0);
	CHECK(incore_is(p, m, 5, "11111") && mm_area_locked(p, m));
	/* The child keeps no lock and no MCL_FUTURE; its areas merge. */
	c = mm_fork(p);
	CHECK(c != NULL && mm_locked_vm(c) == 0 && mm_lock_future(c) == 0);
	CHECK(c->areas.count < p->areas.count);
	CHECK(mm_mmap(c, 0, PG, RW, 0, NULL, 0, &b) == 0);
	CHECK(incore_is(c, b, 1, "0"));
	mm_destroy(c);
	/* With MCL_ONFAULT even MAP_POPULATE faults nothing in. */
	mm_lock_all(p, MM_LOCK | MM_LOCK_ONFAULT, false, 0);
	CHECK(mm_mmap(p, 0, 2 * PG, RW, MM_MAP_POPULATE, NULL, 0, &b) == 0);
	CHECK(incore_is(p, b, 2, "00") && mm_area_locked(p, b));
	/* munlockall, then MCL_CURRENT locks every area, MAP_LOCKED one. */
	mm_lock_all(p, 0, true, 0);
	CHECK(mm_locked_vm(p) == 0 && mm_lock_future(p) == 0);
	CHECK(mm_mmap(p, 0, 2 * PG, RW, MM_MAP_LOCKED, NULL, 0, &b) == 0);
	CHECK(incore_is(p, b, 2, "11") && mm_locked_vm(p) == 2 * PG);
	mm_lock_all(p, 0, true, MM_LOCK);
	CHECK(mm_locked_vm(p) == mm_total_vm(p));
	CHECK(mm_populate_range(p, 0, OSTD_USER_END, true) == 0);
	CHECK(incore_is(p, a, 4, "1111"));
	mm_destroy(p);
}

/* mincore of file areas reports the file's page cache. @f: 3 pages,
 * page 1 a hole (test_mm.c's file_new(3, 1)). */
static void test_mincore_file(struct vma_file *f)
{
	struct mm *mm = mm_create();
	uint64_t p, s;

	CHECK(mm_mmap(mm, 0, 4 * PG, R, 0, f, 0, &p) == 0);
	CHECK(mm_mmap(mm, 0, 4 * PG, RW, MM_MAP_SHARED, f, 0, &s) == 0);
	/* Cached pages count untouched; the hole and past EOF do not. */
	CHECK(incore_is(mm, p, 4, "1010") && incore_is(mm, s, 4, "1010"));
	CHECK(mm_copy_to_user(mm, s + PG, "x", 1) == 0); /* fills the hole */
	CHECK(incore_is(mm, p, 4, "1110"));
	/* Locking past the end of the file fails after locking. */
	CHECK(mm_lock_range(mm, p, 4 * PG, MM_LOCK) == 0);
	CHECK(mm_populate_range(mm, p, 4 * PG, false) == -ENXIO);
	CHECK(mm_locked_vm(mm) == 4 * PG);
	CHECK(mm_madv_free(mm, p, PG) == -EINVAL); /* not anonymous */
	mm_destroy(mm);
}

int test_mm_lock(struct vma_file *f)
{
	test_lock_anon();
	test_populate_prot();
	test_lock_future();
	test_mincore_file(f);
	return failures;
}
