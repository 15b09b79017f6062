/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_uspace.h - test-only controls of host_uspace.c, a flat
 * fake user address space.
 */
#ifndef TESTS_UNIT_HOST_USPACE_H
#define TESTS_UNIT_HOST_USPACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ostd/types.h>
#include <ostd/vm.h>

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
