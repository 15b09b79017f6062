// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/fdtable.c - file descriptor tables (see fdtable.h).
 *
 * The chunk list only grows while a table lives: a chunk emptied by close()
 * is kept for reuse, which keeps fd lookup simple (chunk fd / 64 always
 * exists once fd was ever used) and costs at most 1 KiB per 64 fds.
 */
#include <ostd/cpu.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fdtable.h"
#include "uapi/fcntl.h"

struct fdtable *fdtable_new(void)
{
	struct fdtable *fdt = OSTD_NEW(struct fdtable);

	if (fdt == NULL)
		return NULL;
	ostd_spin_init(&fdt->lock, "fdtable");
	fdt->refcount = 1;
	fdt->limit = FDTABLE_DEFAULT_LIMIT;
	return fdt;
}

/* The slot of @fd, or NULL if its chunk does not exist. Lock held. */
static struct fd_slot *slot_of(struct fdtable *fdt, uint32_t fd)
{
	uint32_t idx = fd / FD_CHUNK_SLOTS;
	struct fd_chunk *c = fdt->chunks;

	if (idx >= fdt->nchunks)
		return NULL;
	while (idx-- > 0)
		c = c->next;
	return &c->slot[fd % FD_CHUNK_SLOTS];
}

/* Makes chunks exist up to the one holding @fd. Lock held. */
static int grow_to(struct fdtable *fdt, uint32_t fd)
{
	struct fd_chunk **link = &fdt->chunks;
	uint32_t want = fd / FD_CHUNK_SLOTS + 1;
	uint32_t i;

	for (i = 0; i < want; i++) {
		if (*link == NULL) {
			*link = OSTD_NEW(struct fd_chunk);
			if (*link == NULL)
				return -ENOMEM;
			fdt->nchunks++;
		}
		link = &(*link)->next;
	}
	return 0;
}

/* The lowest free fd >= @min, or -EMFILE. Lock held. */
static int lowest_free(struct fdtable *fdt, uint32_t min)
{
	struct fd_chunk *c = fdt->chunks;
	uint32_t base = 0;
	uint32_t fd;

	for (; c != NULL; c = c->next, base += FD_CHUNK_SLOTS) {
		uint32_t i;

		if (base + FD_CHUNK_SLOTS <= min || c->used == FD_CHUNK_SLOTS)
			continue;
		i = min > base ? min - base : 0;
		for (; i < FD_CHUNK_SLOTS; i++)
			if (c->slot[i].file == NULL)
				break;
		if (i < FD_CHUNK_SLOTS) {
			fd = base + i;
			if (fd >= fdt->limit)
				return -EMFILE;
			return fd;
		}
	}
	fd = base > min ? base : min; /* past every chunk: a new one */
	if (fd >= fdt->limit)
		return -EMFILE;
	if (grow_to(fdt, fd) < 0)
		return -ENOMEM;
	return fd;
}

/* Fills the free slot @fd. Lock held. */
static void slot_set(struct fdtable *fdt, uint32_t fd, struct file *f,
		     bool cloexec)
{
	uint32_t idx = fd / FD_CHUNK_SLOTS;
	struct fd_chunk *c = fdt->chunks;

	while (idx-- > 0)
		c = c->next;
	c->slot[fd % FD_CHUNK_SLOTS].file = f;
	c->slot[fd % FD_CHUNK_SLOTS].cloexec = cloexec;
	c->used++;
}

/* Empties slot @fd and returns its file (NULL if it was free). */
static struct file *slot_clear(struct fdtable *fdt, uint32_t fd)
{
	uint32_t idx = fd / FD_CHUNK_SLOTS;
	struct fd_chunk *c = fdt->chunks;
	struct file *f;

	if (idx >= fdt->nchunks)
		return NULL;
	while (idx-- > 0)
		c = c->next;
	f = c->slot[fd % FD_CHUNK_SLOTS].file;
	if (f != NULL) {
		c->slot[fd % FD_CHUNK_SLOTS].file = NULL;
		c->slot[fd % FD_CHUNK_SLOTS].cloexec = false;
		c->used--;
	}
	return f;
}

int fd_install(struct fdtable *fdt, struct file *f, bool cloexec,
	       uint32_t min)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	int fd;

	if (min >= fdt->limit) {
		ostd_spin_unlock(&fdt->lock, &g);
		return -EINVAL;
	}
	fd = lowest_free(fdt, min);
	if (fd >= 0)
		slot_set(fdt, fd, f, cloexec);
	ostd_spin_unlock(&fdt->lock, &g);
	return fd;
}

