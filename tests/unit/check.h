/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/check.h - the counting CHECK() of the host unit tests: a
 * failed check is reported with its place and counted, and the test goes
 * on, so one run shows every failure. The including test defines (or
 * declares) the counter `int failures` and ends main() with
 * check_report().
 */
#ifndef TESTS_UNIT_CHECK_H
#define TESTS_UNIT_CHECK_H

#include <stdio.h>

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: CHECK(%s) failed\n",       \
				__FILE__, __LINE__, #cond);                \
			failures++;                                        \
		}                                                          \
	} while (0)

/* The end of a test's main(): reports the failed checks; exit status. */
static inline int check_report(const char *test, int failed)
{
	if (failed) {
		fprintf(stderr, "%s: %d failure(s)\n", test, failed);
		return 1;
	}
	printf("%s: all passed\n", test);
	return 0;
}

#endif
