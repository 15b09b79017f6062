// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/inode.c - the VFS lock and the life of an inode.
 *
 * An inode lives while it has in-memory references (refcount) or directory
 * entries (nlink). A directory pins its parent with a reference so that
 * `..` from a removed working directory still leads somewhere valid; that
 * is why freeing one inode can free its parent too, which inode_drop()
 * does in a loop rather than by recursion.
 */
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/time.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/dirent.h"

static struct ostd_spinlock vfs_big_lock = OSTD_SPINLOCK_INIT("vfs");

struct ostd_irq_guard vfs_lock(void)
{
	return ostd_spin_lock(&vfs_big_lock);
}

void vfs_unlock(struct ostd_irq_guard *g)
{
	ostd_spin_unlock(&vfs_big_lock, g);
}

struct vfs_time vfs_now(void)
{
	uint64_t ns = ostd_time_realtime_ns();
	struct vfs_time t;

	t.sec = ns / 1000000000ULL;
	t.nsec = ns % 1000000000ULL;
	return t;
}

struct inode *inode_alloc(struct super_block *sb, uint32_t mode)
{
	struct inode *ino = OSTD_NEW(struct inode);

	if (ino == NULL)
		return NULL;
	ino->ino = sb->next_ino++;
	ino->mode = mode;
	ino->sb = sb;
	ino->atime = vfs_now();
	ino->mtime = ino->atime;
	ino->ctime = ino->atime;
	ino->sb_next = sb->inodes;
	if (sb->inodes != NULL)
		sb->inodes->sb_prev = ino;
	sb->inodes = ino;
	sb->ninodes++;
	return ino;
}

void inode_get(struct inode *ino)
{
	ino->refcount++;
}

/* Unlinks @ino from its super block, lets the fs free its data, frees it.
 * Returns the inode whose reference @ino held, if any. */
static struct inode *inode_free(struct inode *ino)
{
	struct super_block *sb = ino->sb;
	struct inode *pinned = sb->ops->evict(ino);

	if (ino->sb_prev != NULL)
		ino->sb_prev->sb_next = ino->sb_next;
	else
		sb->inodes = ino->sb_next;
	if (ino->sb_next != NULL)
		ino->sb_next->sb_prev = ino->sb_prev;
	sb->ninodes--;
	ostd_heap_free(ino);
	return pinned;
}

/* Drops @drop references from @ino, then frees what became unused. */
static void inode_drop(struct inode *ino, uint32_t drop)
{
	while (ino != NULL) {
		if (ino->refcount < drop)
			ostd_panic("vfs: inode %lu refcount underflow",
				   ino->ino);
		ino->refcount -= drop;
		if (ino->refcount != 0 || ino->nlink != 0)
			return;
		ino = inode_free(ino);
		drop = 1; /* the pinned parent loses the one it gave */
	}
}

void inode_put(struct inode *ino)
{
	inode_drop(ino, 1);
}

void inode_check_free(struct inode *ino)
{
	inode_drop(ino, 0);
}

void super_kill(struct super_block *sb)
{
	/* Every inode goes, pinned parents included, so ignore pins. */
	while (sb->inodes != NULL)
		inode_free(sb->inodes);
	ostd_heap_free(sb);
}

bool inode_is_dir(const struct inode *ino)
{
	return (ino->mode & S_IFMT) == S_IFDIR;
}

bool inode_is_reg(const struct inode *ino)
{
	return (ino->mode & S_IFMT) == S_IFREG;
}

bool inode_is_link(const struct inode *ino)
{
	return (ino->mode & S_IFMT) == S_IFLNK;
}

unsigned inode_dtype(const struct inode *ino)
{
	/* DT_* values are the S_IFMT bits shifted down. */
	return (ino->mode & S_IFMT) >> 12;
}

void inode_touch_mc(struct inode *ino)
{
	ino->mtime = vfs_now();
	ino->ctime = ino->mtime;
}

void inode_touch_c(struct inode *ino)
{
	ino->ctime = vfs_now();
}

void path_get(const struct path *p)
{
	p->mnt->refcount++;
	inode_get(p->inode);
}

void path_put(const struct path *p)
{
	if (p->mnt->refcount == 0)
		ostd_panic("vfs: mount refcount underflow");
	p->mnt->refcount--;
	inode_put(p->inode);
}

bool path_eq(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->inode == b->inode;
}

uint32_t vfs_dev_major(uint64_t dev)
{
	/* Linux new_decode_dev(): major in bits 8..19. */
	return (dev & 0xfff00) >> 8;
}

uint32_t vfs_dev_minor(uint64_t dev)
{
	return (dev & 0xff) | ((dev >> 12) & 0xfff00);
}

uint64_t vfs_mkdev(uint32_t major, uint32_t minor)
{
	uint64_t ma = major;
	uint64_t mi = minor;

	return (mi & 0xff) | ((ma & 0xfff) << 8) | ((mi & ~0xffULL) << 12);
}
