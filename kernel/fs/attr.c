// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/attr.c - reading and changing inode attributes: stat, statfs,
 * access, chmod, chown, utimens, truncate.
 *
 * Each call is a request (struct attr_req) applied to one inode under the
 * VFS lock, found either by path (the *at() forms) or through an open
 * file (the f* forms), so both share one implementation.
 *
 * Everyone is root for now, so permission bits are stored and reported
 * honestly but not checked, except where root is bound too (X_OK).
 *
 * Truncation, here and for open(O_TRUNC), goes through inode_truncate():
 * a shrunk file's cut-off pages leave every address space at once.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

enum attr_op {
	ATTR_STAT,
	ATTR_STATFS,
	ATTR_ACCESS,
	ATTR_CHMOD,
	ATTR_CHOWN,
	ATTR_TRUNCATE,
	ATTR_TIMES,
};

struct attr_req {
	enum attr_op op;
	uint32_t mode; /* chmod, access */
	uint32_t uid;  /* chown */
	uint32_t gid;
	uint64_t size; /* truncate */
	struct linux_timespec atime; /* times: tv_nsec may be UTIME_OMIT */
	struct linux_timespec mtime;
	struct linux_stat *st;
	struct linux_statfs *sfs;
};

static void fill_stat(const struct inode *ino, struct linux_stat *st)
{
	ostd_mem_set(st, 0, sizeof(*st));
	st->st_dev = ino->sb->dev;
	st->st_ino = ino->ino;
	st->st_mode = ino->mode;
	st->st_nlink = ino->nlink;
	st->st_uid = ino->uid;
	st->st_gid = ino->gid;
	st->st_rdev = ino->rdev;
	st->st_size = ino->size;
	st->st_blksize = OSTD_PAGE_SIZE;
	st->st_blocks = ino->blocks;
	st->st_atime_sec = ino->atime.sec;
	st->st_atime_nsec = ino->atime.nsec;
	st->st_mtime_sec = ino->mtime.sec;
	st->st_mtime_nsec = ino->mtime.nsec;
	st->st_ctime_sec = ino->ctime.sec;
	st->st_ctime_nsec = ino->ctime.nsec;
}

static void fill_statfs(const struct path *p, struct linux_statfs *st)
{
	struct super_block *sb = p->inode->sb;
	unsigned long mf = mount_flags(p->mnt);

	ostd_mem_set(st, 0, sizeof(*st));
	sb->ops->statfs(sb, st);
	st->f_fsid[0] = sb->dev & 0xffffffff;
	st->f_fsid[1] = sb->dev >> 32;
	/* MS_RDONLY..MS_NOEXEC and the atime bits share ST_* values. */
	st->f_flags = ST_VALID | (mf & (MS_RDONLY | MS_NOSUID | MS_NODEV |
					MS_NOEXEC | MS_NOATIME |
					MS_NODIRATIME));
	if (mf & MS_RELATIME)
		st->f_flags |= ST_RELATIME;
}

