/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/types.h - basic types shared by ostd and the kernel.
 *
 * User addresses are plain integers (ostd_uaddr_t), never pointers: the kernel
 * cannot dereference them, it can only hand them to ostd's checked copies.
 * Error returns from ostd are negative Linux errno values, so the kernel can
 * pass them straight to user space.
 */
#ifndef OSTD_TYPES_H
#define OSTD_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t ostd_uaddr_t;

#define OSTD_PAGE_SIZE 4096UL
#define OSTD_PAGE_SHIFT 12

/* Linux errno values used by ostd's own error returns. */
#define OSTD_ENOENT 2
#define OSTD_ENOEXEC 8
#define OSTD_EAGAIN 11
#define OSTD_ENOMEM 12
#define OSTD_EFAULT 14
#define OSTD_EBUSY 16
#define OSTD_EEXIST 17
#define OSTD_EINVAL 22
#define OSTD_ERANGE 34

#endif
