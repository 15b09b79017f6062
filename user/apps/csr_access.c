// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/csr_access.c - reads and writes the supervisor CSR sstatus;
 * from U-mode that is an illegal instruction (SIGILL).
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	unsigned long sstatus;

	(void)argc;
	(void)argv;
	printf("csr_access: reading sstatus in user mode\n");
	__asm__ volatile("csrr %0, sstatus" : "=r"(sstatus));
	__asm__ volatile("csrw sstatus, %0" : : "r"(sstatus));
	printf("csr_access: BUG: sstatus = 0x%lx was readable\n", sstatus);
	return 1;
}
