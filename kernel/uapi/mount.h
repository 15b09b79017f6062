/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/mount.h - mount(2) flags (include/uapi/linux/mount.h), as
 * riscv64 user space passes them.
 */
#ifndef KERNEL_UAPI_MOUNT_H
#define KERNEL_UAPI_MOUNT_H

#define MS_RDONLY 1
#define MS_NOSUID 2
#define MS_NODEV 4
#define MS_NOEXEC 8
#define MS_SYNCHRONOUS 16
#define MS_REMOUNT 32
#define MS_MANDLOCK 64
#define MS_DIRSYNC 128
#define MS_NOSYMFOLLOW 256
#define MS_NOATIME 1024
#define MS_NODIRATIME 2048
#define MS_BIND 4096
#define MS_MOVE 8192
#define MS_REC 16384
#define MS_SILENT 32768
#define MS_RELATIME (1 << 21)
#define MS_MGC_VAL 0xC0ED0000UL
#define MS_MGC_MSK 0xffff0000UL

#endif