static int do_access(const struct inode *ino, uint32_t mode)
{
	/* Root may read and write anything, but executes only files with
	 * some x bit (directories are always searchable). */
	if ((mode & X_OK) && !inode_is_dir(ino) &&
	    !(ino->mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		return -EACCES;
	return 0;
}

static void do_chown(struct inode *ino, uint32_t uid, uint32_t gid)
{
	if (uid != UINT32_MAX)
		ino->uid = uid;
	if (gid != UINT32_MAX)
		ino->gid = gid;
	/* Like Linux, chown drops set-id bits of non-directories (setgid
	 * only when it means "set group id", i.e. with group exec). */
	if (!inode_is_dir(ino)) {
		ino->mode &= ~S_ISUID;
		if (ino->mode & S_IXGRP)
			ino->mode &= ~S_ISGID;
	}
	inode_touch_c(ino);
}

int inode_truncate(struct inode *ino, uint64_t size)
{
	uint64_t old = ino->size;
	int r = ino->iops->setsize(ino, size);

	/* The new size is in place: no fault can map those pages again. */
	if (r == 0 && size < old)
		mm_unmap_mapping(&ino->mapping,
				 (size + OSTD_PAGE_SIZE - 1) / OSTD_PAGE_SIZE);
	return r;
}

static int do_truncate(struct inode *ino, uint64_t size)
{
	if (inode_is_dir(ino))
		return -EISDIR;
	if (!inode_is_reg(ino))
		return -EINVAL;
	/* Linux's get_write_access(): not while a program runs it. An fd
	 * open for writing (ftruncate) excludes that already. */
	if (ino->writecount < 0)
		return -ETXTBSY;
	return inode_truncate(ino, size);
}

/* One utimens time: UTIME_NOW becomes @now; false for UTIME_OMIT. */
static bool pick_time(const struct linux_timespec *ts, struct vfs_time now,
		      struct vfs_time *out)
{
	if (ts->tv_nsec == UTIME_OMIT)
		return false;
	if (ts->tv_nsec == UTIME_NOW) {
		*out = now;
	} else {
		out->sec = ts->tv_sec;
		out->nsec = ts->tv_nsec;
	}
	return true;
}

static void do_times(struct inode *ino, const struct attr_req *req)
{
	struct vfs_time now = vfs_now();
	bool a = pick_time(&req->atime, now, &ino->atime);
	bool m = pick_time(&req->mtime, now, &ino->mtime);

	if (a || m)
		ino->ctime = now;
}

static int attr_apply(const struct path *p, const struct attr_req *req)
{
	struct inode *ino = p->inode;

	switch (req->op) {
	case ATTR_STAT:
		fill_stat(ino, req->st);
		return 0;
	case ATTR_STATFS:
		fill_statfs(p, req->sfs);
		return 0;
	case ATTR_ACCESS:
		return do_access(ino, req->mode);
	case ATTR_CHMOD:
		ino->mode = (ino->mode & S_IFMT) | (req->mode & S_IALLUGO);
		inode_touch_c(ino);
		return 0;
	case ATTR_CHOWN:
		do_chown(ino, req->uid, req->gid);
		return 0;
	case ATTR_TRUNCATE:
		return do_truncate(ino, req->size);
	case ATTR_TIMES:
		do_times(ino, req);
		return 0;
	}
	return -EINVAL;
}

/* Applies @req to (@dirf, @path); AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
static int attr_at(struct fs_context *ctx, struct file *dirf,
		   struct ostd_bytes path, unsigned atflags,
		   const struct attr_req *req)
{
	struct nameidata *nd = OSTD_NEW(struct nameidata);
	struct ostd_irq_guard g;
	struct path p;
	int r;

	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_at(nd, ctx, dirf, path, atflags,
		     !(atflags & AT_SYMLINK_NOFOLLOW), &p);
	if (r == 0)
		r = attr_apply(&p, req);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

static int attr_file(struct file *f, const struct attr_req *req)
{
	struct ostd_irq_guard g = vfs_lock();
	int r = attr_apply(&f->path, req);

	vfs_unlock(&g);
	return r;
}

int vfs_stat(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	     unsigned atflags, struct linux_stat *st)
{
	struct attr_req req = { .op = ATTR_STAT, .st = st };

	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	return attr_at(ctx, dirf, path, atflags, &req);
}

int vfs_fstat(struct file *f, struct linux_stat *st)
{
	struct attr_req req = { .op = ATTR_STAT, .st = st };

	return attr_file(f, &req);
}

int vfs_statfs(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, struct linux_statfs *st)
{
	struct attr_req req = { .op = ATTR_STATFS, .sfs = st };

	return attr_at(ctx, dirf, path, 0, &req);
}

int vfs_fstatfs(struct file *f, struct linux_statfs *st)
{
	struct attr_req req = { .op = ATTR_STATFS, .sfs = st };

	return attr_file(f, &req);
}

int vfs_access(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, uint32_t mode, unsigned atflags)
{
	struct attr_req req = { .op = ATTR_ACCESS, .mode = mode };

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (atflags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return attr_at(ctx, dirf, path, atflags, &req);
}

int vfs_chmod(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode, unsigned atflags)
{
	struct attr_req req = { .op = ATTR_CHMOD, .mode = mode };

	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return attr_at(ctx, dirf, path, atflags, &req);
}

int vfs_fchmod(struct file *f, uint32_t mode)
{
	struct attr_req req = { .op = ATTR_CHMOD, .mode = mode };

	if (f->fops == NULL)
		return -EBADF; /* O_PATH */
	return attr_file(f, &req);
}

int vfs_chown(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t uid, uint32_t gid, unsigned atflags)
{
	struct attr_req req = { .op = ATTR_CHOWN, .uid = uid, .gid = gid };

	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return attr_at(ctx, dirf, path, atflags, &req);
}

int vfs_fchown(struct file *f, uint32_t uid, uint32_t gid)
{
	struct attr_req req = { .op = ATTR_CHOWN, .uid = uid, .gid = gid };

	if (f->fops == NULL)
		return -EBADF;
	return attr_file(f, &req);
}

int vfs_truncate(struct fs_context *ctx, struct file *dirf,
		 struct ostd_bytes path, int64_t len)
{
	struct attr_req req = { .op = ATTR_TRUNCATE };

	if (len < 0)
		return -EINVAL;
	req.size = len;
	return attr_at(ctx, dirf, path, 0, &req);
}

int vfs_ftruncate(struct file *f, int64_t len)
{
	struct attr_req req = { .op = ATTR_TRUNCATE };

	if (len < 0)
		return -EINVAL;
	if (f->fops == NULL)
		return -EBADF;
	if ((vfs_file_flags(f) & O_ACCMODE) == O_RDONLY ||
	    !inode_is_reg(f->inode))
		return -EINVAL;
	req.size = len;
	return attr_file(f, &req);
}

static bool time_ok(const struct linux_timespec *ts)
{
	return ts->tv_nsec == UTIME_NOW || ts->tv_nsec == UTIME_OMIT ||
	       (ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000);
}

int vfs_utimens(struct fs_context *ctx, struct file *dirf,
		struct ostd_bytes path, const struct linux_timespec *atime,
		const struct linux_timespec *mtime, unsigned atflags)
{
	struct attr_req req = { .op = ATTR_TIMES };

	if (atflags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	req.atime.tv_nsec = UTIME_NOW;
	req.mtime.tv_nsec = UTIME_NOW;
	if (atime != NULL)
		req.atime = *atime;
	if (mtime != NULL)
		req.mtime = *mtime;
	if (!time_ok(&req.atime) || !time_ok(&req.mtime))
		return -EINVAL;
	if (req.atime.tv_nsec == UTIME_OMIT && req.mtime.tv_nsec == UTIME_OMIT)
		return 0;
	if (path.len == 0 && dirf != NULL)
		return attr_file(dirf, &req); /* futimens */
	return attr_at(ctx, dirf, path, atflags, &req);
}
