/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/entry.S - the first instructions of racho.
 *
 * OpenSBI enters _start in S-mode at the load address 0x80200000 with the
 * MMU off, a0 = hart id and a1 = physical address of the device tree. Only
 * the boot hart is started (SBI HSM), so there is no lottery here.
 *
 * We switch on a boot SV39 table of 1 GiB pages, which maps
 *   - 0x80000000.. identically (so the pc stays valid across the satp write),
 *   - 0xffffffc000000000 + 16 GiB -> PA 0.. (the direct map, which holds the
 *     linked address of the image as well as the MMIO devices),
 * jump to the linked (high) address, set the boot stack, clear .bss and
 * call ostd_boot_main(hart_id, dtb_pa). pagetable.c later replaces this
 * table with one that has per-section permissions.
 */

#define PTE_VRWX_GAD	0xef	/* V R W X G A D */
#define GIGA_PTE(pa)	((((pa) >> 12) << 10) | PTE_VRWX_GAD)
#define SATP_SV39	(8 << 60)

	.section .text.entry, "ax"
	.globl _start
_start:
	/* No interrupts until the trap vector is ready. */
	csrw	sie, zero
	csrci	sstatus, 2

	/*
	 * satp = SV39 | PPN(boot root). lla is pc-relative, so it gives the PA.
	 * SAFETY: the boot table maps this code at both its PA (identity) and
	 * its link address, so the pc stays valid across the satp write.
	 */
	lla	t0, ostd_boot_pt
	srli	t0, t0, 12
	li	t1, SATP_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Jump to the linked address; the literal holds it absolutely. */
	ld	t0, .Lhigh_entry
	jr	t0

	.balign 8
.Lhigh_entry:
	.quad	.Lhigh

.Lhigh:
	/* From here on pc-relative addresses are high (direct map) ones. */
	lla	sp, _boot_stack_top
	mv	fp, zero
	mv	tp, zero
	lla	t0, ostd_early_trap_entry
	csrw	stvec, t0

	/*
	 * Clear .bss (8-byte aligned, page aligned end).
	 * SAFETY: [_sbss, _ebss) is ours (linker.ld) and mapped by the boot
	 * table; nothing lives there yet, the stack included.
	 */
	lla	t0, _sbss
	lla	t1, _ebss
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/* a0 = hart id, a1 = dtb PA: unchanged since entry. */
	call	ostd_boot_main
3:	wfi
	j	3b

/*
 * A trap before ostd_trap_init() installs the real vector: report it with
 * SBI output and power off (ostd_early_trap never returns).
 */
	.section .text
	.balign 4
	.globl ostd_early_trap_entry
ostd_early_trap_entry:
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	mv	fp, zero
	call	ostd_early_trap
4:	wfi
	j	4b

/* The boot stack: OSTD_KSTACK_SIZE, with the guard page before it (linker.ld). */
	.section .bss.boot_stack, "aw", @nobits
	.balign 4096
	.space	16384

/*
 * The boot page table. Root index = VA[38:30]: 2 covers 0x80000000;
 * 256.. cover 0xffffffc000000000.. (16 GiB of direct map).
 */
	.section .data.boot_pt, "aw"
	.balign 4096
	.globl ostd_boot_pt
ostd_boot_pt:
	.quad	0
	.quad	0
	.quad	GIGA_PTE(0x80000000)
	.fill	253, 8, 0
	.set	gpa, 0
	.rept	16
	.quad	GIGA_PTE(gpa)
	.set	gpa, gpa + 0x40000000
	.endr
	.fill	240, 8, 0
