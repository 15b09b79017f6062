/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fsargs.h - decoding the arguments of file system calls: fds to
 * open files, (dirfd, user path) pairs of the *at() calls, and user
 * buffers to I/O targets with the task's fault fixup.
 *
 * The order of the checks is Linux's: a user path is copied in (EFAULT,
 * ENAMETOOLONG, ENOENT for "" without AT_EMPTY_PATH) before the dirfd is
 * looked up (EBADF), and an absolute path never looks at the dirfd.
 */
#ifndef KERNEL_FSARGS_H
#define KERNEL_FSARGS_H

#include <ostd/bytes.h>
#include <ostd/types.h>

#include "fs/fdtable.h"
#include "fs/io.h"
#include "fs/vfs.h"
#include "task.h"

/* Linux's access_ok(): [addr, addr+len) lies inside user space. */
bool fsargs_range_ok(ostd_uaddr_t addr, uint64_t len);

/* An I/O target on @t's memory at @addr, resolving faults like user code. */
struct io_target fsargs_io(struct kernel_task *t, ostd_uaddr_t addr);
/* The same over the ranges of @segs. */
struct io_target fsargs_io_segs(struct kernel_task *t,
				const struct io_segs *segs);

/*
 * The open file at @fd with a new reference (file_put it), or NULL for
 * EBADF. The _io form also refuses O_PATH files, as Linux's fdget() does
 * for every call that does I/O or changes the file (read, ioctl, fchmod..).
 */
struct file *fsargs_file(struct kernel_task *t, int fd);
struct file *fsargs_file_io(struct kernel_task *t, int fd);

/* A (dirfd, path) pair, decoded. */
struct at_path {
	struct vfs_pathbuf *buf;
	struct ostd_bytes path; /* a view into buf */
	struct file *dirf;      /* NULL: the working directory (or absolute) */
};

/*
 * Copies the path at @upath and looks up @dirfd (AT_FDCWD or an fd).
 * @empty_ok allows "" (AT_EMPTY_PATH). On success release with
 * fsargs_at_put(); on failure nothing is held.
 */
int fsargs_at(struct kernel_task *t, int dirfd, ostd_uaddr_t upath,
	      bool empty_ok, struct at_path *ap);
void fsargs_at_put(struct at_path *ap);

/* A user string of at most @max bytes (with its NUL) into a new page
 * buffer: the view in *@out. -EFAULT, -ENAMETOOLONG (no NUL) or -ENOMEM. */
int fsargs_str(struct kernel_task *t, ostd_uaddr_t ustr,
	       struct vfs_pathbuf **buf, struct ostd_bytes *out);

#endif
