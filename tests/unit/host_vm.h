/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_vm.h - test-only controls of host_vm.c, a host model of
 * ostd's user address spaces for the kernel/mm unit test (frame controls:
 * host_ostd.h).
 */
#ifndef TESTS_UNIT_HOST_VM_H
#define TESTS_UNIT_HOST_VM_H

#include <stddef.h>

#include <ostd/vm.h>

/* Mapped pages of @vs. */
size_t host_vmspace_pages(const struct ostd_vmspace *vs);
/* Live address spaces. */
size_t host_vmspace_live(void);

#endif
