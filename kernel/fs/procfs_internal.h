/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/procfs_internal.h - shared between the procfs files: inode
 * numbers, the text buffer files are generated into, and the generators.
 *
 *   procfs.c       the super block, /proc and /proc/<pid> (lookup, listing)
 *   procfs_fd.c    /proc/<pid>/fd and the exe and fd/<n> links
 *   procfs_file.c  open procfs files: generation at open, reads
 *   procfs_path.c  the name of an open file (d_path) for maps and links
 *   procfs_maps.c  /proc/<pid>/maps
 *   procfs_pid.c   the other files of a process: stat, status, statm...
 *   procfs_sys.c   the system files, and the text buffer
 *   procfs_info.c  loadavg, stat, version, filesystems, cpuinfo
 *
 * A procfs file's contents are generated when it is opened, into a
 * struct procfs_buf that the open file keeps (file->procfs); reads copy
 * from it, so one open file reads a consistent snapshot however small the
 * reads, like Linux's seq_file. A file fits in a page, cut off at
 * PROCFS_BUF_SIZE - 1 bytes, except for the three that are generated
 * again while being read: cmdline and environ (from the process's memory,
 * at each read) and maps, which is made a page of whole lines at a time, each page going on
 * from the area after the last one shown, as Linux's seq_file does.
 */
#ifndef KERNEL_FS_PROCFS_INTERNAL_H
#define KERNEL_FS_PROCFS_INTERNAL_H

#include <ostd/bytes.h>
#include <ostd/types.h>

#include "fs/io.h"
#include "fs/vfs.h"

struct kernel_task;

#define PROC_SUPER_MAGIC 0x9fa0
#define PROCFS_BUF_SIZE OSTD_PAGE_SIZE

struct procfs_buf {
	char s[PROCFS_BUF_SIZE];
	size_t len; /* always < PROCFS_BUF_SIZE: s[len] is writable */
	/* Files made in pieces (maps): the file offset of s[0], where the
	 * generator goes on (an address), and whether it has more. */
	uint64_t base;
	uint64_t next;
	bool more;
};

/*
 * Appending with ostd_snprintf: write at procfs_end() with room
 * procfs_room(), then account the return value with procfs_advance():
 *
 *	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
 *					"%d\n", x));
 */
char *procfs_end(struct procfs_buf *b);
size_t procfs_room(const struct procfs_buf *b);
void procfs_advance(struct procfs_buf *b, int n);
/* Appends raw bytes (NULs included, for cmdline). */
void procfs_append(struct procfs_buf *b, struct ostd_bytes bytes);
/* "Name:   <value> kB\n" in Linux's meminfo/status layout. */
void procfs_kb_line(struct procfs_buf *b, const char *name, uint64_t kb);

/* ---- inode numbers ---- */
/*
 * The root and the system files have small fixed numbers. Everything of
 * a process has (fd << 32 | pid << 8 | file): pids are below 2^22 and
 * fds below 2^20 (FDTABLE_MAX), so numbers never clash.
 */
enum {
	PROCFS_INO_ROOT = 1,
	PROCFS_INO_MEMINFO,
	PROCFS_INO_MOUNTS,
	PROCFS_INO_SELF,
	PROCFS_INO_UPTIME,
	PROCFS_INO_CPUINFO,
	PROCFS_INO_FILESYSTEMS,
	PROCFS_INO_LOADAVG,
	PROCFS_INO_STAT,
	PROCFS_INO_VERSION,
};

enum procfs_pid_file {
	PROCFS_PID_DIR = 0,
	PROCFS_PID_CMDLINE,
	PROCFS_PID_COMM,
	PROCFS_PID_EXE,
	PROCFS_PID_FD, /* the fd directory */
	PROCFS_PID_MAPS,
	PROCFS_PID_MOUNTS,
	PROCFS_PID_STAT,
	PROCFS_PID_STATM,
	PROCFS_PID_STATUS,
	PROCFS_PID_FD_LINK, /* fd/<n>; n is in the inode number */
	PROCFS_PID_ENVIRON,
	PROCFS_PID_CWD,
	PROCFS_PID_ROOT,
};

#define PROCFS_PID_SHIFT 8
#define PROCFS_FD_SHIFT 32
#define PROCFS_INO_FIRST_PID (1ULL << PROCFS_PID_SHIFT)

static inline uint64_t procfs_ino(int pid, enum procfs_pid_file file, int fd)
{
	uint64_t p = pid;
	uint64_t n = fd;

	return n << PROCFS_FD_SHIFT | p << PROCFS_PID_SHIFT | file;
}

