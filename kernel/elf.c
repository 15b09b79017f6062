// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/elf.c - ELF64 executable parser: header and program headers.
 *
 * The checks follow Linux's load_elf_binary() where Linux has them (magic,
 * class, machine, type, e_phentsize, phnum limits, filesz <= memsz, the
 * TASK_SIZE bound) and add the ones Linux gets from mmap for free: every
 * PT_LOAD's file range lies inside the file, and no two segments overlap
 * (they may share a page, which exec.c handles). Every addition is checked
 * for overflow before it is done.
 */
#include <ostd/vm.h>

#include "elf.h"
#include "errno.h"

/* Offsets of the fields we read, from the ELF64 specification. */
enum {
	EI_CLASS = 4,
	EI_DATA = 5,
	ELFCLASS64 = 2,
	ELFDATA2LSB = 1,
	E_TYPE = 16,
	E_MACHINE = 18,
	E_ENTRY = 24,
	E_PHOFF = 32,
	E_PHENTSIZE = 54,
	E_PHNUM = 56,
	P_TYPE = 0,
	P_FLAGS = 4,
	P_OFFSET = 8,
	P_VADDR = 16,
	P_FILESZ = 32,
	P_MEMSZ = 40,
};

/* a + b, or false if it overflows. */
static bool add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
	if (a > UINT64_MAX - b)
		return false;
	*sum = a + b;
	return true;
}

static bool elf_check_ident(struct ostd_bytes f)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };
	struct ostd_bytes head;

	if (!ostd_bytes_sub(f, 0, sizeof(magic), &head) ||
	    !ostd_bytes_eq(head, ostd_bytes_of(magic, sizeof(magic))))
		return false;
	return ostd_bytes_at(f, EI_CLASS) == ELFCLASS64 &&
	       ostd_bytes_at(f, EI_DATA) == ELFDATA2LSB;
}

