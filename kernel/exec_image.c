// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec_image.c - where execve() finds a program, and #! scripts.
 *
 * The first file may be looked up from execveat()'s dirfd (exec.c sets
 * x->dirf), or be the dirfd's own file ("" with AT_EMPTY_PATH), opened
 * anew as Linux does, so O_PATH fds work. A script found that way whose
 * dirfd is close-on-exec is refused with -ENOENT: its "/dev/fd/N" name
 * will not exist in the new program (Linux's
 * BINPRM_FLAGS_PATH_INACCESSIBLE).
 *
 * exec_open_image() is the one place that knows the source of executable
 * bytes: the VFS (the process's root and cwd), as Linux's open_exec():
 * a regular file with some x bit (root may run anything else), or
 * -EACCES, or -ETXTBSY if it is open for writing (denied to writers while
 * exec has it open). Apps embedded in the kernel (apps.h) are not files yet, so a
 * path the VFS does not have falls back to their table: "/name" (or
 * "name") names the app `name`.
 *
 * exec_parse_shebang() is Linux's load_script() (fs/binfmt_script.c),
 * ported line by line to indexes: the #! line must fit in the first
 * BINPRM_BUF_SIZE bytes unless only the argument is cut off, the
 * interpreter is the first word, and the rest of the line (trimmed) is one
 * optional argument.
 */
#include "apps.h"
#include "errno.h"
#include "exec_internal.h"
#include "fs/vfs.h"
#include "uapi/fcntl.h"
#include "uapi/stat.h"

/* The path with leading "/" and "./" removed: the app name to look up. */
static bool exec_app_name(const struct exec_kstr *path, struct ostd_bytes *out)
{
	struct ostd_bytes p = ostd_bytes_of(path->s, path->len);
	size_t i = 0;

	for (;;) {
		if (ostd_bytes_at(p, i) == '/') {
			i++;
		} else if (ostd_bytes_at(p, i) == '.' &&
			   ostd_bytes_at(p, i + 1) == '/') {
			i += 2;
		} else {
			break;
		}
	}
	if (!ostd_bytes_sub(p, i, p.len - i, out))
		return false;
	/* The table is flat: a name with a '/' left is in no directory. */
	return out->len > 0 && ostd_bytes_find(*out, 0, '/') < 0;
}

/* The embedded app x->open_path names: -ENOENT if none. */
static int exec_open_app(struct exec_ctx *x)
{
	struct ostd_bytes name;
	size_t i;

	if (!exec_app_name(&x->open_path, &name))
		return -ENOENT;
	for (i = 0; i < app_count; i++) {
		const struct app_image *app = &app_images[i];

		if (ostd_bytes_eq(name, ostd_bytes_cstr(app->name))) {
			x->file.image = ostd_bytes_of(app->data, app->size);
			x->file.size = app->size;
			return 0;
		}
	}
	return -ENOENT;
}

/*
 * Opens this level's file: x->open_path, from x->dirf at the first level
 * (with AT_SYMLINK_NOFOLLOW), or x->dirf's own file for AT_EMPTY_PATH,
 * which is not reopened unless it is a regular file (a FIFO's open could
 * block): -EACCES otherwise, as Linux's may_open() for MAY_EXEC.
 */
static int exec_open_file(struct exec_ctx *x, struct file **f)
{
	bool first = x->ninterp == 0;
	uint32_t flags = O_RDONLY;
	struct linux_stat st;
	int err;

	if (first && x->at_empty) {
		err = vfs_fstat(x->dirf, &st);
		if (err == 0 && (st.st_mode & S_IFMT) != S_IFREG &&
		    (st.st_mode & S_IFMT) != S_IFLNK)
			err = -EACCES;
		return err < 0 ? err : vfs_reopen(x->dirf, flags, f);
	}
	if (first && x->nofollow)
		flags |= O_NOFOLLOW;
	return vfs_open(x->task->fs, first ? x->dirf : NULL,
			ostd_bytes_of(x->open_path.s, x->open_path.len), flags,
			0, f);
}

/*
 * This level's file in the VFS: a regular file with an x bit, else
 * -EACCES; and, like Linux's do_open_execat(), one that nobody has open
 * for writing (-ETXTBSY), kept so while it is open here.
 */
static int exec_open_vfs(struct exec_ctx *x)
{
	struct linux_stat st;
	struct file *f;
	int err;

	if (!x->task || !x->task->fs)
		return -ENOENT;
	err = exec_open_file(x, &f);
	if (err < 0)
		return err;
	err = vfs_fstat(f, &st);
	if (err == 0 && ((st.st_mode & S_IFMT) != S_IFREG ||
			 !(st.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH))))
		err = -EACCES;
	if (err == 0)
		err = vfs_deny_write(f); /* -ETXTBSY: open for writing */
	if (err < 0) {
		file_put(f);
		return err;
	}
	x->file.vfile = f;
	x->file.size = st.st_size;
	return 0;
}

