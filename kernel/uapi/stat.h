/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/stat.h - file type and permission bits, struct stat as
 * riscv64 lays it out (include/uapi/asm-generic/stat.h, 128 bytes), the
 * timespec of utimensat(2), and the UTIME_* markers.
 */
#ifndef KERNEL_UAPI_STAT_H
#define KERNEL_UAPI_STAT_H

#include <stdint.h>

/* File types: the top four bits of st_mode. */
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define S_IFLNK 0120000
#define S_IFREG 0100000
#define S_IFBLK 0060000
#define S_IFDIR 0040000
#define S_IFCHR 0020000
#define S_IFIFO 0010000

/* Permission and mode bits. */
#define S_ISUID 0004000
#define S_ISGID 0002000
#define S_ISVTX 0001000
#define S_IRWXU 00700
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRWXG 00070
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IXGRP 00010
#define S_IRWXO 00007
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IXOTH 00001
#define S_IALLUGO 0007777 /* every bit chmod(2) may change */

/* struct timespec on riscv64: both fields 64-bit. */
struct linux_timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

/* utimensat(2) tv_nsec markers. */
#define UTIME_NOW ((1L << 30) - 1L)
#define UTIME_OMIT ((1L << 30) - 2L)

/* struct stat from include/uapi/asm-generic/stat.h (64-bit longs). */
struct linux_stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t pad2;
	int64_t st_blocks; /* in 512-byte units */
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t unused4;
	uint32_t unused5;
};

_Static_assert(sizeof(struct linux_stat) == 128, "riscv64 struct stat");

#endif
