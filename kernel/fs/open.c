// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/open.c - open(2): walking to the file, creating it, checking
 * the flags against its type, and building the struct file.
 *
 * With O_CREAT the last component is handled here rather than in the
 * walker, as Linux's open_last_lookups() does: look it up in its parent;
 * create it if absent; if it is a symlink (and O_NOFOLLOW/O_EXCL do not
 * forbid it) push the target and walk on, so "open(link, O_CREAT)" creates
 * the file a dangling link names.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"

/* The open flags that describe the open file (the rest act only now). */
#define FILE_KEPT_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | \
			 FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY | \
			 O_NOFOLLOW | O_NOATIME | O_SYNC | O_PATH)

/* Creates the regular file nd->last in nd->cur. */
static int open_create(struct nameidata *nd, struct fs_context *ctx,
		       uint32_t mode, struct path *out)
{
	struct inode *dir = nd->cur.inode;
	struct inode *ino;
	int r;

	mode = S_IFREG | (mode & ~ctx->umask & S_IALLUGO);
	r = dir->iops->create(dir, nd->last, mode, 0, &ino);
	if (r < 0)
		return r;
	out->mnt = nd->cur.mnt;
	out->inode = ino;
	return 0;
}

/* The O_CREAT walk (see the file comment). */
static int open_walk_create(struct nameidata *nd, struct fs_context *ctx,
			    uint32_t flags, uint32_t mode, struct path *out)
{
	int r;

	for (;;) {
		r = namei_parent(nd);
		if (r < 0)
			return r;
		if (nd->last_type != LAST_NORM)
			return (flags & O_EXCL) ? -EEXIST : -EISDIR;
		/* As Linux: O_CREAT with a trailing slash never opens. */
		if (nd->trailing_slash)
			return -EISDIR;
		r = namei_child(nd, nd->last, out);
		if (r == -ENOENT)
			return open_create(nd, ctx, mode, out);
		if (r < 0)
			return r;
		if (flags & O_EXCL)
			return -EEXIST;
		if (!inode_is_link(out->inode))
			break;
		if (flags & O_NOFOLLOW)
			return -ELOOP;
		r = namei_follow(nd, out->inode);
		if (r < 0)
			return r;
	}
	return 0;
}

static int open_walk(struct nameidata *nd, struct fs_context *ctx,
		     uint32_t flags, uint32_t mode, struct path *out)
{
	int r;

	if (flags & O_CREAT)
		return open_walk_create(nd, ctx, flags, mode, out);
	r = namei_lookup(nd, !(flags & O_NOFOLLOW), out);
	if (r == 0 && inode_is_link(out->inode) && !(flags & O_PATH))
		r = -ELOOP; /* O_NOFOLLOW met a symlink */
	return r;
}

/* The file operations for @ino, by type; NULL for O_PATH. */
static int open_fops(const struct inode *ino, uint32_t flags,
		     const struct file_ops **out)
{
	*out = NULL;
	if (flags & O_PATH)
		return 0;
	switch (ino->mode & S_IFMT) {
	case S_IFREG:
	case S_IFDIR:
		*out = ino->fops;
		break;
	case S_IFCHR:
		*out = vfs_chrdev_ops(ino->rdev);
		break;
	case S_IFIFO:
		*out = vfs_fifo_ops();
		break;
	default:
		break; /* block devices and sockets: no driver */
	}
	return *out != NULL ? 0 : -ENXIO;
}

/* Type rules: directories only read-only (and not with O_CREAT),
 * O_DIRECTORY only directories. */
static int open_check(const struct inode *ino, uint32_t flags)
{
	uint32_t acc = flags & O_ACCMODE;

	if ((flags & O_DIRECTORY) && !inode_is_dir(ino))
		return -ENOTDIR;
	if (flags & O_PATH)
		return 0;
	if (inode_is_dir(ino) &&
	    (acc != O_RDONLY || (flags & (O_TRUNC | O_CREAT))))
		return -EISDIR;
	return 0;
}

/*
 * Linux's get_write_access(): a regular file opened for writing becomes a
 * writer (*@writer), and neither that nor O_TRUNC may touch a file some
 * address space runs (-ETXTBSY). Lock held.
 */
