/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_ostd.h - test-only controls of host_ostd.c: heap
 * failure injection, the heap leak counter, and the count of spinlocks
 * held.
 */
#ifndef TESTS_UNIT_HOST_OSTD_H
#define TESTS_UNIT_HOST_OSTD_H

#include <stddef.h>

/* The next @n heap allocations succeed, then all fail; -1: never fail. */
void host_heap_fail_after(long n);
/* Heap blocks currently allocated. */
size_t host_heap_live(void);
/* Spinlocks currently held (kernel code must not block holding one). */
int host_locks_held(void);

#endif
