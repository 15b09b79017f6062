// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_mm.c - kernel/mm (address spaces, faults, COW, the mmap
 * family) on a host model of ostd's frames and page tables (host_vm.c),
 * with ASan/UBSan. It covers what the boot test cannot reach yet: fork
 * and copy-on-write, shared memory across fork, file mappings (through a
 * fake VFS below), stack limits, RLIMIT_AS, running out of frames and
 * heap at every step, and leaks of frames, areas and file references.
 */
#include <stdio.h>
#include <stdlib.h>
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
#define BASE 0x100000UL

static int failures;

int test_mm_random(void); /* test_mm_random.c */
int test_mm_lock(struct vma_file *f); /* test_mm_lock.c */

/* ---- a fake VFS: one file of up to 8 pages, with holes ---- */
struct vma_file {
	int refs;
	uint64_t npages; /* file size in pages */
	struct ostd_frame *page[8];
	struct vma_mapping mapping;
	int writers; /* open for writing */
	int denials; /* address spaces running it */
};

static int files_live;

void vma_file_get(struct vma_file *f)
{
	f->refs++;
}

void vma_file_put(struct vma_file *f)
{
	if (--f->refs == 0) {
		for (int i = 0; i < 8; i++)
			if (f->page[i])
				ostd_frame_put(f->page[i]);
		free(f);
		files_live--;
	}
}

struct vma_mapping *vma_file_mapping(struct vma_file *f)
{
	return &f->mapping;
}

int vma_file_deny_write(struct vma_file *f)
{
	if (f->writers > 0)
		return -ETXTBSY;
	f->denials++;
	return 0;
}

void vma_file_allow_write(struct vma_file *f)
{
	CHECK(f->denials > 0);
	f->denials--;
}

struct ostd_frame *vma_file_get_page(struct vma_file *f, uint64_t pgoff,
				     bool fill, int *err)
{
	*err = 0;
	if (pgoff >= f->npages) {
		*err = -ENXIO;
		return NULL;
	}
	if (!f->page[pgoff]) {
		if (!fill)
			return NULL;
		f->page[pgoff] = ostd_frame_alloc();
		if (!f->page[pgoff]) {
			*err = -ENOMEM;
			return NULL;
		}
	}
	ostd_frame_get(f->page[pgoff]);
	return f->page[pgoff];
}

/* A file of @npages pages; page i (except @hole) is filled with 'a' + i. */
static struct vma_file *file_new(uint64_t npages, int hole)
{
	struct vma_file *f = calloc(1, sizeof(*f));

	f->refs = 1;
	f->npages = npages;
	for (uint64_t i = 0; i < npages; i++) {
		if ((int)i == hole)
			continue;
		f->page[i] = ostd_frame_alloc();
		ostd_frame_fill(f->page[i], 0, 'a' + (int)i, PG);
	}
	files_live++;
	return f;
}

static uint8_t peek(struct mm *mm, uint64_t a)
{
	uint8_t b = 0xee;

	CHECK(mm_copy_from_user(mm, &b, a, 1) == 0);
	return b;
}

static int poke(struct mm *mm, uint64_t a, uint8_t b)
{
	return mm_copy_to_user(mm, a, &b, 1);
}

static struct ostd_frame *frame_at(struct mm *mm, uint64_t a, unsigned *prot)
{
	return ostd_vmspace_query(mm_vmspace(mm), a, prot);
}

static void check_leaks(const char *where)
{
	if (host_frame_live() || host_heap_live() || files_live ||
	    host_vmspace_live()) {
		fprintf(stderr, "FAIL leak after %s: %zu frames, %zu heap, %d files, %zu spaces\n",
			where, host_frame_live(), host_heap_live(), files_live,
			host_vmspace_live());
		failures++;
	}
}

