/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/fs_internal.h - shared between the files of kernel/fs/ only:
 * the VFS lock, inode lifetimes, the path walker, directory emission.
 *
 * Everything here that takes a struct inode, path, mount or nameidata
 * expects the VFS lock to be held (each section says so); the vfs_* API in
 * vfs.h takes the lock itself, once per call, and calls these inside.
 */
#ifndef KERNEL_FS_FS_INTERNAL_H
#define KERNEL_FS_FS_INTERNAL_H

#include <ostd/bytes.h>
#include <ostd/cpu.h>
#include <ostd/types.h>

#include "fs/vfs.h"

/* Linux's MAXSYMLINKS: the most symlinks one walk may follow. */
#define NAMEI_MAX_LINKS 40
/* The largest file size (2^38 pages: bounds the page index height). */
#define VFS_MAX_FILE_SIZE (1ULL << 50)

/* ---- the VFS lock (inode.c) ---- */
/*
 * protects: every inode, super block, mount, directory list, page index
 * and fs_context; the chrdev table.
 * order: VFS lock -> file lock, and fdtable lock -> file lock; the VFS and
 * fdtable locks never nest, except in procfs, which peeks at another
 * process's fd table under VFS lock -> process table lock -> fdtable lock
 * (nothing takes the VFS lock under the fdtable lock). Never held across
 * io_* copies (user faults) or file_ops calls (drivers may block).
 */
struct ostd_irq_guard vfs_lock(void);
void vfs_unlock(struct ostd_irq_guard *g);

/* ---- inodes (inode.c), VFS lock held ---- */
struct vfs_time vfs_now(void);
/* A new inode of @sb: refcount 0, nlink 0, times now, on sb's list. */
struct inode *inode_alloc(struct super_block *sb, uint32_t mode);
void inode_get(struct inode *ino);
/* Drops one reference; frees the inode (and parents it pinned) when it
 * has neither references nor links. */
void inode_put(struct inode *ino);
/* Frees @ino if it has neither references nor links (after unlink). */
void inode_check_free(struct inode *ino);
/* Frees every inode of @sb and @sb itself (umount, VFS lock held). */
void super_kill(struct super_block *sb);
bool inode_is_dir(const struct inode *ino);
bool inode_is_reg(const struct inode *ino);
bool inode_is_link(const struct inode *ino);
unsigned inode_dtype(const struct inode *ino);
void inode_touch_mc(struct inode *ino); /* mtime = ctime = now */
void inode_touch_c(struct inode *ino);  /* ctime = now */
void path_get(const struct path *p);
void path_put(const struct path *p);
bool path_eq(const struct path *a, const struct path *b);

/* ---- the path walker (namei.c), VFS lock held ---- */
enum last_type {
	LAST_NORM,   /* a real name */
	LAST_DOT,    /* "." */
	LAST_DOTDOT, /* ".." */
	LAST_ROOT,   /* no last component: "/" */
};

/*
 * One walk's state, on the heap (it is about 1 KiB): the directory reached
 * so far and a stack of path texts still to walk. A symlink pushes its
 * target on top of the text that follows it, so following is iterative.
 * Views point into the caller's path and into symlink inodes, which stay
 * alive because the VFS lock is held for the whole walk.
 */
struct nameidata {
	struct path root;
	struct path cur;
	struct ostd_bytes stack[NAMEI_MAX_LINKS + 1];
	unsigned depth;
	unsigned links;
	struct ostd_bytes last;
	enum last_type last_type;
	bool trailing_slash; /* the last component was followed by '/' */
};

/*
 * Starts a walk of @path from @dirf (NULL: cwd) or, if absolute, from the
 * root of @ctx. -ENOENT for an empty path, -ENAMETOOLONG past PATH_MAX,
 * -ENOTDIR if a relative path starts at a non-directory.
 */
int namei_init(struct nameidata *nd, struct fs_context *ctx,
	       struct file *dirf, struct ostd_bytes path);
/* Walks all but the last component: nd->cur is its directory and
 * nd->last / last_type / trailing_slash describe it. */
int namei_parent(struct nameidata *nd);
/* Looks @name up in nd->cur, crossing mounts; no symlink following. */
int namei_child(struct nameidata *nd, struct ostd_bytes name,
		struct path *out);
/* Continues the walk into symlink @link found in nd->cur (ELOOP past 40). */
int namei_follow(struct nameidata *nd, struct inode *link);
/* Moves nd->cur to its parent, across mount roots, never above root. */
int namei_dotdot(struct nameidata *nd);
/* The whole walk: the final file, following a final symlink if @follow
 * (or if the path ends in '/'). Borrowed result: VFS lock held. */
int namei_lookup(struct nameidata *nd, bool follow, struct path *out);
/*
 * The common start of the *at() calls: resolves (@dirf, @path), with
 * AT_EMPTY_PATH meaning @dirf itself (or cwd) when @path is empty.
 */
int namei_at(struct nameidata *nd, struct fs_context *ctx, struct file *dirf,
	     struct ostd_bytes path, unsigned atflags, bool follow,
	     struct path *out);

/* ---- mounts (mount.c), VFS lock held ---- */
/* The root of the whole tree (the first tmpfs); borrowed. */
void mount_root_path(struct path *out);
unsigned long mount_flags(const struct mount *m);
/* Every mount of the tree, newest first: mount_next(NULL) is the first,
 * NULL after the last (/proc/mounts). Lock held. */
struct mount *mount_next(const struct mount *m);
/* The mount stacked on @mp inside @parent, if any (topmost). */
struct mount *mount_lookup(const struct mount *parent, const struct inode *mp);
const struct file_ops *vfs_chrdev_ops(uint64_t rdev);
const struct file_ops *vfs_fifo_ops(void);
/* A mount of @sb that is in no tree (pipes, anonymous files): paths on it
 * can be held but never walked to. Marks @sb kept. Lock held. */
struct mount *mount_internal(struct super_block *sb);

/* ---- file system types (fstype.c) ---- */
/* Registers the built-in types; called by vfs_init(). */
int fstype_init(void);
/* The super block @name's type gives for a mount (-ENODEV: no such
 * type). Lock held. */
int fstype_get_sb(struct ostd_bytes name, struct ostd_bytes source,
		  unsigned long flags, struct ostd_bytes data,
		  struct super_block **out);

/* ---- directory iteration (readdir.c) ---- */
/* Where getdents64 collects records; filled under the VFS lock. */
struct dir_emit {
	struct vfs_kbuf *kb;
	size_t used;
	size_t cap;
	uint64_t pos; /* cookie of the last record emitted */
	bool overflow;
};
/* Appends one record; false when it does not fit (stop iterating). */
bool vfs_dir_emit(struct dir_emit *d, struct ostd_bytes name, uint64_t ino,
		  unsigned dtype, uint64_t cookie);

/* ---- tmpfs (tmpfs.c) ---- */
/* A fresh tmpfs with an empty root directory, or NULL. */
struct super_block *tmpfs_create_sb(uint32_t root_mode);

/* ---- attr.c ---- */
/*
 * Sets the size of regular file @ino (iops->setsize) and, when it
 * shrinks, unmaps its pages past the new end from every address space
 * (Linux's truncate_setsize + truncate_pagecache). Lock held.
 */
int inode_truncate(struct inode *ino, uint64_t size);

/* ---- file.c ---- */
/* A new file on @p (takes its own references), or NULL. Lock held. */
struct file *file_alloc_locked(const struct path *p, uint32_t flags,
			       const struct file_ops *fops);

#endif
