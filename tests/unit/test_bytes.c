// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_bytes.c - host test of the bounds-checked byte views
 * (ostd/bytes.c): every accessor at, just inside and just past the end,
 * and offsets that would overflow.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include <ostd/bytes.h>

static void test_basic(void)
{
	static const uint8_t data[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct ostd_bytes b = ostd_bytes_of(data, sizeof(data)), s;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	assert(b.len == 10);
	assert(ostd_bytes_at(b, 0) == 1 && ostd_bytes_at(b, 9) == 10);
	assert(ostd_bytes_at(b, 10) == -1 && ostd_bytes_at(b, SIZE_MAX) == -1);
	assert(ostd_bytes_u16le(b, 8, &u16) && u16 == 0x0a09);
	assert(!ostd_bytes_u16le(b, 9, &u16));
	assert(ostd_bytes_u32le(b, 0, &u32) && u32 == 0x04030201);
	assert(!ostd_bytes_u32le(b, 7, &u32));
	assert(ostd_bytes_u64le(b, 2, &u64) && u64 == 0x0a09080706050403ULL);
	assert(!ostd_bytes_u64le(b, 3, &u64));
	assert(!ostd_bytes_u64le(b, SIZE_MAX - 2, &u64));

	assert(ostd_bytes_sub(b, 2, 3, &s) && s.len == 3 && ostd_bytes_at(s, 0) == 3);
	assert(ostd_bytes_sub(b, 10, 0, &s) && s.len == 0);
	assert(!ostd_bytes_sub(b, 8, 3, &s));
	assert(!ostd_bytes_sub(b, 11, 0, &s));
	assert(!ostd_bytes_sub(b, 1, SIZE_MAX, &s));

	uint8_t out[16] = { 0 };
	assert(ostd_bytes_copy(b, 7, out, 16) == 3 && out[0] == 8 && out[2] == 10);
	assert(ostd_bytes_copy(b, 10, out, 4) == 0);
	assert(ostd_bytes_copy(b, SIZE_MAX, out, 4) == 0);

	assert(ostd_bytes_find(b, 0, 5) == 4);
	assert(ostd_bytes_find(b, 5, 5) == -1);
	assert(ostd_bytes_find(b, 100, 5) == -1);
}

static void test_strings(void)
{
	struct ostd_bytes a = ostd_bytes_cstr("hello"), e = ostd_bytes_empty();

	assert(a.len == 5);
	assert(ostd_bytes_cstr(NULL).len == 0);
	assert(ostd_bytes_eq(a, ostd_bytes_cstr("hello")));
	assert(!ostd_bytes_eq(a, ostd_bytes_cstr("hellp")));
	assert(!ostd_bytes_eq(a, ostd_bytes_cstr("hell")));
	assert(ostd_bytes_eq(e, ostd_bytes_cstr("")));
	assert(ostd_bytes_at(e, 0) == -1);
	assert(ostd_bytes_of(NULL, 10).len == 0);
}

static void test_mem(void)
{
	char buf[32];

	ostd_mem_set(buf, 'x', sizeof(buf));
	assert(buf[0] == 'x' && buf[31] == 'x');
	ostd_mem_copy(buf, "abcdef", 6);
	ostd_mem_copy(buf + 2, buf, 4); /* overlapping: memmove semantics */
	assert(memcmp(buf, "ababcd", 6) == 0);
	ostd_mem_copy(NULL, NULL, 0);
	ostd_mem_set(NULL, 0, 0);
}

int main(void)
{
	test_basic();
	test_strings();
	test_mem();
	printf("test_bytes: ok\n");
	return 0;
}
