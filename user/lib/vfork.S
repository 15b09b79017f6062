/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/lib/vfork.S - vfork() as musl does it on riscv64: one clone(2)
 * with CLONE_VM | CLONE_VFORK | SIGCHLD and the caller's own sp.
 *
 * The child runs on the parent's stack until it execs or exits, so this
 * must not have a stack frame: a C wrapper's frame would be popped by
 * the child's return and then reused by the parent.
 */
	.text
	.globl vfork
	.type vfork, @function
vfork:
	li	a0, 0x4111	/* CLONE_VM | CLONE_VFORK | SIGCHLD */
	mv	a1, sp
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a7, 220		/* SYS_clone */
	ecall
	ret
	.size vfork, . - vfork
