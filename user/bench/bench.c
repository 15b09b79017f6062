// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/bench.c - shared helpers of the benchmarks: the clock, output
 * lines, and the median report.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

int bench_samples = 7;

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t bench_per_op(uint64_t ns, uint64_t ops)
{
	return ops ? (ns * 10 + ops / 2) / ops : 0;
}

void bench_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	/* one write per line; a short write on a console is not retried */
	(void)!write(1, buf, (size_t)n);
}

int bench_fail(const char *name, const char *what)
{
	int err = errno;

	bench_printf("BENCH-FAIL %s: %s: %s (errno %d)", name, what,
		     strerror(err), err);
	return -1;
}

static void sort_u64(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		uint64_t x = v[i];
		int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

int bench_report(const char *name, const char *unit, uint64_t *tenths, int n)
{
	char line[400];
	size_t len = 0;
	uint64_t med;

	len += (size_t)snprintf(line, sizeof(line), "# %s samples (%s):", name,
				unit);
	for (int i = 0; i < n && len < sizeof(line) - 24; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len,
					" %llu.%llu",
					(unsigned long long)(tenths[i] / 10),
					(unsigned long long)(tenths[i] % 10));
	bench_printf("%s", line);
	sort_u64(tenths, n);
	/* the lower median for an even count: a single sample has no spread */
	med = tenths[(n - 1) / 2];
	bench_printf("BENCH %s %llu.%llu %s", name,
		     (unsigned long long)(med / 10),
		     (unsigned long long)(med % 10), unit);
	return 0;
}
