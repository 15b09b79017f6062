// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_mm_random.c - random mmap/munmap/mprotect/madvise/
 * fork/write sequences on up to four address spaces, checked after every
 * step against a page-by-page model (mapped, protection, contents). It
 * catches copy-on-write leaks between processes, lost pages on splits and
 * wrong errors, with ASan watching frame lifetimes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kernel/errno.h"
#include "../../kernel/mm/mm.h"
#include "host_ostd.h"
#include "host_vm.h"

#define PG OSTD_PAGE_SIZE
#define NPAGES 48
#define WIN 0x200000UL
#define NPROC 4

struct model {
	bool mapped[NPAGES];
	unsigned prot[NPAGES];
	uint8_t byte[NPAGES];
};

struct proc {
	struct mm *mm;
	struct model m;
};

static struct proc procs[NPROC];
static int rnd_failures;

static void fail(const char *what, int step, int p, int page, long got,
		 long want)
{
	if (rnd_failures++ < 10)
		fprintf(stderr, "random step %d proc %d page %d: FAIL %s: got %ld want %ld\n",
			step, p, page, what, got, want);
}

static int range(int *lo, int *n)
{
	*lo = rand() % NPAGES;
	*n = 1 + rand() % (NPAGES - *lo);
	if (*n > 8)
		*n = 1 + rand() % 8;
	return 0;
}

static unsigned rand_prot(void)
{
	static const unsigned prots[] = { 0, OSTD_PROT_READ,
		OSTD_PROT_READ | OSTD_PROT_WRITE,
		OSTD_PROT_READ | OSTD_PROT_WRITE };

	return prots[rand() % 4];
}

static bool all_mapped(const struct model *m, int lo, int n)
{
	for (int i = lo; i < lo + n; i++)
		if (!m->mapped[i])
			return false;
	return true;
}

static void step_once(int step)
{
	int p = rand() % NPROC, lo, n, op = rand() % 10;
	struct proc *pr = &procs[p];
	uint64_t a, out;
	int err;

	if (!pr->mm) {
		pr->mm = mm_create();
		memset(&pr->m, 0, sizeof(pr->m));
		return;
	}
	range(&lo, &n);
	a = WIN + lo * PG;
	switch (op) {
	case 0: { /* mmap fixed */
		unsigned prot = rand_prot();

		err = mm_mmap(pr->mm, a, n * PG, prot, MM_MAP_FIXED, NULL, 0,
			      &out);
		if (err || out != a)
			fail("mmap", step, p, lo, err, 0);
		for (int i = lo; i < lo + n; i++) {
			pr->m.mapped[i] = true;
			pr->m.prot[i] = prot;
			pr->m.byte[i] = 0;
		}
		break;
	}
	case 1: /* munmap */
		err = mm_munmap(pr->mm, a, n * PG);
		if (err)
			fail("munmap", step, p, lo, err, 0);
		for (int i = lo; i < lo + n; i++)
			pr->m.mapped[i] = false;
		break;
	case 2: { /* mprotect */
		unsigned prot = rand_prot();
		bool ok = all_mapped(&pr->m, lo, n);

		err = mm_mprotect(pr->mm, a, n * PG, prot);
		if (err != (ok ? 0 : -ENOMEM))
			fail("mprotect", step, p, lo, err, ok ? 0 : -ENOMEM);
		/* Linux changes the mapped prefix before reporting a hole. */
		for (int i = lo; i < lo + n && pr->m.mapped[i]; i++)
			pr->m.prot[i] = prot;
		break;
	}
	case 3: /* madvise(DONTNEED) */
		err = mm_dontneed(pr->mm, a, n * PG);
		for (int i = lo; i < lo + n; i++)
			if (pr->m.mapped[i])
				pr->m.byte[i] = 0;
		break;
	case 4: { /* fork into a free slot */
		int c;

		for (c = 0; c < NPROC && procs[c].mm; c++)
			;
		if (c == NPROC)
			break;
		procs[c].mm = mm_fork(pr->mm);
		procs[c].m = pr->m;
		break;
	}
	case 5: /* exit */
		if (rand() % 3 == 0) {
			mm_destroy(pr->mm);
			pr->mm = NULL;
		}
		break;
	default: { /* write one byte */
		uint8_t v = (uint8_t)(1 + rand() % 250);
		bool ok = pr->m.mapped[lo] &&
			  (pr->m.prot[lo] & OSTD_PROT_WRITE);

		err = mm_copy_to_user(pr->mm, a + rand() % PG / 8 * 8, &v, 1);
		if (err != (ok ? 0 : -EFAULT))
			fail("write", step, p, lo, err, ok ? 0 : -EFAULT);
		if (ok)
			pr->m.byte[lo] = v;
		/* Every byte of a page holds the same value in the model. */
		if (ok)
			for (size_t o = 0; o < PG; o += 512)
				mm_copy_to_user(pr->mm, a + o, &v, 1);
		break;
	}
	}
}

/* Reads one byte of every page of every space and compares. */
static void verify(int step)
{
	for (int p = 0; p < NPROC; p++) {
		if (!procs[p].mm)
			continue;
		for (int i = 0; i < NPAGES; i++) {
			const struct model *m = &procs[p].m;
			bool ok = m->mapped[i] && m->prot[i];
			uint8_t v = 0xee;
			int err = mm_copy_from_user(procs[p].mm, &v,
						    WIN + i * PG + 512, 1);

			if (err != (ok ? 0 : -EFAULT))
				fail("read", step, p, i, err, ok ? 0 : -EFAULT);
			else if (ok && v != m->byte[i])
				fail("contents", step, p, i, v, m->byte[i]);
		}
	}
}

int test_mm_random(void);
int test_mm_random(void)
{
	srand(12345);
	for (int step = 0; step < 50000; step++) {
		step_once(step);
		if (step % 7 == 0)
			verify(step);
	}
	verify(-1);
	for (int p = 0; p < NPROC; p++) {
		mm_destroy(procs[p].mm);
		procs[p].mm = NULL;
	}
	if (host_frame_live()) {
		fprintf(stderr, "random: %zu frames leaked\n", host_frame_live());
		rnd_failures++;
	}
	return rnd_failures;
}
