/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/trap.S - the one trap vector, user entry, FP save/restore.
 *
 * sscratch tells the vector where the trap came from:
 *   - 0 while the hart runs in S-mode,
 *   - the percpu pointer while it runs in U-mode (tp then holds the
 *     user's tp, which the vector swaps into sscratch).
 *
 * From U-mode the registers go straight into the ostd_user_ctx being run
 * (percpu->user_ctx), and the vector then "returns" from ostd_user_enter()
 * on the kernel stack saved in percpu->kernel_sp: user execution looks
 * like an ordinary function call to trap.c.
 *
 * From S-mode every register goes into a struct ostd_kframe and
 * ostd_trap_kernel() handles it. Interrupts (taken only in the idle loop)
 * use the current stack. Exceptions (a kernel bug, or a probe that is
 * expected to fault) always switch to this hart's exception stack
 * (percpu->trap_stack_top): a kernel-stack overflow faults on the guard
 * page, and pushing a frame onto that same sp would fault again forever;
 * on the separate stack the handler can still report it.
 */
#include "arch/riscv/cpu_arch.h"

	.section .text
	.balign 4
	.globl ostd_trap_vector
ostd_trap_vector:
	csrrw	tp, sscratch, tp
	bnez	tp, .Lfrom_user

	/* From S-mode: undo the swap (tp = percpu, sscratch = 0 again). */
	csrrw	tp, sscratch, tp
	sd	t0, OSTD_PC_SCRATCH(tp)
	/* Its sret leaves SPP = U, SPIE = 1, but a switch before it would
	 * not: the next user entry checks sstatus (see ostd_user_enter). */
	li	t0, 1
	sd	t0, OSTD_PC_SSTATUS_UNSURE(tp)
	csrr	t0, scause
	bltz	t0, .Lk_irq
	mv	t0, sp
	ld	sp, OSTD_PC_TRAP_STACK(tp)
	j	.Lk_frame
.Lk_irq:
	mv	t0, sp
.Lk_frame:
	addi	sp, sp, -OSTD_KF_SIZE
	sd	t0, 2*8(sp)
	ld	t0, OSTD_PC_SCRATCH(tp)
	sd	x1, 1*8(sp)
	sd	x3, 3*8(sp)
	sd	x4, 4*8(sp)
	sd	x5, 5*8(sp)
	sd	x6, 6*8(sp)
	sd	x7, 7*8(sp)
	sd	x8, 8*8(sp)
	sd	x9, 9*8(sp)
	sd	x10, 10*8(sp)
	sd	x11, 11*8(sp)
	sd	x12, 12*8(sp)
	sd	x13, 13*8(sp)
	sd	x14, 14*8(sp)
	sd	x15, 15*8(sp)
	sd	x16, 16*8(sp)
	sd	x17, 17*8(sp)
	sd	x18, 18*8(sp)
	sd	x19, 19*8(sp)
	sd	x20, 20*8(sp)
	sd	x21, 21*8(sp)
	sd	x22, 22*8(sp)
	sd	x23, 23*8(sp)
	sd	x24, 24*8(sp)
	sd	x25, 25*8(sp)
	sd	x26, 26*8(sp)
	sd	x27, 27*8(sp)
	sd	x28, 28*8(sp)
	sd	x29, 29*8(sp)
	sd	x30, 30*8(sp)
	sd	x31, 31*8(sp)
	csrr	t0, sepc
	sd	t0, OSTD_KF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, OSTD_KF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, OSTD_KF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, OSTD_KF_STVAL(sp)

	mv	a0, sp
	call	ostd_trap_kernel

	/* The handler may have moved sepc (probe recovery). */
	ld	t0, OSTD_KF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, OSTD_KF_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	ld	x4, 4*8(sp)
	ld	x5, 5*8(sp)
	ld	x6, 6*8(sp)
	ld	x7, 7*8(sp)
	ld	x8, 8*8(sp)
	ld	x9, 9*8(sp)
	ld	x10, 10*8(sp)
	ld	x11, 11*8(sp)
	ld	x12, 12*8(sp)
	ld	x13, 13*8(sp)
	ld	x14, 14*8(sp)
	ld	x15, 15*8(sp)
	ld	x16, 16*8(sp)
	ld	x17, 17*8(sp)
	ld	x18, 18*8(sp)
	ld	x19, 19*8(sp)
	ld	x20, 20*8(sp)
	ld	x21, 21*8(sp)
	ld	x22, 22*8(sp)
	ld	x23, 23*8(sp)
	ld	x24, 24*8(sp)
	ld	x25, 25*8(sp)
	ld	x26, 26*8(sp)
	ld	x27, 27*8(sp)
	ld	x28, 28*8(sp)
	ld	x29, 29*8(sp)
	ld	x30, 30*8(sp)
	ld	x31, 31*8(sp)
	ld	x2, 2*8(sp)
	sret

/*
 * From U-mode: tp = percpu, sscratch = user tp. Save into the context,
 * then resume ostd_user_enter()'s caller on the kernel stack.
 */
.Lfrom_user:
	sd	t0, OSTD_PC_SCRATCH(tp)
	ld	t0, OSTD_PC_USER_CTX(tp)
	sd	x1, 1*8(t0)
	sd	x2, 2*8(t0)
	sd	x3, 3*8(t0)
	sd	x6, 6*8(t0)
	sd	x7, 7*8(t0)
	sd	x8, 8*8(t0)
	sd	x9, 9*8(t0)
	sd	x10, 10*8(t0)
	sd	x11, 11*8(t0)
	sd	x12, 12*8(t0)
	sd	x13, 13*8(t0)
	sd	x14, 14*8(t0)
	sd	x15, 15*8(t0)
	sd	x16, 16*8(t0)
	sd	x17, 17*8(t0)
	sd	x18, 18*8(t0)
	sd	x19, 19*8(t0)
	sd	x20, 20*8(t0)
	sd	x21, 21*8(t0)
	sd	x22, 22*8(t0)
	sd	x23, 23*8(t0)
	sd	x24, 24*8(t0)
	sd	x25, 25*8(t0)
	sd	x26, 26*8(t0)
	sd	x27, 27*8(t0)
	sd	x28, 28*8(t0)
	sd	x29, 29*8(t0)
	sd	x30, 30*8(t0)
	sd	x31, 31*8(t0)
	ld	t1, OSTD_PC_SCRATCH(tp)
	sd	t1, 5*8(t0)		/* user t0 */
	csrrw	t1, sscratch, zero	/* user tp; back in S-mode */
	sd	t1, 4*8(t0)
	csrr	t1, sepc
	sd	t1, OSTD_UCTX_PC(t0)

	/* Pop the frame ostd_user_enter() pushed and return from it. */
	ld	sp, OSTD_PC_KERNEL_SP(tp)
	ld	ra, 0*8(sp)
	ld	s0, 1*8(sp)
	ld	s1, 2*8(sp)
	ld	s2, 3*8(sp)
	ld	s3, 4*8(sp)
	ld	s4, 5*8(sp)
	ld	s5, 6*8(sp)
	ld	s6, 7*8(sp)
	ld	s7, 8*8(sp)
	ld	s8, 9*8(sp)
	ld	s9, 10*8(sp)
	ld	s10, 11*8(sp)
	ld	s11, 12*8(sp)
	addi	sp, sp, OSTD_UENTER_FRAME
	ret

/*
 * void ostd_user_enter(struct ostd_user_ctx *ctx)
 * Precondition: interrupts off, tp = percpu, percpu->user_ctx == ctx.
 * sret with SPP = U and SPIE = 1, so U-mode runs with interrupts on (a
 * pending timer interrupt is taken right away, which is intended).
 */
	.globl ostd_user_enter
ostd_user_enter:
	addi	sp, sp, -OSTD_UENTER_FRAME
	sd	ra, 0*8(sp)
	sd	s0, 1*8(sp)
	sd	s1, 2*8(sp)
	sd	s2, 3*8(sp)
	sd	s3, 4*8(sp)
	sd	s4, 5*8(sp)
	sd	s5, 6*8(sp)
	sd	s6, 7*8(sp)
	sd	s7, 8*8(sp)
	sd	s8, 9*8(sp)
	sd	s9, 10*8(sp)
	sd	s10, 11*8(sp)
	sd	s11, 12*8(sp)
	sd	sp, OSTD_PC_KERNEL_SP(tp)

	/*
	 * sret needs SPP = U and SPIE = 1, and interrupts must be off here
	 * (ostd_user_enter_irq_on() panics). A trap from U-mode (U runs with
	 * SIE on) leaves exactly that, and so does the sret of an S-mode
	 * trap; only boot, an S-mode trap that has not returned yet, and
	 * ostd_irq_restore() turning SIE on can leave anything else, and
	 * each sets percpu->sstatus_unsure. So the common entry touches no
	 * sstatus at all: every CSR access ends a translation block under
	 * QEMU and costs about as much as 30 ordinary instructions.
	 */
	ld	t0, OSTD_PC_SSTATUS_UNSURE(tp)
	bnez	t0, .Lcheck_sstatus
.Lsstatus_ok:
	ld	t0, OSTD_UCTX_PC(a0)
	csrw	sepc, t0

	ld	x1, 1*8(a0)
	ld	x2, 2*8(a0)
	ld	x3, 3*8(a0)
	ld	x5, 5*8(a0)
	ld	x6, 6*8(a0)
	ld	x7, 7*8(a0)
	ld	x8, 8*8(a0)
	ld	x9, 9*8(a0)
	ld	x11, 11*8(a0)
	ld	x12, 12*8(a0)
	ld	x13, 13*8(a0)
	ld	x14, 14*8(a0)
	ld	x15, 15*8(a0)
	ld	x16, 16*8(a0)
	ld	x17, 17*8(a0)
	ld	x18, 18*8(a0)
	ld	x19, 19*8(a0)
	ld	x20, 20*8(a0)
	ld	x21, 21*8(a0)
	ld	x22, 22*8(a0)
	ld	x23, 23*8(a0)
	ld	x24, 24*8(a0)
	ld	x25, 25*8(a0)
	ld	x26, 26*8(a0)
	ld	x27, 27*8(a0)
	ld	x28, 28*8(a0)
	ld	x29, 29*8(a0)
	ld	x30, 30*8(a0)
	ld	x31, 31*8(a0)
	/*
	 * sscratch marks "in U-mode" only now, so that a bad ctx pointer
	 * faults above as an ordinary kernel trap.
	 */
	csrw	sscratch, tp
	ld	x4, 4*8(a0)
	ld	x10, 10*8(a0)
	sret
.Lcheck_sstatus:
	sd	zero, OSTD_PC_SSTATUS_UNSURE(tp)
	csrr	t0, sstatus
	andi	t1, t0, OSTD_SSTATUS_SIE_BIT
	bnez	t1, .Lirq_on
	andi	t0, t0, OSTD_SSTATUS_SPP | OSTD_SSTATUS_SPIE
	li	t1, OSTD_SSTATUS_SPIE
	beq	t0, t1, .Lsstatus_ok
	li	t0, OSTD_SSTATUS_SPP
	csrc	sstatus, t0
	csrs	sstatus, t1
	j	.Lsstatus_ok
.Lirq_on:
	call	ostd_user_enter_irq_on	/* does not return */

/* void ostd_fp_save(struct ostd_user_ctx *ctx) */
	.globl ostd_fp_save
ostd_fp_save:
	fsd	f0, OSTD_UCTX_FREGS + 0*8(a0)
	fsd	f1, OSTD_UCTX_FREGS + 1*8(a0)
	fsd	f2, OSTD_UCTX_FREGS + 2*8(a0)
	fsd	f3, OSTD_UCTX_FREGS + 3*8(a0)
	fsd	f4, OSTD_UCTX_FREGS + 4*8(a0)
	fsd	f5, OSTD_UCTX_FREGS + 5*8(a0)
	fsd	f6, OSTD_UCTX_FREGS + 6*8(a0)
	fsd	f7, OSTD_UCTX_FREGS + 7*8(a0)
	fsd	f8, OSTD_UCTX_FREGS + 8*8(a0)
	fsd	f9, OSTD_UCTX_FREGS + 9*8(a0)
	fsd	f10, OSTD_UCTX_FREGS + 10*8(a0)
	fsd	f11, OSTD_UCTX_FREGS + 11*8(a0)
	fsd	f12, OSTD_UCTX_FREGS + 12*8(a0)
	fsd	f13, OSTD_UCTX_FREGS + 13*8(a0)
	fsd	f14, OSTD_UCTX_FREGS + 14*8(a0)
	fsd	f15, OSTD_UCTX_FREGS + 15*8(a0)
	fsd	f16, OSTD_UCTX_FREGS + 16*8(a0)
	fsd	f17, OSTD_UCTX_FREGS + 17*8(a0)
	fsd	f18, OSTD_UCTX_FREGS + 18*8(a0)
	fsd	f19, OSTD_UCTX_FREGS + 19*8(a0)
	fsd	f20, OSTD_UCTX_FREGS + 20*8(a0)
	fsd	f21, OSTD_UCTX_FREGS + 21*8(a0)
	fsd	f22, OSTD_UCTX_FREGS + 22*8(a0)
	fsd	f23, OSTD_UCTX_FREGS + 23*8(a0)
	fsd	f24, OSTD_UCTX_FREGS + 24*8(a0)
	fsd	f25, OSTD_UCTX_FREGS + 25*8(a0)
	fsd	f26, OSTD_UCTX_FREGS + 26*8(a0)
	fsd	f27, OSTD_UCTX_FREGS + 27*8(a0)
	fsd	f28, OSTD_UCTX_FREGS + 28*8(a0)
	fsd	f29, OSTD_UCTX_FREGS + 29*8(a0)
	fsd	f30, OSTD_UCTX_FREGS + 30*8(a0)
	fsd	f31, OSTD_UCTX_FREGS + 31*8(a0)
	frcsr	t0
	sd	t0, OSTD_UCTX_FCSR(a0)
	ret

/* void ostd_fp_restore(const struct ostd_user_ctx *ctx) */
	.globl ostd_fp_restore
ostd_fp_restore:
	fld	f0, OSTD_UCTX_FREGS + 0*8(a0)
	fld	f1, OSTD_UCTX_FREGS + 1*8(a0)
	fld	f2, OSTD_UCTX_FREGS + 2*8(a0)
	fld	f3, OSTD_UCTX_FREGS + 3*8(a0)
	fld	f4, OSTD_UCTX_FREGS + 4*8(a0)
	fld	f5, OSTD_UCTX_FREGS + 5*8(a0)
	fld	f6, OSTD_UCTX_FREGS + 6*8(a0)
	fld	f7, OSTD_UCTX_FREGS + 7*8(a0)
	fld	f8, OSTD_UCTX_FREGS + 8*8(a0)
	fld	f9, OSTD_UCTX_FREGS + 9*8(a0)
	fld	f10, OSTD_UCTX_FREGS + 10*8(a0)
	fld	f11, OSTD_UCTX_FREGS + 11*8(a0)
	fld	f12, OSTD_UCTX_FREGS + 12*8(a0)
	fld	f13, OSTD_UCTX_FREGS + 13*8(a0)
	fld	f14, OSTD_UCTX_FREGS + 14*8(a0)
	fld	f15, OSTD_UCTX_FREGS + 15*8(a0)
	fld	f16, OSTD_UCTX_FREGS + 16*8(a0)
	fld	f17, OSTD_UCTX_FREGS + 17*8(a0)
	fld	f18, OSTD_UCTX_FREGS + 18*8(a0)
	fld	f19, OSTD_UCTX_FREGS + 19*8(a0)
	fld	f20, OSTD_UCTX_FREGS + 20*8(a0)
	fld	f21, OSTD_UCTX_FREGS + 21*8(a0)
	fld	f22, OSTD_UCTX_FREGS + 22*8(a0)
	fld	f23, OSTD_UCTX_FREGS + 23*8(a0)
	fld	f24, OSTD_UCTX_FREGS + 24*8(a0)
	fld	f25, OSTD_UCTX_FREGS + 25*8(a0)
	fld	f26, OSTD_UCTX_FREGS + 26*8(a0)
	fld	f27, OSTD_UCTX_FREGS + 27*8(a0)
	fld	f28, OSTD_UCTX_FREGS + 28*8(a0)
	fld	f29, OSTD_UCTX_FREGS + 29*8(a0)
	fld	f30, OSTD_UCTX_FREGS + 30*8(a0)
	fld	f31, OSTD_UCTX_FREGS + 31*8(a0)
	ld	t0, OSTD_UCTX_FCSR(a0)
	fscsr	t0
	ret
