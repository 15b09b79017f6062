// SPDX-License-Identifier: GPL-2.0
/*
 * user/lib/check.c - PASS/FAIL bookkeeping shared by the racho check apps
 * (exec_check, proc_check): one line per check, a summary at the end.
 */
#include "ulib.h"

static const char *check_prog = "check";
static int check_passed, check_failed;

void check_begin(const char *prog)
{
	check_prog = prog;
}

void check(const char *name, int ok, const char *fmt, ...)
{
	char why[120];
	va_list ap;

	if (ok) {
		check_passed++;
		printf("%s: PASS %s\n", check_prog, name);
		return;
	}
	check_failed++;
	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	printf("%s: FAIL %s: %s\n", check_prog, name, why);
}

int check_end(void)
{
	printf("%s: %d passed, %d failed\n", check_prog, check_passed,
	       check_failed);
	return check_failed != 0;
}
