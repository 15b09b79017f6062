/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fault.h - what happens when user code faults.
 */
#ifndef KERNEL_FAULT_H
#define KERNEL_FAULT_H

#include <ostd/user.h>

#include "task.h"

/* Linux signal numbers (asm-generic/signal.h) used for fatal faults. */
#define SIGILL 4
#define SIGTRAP 5
#define SIGBUS 7
#define SIGKILL 9
#define SIGSEGV 11
#define SIGCHLD 17 /* a child exited: the usual exit_signal */

/*
 * Handles a fault exit of @t (page fault, illegal instruction, misaligned
 * access, breakpoint). Page faults are first offered to mm_handle_fault()
 * (demand paging, copy-on-write, stack growth). Any other fault raises
 * the signal Linux would send: with a handler installed and not blocked
 * it is left pending for signal_deliver(); otherwise it logs one line and
 * kills the process (SIGKILL when memory ran out, like the OOM killer).
 * Returns only if the fault was resolved or a handler will run.
 */
void fault_handle(struct kernel_task *t, const struct ostd_exit_info *info);

#endif
