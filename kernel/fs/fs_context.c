// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/fs_context.c - a process's root, working directory and umask:
 * chdir, fchdir, chroot, getcwd.
 *
 * Threads created with CLONE_FS share one context (refcount); fork()
 * copies it. The root and cwd paths hold references, so a removed working
 * directory stays valid (lookups in it then fail with ENOENT) and a mount
 * containing one cannot be unmounted.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"

struct fs_context *fs_context_new_root(void)
{
	struct fs_context *ctx = OSTD_NEW(struct fs_context);
	struct ostd_irq_guard g;

	if (ctx == NULL)
		return NULL;
	g = vfs_lock();
	mount_root_path(&ctx->root);
	ctx->cwd = ctx->root;
	path_get(&ctx->root);
	path_get(&ctx->cwd);
	vfs_unlock(&g);
	ctx->refcount = 1;
	ctx->umask = 022;
	return ctx;
}

struct fs_context *fs_context_copy(struct fs_context *ctx)
{
	struct fs_context *copy = OSTD_NEW(struct fs_context);
	struct ostd_irq_guard g;

	if (copy == NULL)
		return NULL;
	g = vfs_lock();
	copy->root = ctx->root;
	copy->cwd = ctx->cwd;
	copy->umask = ctx->umask;
	path_get(&copy->root);
	path_get(&copy->cwd);
	vfs_unlock(&g);
	copy->refcount = 1;
	return copy;
}

void fs_context_get(struct fs_context *ctx)
{
	struct ostd_irq_guard g = vfs_lock();

	ctx->refcount++;
	vfs_unlock(&g);
}

void fs_context_put(struct fs_context *ctx)
{
	struct ostd_irq_guard g = vfs_lock();
	bool last = --ctx->refcount == 0;

	if (last) {
		path_put(&ctx->root);
		path_put(&ctx->cwd);
	}
	vfs_unlock(&g);
	if (last)
		ostd_heap_free(ctx);
}

uint32_t fs_context_umask(struct fs_context *ctx, uint32_t mask)
{
	struct ostd_irq_guard g = vfs_lock();
	uint32_t old = ctx->umask;

	ctx->umask = mask & 0777;
	vfs_unlock(&g);
	return old;
}

/* *@slot = @p, moving the references. Lock held. */
static int set_dir(struct path *slot, const struct path *p)
{
	if (!inode_is_dir(p->inode))
		return -ENOTDIR;
	path_get(p);
	path_put(slot);
	*slot = *p;
	return 0;
}

/* chdir (@root false) or chroot (@root true) to (@dirf, @path). */
static int change_dir(struct fs_context *ctx, struct file *dirf,
		      struct ostd_bytes path, bool root)
{
	struct nameidata *nd = OSTD_NEW(struct nameidata);
	struct ostd_irq_guard g;
	struct path p;
	int r;

	if (nd == NULL)
		return -ENOMEM;
	g = vfs_lock();
	r = namei_at(nd, ctx, dirf, path, 0, true, &p);
	if (r == 0)
		r = set_dir(root ? &ctx->root : &ctx->cwd, &p);
	vfs_unlock(&g);
	ostd_heap_free(nd);
	return r;
}

int vfs_chdir(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path)
{
	return change_dir(ctx, dirf, path, false);
}

int vfs_chroot(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path)
{
	return change_dir(ctx, dirf, path, true);
}

int vfs_fchdir(struct fs_context *ctx, struct file *f)
{
	struct ostd_irq_guard g = vfs_lock();
	int r = set_dir(&ctx->cwd, &f->path);

	vfs_unlock(&g);
	return r;
}

/* Prepends "/" @name before kb->data[*pos]; -ENAMETOOLONG if full. */
static int prepend(struct vfs_kbuf *kb, size_t *pos, struct ostd_bytes name)
{
	if (name.len + 1 > *pos)
		return -ENAMETOOLONG;
	*pos -= name.len;
	ostd_bytes_copy(name, 0, &kb->data[*pos], name.len);
	kb->data[--*pos] = '/';
	return 0;
}

/* Builds the cwd right to left ending at the page's last byte; returns
 * where it starts. Lock held. */
static long cwd_build(struct fs_context *ctx, struct vfs_kbuf *kb)
{
	struct path p = ctx->cwd;
	size_t pos = OSTD_PAGE_SIZE - 1;
	struct inode *parent;
	struct ostd_bytes name;
	int r;

	if (p.inode->nlink == 0)
		return -ENOENT;
	kb->data[pos] = 0;
	while (!path_eq(&p, &ctx->root)) {
		if (p.inode == p.mnt->root) {
			if (p.mnt->parent == NULL)
				break; /* outside the chroot: stop at "/" */
			p.inode = p.mnt->mountpoint;
			p.mnt = p.mnt->parent;
			continue;
		}
		r = p.inode->iops->lookup(p.inode, ostd_bytes_cstr(".."),
					  &parent);
		if (r == 0)
			r = parent->iops->name_of(parent, p.inode, &name);
		if (r == 0)
			r = prepend(kb, &pos, name);
		if (r < 0)
			return r;
		p.inode = parent;
	}
	if (pos == OSTD_PAGE_SIZE - 1)
		kb->data[--pos] = '/';
	return pos;
}

long vfs_getcwd(struct fs_context *ctx, struct vfs_kbuf *kb)
{
	struct ostd_irq_guard g = vfs_lock();
	long start = cwd_build(ctx, kb);
	size_t len;
	size_t i;

	vfs_unlock(&g);
	if (start < 0)
		return start;
	/* Move it to the front; forward byte copy is safe for dst < src. */
	len = OSTD_PAGE_SIZE - start;
	for (i = 0; i < len; i++)
		kb->data[i] = kb->data[start + i];
	return len;
}
