// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/io.c - copying bytes to and from I/O targets (see io.h).
 *
 * Every copy ends up as one ostd call on two "real" objects: a frame at an
 * offset, a kernel buffer array at an index, a user address, or a byte view
 * at an offset. None of them needs pointer arithmetic in the kernel. Copies
 * that pair two indirect objects (frame <-> frame, user <-> frame) go
 * through a bounce page.
 */
#include <ostd/bytes.h>
#include <ostd/frame.h>
#include <ostd/mem.h>
#include <ostd/vm.h>

#include "errno.h"
#include "fs/io.h"

struct io_target io_user(struct ostd_vmspace *vs, ostd_uaddr_t addr,
			 struct kernel_task *task, io_fixup_fn fixup)
{
	struct io_target t = { .kind = IO_USER };

	t.vs = vs;
	t.uaddr = addr;
	t.task = task;
	t.fixup = fixup;
	return t;
}

struct io_target io_kbuf(struct vfs_kbuf *kb, size_t off)
{
	struct io_target t = { .kind = IO_KBUF };

	t.kbuf = kb;
	t.koff = off;
	return t;
}

struct io_target io_frame(struct ostd_frame *f, size_t off)
{
	struct io_target t = { .kind = IO_FRAME };

	t.frame = f;
	t.foff = off;
	return t;
}

struct io_target io_bytes(struct ostd_bytes b)
{
	struct io_target t = { .kind = IO_BYTES };

	t.bytes = b;
	return t;
}

long io_result(const struct io_target *t, size_t done)
{
	if (done > 0)
		return done;
	return t->error;
}

/* True if [off, off+n) fits in one page (the kbuf or frame). */
static bool page_range_ok(size_t off, size_t n)
{
	return off <= OSTD_PAGE_SIZE && n <= OSTD_PAGE_SIZE - off;
}

/*
 * Asks the fixup to make @fault accessible. A second fault at the same
 * address means the fixup could not help, so give up rather than loop.
 */
static bool user_fixup(struct io_target *t, ostd_uaddr_t fault,
		       unsigned prot, ostd_uaddr_t *last, bool *tried)
{
	if (t->fixup == NULL || (*tried && *last == fault))
		return false;
	*tried = true;
	*last = fault;
	return t->fixup(t->task, fault, prot) == 0;
}

/* The bytes moved before @fault in a copy that started at @start. */
static size_t fault_progress(ostd_uaddr_t start, ostd_uaddr_t fault,
			     size_t n)
{
	if (fault <= start)
		return 0;
	if (fault - start > n)
		return n;
	return fault - start;
}

/* kb->data[off..off+n) -> user memory at uaddr + done. */
static size_t user_write(struct io_target *t, const struct vfs_kbuf *kb,
			 size_t off, size_t n)
{
	size_t moved = 0;
	ostd_uaddr_t last = 0;
	bool tried = false;

	while (moved < n) {
		ostd_uaddr_t dst = t->uaddr + t->done + moved;
		ostd_uaddr_t fault = dst;

		if (ostd_vmspace_write(t->vs, dst, &kb->data[off + moved],
				       n - moved, &fault) == 0) {
			moved = n;
			break;
		}
		moved += fault_progress(dst, fault, n - moved);
		if (!user_fixup(t, fault, OSTD_PROT_WRITE, &last, &tried)) {
			t->error = -EFAULT;
			break;
		}
	}
	t->done += moved;
	return moved;
}

/* user memory at uaddr + done -> kb->data[off..off+n). */
static size_t user_read(struct io_target *t, struct vfs_kbuf *kb, size_t off,
			size_t n)
{
	size_t moved = 0;
	ostd_uaddr_t last = 0;
	bool tried = false;

	while (moved < n) {
		ostd_uaddr_t src = t->uaddr + t->done + moved;
		ostd_uaddr_t fault = src;

		if (ostd_vmspace_read(t->vs, src, &kb->data[off + moved],
				      n - moved, &fault) == 0) {
			moved = n;
			break;
		}
		moved += fault_progress(src, fault, n - moved);
		if (!user_fixup(t, fault, OSTD_PROT_READ, &last, &tried)) {
			t->error = -EFAULT;
			break;
		}
	}
	t->done += moved;
	return moved;
}

/* A copy the target cannot take: wrong direction or out of bounds. */
static size_t io_refuse(struct io_target *t)
{
	t->error = -EFAULT;
	return 0;
}

size_t io_from_kbuf(struct io_target *t, const struct vfs_kbuf *kb,
		    size_t off, size_t n)
{
	if (!page_range_ok(off, n))
		return io_refuse(t);
	switch (t->kind) {
	case IO_USER:
		return user_write(t, kb, off, n);
	case IO_KBUF:
		if (!page_range_ok(t->koff + t->done, n))
			return io_refuse(t);
		ostd_mem_copy(&t->kbuf->data[t->koff + t->done], &kb->data[off],
			      n);
		break;
	case IO_FRAME:
		if (!page_range_ok(t->foff + t->done, n) ||
		    ostd_frame_write(t->frame, t->foff + t->done,
				     &kb->data[off], n) < 0)
			return io_refuse(t);
		break;
	case IO_BYTES:
		return io_refuse(t);
	}
	t->done += n;
	return n;
}

