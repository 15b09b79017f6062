// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/io.c - copying bytes to and from I/O targets (see io.h).
 *
 * Every copy ends up as one ostd call on two "real" objects: a frame at an
 * offset, a kernel buffer array at an index, a user address, or a byte view
 * at an offset. None of them needs pointer arithmetic in the kernel. User
 * memory <-> frame copies go straight through ostd; frame <-> frame copies
 * go through a bounce page.
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

struct io_target io_user_segs(struct ostd_vmspace *vs,
			      const struct io_segs *segs,
			      struct kernel_task *task, io_fixup_fn fixup)
{
	struct io_target t = io_user(vs, 0, task, fixup);

	t.segs = segs;
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

/* The kernel side of a user copy: a kbuf or a frame, read or written. */
enum xfer_op {
	KBUF_TO_USER,
	USER_TO_KBUF,
	FRAME_TO_USER,
	USER_TO_FRAME,
};

struct user_xfer {
	enum xfer_op op;
	const struct vfs_kbuf *src_kb;
	struct vfs_kbuf *dst_kb;
	const struct ostd_frame *src_f;
	struct ostd_frame *dst_f;
	size_t off; /* in the kbuf or frame */
};

/*
 * The user address of byte @pos of the target, and in *@contig how many
 * bytes from there are contiguous in user space (0: past the end).
 */
static ostd_uaddr_t user_addr(const struct io_target *t, size_t pos,
			      size_t *contig)
{
	size_t i;

	if (t->segs == NULL) {
		*contig = SIZE_MAX;
		return t->uaddr + pos;
	}
	for (i = 0; i < t->segs->n && i < IO_MAX_SEGS; i++) {
		const struct io_seg *s = &t->segs->seg[i];

		if (pos < s->len) {
			*contig = s->len - pos;
			return s->base + pos;
		}
		pos -= s->len;
	}
	*contig = 0;
	return 0;
}

/* One attempt to move @n bytes between user @ua and @k bytes into @x. */
static int xfer_once(struct io_target *t, const struct user_xfer *x,
		     ostd_uaddr_t ua, size_t k, size_t n, ostd_uaddr_t *fault)
{
	switch (x->op) {
	case KBUF_TO_USER:
		return ostd_vmspace_write(t->vs, ua, &x->src_kb->data[x->off + k],
					  n, fault);
	case USER_TO_KBUF:
		return ostd_vmspace_read(t->vs, ua, &x->dst_kb->data[x->off + k],
					 n, fault);
	case FRAME_TO_USER:
		return ostd_vmspace_write_frame(t->vs, ua, x->src_f, x->off + k,
						n, fault);
	case USER_TO_FRAME:
		return ostd_vmspace_read_frame(t->vs, ua, x->dst_f, x->off + k,
					       n, fault);
	}
	return -EINVAL;
}

/*
 * Moves @n bytes between user memory at uaddr + done and the kernel side
 * of @x, resolving faults through the fixup. Returns the bytes moved.
 */
static size_t user_copy(struct io_target *t, const struct user_xfer *x,
			size_t n)
{
	bool to_user = x->op == KBUF_TO_USER || x->op == FRAME_TO_USER;
	unsigned prot = to_user ? OSTD_PROT_WRITE : OSTD_PROT_READ;
	size_t moved = 0;
	ostd_uaddr_t last = 0;
	bool tried = false;

	while (moved < n) {
		size_t contig;
		ostd_uaddr_t at = user_addr(t, t->done + moved, &contig);
		size_t chunk = n - moved < contig ? n - moved : contig;
		ostd_uaddr_t fault = at;

		if (chunk == 0) {
			t->error = -EFAULT; /* past the last segment */
			break;
		}
		if (xfer_once(t, x, at, moved, chunk, &fault) == 0) {
			moved += chunk;
			continue;
		}
		moved += fault_progress(at, fault, chunk);
		if (!user_fixup(t, fault, prot, &last, &tried)) {
			t->error = -EFAULT;
			break;
		}
	}
	t->done += moved;
	return moved;
}

static size_t user_write(struct io_target *t, const struct vfs_kbuf *kb,
			 size_t off, size_t n)
{
	struct user_xfer x = { .op = KBUF_TO_USER, .src_kb = kb, .off = off };

	return user_copy(t, &x, n);
}

static size_t user_read(struct io_target *t, struct vfs_kbuf *kb, size_t off,
			size_t n)
{
	struct user_xfer x = { .op = USER_TO_KBUF, .dst_kb = kb, .off = off };

	return user_copy(t, &x, n);
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
 * A bounce page for a copy through the kernel, zeroed (heap memory is);
 * NULL with t->error set if there is no memory for it.
 */
static struct vfs_kbuf *io_bounce(struct io_target *t)
{
	struct vfs_kbuf *kb = OSTD_NEW(struct vfs_kbuf);

	if (kb == NULL)
		t->error = -ENOMEM;
	return kb;
}

/*
 * Frame <-> target copies. User memory and kernel buffers are reached
 * directly; frame <-> frame and byte view -> frame go through a bounce
 * page, since ostd has no frame-to-frame range copy.
 */
size_t io_from_frame(struct io_target *t, const struct ostd_frame *f,
		     size_t off, size_t n)
{
	struct user_xfer x = { .op = FRAME_TO_USER, .src_f = f, .off = off };
	struct vfs_kbuf *bounce;
	size_t moved = 0;

	if (!page_range_ok(off, n) || t->kind == IO_BYTES)
		return io_refuse(t);
	if (t->kind == IO_USER)
		return user_copy(t, &x, n);
	if (t->kind == IO_KBUF) {
		if (!page_range_ok(t->koff + t->done, n) ||
		    ostd_frame_read(f, off, &t->kbuf->data[t->koff + t->done],
				    n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	bounce = io_bounce(t);
	if (bounce == NULL)
		return 0;
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
	struct user_xfer x = { .op = USER_TO_FRAME, .dst_f = f, .off = off };
	struct vfs_kbuf *bounce;
	size_t moved;

	if (!page_range_ok(off, n))
		return io_refuse(t);
	if (t->kind == IO_USER)
		return user_copy(t, &x, n);
	if (t->kind == IO_KBUF) {
		if (!page_range_ok(t->koff + t->done, n) ||
		    ostd_frame_write(f, off, &t->kbuf->data[t->koff + t->done],
				     n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	bounce = io_bounce(t);
	if (bounce == NULL)
		return 0;
	moved = io_to_kbuf(t, bounce, 0, n);
	/* Only the bytes that arrived go in: a short copy stays short. */
	if (moved > 0 && ostd_frame_write(f, off, &bounce->data[0], moved) < 0)
		moved = 0;
	ostd_heap_free(bounce);
	return moved;
}

size_t io_zero(struct io_target *t, size_t n)
{
	if (t->kind == IO_FRAME) {
		if (!page_range_ok(t->foff + t->done, n) ||
		    ostd_frame_fill(t->frame, t->foff + t->done, 0, n) < 0)
			return io_refuse(t);
		t->done += n;
		return n;
	}
	return io_from_pages(t, n, NULL); /* the bounce page stays zero */
}

/* The next page-sized (or last, shorter) step of a @len-byte copy. */
static size_t page_step(size_t len, size_t done)
{
	return len - done < OSTD_PAGE_SIZE ? len - done : OSTD_PAGE_SIZE;
}

size_t io_from_pages(struct io_target *t, size_t len, io_page_fn fill)
{
	struct vfs_kbuf *kb = io_bounce(t);
	size_t done = 0;

	if (kb == NULL)
		return 0;
	while (done < len) {
		size_t n = page_step(len, done);
		size_t moved;

		if (fill != NULL)
			fill(kb, n);
		moved = io_from_kbuf(t, kb, 0, n);
		done += moved;
		if (moved < n)
			break;
	}
	/* Made bytes may be secret (random ones): they must not linger. */
	if (fill != NULL)
		ostd_mem_set(&kb->data[0], 0, sizeof(kb->data));
	ostd_heap_free(kb);
	return done;
}

size_t io_to_pages(struct io_target *t, size_t len, io_page_fn drain)
{
	struct vfs_kbuf *kb = io_bounce(t);
	size_t done = 0;

	if (kb == NULL)
		return 0;
	while (done < len) {
		size_t n = page_step(len, done);
		size_t got = io_to_kbuf(t, kb, 0, n);

		/* Bytes before a bad page still go to @drain. */
		if (drain != NULL)
			drain(kb, got);
		done += got;
		if (got < n)
			break;
	}
	ostd_heap_free(kb);
	return done;
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
