// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/pipe.c - pipes and FIFOs.
 *
 * A pipe is a 64 KiB ring (Linux's default capacity) of up to 16 page
 * frames, allocated as data first reaches them and kept until the pipe
 * goes. pipe2() makes two anonymous files on one inode of the internal
 * pseudo file system (anon.c); a FIFO made by mknod() gets its pipe when
 * first opened (inode->pipe) and loses it when the last opener closes, so
 * data never outlives the opens, as on Linux.
 *
 * Linux semantics kept: a read returns what is there (at most @len) and
 * blocks only while the pipe is empty and has writers; with no writers it
 * returns 0 (EOF). A write blocks while the pipe is full; writes of at
 * most PIPE_BUF bytes are atomic (they wait for room for all of it); with
 * no readers a write fails with EPIPE. O_NONBLOCK turns every wait into
 * EAGAIN. Opening a FIFO read-only waits for a writer and write-only for a
 * reader (O_NONBLOCK: a reader does not wait, a writer gets ENXIO);
 * read-write never waits. EPIPE comes with SIGPIPE for the writer, which
 * kills it unless it ignores or blocks the signal (signal.c).
 * A fatal signal ends every wait early (the task dies on its way out).
 *
 * Locking: each pipe's lock protects its ring, counts and waiters; the
 * user copies run with it held (they may fault in user memory: the fault
 * handler can take the VFS lock but never a pipe lock, so the order is
 * pipe lock -> VFS lock). `opens` is protected by the VFS lock instead,
 * because it decides, with inode->pipe, when a FIFO's pipe is freed.
 *
 * Waiting: a task that must wait puts a waiter on its own stack on the
 * pipe's list and blocks; every change (data, room, an open or a close)
 * wakes them all and each re-checks. The check and the block happen with
 * interrupts off, and user code runs on one hart, so no wake-up is lost
 * in between (see proc.h); ostd also remembers a wake that comes before
 * the block, which keeps this correct on SMP.
 */
#include <ostd/cpu.h>
#include <ostd/frame.h>
#include <ostd/mem.h>
#include <ostd/task.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "fs/pipe.h"
#include "signal.h"
#include "task.h"
#include "uapi/fcntl.h"
#include "uapi/ioctl.h"
#include "uapi/poll.h"

#define PIPE_SIZE (64 * 1024)
#define PIPE_PAGES (PIPE_SIZE / OSTD_PAGE_SIZE)
#define PIPE_BUF 4096 /* writes up to this size are atomic */

struct pipe_waiter {
	struct ostd_task *task;
	struct pipe_waiter *next;
	bool linked;
};

struct pipe {
	struct ostd_spinlock lock; /* protects: everything below but opens */
	struct ostd_frame *page[PIPE_PAGES];
	uint64_t head; /* bytes ever written */
	uint64_t tail; /* bytes ever read; head - tail are in the ring */
	uint32_t readers;
	uint32_t writers;
	uint32_t r_counter; /* opens for reading so far (FIFO open waits) */
	uint32_t w_counter;
	struct pipe_waiter *waiters;
	uint32_t opens;     /* files using the pipe; the VFS lock */
	struct inode *fifo; /* the FIFO whose ->pipe this is, or NULL */
};

/* ---- waiting ---- */

static void wake_all_locked(struct pipe *p)
{
	while (p->waiters != NULL) {
		struct pipe_waiter *w = p->waiters;

		p->waiters = w->next;
		w->next = NULL;
		w->linked = false;
		ostd_sched_wake(w->task);
	}
}

/* Blocks until woken; the pipe lock is held again on return. */
static void wait_locked(struct pipe *p, struct ostd_irq_guard *g)
{
	struct pipe_waiter w = { ostd_task_current(), p->waiters, true };
	struct pipe_waiter **link = &p->waiters;

	p->waiters = &w;
	ostd_spin_unlock(&p->lock, g);
	task_block(task_current());
	*g = ostd_spin_lock(&p->lock);
	if (!w.linked)
		return;
	while (*link != &w)
		link = &(*link)->next;
	*link = w.next;
}

/* ---- lifetime ---- */

static struct pipe *pipe_alloc(void)
{
	struct pipe *p = OSTD_NEW(struct pipe);

	if (p != NULL)
		ostd_spin_init(&p->lock, "pipe");
	return p;
}

static void pipe_free(struct pipe *p)
{
	size_t i;

	for (i = 0; i < PIPE_PAGES; i++)
		if (p->page[i] != NULL)
			ostd_frame_put(p->page[i]);
	ostd_heap_free(p);
}

/* Drops one open of @p; frees it with the last (detaching a FIFO). */
static void pipe_put(struct pipe *p)
{
	struct ostd_irq_guard g = vfs_lock();
	bool last = --p->opens == 0;

	if (last && p->fifo != NULL)
		p->fifo->pipe = NULL;
	vfs_unlock(&g);
	if (last)
		pipe_free(p);
}

/* ---- data ---- */

/* Moves up to @len bytes from the ring to @t. Lock held. */
static long copy_out_locked(struct pipe *p, struct io_target *t, size_t len)
{
	size_t avail = p->head - p->tail;
	size_t want = len < avail ? len : avail;
	size_t moved = 0;

	while (moved < want) {
		size_t at = p->tail % PIPE_SIZE;
		size_t off = at % OSTD_PAGE_SIZE;
		size_t n = want - moved;
		size_t got;

		if (n > OSTD_PAGE_SIZE - off)
			n = OSTD_PAGE_SIZE - off;
		got = io_from_frame(t, p->page[at / OSTD_PAGE_SIZE], off, n);
		moved += got;
		p->tail += got;
		if (got < n)
			break;
	}
	return io_result(t, moved);
}

/* Moves up to @len bytes from @t into the ring's free room. Lock held.
 * Returns the bytes moved; a short count leaves t->error set. */
static size_t copy_in_locked(struct pipe *p, struct io_target *t, size_t len)
{
	size_t room = PIPE_SIZE - (p->head - p->tail);
	size_t want = len < room ? len : room;
	size_t moved = 0;

	while (moved < want) {
		size_t at = p->head % PIPE_SIZE;
		size_t idx = at / OSTD_PAGE_SIZE;
		size_t off = at % OSTD_PAGE_SIZE;
		size_t n = want - moved;
		size_t got;

		if (n > OSTD_PAGE_SIZE - off)
			n = OSTD_PAGE_SIZE - off;
		if (p->page[idx] == NULL)
			p->page[idx] = ostd_frame_alloc();
		if (p->page[idx] == NULL) {
			t->error = -ENOMEM;
			break;
		}
		got = io_to_frame(t, p->page[idx], off, n);
		moved += got;
		p->head += got;
		if (got < n)
			break;
	}
	return moved;
}

static bool file_nonblock(struct file *f)
{
	return (vfs_file_flags(f) & O_NONBLOCK) != 0;
}

static long pipe_read(struct file *f, struct io_target *t, size_t len,
		      uint64_t *pos)
{
	struct pipe *p = f->pipe;
	bool nonblock = file_nonblock(f);
	struct ostd_irq_guard g;
	long r;

	(void)pos; /* pipes have no offset */
	if (len == 0)
		return 0;
	g = ostd_spin_lock(&p->lock);
	for (;;) {
		if (p->head != p->tail) {
			r = copy_out_locked(p, t, len);
			wake_all_locked(p); /* room for writers */
			break;
		}
		if (p->writers == 0) {
			r = 0; /* EOF */
			break;
		}
		if (nonblock) {
			r = -EAGAIN;
			break;
		}
		if (signal_pending(task_current())) {
			r = -ERESTARTSYS;
			break;
		}
		wait_locked(p, &g);
	}
	ostd_spin_unlock(&p->lock, &g);
	return r;
}

/* Whether a write of @len bytes (@done of them written) can go on now. */
static bool room_for(const struct pipe *p, size_t len, size_t done)
{
	size_t room = PIPE_SIZE - (p->head - p->tail);

	if (len <= PIPE_BUF)
		return room >= len - done; /* atomic: all or wait */
	return room > 0;
}

static long pipe_write(struct file *f, struct io_target *t, size_t len,
		       uint64_t *pos)
{
	struct pipe *p = f->pipe;
	bool nonblock = file_nonblock(f);
	struct ostd_irq_guard g;
	size_t done = 0;
	long err = 0;

	(void)pos;
	if (len == 0)
		return 0;
	g = ostd_spin_lock(&p->lock);
	while (done < len) {
		if (p->readers == 0) {
			err = -EPIPE; /* and SIGPIPE, below */
			break;
		}
		if (room_for(p, len, done)) {
			size_t got = copy_in_locked(p, t, len - done);

			done += got;
			if (got > 0)
				wake_all_locked(p); /* data for readers */
			if (t->error != 0) {
				err = t->error;
				break;
			}
			continue;
		}
		if (nonblock) {
			err = -EAGAIN;
			break;
		}
		if (signal_pending(task_current())) {
			err = -ERESTARTSYS;
			break;
		}
		wait_locked(p, &g);
	}
	ostd_spin_unlock(&p->lock, &g);
	if (done > 0)
		return done;
	/* Linux's pipe_write: no readers means EPIPE and SIGPIPE. */
	if (err == -EPIPE)
		signal_send(task_current(), SIGPIPE);
	return err;
}

static long pipe_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct pipe *p = f->pipe;
	struct ostd_irq_guard g;
	int32_t n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	g = ostd_spin_lock(&p->lock);
	n = p->head - p->tail;
	ostd_spin_unlock(&p->lock, &g);
	return io_put_user(arg, &n, sizeof(n));
}

