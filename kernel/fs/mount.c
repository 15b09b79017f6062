// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/mount.c - the mount tree, the root file system, and the table
 * of character device drivers.
 *
 * Mounts form a tree through their parent pointers; all of them are also
 * on one list, newest first, which path walks search to step from a
 * mountpoint onto the root of what is mounted there. Mounting on the root
 * of a mount stacks: the new mount's parent is the mount it covers.
 *
 * There is no block device: every mount is a fresh tmpfs. Each super block
 * gets an anonymous device number (major 0), as Linux gives tmpfs.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

struct chrdev {
	struct chrdev *next;
	uint32_t major;
	const struct file_ops *fops;
};

/* protects: all of it, the VFS lock. */
static struct {
	struct mount *mounts; /* newest first */
	struct mount *root;
	uint32_t next_anon_minor;
	struct chrdev *chrdevs;
	const struct file_ops *fifo;
} vfs_tree;

/* Mount flags kept for statfs; the rest of MS_* is per-call only.
 * (Read-only is reported but not enforced yet.) */
#define MOUNT_KEPT_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | \
			  MS_NOATIME | MS_NODIRATIME | MS_RELATIME)

/* A mount of @sb on @mp in @parent (both NULL for the root). Lock held. */
static struct mount *mount_new(struct super_block *sb, struct mount *parent,
			       struct inode *mp)
{
	struct mount *m = OSTD_NEW(struct mount);

	if (m == NULL)
		return NULL;
	/* A super block mounted again keeps its device number. */
	if (sb->mounts++ == 0 && sb->dev == 0)
		sb->dev = vfs_mkdev(0, ++vfs_tree.next_anon_minor);
	m->sb = sb;
	m->root = sb->root;
	inode_get(m->root);
	m->parent = parent;
	m->mountpoint = mp;
	if (parent != NULL) {
		parent->children++;
		inode_get(mp);
		mp->mounted++;
	}
	m->next = vfs_tree.mounts;
	vfs_tree.mounts = m;
	return m;
}

struct mount *mount_internal(struct super_block *sb)
{
	struct mount *m = OSTD_NEW(struct mount);

	if (m == NULL)
		return NULL;
	sb->mounts++;
	sb->keep = true;
	sb->dev = vfs_mkdev(0, ++vfs_tree.next_anon_minor);
	m->sb = sb;
	m->root = sb->root;
	inode_get(m->root);
	return m;
}

int vfs_init(void)
{
	struct ostd_irq_guard g;
	struct super_block *sb;
	int r = fstype_init();

	if (r < 0)
		return r;
	g = vfs_lock();
	if (vfs_tree.root != NULL) {
		r = -EBUSY;
	} else {
		sb = tmpfs_create_sb(0755);
		if (sb != NULL)
			vfs_tree.root = mount_new(sb, NULL, NULL);
		if (sb != NULL && vfs_tree.root == NULL)
			super_kill(sb);
		if (vfs_tree.root == NULL)
			r = -ENOMEM;
	}
	vfs_unlock(&g);
	return r;
}

void mount_root_path(struct path *out)
{
	out->mnt = vfs_tree.root;
	out->inode = vfs_tree.root->root;
}

struct mount *mount_lookup(const struct mount *parent, const struct inode *mp)
{
	struct mount *m;

	for (m = vfs_tree.mounts; m != NULL; m = m->next)
		if (m->parent == parent && m->mountpoint == mp)
			return m;
	return NULL;
}

/* Mounts what @fstype gives on the directory @target. Lock held. */
static int mount_new_fs(const struct path *target, struct ostd_bytes source,
			struct ostd_bytes fstype, unsigned long flags,
			struct ostd_bytes data)
{
	struct super_block *sb = NULL;
	struct mount *m;
	int r;

	if (!inode_is_dir(target->inode))
		return -ENOTDIR;
	r = fstype_get_sb(fstype, source, flags, data, &sb);
	if (r < 0)
		return r;
	m = mount_new(sb, target->mnt, target->inode);
	if (m == NULL) {
		if (sb->mounts == 0 && !sb->keep)
			super_kill(sb);
		return -ENOMEM;
	}
	m->flags = flags & MOUNT_KEPT_FLAGS;
	return 0;
}

