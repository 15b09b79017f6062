/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/statfs.h - struct statfs as riscv64 lays it out
 * (include/uapi/asm-generic/statfs.h with 64-bit words, 120 bytes) and
 * the file system magic numbers racho reports.
 */
#ifndef KERNEL_UAPI_STATFS_H
#define KERNEL_UAPI_STATFS_H

#include <stdint.h>

#define TMPFS_MAGIC 0x01021994

/* f_flags bits (ST_* from include/linux/statfs.h). */
#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002
#define ST_NODEV 0x0004
#define ST_NOEXEC 0x0008
#define ST_SYNCHRONOUS 0x0010
#define ST_VALID 0x0020 /* f_flags is filled in */
#define ST_NOATIME 0x0400
#define ST_NODIRATIME 0x0800
#define ST_RELATIME 0x1000

struct linux_statfs {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};

_Static_assert(sizeof(struct linux_statfs) == 120, "riscv64 struct statfs");

#endif
