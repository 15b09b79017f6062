/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/probe.S - single accesses that may fault, for
 * ostd_kspace_probe() (probe.c).
 *
 * Each probe stores a recovery pc in percpu->probe_recover (tp = percpu)
 * around exactly one access. If the access faults, ostd_trap_kernel()
 * resumes at that pc with every register as it was at the fault, and the
 * probe returns -EFAULT (-14) instead of panicking.
 * Precondition for all: interrupts off (so no other trap sees the slot).
 */
#include "arch/riscv/cpu_arch.h"

#define EFAULT 14

	.section .text
	.balign 4

/* int ostd_probe_load(uint64_t addr): reads one byte. */
	.globl ostd_probe_load
ostd_probe_load:
	lla	t0, .Lload_fault
	sd	t0, OSTD_PC_PROBE_RECOVER(tp)
	lb	t1, 0(a0)
	sd	zero, OSTD_PC_PROBE_RECOVER(tp)
	li	a0, 0
	ret
.Lload_fault:
	li	a0, -EFAULT
	ret

/* int ostd_probe_store(uint64_t addr): reads one byte and writes it back. */
	.globl ostd_probe_store
ostd_probe_store:
	lla	t0, .Lstore_fault
	sd	t0, OSTD_PC_PROBE_RECOVER(tp)
	lb	t1, 0(a0)
	sb	t1, 0(a0)
	sd	zero, OSTD_PC_PROBE_RECOVER(tp)
	li	a0, 0
	ret
.Lstore_fault:
	li	a0, -EFAULT
	ret

/*
 * int ostd_probe_exec(uint64_t addr): calls addr, which must hold a bare
 * `ret`. On a fetch fault sp still points at our frame, so the recovery
 * path can pop it.
 */
	.globl ostd_probe_exec
ostd_probe_exec:
	addi	sp, sp, -16
	sd	ra, 8(sp)
	sd	s0, 0(sp)
	addi	s0, sp, 16
	lla	t0, .Lexec_fault
	sd	t0, OSTD_PC_PROBE_RECOVER(tp)
	jalr	a0
	sd	zero, OSTD_PC_PROBE_RECOVER(tp)
	li	a0, 0
	j	1f
.Lexec_fault:
	li	a0, -EFAULT
1:	ld	ra, 8(sp)
	ld	s0, 0(sp)
	addi	sp, sp, 16
	ret

/* void ostd_probe_text_ret(void): the EXEC target inside .text. */
	.globl ostd_probe_text_ret
ostd_probe_text_ret:
	ret
