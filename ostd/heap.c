// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/heap.c - the kernel heap behind ostd_heap_alloc / OSTD_NEW.
 *
 * Small requests (<= 2048 bytes) come from slabs: blocks of 1-4 pages that
 * hold objects of one size class, with a 64-byte header at the start that
 * keeps an allocation bitmap. Larger requests get their own run of pages
 * with a 16-byte header in front. The frame metadata records which kind a
 * page is, so ostd_heap_free can tell a heap pointer from anything else and
 * a freed object (bit already clear) from a live one: invalid and double
 * frees panic with a message instead of corrupting the heap.
 */
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "mm_internal.h"

#define SLAB_MAGIC 0x51ab51abU
#define LARGE_MAGIC 0x1a26e000U
#define NCLASSES 8
#define SLAB_HDR 64
#define LARGE_HDR 16

/* Lives at the start of each slab block. */
struct slab {
	struct slab *next, *prev; /* on its class's partial list */
	uint32_t magic;
	uint8_t cls, order;
	uint16_t nobj, nfree;
	uint16_t pad[3];
	uint64_t used[4]; /* bit i: object i is allocated */
};
_Static_assert(sizeof(struct slab) <= SLAB_HDR, "slab header too big");

struct large_hdr {
	uint32_t magic;
	uint32_t order;
	uint64_t size;
};
_Static_assert(sizeof(struct large_hdr) == LARGE_HDR, "large header");

static const uint16_t class_size[NCLASSES] = { 16, 32, 64, 128, 256, 512, 1024, 2048 };
static const uint8_t class_order[NCLASSES] = { 0, 0, 0, 0, 0, 0, 1, 2 };

static struct {
	/* protects: partial[], used, slab headers. order: heap, then frame */
	struct ostd_spinlock lock;
	struct slab *partial[NCLASSES]; /* slabs with a free object */
	size_t used;                    /* bytes handed out */
} heap = { .lock = OSTD_SPINLOCK_INIT("heap") };

void ostd_heap_init(void)
{
	/* Nothing to set up: slabs are carved on demand. */
	ostd_log(OSTD_LOG_DEBUG, "heap: ready");
}

static int size_class(size_t size)
{
	for (int c = 0; c < NCLASSES; c++)
		if (size <= class_size[c])
			return c;
	return -1;
}

static void partial_push(struct slab *s)
{
	s->prev = NULL;
	s->next = heap.partial[s->cls];
	if (s->next)
		s->next->prev = s;
	heap.partial[s->cls] = s;
}

static void partial_remove(struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		heap.partial[s->cls] = s->next;
	if (s->next)
		s->next->prev = s->prev;
	s->next = s->prev = NULL;
}

/* A new empty slab for class @c (lock held; page allocation nests inside). */
static struct slab *slab_new(int c)
{
	struct slab *s = ostd_pages_alloc_owned(class_order[c], OSTD_OWNER_HEAP_SLAB);
	size_t bytes = OSTD_PAGE_SIZE << class_order[c];

	if (s == NULL)
		return NULL;
	s->magic = SLAB_MAGIC;
	s->cls = (uint8_t)c;
	s->order = class_order[c];
	s->nobj = (uint16_t)((bytes - SLAB_HDR) / class_size[c]);
	s->nfree = s->nobj;
	partial_push(s);
	return s;
}

static uint8_t *slab_obj(struct slab *s, unsigned i)
{
	/* SAFETY: i < nobj, so the object lies inside the slab block. */
	return (uint8_t *)s + SLAB_HDR + (size_t)i * class_size[s->cls];
}

/* Takes a free object from @s (which has one); lock held. */
static void *slab_take(struct slab *s)
{
	for (unsigned w = 0; w < 4; w++) {
		uint64_t freebits = ~s->used[w];
		unsigned i;

		if (freebits == 0)
			continue;
		i = w * 64 + (unsigned)__builtin_ctzll(freebits);
		if (i >= s->nobj)
			break;
		s->used[w] |= 1ULL << (i % 64);
		if (--s->nfree == 0)
			partial_remove(s);
		return slab_obj(s, i);
	}
	ostd_panic("heap: slab %p has nfree %u but no free bit", s, s->nfree);
}

static void *small_alloc(int c)
{
	struct ostd_irq_guard g;
	struct slab *s;
	void *p = NULL;

	g = ostd_mm_lock(&heap.lock);
	s = heap.partial[c];
	if (s == NULL)
		s = slab_new(c);
	if (s) {
		p = slab_take(s);
		heap.used += class_size[c];
	}
	ostd_mm_unlock(&heap.lock, &g);
	if (p)
		ostd_mem_set(p, 0, class_size[c]);
	return p;
}