static void test_demand_paging(void)
{
	struct mm *mm = mm_create();
	uint8_t buf[3] = { 1, 2, 3 };

	CHECK(mm_map_anon_fixed(mm, BASE, 4 * PG, RW) == 0);
	CHECK(host_vmspace_pages(mm_vmspace(mm)) == 0);
	CHECK(peek(mm, BASE + PG + 5) == 0);
	CHECK(host_vmspace_pages(mm_vmspace(mm)) == 1);
	/* A copy across a page boundary faults in both pages. */
	CHECK(mm_copy_to_user(mm, BASE + 2 * PG - 1, buf, 3) == 0);
	CHECK(peek(mm, BASE + 2 * PG + 1) == 3);
	CHECK(host_vmspace_pages(mm_vmspace(mm)) == 2);
	CHECK(mm_handle_fault(mm, BASE + 4 * PG, R) == -EFAULT);
	CHECK(mm_handle_fault(mm, 0xffffffc080200000UL, R) == -EFAULT);
	CHECK(mm_copy_from_user(mm, buf, BASE + 4 * PG - 1, 2) == -EFAULT);
	CHECK(mm_copy_from_user_upto(mm, buf, BASE + 4 * PG - 2, 3) == 2);
	CHECK(mm_mprotect(mm, BASE, PG, R) == 0);
	CHECK(mm_handle_fault(mm, BASE, OSTD_PROT_WRITE) == -EFAULT);
	CHECK(mm_handle_fault(mm, BASE, OSTD_PROT_EXEC) == -EFAULT);
	CHECK(poke(mm, BASE, 1) == -EFAULT);
	CHECK(mm_mprotect(mm, BASE, PG, 0) == 0);
	CHECK(mm_handle_fault(mm, BASE, R) == -EFAULT);
	mm_destroy(mm);
	check_leaks("demand paging");
}

static void test_strings(void)
{
	struct mm *mm = mm_create();
	char s[8];

	CHECK(mm_map_anon_fixed(mm, BASE, PG, RW) == 0);
	CHECK(mm_copy_to_user(mm, BASE + PG - 3, "hi", 3) == 0);
	CHECK(mm_strncpy_from_user(mm, s, BASE + PG - 3, sizeof(s)) == 2);
	CHECK(strcmp(s, "hi") == 0);
	CHECK(mm_strncpy_from_user(mm, s, BASE + PG - 3, 2) == -ENAMETOOLONG);
	CHECK(mm_copy_to_user(mm, BASE + PG - 2, "xy", 2) == 0);
	CHECK(mm_strncpy_from_user(mm, s, BASE + PG - 2, 8) == -EFAULT);
	mm_destroy(mm);
	check_leaks("strings");
}

static void test_fork_cow(void)
{
	struct mm *p = mm_create(), *c;
	struct ostd_frame *pf, *cf;
	unsigned prot;

	CHECK(mm_map_anon_fixed(p, BASE, 2 * PG, RW) == 0);
	CHECK(poke(p, BASE, 'A') == 0);
	pf = frame_at(p, BASE, &prot);
	CHECK(pf && prot == RW && ostd_frame_refcount(pf) == 1);
	c = mm_fork(p);
	CHECK(c != NULL);
	/* Shared read-only on both sides; the untouched page stays absent. */
	CHECK(frame_at(c, BASE, &prot) == pf && prot == R);
	CHECK(frame_at(p, BASE, &prot) == pf && prot == R);
	CHECK(ostd_frame_refcount(pf) == 2);
	CHECK(frame_at(c, BASE + PG, NULL) == NULL);
	CHECK(peek(c, BASE) == 'A');
	/* The child's write copies; the parent keeps 'A'. */
	CHECK(poke(c, BASE, 'B') == 0);
	cf = frame_at(c, BASE, &prot);
	CHECK(cf != pf && prot == RW);
	CHECK(peek(p, BASE) == 'A' && peek(c, BASE) == 'B');
	CHECK(ostd_frame_refcount(pf) == 1);
	/* The parent is the only holder now: its write fault just re-protects. */
	CHECK(poke(p, BASE, 'C') == 0);
	CHECK(frame_at(p, BASE, &prot) == pf && prot == RW);
	CHECK(peek(c, BASE) == 'B');
	/* Pages touched after fork are independent. */
	CHECK(poke(c, BASE + PG, 'x') == 0);
	CHECK(peek(p, BASE + PG) == 0);
	mm_destroy(c);
	mm_destroy(p);
	check_leaks("fork/COW");
}

