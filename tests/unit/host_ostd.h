/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_ostd.h - test-only controls of host_ostd.c: heap and
 * frame failure injection and leak counters, the count of spinlocks
 * held, and the frame layout the host address spaces copy through.
 */
#ifndef TESTS_UNIT_HOST_OSTD_H
#define TESTS_UNIT_HOST_OSTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ostd/types.h>

/* The next @n heap allocations succeed, then all fail; -1: never fail. */
void host_heap_fail_after(long n);
/* Heap blocks currently allocated. */
size_t host_heap_live(void);
/* The same for frames. */
void host_frame_fail_after(long n);
size_t host_frame_live(void);

/*
 * A host frame: host_vm.c and host_uspace.c copy straight to and from
 * its bytes, after checking [off, off+n) with host_frame_range_ok().
 */
struct ostd_frame {
	uint32_t refs;
	uint8_t data[OSTD_PAGE_SIZE];
};
bool host_frame_range_ok(size_t off, size_t n);

/* Spinlocks currently held (kernel code must not block holding one). */
int host_locks_held(void);

#endif
