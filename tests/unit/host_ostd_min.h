/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_ostd_min.h - test-only controls of host_ostd_min.c.
 */
#ifndef TESTS_UNIT_HOST_OSTD_MIN_H
#define TESTS_UNIT_HOST_OSTD_MIN_H

#include <stddef.h>

/* The next @n allocations succeed, then all fail; -1 turns this off. */
void host_heap_fail_after(long n);
/* Blocks currently allocated. */
size_t host_heap_live(void);

#endif
