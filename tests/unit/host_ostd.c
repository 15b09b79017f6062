// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/host_ostd.c - host (native, ASan/UBSan) implementations of
 * the ostd functions kernel/fs/ uses, so the VFS can be unit-tested
 * without a machine: the heap on calloc, frames as malloc'd 4 KiB blocks
 * with reference counts, spinlocks that catch recursive locking, the
 * clocks on clock_gettime, logging on stdio, panic as abort, and a fake
 * user address space whose pages can be made absent or read-only to test
 * fault paths. ostd/bytes.c is linked as is.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime under -std=c11 */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ostd/cpu.h>
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/time.h>
#include <ostd/vm.h>

#include "host_ostd.h"

/* ---- heap ---- */

struct block {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static size_t used_bytes;
static size_t live_blocks;
static long heap_countdown = -1;

void host_heap_fail_after(long n)
{
	heap_countdown = n;
}

size_t host_heap_live(void)
{
	return live_blocks;
}

void *ostd_heap_alloc(size_t size)
{
	struct block *b;

	if (heap_countdown == 0)
		return NULL;
	if (heap_countdown > 0)
		heap_countdown--;
	b = calloc(1, sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	used_bytes += size;
	live_blocks++;
	return b + 1;
}

void ostd_heap_free(void *p)
{
	struct block *b;

	if (!p)
		return;
	b = (struct block *)p - 1;
	used_bytes -= b->size;
	live_blocks--;
	free(b);
}

size_t ostd_heap_used(void)
{
	return used_bytes;
}

/* ---- frames ---- */

struct ostd_frame {
	uint32_t refs;
	uint8_t data[OSTD_PAGE_SIZE];
};

#define HOST_FRAMES_TOTAL 32768
static size_t live_frames;
static long frame_countdown = -1;

void host_frame_fail_after(long n)
{
	frame_countdown = n;
}

size_t host_frame_live(void)
{
	return live_frames;
}

struct ostd_frame *ostd_frame_alloc(void)
{
	struct ostd_frame *f;

	if (frame_countdown == 0)
		return NULL;
	if (frame_countdown > 0)
		frame_countdown--;
	f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->refs = 1;
	live_frames++;
	return f;
}

void ostd_frame_get(struct ostd_frame *f)
{
	f->refs++;
}

void ostd_frame_put(struct ostd_frame *f)
{
	if (f->refs == 0)
		ostd_panic("frame refcount underflow");
	if (--f->refs == 0) {
		live_frames--;
		free(f);
	}
}

uint32_t ostd_frame_refcount(const struct ostd_frame *f)
{
	return f->refs;
}

static bool frame_range_ok(size_t off, size_t n)
{
	return off <= OSTD_PAGE_SIZE && n <= OSTD_PAGE_SIZE - off;
}

int ostd_frame_read(const struct ostd_frame *f, size_t off, void *dst, size_t n)
{
	if (!frame_range_ok(off, n))
		return -OSTD_EINVAL;
	memcpy(dst, f->data + off, n);
	return 0;
}

int ostd_frame_write(struct ostd_frame *f, size_t off, const void *src, size_t n)
{
	if (!frame_range_ok(off, n))
		return -OSTD_EINVAL;
	memcpy(f->data + off, src, n);
	return 0;
}

int ostd_frame_fill(struct ostd_frame *f, size_t off, int c, size_t n)
{
	if (!frame_range_ok(off, n))
		return -OSTD_EINVAL;
	memset(f->data + off, c, n);
	return 0;
}

void ostd_frame_copy(struct ostd_frame *dst, const struct ostd_frame *src)
{
	memcpy(dst->data, src->data, OSTD_PAGE_SIZE);
}

size_t ostd_frame_free_count(void)
{
	return HOST_FRAMES_TOTAL - live_frames;
}

size_t ostd_frame_total_count(void)
{
	return HOST_FRAMES_TOTAL;
}

/* ---- harts and locks ---- */

unsigned ostd_cpu_id(void)
{
	return 0;
}

struct ostd_irq_guard ostd_irq_disable(void)
{
	struct ostd_irq_guard g = { 0 };

	return g;
}

void ostd_irq_restore(struct ostd_irq_guard *g)
{
	(void)g;
}

void ostd_spin_init(struct ostd_spinlock *l, const char *name)
{
	l->_ostd_locked = 0;
	l->_ostd_owner = 0;
	l->name = name;
}

/* One thread: taking a held lock is always a self-deadlock. */
struct ostd_irq_guard ostd_spin_lock(struct ostd_spinlock *l)
{
	struct ostd_irq_guard g = { 0 };

	if (l->_ostd_locked)
		ostd_panic("spinlock %s taken recursively", l->name);
	l->_ostd_locked = 1;
	l->_ostd_owner = 1;
	return g;
}

void ostd_spin_unlock(struct ostd_spinlock *l, struct ostd_irq_guard *g)
{
	(void)g;
	if (!l->_ostd_locked)
		ostd_panic("spinlock %s released while free", l->name);
	l->_ostd_locked = 0;
	l->_ostd_owner = 0;
}

bool ostd_spin_held(const struct ostd_spinlock *l)
{
	return l->_ostd_locked != 0;
}

/* ---- time ---- */

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

uint64_t ostd_time_monotonic_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

uint64_t ostd_time_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

void ostd_time_set_realtime_ns(uint64_t ns)
{
	(void)ns;
}

/* ---- logging ---- */

void ostd_log(enum ostd_log_level level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "[%d] ", level);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

void ostd_printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

int ostd_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void ostd_panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "PANIC: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

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
	if (!frame_range_ok(off, n))
		return -OSTD_EINVAL;
	return user_copy(vs, dst, (uint8_t *)f->data + off, n, true, fault);
}

int ostd_vmspace_read_frame(struct ostd_vmspace *vs, ostd_uaddr_t src,
			    struct ostd_frame *f, size_t off, size_t n,
			    ostd_uaddr_t *fault)
{
	if (!frame_range_ok(off, n))
		return -OSTD_EINVAL;
	return user_copy(vs, src, f->data + off, n, false, fault);
}
