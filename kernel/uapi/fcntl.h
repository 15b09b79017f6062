/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/fcntl.h - open flags, *at() flags, lseek whences, and the
 * renameat2, fcntl, umount2, access and close_range flags, with the values
 * riscv64 user space uses (the asm-generic set from
 * include/uapi/asm-generic/fcntl.h and include/uapi/linux/fcntl.h). Octal,
 * as in Linux, so they are easy to check against the original.
 */
#ifndef KERNEL_UAPI_FCNTL_H
#define KERNEL_UAPI_FCNTL_H

/* open(2) flags */
#define O_ACCMODE 00000003
#define O_RDONLY 00000000
#define O_WRONLY 00000001
#define O_RDWR 00000002
#define O_CREAT 00000100
#define O_EXCL 00000200
#define O_NOCTTY 00000400
#define O_TRUNC 00001000
#define O_APPEND 00002000
#define O_NONBLOCK 00004000
#define O_DSYNC 00010000
#define FASYNC 00020000
#define O_DIRECT 00040000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW 00400000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_SYNC 04010000
#define O_PATH 010000000
#define O_TMPFILE 020200000

/* The fd argument of *at() calls that means "the working directory". */
#define AT_FDCWD (-100)

/* *at() flags */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000
#define AT_EACCESS 0x200 /* faccessat only; same bit as AT_REMOVEDIR */

/* lseek(2) whences */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

/* renameat2(2) flags */
#define RENAME_NOREPLACE 0x1
#define RENAME_EXCHANGE 0x2
#define RENAME_WHITEOUT 0x4

/* fcntl(2) commands and the one fd flag */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

/* umount2(2) flags */
#define MNT_FORCE 0x1
#define MNT_DETACH 0x2
#define MNT_EXPIRE 0x4
#define UMOUNT_NOFOLLOW 0x8

/* access(2) modes (unistd.h in user space) */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

/* close_range(2) flags */
#define CLOSE_RANGE_UNSHARE 0x2
#define CLOSE_RANGE_CLOEXEC 0x4

#endif