/* mount(2) on the resolved @p. Lock held. */
static int mount_at(const struct path *p, struct ostd_bytes source,
		    struct ostd_bytes fstype, unsigned long flags,
		    struct ostd_bytes data)
{
	if (flags & (MS_BIND | MS_MOVE))
		return -EINVAL; /* not supported yet */
	if (flags & MS_REMOUNT) {
		if (p->inode != p->mnt->root)
			return -EINVAL;
		p->mnt->flags = flags & MOUNT_KEPT_FLAGS;
		return 0;
	}
	return mount_new_fs(p, source, fstype, flags, data);
}

int vfs_mount_opts(struct fs_context *ctx, struct ostd_bytes source,
		   struct file *dirf, struct ostd_bytes target,
		   struct ostd_bytes fstype, unsigned long flags,
		   struct ostd_bytes data)
{
	struct nameidata *nd = OSTD_NEW(struct nameidata);
	struct ostd_irq_guard g;
	struct path p;
	int r;

	if (nd == NULL)
		return -ENOMEM;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK; /* the pre-2.4 magic number */
	g = vfs_lock();
	r = namei_at(nd, ctx, dirf, target, 0, true, &p);
	if (r == 0)
		r = mount_at(&p, source, fstype, flags, data);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

int vfs_mount(struct fs_context *ctx, struct ostd_bytes source,
	      struct file *dirf, struct ostd_bytes target,
	      struct ostd_bytes fstype, unsigned long flags)
{
	return vfs_mount_opts(ctx, source, dirf, target, fstype, flags,
			      ostd_bytes_empty());
}

/* Takes @m out of the tree and frees it with its file system. */
static void mount_free(struct mount *m)
{
	struct mount **link = &vfs_tree.mounts;

	while (*link != m)
		link = &(*link)->next;
	*link = m->next;
	m->parent->children--;
	m->mountpoint->mounted--;
	inode_put(m->mountpoint);
	if (--m->sb->mounts == 0 && !m->sb->keep)
		super_kill(m->sb); /* frees m->root too */
	else
		inode_put(m->root);
	ostd_heap_free(m);
}

/* umount(2) of the resolved @p. Lock held. */
static int umount_at(const struct path *p)
{
	if (p->inode != p->mnt->root)
		return -EINVAL; /* not a mount point */
	if (p->mnt->parent == NULL)
		return -EBUSY; /* the root stays */
	/* Open files, working directories or mounts inside it. A lazy
	 * MNT_DETACH is not supported, so it is busy then too. */
	if (p->mnt->children > 0 || p->mnt->refcount > 0)
		return -EBUSY;
	mount_free(p->mnt);
	return 0;
}

int vfs_umount(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes target, unsigned flags)
{
	struct nameidata *nd;
	struct ostd_irq_guard g;
	struct path p;
	int r;

	if (flags & ~(MNT_FORCE | MNT_DETACH | UMOUNT_NOFOLLOW))
		return -EINVAL;
	nd = OSTD_NEW(struct nameidata);
	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_at(nd, ctx, dirf, target, 0, !(flags & UMOUNT_NOFOLLOW),
		     &p);
	if (r == 0)
		r = umount_at(&p);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

unsigned long mount_flags(const struct mount *m)
{
	return m->flags;
}

struct mount *mount_next(const struct mount *m)
{
	return m == NULL ? vfs_tree.mounts : m->next;
}

int vfs_register_chrdev(uint32_t major, const struct file_ops *fops)
{
	struct chrdev *c = OSTD_NEW(struct chrdev);
	struct ostd_irq_guard g;

	if (c == NULL)
		return -ENOMEM;
	c->major = major;
	c->fops = fops;
	g = vfs_lock();
	if (vfs_chrdev_ops(vfs_mkdev(major, 0)) != NULL) {
		vfs_unlock(&g);
		ostd_heap_free(c);
		return -EBUSY;
	}
	c->next = vfs_tree.chrdevs;
	vfs_tree.chrdevs = c;
	vfs_unlock(&g);
	return 0;
}

const struct file_ops *vfs_chrdev_ops(uint64_t rdev)
{
	uint32_t major = vfs_dev_major(rdev);
	const struct chrdev *c;

	for (c = vfs_tree.chrdevs; c != NULL; c = c->next)
		if (c->major == major)
			return c->fops;
	return NULL;
}

void vfs_set_fifo_ops(const struct file_ops *fops)
{
	struct ostd_irq_guard g = vfs_lock();

	vfs_tree.fifo = fops;
	vfs_unlock(&g);
}

const struct file_ops *vfs_fifo_ops(void)
{
	return vfs_tree.fifo;
}
