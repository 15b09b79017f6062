// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/tmpfs.c - tmpfs super blocks and inodes: creating files,
 * directories, symlinks and device nodes, linking and unlinking them, and
 * freeing them when the last link and reference are gone.
 *
 * Link counts follow Linux: a file has one per name; a directory has two
 * (its name and its ".") plus one per subdirectory (their ".."). A
 * directory also pins its parent with a reference (see inode.c).
 */
#include <ostd/bytes.h>
#include <ostd/frame.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/tmpfs.h"
#include "uapi/statfs.h"

static const struct inode_ops tmpfs_iops;
static const struct super_ops tmpfs_sops;
const struct file_ops tmpfs_dir_fops = { 0 };

/* A new inode with its private part; fops chosen by type. */
static struct inode *tmpfs_new_inode(struct super_block *sb, uint32_t mode)
{
	struct inode *ino = inode_alloc(sb, mode);

	if (ino == NULL)
		return NULL;
	ino->tmpfs = OSTD_NEW(struct tmpfs_node);
	if (ino->tmpfs == NULL) {
		inode_check_free(ino); /* no links, no refs: freed */
		return NULL;
	}
	ino->iops = &tmpfs_iops;
	if (inode_is_reg(ino))
		ino->fops = &tmpfs_file_fops;
	else if (inode_is_dir(ino))
		ino->fops = &tmpfs_dir_fops;
	return ino;
}

struct super_block *tmpfs_create_sb(uint32_t root_mode)
{
	struct super_block *sb = OSTD_NEW(struct super_block);
	struct inode *root;

	if (sb == NULL)
		return NULL;
	sb->magic = TMPFS_MAGIC;
	sb->ops = &tmpfs_sops;
	sb->next_ino = 1;
	root = tmpfs_new_inode(sb, S_IFDIR | (root_mode & S_IALLUGO));
	if (root == NULL) {
		ostd_heap_free(sb);
		return NULL;
	}
	root->nlink = 2;
	sb->root = root;
	return sb;
}

