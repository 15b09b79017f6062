// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/standalone.c - main() for one family as its own program
 * (/tests/<family> in the initramfs, run by `runner --exec`). Built with
 * -DTEST_FAMILY=<family>. Exit status: 0 if every check passed, else 1.
 */
#include "harness.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define STR2(a) #a
#define STR(a) STR2(a)

int main(int argc, char **argv)
{
	int failed;

	harness_argc = argc;
	harness_argv = argv;
	failed = CAT(test_, TEST_FAMILY)();

	harness_printf("# %s: %d passed, %d failed", STR(TEST_FAMILY),
		       harness_passed, harness_failed);
	return failed ? 1 : 0;
}
