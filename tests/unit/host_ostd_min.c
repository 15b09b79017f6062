// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/host_ostd_min.c - the few ostd functions the ldisc and VMA
 * unit tests need, for a native (ASan/UBSan) build: the heap on top of
 * calloc/free, with a live-object count for leak checks and a failure
 * switch for out-of-memory paths, and ostd_panic() as abort().
 * ostd/bytes.c itself is compiled natively beside this file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <ostd/log.h>
#include <ostd/mem.h>

#include "host_ostd_min.h"

/* Each block starts with its size, so ostd_heap_used() can be exact. */
struct block {
	size_t size;
	size_t pad; /* keeps the payload 16-byte aligned */
};

static size_t used_bytes;
static size_t live_blocks;
static long fail_countdown = -1; /* < 0: never fail */

void host_heap_fail_after(long n)
{
	fail_countdown = n;
}

size_t host_heap_live(void)
{
	return live_blocks;
}

void *ostd_heap_alloc(size_t size)
{
	struct block *b;

	if (fail_countdown == 0)
		return NULL;
	if (fail_countdown > 0)
		fail_countdown--;
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