static void *large_alloc(size_t size)
{
	unsigned order = 0;
	struct large_hdr *h;
	struct ostd_irq_guard g;

	while (order < OSTD_BUDDY_ORDERS &&
	       (OSTD_PAGE_SIZE << order) - LARGE_HDR < size)
		order++;
	if (order >= OSTD_BUDDY_ORDERS)
		return NULL;
	h = ostd_pages_alloc_owned(order, OSTD_OWNER_HEAP_LARGE);
	if (h == NULL)
		return NULL;
	h->magic = LARGE_MAGIC;
	h->order = order;
	h->size = OSTD_PAGE_SIZE << order;
	g = ostd_mm_lock(&heap.lock);
	heap.used += h->size;
	ostd_mm_unlock(&heap.lock, &g);
	/* SAFETY: the block is at least LARGE_HDR + size bytes. */
	return (uint8_t *)h + LARGE_HDR;
}

void *ostd_heap_alloc(size_t size)
{
	int c;

	if (size == 0)
		size = 1;
	c = size_class(size);
	return c >= 0 ? small_alloc(c) : large_alloc(size);
}

/* Frees object @p of slab @s; panics on a bad or already-free pointer. */
static void slab_free(struct slab *s, const void *p)
{
	/* SAFETY: address arithmetic to find the object index; @p is inside @s. */
	uintptr_t off = (uintptr_t)p - (uintptr_t)s;
	struct ostd_irq_guard g;
	unsigned i;

	if (s->magic != SLAB_MAGIC || off < SLAB_HDR ||
	    (off - SLAB_HDR) % class_size[s->cls] != 0)
		ostd_panic("ostd_heap_free: %p is not a heap object", p);
	i = (unsigned)((off - SLAB_HDR) / class_size[s->cls]);
	if (i >= s->nobj)
		ostd_panic("ostd_heap_free: %p is not a heap object", p);
	g = ostd_mm_lock(&heap.lock);
	if (!(s->used[i / 64] & (1ULL << (i % 64)))) {
		ostd_mm_unlock(&heap.lock, &g);
		ostd_panic("ostd_heap_free: double free of %p", p);
	}
	s->used[i / 64] &= ~(1ULL << (i % 64));
	heap.used -= class_size[s->cls];
	if (s->nfree++ == 0)
		partial_push(s);
	if (s->nfree == s->nobj && (s->next || s->prev)) {
		/* Empty and not the class's only partial slab: give it back. */
		partial_remove(s);
		s->magic = 0;
	} else {
		s = NULL;
	}
	ostd_mm_unlock(&heap.lock, &g);
	if (s)
		ostd_pages_free_owned(s, s->order, OSTD_OWNER_HEAP_SLAB);
}

static void large_free(void *head, unsigned order, const void *p)
{
	struct large_hdr *h = head;
	struct ostd_irq_guard g;

	/* SAFETY: comparing addresses; the user pointer follows the header. */
	if ((const uint8_t *)p != (const uint8_t *)head + LARGE_HDR ||
	    h->magic != LARGE_MAGIC || h->order != order)
		ostd_panic("ostd_heap_free: %p is not a heap object", p);
	h->magic = 0;
	g = ostd_mm_lock(&heap.lock);
	heap.used -= h->size;
	ostd_mm_unlock(&heap.lock, &g);
	ostd_pages_free_owned(head, order, OSTD_OWNER_HEAP_LARGE);
}

void ostd_heap_free(void *p)
{
	enum ostd_frame_owner owner;
	unsigned order;
	void *head;

	if (p == NULL)
		return;
	if (!ostd_pages_lookup(p, &head, &order, &owner))
		ostd_panic("ostd_heap_free: %p is not a live heap allocation"
			   " (bad pointer or double free)", p);
	if (owner == OSTD_OWNER_HEAP_SLAB)
		slab_free(head, p);
	else if (owner == OSTD_OWNER_HEAP_LARGE)
		large_free(head, order, p);
	else
		ostd_panic("ostd_heap_free: %p is not a live heap allocation"
			   " (bad pointer or double free)", p);
}

size_t ostd_heap_used(void)
{
	return __atomic_load_n(&heap.used, __ATOMIC_RELAXED);
}
