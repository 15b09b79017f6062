/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/procfs_internal.h - shared between the procfs files: the text
 * buffer files are generated into, and the generators.
 *
 * A procfs file's contents are generated once, when it is opened, into a
 * struct procfs_buf that the open file keeps (file->procfs); reads copy
 * from it, so one open file reads a consistent snapshot however small the
 * reads, like Linux's seq_file. Every file here fits in a page; text that
 * does not is cut off at PROCFS_BUF_SIZE - 1 bytes.
 */
#ifndef KERNEL_FS_PROCFS_INTERNAL_H
#define KERNEL_FS_PROCFS_INTERNAL_H

#include <ostd/bytes.h>
#include <ostd/types.h>

#include "fs/vfs.h"

#define PROC_SUPER_MAGIC 0x9fa0
#define PROCFS_BUF_SIZE OSTD_PAGE_SIZE

struct procfs_buf {
	char s[PROCFS_BUF_SIZE];
	size_t len; /* always < PROCFS_BUF_SIZE: s[len] is writable */
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

/* Per-process files, in /proc/<pid>/. */
enum procfs_pid_file {
	PROCFS_PID_DIR = 0,
	PROCFS_PID_CMDLINE,
	PROCFS_PID_COMM,
	PROCFS_PID_MOUNTS,
	PROCFS_PID_STAT,
	PROCFS_PID_STATUS,
};

/* ---- procfs_sys.c: files about the whole system ---- */
void procfs_gen_meminfo(struct procfs_buf *b);
void procfs_gen_uptime(struct procfs_buf *b);
/* Takes the VFS lock itself: call without it. */
void procfs_gen_mounts(struct procfs_buf *b);

/* ---- procfs_pid.c: files about one process ---- */
/*
 * Whether process @pid exists (zombies included), and its effective ids
 * (the owner of its /proc directory). Takes the process table lock:
 * order VFS lock -> process table lock.
 */
bool procfs_pid_owner(int pid, uint32_t *uid, uint32_t *gid);
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

#endif
