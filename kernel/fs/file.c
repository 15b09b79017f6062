// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/file.c - open file descriptions: their references, offset and
 * status flags, and the read/write/lseek entry points.
 *
 * A struct file is shared by every fd that dup() or fork() made from one
 * open(). The offset is read at the start of a read and stored back at the
 * end, under the file's own lock; like Linux without f_pos_lock, two
 * threads reading one file at once may see the same bytes.
 *
 * A regular file opened for writing is a "writer" (Linux's FMODE_WRITER):
 * it counts in its inode's writecount from open to its last reference,
 * which a file mapping holds too, and so keeps executables from running
 * it (ETXTBSY, vfs_deny_write below).
 */
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "uapi/fcntl.h"

/* Linux caps one read or write at INT_MAX rounded down to a page. */
#define MAX_RW_COUNT 0x7ffff000UL

struct file *file_alloc_locked(const struct path *p, uint32_t flags,
			       const struct file_ops *fops)
{
	struct file *f = OSTD_NEW(struct file);

	if (f == NULL)
		return NULL;
	ostd_spin_init(&f->lock, "file");
	f->refcount = 1;
	f->flags = flags;
	f->path = *p;
	f->inode = p->inode;
	f->fops = fops;
	f->vma.file = f;
	path_get(p);
	return f;
}

struct vma_file *file_vma(struct file *f)
{
	return &f->vma;
}

struct file *file_get(struct file *f)
{
	struct ostd_irq_guard g = ostd_spin_lock(&f->lock);

	f->refcount++;
	ostd_spin_unlock(&f->lock, &g);
	return f;
}

void file_put(struct file *f)
{
	struct ostd_irq_guard g = ostd_spin_lock(&f->lock);
	uint32_t left;

	if (f->refcount == 0)
		ostd_panic("vfs: file refcount underflow");
	left = --f->refcount;
	ostd_spin_unlock(&f->lock, &g);
	if (left > 0)
		return;
	/* The driver lets go first, without the VFS lock (it may block). */
	if (f->fops != NULL && f->fops->release != NULL)
		f->fops->release(f);
	g = vfs_lock();
	if (f->writer)
		f->inode->writecount--; /* Linux's put_file_access() */
	path_put(&f->path);
	vfs_unlock(&g);
	ostd_heap_free(f);
}

int vfs_deny_write(struct file *f)
{
	struct ostd_irq_guard g = vfs_lock();
	int r = 0;

	if (f->inode->writecount > 0)
		r = -ETXTBSY;
	else
		f->inode->writecount--;
	vfs_unlock(&g);
	return r;
}

void vfs_allow_write(struct file *f)
{
	struct ostd_irq_guard g = vfs_lock();

	if (f->inode->writecount >= 0)
		ostd_panic("vfs: allow_write without a deny");
	f->inode->writecount++;
	vfs_unlock(&g);
}

uint32_t vfs_file_flags(struct file *f)
{
	struct ostd_irq_guard g = ostd_spin_lock(&f->lock);
	uint32_t flags = f->flags;

	ostd_spin_unlock(&f->lock, &g);
	return flags;
}

int vfs_file_set_flags(struct file *f, uint32_t flags)
{
	const uint32_t settable = O_APPEND | O_NONBLOCK | O_NOATIME | O_DIRECT;
	struct ostd_irq_guard g;

	/* O_DIRECT is packet mode on pipes; nothing else has direct I/O. */
	if ((flags & O_DIRECT) && (f->inode->mode & S_IFMT) != S_IFIFO)
		return -EINVAL;
	g = ostd_spin_lock(&f->lock);
	if (!(f->flags & O_PATH))
		f->flags = (f->flags & ~settable) | (flags & settable);
	ostd_spin_unlock(&f->lock, &g);
	return 0;
}

static uint64_t file_pos(struct file *f)
{
	struct ostd_irq_guard g = ostd_spin_lock(&f->lock);
	uint64_t pos = f->pos;

	ostd_spin_unlock(&f->lock, &g);
	return pos;
}

static void file_set_pos(struct file *f, uint64_t pos)
{
	struct ostd_irq_guard g = ostd_spin_lock(&f->lock);

	f->pos = pos;
	ostd_spin_unlock(&f->lock, &g);
}

/* Files with an offset: regular files, directories, or a driver llseek. */
static bool file_seekable(const struct file *f)
{
	return inode_is_reg(f->inode) || inode_is_dir(f->inode) ||
	       (f->fops != NULL && f->fops->llseek != NULL);
}

bool vfs_file_seekable(struct file *f)
{
	return file_seekable(f);
}

/* EBADF unless @f was opened for @acc (O_RDONLY for reading or
 * O_WRONLY for writing); EISDIR for directories. */
static int rw_check(struct file *f, uint32_t acc)
{
	uint32_t mode = vfs_file_flags(f) & O_ACCMODE;

	if (f->fops == NULL)
		return -EBADF; /* O_PATH */
	if (mode != acc && mode != O_RDWR)
		return -EBADF;
	if (inode_is_dir(f->inode))
		return -EISDIR;
	return 0;
}

/* A driver's read or write: the two have the same shape. */
typedef long (*file_rw_fn)(struct file *f, struct io_target *t, size_t len,
			   uint64_t *pos);

/* The driver's read (@acc O_RDONLY) or write (O_WRONLY), or NULL. */
static file_rw_fn rw_fn(const struct file *f, uint32_t acc)
{
	return acc == O_RDONLY ? f->fops->read : f->fops->write;
}

/* read(2)/write(2): at the file's offset, which the I/O moves on. */
static long rw_at_pos(struct file *f, uint32_t acc, struct io_target *t,
		      size_t len)
{
	file_rw_fn op;
	uint64_t pos;
	long r = rw_check(f, acc);

	if (r < 0)
		return r;
	op = rw_fn(f, acc);
	if (op == NULL)
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	pos = file_pos(f);
	r = op(f, t, len, &pos);
	if (r > 0 && file_seekable(f))
		file_set_pos(f, pos);
	return r;
}

/*
 * pread(2)/pwrite(2): at @off, leaving the file's offset alone. Linux
 * quirk kept: pwrite on an O_APPEND file appends (the driver decides).
 */
static long rw_at(struct file *f, uint32_t acc, struct io_target *t,
		  size_t len, int64_t off)
{
	file_rw_fn op;
	uint64_t pos = off;
	long r = rw_check(f, acc);

	if (r < 0)
		return r;
	if (off < 0)
		return -EINVAL;
	if (!file_seekable(f))
		return -ESPIPE;
	op = rw_fn(f, acc);
	if (op == NULL)
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	return op(f, t, len, &pos);
}

long vfs_read(struct file *f, struct io_target *t, size_t len)
{
	return rw_at_pos(f, O_RDONLY, t, len);
}

long vfs_write(struct file *f, struct io_target *t, size_t len)
{
	return rw_at_pos(f, O_WRONLY, t, len);
}

long vfs_pread(struct file *f, struct io_target *t, size_t len, int64_t off)
{
	return rw_at(f, O_RDONLY, t, len, off);
}

long vfs_pwrite(struct file *f, struct io_target *t, size_t len, int64_t off)
{
	return rw_at(f, O_WRONLY, t, len, off);
}

/*
 * The new offset for regular files and directories, into *@out: Linux's
 * generic_file_llseek, with SEEK_DATA/SEEK_HOLE treating the whole file
 * as data.
 */
static int seek_target(struct file *f, int64_t off, int whence, int64_t pos,
		       int64_t size, int64_t *out)
{
	bool dir = inode_is_dir(f->inode);
	int64_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (dir)
			return -EINVAL;
		if (off < 0 || off >= size)
			return -ENXIO;
		*out = whence == SEEK_DATA ? off : size;
		return 0;
	default:
		return -EINVAL;
	}
	if (dir && whence == SEEK_END)
		return -EINVAL;
	if (off > 0 && base > INT64_MAX - off)
		return -EOVERFLOW;
	if (base + off < 0)
		return -EINVAL;
	*out = base + off;
	return 0;
}

