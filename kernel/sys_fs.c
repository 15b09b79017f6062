// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_fs.c - system calls that move data through open files:
 * read, write, readv, writev, pread64, pwrite64, preadv, pwritev, lseek,
 * getdents64, and the sync family.
 *
 * Each one decodes its arguments in Linux's order (the fd, the access
 * mode, then access_ok() on the buffer, then the size) and hands the VFS
 * an I/O target on the caller's memory (fsargs.h); the VFS and the
 * drivers move the bytes. readv/writev pass all their ranges as one
 * target, so a pipe or TTY read fills them in one operation, as Linux's
 * iov_iter does.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/fcntl.h"

/* Linux caps one read/write at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT 0x7ffff000UL

/* EBADF unless @f is open for writing (@write) or reading. */
static int rw_mode_ok(struct file *f, bool write)
{
	uint32_t acc = vfs_file_flags(f) & O_ACCMODE;

	if (acc == O_RDWR || acc == (write ? O_WRONLY : O_RDONLY))
		return 0;
	return -EBADF;
}

/* read(2)/write(2), and pread/pwrite when @pos >= 0. */
static long do_rw(struct kernel_task *t, int fd, ostd_uaddr_t buf,
		  uint64_t count, bool write, int64_t pos)
{
	struct file *f = fsargs_file_io(t, fd);
	struct io_target io;
	long r;

	if (f == NULL)
		return -EBADF;
	r = pos >= 0 && !vfs_file_seekable(f) ? -ESPIPE : rw_mode_ok(f, write);
	if (r == 0 && !fsargs_range_ok(buf, count))
		r = -EFAULT;
	if (r == 0) {
		if (count > MAX_RW_COUNT)
			count = MAX_RW_COUNT;
		io = fsargs_io(t, buf);
		if (pos >= 0)
			r = write ? vfs_pwrite(f, &io, count, pos)
				  : vfs_pread(f, &io, count, pos);
		else
			r = write ? vfs_write(f, &io, count)
				  : vfs_read(f, &io, count);
	}
	file_put(f);
	return r;
}

long sys_read(struct kernel_task *t, const struct syscall_args *args)
{
	return do_rw(t, args->a[0], args->a[1], args->a[2], false, -1);
}

long sys_write(struct kernel_task *t, const struct syscall_args *args)
{
	return do_rw(t, args->a[0], args->a[1], args->a[2], true, -1);
}

long sys_pread64(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t pos = args->a[3];

	if (pos < 0)
		return -EINVAL; /* before the fd, as Linux */
	return do_rw(t, args->a[0], args->a[1], args->a[2], false, pos);
}

long sys_pwrite64(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t pos = args->a[3];

	if (pos < 0)
		return -EINVAL;
	return do_rw(t, args->a[0], args->a[1], args->a[2], true, pos);
}

/*
 * Copies and checks an iovec array like Linux's import_iovec(): at most
 * IO_MAX_SEGS entries (EINVAL), readable (EFAULT), no negative length
 * (EINVAL), every range inside user space (EFAULT); the total is capped
 * at MAX_RW_COUNT by shortening the segments. Stores the total in *@total.
 */
static int iov_import(struct kernel_task *t, ostd_uaddr_t uiov, uint64_t cnt,
		      struct io_segs *segs, size_t *total)
{
	size_t sum = 0;
	size_t i;

	if (cnt > IO_MAX_SEGS)
		return -EINVAL;
	segs->n = cnt;
	if (cnt > 0 && mm_copy_from_user(t->mm, &segs->seg[0], uiov,
					 cnt * sizeof(segs->seg[0])) < 0)
		return -EFAULT;
	for (i = 0; i < cnt; i++) {
		struct io_seg *s = &segs->seg[i];

		if (s->len > INT64_MAX)
			return -EINVAL;
		if (!fsargs_range_ok(s->base, s->len))
			return -EFAULT;
		if (s->len > MAX_RW_COUNT - sum)
			s->len = MAX_RW_COUNT - sum;
		sum += s->len;
	}
	*total = sum;
	return 0;
}

/* readv/writev (@pos < 0) and preadv/pwritev. */
static long do_rwv(struct kernel_task *t, int fd, ostd_uaddr_t uiov,
		   uint64_t cnt, bool write, int64_t pos)
{
	struct file *f = fsargs_file_io(t, fd);
	struct io_segs *segs = NULL;
	struct io_target io;
	size_t total = 0;
	long r = 0;

	if (f == NULL)
		return -EBADF;
	if (pos >= 0 && !vfs_file_seekable(f))
		r = -ESPIPE;
	if (r == 0) {
		segs = OSTD_NEW(struct io_segs);
		r = segs == NULL ? -ENOMEM : iov_import(t, uiov, cnt, segs,
							  &total);
	}
	if (r == 0)
		r = rw_mode_ok(f, write);
	if (r == 0 && total > 0) {
		io = fsargs_io_segs(t, segs);
		if (pos >= 0)
			r = write ? vfs_pwrite(f, &io, total, pos)
				  : vfs_pread(f, &io, total, pos);
		else
			r = write ? vfs_write(f, &io, total)
				  : vfs_read(f, &io, total);
	}
	ostd_heap_free(segs);
	file_put(f);
	return r;
}

long sys_readv(struct kernel_task *t, const struct syscall_args *args)
{
	return do_rwv(t, args->a[0], args->a[1], args->a[2], false, -1);
}

long sys_writev(struct kernel_task *t, const struct syscall_args *args)
{
	return do_rwv(t, args->a[0], args->a[1], args->a[2], true, -1);
}

/* preadv(fd, iov, cnt, pos_l, pos_h): on 64-bit, pos_l is the offset. */
long sys_preadv(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t pos = args->a[3];

	if (pos < 0)
		return -EINVAL;
	return do_rwv(t, args->a[0], args->a[1], args->a[2], false, pos);
}

long sys_pwritev(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t pos = args->a[3];

	if (pos < 0)
		return -EINVAL;
	return do_rwv(t, args->a[0], args->a[1], args->a[2], true, pos);
}

long sys_lseek(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);
	int64_t off = args->a[1];
	unsigned whence = args->a[2];
	long r;

	if (f == NULL)
		return -EBADF;
	r = whence > SEEK_HOLE ? -EINVAL : vfs_lseek(f, off, whence);
	file_put(f);
	return r;
}

long sys_getdents64(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);
	ostd_uaddr_t buf = args->a[1];
	uint32_t count = args->a[2];
	struct io_target io;
	long r;

	if (f == NULL)
		return -EBADF;
	if (!fsargs_range_ok(buf, count)) {
		r = -EFAULT;
	} else {
		io = fsargs_io(t, buf);
		r = vfs_getdents64(f, &io, count);
	}
	file_put(f);
	return r;
}

/* ---- sync: tmpfs has nothing to write back ---- */

long sys_sync(struct kernel_task *t, const struct syscall_args *args)
{
	(void)t;
	(void)args;
	return 0;
}

/* syncfs(2): any open file names its file system. */
long sys_syncfs(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);

	if (f == NULL)
		return -EBADF;
	file_put(f);
	return 0;
}

/*
 * fsync(2) and fdatasync(2): files and directories have (nothing) to
 * flush; other files have no fsync operation, which Linux reports as
 * EINVAL (pipes, TTYs).
 */
long sys_fsync(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);
	struct linux_stat st;
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fstat(f, &st);
	if (r == 0 && (st.st_mode & S_IFMT) != S_IFREG &&
	    (st.st_mode & S_IFMT) != S_IFDIR)
		r = -EINVAL;
	file_put(f);
	return r;
}
