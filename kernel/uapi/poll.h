/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/poll.h - poll(2) event bits and struct pollfd
 * (include/uapi/asm-generic/poll.h).
 */
#ifndef KERNEL_UAPI_POLL_H
#define KERNEL_UAPI_POLL_H

#include <ostd/types.h>

#define POLLIN 0x0001U
#define POLLPRI 0x0002U
#define POLLOUT 0x0004U
#define POLLERR 0x0008U
#define POLLHUP 0x0010U
#define POLLNVAL 0x0020U
#define POLLRDNORM 0x0040U
#define POLLRDBAND 0x0080U
#define POLLWRNORM 0x0100U
#define POLLWRBAND 0x0200U

/* What a file without a poll operation reports (DEFAULT_POLLMASK). */
#define POLL_DEFAULT_MASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

struct linux_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

#endif
