/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/cpio.h - reader for "newc" cpio archives, the Linux initramfs format.
 *
 * The archive is a borrowed ostd_bytes view (the initrd); entries point into
 * it, so it must stay alive while they are used. Iterate with:
 *
 *	struct cpio_iter it;
 *	struct cpio_entry e;
 *	int r;
 *
 *	cpio_iter_init(&it, initrd);
 *	while ((r = cpio_next(&it, &e)) > 0)
 *		... e.name, e.mode, e.data ...
 *	if (r < 0)
 *		ostd_log("initramfs: %s at offset %zu", it.err_msg, it.err_off);
 *
 * Format: each entry is a 110-byte ASCII header ("070701" or "070702", then
 * 13 fields of 8 hex digits), the NUL-terminated name (namesize bytes,
 * counting the NUL), padding to a multiple of 4 from the archive start, the
 * data (filesize bytes: file contents, or a symlink's target without a
 * NUL), and padding to 4 again. The entry named "TRAILER!!!" ends it.
 *
 * The reader checks every length and offset against the view and never
 * reads outside it. It only parses: it does not judge names ("..", leading
 * '/'), modes or hard links, nor verify 070702 checksums; the caller does
 * what it needs. It stops at the first TRAILER!!! (Linux would go on to a
 * concatenated second archive).
 */
#ifndef RACHO_KERNEL_CPIO_H
#define RACHO_KERNEL_CPIO_H

#include <ostd/bytes.h>
#include <ostd/types.h>

/* Negative returns of cpio_next. */
enum cpio_error {
	CPIO_EINVAL = -OSTD_EINVAL, /* malformed archive: see err_msg/err_off */
	CPIO_ENOTSUP = -95,         /* Linux EOPNOTSUPP: a compressed archive */
};

/* File type bits of cpio_entry.mode (same values as Linux's st_mode). */
enum cpio_mode {
	CPIO_S_IFMT = 0170000,
	CPIO_S_IFSOCK = 0140000,
	CPIO_S_IFLNK = 0120000,
	CPIO_S_IFREG = 0100000,
	CPIO_S_IFBLK = 0060000,
	CPIO_S_IFDIR = 0040000,
	CPIO_S_IFCHR = 0020000,
	CPIO_S_IFIFO = 0010000,
};

struct cpio_entry {
	struct ostd_bytes name; /* path without its NUL, e.g. "tests/time" */
	struct ostd_bytes data; /* contents, or a symlink's target */
	uint32_t ino;
	uint32_t mode;          /* type (CPIO_S_IF*) | permission bits */
	uint32_t uid;
	uint32_t gid;
	uint32_t nlink;
	uint32_t mtime;
	uint32_t filesize;      /* == data.len */
	uint32_t devmajor;
	uint32_t devminor;
	uint32_t rdevmajor;     /* device nodes: the device number */
	uint32_t rdevminor;
	size_t offset;          /* of this entry's header in the archive */
};

/* Iterator state; read err_msg/err_off after a negative return. */
struct cpio_iter {
	struct ostd_bytes archive;
	size_t off;              /* next header */
	int state;               /* 0: more entries, 1: ended, <0: the error */
	const char *err_msg;     /* static text, NULL if no error */
	size_t err_off;          /* archive offset the error is about */
	const char *compression; /* "gzip", "xz"...: set with CPIO_ENOTSUP */
};

/* Starts iterating over @archive. An empty archive has no entries. */
void cpio_iter_init(struct cpio_iter *it, struct ostd_bytes archive);

/*
 * Reads the next entry into @out. Returns 1 (an entry), 0 (the end: the
 * trailer was reached; the trailer itself is not returned), CPIO_EINVAL
 * (malformed) or CPIO_ENOTSUP (compressed archive). Errors are sticky:
 * later calls return the same error. @out is only written on 1.
 */
int cpio_next(struct cpio_iter *it, struct cpio_entry *out);

/*
 * The compression format @archive starts with ("gzip", "bzip2", "lzma",
 * "xz", "lzo", "lz4", "zstd": the magics Linux recognises), or NULL.
 */
const char *cpio_compression(struct ostd_bytes archive);

static inline bool cpio_is_dir(const struct cpio_entry *e)
{
	return (e->mode & CPIO_S_IFMT) == CPIO_S_IFDIR;
}

static inline bool cpio_is_reg(const struct cpio_entry *e)
{
	return (e->mode & CPIO_S_IFMT) == CPIO_S_IFREG;
}

static inline bool cpio_is_symlink(const struct cpio_entry *e)
{
	return (e->mode & CPIO_S_IFMT) == CPIO_S_IFLNK;
}

#endif
