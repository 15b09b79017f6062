// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/host_vm.c - a host model of ostd's user address spaces
 * (ostd/vm.h) for the kernel/mm unit test, over host_ostd.c's frames.
 *
 * An address space is an unsorted array of page entries {va, frame,
 * prot}; each entry holds a frame reference, as a real leaf PTE does. Copies check R/W per page and
 * report the first bad address exactly like ostd, so kernel/mm's retry
 * loops run unchanged. Everything is checked: misuse aborts the test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ostd/frame.h>
#include <ostd/vm.h>

#include "host_ostd.h"
#include "host_vm.h"

struct pte {
	uint64_t va;
	struct ostd_frame *f;
	unsigned prot;
};

struct ostd_vmspace {
	struct pte *ptes;
	size_t n, cap;
};

static size_t spaces_live;

static void die(const char *why)
{
	fprintf(stderr, "host_vm: %s\n", why);
	abort();
}

size_t host_vmspace_live(void)
{
	return spaces_live;
}

struct ostd_vmspace *ostd_vmspace_new(void)
{
	struct ostd_vmspace *vs = calloc(1, sizeof(*vs));

	if (!vs)
		die("calloc");
	spaces_live++;
	return vs;
}

void ostd_vmspace_destroy(struct ostd_vmspace *vs)
{
	for (size_t i = 0; i < vs->n; i++)
		ostd_frame_put(vs->ptes[i].f);
	free(vs->ptes);
	free(vs);
	spaces_live--;
}

void ostd_vmspace_activate(struct ostd_vmspace *vs)
{
	(void)vs;
}

size_t host_vmspace_pages(const struct ostd_vmspace *vs)
{
	return vs->n;
}

size_t ostd_vmspace_resident(const struct ostd_vmspace *vs)
{
	return vs ? vs->n : 0;
}

static struct pte *lookup(const struct ostd_vmspace *vs, uint64_t va)
{
	va &= ~(OSTD_PAGE_SIZE - 1);
	for (size_t i = 0; i < vs->n; i++)
		if (vs->ptes[i].va == va)
			return &vs->ptes[i];
	return NULL;
}

static bool range_ok(uint64_t va, size_t len)
{
	return (va & (OSTD_PAGE_SIZE - 1)) == 0 &&
	       (len & (OSTD_PAGE_SIZE - 1)) == 0 && va <= OSTD_USER_END &&
	       len <= OSTD_USER_END - va;
}

static bool prot_ok(unsigned prot)
{
	if (prot & ~(OSTD_PROT_READ | OSTD_PROT_WRITE | OSTD_PROT_EXEC))
		return false;
	return !((prot & OSTD_PROT_WRITE) && !(prot & OSTD_PROT_READ));
}

/* Nothing caches translations on the host. */
void ostd_vmspace_fix_spurious(struct ostd_vmspace *vs)
{
	(void)vs;
}

int ostd_vmspace_map(struct ostd_vmspace *vs, ostd_uaddr_t va,
		     struct ostd_frame *f, unsigned prot)
{
	struct pte *e;

	if (!range_ok(va, OSTD_PAGE_SIZE) || !prot_ok(prot))
		return -OSTD_EINVAL;
	ostd_frame_get(f);
	e = lookup(vs, va);
	if (e) {
		ostd_frame_put(e->f);
		e->f = f;
		e->prot = prot;
		return 0;
	}
	if (vs->n == vs->cap) {
		vs->cap = vs->cap ? 2 * vs->cap : 16;
		vs->ptes = realloc(vs->ptes, vs->cap * sizeof(*vs->ptes));
		if (!vs->ptes)
			die("realloc");
	}
	vs->ptes[vs->n++] = (struct pte){ va, f, prot };
	return 0;
}

int ostd_vmspace_unmap(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len)
{
	if (!range_ok(va, len))
		return -OSTD_EINVAL;
	for (size_t i = 0; i < vs->n;) {
		if (vs->ptes[i].va >= va && vs->ptes[i].va - va < len) {
			ostd_frame_put(vs->ptes[i].f);
			vs->ptes[i] = vs->ptes[--vs->n];
		} else {
			i++;
		}
	}
	return 0;
}

