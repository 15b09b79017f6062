/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/bytes.h - bounds-checked read-only byte views.
 *
 * An ostd_bytes is a borrowed view (pointer + length) of memory that the
 * caller keeps alive: a C string, a kernel array, the initrd, an embedded
 * ELF image. The kernel never indexes the pointer itself; every access
 * goes through these functions, which check the bounds.
 */
#ifndef OSTD_BYTES_H
#define OSTD_BYTES_H

#include <ostd/types.h>

struct ostd_bytes {
	const uint8_t *_ostd_ptr; /* private to ostd: do not dereference */
	size_t len;
};

/* A view of @len bytes at @p. @p must stay valid while the view is used. */
struct ostd_bytes ostd_bytes_of(const void *p, size_t len);
/* A view of a NUL-terminated string, without the NUL. NULL gives len 0. */
struct ostd_bytes ostd_bytes_cstr(const char *s);
/* The empty view. */
struct ostd_bytes ostd_bytes_empty(void);

/* Sub-view [off, off+len). False (and *out untouched) if out of range. */
bool ostd_bytes_sub(struct ostd_bytes b, size_t off, size_t len,
		    struct ostd_bytes *out);
/* Byte at @off, or -1 if @off >= len. */
int ostd_bytes_at(struct ostd_bytes b, size_t off);
/* Little-endian loads; false if [off, off+size) is out of range. */
bool ostd_bytes_u16le(struct ostd_bytes b, size_t off, uint16_t *out);
bool ostd_bytes_u32le(struct ostd_bytes b, size_t off, uint32_t *out);
bool ostd_bytes_u64le(struct ostd_bytes b, size_t off, uint64_t *out);
/* Copies up to @n bytes from @off into @dst; returns the number copied. */
size_t ostd_bytes_copy(struct ostd_bytes b, size_t off, void *dst, size_t n);
/* Byte-wise equality of two views. */
bool ostd_bytes_eq(struct ostd_bytes a, struct ostd_bytes b);
/* Index of the first @c at or after @from, or -1. */
long ostd_bytes_find(struct ostd_bytes b, size_t from, uint8_t c);

/*
 * Raw memory helpers for kernel arrays and structs. @dst and @src must be
 * objects of at least @n bytes; prefer struct assignment where possible.
 */
void ostd_mem_copy(void *dst, const void *src, size_t n);
void ostd_mem_set(void *dst, int c, size_t n);

#endif
