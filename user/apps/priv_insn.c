// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/priv_insn.c - executes sret, a supervisor-only instruction;
 * in U-mode it is illegal and the kernel must kill us with SIGILL.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("priv_insn: executing sret in user mode\n");
	__asm__ volatile("sret");
	printf("priv_insn: BUG: sret did not trap\n");
	return 1;
}
