// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_elf.c - host test of the kernel's ELF parser
 * (kernel/elf.c), built natively with ASan/UBSan against the real
 * ostd/bytes.c. Feeds it valid images, every kind of malformed header the
 * parser must reject, every truncation and random byte flips: the parser
 * must answer 0 or -ENOEXEC and never touch memory outside the image.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ostd/vm.h>

#include "check.h"
#include "elf.h"
#include "errno.h"

#define LIMIT 0x3fffff0000ULL
#define IMG_SIZE 0x3000

static int failures;

static void put16(uint8_t *b, size_t off, uint16_t v)
{
	for (int i = 0; i < 2; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static void put32(uint8_t *b, size_t off, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *b, size_t off, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		b[off + i] = (uint8_t)(v >> (8 * i));
}

static void set_phdr(uint8_t *b, int i, uint32_t type, uint32_t flags,
		     uint64_t off, uint64_t vaddr, uint64_t filesz,
		     uint64_t memsz)
{
	size_t p = 64 + (size_t)i * 56;

	put32(b, p + 0, type);
	put32(b, p + 4, flags);
	put64(b, p + 8, off);
	put64(b, p + 16, vaddr);
	put64(b, p + 24, vaddr);
	put64(b, p + 32, filesz);
	put64(b, p + 40, memsz);
	put64(b, p + 48, 0x1000);
}

/*
 * A valid static executable: headers and text in the first page at
 * 0x10000 (R+X), data at 0x12000 with a bss tail (R+W).
 */
static uint8_t *make_valid(size_t *len)
{
	uint8_t *b = calloc(1, IMG_SIZE);

	memcpy(b, "\x7f" "ELF", 4);
	b[4] = 2; /* ELFCLASS64 */
	b[5] = 1; /* little-endian */
	b[6] = 1; /* EV_CURRENT */
	put16(b, 16, ET_EXEC);
	put16(b, 18, EM_RISCV);
	put32(b, 20, 1);
	put64(b, 24, 0x10100); /* e_entry */
	put64(b, 32, 64);      /* e_phoff */
	put16(b, 52, 64);      /* e_ehsize */
	put16(b, 54, 56);      /* e_phentsize */
	put16(b, 56, 2);       /* e_phnum */
	set_phdr(b, 0, PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x1000, 0x1000);
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x12000, 0x800, 0x3000);
	*len = IMG_SIZE;
	return b;
}

static int parse(const uint8_t *b, size_t len, struct elf_image *img)
{
	return elf_parse(ostd_bytes_of(b, len), LIMIT, img);
}

static void test_valid(void)
{
	size_t len;
	uint8_t *b = make_valid(&len);
	struct elf_image img;

	CHECK(parse(b, len, &img) == 0);
	CHECK(img.type == ET_EXEC && img.bias == 0);
	CHECK(img.entry == 0x10100);
	CHECK(img.nsegs == 2);
	CHECK(img.segs[0].vaddr == 0x10000 && img.segs[0].filesz == 0x1000);
	CHECK(img.segs[0].prot == (OSTD_PROT_READ | OSTD_PROT_EXEC));
	CHECK(img.segs[1].vaddr == 0x12000 && img.segs[1].memsz == 0x3000);
	CHECK(img.segs[1].prot == (OSTD_PROT_READ | OSTD_PROT_WRITE));
	CHECK(img.phdr_vaddr == 0x10040);
	CHECK(img.phnum == 2);

	/* Write-only means read-write, as on Linux. */
	put32(b, 64 + 56 + 4, PF_W);
	CHECK(parse(b, len, &img) == 0);
	CHECK(img.segs[1].prot == (OSTD_PROT_READ | OSTD_PROT_WRITE));

	/* Segments may share a page as long as their bytes do not overlap. */
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x1800, 0x10800, 0x100, 0x200);
	set_phdr(b, 0, PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x800, 0x800);
	CHECK(parse(b, len, &img) == 0);

	/* Non-load headers are skipped; a zero-size PT_LOAD too. */
	put16(b, 56, 3);
	set_phdr(b, 2, 0x6474e551 /* PT_GNU_STACK */, PF_R | PF_W, 0, 0, 0, 0);
	CHECK(parse(b, len, &img) == 0 && img.nsegs == 2);
	set_phdr(b, 2, PT_LOAD, PF_R, 0, 0x50000, 0, 0);
	CHECK(parse(b, len, &img) == 0 && img.nsegs == 2);
	free(b);
}

