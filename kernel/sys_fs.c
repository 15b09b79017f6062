// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_fs.c - file system calls. There is no file table yet: fd 0
 * reads the console TTY, fds 1 and 2 write the console, every other fd is
 * closed.
 */
#include <ostd/console.h>
#include <ostd/vm.h>

#include "errno.h"
#include "mm/mm.h"
#include "syscall.h"
#include "tty/console.h"

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
static long console_write_user(struct mm *mm, ostd_uaddr_t buf,
			       size_t count)
{
	char chunk[WRITE_CHUNK];
	size_t done = 0;

	while (done < count) {
		size_t n = count - done < WRITE_CHUNK ? count - done : WRITE_CHUNK;
		size_t ok = mm_copy_from_user_upto(mm, chunk, buf + done, n);

		ostd_console_write(chunk, ok);
		done += ok;
		if (ok < n) {
			/* Bytes before the bad page were written. */
			if (done == 0)
				return -EFAULT;
			return done;
		}
	}
	return done;
}

/*
 * read(2) on fd 0: one console TTY read (at most TTY_CHUNK_SIZE bytes,
 * blocking until a line or VMIN bytes are there). A fault copying out
 * loses the bytes read, as they are already taken from the line.
 */
long sys_read(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned int fd = args->a[0];
	ostd_uaddr_t buf = args->a[1];
	uint64_t count = args->a[2];
	struct tty_chunk chunk;
	long n;

	if (fd != 0)
		return -EBADF;
	if (!user_range_ok(buf, count))
		return -EFAULT;
	if (count > INT64_MAX)
		return -EINVAL;
	if (count == 0)
		return 0;
	n = console_tty_read(&chunk, count, false);
	if (n <= 0)
		return n;
	if (mm_copy_to_user(t->mm, buf, chunk.data, chunk.len) < 0)
		return -EFAULT;
	return n;
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
	return console_write_user(t->mm, buf, count);
}
