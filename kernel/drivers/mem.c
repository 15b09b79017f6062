// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/drivers/mem.c - /dev/null, /dev/zero, /dev/full, /dev/random and
 * /dev/urandom: the memory devices of major 1 (Linux's drivers/char/mem.c
 * and the character half of drivers/char/random.c).
 *
 * One file_ops table is registered for the major; its open() looks at the
 * minor and swaps in the device's own table, as Linux's memory_open()
 * does. Behaviour is Linux's:
 *   null     read: end of file; write: swallows everything
 *   zero     read: zeros; write: swallows everything
 *   full     read: zeros; write: -ENOSPC
 *   random, urandom
 *            read: bytes from the kernel's ChaCha20 generator (random.c),
 *            which never blocks once seeded at boot, like Linux >= 5.18
 *            where both are the same; write: taken (and checked for
 *            faults) but not credited, as Linux without RNDADDENTROPY.
 * None of them has a file position: llseek leaves it at 0 for the first
 * three (Linux's null_lseek) and unchanged for the random devices
 * (noop_llseek), and reads never advance it.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "drivers/mem.h"
#include "errno.h"
#include "fs/vfs.h"
#include "random.h"

static long null_read(struct file *f, struct io_target *t, size_t len,
		      uint64_t *pos)
{
	(void)f;
	(void)t;
	(void)len;
	(void)pos;
	return 0;
}

/* Writes to null and zero (and random, below) report full success. */
static long sink_write(struct file *f, struct io_target *t, size_t len,
		       uint64_t *pos)
{
	(void)f;
	(void)t;
	(void)pos;
	return len;
}

static long zero_read(struct file *f, struct io_target *t, size_t len,
		      uint64_t *pos)
{
	(void)f;
	(void)pos;
	return io_result(t, io_zero(t, len));
}

static long full_write(struct file *f, struct io_target *t, size_t len,
		       uint64_t *pos)
{
	(void)f;
	(void)t;
	(void)len;
	(void)pos;
	return -ENOSPC;
}

/* Fills the first @n bytes of @kb with random bytes. */
static void random_fill(struct vfs_kbuf *kb, size_t n)
{
	struct random_chunk c;
	size_t off;

	for (off = 0; off < n; off += RANDOM_CHUNK) {
		size_t step = n - off < RANDOM_CHUNK ? n - off : RANDOM_CHUNK;

		random_get(&c);
		ostd_mem_copy(&kb->data[off], &c.bytes[0], step);
	}
}

static long random_read(struct file *f, struct io_target *t, size_t len,
			uint64_t *pos)
{
	(void)f;
	(void)pos;
	return io_result(t, io_from_pages(t, len, random_fill));
}

/* Linux reads the caller's bytes (and mixes them in): a bad buffer
 * gives -EFAULT, a partly bad one a short count. */
static long random_write(struct file *f, struct io_target *t, size_t len,
			 uint64_t *pos)
{
	(void)f;
	(void)pos;
	return io_result(t, io_to_pages(t, len, NULL));
}

/* null_lseek: the position is always 0. */
static int64_t zero_pos_llseek(struct file *f, int64_t off, int whence)
{
	(void)f;
	(void)off;
	(void)whence;
	return 0;
}

/* noop_llseek: the position stays what it is (0: reads never move it). */
static int64_t noop_llseek(struct file *f, int64_t off, int whence)
{
	(void)off;
	(void)whence;
	return f->pos;
}

static const struct file_ops null_fops = {
	.read = null_read,
	.write = sink_write,
	.llseek = zero_pos_llseek,
};

static const struct file_ops zero_fops = {
	.read = zero_read,
	.write = sink_write,
	.llseek = zero_pos_llseek,
};

static const struct file_ops full_fops = {
	.read = zero_read,
	.write = full_write,
	.llseek = zero_pos_llseek,
};

static const struct file_ops random_fops = {
	.read = random_read,
	.write = random_write,
	.llseek = noop_llseek,
};

/* memory_open(): picks the device by minor, -ENXIO for unknown ones. */
static int mem_open(struct inode *ino, struct file *f)
{
	switch (vfs_dev_minor(ino->rdev)) {
	case MEM_MINOR_NULL:
		f->fops = &null_fops;
		return 0;
	case MEM_MINOR_ZERO:
		f->fops = &zero_fops;
		return 0;
	case MEM_MINOR_FULL:
		f->fops = &full_fops;
		return 0;
	case MEM_MINOR_RANDOM:
	case MEM_MINOR_URANDOM:
		f->fops = &random_fops;
		return 0;
	default:
		return -ENXIO;
	}
}

/* Only open() is reached: it replaces the table before any other call. */
static const struct file_ops mem_fops = {
	.open = mem_open,
};

int mem_init(void)
{
	return vfs_register_chrdev(MEM_MAJOR, &mem_fops);
}
