// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_path.c - the name of an open file, as /proc shows it
 * in maps and in the exe and fd/<n> links, and of a process's cwd and
 * root directories (Linux's d_path()).
 *
 * Linux keeps the dentry a file was opened through, and its chain of
 * parents gives the path. racho has no dentries: a directory knows its
 * parent (".."), and its name is found in that parent (name_of, as for
 * getcwd), but a file of another type only appears in the entries of
 * some directory. So the directory holding it is found by asking every
 * directory of its file system (the super block's inode list) for its
 * name: one pass over the file system's entries. A file with several
 * hard links is named by the first directory found, which need not be
 * the name it was opened by; a renamed file gets its new name, as on
 * Linux.
 *
 * Once unlinked, a file is in no directory and its old name is gone:
 * Linux shows "<old path> (deleted)", racho "/ (deleted)". Files that
 * live on no path (the internal mount of anon.c) get Linux's names:
 * "pipe:[<inode>]" for pipes, and "/dev/console" for the early console
 * (console_file.c), which stands in for the /dev/console Linux's init
 * has open.
 *
 * Paths go up to the caller's root (chroot), or to the top of the tree
 * if the file is outside it, as Linux's d_path() does. VFS lock held.
 */
#include <ostd/bytes.h>
#include <ostd/log.h>

#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"
#include "task.h"

#define CONSOLE_MAJOR 5
#define CONSOLE_MINOR 1

/* Prepends @s before kb->data[*pos]; false if it does not fit. */
static bool prepend(struct vfs_kbuf *kb, size_t *pos, struct ostd_bytes s)
{
	if (s.len > *pos)
		return false;
	*pos -= s.len;
	ostd_bytes_copy(s, 0, &kb->data[*pos], s.len);
	return true;
}

/* "/" @name before kb->data[*pos]. */
static bool prepend_name(struct vfs_kbuf *kb, size_t *pos,
			 struct ostd_bytes name)
{
	return prepend(kb, pos, name) &&
	       prepend(kb, pos, ostd_bytes_cstr("/"));
}

/* Whether @m hangs in the tree (else it is anon.c's internal mount). */
static bool mount_in_tree(const struct mount *m)
{
	struct path top;

	mount_root_path(&top);
	while (m->parent != NULL)
		m = m->parent;
	return m == top.mnt;
}

/* Where the caller's paths start: its root, or the tree's. */
static void reader_root(struct path *out)
{
	struct kernel_task *t = task_current();

	if (t != NULL && t->fs != NULL)
		*out = t->fs->root;
	else
		mount_root_path(out);
}

/* The directory that has an entry for @ino, with its name; NULL if none. */
static struct inode *find_parent(struct inode *ino, struct ostd_bytes *name)
{
	struct inode *d;

	for (d = ino->sb->inodes; d != NULL; d = d->sb_next) {
		if (!inode_is_dir(d) || d->nlink == 0 ||
		    d->iops->name_of == NULL)
			continue;
		if (d->iops->name_of(d, ino, name) == 0)
			return d;
	}
	return NULL;
}

/*
 * Prepends the path of @start, up to @root, before kb->data[*pos]:
 * false if some part has no name (unlinked) or it does not fit. Walks
 * up through "..", and out of mounts to their mountpoints.
 */
static bool build(const struct path *start, const struct path *root,
		  struct vfs_kbuf *kb, size_t *pos)
{
	struct path p = *start;
	struct ostd_bytes name;
	struct inode *up;

	if (!inode_is_dir(p.inode) && p.inode != p.mnt->root) {
		up = find_parent(p.inode, &name);
		if (up == NULL || !prepend_name(kb, pos, name))
			return false;
		p.inode = up;
	}
	while (!path_eq(&p, root)) {
		if (p.inode == p.mnt->root) {
			if (p.mnt->parent == NULL)
				break; /* outside the caller's root */
			p.inode = p.mnt->mountpoint;
			p.mnt = p.mnt->parent;
			continue;
		}
		if (p.inode->iops->lookup(p.inode, ostd_bytes_cstr(".."),
					  &up) < 0 ||
		    up->iops->name_of == NULL ||
		    up->iops->name_of(up, p.inode, &name) < 0 ||
		    !prepend_name(kb, pos, name))
			return false;
		p.inode = up;
	}
	return true;
}

/* Linux's names for files on no path: pipefs's and the console's. */
static size_t anon_name(const struct inode *ino, struct vfs_kbuf *kb)
{
	char text[48];
	size_t pos = OSTD_PAGE_SIZE;
	int n;

	if ((ino->mode & S_IFMT) == S_IFIFO)
		n = ostd_snprintf(text, sizeof(text), "pipe:[%lu]", ino->ino);
	else if ((ino->mode & S_IFMT) == S_IFCHR &&
		 ino->rdev == vfs_mkdev(CONSOLE_MAJOR, CONSOLE_MINOR))
		n = ostd_snprintf(text, sizeof(text), "/dev/console");
	else
		n = ostd_snprintf(text, sizeof(text), "anon_inode:[%lu]",
				  ino->ino);
	(void)prepend(kb, &pos, ostd_bytes_of(text, n));
	return pos;
}

size_t procfs_file_name(const struct file *f, struct vfs_kbuf *kb)
{
	if (!mount_in_tree(f->path.mnt))
		return anon_name(f->inode, kb);
	return procfs_path_name(&f->path, kb);
}

size_t procfs_path_name(const struct path *p, struct vfs_kbuf *kb)
{
	size_t pos = OSTD_PAGE_SIZE;
	size_t end;
	struct path root;

	reader_root(&root);
	/* Built from the end: the suffix first. */
	if (p->inode->nlink == 0)
		(void)prepend(kb, &pos, ostd_bytes_cstr(" (deleted)"));
	end = pos;
	if (!build(p, &root, kb, &pos))
		pos = end; /* no name left to show: just "/" */
	if (pos == end)
		(void)prepend(kb, &pos, ostd_bytes_cstr("/"));
	return pos;
}
