// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/frame.c - the physical frame allocator and frame handles.
 *
 * At boot we cover all of RAM from the device tree with an array of
 * struct ostd_frame (one per 4 KiB page, placed in RAM just after the
 * kernel image) and hand to the buddy allocator (buddy.c) every page that
 * is above the kernel image and outside the DTB, the initrd, the frame
 * array and the firmware's reserved ranges. A struct ostd_frame * handle
 * is a pointer into that array; every handle passed in is checked against
 * it, so a forged or stale pointer panics instead of corrupting memory.
 */
#include <ostd/bytes.h>
#include <ostd/frame.h>
#include <ostd/log.h>

#include "mm_internal.h"

extern char _kernel_start[], _kernel_end[];

#define META_ALIGN_FRAMES (1UL << (OSTD_BUDDY_ORDERS - 1))

static struct {
	struct ostd_spinlock lock; /* protects: buddy (not refcounts: atomic) */
	struct ostd_buddy buddy;
	paddr_t base_pa; /* PA of frames[0], aligned to the largest block */
} fa = { .lock = OSTD_SPINLOCK_INIT("frame") };

/* ---- address <-> metadata ---- */

struct ostd_frame *ostd_frame_of_pa(paddr_t pa)
{
	uint64_t idx;

	if (pa < fa.base_pa)
		return NULL;
	idx = (pa - fa.base_pa) >> OSTD_PAGE_SHIFT;
	if (idx >= fa.buddy.nframes)
		return NULL;
	return &fa.buddy.frames[idx];
}

/* Index of @f in the frame array; panics if @f is not an element of it. */
static size_t frame_index(const struct ostd_frame *f)
{
	/* SAFETY: integer comparison of addresses, no dereference. */
	uintptr_t a = (uintptr_t)f, lo = (uintptr_t)fa.buddy.frames;
	uintptr_t off = a - lo;

	if (a < lo || off / sizeof(*f) >= fa.buddy.nframes ||
	    off % sizeof(*f) != 0)
		ostd_panic("invalid frame handle %p", f);
	return off / sizeof(*f);
}

paddr_t ostd_frame_pa(const struct ostd_frame *f)
{
	return fa.base_pa + ((paddr_t)frame_index(f) << OSTD_PAGE_SHIFT);
}

/* A live refcounted frame or a panic: the check behind every handle use. */
static void frame_check_live(const struct ostd_frame *f, const char *what)
{
	frame_index(f);
	if (f->state != OSTD_FRAME_ALLOC_HEAD || f->owner != OSTD_OWNER_FRAME ||
	    __atomic_load_n(&f->refcount, __ATOMIC_ACQUIRE) == 0)
		ostd_panic("%s: frame %p is not allocated (use after free?)",
			   what, f);
}

/* ---- contiguous pages ---- */

void *ostd_pages_alloc_owned(unsigned order, enum ostd_frame_owner owner)
{
	struct ostd_irq_guard g;
	long idx;
	void *p;

	if (order >= OSTD_BUDDY_ORDERS)
		return NULL;
	g = ostd_mm_lock(&fa.lock);
	idx = ostd_buddy_alloc(&fa.buddy, order);
	if (idx >= 0)
		fa.buddy.frames[idx].owner = (uint8_t)owner;
	ostd_mm_unlock(&fa.lock, &g);
	if (idx < 0)
		return NULL;
	p = ostd_phys_to_virt(fa.base_pa + ((paddr_t)idx << OSTD_PAGE_SHIFT));
	ostd_mem_set(p, 0, OSTD_PAGE_SIZE << order);
	return p;
}

/* Frees block @idx of @order owned by @owner; panics on any mismatch. */
static void block_free(size_t idx, unsigned order, enum ostd_frame_owner owner)
{
	struct ostd_irq_guard g = ostd_mm_lock(&fa.lock);
	int err = -1;

	if (idx < fa.buddy.nframes && fa.buddy.frames[idx].owner == owner)
		err = ostd_buddy_free(&fa.buddy, idx, order);
	ostd_mm_unlock(&fa.lock, &g);
	if (err)
		ostd_panic("frame: double free or bad free of PA %p (order %u)",
			   (void *)(fa.base_pa + (idx << OSTD_PAGE_SHIFT)), order);
}

void ostd_pages_free_owned(void *p, unsigned order, enum ostd_frame_owner owner)
{
	paddr_t pa = ostd_virt_to_phys(p);

	if (p == NULL)
		return;
	if ((pa & (OSTD_PAGE_SIZE - 1)) || ostd_frame_of_pa(pa) == NULL)
		ostd_panic("ostd_pages_free: %p is not a page of RAM", p);
	block_free((pa - fa.base_pa) >> OSTD_PAGE_SHIFT, order, owner);
}

