// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fsargs.c - decoding file system call arguments (see fsargs.h),
 * and the ioctl argument copies the VFS drivers use (fs/io.h).
 */
#include <ostd/mem.h>
#include <ostd/vm.h>

#include "errno.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "uapi/fcntl.h"

bool fsargs_range_ok(ostd_uaddr_t addr, uint64_t len)
{
	return len <= OSTD_USER_END && addr <= OSTD_USER_END - len;
}

/* io_fixup_fn: a fault in a syscall's copy is resolved like user code's. */
static int fsargs_fixup(struct kernel_task *t, ostd_uaddr_t addr,
			unsigned prot)
{
	return mm_handle_fault(t->mm, addr, prot);
}

struct io_target fsargs_io(struct kernel_task *t, ostd_uaddr_t addr)
{
	return io_user(mm_vmspace(t->mm), addr, t, fsargs_fixup);
}

struct io_target fsargs_io_segs(struct kernel_task *t,
				const struct io_segs *segs)
{
	return io_user_segs(mm_vmspace(t->mm), segs, t, fsargs_fixup);
}

struct file *fsargs_file(struct kernel_task *t, int fd)
{
	if (t->fdt == NULL)
		return NULL;
	return fd_get(t->fdt, fd);
}

struct file *fsargs_file_io(struct kernel_task *t, int fd)
{
	struct file *f = fsargs_file(t, fd);

	if (f != NULL && (vfs_file_flags(f) & O_PATH)) {
		file_put(f);
		return NULL;
	}
	return f;
}

int fsargs_str(struct kernel_task *t, ostd_uaddr_t ustr,
	       struct vfs_pathbuf **buf, struct ostd_bytes *out)
{
	int r;

	*buf = OSTD_NEW(struct vfs_pathbuf);
	if (*buf == NULL)
		return -ENOMEM;
	r = io_path_from_user(mm_vmspace(t->mm), ustr, t, fsargs_fixup, *buf,
			      out);
	if (r < 0) {
		ostd_heap_free(*buf);
		*buf = NULL;
	}
	return r;
}

int fsargs_at(struct kernel_task *t, int dirfd, ostd_uaddr_t upath,
	      bool empty_ok, struct at_path *ap)
{
	int r = fsargs_str(t, upath, &ap->buf, &ap->path);

	ap->dirf = NULL;
	if (r < 0)
		return r;
	if (ap->path.len == 0 && !empty_ok)
		r = -ENOENT;
	/* An absolute path ignores the dirfd, even a bad one. */
	else if (dirfd != AT_FDCWD && ostd_bytes_at(ap->path, 0) != '/') {
		ap->dirf = fsargs_file(t, dirfd);
		if (ap->dirf == NULL)
			r = -EBADF;
	}
	if (r < 0) {
		ostd_heap_free(ap->buf);
		ap->buf = NULL;
	}
	return r;
}

void fsargs_at_put(struct at_path *ap)
{
	if (ap->dirf != NULL)
		file_put(ap->dirf);
	ostd_heap_free(ap->buf);
	ap->dirf = NULL;
	ap->buf = NULL;
}

int io_put_user(ostd_uaddr_t dst, const void *src, size_t n)
{
	struct kernel_task *t = task_current();

	return mm_copy_to_user(t->mm, dst, src, n) < 0 ? -EFAULT : 0;
}

int io_get_user(void *dst, ostd_uaddr_t src, size_t n)
{
	struct kernel_task *t = task_current();

	return mm_copy_from_user(t->mm, dst, src, n) < 0 ? -EFAULT : 0;
}
