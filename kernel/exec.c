// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec.c - mapping a parsed ELF image and the initial user stack.
 *
 * elf.c has already proved every segment lies inside the file and below
 * the stack's reach, so this file only creates areas and copies bytes
 * (kernel/mm pages them in on demand). Each segment becomes a writable
 * anonymous area first, its file bytes are copied in, and then it gets its
 * real permissions. Fresh pages are zeroed, so the bss tail of a segment
 * ([filesz, memsz)) needs no explicit clearing. Two segments may share a
 * page (when the linker packs them); the page then gets the union of both
 * permissions, like Linux's overlapping mmaps would give. The stack is a
 * demand-paged area growing down to RLIMIT_STACK.
 */
#include <ostd/frame.h>

#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "mm/mm.h"

/* Bytes copied from the image to a frame per step (kernel stack buffer). */
#define EXEC_COPY_CHUNK 512

/* auxv keys (include/uapi/linux/auxvec.h). */
enum {
	AT_NULL = 0,
	AT_PHDR = 3,
	AT_PHENT = 4,
	AT_PHNUM = 5,
	AT_PAGESZ = 6,
	AT_ENTRY = 9,
};

/*
 * The initial stack from sp upwards: argc, argv[] = { NULL },
 * envp[] = { NULL }, then auxv pairs ending with AT_NULL.
 */
struct exec_stack {
	uint64_t words[16]; /* 15 used, rounded to 16 bytes */
};
_Static_assert(sizeof(struct exec_stack) % 16 == 0, "sp must stay aligned");

static uint64_t page_down(uint64_t a)
{
	return a - a % OSTD_PAGE_SIZE;
}

/* Copies @n image bytes at @off to user address @va (demand-paged). */
static int exec_copy(struct mm *mm, uint64_t va, struct ostd_bytes image,
		     uint64_t off, size_t n)
{
	uint8_t buf[EXEC_COPY_CHUNK];
	size_t done = 0;

	while (done < n) {
		size_t step = n - done < sizeof(buf) ? n - done : sizeof(buf);
		int err;

		if (ostd_bytes_copy(image, off + done, buf, step) != step)
			return -ENOEXEC;
		err = mm_copy_to_user(mm, va + done, buf, step);
		if (err < 0)
			return err;
		done += step;
	}
	return 0;
}

static uint64_t page_up(uint64_t a)
{
	return page_down(a + OSTD_PAGE_SIZE - 1);
}

/* Whether segment @s has a byte in the page at @page. */
static bool seg_has_page(const struct elf_segment *s, uint64_t page)
{
	return page_down(s->vaddr) <= page && page < page_up(s->vaddr + s->memsz);
}

/* The union of the permissions of every segment touching @page. */
static unsigned page_prot(const struct elf_image *img, uint64_t page)
{
	unsigned prot = 0;
	size_t i;

	for (i = 0; i < img->nsegs; i++) {
		if (seg_has_page(&img->segs[i], page))
			prot |= img->segs[i].prot;
	}
	return prot;
}

/*
 * Maps segment @idx as a writable anonymous area and copies its file
 * bytes in; the bss tail stays zero (fresh pages are zeroed). A page an
 * earlier segment already mapped is not mapped again.
 */
static int exec_map_segment(struct mm *mm, struct ostd_bytes image,
			    const struct elf_image *img, size_t idx)
{
	const struct elf_segment *s = &img->segs[idx];
	uint64_t lo = page_down(s->vaddr);
	uint64_t hi = page_up(s->vaddr + s->memsz);
	size_t j;

	for (j = 0; j < idx; j++) {
		if (lo < hi && seg_has_page(&img->segs[j], lo))
			lo += OSTD_PAGE_SIZE;
		if (lo < hi && seg_has_page(&img->segs[j], hi - OSTD_PAGE_SIZE))
			hi -= OSTD_PAGE_SIZE;
	}
	if (lo < hi) {
		int err = mm_map_anon_fixed(mm, lo, hi - lo,
					    OSTD_PROT_READ | OSTD_PROT_WRITE);

		if (err < 0)
			return err;
	}
	return exec_copy(mm, s->vaddr, image, s->offset, s->filesz);
}

/*
 * Gives each segment its own permissions; a page two segments share gets
 * the union of both, as Linux's overlapping mmaps would.
 */
static int exec_protect_segment(struct mm *mm, const struct elf_image *img,
				const struct elf_segment *s)
{
	uint64_t lo = page_down(s->vaddr);
	uint64_t hi = page_up(s->vaddr + s->memsz);
	uint64_t last = hi - OSTD_PAGE_SIZE;
	int err;

	if (lo >= hi)
		return 0; /* an empty segment maps nothing */
	err = mm_mprotect(mm, lo, OSTD_PAGE_SIZE, page_prot(img, lo));
	if (err == 0 && last != lo)
		err = mm_mprotect(mm, last, OSTD_PAGE_SIZE, page_prot(img, last));
	if (err == 0 && hi - lo > 2 * OSTD_PAGE_SIZE)
		err = mm_mprotect(mm, lo + OSTD_PAGE_SIZE,
				  hi - lo - 2 * OSTD_PAGE_SIZE, s->prot);
	return err;
}

/* Writes argc/argv/envp/auxv below the top; returns the new sp or 0. */
static uint64_t exec_push_initial(struct mm *mm,
				  const struct elf_image *img)
{
	struct exec_stack st = { {
		0,                      /* argc */
		0,                      /* argv[0] = NULL */
		0,                      /* envp[0] = NULL */
		AT_PHDR, img->phdr_vaddr,
		AT_PHENT, ELF64_PHDR_SIZE,
		/* No AT_PHDR address means no headers to walk. */
		AT_PHNUM, img->phdr_vaddr ? img->phnum : 0,
		AT_PAGESZ, OSTD_PAGE_SIZE,
		AT_ENTRY, img->entry,
		AT_NULL, 0,
	} };
	/* The psABI wants sp 16-byte aligned at process entry. */
	uint64_t sp = USER_STACK_TOP - sizeof(st);

	if (mm_copy_to_user(mm, sp, &st, sizeof(st)) < 0)
		return 0;
	return sp;
}

int exec_load(struct mm *mm, struct ostd_bytes image,
	      struct ostd_user_ctx *ctx)
{
	struct elf_image img;
	uint64_t sp, brk = 0;
	size_t i;
	int err = elf_parse(image, USER_STACK_GUARD, &img);

	if (err < 0)
		return err;
	for (i = 0; i < img.nsegs; i++) {
		err = exec_map_segment(mm, image, &img, i);
		if (err < 0)
			return err;
		if (img.segs[i].vaddr + img.segs[i].memsz > brk)
			brk = img.segs[i].vaddr + img.segs[i].memsz;
	}
	for (i = 0; i < img.nsegs; i++) {
		err = exec_protect_segment(mm, &img, &img.segs[i]);
		if (err < 0)
			return err;
	}
	mm_set_brk_base(mm, brk);
	err = mm_setup_stack(mm, USER_STACK_TOP, MM_STACK_LIMIT_DEFAULT);
	if (err < 0)
		return err;
	sp = exec_push_initial(mm, &img);
	if (!sp)
		return -ENOMEM;
	ostd_mem_set(ctx, 0, sizeof(*ctx));
	ctx->pc = img.entry;
	ctx->regs[OSTD_REG_SP] = sp;
	return 0;
}
