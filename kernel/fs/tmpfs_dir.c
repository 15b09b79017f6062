// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/tmpfs_dir.c - tmpfs directories: a list of (name, inode)
 * entries, lookup, getdents order, and rename.
 *
 * Each entry gets a cookie from a per-directory counter when it is added.
 * The list stays in cookie order and getdents resumes after the cookie in
 * the file offset, so a directory read in several calls returns every
 * entry that stayed put exactly once, whatever else is added or removed
 * meanwhile. Cookies 1 and 2 are "." and "..".
 *
 * Lookup is a linear scan: directories here are small, and simplicity
 * wins until one is not.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/tmpfs.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"

#define TMPFS_FIRST_COOKIE 3

static struct ostd_bytes ent_name(const struct tmpfs_ent *e)
{
	return ostd_bytes_of(&e->name[0], e->namelen);
}

struct tmpfs_ent *tmpfs_dir_find(struct inode *dir, struct ostd_bytes name)
{
	struct tmpfs_ent *e;

	for (e = dir->tmpfs->first; e != NULL; e = e->next)
		if (ostd_bytes_eq(ent_name(e), name))
			return e;
	return NULL;
}

/* Appends @e with a fresh cookie, so the list stays in cookie order. */
static void dir_append(struct inode *dir, struct tmpfs_ent *e)
{
	struct tmpfs_node *d = dir->tmpfs;

	if (d->next_cookie < TMPFS_FIRST_COOKIE)
		d->next_cookie = TMPFS_FIRST_COOKIE;
	e->cookie = d->next_cookie++;
	e->next = NULL;
	e->prev = d->last;
	if (d->last != NULL)
		d->last->next = e;
	else
		d->first = e;
	d->last = e;
	d->nents++;
}

static void dir_unlink_ent(struct inode *dir, struct tmpfs_ent *e)
{
	struct tmpfs_node *d = dir->tmpfs;

	if (e->prev != NULL)
		e->prev->next = e->next;
	else
		d->first = e->next;
	if (e->next != NULL)
		e->next->prev = e->prev;
	else
		d->last = e->prev;
	d->nents--;
}

static void ent_set_name(struct tmpfs_ent *e, struct ostd_bytes name)
{
	e->namelen = ostd_bytes_copy(name, 0, &e->name[0], VFS_NAME_MAX);
}

int tmpfs_dir_add(struct inode *dir, struct ostd_bytes name,
		  struct inode *ino)
{
	struct tmpfs_ent *e;

	if (name.len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	e = OSTD_NEW(struct tmpfs_ent);
	if (e == NULL)
		return -ENOMEM;
	ent_set_name(e, name);
	e->inode = ino;
	dir_append(dir, e);
	return 0;
}

void tmpfs_dir_remove(struct inode *dir, struct tmpfs_ent *e)
{
	dir_unlink_ent(dir, e);
	ostd_heap_free(e);
}

int tmpfs_lookup(struct inode *dir, struct ostd_bytes name,
		 struct inode **out)
{
	struct tmpfs_ent *e;

	if (ostd_bytes_eq(name, ostd_bytes_cstr("."))) {
		*out = dir;
		return 0;
	}
	if (ostd_bytes_eq(name, ostd_bytes_cstr(".."))) {
		*out = dir->tmpfs->parent != NULL ? dir->tmpfs->parent : dir;
		return 0;
	}
	e = tmpfs_dir_find(dir, name);
	if (e == NULL)
		return -ENOENT;
	*out = e->inode;
	return 0;
}

void tmpfs_iterate(struct inode *dir, uint64_t pos, struct dir_emit *d)
{
	struct inode *parent = dir->tmpfs->parent;
	struct tmpfs_ent *e;

	if (parent == NULL)
		parent = dir;
	if (pos < 1 &&
	    !vfs_dir_emit(d, ostd_bytes_cstr("."), dir->ino, DT_DIR, 1))
		return;
	if (pos < 2 &&
	    !vfs_dir_emit(d, ostd_bytes_cstr(".."), parent->ino, DT_DIR, 2))
		return;
	for (e = dir->tmpfs->first; e != NULL; e = e->next) {
		if (e->cookie <= pos)
			continue;
		if (!vfs_dir_emit(d, ent_name(e), e->inode->ino,
				  inode_dtype(e->inode), e->cookie))
			return;
	}
}

bool tmpfs_dir_empty(struct inode *dir)
{
	return dir->tmpfs->nents == 0;
}

int tmpfs_name_of(struct inode *dir, struct inode *child,
		  struct ostd_bytes *out)
{
	struct tmpfs_ent *e;

	for (e = dir->tmpfs->first; e != NULL; e = e->next) {
		if (e->inode == child) {
			*out = ent_name(e);
			return 0;
		}
	}
	return -ENOENT;
}

/* Makes @newparent the `..` of directory @ino, moving the pin and the
 * link that `..` stands for. */
static void reparent(struct inode *ino, struct inode *newparent)
{
	struct inode *old = ino->tmpfs->parent;

	if (old == newparent)
		return;
	inode_get(newparent);
	newparent->nlink++;
	ino->tmpfs->parent = newparent;
	old->nlink--;
	inode_put(old); /* still linked, so never freed here */
}

/* RENAME_EXCHANGE: the two entries swap inodes. */
static void rename_exchange(struct inode *odir, struct tmpfs_ent *oe,
			    struct inode *ndir, struct tmpfs_ent *ne)
{
	struct inode *a = oe->inode;
	struct inode *b = ne->inode;

	oe->inode = b;
	ne->inode = a;
	if (inode_is_dir(a))
		reparent(a, ndir);
	if (inode_is_dir(b))
		reparent(b, odir);
	inode_touch_c(a);
	inode_touch_c(b);
}

/* Drops @victim's entry @ve in @ndir: the inode may go once unused. */
static void drop_victim(struct inode *ndir, struct tmpfs_ent *ve,
			struct inode *victim)
{
	tmpfs_dir_remove(ndir, ve);
	if (inode_is_dir(victim)) {
		victim->nlink = 0;
		ndir->nlink--;
	} else {
		victim->nlink--;
	}
	inode_touch_c(victim);
}

void tmpfs_rename(struct inode *odir, struct ostd_bytes oname,
		  struct inode *old, struct inode *ndir,
		  struct ostd_bytes nname, struct inode *victim,
		  unsigned flags)
{
	struct tmpfs_ent *oe = tmpfs_dir_find(odir, oname);
	struct tmpfs_ent *ne = tmpfs_dir_find(ndir, nname);

	inode_touch_mc(odir);
	inode_touch_mc(ndir);
	if (flags & RENAME_EXCHANGE) {
		rename_exchange(odir, oe, ndir, ne);
		return;
	}
	if (victim != NULL)
		drop_victim(ndir, ne, victim);
	/* The entry itself moves: no allocation, so rename cannot fail. */
	dir_unlink_ent(odir, oe);
	ent_set_name(oe, nname);
	dir_append(ndir, oe);
	if (inode_is_dir(old))
		reparent(old, ndir);
	inode_touch_c(old);
	if (victim != NULL)
		inode_check_free(victim);
}
