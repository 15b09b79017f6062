/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/tmpfs.h - shared between the tmpfs files: the private part of
 * a tmpfs inode and the page index of regular files.
 *
 * tmpfs keeps everything in memory: directory entries in a list per
 * directory, file data in page frames found through a radix tree indexed by
 * page number (sparse: a missing page is a hole and reads as zeros),
 * symlink targets in a heap buffer sized to the target.
 *
 * All of it is protected by the VFS lock (fs_internal.h).
 */
#ifndef KERNEL_FS_TMPFS_H
#define KERNEL_FS_TMPFS_H

#include <ostd/frame.h>
#include <ostd/types.h>

#include "fs/fs_internal.h"

/* Radix tree fan-out: 6 bits of page index per level. */
#define TMPFS_RADIX_SHIFT 6
#define TMPFS_RADIX_SLOTS 64
/* Symlink targets up to this long live in a small buffer. */
#define TMPFS_SHORT_LINK 128

/*
 * One tree node. Level 0 nodes use frame[], the others child[]; keeping
 * both arrays (instead of a union, which racho's kernel does not use)
 * costs 512 bytes per node, about 1/64 of the data it indexes.
 */
struct tmpfs_rnode {
	uint32_t count; /* non-NULL slots */
	struct tmpfs_rnode *child[TMPFS_RADIX_SLOTS];
	struct ostd_frame *frame[TMPFS_RADIX_SLOTS];
};

struct tmpfs_pages {
	struct tmpfs_rnode *root;
	unsigned height; /* levels; covers page indexes < 64^height */
	uint64_t nr;     /* frames held */
};

struct tmpfs_ent {
	struct tmpfs_ent *next;
	struct tmpfs_ent *prev;
	struct inode *inode;
	uint64_t cookie; /* getdents position; grows with each insertion */
	uint32_t namelen;
	uint8_t name[VFS_NAME_MAX];
};

struct tmpfs_link_short {
	uint8_t s[TMPFS_SHORT_LINK];
};

struct tmpfs_link_long {
	uint8_t s[VFS_PATH_MAX];
};

struct tmpfs_node {
	/* directories */
	struct tmpfs_ent *first; /* in cookie order */
	struct tmpfs_ent *last;
	uint64_t next_cookie;
	uint32_t nents;
	struct inode *parent; /* holds a reference; NULL for the root */
	/* regular files */
	struct tmpfs_pages pages;
	/* symlinks: exactly one buffer is used */
	struct tmpfs_link_short *lshort;
	struct tmpfs_link_long *llong;
	uint32_t linklen;
};

/* ---- tmpfs_pages.c: the page index ---- */
/* The frame at page @idx (borrowed), or NULL for a hole. */
struct ostd_frame *tmpfs_page_lookup(const struct tmpfs_pages *p,
				     uint64_t idx);
/* Stores @f (taking over the caller's reference) at the empty slot @idx. */
int tmpfs_page_insert(struct tmpfs_pages *p, uint64_t idx,
		      struct ostd_frame *f);
/* The first present page index >= @start into *@out; false if none. */
bool tmpfs_page_next(const struct tmpfs_pages *p, uint64_t start,
		     uint64_t *out);
/* Drops every page with index >= @from. */
void tmpfs_pages_truncate(struct tmpfs_pages *p, uint64_t from);

/* ---- tmpfs_file.c: regular file data ---- */
extern const struct file_ops tmpfs_file_fops;
int tmpfs_setsize(struct inode *ino, uint64_t size);
int tmpfs_get_page(struct inode *ino, uint64_t idx, bool fill,
		   struct ostd_frame **out);

/* ---- tmpfs_dir.c: directory entries ---- */
extern const struct file_ops tmpfs_dir_fops;
struct tmpfs_ent *tmpfs_dir_find(struct inode *dir, struct ostd_bytes name);
/* Adds @name -> @ino to @dir (no link counting); -ENOMEM. */
int tmpfs_dir_add(struct inode *dir, struct ostd_bytes name,
		  struct inode *ino);
void tmpfs_dir_remove(struct inode *dir, struct tmpfs_ent *e);
int tmpfs_lookup(struct inode *dir, struct ostd_bytes name,
		 struct inode **out);
void tmpfs_iterate(struct inode *dir, uint64_t pos, struct dir_emit *d);
bool tmpfs_dir_empty(struct inode *dir);
int tmpfs_name_of(struct inode *dir, struct inode *child,
		  struct ostd_bytes *out);
void tmpfs_rename(struct inode *odir, struct ostd_bytes oname,
		  struct inode *old, struct inode *ndir,
		  struct ostd_bytes nname, struct inode *victim,
		  unsigned flags);

#endif