static void test_mprotect_keeps_cow(void)
{
	struct mm *p = mm_create(), *c;
	struct ostd_frame *f;
	unsigned prot;

	CHECK(mm_map_anon_fixed(p, BASE, PG, RW) == 0);
	CHECK(poke(p, BASE, 'A') == 0);
	c = mm_fork(p);
	f = frame_at(p, BASE, NULL);
	CHECK(mm_mprotect(p, BASE, PG, R) == 0);
	CHECK(mm_mprotect(p, BASE, PG, RW) == 0);
	/* Still shared with the child: must stay read-only. */
	CHECK(frame_at(p, BASE, &prot) == f && prot == R);
	CHECK(poke(p, BASE, 'P') == 0);
	CHECK(peek(c, BASE) == 'A' && peek(p, BASE) == 'P');
	/* The child is the only holder now: mprotect may grant write. */
	CHECK(mm_mprotect(c, BASE, PG, R) == 0);
	CHECK(mm_mprotect(c, BASE, PG, RW) == 0);
	CHECK(frame_at(c, BASE, &prot) == f && prot == RW);
	mm_destroy(c);
	mm_destroy(p);
	check_leaks("mprotect after fork");
}

static void test_shared_anon(void)
{
	struct mm *p = mm_create(), *c;
	uint64_t a;

	CHECK(mm_mmap(p, 0, 3 * PG, RW, MM_MAP_SHARED, NULL, 0, &a) == 0);
	CHECK(poke(p, a, 'S') == 0);
	c = mm_fork(p);
	CHECK(c != NULL);
	/* Untouched pages were given frames at fork: still shared later. */
	CHECK(poke(c, a + 2 * PG, 'c') == 0);
	CHECK(peek(p, a + 2 * PG) == 'c');
	CHECK(poke(p, a + PG, 'p') == 0);
	CHECK(peek(c, a + PG) == 'p');
	CHECK(peek(c, a) == 'S');
	/* DONTNEED keeps shared data (Linux: it lives in shmem). */
	CHECK(mm_dontneed(c, a, 3 * PG) == 0);
	CHECK(peek(c, a) == 'S');
	mm_destroy(c);
	mm_destroy(p);
	check_leaks("shared anonymous");
}

static void test_munmap_split(void)
{
	struct mm *mm = mm_create();
	uint64_t a;

	CHECK(mm_mmap(mm, 0, 6 * PG, RW, 0, NULL, 0, &a) == 0);
	for (int i = 0; i < 6; i++)
		CHECK(poke(mm, a + i * PG, (uint8_t)(i + 1)) == 0);
	CHECK(host_frame_live() == 6);
	CHECK(mm_munmap(mm, a + 2 * PG, 2 * PG) == 0);
	CHECK(host_frame_live() == 4);
	CHECK(mm->areas.count == 2);
	CHECK(mm_handle_fault(mm, a + 2 * PG, R) == -EFAULT);
	CHECK(peek(mm, a + 5 * PG) == 6);
	CHECK(mm_mprotect(mm, a, 6 * PG, R) == -ENOMEM);
	CHECK(mm_range_mapped(mm, a, 2 * PG));
	CHECK(!mm_range_mapped(mm, a, 3 * PG));
	CHECK(mm_munmap(mm, a, 6 * PG) == 0);
	CHECK(host_frame_live() == 0 && mm->areas.count == 0);
	mm_destroy(mm);
	check_leaks("munmap");
}