static inline int procfs_ino_pid(uint64_t ino)
{
	return (ino >> PROCFS_PID_SHIFT) & 0xffffff;
}

static inline enum procfs_pid_file procfs_ino_file(uint64_t ino)
{
	return ino & (PROCFS_INO_FIRST_PID - 1);
}

static inline int procfs_ino_fd(uint64_t ino)
{
	return ino >> PROCFS_FD_SHIFT;
}

/* ---- procfs.c ---- */
/*
 * The cached inode @ino of procfs @sb, or a new one with @mode; NULL: no
 * memory. VFS lock held.
 */
struct inode *procfs_inode(struct super_block *sb, uint64_t ino,
			   uint32_t mode);
/* Regular files; procfs_file.c. */
extern const struct file_ops procfs_file_fops;

/* ---- procfs_fd.c: /proc/<pid>/fd, exe and fd/<n>; VFS lock held ---- */
int procfs_fd_lookup(struct inode *dir, struct ostd_bytes name,
		     struct inode **out);
void procfs_fd_iterate(struct inode *dir, uint64_t pos, struct dir_emit *d);
/* The target of exe, cwd, root or fd/<n> (a view valid while the lock
 * is held). */
int procfs_link_target(struct inode *link, struct ostd_bytes *out);

/* ---- procfs_path.c ---- */
/*
 * The name Linux's d_path() gives the open file @f, as /proc shows it:
 * its absolute path (from the caller's root), with " (deleted)" once it
 * is unlinked, or "pipe:[<ino>]" for a pipe. Written right-aligned into
 * @kb, ending at its last byte, without a NUL: returns where it starts.
 * VFS lock held.
 */
size_t procfs_file_name(const struct file *f, struct vfs_kbuf *kb);
/* The same for the directory at @p (cwd, root). VFS lock held. */
size_t procfs_path_name(const struct path *p, struct vfs_kbuf *kb);

/* ---- procfs_maps.c ---- */
/*
 * The next piece of /proc/<pid>/maps into @b (emptied first): whole
 * lines for the areas that end above b->next, as many as fit; sets
 * b->next and b->more. -ESRCH if the process is gone. Takes the VFS lock.
 */
int procfs_gen_maps(int pid, struct procfs_buf *b);

/* ---- procfs_sys.c: files about the whole system ---- */
void procfs_gen_meminfo(struct procfs_buf *b);
void procfs_gen_uptime(struct procfs_buf *b);
/* Takes the VFS lock itself: call without it. */
void procfs_gen_mounts(struct procfs_buf *b);

/* ---- procfs_info.c: more system files; take what locks they need ---- */
void procfs_gen_loadavg(struct procfs_buf *b);
void procfs_gen_stat(struct procfs_buf *b);
void procfs_gen_version(struct procfs_buf *b);
void procfs_gen_filesystems(struct procfs_buf *b);
void procfs_gen_cpuinfo(struct procfs_buf *b);

/* ---- procfs_pid.c: files about one process ---- */
/*
 * Whether process @pid exists (zombies included), and its effective ids
 * (the owner of its /proc directory). Takes the process table lock:
 * order VFS lock -> process table lock.
 */
bool procfs_pid_owner(int pid, uint32_t *uid, uint32_t *gid);
/*
 * Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS), which guards
 * maps, exe and fd/<n>: the caller is @pid itself, has fsuid 0 (root's
 * CAP_SYS_PTRACE), or its fsuid and fsgid are @pid's real, effective and
 * saved ids. Process table lock held.
 */
bool procfs_may_access_locked(const struct kernel_task *t);
/* The smallest pid > @after that exists, or 0. */
int procfs_next_pid(int after);
/* CPU time used by every process there is, and by the reaped ones. */
uint64_t procfs_cpu_ns(void);
/* The pid of the calling process, or 0 from a kernel context. */
int procfs_self_pid(void);
/* Generates @file of @pid; -ESRCH if the process is gone. */
int procfs_gen_pid(int pid, enum procfs_pid_file file, struct procfs_buf *b);
/*
 * /proc/<pid>/cmdline from byte @pos on (at most a buffer's worth), read
 * from the process's memory now: every read calls it. -ESRCH if gone.
 */
int procfs_gen_cmdline(int pid, uint64_t pos, struct procfs_buf *b);
/*
 * /proc/<pid>/environ from byte @pos on, like cmdline (read at every
 * read), between env_start and env_end. -ESRCH if gone, -EACCES without
 * ptrace access (procfs_may_access_locked()).
 */
int procfs_gen_environ(int pid, uint64_t pos, struct procfs_buf *b);

#endif
