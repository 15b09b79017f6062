// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_frame.c - host test of the buddy allocator's bookkeeping
 * (ostd/buddy.c) on a fake region: allocation, splitting, coalescing,
 * exhaustion, double-free and bad-free detection, reserved holes.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include "buddy.h"

#define N 4096 /* frames: four max-order blocks */

static struct ostd_frame meta[N];
static struct ostd_buddy b;

static void test_full_region(void)
{
	ostd_buddy_init(&b, meta, N);
	assert(b.free_frames == 0);
	assert(ostd_buddy_alloc(&b, 0) == -1); /* all reserved */
	assert(ostd_buddy_add(&b, 0, N) == 0);
	assert(b.free_frames == N && b.total_frames == N);
	assert(ostd_buddy_add(&b, 0, 1) == -1); /* already free */
	assert(ostd_buddy_add(&b, N, 1) == -1); /* out of range */

	long a = ostd_buddy_alloc(&b, 0);
	long c = ostd_buddy_alloc(&b, 0);
	assert(a >= 0 && c >= 0 && a != c);
	assert(b.free_frames == N - 2);
	assert(ostd_buddy_free(&b, (size_t)a, 0) == 0);
	assert(ostd_buddy_free(&b, (size_t)a, 0) == -1); /* double free */
	assert(ostd_buddy_free(&b, (size_t)c, 1) == -1); /* wrong order */
	assert(ostd_buddy_free(&b, (size_t)c, 0) == 0);
	assert(b.free_frames == N);
	/* Everything merged back: four order-10 blocks are available. */
	for (int i = 0; i < 4; i++)
		assert(ostd_buddy_alloc(&b, 10) >= 0);
	assert(ostd_buddy_alloc(&b, 0) == -1); /* exhausted */
	assert(ostd_buddy_alloc(&b, 11) == -1); /* no such order */
}

static void test_exhaust_and_coalesce(void)
{
	static long got[N];

	ostd_buddy_init(&b, meta, N);
	assert(ostd_buddy_add(&b, 0, N) == 0);
	for (int i = 0; i < N; i++) {
		got[i] = ostd_buddy_alloc(&b, 0);
		assert(got[i] >= 0 && got[i] < N);
	}
	assert(ostd_buddy_alloc(&b, 0) == -1);
	assert(b.free_frames == 0);
	/* Free in a scrambled order; coalescing must rebuild big blocks. */
	for (int i = 0; i < N; i++) {
		int j = (i * 1237) % N;
		assert(ostd_buddy_free(&b, (size_t)got[j], 0) == 0);
	}
	assert(b.free_frames == N);
	for (int i = 0; i < 4; i++)
		assert(ostd_buddy_alloc(&b, 10) >= 0);
}

static void test_blocks_and_heads(void)
{
	ostd_buddy_init(&b, meta, N);
	assert(ostd_buddy_add(&b, 0, N) == 0);
	long blk = ostd_buddy_alloc(&b, 3);
	assert(blk >= 0 && blk % 8 == 0);
	for (int i = 0; i < 8; i++)
		assert(ostd_buddy_block_head(&b, (size_t)blk + i) == blk);
	assert(ostd_buddy_free(&b, (size_t)blk + 1, 3) == -1); /* a tail */
	assert(ostd_buddy_free(&b, (size_t)blk + 1, 0) == -1);
	assert(ostd_buddy_free(&b, (size_t)blk, 3) == 0);
	assert(ostd_buddy_block_head(&b, (size_t)blk) == -1); /* free now */
	assert(ostd_buddy_free(&b, N + 5, 0) == -1);
}

static void test_holes(void)
{
	/* Odd-sized, unaligned ranges with a reserved hole in the middle. */
	ostd_buddy_init(&b, meta, N);
	assert(ostd_buddy_add(&b, 3, 1000) == 0);
	assert(ostd_buddy_add(&b, 2000, 1001) == 0);
	assert(b.free_frames == 2001);
	size_t n = 0;
	long i;
	while ((i = ostd_buddy_alloc(&b, 0)) >= 0) {
		assert((i >= 3 && i < 1003) || (i >= 2000 && i < 3001));
		n++;
	}
	assert(n == 2001);
	/* Big blocks never straddle the hole. */
	ostd_buddy_init(&b, meta, N);
	assert(ostd_buddy_add(&b, 1, 2046) == 0);
	assert(ostd_buddy_alloc(&b, 10) == -1);
	long k = ostd_buddy_alloc(&b, 9);
	assert(k == 512 || k == 1024);
}

int main(void)
{
	test_full_region();
	test_exhaust_and_coalesce();
	test_blocks_and_heads();
	test_holes();
	printf("test_frame: ok\n");
	return 0;
}