static void test_mmap_placement(void)
{
	struct mm *mm = mm_create();
	uint64_t a, b, c;

	CHECK(mm_mmap(mm, 0, PG, RW, 0, NULL, 0, &a) == 0);
	CHECK(mm_mmap(mm, 0, PG, RW, 0, NULL, 0, &b) == 0);
	CHECK(b + PG == a); /* top-down */
	CHECK(a < mm->mmap_base);
	CHECK(mm_mmap(mm, a, PG, RW, 0, NULL, 0, &c) == 0 && c != a);
	CHECK(mm_mmap(mm, BASE, PG, RW, 0, NULL, 0, &c) == 0 && c == BASE);
	CHECK(mm_mmap(mm, BASE, PG, RW, MM_MAP_FIXED | MM_MAP_NOREPLACE, NULL,
		      0, &c) == -EEXIST);
	CHECK(mm_mmap(mm, BASE + 1, PG, RW, MM_MAP_FIXED, NULL, 0, &c) ==
	      -EINVAL);
	CHECK(mm_mmap(mm, 0, PG, RW, MM_MAP_FIXED, NULL, 0, &c) == -EPERM);
	CHECK(mm_mmap(mm, OSTD_USER_END, PG, RW, MM_MAP_FIXED, NULL, 0, &c) ==
	      -ENOMEM);
	CHECK(mm_mmap(mm, 0, OSTD_USER_END, RW, 0, NULL, 0, &c) == -ENOMEM);
	/* RLIMIT_AS counts every area, and MAP_FIXED replacement once. */
	mm_set_rlimit_as(mm, mm_total_vm(mm) + 2 * PG);
	CHECK(mm_mmap(mm, 0, 3 * PG, RW, 0, NULL, 0, &c) == -ENOMEM);
	CHECK(mm_mmap(mm, BASE, 3 * PG, RW, MM_MAP_FIXED, NULL, 0, &c) == 0);
	CHECK(mm_brk(mm, 0) == 0);
	mm_destroy(mm);
	check_leaks("placement");
}

static void test_mremap(void)
{
	struct mm *mm = mm_create();
	struct ostd_frame *f;
	uint64_t a, b;

	CHECK(mm_mmap(mm, BASE, 2 * PG, RW, MM_MAP_FIXED, NULL, 0, &a) == 0);
	CHECK(mm_mmap(mm, BASE + 2 * PG, PG, R, MM_MAP_FIXED, NULL, 0, &b) == 0);
	CHECK(poke(mm, a + PG, 'm') == 0);
	f = frame_at(mm, a + PG, NULL);
	CHECK(mm_mremap(mm, a, 2 * PG, 4 * PG, 0, 0, &b) == -ENOMEM);
	CHECK(mm_mremap(mm, a, 2 * PG, 4 * PG, MM_MREMAP_MAYMOVE, 0, &b) == 0);
	CHECK(b != a && frame_at(mm, b + PG, NULL) == f);
	CHECK(ostd_frame_refcount(f) == 1);
	CHECK(frame_at(mm, a + PG, NULL) == NULL);
	CHECK(mm_handle_fault(mm, a, R) == -EFAULT);
	CHECK(peek(mm, b + 3 * PG) == 0);
	CHECK(mm_mremap(mm, b, 4 * PG, PG, 0, 0, &a) == 0 && a == b);
	CHECK(mm_handle_fault(mm, b + PG, R) == -EFAULT);
	CHECK(mm_mremap(mm, b, PG, 3 * PG, 0, 0, &a) == 0 && a == b);
	CHECK(mm_mremap(mm, b, 4 * PG, 5 * PG, MM_MREMAP_MAYMOVE, 0, &a) ==
	      -EFAULT);
	mm_destroy(mm);
	check_leaks("mremap");
}

