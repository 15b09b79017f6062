// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/namespace.c - calls that change names: mkdir, mknod, symlink,
 * link, unlink, rmdir, rename; and readlink.
 *
 * The VFS applies Linux's rules (which error for ".", "..", trailing
 * slashes, mountpoints, directories, cross-mount links) and then calls
 * the file system, which only edits its directories.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"

/* What a create-like call makes. */
struct new_node {
	uint32_t mode;            /* type | permissions, umask applied */
	uint64_t rdev;
	struct ostd_bytes target; /* symlinks */
};

/*
 * The last step of mkdir/mknod/symlink, as Linux's filename_create():
 * "." and ".." exist already; a trailing slash is only fine for mkdir.
 */
static int create_last(struct nameidata *nd, const struct new_node *nn)
{
	struct inode *dir = nd->cur.inode;
	struct inode *child;
	bool mkdir = (nn->mode & S_IFMT) == S_IFDIR;
	int r;

	if (nd->last_type != LAST_NORM)
		return -EEXIST;
	r = dir->iops->lookup(dir, nd->last, &child);
	if (r == 0)
		return -EEXIST;
	if (r != -ENOENT)
		return r;
	if (nd->trailing_slash && !mkdir)
		return -ENOENT;
	if ((nn->mode & S_IFMT) == S_IFLNK)
		return dir->iops->symlink(dir, nd->last, nn->target, &child);
	return dir->iops->create(dir, nd->last, nn->mode, nn->rdev, &child);
}

static int create_at(struct fs_context *ctx, struct file *dirf,
		     struct ostd_bytes path, const struct new_node *nn)
{
	struct nameidata *nd = OSTD_NEW(struct nameidata);
	struct ostd_irq_guard g;
	int r;

	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_init(nd, ctx, dirf, path);
	if (r == 0)
		r = namei_parent(nd);
	if (r == 0)
		r = create_last(nd, nn);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

/* The permission bits a new node gets: @mode less the umask. */
static uint32_t masked(struct fs_context *ctx, uint32_t mode)
{
	struct ostd_irq_guard g = vfs_lock();
	uint32_t umask = ctx->umask;

	vfs_unlock(&g);
	return mode & ~umask & S_IALLUGO;
}

int vfs_mkdir(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode)
{
	struct new_node nn = { 0 };

	/* Linux keeps S_ISVTX for directories and drops S_ISUID/S_ISGID. */
	nn.mode = S_IFDIR | (masked(ctx, mode) & (S_IRWXU | S_IRWXG |
						  S_IRWXO | S_ISVTX));
	return create_at(ctx, dirf, path, &nn);
}

int vfs_mknod(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode, uint64_t dev)
{
	struct new_node nn = { 0 };
	uint32_t type = mode & S_IFMT;

	if (type == 0)
		type = S_IFREG; /* as Linux: mknod with no type is a file */
	if (type == S_IFDIR)
		return -EPERM; /* Linux's may_mknod(): use mkdir */
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL; /* symlinks need symlink(2) */
	nn.mode = type | masked(ctx, mode);
	if (type == S_IFCHR || type == S_IFBLK)
		nn.rdev = dev;
	return create_at(ctx, dirf, path, &nn);
}

int vfs_symlink(struct fs_context *ctx, struct ostd_bytes target,
		struct file *dirf, struct ostd_bytes path)
{
	struct new_node nn = { 0 };

