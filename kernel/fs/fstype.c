// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/fstype.c - the table of file system types mount(2) knows by
 * name, and the built-in one: tmpfs with its mount options.
 *
 * Types are registered at boot (tmpfs here; proc and devtmpfs by their own
 * files through vfs_register_fs) and never removed. A mount looks its type
 * up by name and asks it for a super block (struct fs_type in vfs.h).
 *
 * tmpfs options, as Linux's shmem_parse_one(): mode= (octal, the root
 * directory's permissions), uid= and gid= (its owner), and size=,
 * nr_blocks=, nr_inodes=, huge=, mpol= accepted and ignored (racho's tmpfs
 * is bounded by RAM only). Anything else is -EINVAL, as on Linux.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"

struct fstype_node {
	struct fstype_node *next;
	const struct fs_type *type;
};

/* protects: the list, the VFS lock. */
static struct fstype_node *fstypes;

static const struct fs_type *lookup_locked(struct ostd_bytes name)
{
	const struct fstype_node *n;

	for (n = fstypes; n != NULL; n = n->next)
		if (ostd_bytes_eq(name, ostd_bytes_cstr(n->type->name)))
			return n->type;
	return NULL;
}

int vfs_register_fs(const struct fs_type *type)
{
	struct fstype_node *n = OSTD_NEW(struct fstype_node);
	struct ostd_irq_guard g;
	int r = 0;

	if (n == NULL)
		return -ENOMEM;
	n->type = type;
	g = vfs_lock();
	if (lookup_locked(ostd_bytes_cstr(type->name)) != NULL) {
		r = -EBUSY;
	} else {
		n->next = fstypes;
		fstypes = n;
	}
	vfs_unlock(&g);
	if (r < 0)
		ostd_heap_free(n);
	return r;
}

void vfs_fs_type_names(struct vfs_fs_names *out)
{
	const struct fstype_node *n;
	struct ostd_irq_guard g = vfs_lock();
	size_t i;

	out->count = 0;
	for (n = fstypes; n != NULL; n = n->next)
		if (out->count < VFS_FS_NAMES_MAX)
			out->count++;
	/* The list is newest first: fill from the end. */
	i = out->count;
	for (n = fstypes; n != NULL && i > 0; n = n->next)
		out->name[--i] = n->type->name;
	vfs_unlock(&g);
}

/* ---- tmpfs options ---- */

struct tmpfs_opts {
	uint32_t mode;
	uint32_t uid;
	uint32_t gid;
};

/* The number in @v in base @base; false if empty, malformed or > 2^32. */
static bool parse_num(struct ostd_bytes v, unsigned base, uint32_t *out)
{
	uint64_t n = 0;
	size_t i;

	if (v.len == 0)
		return false;
	for (i = 0; i < v.len; i++) {
		int c = ostd_bytes_at(v, i);
		unsigned d = base;

		if (c >= '0' && c <= '9')
			d = c - '0';
		if (d >= base)
			return false;
		n = n * base + d;
		if (n > UINT32_MAX)
			return false;
	}
	*out = n;
	return true;
}

/* One "key=value" (or "key") option @o into @opts. */
static int tmpfs_opt(struct ostd_bytes o, struct tmpfs_opts *opts)
{
	static const char *const ignored[] = { "size", "nr_blocks", "nr_inodes",
					       "huge", "mpol" };
	long eq = ostd_bytes_find(o, 0, '=');
	struct ostd_bytes key = o;
	struct ostd_bytes val = ostd_bytes_empty();
	size_t i;

	if (eq >= 0) {
		(void)ostd_bytes_sub(o, 0, eq, &key);
		(void)ostd_bytes_sub(o, eq + 1, o.len - eq - 1, &val);
	}
	if (ostd_bytes_eq(key, ostd_bytes_cstr("mode")))
		return parse_num(val, 8, &opts->mode) ? 0 : -EINVAL;
	if (ostd_bytes_eq(key, ostd_bytes_cstr("uid")))
		return parse_num(val, 10, &opts->uid) ? 0 : -EINVAL;
	if (ostd_bytes_eq(key, ostd_bytes_cstr("gid")))
		return parse_num(val, 10, &opts->gid) ? 0 : -EINVAL;
	for (i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++)
		if (ostd_bytes_eq(key, ostd_bytes_cstr(ignored[i])) && eq >= 0)
			return 0;
	return -EINVAL;
}

/* Splits @data at commas; empty options are skipped, as Linux does. */
static int tmpfs_parse(struct ostd_bytes data, struct tmpfs_opts *opts)
{
	size_t from = 0;

	while (from < data.len) {
		long comma = ostd_bytes_find(data, from, ',');
		size_t end = data.len;
		struct ostd_bytes o;
		int r;

		if (comma >= 0)
			end = comma;

		if (end > from && ostd_bytes_sub(data, from, end - from, &o)) {
			r = tmpfs_opt(o, opts);
			if (r < 0)
				return r;
		}
		from = end + 1;
	}
	return 0;
}

static int tmpfs_get_sb(struct ostd_bytes source, unsigned long flags,
			struct ostd_bytes data, struct super_block **out)
{
	struct tmpfs_opts opts = { 01777, 0, 0 };
	struct super_block *sb;
	int r;

	(void)source; /* no backing device */
	(void)flags;
	r = tmpfs_parse(data, &opts);
	if (r < 0)
		return r;
	sb = tmpfs_create_sb(opts.mode & S_IALLUGO);
	if (sb == NULL)
		return -ENOMEM;
	sb->root->uid = opts.uid;
	sb->root->gid = opts.gid;
	*out = sb;
	return 0;
}

static const struct fs_type tmpfs_type = { "tmpfs", tmpfs_get_sb };
/* ramfs is tmpfs without swap or limits: the same thing here. */
static const struct fs_type ramfs_type = { "ramfs", tmpfs_get_sb };

int fstype_init(void)
{
	int r = vfs_register_fs(&tmpfs_type);

	if (r == 0)
		r = vfs_register_fs(&ramfs_type);
	return r;
}

int fstype_get_sb(struct ostd_bytes name, struct ostd_bytes source,
		  unsigned long flags, struct ostd_bytes data,
		  struct super_block **out)
{
	const struct fs_type *type = lookup_locked(name);

	if (type == NULL)
		return -ENODEV;
	return type->get_sb(source, flags, data, out);
}
