/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/audit/canary.c - breaks every AST rule of the safe subset on purpose.
 *
 * audit.py runs clang-tidy on this file before every audit, with the same
 * flags as kernel/, and fails unless each check in clang-tidy.yaml fires
 * here. That is how a clang-tidy which drops the query-based checks
 * (missing --experimental-custom-checks, too old, a broken query) makes
 * the audit fail instead of passing with zero findings. Never built.
 */
#include <stddef.h>

typedef char *canary_str;

union canary_pun {
	int i;
	float f;
};

struct canary_obj {
	int arr[4];
	int *p;
};

struct canary_guard {
	unsigned long _ostd_saved;
};

void ostd_canary_internal(void);

__asm__(".globl canary_file_scope_asm");

static int canary_sum(int n, ...)
{
	return n;
}

static int canary_recurse(int n)
{
	return n > 0 ? canary_recurse(n - 1) : 0;
}

int canary(int *p, canary_str s, struct canary_obj *o, void *v, int n,
	   struct canary_guard *g)
{
	union canary_pun u;
	int vla[n];
	int *q = v;
	register long a0 __asm__("a0") = 0;
	int x = (int)a0;

	u.i = n;
	p++;
	s = s + 1;
	x += o->p[0] + vla[0] + *q + (int)u.f + (int)g->_ostd_saved;
	if (s == NULL)
		goto out;
	__asm__ volatile("nop");
out:
	return x + canary_sum(1, 2) + canary_recurse(n);
}
