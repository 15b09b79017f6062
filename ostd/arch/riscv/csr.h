/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/csr.h - tiny inline-asm helpers: CSR access, TLB fences,
 * satp encoding. The only place (with the .S files) that names RISC-V CSRs
 * for the mm half of ostd.
 */
#ifndef OSTD_ARCH_RISCV_CSR_H
#define OSTD_ARCH_RISCV_CSR_H

#include <stdint.h>

/* SAFETY: the CSR name is a compile-time constant; reading has no effect. */
#define ostd_csr_read(csr)                                              \
	({                                                              \
		uint64_t __v;                                           \
		__asm__ volatile("csrr %0, " #csr : "=r"(__v)::"memory"); \
		__v;                                                    \
	})

/* SAFETY: callers own the architectural effect of the CSR they write. */
#define ostd_csr_write(csr, val)                                        \
	__asm__ volatile("csrw " #csr ", %0" ::"rK"((uint64_t)(val)) : "memory")

#define ostd_csr_set(csr, bits)                                         \
	__asm__ volatile("csrs " #csr ", %0" ::"rK"((uint64_t)(bits)) : "memory")

#define ostd_csr_clear(csr, bits)                                       \
	__asm__ volatile("csrc " #csr ", %0" ::"rK"((uint64_t)(bits)) : "memory")

#define OSTD_SSTATUS_SIE (1UL << 1)

/* satp: MODE[63:60] = 8 (SV39), ASID[59:44], PPN[43:0]. */
#define OSTD_SATP_SV39 (8UL << 60)
#define OSTD_SATP_ASID_SHIFT 44
#define OSTD_SATP_ASID_MASK 0xffffUL

static inline uint64_t ostd_satp_make(uint64_t root_pa, uint16_t asid)
{
	return OSTD_SATP_SV39 | ((uint64_t)asid << OSTD_SATP_ASID_SHIFT) |
	       (root_pa >> 12);
}

static inline void ostd_satp_write(uint64_t satp)
{
	/* SAFETY: callers pass a satp whose root maps the running kernel. */
	__asm__ volatile("csrw satp, %0" ::"r"(satp) : "memory");
}

static inline uint64_t ostd_satp_read(void)
{
	return ostd_csr_read(satp);
}

/* Flush every TLB entry of this hart (all spaces, global ones too). */
static inline void ostd_sfence_all(void)
{
	/* SAFETY: a fence only drops cached translations. */
	__asm__ volatile("sfence.vma" ::: "memory");
}

/* Flush this hart's entries for @va in every address space (incl. global). */
static inline void ostd_sfence_va(uint64_t va)
{
	/* SAFETY: a fence only drops cached translations. */
	__asm__ volatile("sfence.vma %0, zero" ::"r"(va) : "memory");
}

/* Flush this hart's non-global entries for @va in space @asid. */
static inline void ostd_sfence_va_asid(uint64_t va, uint64_t asid)
{
	/* SAFETY: a fence only drops cached translations. */
	__asm__ volatile("sfence.vma %0, %1" ::"r"(va), "r"(asid) : "memory");
}

/* Flush this hart's non-global entries (all levels) of space @asid. */
static inline void ostd_sfence_asid(uint64_t asid)
{
	/* SAFETY: a fence only drops cached translations. */
	__asm__ volatile("sfence.vma zero, %0" ::"r"(asid) : "memory");
}

static inline uint64_t ostd_read_fp(void)
{
	uint64_t fp;
	/* SAFETY: reads the frame-pointer register, no side effect. */
	__asm__ volatile("mv %0, s0" : "=r"(fp));
	return fp;
}

static inline void ostd_irq_off_raw(void)
{
	ostd_csr_clear(sstatus, OSTD_SSTATUS_SIE);
}

static inline void ostd_wfi(void)
{
	/* SAFETY: waits for an interrupt; harmless with them disabled. */
	__asm__ volatile("wfi" ::: "memory");
}

#endif
