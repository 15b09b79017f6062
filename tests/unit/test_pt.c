// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_pt.c - host test of SV39 index math and PTE encoding
 * (ostd/arch/riscv/pte.h).
 */
#include <assert.h>
#include <stdio.h>

#include "arch/riscv/pte.h"

static void test_index(void)
{
	uint64_t va = 0xffffffc080201000UL;

	assert(ostd_pt_index(va, 2) == 258);
	assert(ostd_pt_index(va, 1) == 1);
	assert(ostd_pt_index(va, 0) == 1);
	assert(ostd_pt_index(0xffffffc000000000UL, 2) == 256);
	assert(ostd_pt_index(0xffffffd000000000UL, 2) == 320);
	assert(ostd_pt_index(0x3fffffffffUL, 2) == 255);
	assert(ostd_pt_index(0x3fffffffffUL, 1) == 511);
	assert(ostd_pt_index(0x3fffffffffUL, 0) == 511);
	assert(ostd_pt_index(0x1000, 0) == 1 && ostd_pt_index(0x1000, 1) == 0);
	assert(ostd_pt_level_size(0) == 4096);
	assert(ostd_pt_level_size(1) == 2UL << 20);
	assert(ostd_pt_level_size(2) == 1UL << 30);
}

static void test_canonical(void)
{
	assert(ostd_va_canonical(0));
	assert(ostd_va_canonical(0x3fffffffffUL));
	assert(!ostd_va_canonical(0x4000000000UL));
	assert(ostd_va_canonical(0xffffffc000000000UL));
	assert(!ostd_va_canonical(0xffffff8000000000UL));
	assert(ostd_va_canonical(UINT64_MAX));
}

static void test_encoding(void)
{
	ostd_pte_t p = ostd_pte_make(0x80200000UL, OSTD_PTE_V | OSTD_PTE_R | OSTD_PTE_X);

	assert(p == ((0x80200UL << 10) | 0xb));
	assert(ostd_pte_pa(p) == 0x80200000UL);
	assert(ostd_pte_flags(p) == 0xb);
	assert(ostd_pte_is_leaf(p) && !ostd_pte_is_table(p));
	p = ostd_pte_make(0x87654000UL, OSTD_PTE_V);
	assert(ostd_pte_is_table(p) && !ostd_pte_is_leaf(p));
	/* The boot gigapage for 0x80000000 as entry.S spells it. */
	assert(ostd_pte_make(0x80000000UL, 0xef) == 0x200000efUL);
	/* Highest 56-bit PA survives a round trip. */
	assert(ostd_pte_pa(ostd_pte_make(0xfffffffffff000UL, 1)) == 0xfffffffffff000UL);
}

static void test_user(void)
{
	ostd_pte_t p = ostd_pte_user(0x81000000UL, OSTD_PROT_READ | OSTD_PROT_WRITE);

	assert(p & OSTD_PTE_V && p & OSTD_PTE_U && p & OSTD_PTE_A && p & OSTD_PTE_D);
	assert(p & OSTD_PTE_R && p & OSTD_PTE_W && !(p & OSTD_PTE_X));
	assert(!(p & OSTD_PTE_G));
	assert(ostd_pte_prot(p) == (OSTD_PROT_READ | OSTD_PROT_WRITE));
	p = ostd_pte_user(0x81000000UL, OSTD_PROT_EXEC);
	assert(ostd_pte_prot(p) == OSTD_PROT_EXEC && ostd_pte_is_leaf(p));
	/* PROT_NONE: the frame is kept, V is clear. */
	p = ostd_pte_user(0x81000000UL, 0);
	assert(!ostd_pte_valid(p) && ostd_pte_has_frame(p));
	assert(ostd_pte_prot(p) == 0 && ostd_pte_pa(p) == 0x81000000UL);
	assert(!ostd_pte_has_frame(0));
}

int main(void)
{
	test_index();
	test_canonical();
	test_encoding();
	test_user();
	printf("test_pt: ok\n");
	return 0;
}
