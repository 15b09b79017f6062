// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/b_fault.c - the anonymous page-fault cost: mmap 64 MiB of
 * private anonymous memory, write one byte to every 4 KiB page (one write
 * fault each: allocate a zeroed frame and map it), then munmap. Only the
 * touching is timed; the figure is per page.
 */
#include <stddef.h>
#include <sys/mman.h>

#include "bench.h"

#define FAULT_BYTES (64u << 20)
#define PAGE 4096u
#define FAULT_PAGES (FAULT_BYTES / PAGE)

int bench_fault(void)
{
	uint64_t v[BENCH_MAX_SAMPLES];

	for (int s = -1; s < bench_samples; s++) {
		volatile char *p = mmap(NULL, FAULT_BYTES, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		uint64_t t0, t1;

		if (p == MAP_FAILED)
			return bench_fail("page_fault", "mmap 64 MiB");
		t0 = bench_now_ns();
		for (unsigned i = 0; i < FAULT_PAGES; i++)
			p[(unsigned long)i * PAGE] = 1;
		t1 = bench_now_ns();
		if (munmap((void *)p, FAULT_BYTES) != 0)
			return bench_fail("page_fault", "munmap");
		if (s >= 0)
			v[s] = bench_per_op(t1 - t0, FAULT_PAGES);
	}
	return bench_report("page_fault", "ns/page", v, bench_samples);
}
