/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/dirent.h - the record getdents64(2) writes.
 *
 * struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type;
 * char d_name[]; } has a variable-length tail, so the kernel builds records
 * byte by byte at these offsets instead of declaring the struct. d_reclen
 * is rounded up to 8 so the next record stays aligned.
 */
#ifndef KERNEL_UAPI_DIRENT_H
#define KERNEL_UAPI_DIRENT_H

#define DIRENT64_INO_OFF 0
#define DIRENT64_OFF_OFF 8
#define DIRENT64_RECLEN_OFF 16
#define DIRENT64_TYPE_OFF 18
#define DIRENT64_NAME_OFF 19

/* d_type values: the S_IFMT bits shifted right by 12. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12

#endif