void *ostd_pages_alloc(unsigned order)
{
	return ostd_pages_alloc_owned(order, OSTD_OWNER_PAGES);
}

void ostd_pages_free(void *p, unsigned order)
{
	ostd_pages_free_owned(p, order, OSTD_OWNER_PAGES);
}

bool ostd_pages_lookup(const void *p, void **head, unsigned *order,
		       enum ostd_frame_owner *owner)
{
	/* SAFETY: address arithmetic only; nothing is dereferenced here. */
	uintptr_t va = (uintptr_t)p;
	struct ostd_irq_guard g;
	long h;
	bool ok = false;

	if (va < OSTD_PHYS_OFFSET + fa.base_pa ||
	    ostd_frame_of_pa(va - OSTD_PHYS_OFFSET) == NULL)
		return false;
	g = ostd_mm_lock(&fa.lock);
	h = ostd_buddy_block_head(&fa.buddy,
				  (va - OSTD_PHYS_OFFSET - fa.base_pa) >> OSTD_PAGE_SHIFT);
	if (h >= 0) {
		*head = ostd_phys_to_virt(fa.base_pa + ((paddr_t)h << OSTD_PAGE_SHIFT));
		*order = fa.buddy.frames[h].order;
		*owner = fa.buddy.frames[h].owner;
		ok = true;
	}
	ostd_mm_unlock(&fa.lock, &g);
	return ok;
}

/* ---- refcounted frame handles ---- */

struct ostd_frame *ostd_frame_alloc(void)
{
	void *p = ostd_pages_alloc_owned(0, OSTD_OWNER_FRAME);
	struct ostd_frame *f;

	if (p == NULL)
		return NULL;
	f = ostd_frame_of_pa(ostd_virt_to_phys(p));
	__atomic_store_n(&f->refcount, 1, __ATOMIC_RELEASE);
	return f;
}

void ostd_frame_get(struct ostd_frame *f)
{
	frame_check_live(f, "ostd_frame_get");
	if (__atomic_fetch_add(&f->refcount, 1, __ATOMIC_RELAXED) >= UINT32_MAX - 1)
		ostd_panic("ostd_frame_get: refcount overflow on %p", f);
}

void ostd_frame_put(struct ostd_frame *f)
{
	uint32_t old;

	frame_index(f);
	old = __atomic_load_n(&f->refcount, __ATOMIC_RELAXED);
	do {
		if (old == 0 || f->state != OSTD_FRAME_ALLOC_HEAD ||
		    f->owner != OSTD_OWNER_FRAME)
			ostd_panic("ostd_frame_put: double free of frame %p", f);
	} while (!__atomic_compare_exchange_n(&f->refcount, &old, old - 1, false,
					      __ATOMIC_ACQ_REL, __ATOMIC_RELAXED));
	if (old == 1)
		block_free(frame_index(f), 0, OSTD_OWNER_FRAME);
}

uint32_t ostd_frame_refcount(const struct ostd_frame *f)
{
	frame_index(f);
	return __atomic_load_n(&f->refcount, __ATOMIC_ACQUIRE);
}

/* The frame's bytes through the direct map. */
static uint8_t *frame_bytes(const struct ostd_frame *f)
{
	return ostd_phys_to_virt(ostd_frame_pa(f));
}

int ostd_frame_read(const struct ostd_frame *f, size_t off, void *dst, size_t n)
{
	frame_check_live(f, "ostd_frame_read");
	if (off > OSTD_PAGE_SIZE || n > OSTD_PAGE_SIZE - off)
		return -OSTD_EINVAL;
	/* SAFETY: [off, off+n) lies inside the 4 KiB frame (checked). */
	ostd_mem_copy(dst, frame_bytes(f) + off, n);
	return 0;
}

int ostd_frame_write(struct ostd_frame *f, size_t off, const void *src, size_t n)
{
	frame_check_live(f, "ostd_frame_write");
	if (off > OSTD_PAGE_SIZE || n > OSTD_PAGE_SIZE - off)
		return -OSTD_EINVAL;
	/* SAFETY: [off, off+n) lies inside the 4 KiB frame (checked). */
	ostd_mem_copy(frame_bytes(f) + off, src, n);
	return 0;
}

int ostd_frame_fill(struct ostd_frame *f, size_t off, int c, size_t n)
{
	frame_check_live(f, "ostd_frame_fill");
	if (off > OSTD_PAGE_SIZE || n > OSTD_PAGE_SIZE - off)
		return -OSTD_EINVAL;
	/* SAFETY: [off, off+n) lies inside the 4 KiB frame (checked). */
	ostd_mem_set(frame_bytes(f) + off, c, n);
	return 0;
}

