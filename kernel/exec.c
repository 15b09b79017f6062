// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec.c - execve(2), execveat(2) and the first program of a
 * process: find the file (exec_image.c: the dirfd, #! scripts), map its
 * ELF segments into a new address space, build the initial stack
 * (exec_stack.c), and only then, when nothing can fail any more, replace
 * the caller's image. A failed exec therefore leaves the caller exactly as
 * it was.
 *
 * elf.c has already proved every segment lies inside the file and below
 * the stack's reach, so mapping only creates areas (kernel/mm pages them
 * in on demand). A segment of a VFS file that has its pages to itself is
 * mapped like Linux's elf_map(): a private (copy-on-write) file mapping
 * of the page cache, so text is never copied and stays at the same
 * physical frames from one exec to the next. Its file part ends where the
 * file bytes end only when a bss follows (p_memsz > p_filesz): the rest of
 * that last page is cleared in a private copy and the bss beyond it is
 * anonymous memory. Without a bss the whole last page comes from the file,
 * as on Linux.
 *
 * Otherwise (an app embedded in the kernel, which is no file; a page two
 * segments share, when the linker packs them; a segment whose address and
 * file offset disagree modulo the page size) the segment is copied: it
 * becomes a writable anonymous area, its file bytes are copied in, and
 * then it gets its real permissions. Fresh pages are zeroed, so the bss
 * tail needs no explicit clearing. A shared page gets the union of both
 * segments' permissions, like Linux's overlapping mmaps would give. The
 * stack is a demand-paged area growing down to RLIMIT_STACK.
 *
 * The new space keeps the ELF file as its executable (mm_set_exe_file),
 * which denies it to writers (ETXTBSY) while any space runs it: from the
 * open here, through fork, until the last space running it execs
 * something else or exits.
 *
 * A position-independent executable (ET_DYN without PT_INTERP, a
 * static-PIE) is loaded at ELF_DYN_BASE, 2/3 of the way up user space
 * like Linux's ELF_ET_DYN_BASE; PT_INTERP is refused (-ENOEXEC): there
 * is no dynamic linker.
 */
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/vm.h>

#include "elf.h"
#include "errno.h"
#include "exec.h"
#include "exec_internal.h"
#include "fs/vfs.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"
#include "task_files.h"
#include "thread.h"
#include "uapi/fcntl.h"
#include "uapi/resource.h"

static uint64_t page_down(uint64_t a)
{
	return a - a % OSTD_PAGE_SIZE;
}

