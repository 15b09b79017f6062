// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/selftest.c - boot self-tests, as in rCore-Tutorial's ch4:
 * heap_test, frame_allocator_test and remap_test.
 *
 * They test ostd through its public API only, as any kernel code would:
 * if one of these fails, the trusted base is broken and booting further
 * would only hide the bug, so failures panic.
 */
#include <ostd/bytes.h>
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/vm.h>

#include "selftest.h"

#define HEAP_TEST_OBJS 200
#define FRAME_TEST_FRAMES 64

struct heap_test_state {
	void *objs[HEAP_TEST_OBJS];
	size_t sizes[HEAP_TEST_OBJS];
};

/* A spread of sizes: tiny, odd, page-sized and multi-page. */
static size_t heap_test_size(size_t i)
{
	if (i % 50 == 49)
		return 3 * OSTD_PAGE_SIZE + i;
	if (i % 10 == 9)
		return OSTD_PAGE_SIZE;
	return 1 + (i * 37) % 700;
}

/* True if all @n bytes at @p equal @c. */
static bool bytes_all(const void *p, size_t n, int c)
{
	struct ostd_bytes b = ostd_bytes_of(p, n);
	size_t i;

	for (i = 0; i < n; i++) {
		if (ostd_bytes_at(b, i) != c)
			return false;
	}
	return true;
}

static void heap_test_fill(struct heap_test_state *st)
{
	size_t i;

	for (i = 0; i < HEAP_TEST_OBJS; i++) {
		st->sizes[i] = heap_test_size(i);
		st->objs[i] = ostd_heap_alloc(st->sizes[i]);
		if (!st->objs[i])
			ostd_panic("heap_test: alloc of %zu bytes failed",
				   st->sizes[i]);
		if (!bytes_all(st->objs[i], st->sizes[i], 0))
			ostd_panic("heap_test: object %zu not zeroed", i);
		ostd_mem_set(st->objs[i], i & 0xff, st->sizes[i]);
	}
}

static void heap_test(void)
{
	size_t base = ostd_heap_used();
	struct heap_test_state *st = OSTD_NEW(struct heap_test_state);
	size_t i;

	if (!st)
		ostd_panic("heap_test: cannot allocate the test state");
	heap_test_fill(st);
	/* Overlapping objects would have overwritten each other's pattern. */
	for (i = 0; i < HEAP_TEST_OBJS; i++) {
		if (!bytes_all(st->objs[i], st->sizes[i], i & 0xff))
			ostd_panic("heap_test: object %zu corrupted", i);
	}
	/* Free in an interleaved order to exercise merging. */
	for (i = 0; i < HEAP_TEST_OBJS; i += 2)
		ostd_heap_free(st->objs[i]);
	for (i = 1; i < HEAP_TEST_OBJS; i += 2)
		ostd_heap_free(st->objs[i]);
	ostd_heap_free(st);
	if (ostd_heap_used() != base)
		ostd_panic("heap_test: %zu bytes in use, expected %zu",
			   ostd_heap_used(), base);
	ostd_printk("heap_test passed!\n");
}

struct frame_test_state {
	struct ostd_frame *frames[FRAME_TEST_FRAMES];
	uint8_t page[OSTD_PAGE_SIZE];
};

static void frame_test_check(struct frame_test_state *st, size_t i)
{
	size_t j;

	if (!st->frames[i])
		ostd_panic("frame_allocator_test: alloc %zu failed", i);
	for (j = 0; j < i; j++) {
		if (st->frames[j] == st->frames[i])
			ostd_panic("frame_allocator_test: frame %zu handed out twice", j);
	}
	if (ostd_frame_refcount(st->frames[i]) != 1)
		ostd_panic("frame_allocator_test: new frame refcount %u",
			   ostd_frame_refcount(st->frames[i]));
	if (ostd_frame_read(st->frames[i], 0, st->page, OSTD_PAGE_SIZE) < 0 ||
	    !bytes_all(st->page, OSTD_PAGE_SIZE, 0))
		ostd_panic("frame_allocator_test: frame %zu not zeroed", i);
	/* Leave a pattern so a frame reused while still held is noticed. */
	if (ostd_frame_fill(st->frames[i], 0, 0xa5, OSTD_PAGE_SIZE) < 0)
		ostd_panic("frame_allocator_test: fill failed");
}

