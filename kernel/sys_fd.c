// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_fd.c - system calls that make, copy and close file
 * descriptors, or change an open file's flags: openat, close,
 * close_range, dup, dup3, fcntl, ioctl, pipe2.
 *
 * The fd table itself is kernel/fs/fdtable.c; this file decodes Linux's
 * arguments and applies its rules on top (which calls accept O_PATH
 * files, which flags are silently ignored, the generic ioctls).
 */
#include "errno.h"
#include "fs/pipe.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/fcntl.h"
#include "uapi/ioctl.h"

/* The open(2) flags Linux knows (VALID_OPEN_FLAGS); others are ignored. */
#define VALID_OPEN_FLAGS (O_ACCMODE | O_CREAT | O_EXCL | O_NOCTTY | \
			  O_TRUNC | O_APPEND | O_NONBLOCK | O_DSYNC | FASYNC | \
			  O_DIRECT | O_LARGEFILE | O_DIRECTORY | O_NOFOLLOW | \
			  O_NOATIME | O_CLOEXEC | O_SYNC | O_PATH | O_TMPFILE)

long sys_openat(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t flags = args->a[2];
	uint32_t mode = args->a[3];
	struct at_path ap;
	struct file *f = NULL;
	long r;

	flags &= VALID_OPEN_FLAGS;
	/* A 64-bit kernel opens everything large-file (force_o_largefile). */
	flags |= O_LARGEFILE;
	/* The mode only counts when a file is created. */
	if (!(flags & O_CREAT) && (flags & O_TMPFILE) != O_TMPFILE)
		mode = 0;
	r = fsargs_at(t, args->a[0], args->a[1], false, &ap);
	if (r < 0)
		return r;
	r = vfs_open(t->fs, ap.dirf, ap.path, flags, mode & 07777, &f);
	fsargs_at_put(&ap);
	if (r < 0)
		return r;
	r = fd_install(t->fdt, f, (flags & O_CLOEXEC) != 0, 0);
	if (r < 0)
		file_put(f);
	return r;
}

long sys_close(struct kernel_task *t, const struct syscall_args *args)
{
	return fd_close(t->fdt, args->a[0]);
}

long sys_close_range(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t first = args->a[0];
	uint32_t last = args->a[1];
	uint32_t flags = args->a[2];

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	/* One thread per process: the table is never shared to unshare. */
	return fd_close_range(t->fdt, first, last, flags & ~CLOSE_RANGE_UNSHARE);
}

long sys_dup(struct kernel_task *t, const struct syscall_args *args)
{
	return fd_dup(t->fdt, args->a[0], 0, false);
}

long sys_dup3(struct kernel_task *t, const struct syscall_args *args)
{
	return fd_dup3(t->fdt, args->a[0], args->a[1], args->a[2]);
}