/* Entries can only be added to a directory that still has a name. */
static int check_new_name(struct inode *dir, struct ostd_bytes name)
{
	if (dir->nlink == 0)
		return -ENOENT;
	if (name.len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	if (tmpfs_dir_find(dir, name) != NULL)
		return -EEXIST;
	return 0;
}

/* Gives the unlinked new inode @ino the name @name in @dir. */
static int attach(struct inode *dir, struct ostd_bytes name,
		  struct inode *ino)
{
	int r = tmpfs_dir_add(dir, name, ino);

	if (r < 0) {
		inode_check_free(ino);
		return r;
	}
	if (inode_is_dir(ino)) {
		ino->nlink = 2;
		dir->nlink++;
		inode_get(dir);
		ino->tmpfs->parent = dir;
	} else {
		ino->nlink = 1;
	}
	inode_touch_mc(dir);
	return 0;
}

static int tmpfs_create(struct inode *dir, struct ostd_bytes name,
			uint32_t mode, uint64_t rdev, struct inode **out)
{
	struct inode *ino;
	int r = check_new_name(dir, name);

	if (r < 0)
		return r;
	ino = tmpfs_new_inode(dir->sb, mode);
	if (ino == NULL)
		return -ENOMEM;
	ino->rdev = rdev;
	r = attach(dir, name, ino);
	if (r == 0)
		*out = ino;
	return r;
}

/* Copies @target into a buffer of fitting size in @node. */
static int store_target(struct tmpfs_node *node, struct ostd_bytes target)
{
	if (target.len < TMPFS_SHORT_LINK) {
		node->lshort = OSTD_NEW(struct tmpfs_link_short);
		if (node->lshort == NULL)
			return -ENOMEM;
		ostd_bytes_copy(target, 0, &node->lshort->s[0], target.len);
	} else {
		node->llong = OSTD_NEW(struct tmpfs_link_long);
		if (node->llong == NULL)
			return -ENOMEM;
		ostd_bytes_copy(target, 0, &node->llong->s[0], target.len);
	}
	node->linklen = target.len;
	return 0;
}

static int tmpfs_symlink(struct inode *dir, struct ostd_bytes name,
			 struct ostd_bytes target, struct inode **out)
{
	struct inode *ino;
	int r = check_new_name(dir, name);

	if (r < 0)
		return r;
	if (target.len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	ino = tmpfs_new_inode(dir->sb, S_IFLNK | 0777);
	if (ino == NULL)
		return -ENOMEM;
	r = store_target(ino->tmpfs, target);
	if (r < 0) {
		inode_check_free(ino);
		return r;
	}
	ino->size = target.len;
	r = attach(dir, name, ino);
	if (r == 0)
		*out = ino;
	return r;
}

static int tmpfs_readlink(struct inode *link, struct ostd_bytes *out)
{
	struct tmpfs_node *node = link->tmpfs;

	if (node->lshort != NULL)
		*out = ostd_bytes_of(&node->lshort->s[0], node->linklen);
	else if (node->llong != NULL)
		*out = ostd_bytes_of(&node->llong->s[0], node->linklen);
	else
		return -EINVAL;
	return 0;
}

static int tmpfs_link(struct inode *dir, struct ostd_bytes name,
		      struct inode *target)
{
	int r = check_new_name(dir, name);

	if (r < 0)
		return r;
	/* An unlinked file stays unlinked (Linux: ENOENT, unless O_TMPFILE). */
	if (target->nlink == 0)
		return -ENOENT;
	if (target->nlink == UINT32_MAX)
		return -EMLINK;
	r = tmpfs_dir_add(dir, name, target);
	if (r < 0)
		return r;
	target->nlink++;
	inode_touch_c(target);
	inode_touch_mc(dir);
	return 0;
}

static int tmpfs_unlink(struct inode *dir, struct ostd_bytes name,
			struct inode *victim)
{
	struct tmpfs_ent *e = tmpfs_dir_find(dir, name);

	if (e == NULL || e->inode != victim)
		return -ENOENT;
	tmpfs_dir_remove(dir, e);
	if (inode_is_dir(victim)) {
		victim->nlink = 0;
		dir->nlink--;
	} else {
		victim->nlink--;
	}
	inode_touch_c(victim);
	inode_touch_mc(dir);
	inode_check_free(victim);
	return 0;
}

/* Frees the private part; returns the parent a directory pinned. */
static struct inode *tmpfs_evict(struct inode *ino)
{
	struct tmpfs_node *node = ino->tmpfs;
	struct inode *pinned;

	if (node == NULL)
		return NULL;
	pinned = node->parent;
	/* A directory freed by umount may still hold entries. */
	while (node->first != NULL)
		tmpfs_dir_remove(ino, node->first);
	tmpfs_pages_truncate(&node->pages, 0);
	ostd_heap_free(node->lshort);
	ostd_heap_free(node->llong);
	ostd_heap_free(node);
	ino->tmpfs = NULL;
	return pinned;
}

static void tmpfs_statfs(struct super_block *sb, struct linux_statfs *st)
{
	size_t total = ostd_frame_total_count();
	size_t free = ostd_frame_free_count();

	/* Like tmpfs without size=: bounded only by RAM. */
	st->f_type = TMPFS_MAGIC;
	st->f_bsize = OSTD_PAGE_SIZE;
	st->f_frsize = OSTD_PAGE_SIZE;
	st->f_blocks = total;
	st->f_bfree = free;
	st->f_bavail = free;
	st->f_files = sb->ninodes + free;
	st->f_ffree = free;
	st->f_namelen = VFS_NAME_MAX;
}

static const struct inode_ops tmpfs_iops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.symlink = tmpfs_symlink,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rename = tmpfs_rename,
	.readlink = tmpfs_readlink,
	.setsize = tmpfs_setsize,
	.get_page = tmpfs_get_page,
	.iterate = tmpfs_iterate,
	.dir_empty = tmpfs_dir_empty,
	.name_of = tmpfs_name_of,
};

static const struct super_ops tmpfs_sops = {
	.evict = tmpfs_evict,
	.statfs = tmpfs_statfs,
};
