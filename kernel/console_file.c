// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/console_file.c - the early console file: fds 0, 1 and 2 of the
 * processes the kernel starts, until user space has /dev/console.
 *
 * It is one open file on an anonymous character-device inode (5:1, like
 * /dev/console), created at boot and shared by every process the kernel
 * starts, as if init had opened /dev/console and its children inherited
 * it. Reads are console TTY reads (kernel/tty/console.c), writes go
 * through the TTY's output processing, and the TTY ioctls that libc needs
 * (termios, window size, FIONREAD, foreground group) are answered from
 * the console TTY.
 *
 * The boot path that starts /init from an initramfs opens /dev/console
 * instead; until kernel/tty has a driver of its own, /dev/console's open
 * (kernel/init.c) borrows these operations.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "console_file.h"
#include "errno.h"
#include "fs/vfs.h"
#include "tty/console.h"
#include "uapi/fcntl.h"
#include "uapi/poll.h"
#include "uapi/stat.h"

#define CONSOLE_MAJOR 5
#define CONSOLE_MINOR 1

/* Set once at boot, then read-only; holds a reference forever. */
static struct file *console_file;

static long econs_read(struct file *f, struct io_target *t, size_t len,
		       uint64_t *pos)
{
	bool nonblock = (vfs_file_flags(f) & O_NONBLOCK) != 0;
	struct tty_chunk chunk;
	struct vfs_kbuf *kb;
	long n;

	(void)pos;
	n = console_tty_read(&chunk, len, nonblock);
	if (n <= 0)
		return n;
	kb = OSTD_NEW(struct vfs_kbuf);
	if (kb == NULL)
		return -ENOMEM;
	ostd_mem_copy(&kb->data[0], &chunk.data[0], chunk.len);
	/* A fault copying out loses the bytes: they left the line already. */
	n = io_result(t, io_from_kbuf(t, kb, 0, chunk.len));
	ostd_heap_free(kb);
	return n;
}

/* Bytes before a bad page are written, like a Linux tty. */
static void econs_drain(struct vfs_kbuf *kb, size_t n)
{
	(void)console_tty_write(ostd_bytes_of(&kb->data[0], n));
}

static long econs_write(struct file *f, struct io_target *t, size_t len,
			uint64_t *pos)
{
	(void)f;
	(void)pos;
	return io_result(t, io_to_pages(t, len, econs_drain));
}

static long econs_termios(unsigned cmd, uint64_t arg)
{
	struct termios tio;

	if (cmd == TCGETS) {
		console_tty_get_termios(&tio);
		return io_put_user(arg, &tio, sizeof(tio));
	}
	if (io_get_user(&tio, arg, sizeof(tio)) < 0)
		return -EFAULT;
	return console_tty_set_termios(cmd, &tio);
}

static long econs_ioctl(struct file *f, unsigned cmd, uint64_t arg)
{
	struct winsize ws;
	int32_t v;

	(void)f;
	switch (cmd) {
	case TCGETS:
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return econs_termios(cmd, arg);
	case TIOCGWINSZ:
		console_tty_get_winsize(&ws);
		return io_put_user(arg, &ws, sizeof(ws));
	case TIOCSWINSZ:
		if (io_get_user(&ws, arg, sizeof(ws)) < 0)
			return -EFAULT;
		(void)console_tty_set_winsize(&ws); /* no SIGWINCH yet */
		return 0;
	case FIONREAD:
		v = console_tty_readable();
		return io_put_user(arg, &v, sizeof(v));
	case TIOCGPGRP:
		v = console_tty_get_pgrp();
		return io_put_user(arg, &v, sizeof(v));
	case TIOCSPGRP:
		if (io_get_user(&v, arg, sizeof(v)) < 0)
			return -EFAULT;
		if (v < 0)
			return -EINVAL;
		console_tty_set_pgrp(v);
		return 0;
	default:
		return -ENOTTY;
	}
}

/* Readable when a read would not block; output never blocks. */
static unsigned econs_poll(struct file *f)
{
	unsigned mask = POLLOUT | POLLWRNORM;

	(void)f;
	if (console_tty_poll_in())
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

static const struct file_ops econs_fops = {
	.read = econs_read,
	.write = econs_write,
	.ioctl = econs_ioctl,
	.poll = econs_poll,
};

int console_file_init(void)
{
	return anon_file_new(S_IFCHR | S_IRUSR | S_IWUSR,
			     vfs_mkdev(CONSOLE_MAJOR, CONSOLE_MINOR), O_RDWR,
			     &econs_fops, &console_file);
}

struct file *console_file_get(void)
{
	if (console_file == NULL)
		return NULL;
	return file_get(console_file);
}
