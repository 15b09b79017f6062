/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/lib/start.S - the process entry point.
 *
 * The kernel starts us Linux-style: sp points at argc, followed by argv[],
 * envp[] and auxv. Hand that pointer to C and never come back.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	mv	a0, sp
	/* Terminate frame-pointer backtraces here. */
	li	fp, 0
	li	ra, 0
	call	ulib_start
1:	j	1b
