// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_mount.c - mount(2) and umount2(2).
 *
 * mount(source, target, fstype, flags, data) copies its strings in (each
 * at most a page, as Linux's strndup_user and copy_mount_options) and
 * lets the VFS find the type by name (kernel/fs/fstype.c: tmpfs, ramfs,
 * and whatever registers at boot). MS_REMOUNT needs no type; a new mount
 * without one is EINVAL, an unknown one ENODEV.
 */
#include <ostd/mem.h>

#include "errno.h"
#include "fsargs.h"
#include "syscall.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"

/* The three strings of mount(2), each optional (address 0). */
struct mount_strs {
	struct vfs_pathbuf *buf[3];
	struct ostd_bytes s[3]; /* source, fstype, data */
};

static void strs_put(struct mount_strs *m)
{
	size_t i;

	for (i = 0; i < 3; i++)
		ostd_heap_free(m->buf[i]);
}

static int strs_get(struct kernel_task *t, const struct syscall_args *args,
		    struct mount_strs *m)
{
	const ostd_uaddr_t addr[3] = { args->a[0], args->a[2], args->a[4] };
	size_t i;
	int r = 0;

	for (i = 0; i < 3; i++) {
		m->buf[i] = NULL;
		m->s[i] = ostd_bytes_empty();
	}
	for (i = 0; i < 3 && r == 0; i++)
		if (addr[i] != 0)
			r = fsargs_str(t, addr[i], &m->buf[i], &m->s[i]);
	if (r < 0)
		strs_put(m);
	return r;
}

long sys_mount(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned long flags = args->a[3];
	struct mount_strs m;
	struct at_path ap;
	long r = strs_get(t, args, &m);

	if (r < 0)
		return r;
	if (args->a[2] == 0 && !(flags & (MS_REMOUNT | MS_BIND | MS_MOVE)))
		r = -EINVAL; /* a new mount needs a type */
	if (r == 0)
		r = fsargs_at(t, AT_FDCWD, args->a[1], false, &ap);
	if (r == 0) {
		r = vfs_mount_opts(t->fs, m.s[0], NULL, ap.path, m.s[1], flags,
				   m.s[2]);
		fsargs_at_put(&ap);
	}
	strs_put(&m);
	return r;
}

long sys_umount2(struct kernel_task *t, const struct syscall_args *args)
{
	unsigned flags = args->a[1];
	struct at_path ap;
	long r;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	r = fsargs_at(t, AT_FDCWD, args->a[0], false, &ap);
	if (r < 0)
		return r;
	r = vfs_umount(t->fs, NULL, ap.path, flags);
	fsargs_at_put(&ap);
	return r;
}
