// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/random.c - a ChaCha20 random generator with fast key erasure.
 *
 * The key is seeded from /chosen/rng-seed (QEMU virt passes 32 bytes from
 * the host) and from the clocks. Each request runs the ChaCha20 block
 * function (RFC 8439) twice: the first block is the output, the second
 * becomes the next key, so the state that produced a past output is gone
 * once it is handed out (Bernstein's "fast key erasure"). The monotonic
 * clock is stirred into the nonce on every call as a little extra entropy.
 */
#include <ostd/boot.h>
#include <ostd/bytes.h>
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/time.h>

#include "random.h"

static struct {
	struct ostd_spinlock lock; /* protects: key, counter, nonce */
	uint32_t key[8];
	uint64_t counter;
	uint32_t nonce[3];
} rng = { .lock = OSTD_SPINLOCK_INIT("random") };

struct chacha_block {
	uint32_t w[16];
};

static uint32_t rotl(uint32_t v, size_t n)
{
	n %= 32;
	return n == 0 ? v : (v << n) | (v >> (32 - n));
}

static void quarter(struct chacha_block *x, size_t a, size_t b, size_t c,
		    size_t d)
{
	x->w[a] += x->w[b];
	x->w[d] = rotl(x->w[d] ^ x->w[a], 16);
	x->w[c] += x->w[d];
	x->w[b] = rotl(x->w[b] ^ x->w[c], 12);
	x->w[a] += x->w[b];
	x->w[d] = rotl(x->w[d] ^ x->w[a], 8);
	x->w[c] += x->w[d];
	x->w[b] = rotl(x->w[b] ^ x->w[c], 7);
}

/* The ChaCha20 block function for the current state. Lock held. */
static void chacha_block_locked(struct chacha_block *out)
{
	struct chacha_block in = { {
		0x61707865, 0x3320646e, 0x79622d32, 0x6b206574, /* "expand 32-byte k" */
		rng.key[0], rng.key[1], rng.key[2], rng.key[3],
		rng.key[4], rng.key[5], rng.key[6], rng.key[7],
		rng.counter & 0xffffffff, rng.nonce[0], rng.nonce[1],
		rng.nonce[2],
	} };
	size_t i;

	/* RFC 8439 has a 32-bit counter; ours carries into the nonce. */
	rng.counter++;
	if ((rng.counter & 0xffffffff) == 0)
		rng.nonce[2] += 1;
	*out = in;
	for (i = 0; i < 10; i++) {
		quarter(out, 0, 4, 8, 12);
		quarter(out, 1, 5, 9, 13);
		quarter(out, 2, 6, 10, 14);
		quarter(out, 3, 7, 11, 15);
		quarter(out, 0, 5, 10, 15);
		quarter(out, 1, 6, 11, 12);
		quarter(out, 2, 7, 8, 13);
		quarter(out, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++)
		out->w[i] += in.w[i];
}

/* Stirs @v into the nonce, then replaces the key. Lock held. */
static void rekey_locked(uint64_t v)
{
	struct chacha_block next;
	size_t i;

	rng.nonce[0] ^= v & 0xffffffff;
	rng.nonce[1] ^= v >> 32;
	chacha_block_locked(&next);
	for (i = 0; i < 8; i++)
		rng.key[i] = next.w[i];
}

void random_init(void)
{
	struct ostd_bytes seed = ostd_boot_rng_seed();
	struct ostd_irq_guard g = ostd_spin_lock(&rng.lock);
	size_t i;

	/* Fold every seed byte into the key, whatever the seed's length. */
	for (i = 0; i < seed.len; i++) {
		uint32_t b = ostd_bytes_at(seed, i) & 0xff;

		rng.key[i / 4 % 8] ^= rotl(b, i % 4 * 8 + i / 32);
	}
	rekey_locked(ostd_time_realtime_ns());
	rekey_locked(ostd_time_monotonic_ns());
	ostd_spin_unlock(&rng.lock, &g);
	if (seed.len < 16)
		ostd_log(OSTD_LOG_WARN,
			 "random: no rng-seed in the device tree; seeded from the clocks only");
}

void random_get(struct random_chunk *out)
{
	struct ostd_irq_guard g = ostd_spin_lock(&rng.lock);
	struct chacha_block b;
	size_t i;

	rng.nonce[0] ^= ostd_time_monotonic_ns() & 0xffffffff;
	chacha_block_locked(&b);
	rekey_locked(0);
	ostd_spin_unlock(&rng.lock, &g);
	for (i = 0; i < RANDOM_CHUNK; i++)
		out->bytes[i] = (b.w[i / 4] >> (i % 4 * 8)) & 0xff;
}

uint64_t random_u64(void)
{
	struct random_chunk c;
	uint64_t v = 0;
	size_t i;

	random_get(&c);
	for (i = 0; i < 8; i++) {
		uint64_t byte = c.bytes[i];

		v |= byte << (i * 8);
	}
	return v;
}
