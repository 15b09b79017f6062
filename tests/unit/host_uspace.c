// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/host_uspace.c - a flat fake user address space for the VFS
 * unit test: one block of memory whose pages can be made absent or
 * read-only to test fault paths. Frames and the rest of ostd come from
 * host_ostd.c.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ostd/frame.h>
#include <ostd/vm.h>

#include "host_ostd.h"
#include "host_uspace.h"

/* ---- a fake user address space ---- */

struct ostd_vmspace {
	ostd_uaddr_t base;
	size_t pages;
	uint8_t *mem;
	bool *present;
	bool *writable;
};

struct ostd_vmspace *host_vmspace_new(ostd_uaddr_t base, size_t pages)
{
	struct ostd_vmspace *vs = calloc(1, sizeof(*vs));
	size_t i;

	vs->base = base;
	vs->pages = pages;
	vs->mem = calloc(pages, OSTD_PAGE_SIZE);
	vs->present = calloc(pages, sizeof(bool));
	vs->writable = calloc(pages, sizeof(bool));
	for (i = 0; i < pages; i++) {
		vs->present[i] = true;
		vs->writable[i] = true;
	}
	return vs;
}

void host_vmspace_free(struct ostd_vmspace *vs)
{
	free(vs->mem);
	free(vs->present);
	free(vs->writable);
	free(vs);
}

/* The page index of @addr, or -1 outside the space. */
static long page_of(struct ostd_vmspace *vs, ostd_uaddr_t addr)
{
	if (addr < vs->base || addr - vs->base >= vs->pages * OSTD_PAGE_SIZE)
		return -1;
	return (long)((addr - vs->base) / OSTD_PAGE_SIZE);
}

void host_vmspace_set(struct ostd_vmspace *vs, ostd_uaddr_t addr,
		      bool present, bool writable)
{
	long p = page_of(vs, addr);

	if (p < 0)
		abort();
	vs->present[p] = present;
	vs->writable[p] = writable;
}

uint8_t *host_vmspace_ptr(struct ostd_vmspace *vs, ostd_uaddr_t addr)
{
	if (page_of(vs, addr) < 0)
		abort();
	return vs->mem + (addr - vs->base);
}

/* The first address in [addr, addr+n) that is not accessible, or 0. */
static bool range_ok(struct ostd_vmspace *vs, ostd_uaddr_t addr, size_t n,
		     bool write, ostd_uaddr_t *fault)
{
	ostd_uaddr_t a = addr;

	while (a < addr + n) {
		long p = page_of(vs, a);

		if (p < 0 || !vs->present[p] || (write && !vs->writable[p])) {
			if (fault)
				*fault = a;
			return false;
		}
		a = (a / OSTD_PAGE_SIZE + 1) * OSTD_PAGE_SIZE;
	}
	return true;
}

/* Copies the accessible prefix, like the real page-walking copy. */
static int user_copy(struct ostd_vmspace *vs, ostd_uaddr_t ua, uint8_t *k,
		     size_t n, bool write, ostd_uaddr_t *fault)
{
	ostd_uaddr_t bad = 0;
	size_t ok = n;
	int r = 0;

	if (!range_ok(vs, ua, n, write, &bad)) {
		ok = bad - ua;
		r = -OSTD_EFAULT;
		if (fault)
			*fault = bad;
	}
	if (ok > 0) {
		if (write)
			memcpy(vs->mem + (ua - vs->base), k, ok);
		else
			memcpy(k, vs->mem + (ua - vs->base), ok);
	}
	return r;
}

int ostd_vmspace_read(struct ostd_vmspace *vs, ostd_uaddr_t src, void *dst,
		      size_t n, ostd_uaddr_t *fault)
{
	return user_copy(vs, src, dst, n, false, fault);
}

int ostd_vmspace_write(struct ostd_vmspace *vs, ostd_uaddr_t dst,
		       const void *src, size_t n, ostd_uaddr_t *fault)
{
	return user_copy(vs, dst, (uint8_t *)src, n, true, fault);
}

long ostd_vmspace_read_str(struct ostd_vmspace *vs, ostd_uaddr_t src,
			   char *dst, size_t max, ostd_uaddr_t *fault)
{
	size_t i;

	for (i = 0; i < max; i++) {
		if (user_copy(vs, src + i, (uint8_t *)&dst[i], 1, false,
			      fault) < 0)
			return -OSTD_EFAULT;
		if (dst[i] == 0)
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
	return user_copy(vs, dst, (uint8_t *)f->data + off, n, true, fault);
}

int ostd_vmspace_read_frame(struct ostd_vmspace *vs, ostd_uaddr_t src,
			    struct ostd_frame *f, size_t off, size_t n,
			    ostd_uaddr_t *fault)
{
	if (!host_frame_range_ok(off, n))
		return -OSTD_EINVAL;
	return user_copy(vs, src, f->data + off, n, false, fault);
}
