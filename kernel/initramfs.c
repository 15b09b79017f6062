// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/initramfs.c - unpacking a newc cpio archive into the root tmpfs:
 * Linux's init/initramfs.c (do_name(), do_symlink(), maybe_link(),
 * clean_path(), dir_utime()) on top of the VFS calls, with the archive
 * read by cpio.c.
 *
 * Every entry goes through the same calls a process would make (open,
 * write, mkdir, mknod, symlink, link, chown, chmod, utimensat), from a
 * kernel fs_context at "/" with umask 0. Names are used as given,
 * relative to "/". Rules kept from Linux:
 *   - an existing file of another type is removed first (clean_path);
 *   - hard links: newc gives every name of a multiply-linked file its
 *     own entry with the same (dev, ino); the first one creates the
 *     file, the others link to it, and the data comes with the last;
 *   - directory mtimes are set at the end, since creating entries in a
 *     directory changes its mtime;
 *   - failures of single entries are logged and skipped.
 * Hard-link records and deferred directories point into the archive
 * itself (the initrd is never freed), so no name is copied.
 */
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "cpio.h"
#include "errno.h"
#include "fs/vfs.h"
#include "initramfs.h"
#include "uapi/fcntl.h"

struct link_rec {
	struct link_rec *next;
	uint32_t ino, major, minor, type;
	struct ostd_bytes name;
};

struct dir_rec {
	struct dir_rec *next;
	struct ostd_bytes name;
	uint32_t mtime;
};

struct unpacker {
	struct fs_context *ctx;
	struct link_rec *links;
	struct dir_rec *dirs;
	size_t entries;
	size_t failed;
};

/* "initramfs: <name>: <what> failed (error N)", the name cut to fit. */
static void warn(struct unpacker *u, const struct cpio_entry *e,
		 const char *what, int err)
{
	char name[128];
	size_t n = ostd_bytes_copy(e->name, 0, name, sizeof(name) - 1);

	name[n] = 0;
	u->failed++;
	ostd_log(OSTD_LOG_WARN, "initramfs: %s: %s failed (error %d)", name,
		 what, err);
}

static uint32_t type_of(uint32_t mode)
{
	return mode & CPIO_S_IFMT;
}

/* Linux's clean_path(): removes @name if it exists with another type
 * than @type (0: whatever it is). */
static void clean_path(struct unpacker *u, struct ostd_bytes name,
		       uint32_t type)
{
	struct linux_stat st;

	if (vfs_stat(u->ctx, NULL, name, AT_SYMLINK_NOFOLLOW, &st) < 0 ||
	    type_of(st.st_mode) == type)
		return;
	(void)vfs_unlink(u->ctx, NULL, name,
			 type_of(st.st_mode) == S_IFDIR ? AT_REMOVEDIR : 0);
}

/* Owner, then (for all but symlinks) the mode with its special bits. */
static void set_owner_mode(struct unpacker *u, const struct cpio_entry *e)
{
	int r = vfs_chown(u->ctx, NULL, e->name, e->uid, e->gid,
			  AT_SYMLINK_NOFOLLOW);

	if (r < 0)
		warn(u, e, "chown", r);
	if (cpio_is_symlink(e))
		return;
	r = vfs_chmod(u->ctx, NULL, e->name, e->mode & S_IALLUGO, 0);
	if (r < 0)
		warn(u, e, "chmod", r);
}

/* Linux's do_utime(): atime = mtime = the entry's mtime. */
static void set_mtime(struct unpacker *u, struct ostd_bytes name,
		      uint32_t mtime)
{
	struct linux_timespec t = { mtime, 0 };

	(void)vfs_utimens(u->ctx, NULL, name, &t, &t, AT_SYMLINK_NOFOLLOW);
}

/*
 * Linux's maybe_link(): 1 if @e is another name of an earlier entry
 * (now linked), 0 if it is new (remembered when it may get more names),
 * negative if the link failed.
 */
static int maybe_link(struct unpacker *u, const struct cpio_entry *e)
{
	struct link_rec *l;
	int r;

	if (e->nlink < 2)
		return 0;
	for (l = u->links; l != NULL; l = l->next) {
		if (l->ino == e->ino && l->major == e->devmajor &&
		    l->minor == e->devminor && l->type == type_of(e->mode))
			break;
	}
	if (l == NULL) {
		l = OSTD_NEW(struct link_rec);
		if (l == NULL)
			return -ENOMEM;
		l->ino = e->ino;
		l->major = e->devmajor;
		l->minor = e->devminor;
		l->type = type_of(e->mode);
		l->name = e->name;
		l->next = u->links;
		u->links = l;
		return 0;
	}
	clean_path(u, e->name, 0);
	r = vfs_link(u->ctx, NULL, l->name, NULL, e->name, 0);
	return r < 0 ? r : 1;
}

/* Writes all of @e's data to @f. */
static int write_all(struct file *f, const struct cpio_entry *e)
{
	struct io_target t = io_bytes(e->data);

	while (t.done < e->data.len) {
		long r = vfs_write(f, &t, e->data.len - t.done);

		if (r < 0)
			return r;
		if (r == 0)
			return -EIO;
	}
	return 0;
}