int64_t vfs_lseek(struct file *f, int64_t off, int whence)
{
	struct ostd_irq_guard g;
	int64_t size;
	int64_t target = 0;
	int r;

	if (f->fops == NULL)
		return -EBADF;
	if (f->fops->llseek != NULL)
		return f->fops->llseek(f, off, whence);
	if (!file_seekable(f))
		return -ESPIPE;
	g = vfs_lock();
	size = f->inode->size;
	vfs_unlock(&g);
	g = ostd_spin_lock(&f->lock);
	r = seek_target(f, off, whence, f->pos, size, &target);
	if (r == 0)
		f->pos = target;
	ostd_spin_unlock(&f->lock, &g);
	return r < 0 ? r : target;
}

long vfs_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	if (f->fops == NULL)
		return -EBADF;
	if (f->fops->ioctl == NULL)
		return -ENOTTY;
	return f->fops->ioctl(f, cmd, arg);
}

bool vfs_file_mappable(struct file *f)
{
	return f->fops != NULL && inode_is_reg(f->inode) &&
	       f->inode->iops->get_page != NULL;
}

struct ostd_frame *vfs_file_get_page(struct file *f, uint64_t pgoff,
				     bool fill, int *err)
{
	struct ostd_frame *frame = NULL;
	struct ostd_irq_guard g;

	*err = 0;
	if (f->fops == NULL) {
		*err = -EBADF;
		return NULL;
	}
	if (!inode_is_reg(f->inode) || f->inode->iops->get_page == NULL) {
		*err = -ENODEV;
		return NULL;
	}
	g = vfs_lock();
	*err = f->inode->iops->get_page(f->inode, pgoff, fill, &frame);
	vfs_unlock(&g);
	return frame;
}
