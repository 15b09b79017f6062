/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_ostd.h - test-only controls of host_ostd.c: failure
 * injection, leak counters, and a fake user address space.
 */
#ifndef TESTS_UNIT_HOST_OSTD_H
#define TESTS_UNIT_HOST_OSTD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ostd/types.h>
#include <ostd/vm.h>

/* The next @n heap allocations succeed, then all fail; -1: never fail. */
void host_heap_fail_after(long n);
/* Heap blocks currently allocated. */
size_t host_heap_live(void);
/* The same for frames. */
void host_frame_fail_after(long n);
size_t host_frame_live(void);

/*
 * A fake user address space: @pages pages of memory from user address
 * @base, each present and writable until changed.
 */
struct ostd_vmspace *host_vmspace_new(ostd_uaddr_t base, size_t pages);
void host_vmspace_free(struct ostd_vmspace *vs);
void host_vmspace_set(struct ostd_vmspace *vs, ostd_uaddr_t addr,
		      bool present, bool writable);
/* Direct access to the byte at user address @addr (tests only). */
uint8_t *host_vmspace_ptr(struct ostd_vmspace *vs, ostd_uaddr_t addr);

#endif
