/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/init.h - booting user space like Linux: the initramfs, /dev and
 * /proc, and pid 1.
 */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

#include <ostd/types.h>

struct kernel_task;

/*
 * Registers the device drivers and file systems of /dev and /proc, and,
 * if the boot loader gave an initrd (QEMU's -initrd), boots from it the
 * way Linux does (see init.c): unpacks it into the root tmpfs, mounts
 * devtmpfs on /dev and proc on /proc, and makes rdinit= (default /init)
 * pid 1, with /dev/console as fds 0-2 and argv/envp from the command
 * line. Everything that goes wrong on the way panics with a message
 * saying what and why: an empty or a corrupt or compressed archive, no
 * program that runs as init.
 *
 * Returns true when init is ready to run, false when there is no initrd
 * at all (the caller then runs the built-in demo). Once, at boot, after
 * files_boot_init() and before the scheduler starts.
 */
bool init_boot(void);

/*
 * Called by task_exit() for every exiting process: if @t is init, this
 * is Linux's "Attempted to kill init!" panic with the wait status.
 */
void init_check_exit(const struct kernel_task *t, int status);

#endif
