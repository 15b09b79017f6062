// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_write.c - write(2) on the console: stdout, stderr, bad file
 * descriptors (EBADF) and bad buffers (EFAULT), including kernel addresses,
 * which are mapped (global) in every racho address space and must still be
 * refused.
 */
#include <stdint.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"

/* The racho kernel image (ostd/internal.h); kernel space on Linux too. */
#define KERNEL_ADDR 0xffffffc080200000UL
/* The first address above SV39 user space (Linux TASK_SIZE on sv39). */
#define ABOVE_USER 0x0000004000000000UL

int test_write(void)
{
	static const char out[] = "# write: hello on stdout\n";
	static const char err[] = "# write: hello on stderr\n";
	char buf[8] = "xxxxxxx";

	harness_begin("write");
	CHECK_EQ("write.stdout", write(1, out, strlen(out)), strlen(out));
	CHECK_EQ("write.stderr", write(2, err, strlen(err)), strlen(err));
	CHECK_EQ("write.zero_len", write(1, buf, 0), 0);
	/* raw syscall: the kernel's answer, not a libc check */
	CHECK_EQ("write.raw_syscall", syscall(SYS_write, 1, "", 0), 0);

	CHECK_ERR("write.ebadf.negative", write(-1, buf, 1), EBADF);
	CHECK_ERR("write.ebadf.unopened", write(100, buf, 1), EBADF);
	CHECK_ERR("write.ebadf.huge", write(0x7fffffff, buf, 1), EBADF);
	/* the fd is checked before the buffer */
	CHECK_ERR("write.ebadf.before_efault", write(100, (void *)1, 5), EBADF);

	CHECK_ERR("write.efault.low", write(1, (void *)1, 5), EFAULT);
	CHECK_ERR("write.efault.null", write(1, NULL, 5), EFAULT);
	CHECK_ERR("write.efault.kernel", write(1, (void *)KERNEL_ADDR, 8), EFAULT);
	CHECK_ERR("write.efault.above_user", write(1, (void *)ABOVE_USER, 8), EFAULT);
	CHECK_ERR("write.efault.wraps", write(1, (void *)(UINTPTR_MAX - 3), 8), EFAULT);
	return harness_end();
}
