/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/drivers/mem.h - the memory character devices of major 1, as
 * Linux numbers them: null (1:3), zero (1:5), full (1:7), random (1:8)
 * and urandom (1:9).
 */
#ifndef KERNEL_DRIVERS_MEM_H
#define KERNEL_DRIVERS_MEM_H

#include <ostd/types.h>

#define MEM_MAJOR 1
#define MEM_MINOR_NULL 3
#define MEM_MINOR_ZERO 5
#define MEM_MINOR_FULL 7
#define MEM_MINOR_RANDOM 8
#define MEM_MINOR_URANDOM 9

/* Registers major 1 with the VFS. Once, at boot, after random_init(). */
int mem_init(void);

#endif
