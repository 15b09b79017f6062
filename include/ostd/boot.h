/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/boot.h - what the boot hart learned from the device tree.
 *
 * ostd boots the machine (stack, .bss, paging, frames, heap, traps, timer,
 * console), then calls the kernel's entry point racho_main() on the boot
 * hart, in a task context with interrupts off. All values are read-only
 * after boot.
 */
#ifndef OSTD_BOOT_H
#define OSTD_BOOT_H

#include <ostd/bytes.h>
#include <ostd/types.h>

/* Defined by the kernel: its first code. Never returns. */
_Noreturn void racho_main(void);

/* /chosen/bootargs, or the empty string. */
struct ostd_bytes ostd_boot_cmdline(void);
/* The initrd from /chosen linux,initrd-start/end; empty if none. */
struct ostd_bytes ostd_boot_initrd(void);
/*
 * Whether /chosen names an initrd at all, even an empty one (QEMU gives
 * start == end for a zero-byte -initrd file): tells "no initrd" from
 * "an empty initrd", which ostd_boot_initrd() alone cannot.
 */
bool ostd_boot_has_initrd(void);
/* /chosen rng-seed, if the device tree has one; empty otherwise. */
struct ostd_bytes ostd_boot_rng_seed(void);
/* Number of harts in /cpus. */
size_t ostd_boot_hart_count(void);
/* Bytes of RAM in /memory. */
uint64_t ostd_boot_mem_bytes(void);

#endif
