// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_file.c - open procfs files: the text is generated at
 * open into a buffer the file keeps (file->procfs), and reads copy from
 * it, so a file reads as one snapshot however small the reads.
 *
 * Three files are generated again while they are read (see
 * procfs_internal.h): cmdline and environ at every read, from the
 * process's memory at the file position; and maps, a page of whole lines at a time. When
 * a read reaches the end of a maps piece, the next piece starts with the
 * first area that ends above the last one shown, like Linux's m_start(),
 * so a long list reads completely, and areas that change between two
 * reads are shown as they are then. Reading from an earlier position
 * starts again from the first area. A process that is gone ends a maps
 * file that was opened while it lived (EOF, as on Linux).
 *
 * Runs without the VFS lock; the generators take what they need.
 */
#include <ostd/bytes.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"

static int generate(uint64_t ino, struct procfs_buf *b)
{
	int pid = procfs_ino_pid(ino);

	switch (ino) {
	case PROCFS_INO_MEMINFO:
		procfs_gen_meminfo(b);
		return 0;
	case PROCFS_INO_UPTIME:
		procfs_gen_uptime(b);
		return 0;
	case PROCFS_INO_LOADAVG:
		procfs_gen_loadavg(b);
		return 0;
	case PROCFS_INO_STAT:
		procfs_gen_stat(b);
		return 0;
	case PROCFS_INO_VERSION:
		procfs_gen_version(b);
		return 0;
	case PROCFS_INO_FILESYSTEMS:
		procfs_gen_filesystems(b);
		return 0;
	case PROCFS_INO_CPUINFO:
		procfs_gen_cpuinfo(b);
		return 0;
	default:
		break;
	}
	if (ino < PROCFS_INO_FIRST_PID)
		return -EINVAL;
	switch (procfs_ino_file(ino)) {
	case PROCFS_PID_CMDLINE:
	case PROCFS_PID_COMM:
	case PROCFS_PID_STAT:
	case PROCFS_PID_STATM:
	case PROCFS_PID_STATUS:
		return procfs_gen_pid(pid, procfs_ino_file(ino), b);
	case PROCFS_PID_MAPS:
		return procfs_gen_maps(pid, b);
	case PROCFS_PID_ENVIRON:
		/* Linux's environ_open(): EACCES at open without access. */
		return procfs_gen_environ(pid, 0, b);
	case PROCFS_PID_MOUNTS:
		procfs_gen_mounts(b);
		return 0;
	default:
		return -EINVAL;
	}
}

static int procfs_open(struct inode *ino, struct file *f)
{
	struct procfs_buf *b = OSTD_NEW(struct procfs_buf);
	int r;

	if (b == NULL)
		return -ENOMEM;
	r = generate(ino->ino, b);
	if (r < 0) {
		ostd_heap_free(b);
		return r;
	}
	f->procfs = b;
	return 0;
}

/*
 * Makes the maps piece in @b the one holding file offset @pos, if there
 * is one: from the start again if @pos is before it, else piece after
 * piece. A generator error ends the file.
 */
static void maps_seek(int pid, struct procfs_buf *b, uint64_t pos)
{
	if (pos < b->base) {
		b->base = 0;
		b->next = 0;
		if (procfs_gen_maps(pid, b) < 0)
			b->len = 0;
	}
	while (pos - b->base >= b->len && b->more && b->len > 0) {
		b->base += b->len;
		if (procfs_gen_maps(pid, b) < 0) {
			b->len = 0;
			b->more = false;
		}
	}
}

/*
 * Copies from the open file's text, which starts at file offset @base:
 * 0 for a snapshot, *pos for cmdline (regenerated at every read, as
 * Linux reads it afresh), the piece's offset for maps.
 */
static long procfs_read(struct file *f, struct io_target *t, size_t len,
			uint64_t *pos)
{
	struct procfs_buf *b = f->procfs;
	uint64_t ino = f->inode->ino;
	uint64_t base = 0;
	struct vfs_kbuf *kb;
	size_t n, moved;

	if (ino >= PROCFS_INO_FIRST_PID &&
	    (procfs_ino_file(ino) == PROCFS_PID_CMDLINE ||
	     procfs_ino_file(ino) == PROCFS_PID_ENVIRON)) {
		int pid = procfs_ino_pid(ino);
		int r = procfs_ino_file(ino) == PROCFS_PID_CMDLINE
				? procfs_gen_cmdline(pid, *pos, b)
				: procfs_gen_environ(pid, *pos, b);

		if (r < 0)
			return r;
		base = *pos;
	} else if (ino >= PROCFS_INO_FIRST_PID &&
		   procfs_ino_file(ino) == PROCFS_PID_MAPS) {
		maps_seek(procfs_ino_pid(ino), b, *pos);
		base = b->base;
	}
	if (*pos < base || *pos - base >= b->len)
		return 0;
	n = b->len - (*pos - base);
	if (n > len)
		n = len;
	kb = OSTD_NEW(struct vfs_kbuf);
	if (kb == NULL)
		return -ENOMEM;
	/* PROCFS_BUF_SIZE == sizeof(kb->data), so n fits. */
	ostd_mem_copy(&kb->data[0], &b->s[*pos - base], n);
	moved = io_from_kbuf(t, kb, 0, n);
	ostd_heap_free(kb);
	*pos += moved;
	return io_result(t, moved);
}

/* Nothing in /proc is writable yet: Linux's proc_reg_write() without a
 * ->proc_write says EIO. */
static long procfs_write(struct file *f, struct io_target *t, size_t len,
			 uint64_t *pos)
{
	(void)f;
	(void)t;
	(void)len;
	(void)pos;
	return -EIO;
}

static void procfs_release(struct file *f)
{
	ostd_heap_free(f->procfs);
	f->procfs = NULL;
}

const struct file_ops procfs_file_fops = {
	.open = procfs_open,
	.read = procfs_read,
	.write = procfs_write,
	.release = procfs_release,
};