int exec_open_image(struct exec_ctx *x)
{
	size_t n;
	long got;
	int err;

	if (x->open_path.len == 0 && !(x->at_empty && x->ninterp == 0))
		return -ENOENT;
	err = exec_open_vfs(x);
	/* Apps are looked up by name only: not through a dirfd. */
	if (err == -ENOENT && (!x->dirf || x->ninterp > 0))
		err = exec_open_app(x);
	if (err < 0)
		return err;
	n = x->file.size < sizeof(x->head) ? x->file.size : sizeof(x->head);
	got = exec_read_at(&x->file, 0, n);
	if (got < 0) {
		exec_close_image(&x->file);
		return got;
	}
	ostd_mem_copy(x->head, x->file.buf.data, n);
	x->head_len = n;
	return 0;
}

void exec_close_image(struct exec_file *f)
{
	if (f->vfile) {
		vfs_allow_write(f->vfile);
		file_put(f->vfile);
	}
	f->vfile = NULL;
	f->image = ostd_bytes_empty();
	f->size = 0;
}

long exec_read_at(struct exec_file *f, uint64_t off, size_t n)
{
	struct io_target t;
	long want = n, got;

	if (n > sizeof(f->buf.data) || off > f->size || n > f->size - off)
		return -EIO;
	if (!f->vfile)
		return ostd_bytes_copy(f->image, off, f->buf.data, n) == n ? want
									: -EIO;
	t = io_kbuf(&f->buf, 0);
	got = vfs_pread(f->vfile, &t, n, off);
	/* The file shrank under us, or could not be read. */
	return got == want ? got : -EIO;
}

/* The #! line, NUL-padded like Linux's zeroed bprm->buf. */
struct shebang_buf {
	uint8_t c[EXEC_BUF_SIZE];
};

static bool spacetab(uint8_t c)
{
	return c == ' ' || c == '\t';
}

/* First index in [first, last] (inclusive) not a space/tab, or -1. */
static long next_non_spacetab(const struct shebang_buf *b, long first,
			      long last)
{
	for (; first <= last; first++) {
		if (!spacetab(b->c[first]))
			return first;
	}
	return -1;
}

/* First index in [first, last] that is a space, tab or NUL, or -1. */
static long next_terminator(const struct shebang_buf *b, long first,
			    long last)
{
	for (; first <= last; first++) {
		if (spacetab(b->c[first]) || b->c[first] == 0)
			return first;
	}
	return -1;
}

/* Copies b->c[from, to) up to its first NUL into @dst (size EXEC_BUF_SIZE). */
static void shebang_copy(const struct shebang_buf *b, long from, long to,
			 char *dst)
{
	struct ostd_bytes all = ostd_bytes_of(b->c, sizeof(b->c));
	struct ostd_bytes part;
	long nul;
	size_t n;

	ostd_mem_set(dst, 0, EXEC_BUF_SIZE);
	if (from >= to || !ostd_bytes_sub(all, from, to - from, &part))
		return;
	nul = ostd_bytes_find(part, 0, 0);
	n = part.len;
	if (nul >= 0)
		n = nul;
	ostd_bytes_copy(part, 0, dst, n);
}

/* The end of the interpreter line (exclusive), or -1: -ENOEXEC. */
static long shebang_line_end(const struct shebang_buf *b)
{
	long buf_end = EXEC_BUF_SIZE - 1;
	long i_end = ostd_bytes_find(ostd_bytes_of(b->c, sizeof(b->c)), 0,
				     '\n');

	if (i_end < 0) {
		long p = next_non_spacetab(b, 2, buf_end);

		/* All blanks, or the interpreter path may be cut off. */
		if (p < 0 || next_terminator(b, p, buf_end) < 0)
			return -1;
		i_end = buf_end;
	}
	while (i_end > 2 && spacetab(b->c[i_end - 1]))
		i_end--;
	return i_end;
}

int exec_parse_shebang(struct exec_ctx *x)
{
	struct shebang_buf b = { { 0 } };
	struct exec_interp *in;
	long i_end, i_name, i_sep, i_arg = -1;

	ostd_mem_copy(b.c, x->head,
		      x->head_len < sizeof(b.c) ? x->head_len : sizeof(b.c));
	if (x->head_len < 2 || b.c[0] != '#' || b.c[1] != '!')
		return 0;
	i_end = shebang_line_end(&b);
	if (i_end < 0)
		return -ENOEXEC;
	i_name = next_non_spacetab(&b, 2, i_end);
	if (i_name < 0 || i_name == i_end)
		return -ENOEXEC;
	i_sep = next_terminator(&b, i_name, i_end);
	if (i_sep >= 0 && i_sep < i_end && b.c[i_sep] != 0)
		i_arg = next_non_spacetab(&b, i_sep, i_end);
	/* Linux's load_script(): the script's name will not exist. */
	if (x->path_inaccessible)
		return -ENOENT;
	if (x->ninterp == EXEC_MAX_INTERP)
		return -ELOOP;
	in = &x->interp[x->ninterp];
	shebang_copy(&b, i_name, i_sep >= 0 && i_sep < i_end ? i_sep : i_end,
		     in->name);
	in->has_arg = i_arg >= 0 && i_arg < i_end;
	if (in->has_arg)
		shebang_copy(&b, i_arg, i_end, in->arg);
	x->ninterp++;
	/* The interpreter is the next file to open. */
	x->open_path.len = ostd_bytes_cstr(in->name).len;
	ostd_mem_set(x->open_path.s, 0, sizeof(x->open_path.s));
	ostd_mem_copy(x->open_path.s, in->name, x->open_path.len);
	return 1;
}
