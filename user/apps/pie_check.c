// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/pie_check.c - a static-PIE program (ET_DYN without PT_INTERP,
 * see user/meson.build) that checks it was loaded the Linux way: at a
 * non-zero base, with AT_PHDR/AT_PHNUM/AT_ENTRY/AT_BASE describing this
 * very image. Started by the kernel it prints "Test pie_check OK!";
 * proc_check also execs it and reads the exit status (0: all good, else
 * the number of the first failed check).
 */
#include "ulib.h"

/* The ELF header, mapped with the first segment (lld defines this). */
extern const unsigned char __ehdr_start[] __attribute__((visibility("hidden")));
void _start(void) __attribute__((visibility("hidden")));

struct ehdr {
	unsigned char ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

static int check_load(void)
{
	const struct ehdr *eh = (const struct ehdr *)__ehdr_start;
	unsigned long base = (unsigned long)__ehdr_start;

	if (eh->type != 3) /* ET_DYN */
		return 1;
	if (base == 0 || base % 4096 != 0)
		return 2;
	if (getauxval(AT_ENTRY) != (unsigned long)&_start ||
	    getauxval(AT_ENTRY) != base + eh->entry)
		return 3;
	if (getauxval(AT_PHDR) != base + eh->phoff)
		return 4;
	if (getauxval(AT_PHNUM) != eh->phnum || getauxval(AT_PHENT) != 56)
		return 5;
	if (getauxval(AT_BASE) != 0) /* no interpreter */
		return 6;
	if (getauxval(AT_PAGESZ) != 4096)
		return 7;
	return 0;
}

int main(int argc, char **argv)
{
	int bad = check_load();

	/* Exec'ed by proc_check with an argument: just report. */
	if (argc > 1)
		return bad;
	if (bad)
		printf("pie_check: FAIL check %d (base %p)\n", bad,
		       (const void *)__ehdr_start);
	else
		printf("Test pie_check OK! (static-PIE at %p)\n",
		       (const void *)__ehdr_start);
	return bad;
}
