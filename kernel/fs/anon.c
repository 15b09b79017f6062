// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/anon.c - open files with no name: pipes and the early console.
 *
 * Linux gives every pipe an inode on pipefs, a file system that is never
 * mounted, so fstat() on a pipe has a device, an inode number and a type
 * (S_IFIFO) like any file. racho does the same: one internal super block
 * and mount, created on first use, where each anonymous file gets its own
 * inode. The inode has one link, as Linux reports for pipes; the owner
 * removes it (anon_inode_unlink) when done, and the inode then goes away
 * with the last file, like any unlinked inode.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"

#define PIPEFS_MAGIC 0x50495045

/* protects: both, the VFS lock. */
static struct {
	struct super_block *sb;
	struct mount *mnt;
} anon;

static struct inode *anon_evict(struct inode *ino)
{
	(void)ino; /* nothing private */
	return NULL;
}

static void anon_statfs(struct super_block *sb, struct linux_statfs *st)
{
	(void)sb;
	st->f_type = PIPEFS_MAGIC;
	st->f_bsize = OSTD_PAGE_SIZE;
	st->f_frsize = OSTD_PAGE_SIZE;
	st->f_namelen = VFS_NAME_MAX;
}

static const struct super_ops anon_sops = {
	.evict = anon_evict,
	.statfs = anon_statfs,
};

/* No directory operations: nothing ever walks into this file system. */
static const struct inode_ops anon_iops = { 0 };

/* The pseudo file system, made on first use. Lock held. */
static int anon_setup_locked(void)
{
	struct super_block *sb;

	if (anon.mnt != NULL)
		return 0;
	sb = OSTD_NEW(struct super_block);
	if (sb == NULL)
		return -ENOMEM;
	sb->magic = PIPEFS_MAGIC;
	sb->ops = &anon_sops;
	sb->next_ino = 1;
	sb->root = inode_alloc(sb, S_IFDIR | 0500);
	if (sb->root != NULL) {
		sb->root->nlink = 2;
		sb->root->iops = &anon_iops;
		anon.mnt = mount_internal(sb);
	}
	if (anon.mnt == NULL) {
		super_kill(sb);
		return -ENOMEM;
	}
	anon.sb = sb;
	return 0;
}

int anon_file_new(uint32_t mode, uint64_t rdev, uint32_t flags,
		  const struct file_ops *fops, struct file **out)
{
	struct ostd_irq_guard g = vfs_lock();
	struct inode *ino = NULL;
	struct path p;
	int r = anon_setup_locked();

	if (r == 0) {
		ino = inode_alloc(anon.sb, mode);
		if (ino == NULL)
			r = -ENOMEM;
	}
	if (r == 0) {
		ino->nlink = 1;
		ino->rdev = rdev;
		ino->iops = &anon_iops;
		p.mnt = anon.mnt;
		p.inode = ino;
		*out = file_alloc_locked(&p, flags, fops);
		if (*out == NULL) {
			ino->nlink = 0;
			inode_check_free(ino);
			r = -ENOMEM;
		}
	}
	vfs_unlock(&g);
	return r;
}

struct file *anon_file_sibling(struct file *f, uint32_t flags,
			       const struct file_ops *fops)
{
	struct ostd_irq_guard g = vfs_lock();
	struct file *sib = file_alloc_locked(&f->path, flags, fops);

	vfs_unlock(&g);
	return sib;
}

void anon_inode_unlink(struct inode *ino)
{
	struct ostd_irq_guard g = vfs_lock();

	ino->nlink = 0;
	inode_check_free(ino);
	vfs_unlock(&g);
}