static void test_dyn(void)
{
	size_t len;
	uint8_t *b = make_valid(&len);
	struct elf_image img;

	put16(b, 16, ET_DYN);
	set_phdr(b, 0, PT_LOAD, PF_R | PF_X, 0, 0, 0x1000, 0x1000);
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x2000, 0x800, 0x3000);
	put64(b, 24, 0x100);
	CHECK(parse(b, len, &img) == 0);
	CHECK(img.bias == ELF_DYN_BASE);
	CHECK(img.entry == ELF_DYN_BASE + 0x100);
	CHECK(img.segs[0].vaddr == ELF_DYN_BASE);
	CHECK(img.segs[1].vaddr == ELF_DYN_BASE + 0x2000);
	free(b);
}

/* Applies @mutate to a fresh valid image and expects -ENOEXEC. */
static void expect_reject(const char *what, void (*mutate)(uint8_t *b))
{
	size_t len;
	uint8_t *b = make_valid(&len);
	struct elf_image img;
	int ret;

	mutate(b);
	ret = parse(b, len, &img);
	if (ret != -ENOEXEC) {
		fprintf(stderr, "accepted a bad image: %s (ret %d)\n", what, ret);
		failures++;
	}
	free(b);
}

static void m_magic(uint8_t *b) { b[1] = 'e'; }
static void m_class32(uint8_t *b) { b[4] = 1; }
static void m_bigendian(uint8_t *b) { b[5] = 2; }
static void m_machine(uint8_t *b) { put16(b, 18, 62 /* x86-64 */); }
static void m_type_rel(uint8_t *b) { put16(b, 16, 1); }
static void m_type_core(uint8_t *b) { put16(b, 16, 4); }
static void m_phentsize(uint8_t *b) { put16(b, 54, 32); }
static void m_phnum0(uint8_t *b) { put16(b, 56, 0); }
static void m_phnum_big(uint8_t *b) { put16(b, 56, ELF_MAX_PHNUM + 1); }
static void m_phnum_max(uint8_t *b) { put16(b, 56, 0xffff); }
static void m_phoff_out(uint8_t *b) { put64(b, 32, IMG_SIZE - 56); }
static void m_phoff_wrap(uint8_t *b) { put64(b, 32, UINT64_MAX - 10); }
static void m_filesz_gt_memsz(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x12000, 0x800, 0x400);
}
static void m_file_past_end(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x12000, 0x1001, 0x3000);
}
static void m_offset_wrap(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, UINT64_MAX - 0x10, 0x12000, 0x800,
		 0x3000);
}
static void m_vaddr_wrap(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, UINT64_MAX - 0x100, 0x800,
		 0x3000);
}
static void m_memsz_huge(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x12000, 0x800,
		 UINT64_MAX);
}
static void m_above_limit(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, LIMIT - 0x1000, 0x800,
		 0x2000);
}
static void m_kernel_addr(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0xffffffc080200000ULL,
		 0x800, 0x3000);
}
static void m_overlap(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x10800, 0x800, 0x3000);
}
static void m_same(uint8_t *b)
{
	set_phdr(b, 1, PT_LOAD, PF_R | PF_W, 0x2000, 0x10000, 0x800, 0x1000);
}
static void m_interp(uint8_t *b)
{
	put16(b, 56, 3);
	set_phdr(b, 2, PT_INTERP, PF_R, 0x100, 0, 0x10, 0x10);
}
static void m_no_load(uint8_t *b)
{
	put32(b, 64, 4 /* PT_NOTE */);
	put32(b, 64 + 56, 4);
}
static void m_entry_out(uint8_t *b) { put64(b, 24, LIMIT + 0x1000); }
static void m_too_many_loads(uint8_t *b)
{
	put16(b, 56, ELF_MAX_LOADS + 1);
	for (int i = 0; i < ELF_MAX_LOADS + 1; i++)
		set_phdr(b, i, PT_LOAD, PF_R, 0, 0x100000 + i * 0x1000ULL,
			 0x10, 0x10);
}