size_t io_to_kbuf(struct io_target *t, struct vfs_kbuf *kb, size_t off,
		  size_t n)
{
	size_t got;

	if (!page_range_ok(off, n))
		return io_refuse(t);
	switch (t->kind) {
	case IO_USER:
		return user_read(t, kb, off, n);
	case IO_KBUF:
		if (!page_range_ok(t->koff + t->done, n))
			return io_refuse(t);
		ostd_mem_copy(&kb->data[off], &t->kbuf->data[t->koff + t->done],
			      n);
		break;
	case IO_FRAME:
		if (!page_range_ok(t->foff + t->done, n) ||
		    ostd_frame_read(t->frame, t->foff + t->done,
				    &kb->data[off], n) < 0)
			return io_refuse(t);
		break;
	case IO_BYTES:
		got = ostd_bytes_copy(t->bytes, t->done, &kb->data[off], n);
		t->done += got;
		if (got < n)
			t->error = -EFAULT;
		return got;
	}
	t->done += n;
	return n;
}

/*
 * Frame <-> target copies. Kernel buffers and frames are reached directly;
 * user memory and other frames through a bounce page. (When ostd grows
 * ostd_vmspace_{read,write}_frame, the user case can skip the bounce.)
 */
size_t io_from_frame(struct io_target *t, const struct ostd_frame *f,
		     size_t off, size_t n)
{
	struct vfs_kbuf *bounce;
	size_t moved;

	if (!page_range_ok(off, n))
		return io_refuse(t);
	if (t->kind == IO_KBUF) {
		if (!page_range_ok(t->koff + t->done, n) ||
		    ostd_frame_read(f, off, &t->kbuf->data[t->koff + t->done],
				    n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	if (t->kind == IO_BYTES)
		return io_refuse(t);
	bounce = OSTD_NEW(struct vfs_kbuf);
	if (bounce == NULL) {
		t->error = -ENOMEM;
		return 0;
	}
	moved = 0;
	if (ostd_frame_read(f, off, &bounce->data[0], n) == 0)
		moved = io_from_kbuf(t, bounce, 0, n);
	else
		io_refuse(t);
	ostd_heap_free(bounce);
	return moved;
}

size_t io_to_frame(struct io_target *t, struct ostd_frame *f, size_t off,
		   size_t n)
{
	struct vfs_kbuf *bounce;
	size_t moved;

	if (!page_range_ok(off, n))
		return io_refuse(t);
	if (t->kind == IO_KBUF) {
		if (!page_range_ok(t->koff + t->done, n) ||
		    ostd_frame_write(f, off, &t->kbuf->data[t->koff + t->done],
				     n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	bounce = OSTD_NEW(struct vfs_kbuf);
	if (bounce == NULL) {
		t->error = -ENOMEM;
		return 0;
	}
	moved = io_to_kbuf(t, bounce, 0, n);
	/* Only the bytes that arrived go in: a short copy stays short. */
	if (moved > 0 && ostd_frame_write(f, off, &bounce->data[0], moved) < 0)
		moved = 0;
	ostd_heap_free(bounce);
	return moved;
}

size_t io_zero(struct io_target *t, size_t n)
{
	struct vfs_kbuf *zero;
	size_t moved = 0;

	if (t->kind == IO_FRAME) {
		if (!page_range_ok(t->foff + t->done, n) ||
		    ostd_frame_fill(t->frame, t->foff + t->done, 0, n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	zero = OSTD_NEW(struct vfs_kbuf); /* heap memory is zeroed */
	if (zero == NULL) {
		t->error = -ENOMEM;
		return 0;
	}
	while (moved < n) {
		size_t chunk = n - moved;
		size_t got;

		if (chunk > OSTD_PAGE_SIZE)
			chunk = OSTD_PAGE_SIZE;
		got = io_from_kbuf(t, zero, 0, chunk);
		moved += got;
		if (got < chunk)
			break;
	}
	ostd_heap_free(zero);
	return moved;
}

int io_path_from_user(struct ostd_vmspace *vs, ostd_uaddr_t addr,
		      struct kernel_task *task, io_fixup_fn fixup,
		      struct vfs_pathbuf *pb, struct ostd_bytes *out)
{
	ostd_uaddr_t last = 0;
	bool tried = false;

	for (;;) {
		ostd_uaddr_t fault = addr;
		long len = ostd_vmspace_read_str(vs, addr, &pb->s[0],
						 VFS_PATH_MAX, &fault);

		if (len >= 0) {
			*out = ostd_bytes_of(&pb->s[0], len);
			return 0;
		}
		if (len == -OSTD_ERANGE)
			return -ENAMETOOLONG;
		if (len != -OSTD_EFAULT || fixup == NULL ||
		    (tried && last == fault) ||
		    fixup(task, fault, OSTD_PROT_READ) != 0)
			return -EFAULT;
		tried = true;
		last = fault;
	}
}