int ostd_vmspace_protect(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len,
			 unsigned prot)
{
	if (!range_ok(va, len) || !prot_ok(prot))
		return -OSTD_EINVAL;
	for (size_t i = 0; i < vs->n; i++)
		if (vs->ptes[i].va >= va && vs->ptes[i].va - va < len)
			vs->ptes[i].prot = prot;
	return 0;
}

struct ostd_frame *ostd_vmspace_query(struct ostd_vmspace *vs, ostd_uaddr_t va,
				      unsigned *prot)
{
	struct pte *e = va < OSTD_USER_END ? lookup(vs, va) : NULL;

	if (!e)
		return NULL;
	if (prot)
		*prot = e->prot;
	return e->f;
}

/* One byte's frame and offset for @need access, or NULL. */
static uint8_t *byte_at(struct ostd_vmspace *vs, uint64_t a, unsigned need)
{
	struct pte *e = a < OSTD_USER_END ? lookup(vs, a) : NULL;

	if (!e || (e->prot & need) != need)
		return NULL;
	return &e->f->data[a & (OSTD_PAGE_SIZE - 1)];
}

int ostd_vmspace_read(struct ostd_vmspace *vs, ostd_uaddr_t src, void *dst,
		      size_t n, ostd_uaddr_t *fault)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t *b = byte_at(vs, src + i, OSTD_PROT_READ);

		if (!b) {
			if (fault)
				*fault = src + i;
			return -OSTD_EFAULT;
		}
		((uint8_t *)dst)[i] = *b;
	}
	return 0;
}

int ostd_vmspace_write(struct ostd_vmspace *vs, ostd_uaddr_t dst,
		       const void *src, size_t n, ostd_uaddr_t *fault)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t *b = byte_at(vs, dst + i,
				     OSTD_PROT_READ | OSTD_PROT_WRITE);

		if (!b) {
			if (fault)
				*fault = dst + i;
			return -OSTD_EFAULT;
		}
		*b = ((const uint8_t *)src)[i];
	}
	return 0;
}

long ostd_vmspace_read_str(struct ostd_vmspace *vs, ostd_uaddr_t src,
			   char *dst, size_t max, ostd_uaddr_t *fault)
{
	for (size_t i = 0; i < max; i++) {
		uint8_t *b = byte_at(vs, src + i, OSTD_PROT_READ);

		if (!b) {
			if (fault)
				*fault = src + i;
			return -OSTD_EFAULT;
		}
		dst[i] = (char)*b;
		if (*b == 0)
			return (long)i;
	}
	return -OSTD_ERANGE;
}

int ostd_vmspace_write_frame(struct ostd_vmspace *vs, ostd_uaddr_t dst,
			     const struct ostd_frame *f, size_t off, size_t n,
			     ostd_uaddr_t *fault)
{
	if (!host_frame_range_ok(off, n))
		return -OSTD_EINVAL;
	return ostd_vmspace_write(vs, dst, f->data + off, n, fault);
}

int ostd_vmspace_read_frame(struct ostd_vmspace *vs, ostd_uaddr_t src,
			    struct ostd_frame *f, size_t off, size_t n,
			    ostd_uaddr_t *fault)
{
	if (!host_frame_range_ok(off, n))
		return -OSTD_EINVAL;
	return ostd_vmspace_read(vs, src, f->data + off, n, fault);
}

int ostd_vmspace_share_cow(struct ostd_vmspace *dst, struct ostd_vmspace *src,
			   ostd_uaddr_t va, size_t len)
{
	if (!range_ok(va, len) || dst == src)
		return -OSTD_EINVAL;
	for (size_t i = 0; i < src->n; i++) {
		struct pte *e = &src->ptes[i];
		int err;

		if (e->va < va || e->va - va >= len)
			continue;
		e->prot &= ~OSTD_PROT_WRITE;
		err = ostd_vmspace_map(dst, e->va, e->f, e->prot);
		if (err)
			return err;
		/* map() may have grown dst, never src: @e stays valid. */
	}
	return 0;
}
