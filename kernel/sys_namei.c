// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_namei.c - system calls on names in the tree: mkdirat,
 * mknodat, unlinkat, symlinkat, linkat, renameat2, readlinkat,
 * and the process's place in it: chdir, fchdir, chroot, getcwd.
 *
 * Paths are copied in and dirfds looked up by fsargs_at() (Linux's order:
 * the path first); the VFS applies the rules. Flag checks that Linux makes
 * before touching the path are made here first.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/fcntl.h"

long sys_mkdirat(struct kernel_task *t, const struct syscall_args *args)
{
	struct at_path ap;
	long r = fsargs_at(t, args->a[0], args->a[1], false, &ap);

	if (r < 0)
		return r;
	r = vfs_mkdir(t->fs, ap.dirf, ap.path, args->a[2]);
	fsargs_at_put(&ap);
	return r;
}

/* mknodat(2): @dev is Linux's 32-bit encoding (new_encode_dev). */
long sys_mknodat(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t dev = args->a[3];
	struct at_path ap;
	long r = fsargs_at(t, args->a[0], args->a[1], false, &ap);

	if (r < 0)
		return r;
	r = vfs_mknod(t->fs, ap.dirf, ap.path, args->a[2], dev);
	fsargs_at_put(&ap);
	return r;
}

long sys_unlinkat(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[2];
	struct at_path ap;
	long r;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	r = fsargs_at(t, args->a[0], args->a[1], false, &ap);
	if (r < 0)
		return r;
	r = vfs_unlink(t->fs, ap.dirf, ap.path, flags);
	fsargs_at_put(&ap);
	return r;
}

/* symlinkat(target, newdirfd, linkpath). */
long sys_symlinkat(struct kernel_task *t, const struct syscall_args *args)
{
	struct vfs_pathbuf *tbuf;
	struct ostd_bytes target;
	struct at_path ap;
	long r = fsargs_str(t, args->a[0], &tbuf, &target);

	if (r < 0)
		return r;
	r = target.len == 0 ? -ENOENT
			    : fsargs_at(t, args->a[1], args->a[2], false, &ap);
	if (r == 0) {
		r = vfs_symlink(t->fs, target, ap.dirf, ap.path);
		fsargs_at_put(&ap);
	}
	ostd_heap_free(tbuf);
	return r;
}

/* Both ends of a link or rename, decoded; release with two_put(). */
struct two_paths {
	struct at_path from;
	struct at_path to;
};

static int two_get(struct kernel_task *t, const struct syscall_args *args,
		   bool from_empty_ok, struct two_paths *tp)
{
	int r = fsargs_at(t, args->a[0], args->a[1], from_empty_ok, &tp->from);

	if (r < 0)
		return r;
	r = fsargs_at(t, args->a[2], args->a[3], false, &tp->to);
	if (r < 0)
		fsargs_at_put(&tp->from);
	return r;
}

static void two_put(struct two_paths *tp)
{
	fsargs_at_put(&tp->from);
	fsargs_at_put(&tp->to);
}

long sys_linkat(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[4];
	struct two_paths tp;
	long r = two_get(t, args, (flags & AT_EMPTY_PATH) != 0, &tp);

	if (r < 0)
		return r;
	r = vfs_link(t->fs, tp.from.dirf, tp.from.path, tp.to.dirf, tp.to.path,
		     flags);
	two_put(&tp);
	return r;
}

/*
 * renameat2(2). riscv64 has no renameat (38 is not in its table: libc
 * calls renameat2 with flags 0), so this is the only rename.
 */
long sys_renameat2(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[4];
	struct two_paths tp;
	long r = two_get(t, args, false, &tp);

	if (r < 0)
		return r;
	r = vfs_rename(t->fs, tp.from.dirf, tp.from.path, tp.to.dirf,
		       tp.to.path, flags);
	two_put(&tp);
	return r;
}

long sys_readlinkat(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t buf = args->a[2];
	int32_t size = args->a[3];
	struct io_target io;
	struct at_path ap;
	long r;

	if (size <= 0)
		return -EINVAL;
	r = fsargs_at(t, args->a[0], args->a[1], true, &ap);
	if (r < 0)
		return r;
	io = fsargs_io(t, buf);
	r = vfs_readlink(t->fs, ap.dirf, ap.path, &io, size);
	fsargs_at_put(&ap);
	return r;
}

long sys_chdir(struct kernel_task *t, const struct syscall_args *args)
{
	struct at_path ap;
	long r = fsargs_at(t, AT_FDCWD, args->a[0], false, &ap);

	if (r < 0)
		return r;
	r = vfs_chdir(t->fs, NULL, ap.path);
	fsargs_at_put(&ap);
	return r;
}

long sys_chroot(struct kernel_task *t, const struct syscall_args *args)
{
	struct at_path ap;
	long r = fsargs_at(t, AT_FDCWD, args->a[0], false, &ap);

	if (r < 0)
		return r;
	r = vfs_chroot(t->fs, NULL, ap.path);
	fsargs_at_put(&ap);
	return r;
}

long sys_fchdir(struct kernel_task *t, const struct syscall_args *args)
{
	struct file *f = fsargs_file(t, args->a[0]);
	long r;

	if (f == NULL)
		return -EBADF;
	r = vfs_fchdir(t->fs, f);
	file_put(f);
	return r;
}

/* getcwd(2): the length with the NUL, or ERANGE if @size is too small. */
long sys_getcwd(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t buf = args->a[0];
	uint64_t size = args->a[1];
	struct vfs_kbuf *kb = OSTD_NEW(struct vfs_kbuf);
	uint64_t len = 0;
	long r;

	if (kb == NULL)
		return -ENOMEM;
	r = vfs_getcwd(t->fs, kb);
	if (r > 0)
		len = r;
	if (len > size)
		r = -ERANGE;
	else if (len > 0 && mm_copy_to_user(t->mm, buf, &kb->data[0], len) < 0)
		r = -EFAULT;
	ostd_heap_free(kb);
	return r;
}