static void test_brk(void)
{
	struct mm *mm = mm_create();
	uint64_t base = 0x20000;

	mm_set_brk_base(mm, base - 100);
	CHECK(mm_brk(mm, 0) == base);
	CHECK(mm_brk(mm, base + 2 * PG + 1) == base + 2 * PG + 1);
	CHECK(poke(mm, base + 2 * PG, 7) == 0);
	CHECK(mm_brk(mm, base + 5 * PG) == base + 5 * PG);
	CHECK(mm->areas.count == 1);
	CHECK(mm_brk(mm, base + PG) == base + PG);
	CHECK(host_frame_live() == 0);
	CHECK(mm_brk(mm, base + 3 * PG) == base + 3 * PG);
	CHECK(peek(mm, base + 2 * PG) == 0);
	CHECK(mm_brk(mm, base - PG) == base + 3 * PG);
	/* An area in the way (plus Linux's one-page gap) stops the heap. */
	CHECK(mm_map_anon_fixed(mm, base + 8 * PG, PG, RW) == 0);
	CHECK(mm_brk(mm, base + 7 * PG + 1) == base + 3 * PG);
	CHECK(mm_brk(mm, base + 7 * PG) == base + 7 * PG);
	mm_destroy(mm);
	check_leaks("brk");
}

static void test_stack(void)
{
	struct mm *mm = mm_create();
	uint64_t top = 0x3fffff0000UL;

	CHECK(mm_setup_stack(mm, top, 256 << 10) == 0);
	CHECK(poke(mm, top - 8, 1) == 0);
	CHECK(mm_handle_fault(mm, top - (200 << 10), RW) == 0);
	CHECK(mm_handle_fault(mm, top - (256 << 10), RW) == 0);
	CHECK(mm_handle_fault(mm, top - (256 << 10) - 1, RW) == -EFAULT);
	CHECK(mm->areas.count == 1);
	/* An area closer than the guard gap blocks growth. */
	mm_set_rlimit_stack(mm, 64UL << 20);
	CHECK(mm_map_anon_fixed(mm, top - (4UL << 20), PG, RW) == 0);
	CHECK(mm_handle_fault(mm, top - (3UL << 20), RW) == -EFAULT);
	CHECK(mm_handle_fault(mm, top - (2UL << 20), RW) == 0);
	mm_destroy(mm);
	check_leaks("stack");
}

static void test_file_private(void)
{
	struct mm *p = mm_create(), *c;
	struct vma_file *f = file_new(3, 1);
	struct ostd_frame *cache = f->page[0];
	unsigned prot;
	uint64_t a;
	int err;

	CHECK(mm_mmap(p, 0, 4 * PG, RW, 0, f, 0, &a) == 0);
	CHECK(f->refs == 2);
	CHECK(peek(p, a) == 'a');
	/* Read fault maps the cache page itself, read-only. */
	CHECK(frame_at(p, a, &prot) == cache && prot == R);
	CHECK(peek(p, a + PG) == 0);      /* hole: private zero page */
	CHECK(peek(p, a + 2 * PG) == 'c');
	err = mm_handle_fault(p, a + 3 * PG, R); /* past EOF */
	CHECK(err == -ENXIO);
	c = mm_fork(p);
	CHECK(f->refs == 3);
	CHECK(poke(p, a, 'P') == 0);
	CHECK(frame_at(p, a, NULL) != cache);
	CHECK(peek(c, a) == 'a');
	uint8_t b;
	CHECK(ostd_frame_read(cache, 0, &b, 1) == 0 && b == 'a');
	/* A write fault on an untouched page copies at once. */
	CHECK(poke(c, a + 2 * PG, 'C') == 0);
	CHECK(ostd_frame_read(f->page[2], 0, &b, 1) == 0 && b == 'c');
	/* DONTNEED brings the file contents back. */
	CHECK(mm_dontneed(c, a, 4 * PG) == 0);
	CHECK(peek(c, a + 2 * PG) == 'c');
	/* Split areas hold their own file references. */
	CHECK(mm_munmap(p, a + PG, PG) == 0);
	CHECK(f->refs == 4);
	mm_destroy(c);
	mm_destroy(p);
	vma_file_put(f);
	check_leaks("private file mapping");
}

