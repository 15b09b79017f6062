/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/frame.h - physical page frames as reference-counted handles.
 *
 * A struct ostd_frame * names one 4 KiB frame of RAM. The kernel never sees
 * its physical address. Each handle holder owns one reference: get adds
 * one, put drops one and the frame returns to the allocator at zero. A
 * mapping in an address space holds its own reference too, so a frame that
 * is mapped twice (copy-on-write) has a count of at least two.
 * All functions are safe from any context; counts are atomic.
 */
#ifndef OSTD_FRAME_H
#define OSTD_FRAME_H

#include <ostd/types.h>

struct ostd_frame;

/* A zeroed frame with one reference, or NULL when RAM is exhausted. */
struct ostd_frame *ostd_frame_alloc(void);
void ostd_frame_get(struct ostd_frame *f);
void ostd_frame_put(struct ostd_frame *f);
uint32_t ostd_frame_refcount(const struct ostd_frame *f);

/* Copy bytes in or out of a frame; -OSTD_EINVAL if off+n > page size. */
int ostd_frame_read(const struct ostd_frame *f, size_t off, void *dst, size_t n);
int ostd_frame_write(struct ostd_frame *f, size_t off, const void *src, size_t n);
int ostd_frame_fill(struct ostd_frame *f, size_t off, int c, size_t n);
/* Copies the whole of @src into @dst. */
void ostd_frame_copy(struct ostd_frame *dst, const struct ostd_frame *src);

/* Allocator statistics, in frames. */
size_t ostd_frame_free_count(void);
size_t ostd_frame_total_count(void);

#endif
