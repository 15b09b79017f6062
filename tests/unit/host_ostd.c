// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/host_ostd.c - the host (native, ASan/UBSan) stand-in for the
 * ostd calls every kernel unit test needs: the heap on calloc, with a
 * live-block count for leak checks and a failure switch for out-of-memory
 * paths; frames as calloc'd 4 KiB blocks with reference counts, leak
 * count and failure switch likewise; one hart whose spinlocks catch
 * recursive locking, bad releases and guard misuse; the clocks on
 * clock_gettime; logging on stdio; and panic as abort(). ostd/bytes.c is
 * compiled natively beside it. User address spaces come from
 * host_uspace.c (flat, for the VFS) or host_vm.c (page-table model, for
 * kernel/mm).
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

bool host_frame_range_ok(size_t off, size_t n)
{
	return off <= OSTD_PAGE_SIZE && n <= OSTD_PAGE_SIZE - off;
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
	if (!f || f->refs == 0)
		ostd_panic("get on a dead frame");
	f->refs++;
}

void ostd_frame_put(struct ostd_frame *f)
{
	if (!f || f->refs == 0)
		ostd_panic("put on a dead frame");
	if (--f->refs == 0) {
		live_frames--;
		free(f);
	}
}

uint32_t ostd_frame_refcount(const struct ostd_frame *f)
{
	return f->refs;
}

int ostd_frame_read(const struct ostd_frame *f, size_t off, void *dst, size_t n)
{
	if (!host_frame_range_ok(off, n))
		return -OSTD_EINVAL;
	memcpy(dst, f->data + off, n);
	return 0;
}

int ostd_frame_write(struct ostd_frame *f, size_t off, const void *src, size_t n)
{
	if (!host_frame_range_ok(off, n))
		return -OSTD_EINVAL;
	memcpy(f->data + off, src, n);
	return 0;
}

int ostd_frame_fill(struct ostd_frame *f, size_t off, int c, size_t n)
{
	if (!host_frame_range_ok(off, n))
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

/*
 * A guard is "live" from the disable (or lock) that made it until it is
 * restored, as in ostd/cpu.c: restoring it twice is a bug.
 */
struct ostd_irq_guard ostd_irq_disable(void)
{
	struct ostd_irq_guard g = { 1 };

	return g;
}

void ostd_irq_restore(struct ostd_irq_guard *g)
{
	if (g->_ostd_saved != 1)
		ostd_panic("irq guard restored twice (or never made)");
	g->_ostd_saved = 0;
}

static int locks_held;

int host_locks_held(void)
{
	return locks_held;
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
	struct ostd_irq_guard g = ostd_irq_disable();

	if (l->_ostd_locked)
		ostd_panic("spinlock %s taken recursively", l->name);
	l->_ostd_locked = 1;
	l->_ostd_owner = 1;
	locks_held++;
	return g;
}

void ostd_spin_unlock(struct ostd_spinlock *l, struct ostd_irq_guard *g)
{
	if (!l->_ostd_locked)
		ostd_panic("spinlock %s released while free", l->name);
	l->_ostd_locked = 0;
	l->_ostd_owner = 0;
	locks_held--;
	ostd_irq_restore(g);
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