/* Validates the file header and fills type, entry and phnum. */
static int elf_parse_header(struct ostd_bytes f, struct elf_image *img,
			    uint64_t *phoff)
{
	uint16_t machine, phentsize;
	uint64_t table_size, table_end;

	if (f.len < ELF64_EHDR_SIZE || !elf_check_ident(f))
		return -ENOEXEC;
	if (!ostd_bytes_u16le(f, E_TYPE, &img->type) ||
	    !ostd_bytes_u16le(f, E_MACHINE, &machine) ||
	    !ostd_bytes_u64le(f, E_ENTRY, &img->entry) ||
	    !ostd_bytes_u64le(f, E_PHOFF, phoff) ||
	    !ostd_bytes_u16le(f, E_PHENTSIZE, &phentsize) ||
	    !ostd_bytes_u16le(f, E_PHNUM, &img->phnum))
		return -ENOEXEC;
	if (img->type != ET_EXEC && img->type != ET_DYN)
		return -ENOEXEC;
	if (machine != EM_RISCV || phentsize != ELF64_PHDR_SIZE)
		return -ENOEXEC;
	if (img->phnum == 0 || img->phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	table_size = img->phnum * ELF64_PHDR_SIZE;
	if (!add_ok(*phoff, table_size, &table_end) || table_end > f.len)
		return -ENOEXEC;
	return 0;
}

/* Reads program header @i into @seg; *type gets p_type. */
static int elf_read_phdr(struct ostd_bytes f, uint64_t phoff, size_t i,
			 uint32_t *type, struct elf_segment *seg)
{
	uint64_t off = phoff + i * ELF64_PHDR_SIZE; /* checked by the header */
	uint32_t flags;

	if (!ostd_bytes_u32le(f, off + P_TYPE, type) ||
	    !ostd_bytes_u32le(f, off + P_FLAGS, &flags) ||
	    !ostd_bytes_u64le(f, off + P_OFFSET, &seg->offset) ||
	    !ostd_bytes_u64le(f, off + P_VADDR, &seg->vaddr) ||
	    !ostd_bytes_u64le(f, off + P_FILESZ, &seg->filesz) ||
	    !ostd_bytes_u64le(f, off + P_MEMSZ, &seg->memsz))
		return -ENOEXEC;
	seg->prot = 0;
	if (flags & PF_R)
		seg->prot |= OSTD_PROT_READ;
	/* As on Linux/RISC-V, a writable mapping is always readable too. */
	if (flags & PF_W)
		seg->prot |= OSTD_PROT_READ | OSTD_PROT_WRITE;
	if (flags & PF_X)
		seg->prot |= OSTD_PROT_EXEC;
	return 0;
}

/* Checks one PT_LOAD against the file size and the address limit. */
static int elf_check_load(uint64_t file_size, const struct elf_segment *s,
			  uint64_t bias, uint64_t limit)
{
	uint64_t file_end, start, end;

	if (s->filesz > s->memsz)
		return -ENOEXEC;
	if (!add_ok(s->offset, s->filesz, &file_end) || file_end > file_size)
		return -ENOEXEC;
	if (!add_ok(s->vaddr, bias, &start) ||
	    !add_ok(start, s->memsz, &end) || end > limit)
		return -ENOEXEC;
	return 0;
}

static bool segs_overlap(const struct elf_segment *a,
			 const struct elf_segment *b)
{
	return a->vaddr < b->vaddr + b->memsz && b->vaddr < a->vaddr + a->memsz;
}

/* Rejects overlapping segments; the caller checked each for overflow. */
static int elf_check_overlaps(const struct elf_image *img)
{
	size_t i, j;

	for (i = 0; i < img->nsegs; i++) {
		for (j = i + 1; j < img->nsegs; j++) {
			if (segs_overlap(&img->segs[i], &img->segs[j]))
				return -ENOEXEC;
		}
	}
	return 0;
}

/* The address the program headers are loaded at, or 0 if they are not. */
static uint64_t elf_find_phdr(const struct elf_image *img, uint64_t phoff)
{
	uint64_t size = img->phnum * ELF64_PHDR_SIZE;
	size_t i;

	for (i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->segs[i];

		if (phoff >= s->offset && phoff - s->offset <= s->filesz &&
		    size <= s->filesz - (phoff - s->offset))
			return s->vaddr + (phoff - s->offset);
	}
	return 0;
}

/* Collects and checks the PT_LOAD segments; rejects PT_INTERP. */
static int elf_collect_loads(struct ostd_bytes f, uint64_t file_size,
			     uint64_t phoff, uint64_t limit,
			     struct elf_image *img)
{
	size_t i;

	for (i = 0; i < img->phnum; i++) {
		struct elf_segment seg;
		uint32_t type;

		if (elf_read_phdr(f, phoff, i, &type, &seg) < 0)
			return -ENOEXEC;
		/* No dynamic linker: only static executables run. */
		if (type == PT_INTERP)
			return -ENOEXEC;
		if (type != PT_LOAD || seg.memsz == 0)
			continue;
		if (img->nsegs == ELF_MAX_LOADS ||
		    elf_check_load(file_size, &seg, img->bias, limit) < 0)
			return -ENOEXEC;
		seg.vaddr += img->bias;
		img->segs[img->nsegs] = seg;
		img->nsegs++;
	}
	return img->nsegs == 0 ? -ENOEXEC : 0;
}

int elf_parse_head(struct ostd_bytes head, uint64_t file_size, uint64_t limit,
		   struct elf_image *out)
{
	struct elf_image img = { 0 };
	uint64_t phoff;

	if (limit > OSTD_USER_END)
		limit = OSTD_USER_END;
	if (head.len > file_size)
		return -ENOEXEC;
	if (elf_parse_header(head, &img, &phoff) < 0)
		return -ENOEXEC;
	img.bias = img.type == ET_DYN ? ELF_DYN_BASE : 0;
	if (elf_collect_loads(head, file_size, phoff, limit, &img) < 0 ||
	    elf_check_overlaps(&img) < 0)
		return -ENOEXEC;
	if (!add_ok(img.entry, img.bias, &img.entry) || img.entry >= limit)
		return -ENOEXEC;
	img.phdr_vaddr = elf_find_phdr(&img, phoff);
	*out = img;
	return 0;
}

int elf_parse(struct ostd_bytes file, uint64_t limit, struct elf_image *out)
{
	return elf_parse_head(file, file.len, limit, out);
}
