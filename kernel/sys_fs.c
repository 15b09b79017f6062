// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_fs.c - file system calls. There is no file table yet: fds 1
 * and 2 are the console, every other fd is closed.
 */
#include <ostd/console.h>
#include <ostd/vm.h>

#include "errno.h"
#include "syscall.h"

/* Linux caps one read/write at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT 0x7ffff000UL
/* Bytes copied from user memory per console write. */
#define WRITE_CHUNK 256

/* Linux's access_ok(): [addr, addr+len) lies inside user space. */
static bool user_range_ok(ostd_uaddr_t addr, uint64_t len)
{
	return len <= OSTD_USER_END && addr <= OSTD_USER_END - len;
}

/*
 * Copies @count bytes from user @buf to the console a chunk at a time.
 * Like a Linux tty, a fault after some bytes returns the bytes written.
 */
static long console_write_user(struct ostd_vmspace *vs, ostd_uaddr_t buf,
			       size_t count)
{
	char chunk[WRITE_CHUNK];
	size_t done = 0;

	while (done < count) {
		size_t n = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		ostd_uaddr_t fault = 0;

		if (ostd_vmspace_read(vs, buf + done, chunk, n, &fault) < 0) {
			/* Bytes before @fault were copied: write them too. */
			size_t ok = fault > buf + done ? fault - (buf + done) : 0;

			if (ok > n)
				ok = n;
			ostd_console_write(chunk, ok);
			done += ok;
			if (done == 0)
				return -EFAULT;
			return done;
		}
		ostd_console_write(chunk, n);
		done += n;
	}
	return done;
}

long sys_write(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned int fd = args->a[0];
	ostd_uaddr_t buf = args->a[1];
	uint64_t count = args->a[2];

	if (fd != 1 && fd != 2)
		return -EBADF;
	/* Same order as Linux's vfs_write(): access_ok, then the size. */
	if (!user_range_ok(buf, count))
		return -EFAULT;
	if (count > INT64_MAX)
		return -EINVAL;
	if (count > MAX_RW_COUNT)
		count = MAX_RW_COUNT;
	return console_write_user(t->vs, buf, count);
}
