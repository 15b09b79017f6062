/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/futex.h - futex wake-ups the kernel itself does (futex.c).
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include <ostd/types.h>

#include "task.h"

/*
 * A thread's exit with CLONE_CHILD_CLEARTID (Linux's mm_release): wakes
 * one waiter on the word at @uaddr of @t's space, private or shared (on
 * Linux both key an anonymous private page the same way).
 */
void futex_wake_exit(struct kernel_task *t, ostd_uaddr_t uaddr);

#endif
