/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/exec.h - loading an ELF executable into a fresh address space.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <ostd/bytes.h>
#include <ostd/user.h>
#include <ostd/vm.h>

/*
 * The user stack ends at USER_STACK_TOP and grows down on demand (see
 * mm_setup_stack()). Executables must end below USER_STACK_GUARD, which
 * leaves the stack 128 MiB of room plus the guard gap, like Linux's
 * default mmap_base.
 */
#define USER_STACK_TOP 0x3fffff0000ULL
#define USER_STACK_GUARD (USER_STACK_TOP - (129ULL << 20))

struct mm;

/*
 * Maps the executable @image into the empty space @mm, builds the initial
 * stack (argc = 0, empty argv and envp, a minimal auxv, as Linux lays it
 * out), sets the heap base and points @ctx at the entry point. Returns 0,
 * -ENOEXEC for a malformed image, or -ENOMEM; on failure the caller
 * destroys @mm.
 */
int exec_load(struct mm *mm, struct ostd_bytes image,
	      struct ostd_user_ctx *ctx);

#endif