static void test_file_shared(void)
{
	struct mm *p = mm_create(), *c;
	struct vma_file *f = file_new(2, 1);
	uint64_t a;
	uint8_t b;

	CHECK(mm_mmap(p, 0, 2 * PG, RW, MM_MAP_SHARED | MM_MAP_NOWRITE, f, 0,
		      &a) == -EACCES);
	CHECK(mm_mmap(p, 0, 2 * PG, R, MM_MAP_SHARED | MM_MAP_NOWRITE, f, 0,
		      &a) == 0);
	CHECK(mm_mprotect(p, a, PG, RW) == -EACCES);
	CHECK(mm_munmap(p, a, 2 * PG) == 0);
	CHECK(mm_mmap(p, 0, 2 * PG, RW, MM_MAP_SHARED, f, 0, &a) == 0);
	c = mm_fork(p);
	CHECK(poke(p, a, 'W') == 0);
	CHECK(ostd_frame_read(f->page[0], 0, &b, 1) == 0 && b == 'W');
	/* A hole is filled in the file by the first shared touch. */
	CHECK(poke(c, a + PG, 'h') == 0);
	CHECK(f->page[1] && peek(p, a + PG) == 'h');
	mm_destroy(c);
	mm_destroy(p);
	vma_file_put(f);
	check_leaks("shared file mapping");
}

static void test_elf_like_file(void)
{
	struct mm *mm = mm_create();
	struct vma_file *f = file_new(2, -1);
	unsigned prot;

	/* Data segment: 1.5 pages of file, 4 pages in memory. */
	CHECK(mm_map_file_fixed(mm, BASE, 4 * PG, RW, f, 0, PG + PG / 2) == 0);
	CHECK(peek(mm, BASE) == 'a');
	CHECK(peek(mm, BASE + PG) == 'b');
	CHECK(peek(mm, BASE + PG + PG / 2) == 0); /* bss tail cleared */
	CHECK(peek(mm, BASE + 3 * PG) == 0);
	CHECK(frame_at(mm, BASE + PG, NULL) != f->page[1]);
	/* Read-only text keeps sharing the cache page. */
	CHECK(mm_map_file_fixed(mm, BASE + 8 * PG, PG, R, f, 0, PG) == 0);
	CHECK(peek(mm, BASE + 8 * PG) == 'a');
	CHECK(frame_at(mm, BASE + 8 * PG, &prot) == f->page[0] && prot == R);
	mm_destroy(mm);
	vma_file_put(f);
	check_leaks("ELF-style file mapping");
}

/* Shrinks the fake file to @npages pages, as a VFS truncate would. */
static void file_shrink(struct vma_file *f, uint64_t npages)
{
	for (uint64_t i = npages; i < f->npages; i++) {
		if (f->page[i])
			ostd_frame_put(f->page[i]);
		f->page[i] = NULL;
	}
	f->npages = npages;
	mm_unmap_mapping(&f->mapping, npages);
}

