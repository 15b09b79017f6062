// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/namei.c - path walking.
 *
 * A walk keeps a stack of path texts still to be walked (struct nameidata).
 * Components are taken from the top text; a symlink met on the way pushes
 * its target, so "a/link/b" with link -> "x/y" walks a, then x, y, then b,
 * with no recursion. At most NAMEI_MAX_LINKS links are followed per walk
 * (ELOOP), which also bounds the stack.
 *
 * Linux rules kept here: "." and ".." are handled lexically per directory
 * (".." at the process root stays there, ".." at a mount's root first
 * climbs to the mountpoint), repeated slashes count as one, a trailing
 * slash demands a directory and follows a final symlink, components are
 * at most 255 bytes and paths at most 4095.
 *
 * Everything here runs with the VFS lock held, so the walk takes no
 * references: the tree cannot change under it.
 */
#include <ostd/bytes.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"

int namei_init(struct nameidata *nd, struct fs_context *ctx,
	       struct file *dirf, struct ostd_bytes path)
{
	if (path.len == 0)
		return -ENOENT;
	if (path.len >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	nd->root = ctx->root;
	nd->depth = 1;
	nd->links = 0;
	nd->stack[0] = path;
	if (ostd_bytes_at(path, 0) == '/') {
		nd->cur = ctx->root;
		return 0;
	}
	if (dirf == NULL) {
		nd->cur = ctx->cwd;
		return 0;
	}
	if (!inode_is_dir(dirf->inode))
		return -ENOTDIR;
	nd->cur = dirf->path;
	return 0;
}

/* The index of the first byte at or after @from that is not '/'. */
static size_t skip_slashes(struct ostd_bytes b, size_t from)
{
	while (from < b.len && ostd_bytes_at(b, from) == '/')
		from++;
	return from;
}

/* Whether any text still to walk holds a name (not only slashes). */
static bool stack_has_name(const struct nameidata *nd)
{
	unsigned i;

	for (i = 0; i < nd->depth; i++)
		if (skip_slashes(nd->stack[i], 0) < nd->stack[i].len)
			return true;
	return false;
}

/* Any bytes (only slashes, since no name is left) still on the stack. */
static bool stack_has_bytes(const struct nameidata *nd)
{
	unsigned i;

	for (i = 0; i < nd->depth; i++)
		if (nd->stack[i].len > 0)
			return true;
	return false;
}

/*
 * Takes the next component off the stack into @comp. Returns false when
 * the walk has no components left. Sets *@last if no name follows it.
 */
static bool next_component(struct nameidata *nd, struct ostd_bytes *comp,
			   bool *last)
{
	while (nd->depth > 0) {
		struct ostd_bytes top = nd->stack[nd->depth - 1];
		size_t start = skip_slashes(top, 0);
		long slash;
		size_t end;

		if (start == top.len) {
			nd->depth--;
			continue;
		}
		slash = ostd_bytes_find(top, start, '/');
		end = slash < 0 ? top.len : slash;
		ostd_bytes_sub(top, start, end - start, comp);
		ostd_bytes_sub(top, end, top.len - end,
			       &nd->stack[nd->depth - 1]);
		*last = !stack_has_name(nd);
		return true;
	}
	return false;
}

static bool name_is(struct ostd_bytes name, const char *s)
{
	return ostd_bytes_eq(name, ostd_bytes_cstr(s));
}

int namei_dotdot(struct nameidata *nd)
{
	struct inode *parent;
	int r;

	/* Climb out of mounts whose root we stand on, never above root. */
	while (!path_eq(&nd->cur, &nd->root) &&
	       nd->cur.inode == nd->cur.mnt->root &&
	       nd->cur.mnt->parent != NULL) {
		nd->cur.inode = nd->cur.mnt->mountpoint;
		nd->cur.mnt = nd->cur.mnt->parent;
	}
	if (path_eq(&nd->cur, &nd->root))
		return 0;
	r = nd->cur.inode->iops->lookup(nd->cur.inode, ostd_bytes_cstr(".."),
					&parent);
	if (r < 0)
		return r;
	nd->cur.inode = parent;
	return 0;
}

int namei_child(struct nameidata *nd, struct ostd_bytes name,
		struct path *out)
{
	struct path p = nd->cur;
	struct inode *child;
	int r;

