// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/power_7.c - rCore-Tutorial ch3 power_7: computes 7^160000 mod
 * 998244353 in a ring buffer, printing progress every 10000 steps. Three
 * power apps running at once show preemptive time sharing.
 */
#include "ulib.h"

#define LEN 100

int main(int argc, char **argv)
{
	const uint64_t p = 7;
	const uint64_t m = 998244353;
	const size_t iter = 160000;
	uint64_t s[LEN] = { 0 };
	size_t cur = 0;

	(void)argc;
	(void)argv;
	s[cur] = 1;
	for (size_t i = 1; i <= iter; i++) {
		size_t next = cur + 1 == LEN ? 0 : cur + 1;

		s[next] = s[cur] * p % m;
		cur = next;
		if (i % 10000 == 0)
			printf("power_7 [%zu/%zu]\n", i, iter);
	}
	printf("%lu^%zu = %lu(MOD %lu)\n", p, iter, s[cur], m);
	printf("Test power_7 OK!\n");
	return 0;
}
