/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/random.h - the kernel's random numbers (AT_RANDOM, and later
 * getrandom(2) and /dev/urandom).
 *
 * A ChaCha20 generator keyed at boot from the device tree's rng-seed and
 * the clocks. Output is 64-byte chunks; a caller that needs n bytes copies
 * the first n (or calls again for more), so no pointer arithmetic is
 * needed on either side. Safe from any context, including interrupts.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <ostd/types.h>

#define RANDOM_CHUNK 64

struct random_chunk {
	uint8_t bytes[RANDOM_CHUNK];
};

/* Seeds the generator. Once, at boot, before the first random_get(). */
void random_init(void);
/* Fills @out with fresh random bytes. */
void random_get(struct random_chunk *out);
/* A random 64-bit number. */
uint64_t random_u64(void);

#endif