	if (name.len > VFS_NAME_MAX)
		return -ENAMETOOLONG;
	r = p.inode->iops->lookup(p.inode, name, &child);
	if (r < 0)
		return r;
	p.inode = child;
	/* Step onto whatever is mounted here, and onto mounts on that. */
	while (p.inode->mounted > 0) {
		struct mount *m = mount_lookup(p.mnt, p.inode);

		if (m == NULL)
			break;
		p.mnt = m;
		p.inode = m->root;
	}
	*out = p;
	return 0;
}

int namei_follow(struct nameidata *nd, struct inode *link)
{
	struct ostd_bytes target;
	int r;

	if (nd->links >= NAMEI_MAX_LINKS)
		return -ELOOP;
	nd->links++;
	r = link->iops->readlink(link, &target);
	if (r < 0)
		return r;
	if (target.len == 0)
		return -ENOENT;
	/* depth <= links + 1, so the stack has room (NAMEI_MAX_LINKS + 1). */
	nd->stack[nd->depth++] = target;
	if (ostd_bytes_at(target, 0) == '/')
		nd->cur = nd->root;
	return 0;
}

/* One component that is not the last: ".", "..", or a name to enter. */
static int walk_step(struct nameidata *nd, struct ostd_bytes comp)
{
	struct path next;
	int r;

	if (name_is(comp, "."))
		return 0;
	if (name_is(comp, ".."))
		return namei_dotdot(nd);
	r = namei_child(nd, comp, &next);
	if (r < 0)
		return r;
	if (inode_is_link(next.inode))
		return namei_follow(nd, next.inode);
	nd->cur = next;
	return 0;
}

int namei_parent(struct nameidata *nd)
{
	struct ostd_bytes comp;
	bool last;
	int r;

	for (;;) {
		if (!next_component(nd, &comp, &last)) {
			nd->last = ostd_bytes_empty();
			nd->last_type = LAST_ROOT;
			nd->trailing_slash = false;
			return inode_is_dir(nd->cur.inode) ? 0 : -ENOTDIR;
		}
		if (comp.len > VFS_NAME_MAX)
			return -ENAMETOOLONG;
		if (!inode_is_dir(nd->cur.inode))
			return -ENOTDIR;
		if (last)
			break;
		r = walk_step(nd, comp);
		if (r < 0)
			return r;
	}
	nd->last = comp;
	nd->trailing_slash = stack_has_bytes(nd);
	nd->last_type = LAST_NORM;
	if (name_is(comp, "."))
		nd->last_type = LAST_DOT;
	else if (name_is(comp, ".."))
		nd->last_type = LAST_DOTDOT;
	return 0;
}

int namei_lookup(struct nameidata *nd, bool follow, struct path *out)
{
	struct path child;
	int r;

	for (;;) {
		r = namei_parent(nd);
		if (r < 0)
			return r;
		if (nd->last_type == LAST_DOTDOT)
			r = namei_dotdot(nd);
		if (r < 0)
			return r;
		if (nd->last_type != LAST_NORM) {
			*out = nd->cur;
			return 0;
		}
		r = namei_child(nd, nd->last, &child);
		if (r < 0)
			return r;
		if (inode_is_link(child.inode) &&
		    (follow || nd->trailing_slash)) {
			r = namei_follow(nd, child.inode);
			if (r < 0)
				return r;
			continue;
		}
		if (nd->trailing_slash && !inode_is_dir(child.inode))
			return -ENOTDIR;
		*out = child;
		return 0;
	}
}

int namei_at(struct nameidata *nd, struct fs_context *ctx, struct file *dirf,
	     struct ostd_bytes path, unsigned atflags, bool follow,
	     struct path *out)
{
	int r;

	if (path.len == 0 && (atflags & AT_EMPTY_PATH)) {
		*out = dirf != NULL ? dirf->path : ctx->cwd;
		return 0;
	}
	r = namei_init(nd, ctx, dirf, path);
	if (r < 0)
		return r;
	return namei_lookup(nd, follow, out);
}
