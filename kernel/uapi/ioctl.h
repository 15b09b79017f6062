/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/ioctl.h - the generic file ioctls every file answers
 * (include/uapi/asm-generic/ioctls.h), handled by the VFS layer itself
 * like Linux's do_vfs_ioctl(). FIONREAD's spelling matches tty/ldisc.h so
 * both headers can be included together.
 */
#ifndef KERNEL_UAPI_IOCTL_H
#define KERNEL_UAPI_IOCTL_H

#define FIONREAD 0x541BU
#define FIONBIO 0x5421U
#define FIONCLEX 0x5450U
#define FIOCLEX 0x5451U
#define FIOASYNC 0x5452U

#endif
