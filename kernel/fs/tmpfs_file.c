// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/tmpfs_file.c - reading, writing and truncating tmpfs files.
 *
 * Data moves a page at a time. For each page the VFS lock is taken just
 * long enough to find (or allocate) the frame and take a reference; the
 * copy itself runs unlocked, because a user copy may fault and the fault
 * handler may need the file system. The reference keeps the frame alive
 * even if a truncate drops it from the file meanwhile (its bytes are then
 * simply lost, as with a racing truncate on Linux).
 */
#include <ostd/frame.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/tmpfs.h"
#include "uapi/fcntl.h"

/* Bytes of page @pos lies in, from @pos, capped at @left. */
static size_t page_chunk(uint64_t pos, size_t left)
{
	size_t room = OSTD_PAGE_SIZE - pos % OSTD_PAGE_SIZE;

	return left < room ? left : room;
}

static void update_blocks(struct inode *ino)
{
	ino->blocks = ino->tmpfs->pages.nr * (OSTD_PAGE_SIZE / 512);
}

/*
 * The frame holding byte @pos of @ino with a new reference, or NULL for a
 * hole (or past EOF, *@n = 0). *@n is capped to end at EOF.
 */
static struct ostd_frame *read_page(struct inode *ino, uint64_t pos,
				    size_t *n)
{
	struct ostd_irq_guard g = vfs_lock();
	struct ostd_frame *f = NULL;

	if (pos >= ino->size) {
		*n = 0;
	} else {
		if (*n > ino->size - pos)
			*n = ino->size - pos;
		f = tmpfs_page_lookup(&ino->tmpfs->pages,
				      pos / OSTD_PAGE_SIZE);
		if (f != NULL)
			ostd_frame_get(f);
	}
	vfs_unlock(&g);
	return f;
}

static long tmpfs_read(struct file *file, struct io_target *t, size_t len,
		       uint64_t *ppos)
{
	struct inode *ino = file->inode;
	uint64_t pos = *ppos;
	size_t done = 0;

	while (done < len) {
		size_t n = page_chunk(pos, len - done);
		struct ostd_frame *f = read_page(ino, pos, &n);
		size_t moved;

		if (n == 0)
			break;
		if (f != NULL) {
			moved = io_from_frame(t, f, pos % OSTD_PAGE_SIZE, n);
			ostd_frame_put(f);
		} else {
			moved = io_zero(t, n);
		}
		pos += moved;
		done += moved;
		if (moved < n)
			break;
	}
	*ppos = pos;
	return io_result(t, done);
}

/* The frame of page @idx, allocated if it is a hole. Lock held. */
static int page_alloc_locked(struct inode *ino, uint64_t idx,
			     struct ostd_frame **out)
{
	struct ostd_frame *f = tmpfs_page_lookup(&ino->tmpfs->pages, idx);
	int r;

	if (f != NULL) {
		*out = f;
		return 0;
	}
	f = ostd_frame_alloc();
	if (f == NULL)
		return -ENOSPC;
	r = tmpfs_page_insert(&ino->tmpfs->pages, idx, f);
	if (r < 0) {
		ostd_frame_put(f);
		return r;
	}
	update_blocks(ino);
	*out = f;
	return 0;
}

/* The frame for byte @pos, allocated if it is a hole, with a reference. */
static int write_page(struct inode *ino, uint64_t pos,
		      struct ostd_frame **out)
{
	struct ostd_irq_guard g = vfs_lock();
	int r = page_alloc_locked(ino, pos / OSTD_PAGE_SIZE, out);

	if (r == 0)
		ostd_frame_get(*out);
	vfs_unlock(&g);
	return r;
}

int tmpfs_get_page(struct inode *ino, uint64_t idx, bool fill,
		   struct ostd_frame **out)
{
	uint64_t pages = (ino->size + OSTD_PAGE_SIZE - 1) / OSTD_PAGE_SIZE;
	int r = 0;

	*out = NULL;
	if (idx >= pages)
		return -ENXIO;
	if (fill)
		r = page_alloc_locked(ino, idx, out);
	else
		*out = tmpfs_page_lookup(&ino->tmpfs->pages, idx);
	if (*out != NULL)
		ostd_frame_get(*out);
	return r;
}

/* Where a write starts (EOF for O_APPEND) and how long it may be. */
static int write_start(struct file *file, uint64_t *pos, size_t *len)
{
	struct ostd_irq_guard g = vfs_lock();
	int r = 0;

	if (vfs_file_flags(file) & O_APPEND)
		*pos = file->inode->size;
	if (*pos >= VFS_MAX_FILE_SIZE && *len > 0)
		r = -EFBIG;
	else if (*len > VFS_MAX_FILE_SIZE - *pos)
		*len = VFS_MAX_FILE_SIZE - *pos;
	vfs_unlock(&g);
	return r;
}

/* After @moved bytes landed at @pos: grow the size, stamp the times. */
static void write_done(struct inode *ino, uint64_t pos, size_t moved)
{
	struct ostd_irq_guard g = vfs_lock();

	if (pos + moved > ino->size)
		ino->size = pos + moved;
	inode_touch_mc(ino);
	vfs_unlock(&g);
}

static long tmpfs_write(struct file *file, struct io_target *t, size_t len,
			uint64_t *ppos)
{
	struct inode *ino = file->inode;
	uint64_t pos = *ppos;
	size_t done = 0;
	int r = write_start(file, &pos, &len);

	while (r == 0 && done < len) {
		size_t n = page_chunk(pos, len - done);
		struct ostd_frame *f = NULL;
		size_t moved;

		r = write_page(ino, pos, &f);
		if (r < 0)
			break;
		moved = io_to_frame(t, f, pos % OSTD_PAGE_SIZE, n);
		ostd_frame_put(f);
		if (moved > 0)
			write_done(ino, pos, moved);
		pos += moved;
		done += moved;
		if (moved < n)
			break;
	}
	*ppos = pos;
	if (done > 0)
		return done;
	return r < 0 ? r : io_result(t, 0);
}

int tmpfs_setsize(struct inode *ino, uint64_t size)
{
	struct tmpfs_pages *p = &ino->tmpfs->pages;
	uint64_t keep = (size + OSTD_PAGE_SIZE - 1) / OSTD_PAGE_SIZE;

	if (size > VFS_MAX_FILE_SIZE)
		return -EFBIG;
	if (size < ino->size) {
		struct ostd_frame *tail;

		tmpfs_pages_truncate(p, keep);
		/* Bytes past EOF in the last page must read as zeros if the
		 * file grows again. */
		tail = tmpfs_page_lookup(p, size / OSTD_PAGE_SIZE);
		if (tail != NULL && size % OSTD_PAGE_SIZE != 0)
			ostd_frame_fill(tail, size % OSTD_PAGE_SIZE, 0,
					OSTD_PAGE_SIZE - size % OSTD_PAGE_SIZE);
		update_blocks(ino);
	}
	ino->size = size;
	inode_touch_mc(ino);
	return 0;
}

const struct file_ops tmpfs_file_fops = {
	.read = tmpfs_read,
	.write = tmpfs_write,
};