static void frame_test_refs(struct frame_test_state *st)
{
	struct ostd_frame *f = st->frames[0];

	ostd_frame_get(f);
	if (ostd_frame_refcount(f) != 2)
		ostd_panic("frame_allocator_test: get did not count");
	ostd_frame_put(f);
	if (ostd_frame_refcount(f) != 1)
		ostd_panic("frame_allocator_test: put did not count");
	if (ostd_frame_write(f, OSTD_PAGE_SIZE - 1, st->page, 2) >= 0)
		ostd_panic("frame_allocator_test: write past the page accepted");
	if (ostd_frame_read(f, 0, st->page, OSTD_PAGE_SIZE) < 0 ||
	    !bytes_all(st->page, OSTD_PAGE_SIZE, 0xa5))
		ostd_panic("frame_allocator_test: pattern lost");
}

static void frame_allocator_test(void)
{
	struct frame_test_state *st = OSTD_NEW(struct frame_test_state);
	size_t before, i;

	if (!st)
		ostd_panic("frame_allocator_test: cannot allocate the test state");
	before = ostd_frame_free_count();
	for (i = 0; i < FRAME_TEST_FRAMES; i++) {
		st->frames[i] = ostd_frame_alloc();
		frame_test_check(st, i);
	}
	if (ostd_frame_free_count() != before - FRAME_TEST_FRAMES)
		ostd_panic("frame_allocator_test: free count %zu, expected %zu",
			   ostd_frame_free_count(), before - FRAME_TEST_FRAMES);
	frame_test_refs(st);
	for (i = 0; i < FRAME_TEST_FRAMES; i++)
		ostd_frame_put(st->frames[i]);
	if (ostd_frame_free_count() != before)
		ostd_panic("frame_allocator_test: free count %zu after freeing, expected %zu",
			   ostd_frame_free_count(), before);
	ostd_heap_free(st);
	ostd_printk("frame_allocator_test passed!\n");
}

struct remap_case {
	enum ostd_ksection section;
	const char *name;
	unsigned prot;
	bool allowed;
};

/* W^X for the kernel image: what each section must and must not allow. */
static const struct remap_case remap_cases[] = {
	{ OSTD_KSECTION_TEXT, ".text", OSTD_PROT_READ, true },
	{ OSTD_KSECTION_TEXT, ".text", OSTD_PROT_EXEC, true },
	{ OSTD_KSECTION_TEXT, ".text", OSTD_PROT_WRITE, false },
	{ OSTD_KSECTION_RODATA, ".rodata", OSTD_PROT_READ, true },
	{ OSTD_KSECTION_RODATA, ".rodata", OSTD_PROT_WRITE, false },
	{ OSTD_KSECTION_RODATA, ".rodata", OSTD_PROT_EXEC, false },
	{ OSTD_KSECTION_DATA, ".data", OSTD_PROT_READ, true },
	{ OSTD_KSECTION_DATA, ".data", OSTD_PROT_WRITE, true },
	{ OSTD_KSECTION_DATA, ".data", OSTD_PROT_EXEC, false },
	{ OSTD_KSECTION_BSS, ".bss", OSTD_PROT_READ, true },
	{ OSTD_KSECTION_BSS, ".bss", OSTD_PROT_WRITE, true },
	{ OSTD_KSECTION_BSS, ".bss", OSTD_PROT_EXEC, false },
};

static const char *prot_name(unsigned prot)
{
	if (prot == OSTD_PROT_WRITE)
		return "writable";
	if (prot == OSTD_PROT_EXEC)
		return "executable";
	return "readable";
}

static void remap_test(void)
{
	size_t n = sizeof(remap_cases) / sizeof(remap_cases[0]);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct remap_case *c = &remap_cases[i];
		bool allowed = ostd_kspace_probe(c->section, c->prot) == 0;

		if (allowed != c->allowed)
			ostd_panic("remap_test: kernel %s is %s%s", c->name,
				   allowed ? "" : "not ", prot_name(c->prot));
	}
	ostd_printk("remap_test passed!\n");
}

void selftest_run_all(void)
{
	heap_test();
	frame_allocator_test();
	remap_test();
}