static int open_write_access(const struct inode *ino, uint32_t flags,
			     bool *writer)
{
	uint32_t acc = flags & O_ACCMODE;
	bool trunc = (flags & (O_TRUNC | O_PATH)) == O_TRUNC;

	*writer = !(flags & O_PATH) && inode_is_reg(ino) &&
		  (acc == O_WRONLY || acc == O_RDWR);
	if ((*writer || (trunc && inode_is_reg(ino))) && ino->writecount < 0)
		return -ETXTBSY;
	return 0;
}

/* What follows the walk, under the VFS lock: check, new file on @p. */
static int open_path_locked(struct path p, uint32_t flags, struct file **out)
{
	const struct file_ops *fops = NULL;
	bool writer = false;
	int r = open_check(p.inode, flags);

	if (r == 0)
		r = open_fops(p.inode, flags, &fops);
	if (r == 0)
		r = open_write_access(p.inode, flags, &writer);
	/* Truncate last, once nothing else can fail but memory. */
	if (r == 0 && (flags & (O_TRUNC | O_PATH)) == O_TRUNC &&
	    inode_is_reg(p.inode))
		r = inode_truncate(p.inode, 0);
	if (r < 0)
		return r;
	*out = file_alloc_locked(&p, flags & FILE_KEPT_FLAGS, fops);
	if (*out == NULL)
		return -ENOMEM;
	if (writer) {
		(*out)->writer = true; /* file_put() gives it back */
		p.inode->writecount++;
	}
	return 0;
}

/* Everything under the VFS lock: walk, create, check, new file. */
static int open_locked(struct nameidata *nd, struct fs_context *ctx,
		       struct file *dirf, struct ostd_bytes path,
		       uint32_t flags, uint32_t mode, struct file **out)
{
	struct path p;
	int r = namei_init(nd, ctx, dirf, path);

	if (r == 0)
		r = open_walk(nd, ctx, flags, mode, &p);
	if (r == 0)
		r = open_path_locked(p, flags, out);
	return r;
}

/* Flag combinations Linux refuses before looking at the path. */
static int open_flags_ok(uint32_t flags)
{
	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	if ((flags & O_CREAT) && (flags & O_DIRECTORY))
		return -EINVAL;
	return 0;
}

/*
 * The end of an open, with no VFS lock: the O_DIRECT refusal and the
 * driver's open. On failure @f is put.
 */
static int open_finish(struct file *f, uint32_t flags, struct file **out)
{
	int r;

	/* No file here does direct I/O (tmpfs has none in Linux 6.1): like
	 * Linux, a file O_CREAT made stays, and the open fails. */
	if ((flags & (O_DIRECT | O_PATH)) == O_DIRECT) {
		f->fops = NULL;
		file_put(f);
		return -EINVAL;
	}
	/* Driver open runs unlocked: opening a FIFO may wait for a peer. */
	if (f->fops != NULL && f->fops->open != NULL) {
		r = f->fops->open(f->inode, f);
		if (r < 0) {
			f->fops = NULL; /* never opened: no release */
			file_put(f);
			return r;
		}
	}
	*out = f;
	return 0;
}

int vfs_open(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	     uint32_t flags, uint32_t mode, struct file **out)
{
	struct nameidata *nd;
	struct ostd_irq_guard g;
	struct file *f = NULL;
	int r = open_flags_ok(flags);

	if (r < 0)
		return r;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	nd = OSTD_NEW(struct nameidata);
	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = open_locked(nd, ctx, dirf, path, flags, mode, &f);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	if (r < 0)
		return r;
	return open_finish(f, flags, out);
}

int vfs_reopen(struct file *f, uint32_t flags, struct file **out)
{
	struct ostd_irq_guard g;
	struct file *nf = NULL;
	int r = open_flags_ok(flags);

	if (r == 0 && (flags & O_CREAT))
		r = -EINVAL;
	/* An O_PATH file on a symlink: Linux's may_open(). */
	if (r == 0 && inode_is_link(f->inode) && !(flags & O_PATH))
		r = -ELOOP;
	if (r < 0)
		return r;
	if (flags & O_PATH)
		flags &= O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	g = vfs_lock();
	r = open_path_locked(f->path, flags, &nf);
	vfs_unlock(&g);
	if (r < 0)
		return r;
	return open_finish(nf, flags, out);
}