	if (target.len == 0)
		return -ENOENT;
	if (target.len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	nn.mode = S_IFLNK | 0777;
	nn.target = target;
	return create_at(ctx, dirf, path, &nn);
}

/* The last step of unlink (@rmdir false) and rmdir. */
static int unlink_last(struct nameidata *nd, bool rmdir)
{
	struct inode *dir = nd->cur.inode;
	struct inode *victim;
	int r;

	if (rmdir && nd->last_type == LAST_DOT)
		return -EINVAL;
	if (rmdir && nd->last_type == LAST_DOTDOT)
		return -ENOTEMPTY;
	if (nd->last_type != LAST_NORM)
		return rmdir ? -EBUSY : -EISDIR;
	r = dir->iops->lookup(dir, nd->last, &victim);
	if (r < 0)
		return r;
	if (rmdir && !inode_is_dir(victim))
		return -ENOTDIR;
	if (!rmdir && inode_is_dir(victim))
		return -EISDIR;
	if (!rmdir && nd->trailing_slash)
		return -ENOTDIR;
	if (victim->mounted > 0)
		return -EBUSY;
	if (rmdir && !victim->iops->dir_empty(victim))
		return -ENOTEMPTY;
	return dir->iops->unlink(dir, nd->last, victim);
}

int vfs_unlink(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, unsigned atflags)
{
	struct nameidata *nd;
	struct ostd_irq_guard g;
	int r;

	if (atflags & ~AT_REMOVEDIR)
		return -EINVAL;
	nd = OSTD_NEW(struct nameidata);
	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_init(nd, ctx, dirf, path);
	if (r == 0)
		r = namei_parent(nd);
	if (r == 0)
		r = unlink_last(nd, atflags & AT_REMOVEDIR);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

/* The new name of link(2), once the old file @old is known. */
static int link_last(struct nameidata *nd, const struct path *old)
{
	struct inode *dir = nd->cur.inode;
	struct inode *child;

	if (nd->last_type != LAST_NORM)
		return -EEXIST;
	if (dir->iops->lookup(dir, nd->last, &child) == 0)
		return -EEXIST;
	if (nd->trailing_slash)
		return -ENOENT;
	if (nd->cur.mnt != old->mnt)
		return -EXDEV;
	return dir->iops->link(dir, nd->last, old->inode);
}

int vfs_link(struct fs_context *ctx, struct file *odirf, struct ostd_bytes opath,
	     struct file *ndirf, struct ostd_bytes npath, unsigned atflags)
{
	struct nameidata *nd;
	struct ostd_irq_guard g;
	struct path old;
	int r;

	if (atflags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	nd = OSTD_NEW(struct nameidata);
	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_at(nd, ctx, odirf, opath, atflags,
		     atflags & AT_SYMLINK_FOLLOW, &old);
	if (r == 0 && inode_is_dir(old.inode))
		r = -EPERM;
	/* One walk at a time: @old stays valid under the lock. */
	if (r == 0)
		r = namei_init(nd, ctx, ndirf, npath);
	if (r == 0)
		r = namei_parent(nd);
	if (r == 0)
		r = link_last(nd, &old);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

/* Copies the target of the symlink at (@dirf, @path) into @kb. */
static long readlink_locked(struct nameidata *nd, struct fs_context *ctx,
			    struct file *dirf, struct ostd_bytes path,
			    struct vfs_kbuf *kb)
{
	struct ostd_bytes target;
	struct path p;
	int r = namei_at(nd, ctx, dirf, path, AT_EMPTY_PATH, false, &p);

	if (r < 0)
		return r;
	/* Linux: readlinkat(fd, "") of a non-link is ENOENT, not EINVAL. */
	if (!inode_is_link(p.inode))
		return path.len == 0 ? -ENOENT : -EINVAL;
	r = p.inode->iops->readlink(p.inode, &target);
	if (r < 0)
		return r;
	return ostd_bytes_copy(target, 0, &kb->data[0], OSTD_PAGE_SIZE);
}

long vfs_readlink(struct fs_context *ctx, struct file *dirf,
		  struct ostd_bytes path, struct io_target *t, size_t len)
{
	struct nameidata *nd;
	struct vfs_kbuf *kb;
	struct ostd_irq_guard g;
	long r = -ENOMEM;
	size_t n;

	if (len == 0 || len > INT32_MAX)
		return -EINVAL;
	nd = OSTD_NEW(struct nameidata);
	kb = OSTD_NEW(struct vfs_kbuf);
	if (nd != NULL && kb != NULL) {
		g = vfs_lock();
		r = readlink_locked(nd, ctx, dirf, path, kb);
		vfs_unlock(&g);
	}
	/* The copy out may fault, so it waits until the lock is dropped. */
	if (r >= 0) {
		n = r;
		r = io_result(t, io_from_kbuf(t, kb, 0, n < len ? n : len));
	}
	ostd_heap_free(nd);
	ostd_heap_free(kb);
	return r;
}