struct file *fd_get(struct fdtable *fdt, int fd)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	struct fd_slot *s = fd < 0 ? NULL : slot_of(fdt, fd);
	struct file *f = NULL;

	if (s != NULL && s->file != NULL)
		f = file_get(s->file);
	ostd_spin_unlock(&fdt->lock, &g);
	return f;
}

int fd_close(struct fdtable *fdt, int fd)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	struct file *f = fd < 0 ? NULL : slot_clear(fdt, fd);

	ostd_spin_unlock(&fdt->lock, &g);
	if (f == NULL)
		return -EBADF;
	file_put(f);
	return 0;
}

int fd_dup(struct fdtable *fdt, int oldfd, uint32_t min, bool cloexec)
{
	struct file *f = fd_get(fdt, oldfd);
	int fd;

	if (f == NULL)
		return -EBADF;
	fd = fd_install(fdt, f, cloexec, min);
	if (fd < 0)
		file_put(f);
	return fd;
}

/* dup2/dup3 once the arguments are checked: @newfd gets @oldfd's file. */
static int dup_to(struct fdtable *fdt, int oldfd, int newfd, bool cloexec)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	struct fd_slot *s = slot_of(fdt, oldfd);
	struct file *f;
	struct file *old = NULL;
	int r = newfd;

	if (s == NULL || s->file == NULL) {
		r = -EBADF;
	} else if (grow_to(fdt, newfd) < 0) {
		r = -ENOMEM;
	} else {
		f = file_get(s->file);
		old = slot_clear(fdt, newfd);
		slot_set(fdt, newfd, f, cloexec);
	}
	ostd_spin_unlock(&fdt->lock, &g);
	/* The file newfd held is closed after the swap, as Linux does. */
	if (old != NULL)
		file_put(old);
	return r;
}

int fd_dup3(struct fdtable *fdt, int oldfd, int newfd, uint32_t flags)
{
	uint32_t nfd = newfd;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (oldfd < 0 || newfd < 0 || nfd >= fdtable_limit(fdt))
		return -EBADF;
	return dup_to(fdt, oldfd, newfd, flags & O_CLOEXEC);
}

int fd_dup2(struct fdtable *fdt, int oldfd, int newfd)
{
	struct file *f;

	if (oldfd == newfd) {
		f = fd_get(fdt, oldfd);
		if (f == NULL)
			return -EBADF;
		file_put(f);
		return newfd;
	}
	return fd_dup3(fdt, oldfd, newfd, 0);
}

int fd_get_cloexec(struct fdtable *fdt, int fd)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	struct fd_slot *s = fd < 0 ? NULL : slot_of(fdt, fd);
	int r = -EBADF;

	if (s != NULL && s->file != NULL)
		r = s->cloexec ? FD_CLOEXEC : 0;
	ostd_spin_unlock(&fdt->lock, &g);
	return r;
}

int fd_set_cloexec(struct fdtable *fdt, int fd, bool cloexec)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	struct fd_slot *s = fd < 0 ? NULL : slot_of(fdt, fd);
	int r = -EBADF;

	if (s != NULL && s->file != NULL) {
		s->cloexec = cloexec;
		r = 0;
	}
	ostd_spin_unlock(&fdt->lock, &g);
	return r;
}

/*
 * Removes the first file in fds [*@fd, @last] (only close-on-exec ones if
 * @cloexec_only) and returns it with *@fd set to its number, or NULL.
 * Lets callers close many fds while dropping the lock for each file_put.
 */
static struct file *take_next(struct fdtable *fdt, uint32_t *fd,
			      uint32_t last, bool cloexec_only)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	uint32_t end = fdt->nchunks * FD_CHUNK_SLOTS;
	struct file *f = NULL;

	if (last >= end)
		last = end == 0 ? 0 : end - 1;
	for (; end > 0 && *fd <= last; (*fd)++) {
		struct fd_slot *s = slot_of(fdt, *fd);

		if (s->file != NULL && (!cloexec_only || s->cloexec)) {
			f = slot_clear(fdt, *fd);
			break;
		}
	}
	ostd_spin_unlock(&fdt->lock, &g);
	return f;
}

/* Closes the fds in [first, last] (close-on-exec ones only if asked). */
static void close_span(struct fdtable *fdt, uint32_t first, uint32_t last,
		       bool cloexec_only)
{
	uint32_t fd = first;
	struct file *f;

	while ((f = take_next(fdt, &fd, last, cloexec_only)) != NULL) {
		file_put(f);
		if (fd == last)
			break;
		fd++;
	}
}

