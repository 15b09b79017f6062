// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec.c - mapping a parsed ELF image and the initial user stack.
 *
 * elf.c has already proved every segment lies inside the file and below
 * the stack guard, so this file only allocates frames, copies bytes and
 * maps pages. Frames come zeroed, so the bss tail of a segment ([filesz,
 * memsz)) needs no explicit clearing. Two segments may share a page (when
 * the linker packs them); the page is then mapped once with the union of
 * both permissions, like Linux's overlapping mmaps would give.
 */
#include <ostd/frame.h>

#include "elf.h"
#include "errno.h"
#include "exec.h"

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

/* Copies @n image bytes at @off into frame @f at @frame_off. */
static int exec_copy(struct ostd_frame *f, size_t frame_off,
		     struct ostd_bytes image, uint64_t off, size_t n)
{
	uint8_t buf[EXEC_COPY_CHUNK];
	size_t done = 0;

	while (done < n) {
		size_t step = n - done < sizeof(buf) ? n - done : sizeof(buf);

		if (ostd_bytes_copy(image, off + done, buf, step) != step)
			return -ENOEXEC;
		if (ostd_frame_write(f, frame_off + done, buf, step) < 0)
			return -ENOEXEC;
		done += step;
	}
	return 0;
}

/* The frame mapped at @va, mapping a new zeroed one with @prot if none. */
static struct ostd_frame *exec_page(struct ostd_vmspace *vs, uint64_t va,
				    unsigned prot, int *err)
{
	unsigned old;
	struct ostd_frame *f = ostd_vmspace_query(vs, va, &old);

	if (f) {
		/* A page shared with an earlier segment. */
		*err = ostd_vmspace_protect(vs, va, OSTD_PAGE_SIZE, old | prot);
		return *err < 0 ? NULL : f;
	}
	f = ostd_frame_alloc();
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	*err = ostd_vmspace_map(vs, va, f, prot);
	/* The mapping holds its own reference; drop ours. */
	ostd_frame_put(f);
	return *err < 0 ? NULL : f;
}

static int exec_map_segment(struct ostd_vmspace *vs, struct ostd_bytes image,
			    const struct elf_segment *s)
{
	uint64_t file_end = s->vaddr + s->filesz;
	uint64_t va;

	for (va = page_down(s->vaddr); va < s->vaddr + s->memsz;
	     va += OSTD_PAGE_SIZE) {
		uint64_t lo = va > s->vaddr ? va : s->vaddr;
		uint64_t hi = va + OSTD_PAGE_SIZE;
		int err;
		struct ostd_frame *f = exec_page(vs, va, s->prot, &err);

		if (!f)
			return err;
		if (hi > file_end)
			hi = file_end;
		if (lo < hi) {
			err = exec_copy(f, lo - va, image,
					s->offset + (lo - s->vaddr), hi - lo);
			if (err < 0)
				return err;
		}
	}
	return 0;
}

static int exec_map_stack(struct ostd_vmspace *vs)
{
	uint64_t va;

	for (va = USER_STACK_BOTTOM; va < USER_STACK_TOP; va += OSTD_PAGE_SIZE) {
		int err;

		if (!exec_page(vs, va, OSTD_PROT_READ | OSTD_PROT_WRITE, &err))
			return err;
	}
	return 0;
}

/* Writes argc/argv/envp/auxv below the top; returns the new sp or 0. */
static uint64_t exec_push_initial(struct ostd_vmspace *vs,
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

	if (ostd_vmspace_write(vs, sp, &st, sizeof(st), NULL) < 0)
		return 0;
	return sp;
}

int exec_load(struct ostd_vmspace *vs, struct ostd_bytes image,
	      struct ostd_user_ctx *ctx)
{
	struct elf_image img;
	uint64_t sp;
	size_t i;
	int err = elf_parse(image, USER_STACK_GUARD, &img);

	if (err < 0)
		return err;
	for (i = 0; i < img.nsegs; i++) {
		err = exec_map_segment(vs, image, &img.segs[i]);
		if (err < 0)
			return err;
	}
	err = exec_map_stack(vs);
	if (err < 0)
		return err;
	sp = exec_push_initial(vs, &img);
	if (!sp)
		return -ENOMEM;
	ostd_mem_set(ctx, 0, sizeof(*ctx));
	ctx->pc = img.entry;
	ctx->regs[OSTD_REG_SP] = sp;
	return 0;
}
