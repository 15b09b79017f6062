/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/mem.h - the kernel heap and typed allocation.
 *
 * Memory from the heap is zeroed. Allocation never sleeps and may be called
 * with interrupts off; it returns NULL when memory runs out, never panics.
 * OSTD_NEW is the typed front end: the one place where an untyped pointer
 * becomes a typed one. It is on the audit's allowlist (docs/safe-subset.md).
 */
#ifndef OSTD_MEM_H
#define OSTD_MEM_H

#include <ostd/types.h>

/* Returns @size zeroed bytes, or NULL. */
void *ostd_heap_alloc(size_t size);
/* Frees memory from ostd_heap_alloc; NULL is ignored. Double frees panic. */
void ostd_heap_free(void *p);
/* Bytes currently allocated from the heap (for tests and /proc/meminfo). */
size_t ostd_heap_used(void);

/* A zeroed object of type T, or NULL: `struct foo *f = OSTD_NEW(struct foo);` */
#define OSTD_NEW(T) ((T *)ostd_heap_alloc(sizeof(T)))

#endif
