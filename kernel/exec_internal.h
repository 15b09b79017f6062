/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/exec_internal.h - what exec.c, exec_image.c and exec_stack.c
 * share: the executable file handle, the argument lists, and the state of
 * one execve() while it builds the new image.
 */
#ifndef KERNEL_EXEC_INTERNAL_H
#define KERNEL_EXEC_INTERNAL_H

#include <ostd/bytes.h>
#include <ostd/types.h>
#include <ostd/user.h>

#include "elf.h"
#include "fs/io.h"
#include "task.h"

/* Linux's limits (include/uapi/linux/binfmts.h, fs/exec.c). */
#define EXEC_PATH_MAX 4096          /* PATH_MAX, with the NUL */
#define EXEC_BUF_SIZE 256           /* BINPRM_BUF_SIZE: the #! line */
#define EXEC_MAX_ARG_STRLEN (32 * OSTD_PAGE_SIZE)
#define EXEC_ARG_MAX (32 * OSTD_PAGE_SIZE)
#define EXEC_MAX_ARG_STRINGS 0x7fffffffUL
/* Interpreter rewrites before -ELOOP: Linux's exec_binprm() allows 5. */
#define EXEC_MAX_INTERP 5

struct file;

/*
 * An open executable: a VFS file, or an app embedded in the kernel.
 * Reading goes through exec_read_at() into @buf, so only exec_image.c
 * knows where the bytes come from.
 */
struct exec_file {
	struct file *vfile;      /* holds a reference; NULL: embedded */
	struct ostd_bytes image; /* the embedded app's bytes */
	uint64_t size;
	struct vfs_kbuf buf;     /* what exec_read_at() read */
};

/* A kernel-side string: a path or a piece of a #! line. */
struct exec_kstr {
	char s[EXEC_PATH_MAX];
	size_t len;
};

struct exec_interp {
	char name[EXEC_BUF_SIZE]; /* NUL-terminated */
	char arg[EXEC_BUF_SIZE];  /* NUL-terminated; empty: none */
	bool has_arg;
};

/* One execve() in progress (heap-allocated: too big for the stack). */
struct exec_ctx {
	struct kernel_task *task;
	struct exec_kstr filename; /* as passed: AT_EXECFN, comm, argv of #! */
	struct exec_kstr open_path; /* the file opened at this level */
	/*
	 * execveat(): where the first file is looked up. The #! interpreters
	 * are looked up from the working directory (Linux's open_exec).
	 */
	struct file *dirf;      /* holds a reference; NULL: cwd (AT_FDCWD) */
	bool at_empty;          /* AT_EMPTY_PATH with "": dirf's own file */
	bool nofollow;          /* AT_SYMLINK_NOFOLLOW */
	bool path_inaccessible; /* filename names a close-on-exec fd: no #! */
	struct exec_file file;
	struct elf_image elf;
	uint8_t head[OSTD_PAGE_SIZE]; /* the file's first bytes */
	size_t head_len;

	/* #! rewrites, outermost first: argv gets them innermost first. */
	size_t ninterp;
	struct exec_interp interp[EXEC_MAX_INTERP];

	/* The caller's argv and envp, in the caller's address space. */
	struct mm *umm;         /* NULL: no user arrays (a kernel spawn) */
	ostd_uaddr_t uargv;     /* 0: empty */
	ostd_uaddr_t uenvp;     /* 0: empty */
	size_t uargc;           /* counted by exec_count_args() */
	size_t uenvc;
	uint64_t strings_size;  /* every string with its NUL, incl. filename */
	size_t argc;            /* what the program sees */
	bool empty_argv0;       /* argc was 0: Linux passes "" as argv[0] */

	/* The new image. */
	struct mm *mm;
	struct ostd_user_ctx ctx;
};

/* exec_image.c */
/* Opens x->open_path into x->file and reads its head: ENOENT, EACCES
 * (not a regular file with an x bit), ETXTBSY (open for writing: the
 * file stays denied to writers until exec_close_image), ENOTDIR, ... */
int exec_open_image(struct exec_ctx *x);
void exec_close_image(struct exec_file *f);
/* Reads @n <= OSTD_PAGE_SIZE bytes at @off into f->buf.data: n or -EIO. */
long exec_read_at(struct exec_file *f, uint64_t off, size_t n);
/* If the head is a #! line, records it and sets the next path: 1; 0 if
 * not a script; negative errno for a bad one. */
int exec_parse_shebang(struct exec_ctx *x);

/* exec_stack.c */
/* Validates and measures argv and envp (E2BIG, EFAULT). */
int exec_count_args(struct exec_ctx *x);
/* Writes the strings, argv, envp and auxv; sets x->ctx's sp. */
int exec_build_stack(struct exec_ctx *x);

#endif
