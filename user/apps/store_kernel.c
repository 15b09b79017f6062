// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/store_kernel.c - stores to the kernel image's address. The
 * kernel's pages are not user pages, so this must be a fatal page fault
 * (SIGSEGV) that leaves the kernel untouched.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	volatile uint64_t *kernel = (volatile uint64_t *)0xffffffc080200000UL;

	(void)argc;
	(void)argv;
	printf("store_kernel: storing to kernel address %p\n", (void *)kernel);
	*kernel = 0;
	printf("store_kernel: BUG: the store to kernel memory succeeded\n");
	return 1;
}
