// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_stat.c - system calls on file attributes: newfstatat, fstat,
 * statfs, fstatfs, faccessat, faccessat2, truncate, ftruncate, fchmod,
 * fchmodat, fchown, fchownat, utimensat, umask.
 *
 * Argument checks that Linux makes before looking at the path (flags,
 * modes, negative lengths) come first here too. fstat, fstatfs and the
 * *at() dirfds accept O_PATH files; calls that change a file through an
 * fd do not (EBADF), as on Linux.
 */
#include "errno.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/fcntl.h"

/* AT_STATX_SYNC_TYPE: statx's sync hints, accepted by fstatat too. */
#define AT_STATX_SYNC_TYPE 0x6000

/*
 * The result @r of a stat-like call, after copying its @n-byte answer at
 * @src out to @buf if it succeeded (-EFAULT if that faults).
 */
static long put_result(struct kernel_task *t, ostd_uaddr_t buf, long r,
		       const void *src, size_t n)
{
	if (r == 0 && mm_copy_to_user(t->mm, buf, src, n) < 0)
		return -EFAULT;
	return r;
}

long sys_newfstatat(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[3];
	struct linux_stat st;
	struct at_path ap;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH |
		      AT_STATX_SYNC_TYPE))
		return -EINVAL;
	r = fsargs_at(t, args->a[0], args->a[1], flags & AT_EMPTY_PATH, &ap);
	if (r < 0)
		return r;
	r = vfs_stat(t->fs, ap.dirf, ap.path,
		     flags & (AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH), &st);
	fsargs_at_put(&ap);
	return put_result(t, args->a[2], r, &st, sizeof(st));
}

long sys_fstat(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file(t, args->a[0]);
	struct linux_stat st;
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fstat(f, &st);
	file_put(f);
	return put_result(t, args->a[1], r, &st, sizeof(st));
}

long sys_statfs(struct kernel_task *t, const struct syscall_args *args)
{
	struct linux_statfs st;
	struct at_path ap;
	long r = fsargs_at(t, AT_FDCWD, args->a[0], false, &ap);

	if (r < 0)
		return r;
	r = vfs_statfs(t->fs, NULL, ap.path, &st);
	fsargs_at_put(&ap);
	return put_result(t, args->a[1], r, &st, sizeof(st));
}

long sys_fstatfs(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file(t, args->a[0]);
	struct linux_statfs st;
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fstatfs(f, &st);
	file_put(f);
	return put_result(t, args->a[1], r, &st, sizeof(st));
}

static long do_access(struct kernel_task *t, const struct syscall_args *args,
		      unsigned flags)
{
	uint32_t mode = args->a[2];
	struct at_path ap;
	long r;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = fsargs_at(t, args->a[0], args->a[1], flags & AT_EMPTY_PATH, &ap);
	if (r < 0)
		return r;
	r = vfs_access(t->fs, ap.dirf, ap.path, mode, flags);
	fsargs_at_put(&ap);
	return r;
}

long sys_faccessat(struct kernel_task *t, const struct syscall_args *args)
{
	return do_access(t, args, 0);
}

long sys_faccessat2(struct kernel_task *t, const struct syscall_args *args)
{
	return do_access(t, args, args->a[3]);
}

long sys_truncate(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t len = args->a[1];
	struct at_path ap;
	long r;

	if (len < 0)
		return -EINVAL;
	r = fsargs_at(t, AT_FDCWD, args->a[0], false, &ap);
	if (r < 0)
		return r;
	r = vfs_truncate(t->fs, NULL, ap.path, len);
	fsargs_at_put(&ap);
	return r;
}

long sys_ftruncate(struct kernel_task *t, const struct syscall_args *args)
{
	int64_t len = args->a[1];
	struct file *f;
	long r;

	if (len < 0)
		return -EINVAL;
	f = fsargs_file_io(t, args->a[0]);
	if (f == NULL)
		return -EBADF;
	r = vfs_ftruncate(f, len);
	file_put(f);
	return r;
}

long sys_fchmod(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fchmod(f, args->a[1]);
	file_put(f);
	return r;
}

/* fchmodat(dirfd, path, mode): Linux 6.1's has no flags argument. */
long sys_fchmodat(struct kernel_task *t, const struct syscall_args *args)
{
	struct at_path ap;
	long r = fsargs_at(t, args->a[0], args->a[1], false, &ap);

	if (r < 0)
		return r;
	r = vfs_chmod(t->fs, ap.dirf, ap.path, args->a[2], 0);
	fsargs_at_put(&ap);
	return r;
}

long sys_fchown(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file_io(t, args->a[0]);
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fchown(f, args->a[1], args->a[2]);
	file_put(f);
	return r;
}

long sys_fchownat(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[4];
	struct at_path ap;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = fsargs_at(t, args->a[0], args->a[1], flags & AT_EMPTY_PATH, &ap);
	if (r < 0)
		return r;
	r = vfs_chown(t->fs, ap.dirf, ap.path, args->a[2], args->a[3], flags);
	fsargs_at_put(&ap);
	return r;
}

/* The two timespecs of utimensat(2). */
struct utimens_times {
	struct linux_timespec ts[2];
};

/* futimens(): utimensat(fd, NULL, times, 0) changes the file @fd. */
static long utimens_fd(struct kernel_task *t, int fd, unsigned flags,
		       const struct utimens_times *tm)
{
	struct file *f;
	long r;

	if (flags != 0)
		return -EINVAL;
	f = fsargs_file_io(t, fd);
	if (f == NULL)
		return -EBADF;
	r = vfs_utimens(t->fs, f, ostd_bytes_empty(), tm ? &tm->ts[0] : NULL,
			tm ? &tm->ts[1] : NULL, 0);
	file_put(f);
	return r;
}

long sys_utimensat(struct kernel_task *t, const struct syscall_args *args)
{
	int dirfd = args->a[0];
	ostd_uaddr_t upath = args->a[1];
	ostd_uaddr_t utimes = args->a[2];
	unsigned flags = args->a[3];
	struct utimens_times tm;
	const struct utimens_times *tp = NULL;
	struct at_path ap;
	long r;

	if (utimes != 0) {
		if (mm_copy_from_user(t->mm, &tm, utimes, sizeof(tm)) < 0)
			return -EFAULT;
		/* Nothing to do: Linux does not even look at the path. */
		if (tm.ts[0].tv_nsec == UTIME_OMIT &&
		    tm.ts[1].tv_nsec == UTIME_OMIT)
			return 0;
		tp = &tm;
	}
	if (upath == 0 && dirfd != AT_FDCWD)
		return utimens_fd(t, dirfd, flags, tp);
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = fsargs_at(t, dirfd, upath, flags & AT_EMPTY_PATH, &ap);
	if (r < 0)
		return r;
	r = vfs_utimens(t->fs, ap.dirf, ap.path, tp ? &tp->ts[0] : NULL,
			tp ? &tp->ts[1] : NULL, flags);
	fsargs_at_put(&ap);
	return r;
}

long sys_umask(struct kernel_task *t, const struct syscall_args *args)
{
	return fs_context_umask(t->fs, args->a[0] & 0777);
}