static void test_rejects(void)
{
	static const struct {
		const char *what;
		void (*mutate)(uint8_t *b);
	} cases[] = {
		{ "bad magic", m_magic },
		{ "32-bit class", m_class32 },
		{ "big-endian", m_bigendian },
		{ "wrong machine", m_machine },
		{ "ET_REL", m_type_rel },
		{ "ET_CORE", m_type_core },
		{ "bad e_phentsize", m_phentsize },
		{ "no program headers", m_phnum0 },
		{ "too many program headers", m_phnum_big },
		{ "phnum 65535", m_phnum_max },
		{ "phoff out of range", m_phoff_out },
		{ "phoff overflow", m_phoff_wrap },
		{ "filesz > memsz", m_filesz_gt_memsz },
		{ "segment past end of file", m_file_past_end },
		{ "offset + filesz overflow", m_offset_wrap },
		{ "vaddr + memsz overflow", m_vaddr_wrap },
		{ "memsz huge", m_memsz_huge },
		{ "segment above the limit", m_above_limit },
		{ "segment in kernel space", m_kernel_addr },
		{ "overlapping segments", m_overlap },
		{ "identical segments", m_same },
		{ "PT_INTERP", m_interp },
		{ "no PT_LOAD", m_no_load },
		{ "entry above the limit", m_entry_out },
		{ "too many PT_LOADs", m_too_many_loads },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_reject(cases[i].what, cases[i].mutate);
}

/* Every prefix of a valid image: exact-size heap copies catch overreads. */
static void test_truncated(void)
{
	size_t len;
	uint8_t *b = make_valid(&len);
	struct elf_image img;

	for (size_t n = 0; n < len; n++) {
		uint8_t *copy = malloc(n ? n : 1);
		int ret;

		memcpy(copy, b, n);
		ret = parse(copy, n, &img);
		/* The data segment's file bytes end at 0x2800. */
		CHECK(n >= 0x2800 ? ret == 0 : ret == -ENOEXEC);
		free(copy);
	}
	CHECK(elf_parse(ostd_bytes_empty(), LIMIT, &img) == -ENOEXEC);
	free(b);
}

/* Random header corruption: any answer is fine, a crash is not. */
static void test_random_flips(void)
{
	size_t len;
	uint8_t *b = make_valid(&len);
	struct elf_image img;
	unsigned seed = 12345;

	for (int iter = 0; iter < 20000; iter++) {
		uint8_t *copy = malloc(len);
		int ret;

		memcpy(copy, b, len);
		for (int k = 0; k < 1 + iter % 4; k++) {
			seed = seed * 1103515245 + 12345;
			copy[(seed >> 8) % (64 + 3 * 56)] = (uint8_t)(seed >> 20);
		}
		ret = parse(copy, len, &img);
		CHECK(ret == 0 || ret == -ENOEXEC);
		if (ret == 0) {
			for (size_t s = 0; s < img.nsegs; s++) {
				CHECK(img.segs[s].filesz <= img.segs[s].memsz);
				CHECK(img.segs[s].offset + img.segs[s].filesz <= len);
				CHECK(img.segs[s].vaddr + img.segs[s].memsz <= LIMIT);
			}
		}
		free(copy);
	}
	free(b);
}

int main(void)
{
	test_valid();
	test_dyn();
	test_rejects();
	test_truncated();
	test_random_flips();
	return check_report("test_elf", failures);
}
