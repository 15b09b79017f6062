/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/switch.S - kernel task context switch.
 *
 * A task's saved context (struct ostd_task_ctx in task.c) holds only what
 * the C calling convention asks a callee to preserve: ra, sp and s0-s11.
 * Everything else was already saved by the compiler around the call.
 */

	.section .text
	.balign 4

/*
 * void ostd_task_switch(struct ostd_task_ctx *from, struct ostd_task_ctx *to)
 * Precondition: interrupts off, ostd's scheduler lock held (task.c).
 */
	.globl ostd_task_switch
ostd_task_switch:
	sd	ra, 0*8(a0)
	sd	sp, 1*8(a0)
	sd	s0, 2*8(a0)
	sd	s1, 3*8(a0)
	sd	s2, 4*8(a0)
	sd	s3, 5*8(a0)
	sd	s4, 6*8(a0)
	sd	s5, 7*8(a0)
	sd	s6, 8*8(a0)
	sd	s7, 9*8(a0)
	sd	s8, 10*8(a0)
	sd	s9, 11*8(a0)
	sd	s10, 12*8(a0)
	sd	s11, 13*8(a0)

	ld	ra, 0*8(a1)
	ld	sp, 1*8(a1)
	ld	s0, 2*8(a1)
	ld	s1, 3*8(a1)
	ld	s2, 4*8(a1)
	ld	s3, 5*8(a1)
	ld	s4, 6*8(a1)
	ld	s5, 7*8(a1)
	ld	s6, 8*8(a1)
	ld	s7, 9*8(a1)
	ld	s8, 10*8(a1)
	ld	s9, 11*8(a1)
	ld	s10, 12*8(a1)
	ld	s11, 13*8(a1)
	ret

/*
 * The first code of a new task: task.c sets ra here, s1 = the task and
 * s0 = 0 (the end of the frame-pointer chain for backtraces).
 */
	.globl ostd_task_entry_stub
ostd_task_entry_stub:
	mv	a0, s1
	call	ostd_task_start
1:	j	1b
