/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/fdtable.h - file descriptor tables.
 *
 * A table maps small integers to open files. It grows in chunks of 64
 * slots linked in a list, so a process pays for the fds it uses and there
 * is no fixed global array; the only bound is the table's limit
 * (RLIMIT_NOFILE, 1024 by default, settable up to FDTABLE_MAX). New fds are
 * always the lowest free number, as POSIX requires.
 *
 * A table may be shared by threads (CLONE_FILES) and is reference counted.
 * Each slot holds one reference on its file. Files are released outside the
 * table lock, because the last file_put() may call a driver's release.
 *
 * Locking: struct fdtable's lock protects its chunks and slots.
 * order: fdtable lock -> file lock (file_get inside is fine); the VFS lock
 * is never taken while the table lock is held.
 */
#ifndef KERNEL_FS_FDTABLE_H
#define KERNEL_FS_FDTABLE_H

#include <ostd/cpu.h>
#include <ostd/types.h>

#include "fs/vfs.h"

#define FD_CHUNK_SLOTS 64
#define FDTABLE_DEFAULT_LIMIT 1024
#define FDTABLE_MAX (1U << 20) /* Linux's default fs.nr_open */

struct fd_slot {
	struct file *file; /* NULL: free */
	bool cloexec;
};

struct fd_chunk {
	struct fd_chunk *next;
	uint32_t used; /* slots holding a file */
	struct fd_slot slot[FD_CHUNK_SLOTS];
};

struct fdtable {
	struct ostd_spinlock lock; /* protects: everything below */
	uint32_t refcount;
	uint32_t limit;   /* fds are < limit */
	uint32_t nchunks;
	struct fd_chunk *chunks; /* chunk i holds fds [64 i, 64 i + 63] */
};

/* An empty table with the default limit, or NULL. */
struct fdtable *fdtable_new(void);
/* fork() without CLONE_FILES: a copy sharing the open files, or NULL. */
struct fdtable *fdtable_copy(struct fdtable *fdt);
void fdtable_get(struct fdtable *fdt);
/* Drops a reference; the last one closes every fd. */
void fdtable_put(struct fdtable *fdt);
/* execve(): closes every close-on-exec fd. */
void fdtable_exec(struct fdtable *fdt);
/* setrlimit(RLIMIT_NOFILE); -EPERM above FDTABLE_MAX. Open fds above a
 * lowered limit stay open, as on Linux. */
int fdtable_set_limit(struct fdtable *fdt, uint32_t limit);
uint32_t fdtable_limit(struct fdtable *fdt);

/*
 * Puts @f in the lowest free slot >= @min and returns the fd, or -EMFILE
 * (-EINVAL if @min is past the limit). On success the table owns the
 * caller's reference to @f; on failure the caller keeps it.
 */
int fd_install(struct fdtable *fdt, struct file *f, bool cloexec,
	       uint32_t min);
/* The file at @fd with a new reference (file_put it), or NULL: EBADF. */
struct file *fd_get(struct fdtable *fdt, int fd);
/* close(2): 0 or -EBADF. */
int fd_close(struct fdtable *fdt, int fd);
/* dup(2) and fcntl(F_DUPFD[_CLOEXEC]): lowest free fd >= @min. */
int fd_dup(struct fdtable *fdt, int oldfd, uint32_t min, bool cloexec);
/* dup3(2): @flags may only be O_CLOEXEC; -EINVAL if oldfd == newfd. */
int fd_dup3(struct fdtable *fdt, int oldfd, int newfd, uint32_t flags);
/* dup2(2): like dup3 with no flags, but oldfd == newfd just checks it. */
int fd_dup2(struct fdtable *fdt, int oldfd, int newfd);
/* F_GETFD / F_SETFD: FD_CLOEXEC or 0, or -EBADF. */
int fd_get_cloexec(struct fdtable *fdt, int fd);
int fd_set_cloexec(struct fdtable *fdt, int fd, bool cloexec);
/* close_range(2) with flags 0 or CLOSE_RANGE_CLOEXEC. */
int fd_close_range(struct fdtable *fdt, uint32_t first, uint32_t last,
		   uint32_t flags);
/* Number of open fds (for tests and /proc). */
uint32_t fdtable_count(struct fdtable *fdt);
/*
 * /proc/<pid>/fd: the smallest open fd above @after (-1: from 0) with its
 * file in *@out, or -1 if there is none. No reference is taken: the file
 * may only be used while the caller holds the VFS lock (a file's last
 * reference drops its path under it before the file is freed), and only
 * its fixed fields (path, inode, the access mode).
 */
int fd_peek_next(struct fdtable *fdt, int after, struct file **out);

#endif