/* Linux's pipe_poll(): readable with data, writable with room for an
 * atomic write, HUP without writers, ERR without readers. */
static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = f->pipe;
	uint32_t acc = vfs_file_flags(f) & O_ACCMODE;
	struct ostd_irq_guard g = ostd_spin_lock(&p->lock);
	size_t used = p->head - p->tail;
	unsigned mask = 0;

	if (acc != O_WRONLY) {
		if (used > 0)
			mask |= POLLIN | POLLRDNORM;
		/* A FIFO nobody has opened for writing yet is no hangup. */
		if (p->writers == 0 && (p->fifo == NULL || p->w_counter > 0))
			mask |= POLLHUP;
	}
	if (acc != O_RDONLY) {
		if (PIPE_SIZE - used >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			mask |= POLLERR;
	}
	ostd_spin_unlock(&p->lock, &g);
	return mask;
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->pipe;
	uint32_t acc = vfs_file_flags(f) & O_ACCMODE;
	struct ostd_irq_guard g = ostd_spin_lock(&p->lock);
	bool anon = p->fifo == NULL;
	bool gone;

	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	gone = p->readers == 0 && p->writers == 0;
	wake_all_locked(p); /* EOF for readers, EPIPE for writers */
	ostd_spin_unlock(&p->lock, &g);
	f->pipe = NULL;
	/* A pipe's inode goes with its last file. */
	if (anon && gone)
		anon_inode_unlink(f->inode);
	pipe_put(p);
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

int pipe_create(uint32_t flags, struct file **rd, struct file **wr)
{
	uint32_t nb = flags & O_NONBLOCK;
	struct pipe *p = pipe_alloc();
	int r;

	if (p == NULL)
		return -ENOMEM;
	/* Nobody else sees @p until both files exist: no locks needed. */
	p->readers = 1;
	p->opens = 1;
	r = anon_file_new(S_IFIFO | S_IRUSR | S_IWUSR, 0, O_RDONLY | nb,
			  &pipe_fops, rd);
	if (r < 0) {
		pipe_free(p);
		return r;
	}
	(*rd)->pipe = p;
	*wr = anon_file_sibling(*rd, O_WRONLY | nb, &pipe_fops);
	if (*wr == NULL) {
		file_put(*rd); /* its release frees the pipe and inode */
		return -ENOMEM;
	}
	(*wr)->pipe = p;
	p->writers = 1;
	p->opens = 2;
	return 0;
}

/* ---- FIFOs ---- */

/* The pipe of FIFO @ino, made on first open, with one more open. */
static struct pipe *fifo_attach(struct inode *ino)
{
	struct pipe *fresh = pipe_alloc();
	struct ostd_irq_guard g = vfs_lock();
	struct pipe *p = ino->pipe;

	if (p == NULL && fresh != NULL) {
		p = fresh;
		fresh = NULL;
		p->fifo = ino;
		ino->pipe = p;
	}
	if (p != NULL)
		p->opens++;
	vfs_unlock(&g);
	if (fresh != NULL)
		ostd_heap_free(fresh);
	return p;
}

/* Waits until *@counter moves past @seen (a partner opened). */
static void wait_partner_locked(struct pipe *p, struct ostd_irq_guard *g,
				const uint32_t *counter, uint32_t seen)
{
	while (*counter == seen && !signal_pending(task_current()))
		wait_locked(p, g);
}

/* Counts the open and waits for a partner as fifo_open() explains. */
static int fifo_join_locked(struct pipe *p, struct ostd_irq_guard *g,
			    uint32_t acc, bool nonblock)
{
	uint32_t seen;

	switch (acc) {
	case O_RDONLY:
		p->readers++;
		p->r_counter++;
		wake_all_locked(p);
		seen = p->w_counter;
		if (p->writers == 0 && !nonblock)
			wait_partner_locked(p, g, &p->w_counter, seen);
		return 0;
	case O_WRONLY:
		if (p->readers == 0 && nonblock)
			return -ENXIO;
		p->writers++;
		p->w_counter++;
		wake_all_locked(p);
		seen = p->r_counter;
		if (p->readers == 0)
			wait_partner_locked(p, g, &p->r_counter, seen);
		return 0;
	default:
		p->readers++;
		p->writers++;
		p->r_counter++;
		p->w_counter++;
		wake_all_locked(p);
		return 0;
	}
}

static int fifo_open(struct inode *ino, struct file *f)
{
	uint32_t flags = vfs_file_flags(f);
	struct pipe *p = fifo_attach(ino);
	struct ostd_irq_guard g;
	int r;

	if (p == NULL)
		return -ENOMEM;
	g = ostd_spin_lock(&p->lock);
	r = fifo_join_locked(p, &g, flags & O_ACCMODE,
			     (flags & O_NONBLOCK) != 0);
	ostd_spin_unlock(&p->lock, &g);
	if (r < 0) {
		pipe_put(p);
		return r;
	}
	f->pipe = p;
	return 0;
}

static const struct file_ops fifo_fops = {
	.open = fifo_open,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
	.release = pipe_release,
};

void pipe_init(void)
{
	vfs_set_fifo_ops(&fifo_fops);
}
