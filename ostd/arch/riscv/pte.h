/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/pte.h - SV39 page-table entry layout and index math.
 *
 * Pure arithmetic (no asm), so tests/unit/test_pt.c compiles it natively.
 * An SV39 virtual address has three 9-bit indexes (VA[38:30], [29:21],
 * [20:12]) and must be sign-extended from bit 38. A PTE holds the
 * physical page number in bits [53:10] and the flags below.
 */
#ifndef OSTD_ARCH_RISCV_PTE_H
#define OSTD_ARCH_RISCV_PTE_H

#include <stdbool.h>
#include <stdint.h>

#include <ostd/vm.h>

typedef uint64_t ostd_pte_t;

#define OSTD_PTE_V (1UL << 0)
#define OSTD_PTE_R (1UL << 1)
#define OSTD_PTE_W (1UL << 2)
#define OSTD_PTE_X (1UL << 3)
#define OSTD_PTE_U (1UL << 4)
#define OSTD_PTE_G (1UL << 5)
#define OSTD_PTE_A (1UL << 6)
#define OSTD_PTE_D (1UL << 7)
/*
 * Software bit (RSW): a user page that keeps its frame but allows no
 * access (PROT_NONE). V is clear, so the hardware faults on it.
 */
#define OSTD_PTE_SW_NONE (1UL << 8)
#define OSTD_PTE_RWX (OSTD_PTE_R | OSTD_PTE_W | OSTD_PTE_X)

#define OSTD_PTE_PPN_SHIFT 10
#define OSTD_PTE_PPN_MASK ((1UL << 44) - 1)
#define OSTD_PT_ENTRIES 512
#define OSTD_PT_LEVELS 3
#define OSTD_VA_BITS 39

/* Index of @va in the table at @level (2 = root, 0 = leaf table). */
static inline unsigned ostd_pt_index(uint64_t va, int level)
{
	return (unsigned)((va >> (12 + 9 * level)) & 0x1ff);
}

/* Bytes mapped by one leaf at @level: 4 KiB, 2 MiB, 1 GiB. */
static inline uint64_t ostd_pt_level_size(int level)
{
	return 1UL << (12 + 9 * level);
}

/* True if @va is a canonical SV39 address (bits 63..38 all equal). */
static inline bool ostd_va_canonical(uint64_t va)
{
	uint64_t top = va >> (OSTD_VA_BITS - 1);
	return top == 0 || top == (UINT64_MAX >> (OSTD_VA_BITS - 1));
}

static inline ostd_pte_t ostd_pte_make(uint64_t pa, uint64_t flags)
{
	return ((pa >> 12) << OSTD_PTE_PPN_SHIFT) | flags;
}

static inline uint64_t ostd_pte_pa(ostd_pte_t pte)
{
	return ((pte >> OSTD_PTE_PPN_SHIFT) & OSTD_PTE_PPN_MASK) << 12;
}

static inline uint64_t ostd_pte_flags(ostd_pte_t pte)
{
	return pte & 0x3ff;
}

static inline bool ostd_pte_valid(ostd_pte_t pte)
{
	return (pte & OSTD_PTE_V) != 0;
}

/* A valid entry with any of R/W/X set is a leaf; V alone points down. */
static inline bool ostd_pte_is_leaf(ostd_pte_t pte)
{
	return (pte & OSTD_PTE_V) && (pte & OSTD_PTE_RWX);
}

static inline bool ostd_pte_is_table(ostd_pte_t pte)
{
	return (pte & OSTD_PTE_V) && !(pte & OSTD_PTE_RWX);
}

/* A user leaf that holds a frame: valid, or parked as PROT_NONE. */
static inline bool ostd_pte_has_frame(ostd_pte_t pte)
{
	return ostd_pte_is_leaf(pte) || (pte & OSTD_PTE_SW_NONE);
}

/*
 * The leaf for a user page at @pa with OSTD_PROT_* bits @prot. A and D are
 * preset so the hardware never faults just to set them; prot 0 parks the
 * frame with V clear (see OSTD_PTE_SW_NONE).
 */
static inline ostd_pte_t ostd_pte_user(uint64_t pa, unsigned prot)
{
	uint64_t flags = OSTD_PTE_U | OSTD_PTE_A | OSTD_PTE_D;

	if (prot & OSTD_PROT_READ)
		flags |= OSTD_PTE_R;
	if (prot & OSTD_PROT_WRITE)
		flags |= OSTD_PTE_W;
	if (prot & OSTD_PROT_EXEC)
		flags |= OSTD_PTE_X;
	flags |= (flags & OSTD_PTE_RWX) ? OSTD_PTE_V : OSTD_PTE_SW_NONE;
	return ostd_pte_make(pa, flags);
}

/* The OSTD_PROT_* bits of a user leaf. */
static inline unsigned ostd_pte_prot(ostd_pte_t pte)
{
	unsigned prot = 0;

	if (!(pte & OSTD_PTE_V))
		return 0;
	if (pte & OSTD_PTE_R)
		prot |= OSTD_PROT_READ;
	if (pte & OSTD_PTE_W)
		prot |= OSTD_PROT_WRITE;
	if (pte & OSTD_PTE_X)
		prot |= OSTD_PROT_EXEC;
	return prot;
}

#endif