/* Truncation unmaps the cut pages everywhere, COW copies included. */
static void test_file_truncate(void)
{
	struct mm *p = mm_create(), *c;
	struct vma_file *f = file_new(4, -1);
	uint64_t s, q, o, k;
	uint8_t b;

	CHECK(mm_mmap(p, 0, 4 * PG, RW, MM_MAP_SHARED, f, 0, &s) == 0);
	CHECK(mm_mmap(p, 0, 4 * PG, RW, 0, f, 0, &q) == 0);
	CHECK(mm_mmap(p, 0, PG, R, MM_MAP_SHARED, f, 3 * PG, &o) == 0);
	CHECK(mm_mmap(p, 0, PG, R, MM_MAP_SHARED, f, 0, &k) == 0);
	CHECK(f->mapping.areas == 4);
	CHECK(mm_populate(p, s, 4 * PG, OSTD_PROT_WRITE) == 0);
	CHECK(mm_populate(p, q, 4 * PG, OSTD_PROT_READ) == 0);
	CHECK(poke(p, q + 3 * PG, 'Q') == 0); /* a private copy */
	CHECK(peek(p, o) == 'd' && peek(p, k) == 'a');
	CHECK(mm_munmap(p, s + PG, PG) == 0); /* splits: one more area */
	CHECK(f->mapping.areas == 5);
	c = mm_fork(p);
	CHECK(f->mapping.areas == 10);
	CHECK(peek(c, q + 3 * PG) == 'Q');
	file_shrink(f, 2);
	for (int i = 0; i < 2; i++) {
		struct mm *mm = i ? c : p;

		CHECK(!frame_at(mm, s + 2 * PG, NULL));
		CHECK(!frame_at(mm, s + 3 * PG, NULL));
		CHECK(!frame_at(mm, q + 2 * PG, NULL));
		CHECK(!frame_at(mm, q + 3 * PG, NULL));
		CHECK(!frame_at(mm, o, NULL));
		CHECK(frame_at(mm, s, NULL) && frame_at(mm, k, NULL));
		CHECK(frame_at(mm, q, NULL) && frame_at(mm, q + PG, NULL));
		CHECK(mm_handle_fault(mm, q + 3 * PG, R) == -ENXIO);
		CHECK(mm_handle_fault(mm, s + 2 * PG, R) == -ENXIO);
		CHECK(mm_copy_from_user(mm, &b, o, 1) < 0);
	}
	CHECK(f->mapping.areas == 10);
	mm_destroy(c);
	CHECK(f->mapping.areas == 5);
	mm_destroy(p);
	CHECK(f->mapping.areas == 0);
	file_shrink(f, 0); /* nothing maps it: nothing to walk */
	vma_file_put(f);
	check_leaks("truncated file mapping");
}

/* The executable file: a reference and a write denial per space. */
static void test_exe_file(void)
{
	struct mm *p = mm_create(), *c, *q = mm_create();
	struct vma_file *f = file_new(1, -1), *g = file_new(1, -1);

	CHECK(mm_set_exe_file(p, f) == 0);
	CHECK(f->refs == 2 && f->denials == 1);
	c = mm_fork(p);
	CHECK(c && f->refs == 3 && f->denials == 2);
	CHECK(mm_set_exe_file(c, g) == 0); /* exec of another file */
	CHECK(f->denials == 1 && g->denials == 1);
	mm_destroy(c);
	CHECK(f->refs == 2 && f->denials == 1 && g->denials == 0);
	g->writers = 1;
	CHECK(mm_set_exe_file(q, g) == -ETXTBSY);
	CHECK(g->refs == 1);
	mm_destroy(q);
	mm_destroy(p);
	CHECK(f->refs == 1 && f->denials == 0);
	vma_file_put(f);
	vma_file_put(g);
	check_leaks("executable file");
}

