/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/exec.h - loading an ELF executable into a fresh address space.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <ostd/bytes.h>
#include <ostd/user.h>
#include <ostd/vm.h>

/* The initial user stack: USER_STACK_PAGES pages ending at USER_STACK_TOP,
 * with one unmapped guard page below them that no segment may use. */
#define USER_STACK_TOP 0x3fffff0000ULL
#define USER_STACK_PAGES 8
#define USER_STACK_BOTTOM (USER_STACK_TOP - USER_STACK_PAGES * OSTD_PAGE_SIZE)
#define USER_STACK_GUARD (USER_STACK_BOTTOM - OSTD_PAGE_SIZE)

/*
 * Maps the executable @image into the empty space @vs, builds the initial
 * stack (argc = 0, empty argv and envp, a minimal auxv, as Linux lays it
 * out) and points @ctx at the entry point. Returns 0, -ENOEXEC for a
 * malformed image, or -ENOMEM; on failure the caller destroys @vs.
 */
int exec_load(struct ostd_vmspace *vs, struct ostd_bytes image,
	      struct ostd_user_ctx *ctx);

#endif
