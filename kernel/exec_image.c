// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec_image.c - where execve() finds a program, and #! scripts.
 *
 * exec_open_image() is the one place that knows the source of executable
 * bytes. Until the VFS serves files to exec, the source is the table of
 * apps embedded in the kernel (apps.h): "/name" (or "name", relative to
 * "/") names the app `name`. When the VFS does, this function opens the
 * path there instead (ENOENT, EACCES for a non-regular or non-executable
 * file) and exec_read_at() reads the file; nothing else changes.
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

int exec_open_image(struct exec_ctx *x)
{
	struct ostd_bytes name;
	size_t i;
	long n;

	if (x->open_path.len == 0)
		return -ENOENT;
	if (!exec_app_name(&x->open_path, &name))
		return -ENOENT;
	for (i = 0; i < app_count; i++) {
		const struct app_image *app = &app_images[i];

		if (ostd_bytes_eq(name, ostd_bytes_cstr(app->name))) {
			x->file.image = ostd_bytes_of(app->data, app->size);
			x->file.size = app->size;
			break;
		}
	}
	if (i == app_count)
		return -ENOENT;
	n = exec_read_at(&x->file, 0, x->head,
			 x->file.size < sizeof(x->head) ? x->file.size
							: sizeof(x->head));
	if (n < 0) {
		exec_close_image(&x->file);
		return n;
	}
	x->head_len = n;
	return 0;
}

void exec_close_image(struct exec_file *f)
{
	f->image = ostd_bytes_empty();
	f->size = 0;
}

long exec_read_at(struct exec_file *f, uint64_t off, void *dst, size_t n)
{
	if (off > f->size || n > f->size - off)
		return -EIO;
	return ostd_bytes_copy(f->image, off, dst, n);
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
