/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uts.h - the system's names, as uname(2) (sys_sys.c) and
 * /proc/version (fs/procfs_info.c) both report them. Why racho says
 * "Linux": see sys_sys.c.
 */
#ifndef KERNEL_UTS_H
#define KERNEL_UTS_H

#define UTS_SYSNAME "Linux"
#define UTS_NODENAME "racho"
#define UTS_RELEASE "6.1.0-racho"
#define UTS_VERSION "#1 SMP"
#define UTS_MACHINE "riscv64"
#define UTS_DOMAINNAME "(none)"

#endif
