// SPDX-License-Identifier: GPL-2.0
/*
 * user/init/exit_init.c - an /init that does what init must never do, for
 * the boot tests of the kernel's "Attempted to kill init!" panic: it
 * exits with status 3, or, given the argument "segv" (kernel command line
 * "-- segv"), dies of SIGSEGV.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	if (argc > 1 && argv[1][0] == 's') {
		printf("exit_init: storing to address 0\n");
		*(volatile int *)0 = 1;
	}
	printf("exit_init: exiting with status 3\n");
	return 3;
}
