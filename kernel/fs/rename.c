// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/rename.c - rename(2) and renameat2(2).
 *
 * All of Linux's checks happen here, before the file system is called, so
 * the file system's rename cannot fail half way: "." and ".." (EBUSY),
 * different mounts (EXDEV), a directory onto a file (ENOTDIR) or a file
 * onto a directory (EISDIR), onto a non-empty directory (ENOTEMPTY), a
 * directory into its own subtree (EINVAL), mountpoints (EBUSY), and the
 * RENAME_NOREPLACE / RENAME_EXCHANGE flags. Renaming a file onto another
 * name of itself succeeds and does nothing, as POSIX says.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"

/* One end of a rename: a directory and a last component in it. */
struct rename_end {
	struct path dir;
	struct ostd_bytes name;
	enum last_type type;
	bool trailing_slash;
	struct inode *inode; /* what the name refers to, or NULL */
};

static int rename_resolve(struct nameidata *nd, struct fs_context *ctx,
			  struct file *dirf, struct ostd_bytes path,
			  struct rename_end *end)
{
	int r = namei_init(nd, ctx, dirf, path);

	if (r == 0)
		r = namei_parent(nd);
	if (r < 0)
		return r;
	end->dir = nd->cur;
	end->name = nd->last;
	end->type = nd->last_type;
	end->trailing_slash = nd->trailing_slash;
	end->inode = NULL;
	if (end->type != LAST_NORM)
		return 0;
	r = end->dir.inode->iops->lookup(end->dir.inode, end->name,
					 &end->inode);
	return r == -ENOENT ? 0 : r;
}

/* Whether @anc is @d or one of its ancestors (in @d's file system). */
static bool is_ancestor(struct inode *anc, struct inode *d)
{
	struct inode *up;

	for (;;) {
		if (d == anc)
			return true;
		if (d->iops->lookup(d, ostd_bytes_cstr(".."), &up) < 0 ||
		    up == d)
			return false;
		d = up;
	}
}

/* Type rules when @old replaces @victim (not for RENAME_EXCHANGE). */
static int replace_check(struct inode *old, struct inode *victim)
{
	if (inode_is_dir(old) && !inode_is_dir(victim))
		return -ENOTDIR;
	if (!inode_is_dir(old) && inode_is_dir(victim))
		return -EISDIR;
	if (inode_is_dir(victim) && !victim->iops->dir_empty(victim))
		return -ENOTEMPTY;
	return 0;
}

/* Trailing slashes are only allowed on directories. */
static int slash_check(const struct rename_end *o, const struct rename_end *n,
		       bool exchange)
{
	if (!inode_is_dir(o->inode) && (o->trailing_slash ||
					(n->trailing_slash && !exchange)))
		return -ENOTDIR;
	if (exchange && n->trailing_slash && !inode_is_dir(n->inode))
		return -ENOTDIR;
	return 0;
}

static int rename_check(const struct rename_end *o,
			const struct rename_end *n, unsigned flags)
{
	bool exchange = flags & RENAME_EXCHANGE;
	struct inode *old = o->inode;
	struct inode *victim = n->inode;
	int r;

	if (o->type != LAST_NORM)
		return -EBUSY;
	if (n->type != LAST_NORM)
		return (flags & RENAME_NOREPLACE) ? -EEXIST : -EBUSY;
	/* A removed directory takes no new entries. */
	if (old == NULL || (exchange && victim == NULL) ||
	    n->dir.inode->nlink == 0)
		return -ENOENT;
	if (o->dir.mnt != n->dir.mnt)
		return -EXDEV;
	r = slash_check(o, n, exchange);
	if (r < 0 || old == victim)
		return r;
	if (victim != NULL && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (old->mounted > 0 || (victim != NULL && victim->mounted > 0))
		return -EBUSY;
	if (victim != NULL && !exchange) {
		r = replace_check(old, victim);
		if (r < 0)
			return r;
	}
	if (inode_is_dir(old) && is_ancestor(old, n->dir.inode))
		return -EINVAL;
	if (exchange && inode_is_dir(victim) &&
	    is_ancestor(victim, o->dir.inode))
		return -EINVAL;
	return 0;
}

static int rename_locked(struct nameidata *nd, struct fs_context *ctx,
			 struct file *odirf, struct ostd_bytes opath,
			 struct file *ndirf, struct ostd_bytes npath,
			 unsigned flags)
{
	struct rename_end o = { 0 };
	struct rename_end n = { 0 };
	struct inode *odir;
	int r = rename_resolve(nd, ctx, odirf, opath, &o);

	if (r == 0)
		r = rename_resolve(nd, ctx, ndirf, npath, &n);
	if (r == 0)
		r = rename_check(&o, &n, flags);
	/* Linux's vfs_rename(): a file system without ->rename (proc). */
	if (r == 0 && o.dir.inode->iops->rename == NULL)
		r = -EPERM;
	if (r != 0 || o.inode == n.inode)
		return r;
	odir = o.dir.inode;
	odir->iops->rename(odir, o.name, o.inode, n.dir.inode, n.name,
			   n.inode, flags);
	return 0;
}

int vfs_rename(struct fs_context *ctx, struct file *odirf,
	       struct ostd_bytes opath, struct file *ndirf,
	       struct ostd_bytes npath, unsigned flags)
{
	struct nameidata *nd;
	struct ostd_irq_guard g;
	int r;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL; /* RENAME_WHITEOUT is for overlayfs */
	if ((flags & RENAME_NOREPLACE) && (flags & RENAME_EXCHANGE))
		return -EINVAL;
	nd = OSTD_NEW(struct nameidata);
	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = rename_locked(nd, ctx, odirf, opath, ndirf, npath, flags);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}
