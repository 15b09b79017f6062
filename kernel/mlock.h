/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/mlock.h - the memory-lock policy (sys_mlock.c) that the other
 * memory system calls apply when they create or grow an area that will
 * be locked: MAP_LOCKED, anything after mlockall(MCL_FUTURE), mremap of
 * a locked area. These are Linux's can_do_mlock() and
 * mlock_future_check(): CAP_IPC_LOCK (an effective uid of 0) is exempt,
 * everybody else is held to RLIMIT_MEMLOCK.
 */
#ifndef KERNEL_MLOCK_H
#define KERNEL_MLOCK_H

#include <ostd/types.h>

#include "task.h"

/*
 * mmap() of @len bytes (page-aligned): -EPERM for @map_locked
 * (MAP_LOCKED) if the task may not lock at all, -EAGAIN if the new area
 * will be locked and does not fit RLIMIT_MEMLOCK; otherwise 0.
 */
int mlock_check_mmap(const struct kernel_task *t, bool map_locked,
		     uint64_t len);
/*
 * brk(@brk): whether Linux refuses it (brk returns the old break)
 * because the heap it adds would be locked (mlockall(MCL_FUTURE)) beyond
 * RLIMIT_MEMLOCK.
 */
bool mlock_refuses_brk(struct kernel_task *t, uint64_t brk);
/*
 * mremap() growing [old, old+old_len) to @new_len bytes: -EAGAIN if the
 * area is locked and the growth does not fit RLIMIT_MEMLOCK; otherwise 0.
 */
int mlock_check_mremap(const struct kernel_task *t, uint64_t old,
		       uint64_t old_len, uint64_t new_len);

#endif