/* Runs @fn with frames then heap failing after n = 0, 1, ... steps. */
static void test_oom(void)
{
	for (long n = 0; n < 40; n++) {
		for (int heap = 0; heap < 2; heap++) {
			struct mm *p = mm_create(), *c;
			uint64_t a = 0, s = 0;

			CHECK(p != NULL);
			CHECK(mm_mmap(p, 0, 4 * PG, RW, 0, NULL, 0, &a) == 0);
			CHECK(mm_mmap(p, 0, 2 * PG, RW, MM_MAP_SHARED, NULL, 0,
				      &s) == 0);
			CHECK(poke(p, a, 1) == 0);
			if (heap)
				host_heap_fail_after(n);
			else
				host_frame_fail_after(n);
			for (int i = 0; i < 4; i++) {
				int e = poke(p, a + i * PG, 2);

				CHECK(e == 0 || e == -ENOMEM);
			}
			c = mm_fork(p);
			if (c) {
				int e = poke(c, a, 3);

				CHECK(e == 0 || e == -ENOMEM);
				mm_destroy(c);
			}
			(void)mm_munmap(p, a + PG, PG);
			(void)mm_mprotect(p, a, PG, R);
			host_frame_fail_after(-1);
			host_heap_fail_after(-1);
			mm_destroy(p);
			check_leaks("out of memory");
		}
	}
}

/* RSS counting, exec's argument bounds across fork, and remote reads
 * that only fault in private anonymous memory (/proc/<pid>/cmdline). */
static void test_rss_args(void)
{
	struct mm_args a = { BASE, BASE + 6, BASE + 6, BASE + 9 }, got;
	struct vma_file *f = file_new(2, -1);
	struct mm *p = mm_create(), *c;
	uint64_t fa = 0;
	char buf[16];

	CHECK(mm_map_anon_fixed(p, BASE, 4 * PG, RW) == 0);
	CHECK(mm_rss_pages(p) == 0);
	CHECK(mm_copy_to_user(p, BASE, "a\0bcd\0e\0", 9) == 0);
	mm_set_args(p, &a);
	CHECK(poke(p, BASE + 2 * PG, 1) == 0 && mm_rss_pages(p) == 2);
	CHECK(mm_populate(p, BASE, 4 * PG, R) == 0 && mm_rss_pages(p) == 4);
	c = mm_fork(p);
	CHECK(c && mm_rss_pages(c) == 4);
	mm_get_args(c, &got);
	CHECK(memcmp(&got, &a, sizeof(a)) == 0);
	CHECK(mm_read_anon(c, buf, BASE, 9) == 9 && memcmp(buf, "a\0bcd\0e\0", 9) == 0);
	CHECK(mm_munmap(c, BASE + PG, 2 * PG) == 0 && mm_rss_pages(c) == 2);
	CHECK(mm_hiwater_rss_pages(c) == 4);
	CHECK(mm_dontneed(p, BASE, PG) == 0 && mm_rss_pages(p) == 3);
	/* A remote read faults in anonymous pages, stops at a hole... */
	CHECK(mm_read_anon(c, buf, BASE + PG - 4, 8) == 4);
	CHECK(mm_read_anon(p, buf, BASE, 1) == 1 && mm_rss_pages(p) == 4);
	/* ...and never touches a file mapping or an unreadable area. */
	CHECK(mm_mmap(p, 0, 2 * PG, R, 0, f, 0, &fa) == 0);
	CHECK(mm_read_anon(p, buf, fa, 4) == 0 && mm_rss_pages(p) == 4);
	CHECK(mm_mprotect(p, BASE + 3 * PG, PG, 0) == 0);
	CHECK(mm_read_anon(p, buf, BASE + 3 * PG - 2, 4) == 2);
	vma_file_put(f);
	mm_destroy(c);
	mm_destroy(p);
	check_leaks("rss");
}

int main(void)
{
	test_demand_paging();
	test_strings();
	test_fork_cow();
	test_mprotect_keeps_cow();
	test_shared_anon();
	test_munmap_split();
	test_mmap_placement();
	test_mremap();
	test_brk();
	test_stack();
	test_file_private();
	test_file_shared();
	test_elf_like_file();
	test_file_truncate();
	test_exe_file();
	test_oom();
	test_rss_args();
	failures += test_mm_random();
	check_leaks("random");
	{
		struct vma_file *f = file_new(3, 1);

		failures += test_mm_lock(f);
		vma_file_put(f);
		check_leaks("locks");
	}
	return check_report("test_mm", failures);
}