/* Copies @n file bytes at @off to user address @va (demand-paged). */
static int exec_copy(struct mm *mm, uint64_t va, struct exec_file *f,
		     uint64_t off, size_t n)
{
	size_t done = 0;

	while (done < n) {
		size_t step = n - done;
		long got;
		int err;

		if (step > sizeof(f->buf.data))
			step = sizeof(f->buf.data);
		got = exec_read_at(f, off + done, step);
		if (got < 0)
			return got;
		err = mm_copy_to_user(mm, va + done, f->buf.data, step);
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
 * Whether segment @idx can be a file mapping: the image is a VFS file,
 * the segment shares none of its pages with another segment, and its
 * address and file offset are congruent modulo the page size.
 */
static bool seg_file_mapped(const struct exec_file *f,
			    const struct elf_image *img, size_t idx)
{
	const struct elf_segment *s = &img->segs[idx];
	uint64_t lo = page_down(s->vaddr);
	uint64_t hi = page_up(s->vaddr + s->memsz);
	size_t j;

	if (!f->vfile || s->vaddr % OSTD_PAGE_SIZE != s->offset % OSTD_PAGE_SIZE)
		return false;
	for (j = 0; j < img->nsegs; j++) {
		const struct elf_segment *o = &img->segs[j];

		if (j != idx && o->memsz > 0 &&
		    page_down(o->vaddr) < hi &&
		    lo < page_up(o->vaddr + o->memsz))
			return false;
	}
	return true;
}

/* Maps segment @s as a private mapping of the file's page cache. */
static int exec_map_file_segment(struct mm *mm, struct exec_file *f,
				 const struct elf_segment *s)
{
	uint64_t lo = page_down(s->vaddr);
	uint64_t hi = page_up(s->vaddr + s->memsz);
	/* Without a bss the last page is all file, like Linux's elf_map(). */
	uint64_t filesz = hi - lo;

	if (s->memsz > s->filesz)
		filesz = (s->vaddr - lo) + s->filesz;
	return mm_map_file_fixed(mm, lo, hi - lo, s->prot, file_vma(f->vfile),
				 page_down(s->offset), filesz);
}

/*
 * Maps segment @idx: from the page cache if it may be (see above);
 * otherwise as a writable anonymous area, with its file bytes copied in
 * and the bss tail left zero (fresh pages are zeroed). A page an earlier
 * segment already mapped is not mapped again.
 */
static int exec_map_segment(struct mm *mm, struct exec_file *f,
			    const struct elf_image *img, size_t idx)
{
	const struct elf_segment *s = &img->segs[idx];
	uint64_t lo = page_down(s->vaddr);
	uint64_t hi = page_up(s->vaddr + s->memsz);
	size_t j;

	if (lo >= hi)
		return 0; /* an empty segment maps nothing */
	if (seg_file_mapped(f, img, idx))
		return exec_map_file_segment(mm, f, s);
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
	return exec_copy(mm, s->vaddr, f, s->offset, s->filesz);
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


/* Maps every segment, sets the heap base and creates the stack area. */
static int exec_map_image(struct exec_ctx *x)
{
	const struct elf_image *img = &x->elf;
	uint64_t brk = 0;
	size_t i;
	int err;

	for (i = 0; i < img->nsegs; i++) {
		err = exec_map_segment(x->mm, &x->file, img, i);
		if (err < 0)
			return err;
		if (img->segs[i].vaddr + img->segs[i].memsz > brk)
			brk = img->segs[i].vaddr + img->segs[i].memsz;
	}
	for (i = 0; i < img->nsegs; i++) {
		/* A file mapping got its permissions when it was made. */
		if (seg_file_mapped(&x->file, img, i))
			continue;
		err = exec_protect_segment(x->mm, img, &img->segs[i]);
		if (err < 0)
			return err;
	}
	mm_set_brk_base(x->mm, brk);
	err = mm_setup_stack(x->mm, USER_STACK_TOP,
			     x->task->rlim[RLIMIT_STACK].cur);
	if (err == 0)
		err = sigframe_map_trampoline(x->mm); /* handlers return there */
	return err;
}

/* Builds the whole new image in x->mm; on failure nothing is left. */
static int exec_build(struct exec_ctx *x)
{
	int err = 0;

	x->mm = mm_create();
	if (!x->mm)
		return -ENOMEM;
	mm_set_rlimit_as(x->mm, x->task->rlim[RLIMIT_AS].cur);
	/* The file that is mapped: a #! script's interpreter, as Linux. */
	if (x->file.vfile)
		err = mm_set_exe_file(x->mm, file_vma(x->file.vfile));
	if (err == 0)
		err = exec_map_image(x);
	if (err == 0)
		err = exec_build_stack(x);
	if (err < 0) {
		mm_destroy(x->mm);
		x->mm = NULL;
	}
	return err;
}

/*
 * Opens x->open_path (exec_at() set it up), counts the caller's arguments
 * (a missing file wins over a bad argv), and follows #! lines to the ELF
 * file, which is left open and parsed in x->elf.
 */
static int exec_find(struct exec_ctx *x)
{
	int err;

	err = exec_open_image(x);
	if (err < 0)
		return err;
	err = exec_count_args(x);
	for (;;) {
		if (err == 0)
			err = exec_parse_shebang(x);
		if (err != 1)
			break;
		exec_close_image(&x->file);
		err = exec_open_image(x);
		if (err < 0)
			return err; /* nothing is open */
	}
	if (err == 0 &&
	    elf_parse_head(ostd_bytes_of(x->head, x->head_len), x->file.size,
			   USER_STACK_GUARD, &x->elf) < 0)
		err = -ENOEXEC;
	if (err < 0)
		exec_close_image(&x->file);
	return err;
}

/* comm: the last component of the path, cut to TASK_NAME_LEN - 1. */
static void exec_set_comm(struct kernel_task *t, const struct exec_kstr *path)
{
	struct ostd_bytes p = ostd_bytes_of(path->s, path->len);
	size_t start = 0;
	long slash = -1;

	while ((slash = ostd_bytes_find(p, start, '/')) >= 0)
		start = slash + 1;
	ostd_mem_set(t->name, 0, sizeof(t->name));
	ostd_bytes_copy(p, start, t->name, sizeof(t->name) - 1);
}

/*
 * The point of no return: the new image replaces the old one. A vfork
 * child's old space is its parent's, which gets it back untouched.
 */
static void exec_commit(struct exec_ctx *x)
{
	struct kernel_task *t = x->task;
	struct mm *old;
	bool shared = t->mm_shared;

	/* Linux's de_thread(): the other threads die, @t is the process. */
	thread_de_thread(t);
	old = t->mm;

	if (shared && t->clear_child_tid) {
		uint32_t zero = 0;

		/* Linux's mm_release(): the space lives on, so clear the tid. */
		(void)mm_copy_to_user(old, t->clear_child_tid, &zero,
				      sizeof(zero));
	}
	t->clear_child_tid = 0;
	/* The old space must not be active when it is destroyed. */
	ostd_vmspace_activate(mm_vmspace(x->mm));
	t->mm = x->mm;
	t->mm_shared = false;
	x->mm = NULL;
	if (!shared)
		mm_destroy(old);
	/* A vfork parent (CLONE_VFORK, with or without CLONE_VM) goes on. */
	proc_vfork_release(t);
	t->ctx = x->ctx;
	ostd_user_fp_changed(&t->ctx);
	exec_set_comm(t, &x->filename);
	t->did_exec = true;
	/* SET_PERSONALITY(): PER_LINUX, the persona's flags stay. */
	t->personality &= ~0xffU;
	signal_exec(t);
	task_files_exec(t); /* close-on-exec */
}

/* "/dev/fd/<dirfd>" or "/dev/fd/<dirfd>/<path>": Linux's bprm->fdpath. */
static int exec_fd_name(struct exec_ctx *x, int dirfd)
{
	int n;

	if (x->open_path.len == 0)
		n = ostd_snprintf(x->filename.s, sizeof(x->filename.s),
				  "/dev/fd/%d", dirfd);
	else
		n = ostd_snprintf(x->filename.s, sizeof(x->filename.s),
				  "/dev/fd/%d/%s", dirfd, x->open_path.s);
	/* Linux has no limit here; ours is the buffer's (ENAMETOOLONG). */
	if (n < 0 || n >= EXEC_PATH_MAX)
		return -ENAMETOOLONG;
	x->filename.len = n;
	return 0;
}

/*
 * execveat()'s first steps (Linux's getname, alloc_bprm and the checks of
 * do_open_execat): copies the user path @upath into x->open_path, checks
 * @flags (-EINVAL), takes @dirfd's file for a relative or empty path
 * (-EBADF) and names the program in x->filename: the path itself, or
 * "/dev/fd/<dirfd>[/<path>]" when it is found through a dirfd, as Linux's
 * bprm->fdpath (AT_EXECFN, comm, a script's argument).
 */
static int exec_at(struct exec_ctx *x, int dirfd, ostd_uaddr_t upath,
		   unsigned flags)
{
	struct kernel_task *t = x->task;
	long n = mm_strncpy_from_user(t->mm, x->open_path.s, upath,
				      sizeof(x->open_path.s));

	if (n < 0)
		return n;
	x->open_path.len = n;
	if (n == 0 && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	x->nofollow = (flags & AT_SYMLINK_NOFOLLOW) != 0;
	x->at_empty = n == 0;
	/* "" from the working directory opens a directory. */
	if (n == 0 && dirfd == AT_FDCWD)
		return -EACCES;
	if (dirfd == AT_FDCWD || x->open_path.s[0] == '/') {
		x->filename = x->open_path;
		return 0;
	}
	x->dirf = fsargs_file(t, dirfd);
	if (!x->dirf)
		return -EBADF;
	x->path_inaccessible = fd_get_cloexec(t->fdt, dirfd) > 0;
	return exec_fd_name(x, dirfd);
}

long exec_execveat(struct kernel_task *t, int dirfd, ostd_uaddr_t path,
		   ostd_uaddr_t argv, ostd_uaddr_t envp, unsigned flags)
{
	struct exec_ctx *x = OSTD_NEW(struct exec_ctx);
	long err;

	if (!x)
		return -ENOMEM;
	x->task = t;
	x->umm = t->mm;
	x->uargv = argv;
	x->uenvp = envp;
	err = exec_at(x, dirfd, path, flags);
	if (err == 0)
		err = exec_find(x);
	if (err == 0) {
		err = exec_build(x);
		exec_close_image(&x->file);
	}
	if (err == 0)
		exec_commit(x);
	if (x->dirf)
		file_put(x->dirf);
	ostd_heap_free(x);
	return err;
}

long exec_execve(struct kernel_task *t, ostd_uaddr_t path, ostd_uaddr_t argv,
		 ostd_uaddr_t envp)
{
	return exec_execveat(t, AT_FDCWD, path, argv, envp, 0);
}

int exec_spawn(struct kernel_task *t, const char *name,
	       struct ostd_bytes image)
{
	struct exec_ctx *x = OSTD_NEW(struct exec_ctx);
	long n;
	int err = -ENOEXEC;

	if (!x)
		return -ENOMEM;
	x->task = t;
	x->filename.len = ostd_bytes_copy(ostd_bytes_cstr(name), 0,
					  x->filename.s,
					  sizeof(x->filename.s) - 1);
	x->file.image = image;
	x->file.size = image.len;
	n = exec_read_at(&x->file, 0,
			 image.len < sizeof(x->head) ? image.len
						     : sizeof(x->head));
	if (n >= 0) {
		x->head_len = n;
		ostd_mem_copy(x->head, x->file.buf.data, x->head_len);
		err = elf_parse_head(ostd_bytes_of(x->head, x->head_len),
				     image.len, USER_STACK_GUARD, &x->elf);
	}
	if (err == 0)
		err = exec_build(x);
	if (err == 0) {
		t->mm = x->mm;
		t->ctx = x->ctx;
	}
	ostd_heap_free(x);
	return err;
}