void ostd_frame_copy(struct ostd_frame *dst, const struct ostd_frame *src)
{
	frame_check_live(dst, "ostd_frame_copy");
	frame_check_live(src, "ostd_frame_copy");
	ostd_mem_copy(frame_bytes(dst), frame_bytes(src), OSTD_PAGE_SIZE);
}

size_t ostd_frame_free_count(void)
{
	return __atomic_load_n(&fa.buddy.free_frames, __ATOMIC_RELAXED);
}

size_t ostd_frame_total_count(void)
{
	return fa.buddy.total_frames;
}

/* ---- boot ---- */

struct range {
	paddr_t lo, hi;
};

static paddr_t align_up(paddr_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* Collects the ranges to keep out of the allocator; returns their count. */
static size_t excluded_ranges(struct range *r, size_t max)
{
	const struct ostd_platform *p = &ostd_platform;
	size_t n = 0;

	r[n++] = (struct range){ p->dtb_pa, p->dtb_pa + p->dtb_size };
	if (p->initrd_end > p->initrd_start)
		r[n++] = (struct range){ p->initrd_start, p->initrd_end };
	for (uint32_t i = 0; i < p->reserved_count && n < max; i++)
		r[n++] = (struct range){ p->reserved[i].base,
					 p->reserved[i].base + p->reserved[i].size };
	for (size_t i = 0; i < n; i++) {
		r[i].lo &= ~(OSTD_PAGE_SIZE - 1);
		r[i].hi = align_up(r[i].hi, OSTD_PAGE_SIZE);
	}
	return n;
}

/* The lowest page-aligned PA >= @pa where @len bytes avoid all of @r. */
static paddr_t place_after(paddr_t pa, uint64_t len, const struct range *r,
			   size_t n)
{
	bool moved = true;

	while (moved) {
		moved = false;
		for (size_t i = 0; i < n; i++) {
			if (pa < r[i].hi && pa + len > r[i].lo) {
				pa = r[i].hi;
				moved = true;
			}
		}
	}
	return pa;
}

/* Adds the free pages of [lo, hi) minus the excluded ranges. */
static void add_free(paddr_t lo, paddr_t hi, const struct range *r, size_t n)
{
	while (lo < hi) {
		paddr_t end = hi;

		lo = place_after(lo, OSTD_PAGE_SIZE, r, n);
		if (lo >= hi)
			break;
		for (size_t i = 0; i < n; i++)
			if (r[i].lo > lo && r[i].lo < end)
				end = r[i].lo;
		ostd_buddy_add(&fa.buddy, (lo - fa.base_pa) >> OSTD_PAGE_SHIFT,
			       (end - lo) >> OSTD_PAGE_SHIFT);
		lo = end;
	}
}

void ostd_frame_init(void)
{
	const struct ostd_platform *p = &ostd_platform;
	struct range ex[OSTD_MAX_RESERVED + 3];
	paddr_t mem_end = (p->mem_base + p->mem_size) & ~(OSTD_PAGE_SIZE - 1);
	paddr_t kend = align_up(ostd_virt_to_phys(_kernel_end), OSTD_PAGE_SIZE);
	size_t n = excluded_ranges(ex, OSTD_MAX_RESERVED + 2), nframes;
	uint64_t meta_bytes;
	paddr_t meta;

	if (kend <= p->mem_base || kend >= mem_end)
		ostd_panic("frame: kernel image outside /memory");
	fa.base_pa = p->mem_base & ~(META_ALIGN_FRAMES * OSTD_PAGE_SIZE - 1);
	nframes = (mem_end - fa.base_pa) >> OSTD_PAGE_SHIFT;
	meta_bytes = align_up(nframes * sizeof(struct ostd_frame), OSTD_PAGE_SIZE);
	meta = place_after(kend, meta_bytes, ex, n);
	if (meta + meta_bytes > mem_end)
		ostd_panic("frame: no room for the frame array");
	ex[n++] = (struct range){ meta, meta + meta_bytes };
	ostd_buddy_init(&fa.buddy, ostd_phys_to_virt(meta), nframes);
	add_free(kend, mem_end, ex, n);
	ostd_log(OSTD_LOG_INFO, "frame: %zu MiB RAM, %zu free pages (array %llu KiB)",
		 (size_t)(p->mem_size >> 20), fa.buddy.free_frames,
		 (unsigned long long)(meta_bytes >> 10));
}