static void do_regular(struct unpacker *u, const struct cpio_entry *e)
{
	uint32_t flags = O_WRONLY | O_CREAT | O_LARGEFILE;
	struct file *f;
	int ml = maybe_link(u, e);
	int r;

	if (ml < 0) {
		warn(u, e, "link", ml);
		return;
	}
	if (ml != 1)
		flags |= O_TRUNC;
	r = vfs_open(u->ctx, NULL, e->name, flags, e->mode & S_IALLUGO, &f);
	if (r < 0) {
		warn(u, e, "open", r);
		return;
	}
	(void)vfs_fchown(f, e->uid, e->gid);
	(void)vfs_fchmod(f, e->mode & S_IALLUGO);
	if (e->filesize > 0)
		r = vfs_ftruncate(f, e->filesize);
	if (r == 0)
		r = write_all(f, e);
	file_put(f);
	if (r < 0)
		warn(u, e, "write", r);
	set_mtime(u, e->name, e->mtime);
}

static void do_dir(struct unpacker *u, const struct cpio_entry *e)
{
	struct dir_rec *d;
	int r = vfs_mkdir(u->ctx, NULL, e->name, e->mode & S_IALLUGO);

	/* An existing directory (".", "dev" twice) just gets the attributes. */
	if (r < 0 && r != -EEXIST) {
		warn(u, e, "mkdir", r);
		return;
	}
	set_owner_mode(u, e);
	d = OSTD_NEW(struct dir_rec);
	if (d == NULL)
		return; /* only the mtime is lost */
	d->name = e->name;
	d->mtime = e->mtime;
	d->next = u->dirs;
	u->dirs = d;
}

static void do_node(struct unpacker *u, const struct cpio_entry *e)
{
	int r = maybe_link(u, e);

	if (r != 0) {
		if (r < 0)
			warn(u, e, "link", r);
		return;
	}
	r = vfs_mknod(u->ctx, NULL, e->name, e->mode,
		      vfs_mkdev(e->rdevmajor, e->rdevminor));
	if (r < 0) {
		warn(u, e, "mknod", r);
		return;
	}
	set_owner_mode(u, e);
	set_mtime(u, e->name, e->mtime);
}

static void do_symlink(struct unpacker *u, const struct cpio_entry *e)
{
	int r;

	clean_path(u, e->name, 0);
	r = vfs_symlink(u->ctx, e->data, NULL, e->name);
	if (r < 0) {
		warn(u, e, "symlink", r);
		return;
	}
	set_owner_mode(u, e);
	set_mtime(u, e->name, e->mtime);
}

static void do_entry(struct unpacker *u, const struct cpio_entry *e)
{
	u->entries++;
	clean_path(u, e->name, type_of(e->mode));
	switch (type_of(e->mode)) {
	case CPIO_S_IFREG:
		do_regular(u, e);
		break;
	case CPIO_S_IFDIR:
		do_dir(u, e);
		break;
	case CPIO_S_IFLNK:
		do_symlink(u, e);
		break;
	case CPIO_S_IFCHR:
	case CPIO_S_IFBLK:
	case CPIO_S_IFIFO:
	case CPIO_S_IFSOCK:
		do_node(u, e);
		break;
	default:
		warn(u, e, "unknown file type", -EINVAL);
		break;
	}
}

/* Linux's dir_utime(), and the records freed. */
static void finish(struct unpacker *u)
{
	while (u->dirs != NULL) {
		struct dir_rec *d = u->dirs;

		u->dirs = d->next;
		set_mtime(u, d->name, d->mtime);
		ostd_heap_free(d);
	}
	while (u->links != NULL) {
		struct link_rec *l = u->links;

		u->links = l->next;
		ostd_heap_free(l);
	}
}

void initramfs_unpack(struct ostd_bytes archive)
{
	struct unpacker u = { 0 };
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	u.ctx = fs_context_new_root();
	if (u.ctx == NULL)
		ostd_panic("Kernel panic - not syncing: initramfs: out of memory");
	(void)fs_context_umask(u.ctx, 0);
	cpio_iter_init(&it, archive);
	while ((r = cpio_next(&it, &e)) > 0)
		do_entry(&u, &e);
	if (r == CPIO_ENOTSUP)
		ostd_panic("Kernel panic - not syncing: compressed initramfs is not supported: %s (decompress it, e.g. `gunzip`, and pass the newc cpio archive itself)",
			   it.compression);
	if (r < 0)
		ostd_panic("Kernel panic - not syncing: initramfs: corrupt archive at offset %zu: %s",
			   it.err_off, it.err_msg);
	finish(&u);
	fs_context_put(u.ctx);
	ostd_log(OSTD_LOG_INFO, "initramfs: unpacked %zu entries (%zu bytes)%s",
		 u.entries, archive.len, u.failed ? ", some with errors" : "");
}
