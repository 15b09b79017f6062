// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/load_unmapped.c - loads from an address nothing is mapped at;
 * the kernel must kill the process with SIGSEGV.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	volatile uint64_t *nowhere = (volatile uint64_t *)0x12345000UL;
	uint64_t v;

	(void)argc;
	(void)argv;
	printf("load_unmapped: loading from unmapped address %p\n",
	       (void *)nowhere);
	v = *nowhere;
	printf("load_unmapped: BUG: the load returned %lu\n", v);
	return 1;
}