void fdtable_exec(struct fdtable *fdt)
{
	close_span(fdt, 0, UINT32_MAX, true);
}

int fd_close_range(struct fdtable *fdt, uint32_t first, uint32_t last,
		   uint32_t flags)
{
	struct ostd_irq_guard g;
	uint32_t fd;

	if ((flags & ~CLOSE_RANGE_CLOEXEC) != 0 || first > last)
		return -EINVAL;
	if (!(flags & CLOSE_RANGE_CLOEXEC)) {
		close_span(fdt, first, last, false);
		return 0;
	}
	g = ostd_spin_lock(&fdt->lock);
	for (fd = first; fd < fdt->nchunks * FD_CHUNK_SLOTS && fd <= last;
	     fd++) {
		struct fd_slot *s = slot_of(fdt, fd);

		if (s->file != NULL)
			s->cloexec = true;
	}
	ostd_spin_unlock(&fdt->lock, &g);
	return 0;
}

void fdtable_get(struct fdtable *fdt)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);

	fdt->refcount++;
	ostd_spin_unlock(&fdt->lock, &g);
}

/* Closes everything and frees @fdt, which nobody else can reach. */
static void fdtable_free(struct fdtable *fdt)
{
	struct fd_chunk *c;

	close_span(fdt, 0, UINT32_MAX, false);
	while ((c = fdt->chunks) != NULL) {
		fdt->chunks = c->next;
		ostd_heap_free(c);
	}
	ostd_heap_free(fdt);
}

void fdtable_put(struct fdtable *fdt)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	uint32_t left = --fdt->refcount;

	ostd_spin_unlock(&fdt->lock, &g);
	if (left == 0)
		fdtable_free(fdt);
}

/* Copies @from's slots into @to, which has as many chunks. Locks held. */
static void copy_slots(struct fdtable *to, const struct fdtable *from)
{
	const struct fd_chunk *src = from->chunks;
	struct fd_chunk *dst = to->chunks;

	for (; src != NULL; src = src->next, dst = dst->next) {
		uint32_t i;

		for (i = 0; i < FD_CHUNK_SLOTS; i++) {
			struct file *f = src->slot[i].file;

			if (f == NULL)
				continue;
			dst->slot[i].file = file_get(f);
			dst->slot[i].cloexec = src->slot[i].cloexec;
			dst->used++;
		}
	}
}

struct fdtable *fdtable_copy(struct fdtable *fdt)
{
	struct fdtable *copy = fdtable_new();
	struct ostd_irq_guard g;
	int r = 0;

	if (copy == NULL)
		return NULL;
	g = ostd_spin_lock(&fdt->lock);
	copy->limit = fdt->limit;
	if (fdt->nchunks > 0)
		r = grow_to(copy, fdt->nchunks * FD_CHUNK_SLOTS - 1);
	if (r == 0)
		copy_slots(copy, fdt);
	ostd_spin_unlock(&fdt->lock, &g);
	if (r < 0) {
		fdtable_free(copy);
		return NULL;
	}
	return copy;
}

int fdtable_set_limit(struct fdtable *fdt, uint32_t limit)
{
	struct ostd_irq_guard g;

	if (limit > FDTABLE_MAX)
		return -EPERM;
	g = ostd_spin_lock(&fdt->lock);
	fdt->limit = limit;
	ostd_spin_unlock(&fdt->lock, &g);
	return 0;
}

uint32_t fdtable_limit(struct fdtable *fdt)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	uint32_t limit = fdt->limit;

	ostd_spin_unlock(&fdt->lock, &g);
	return limit;
}

uint32_t fdtable_count(struct fdtable *fdt)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	const struct fd_chunk *c;
	uint32_t n = 0;

	for (c = fdt->chunks; c != NULL; c = c->next)
		n += c->used;
	ostd_spin_unlock(&fdt->lock, &g);
	return n;
}

int fd_peek_next(struct fdtable *fdt, int after, struct file **out)
{
	struct ostd_irq_guard g = ostd_spin_lock(&fdt->lock);
	uint32_t end = fdt->nchunks * FD_CHUNK_SLOTS;
	uint32_t fd = 0;
	int found = -1;

	if (after >= 0)
		fd = after + 1;
	for (; fd < end; fd++) {
		struct fd_slot *s = slot_of(fdt, fd);

		if (s->file != NULL) {
			*out = s->file;
			found = fd;
			break;
		}
	}
	ostd_spin_unlock(&fdt->lock, &g);
	return found;
}
