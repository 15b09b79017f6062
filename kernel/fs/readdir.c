// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/readdir.c - getdents64(2).
 *
 * The file system emits entries into a kernel page under the VFS lock;
 * the page goes to user space after the lock is dropped (the copy may
 * fault). One call returns at most a page of records, which getdents
 * allows: callers loop until it returns 0. The file offset is the cookie
 * of the last record returned, which is also each record's d_off, so
 * lseek(fd, d_off, SEEK_SET) resumes right after that record.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/dirent.h"

bool vfs_dir_emit(struct dir_emit *d, struct ostd_bytes name, uint64_t ino,
		  unsigned dtype, uint64_t cookie)
{
	/* Header, name, NUL, rounded up to 8 for the next record. */
	size_t reclen = (DIRENT64_NAME_OFF + name.len + 1 + 7) & ~7UL;
	size_t at = d->used;
	int64_t off = cookie;
	uint16_t rl = reclen;
	uint8_t type = dtype;

	if (reclen > d->cap - d->used) {
		d->overflow = true;
		return false;
	}
	/* Native byte order: the kernel and user space share it. */
	ostd_mem_copy(&d->kb->data[at + DIRENT64_INO_OFF], &ino, sizeof(ino));
	ostd_mem_copy(&d->kb->data[at + DIRENT64_OFF_OFF], &off, sizeof(off));
	ostd_mem_copy(&d->kb->data[at + DIRENT64_RECLEN_OFF], &rl, sizeof(rl));
	d->kb->data[at + DIRENT64_TYPE_OFF] = type;
	ostd_bytes_copy(name, 0, &d->kb->data[at + DIRENT64_NAME_OFF],
			name.len);
	/* The NUL and the padding: the page came zeroed, but be exact. */
	ostd_mem_set(&d->kb->data[at + DIRENT64_NAME_OFF + name.len], 0,
		     reclen - DIRENT64_NAME_OFF - name.len);
	d->used += reclen;
	d->pos = cookie;
	return true;
}

/* Fills @d from @f's directory at the file offset. */
static int fill_locked(struct file *f, struct dir_emit *d)
{
	struct inode *dir = f->inode;

	if (dir->nlink == 0)
		return -ENOENT; /* removed: Linux's IS_DEADDIR */
	dir->iops->iterate(dir, d->pos, d);
	if (d->used == 0 && d->overflow)
		return -EINVAL; /* not even one record fits */
	return 0;
}

long vfs_getdents64(struct file *f, struct io_target *t, size_t len)
{
	struct dir_emit d = { 0 };
	struct ostd_irq_guard g;
	int r;

	if (f->fops == NULL)
		return -EBADF;
	if (!inode_is_dir(f->inode))
		return -ENOTDIR;
	d.kb = OSTD_NEW(struct vfs_kbuf);
	if (d.kb == NULL)
		return -ENOMEM;
	d.cap = len < OSTD_PAGE_SIZE ? len : OSTD_PAGE_SIZE;
	g = ostd_spin_lock(&f->lock);
	d.pos = f->pos;
	ostd_spin_unlock(&f->lock, &g);
	g = vfs_lock();
	r = fill_locked(f, &d);
	vfs_unlock(&g);
	if (r == 0 && io_from_kbuf(t, d.kb, 0, d.used) < d.used)
		r = -EFAULT; /* offset unchanged: the records can be read again */
	if (r == 0) {
		g = ostd_spin_lock(&f->lock);
		f->pos = d.pos;
		ostd_spin_unlock(&f->lock, &g);
	}
	ostd_heap_free(d.kb);
	if (r < 0)
		return r;
	return d.used;
}
