// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/bytes.c - bounds-checked byte views (include/ostd/bytes.h) and the
 * C library memory primitives the compiler emits calls to.
 *
 * memcpy/memset move 8 bytes at a time when the pointers allow it. They
 * are marked no_builtin so the compiler cannot turn their own loops back
 * into calls to themselves. Pure C: also compiled natively for tests;
 * a hosted build (no -ffreestanding) takes the memcpy family from libc.
 */
#include <ostd/bytes.h>

#if !__STDC_HOSTED__
#define NO_BUILTIN __attribute__((no_builtin))

/* SAFETY (whole section): callers pass objects of at least @n bytes. */
NO_BUILTIN void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if ((((uintptr_t)d | (uintptr_t)s) & 7) == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

NO_BUILTIN void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;

	if (((uintptr_t)d & 7) == 0) {
		uint64_t v = 0x0101010101010101ULL * (uint8_t)c;

		for (; n >= 8; n -= 8, d += 8)
			*(uint64_t *)d = v;
	}
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

NO_BUILTIN void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d == s || n == 0)
		return dst;
	if ((uintptr_t)d < (uintptr_t)s || (uintptr_t)d >= (uintptr_t)s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n]; /* overlapping, dst above src: copy backwards */
	return dst;
}

NO_BUILTIN int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

NO_BUILTIN size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
#else
#include <string.h>
#endif

void ostd_mem_copy(void *dst, const void *src, size_t n)
{
	if (n == 0)
		return;
	memmove(dst, src, n);
}

void ostd_mem_set(void *dst, int c, size_t n)
{
	if (n == 0)
		return;
	memset(dst, c, n);
}

struct ostd_bytes ostd_bytes_of(const void *p, size_t len)
{
	struct ostd_bytes b = { p, p ? len : 0 };

	return b;
}

struct ostd_bytes ostd_bytes_cstr(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return ostd_bytes_empty();
	while (s[n])
		n++;
	/* SAFETY: a char array viewed as bytes, same size and alignment 1. */
	return ostd_bytes_of((const uint8_t *)s, n);
}

struct ostd_bytes ostd_bytes_empty(void)
{
	struct ostd_bytes b = { NULL, 0 };

	return b;
}

static bool in_range(struct ostd_bytes b, size_t off, size_t len)
{
	return off <= b.len && len <= b.len - off;
}

bool ostd_bytes_sub(struct ostd_bytes b, size_t off, size_t len,
		    struct ostd_bytes *out)
{
	if (!in_range(b, off, len))
		return false;
	/* SAFETY: [off, off+len) lies inside the view (checked). */
	out->_ostd_ptr = len ? b._ostd_ptr + off : b._ostd_ptr;
	out->len = len;
	return true;
}

int ostd_bytes_at(struct ostd_bytes b, size_t off)
{
	return off < b.len ? b._ostd_ptr[off] : -1;
}

/* Little-endian load of @size bytes at @off; false if out of range. */
static bool load_le(struct ostd_bytes b, size_t off, size_t size, uint64_t *out)
{
	uint64_t v = 0;

	if (!in_range(b, off, size))
		return false;
	for (size_t i = 0; i < size; i++)
		v |= (uint64_t)b._ostd_ptr[off + i] << (8 * i);
	*out = v;
	return true;
}

bool ostd_bytes_u16le(struct ostd_bytes b, size_t off, uint16_t *out)
{
	uint64_t v;

	if (!load_le(b, off, 2, &v))
		return false;
	*out = (uint16_t)v;
	return true;
}

bool ostd_bytes_u32le(struct ostd_bytes b, size_t off, uint32_t *out)
{
	uint64_t v;

	if (!load_le(b, off, 4, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool ostd_bytes_u64le(struct ostd_bytes b, size_t off, uint64_t *out)
{
	return load_le(b, off, 8, out);
}

size_t ostd_bytes_copy(struct ostd_bytes b, size_t off, void *dst, size_t n)
{
	if (off >= b.len)
		return 0;
	if (n > b.len - off)
		n = b.len - off;
	/* SAFETY: [off, off+n) is inside the view; @dst holds @n bytes. */
	memcpy(dst, b._ostd_ptr + off, n);
	return n;
}

bool ostd_bytes_eq(struct ostd_bytes a, struct ostd_bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a._ostd_ptr, b._ostd_ptr, a.len) == 0);
}

long ostd_bytes_find(struct ostd_bytes b, size_t from, uint8_t c)
{
	for (size_t i = from; i < b.len; i++)
		if (b._ostd_ptr[i] == c)
			return (long)i;
	return -1;
}
