/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/host_vm.h - test-only controls of host_vm.c, a host model of
 * ostd's frames and user address spaces for the kernel/mm unit test.
 */
#ifndef TESTS_UNIT_HOST_VM_H
#define TESTS_UNIT_HOST_VM_H

#include <stddef.h>

#include <ostd/vm.h>

/* The next @n frame allocations succeed, then all fail; -1: never fail. */
void host_frame_fail_after(long n);
/* Frames currently allocated (leak checks). */
size_t host_frame_live(void);
/* Mapped pages of @vs. */
size_t host_vmspace_pages(const struct ostd_vmspace *vs);
/* Live address spaces. */
size_t host_vmspace_live(void);

#endif
