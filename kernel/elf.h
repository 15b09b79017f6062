/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/elf.h - parsing and validating ELF64 RISC-V executables.
 *
 * elf_parse() reads an untrusted image only through struct ostd_bytes
 * accessors and either rejects it with -ENOEXEC or returns a list of
 * loadable segments that are safe to map: inside the file, inside the
 * allowed address range, not overlapping, with no arithmetic overflow.
 * It maps nothing (exec.c does) and depends on nothing but ostd/bytes, so
 * the host unit test (tests/unit/test_elf.c) runs it under ASan/UBSan.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <ostd/bytes.h>
#include <ostd/types.h>

/* ELF constants (from the System V gABI and the RISC-V psABI). */
#define ET_EXEC 2
#define ET_DYN 3
#define EM_RISCV 243
#define PT_LOAD 1
#define PT_INTERP 3
#define PF_X 1U
#define PF_W 2U
#define PF_R 4U
#define ELF64_EHDR_SIZE 64
#define ELF64_PHDR_SIZE 56

/* Limits: far above what any static executable uses. */
#define ELF_MAX_PHNUM 64
#define ELF_MAX_LOADS 16
/* Where a position-independent (ET_DYN) executable is loaded. */
#define ELF_DYN_BASE 0x2aaaaab000ULL

struct elf_segment {
	uint64_t vaddr;  /* first byte in memory, load bias applied */
	uint64_t memsz;  /* bytes in memory; [filesz, memsz) is zeroed */
	uint64_t offset; /* first byte in the file */
	uint64_t filesz; /* bytes taken from the file */
	unsigned prot;   /* OSTD_PROT_* bits from p_flags */
};

struct elf_image {
	uint16_t type;       /* ET_EXEC or ET_DYN */
	uint64_t bias;       /* added to every address (0 for ET_EXEC) */
	uint64_t entry;      /* entry point, bias applied */
	uint64_t phdr_vaddr; /* program headers in memory (AT_PHDR), or 0 */
	uint16_t phnum;
	size_t nsegs;
	struct elf_segment segs[ELF_MAX_LOADS];
};

/*
 * Parses @file. Every segment must end at or below @limit (the first
 * address the loader reserves for itself, e.g. the stack guard).
 * Returns 0 and fills @out, or -ENOEXEC.
 */
int elf_parse(struct ostd_bytes file, uint64_t limit, struct elf_image *out);

/*
 * The same for a file read only in part: @head is its first bytes (the
 * header and the program headers must lie inside it) and @file_size its
 * full size, which the segments' file ranges are checked against.
 */
int elf_parse_head(struct ostd_bytes head, uint64_t file_size, uint64_t limit,
		   struct elf_image *out);

#endif