/* The fcntl(2) commands an O_PATH file allows (Linux's check_fcntl_cmd). */
static bool fcntl_path_ok(unsigned cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

static long do_fcntl(struct kernel_task *t, int fd, struct file *f,
		     unsigned cmd, uint64_t arg)
{
	uint32_t argi = arg;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (argi >= fdtable_limit(t->fdt))
			return -EINVAL;
		return fd_dup(t->fdt, fd, argi, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return fd_get_cloexec(t->fdt, fd);
	case F_SETFD:
		return fd_set_cloexec(t->fdt, fd, (argi & FD_CLOEXEC) != 0);
	case F_GETFL:
		return vfs_file_flags(f);
	case F_SETFL:
		return vfs_file_set_flags(f, argi);
	default:
		return -EINVAL;
	}
}

long sys_fcntl(struct kernel_task *t, const struct syscall_args *args)
{
	int fd = args->a[0];
	unsigned cmd = args->a[1];
	struct file *f = fsargs_file(t, fd);
	long r;

	if (f == NULL)
		return -EBADF;
	if ((vfs_file_flags(f) & O_PATH) && !fcntl_path_ok(cmd))
		r = -EBADF;
	else
		r = do_fcntl(t, fd, f, cmd, args->a[2]);
	file_put(f);
	return r;
}

/* FIONBIO and FIOASYNC: an int at @arg turns the flag on or off. */
static long ioctl_flag(struct kernel_task *t, struct file *f, unsigned cmd,
		       uint64_t arg)
{
	int32_t on;
	uint32_t flags;

	if (mm_copy_from_user(t->mm, &on, arg, sizeof(on)) < 0)
		return -EFAULT;
	/* No file can signal I/O readiness (no fasync): Linux says ENOTTY. */
	if (cmd == FIOASYNC)
		return on ? -ENOTTY : 0;
	flags = vfs_file_flags(f);
	return vfs_file_set_flags(f, on ? flags | O_NONBLOCK
				      : flags & ~O_NONBLOCK);
}

/* FIONREAD on a regular file: the bytes between the offset and EOF. */
static long ioctl_fionread_reg(struct kernel_task *t, struct file *f,
			       uint64_t arg)
{
	struct linux_stat st;
	int64_t pos = vfs_lseek(f, 0, SEEK_CUR);
	int32_t n;

	if (vfs_fstat(f, &st) < 0 || pos < 0)
		return -EINVAL;
	n = st.st_size - pos;
	if (mm_copy_to_user(t->mm, arg, &n, sizeof(n)) < 0)
		return -EFAULT;
	return 0;
}

static bool file_is_reg(struct file *f)
{
	struct linux_stat st;

	return vfs_fstat(f, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG;
}

/*
 * ioctl(2): the generic commands every file answers (Linux's
 * do_vfs_ioctl), then the file's own (TTYs, pipes): -ENOTTY if none.
 */
long sys_ioctl(struct kernel_task *t, const struct syscall_args *args)
{
	int fd = args->a[0];
	unsigned cmd = args->a[1];
	uint64_t arg = args->a[2];
	struct file *f = fsargs_file_io(t, fd);
	long r;

	if (f == NULL)
		return -EBADF;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		r = fd_set_cloexec(t->fdt, fd, cmd == FIOCLEX);
		break;
	case FIONBIO:
	case FIOASYNC:
		r = ioctl_flag(t, f, cmd, arg);
		break;
	case FIONREAD:
		r = file_is_reg(f) ? ioctl_fionread_reg(t, f, arg)
				   : vfs_ioctl(f, cmd, arg);
		break;
	default:
		r = vfs_ioctl(f, cmd, arg);
		break;
	}
	file_put(f);
	return r;
}

/* What pipe2(2) stores at its argument. */
struct pipe_fds {
	int32_t fd[2];
};

/* Installs a new pipe's two files; on failure nothing is left open. */
static int pipe_install(struct kernel_task *t, struct file *rd,
			struct file *wr, bool cloexec, struct pipe_fds *p)
{
	p->fd[0] = fd_install(t->fdt, rd, cloexec, 0);
	if (p->fd[0] < 0) {
		file_put(rd);
		file_put(wr);
		return p->fd[0];
	}
	p->fd[1] = fd_install(t->fdt, wr, cloexec, 0);
	if (p->fd[1] < 0) {
		(void)fd_close(t->fdt, p->fd[0]);
		file_put(wr);
		return p->fd[1];
	}
	return 0;
}

/*
 * pipe2(2). O_DIRECT (packet mode) is accepted but the pipe stays a byte
 * stream. A fault storing the fds closes them again, as Linux does.
 */
long sys_pipe2(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t ufds = args->a[0];
	uint32_t flags = args->a[1];
	struct pipe_fds p;
	struct file *rd;
	struct file *wr;
	int r;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	r = pipe_create(flags & O_NONBLOCK, &rd, &wr);
	if (r == 0)
		r = pipe_install(t, rd, wr, (flags & O_CLOEXEC) != 0, &p);
	if (r < 0)
		return r;
	if (mm_copy_to_user(t->mm, ufds, &p, sizeof(p)) < 0) {
		(void)fd_close(t->fdt, p.fd[0]);
		(void)fd_close(t->fdt, p.fd[1]);
		return -EFAULT;
	}
	return 0;
}
