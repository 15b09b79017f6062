// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_exec_image.c - host test of kernel/exec_image.c: the
 * #! line parser against the cases Linux's load_script() distinguishes
 * (interpreter and one optional argument, blanks, truncation at
 * BINPRM_BUF_SIZE, NULs, the rewrite limit, a script behind a
 * close-on-exec fd), the path lookup of the
 * temporary embedded-app image source, and exec_read_at()'s bounds.
 * Built natively with ASan/UBSan against the real ostd/bytes.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apps.h"
#include "check.h"
#include "errno.h"
#include "exec_internal.h"
#include "fs/vfs.h"

static int failures;

/* The fake embedded-app table exec_image.c looks paths up in. */
static const uint8_t script_data[] = "#!/bin/sh -e\necho hi\n";
static const uint8_t elf_data[] = "\x7f" "ELF rest of an image";
const struct app_image app_images[] = {
	{ "script", script_data, sizeof(script_data) - 1 },
	{ "power_3", elf_data, sizeof(elf_data) - 1 },
};
const size_t app_count = 2;

/*
 * The VFS half of exec_open_image() needs a task with an fs context;
 * these tests have none (ctx.task is NULL), so it is never reached.
 */
int vfs_open(struct fs_context *c, struct file *dirf, struct ostd_bytes path,
	     uint32_t flags, uint32_t mode, struct file **out)
{
	(void)c, (void)dirf, (void)path, (void)flags, (void)mode, (void)out;
	abort();
}

int vfs_reopen(struct file *f, uint32_t flags, struct file **out)
{
	(void)f, (void)flags, (void)out;
	abort();
}

int vfs_fstat(struct file *f, struct linux_stat *st)
{
	(void)f, (void)st;
	abort();
}

long vfs_pread(struct file *f, struct io_target *t, size_t len, int64_t off)
{
	(void)f, (void)t, (void)len, (void)off;
	abort();
}

int vfs_deny_write(struct file *f)
{
	(void)f;
	abort();
}

void vfs_allow_write(struct file *f)
{
	(void)f;
	abort();
}

void file_put(struct file *f)
{
	(void)f;
	abort();
}

struct io_target io_kbuf(struct vfs_kbuf *kb, size_t off)
{
	(void)kb, (void)off;
	abort();
}

static struct exec_ctx ctx;

/* Parses @head (of @len bytes) as the first bytes of a file. */
static int parse(const char *head, size_t len)
{
	memset(&ctx, 0, sizeof(ctx));
	memcpy(ctx.head, head, len);
	ctx.head_len = len;
	return exec_parse_shebang(&ctx);
}

static int parse_str(const char *head)
{
	return parse(head, strlen(head));
}

static void check_script(const char *head, const char *name, const char *arg)
{
	int r = parse_str(head);

	CHECK(r == 1);
	CHECK(ctx.ninterp == 1);
	CHECK(strcmp(ctx.interp[0].name, name) == 0);
	CHECK(ctx.interp[0].has_arg == (arg != NULL));
	if (arg)
		CHECK(strcmp(ctx.interp[0].arg, arg) == 0);
	/* The interpreter is what gets opened next. */
	CHECK(ctx.open_path.len == strlen(name));
	CHECK(strcmp(ctx.open_path.s, name) == 0);
	if (r != 1 || strcmp(ctx.interp[0].name, name) != 0)
		fprintf(stderr, "  for %.40s: got %d name '%s' arg '%s'\n",
			head, r, ctx.interp[0].name, ctx.interp[0].arg);
}

static void test_shebang_lines(void)
{
	check_script("#!/bin/sh\n", "/bin/sh", NULL);
	check_script("#! /bin/sh -e\n", "/bin/sh", "-e");
	check_script("#!/bin/sh\t-x\n", "/bin/sh", "-x");
	/* One argument: the rest of the line, inner blanks kept, trimmed. */
	check_script("#!/usr/bin/env  python3 -u  \nprint()\n",
		     "/usr/bin/env", "python3 -u");
	check_script("#!/bin/sh   \n", "/bin/sh", NULL);
	/* No newline but a short file: the NUL padding ends the name. */
	check_script("#!/interp", "/interp", NULL);
	/* A NUL ends the interpreter and hides the rest of the line. */
	check_script("#!/bin/sh\0junk -x\n", "/bin/sh", NULL);
	CHECK(parse("#!/bin/sh\0junk -x\n", 18) == 1);
	CHECK(ctx.interp[0].has_arg == false);

	CHECK(parse_str("#!\n") == -ENOEXEC);
	CHECK(parse_str("#!   \t \n") == -ENOEXEC);
	/* Linux takes an empty name here; opening it fails with ENOENT. */
	CHECK(parse_str("#!") == 1);
	CHECK(ctx.interp[0].name[0] == 0 && ctx.open_path.len == 0);
	CHECK(parse_str("#") == 0);
	CHECK(parse_str("") == 0);
	CHECK(parse_str("\x7f" "ELF") == 0);
	CHECK(parse_str("!#/bin/sh\n") == 0);
}

static void test_shebang_truncation(void)
{
	char line[400];

	/* An interpreter path longer than the buffer: refused. */
	memset(line, 'x', sizeof(line));
	memcpy(line, "#!/", 3);
	CHECK(parse(line, sizeof(line)) == -ENOEXEC);
	/* Only the argument is cut off: fine, cut at 255 bytes. */
	memcpy(line, "#!/bin/sh ", 10);
	memset(line + 10, 'a', sizeof(line) - 10);
	CHECK(parse(line, sizeof(line)) == 1);
	CHECK(strcmp(ctx.interp[0].name, "/bin/sh") == 0);
	CHECK(ctx.interp[0].has_arg);
	CHECK(strlen(ctx.interp[0].arg) == EXEC_BUF_SIZE - 1 - 10);
	/* All blanks up to the buffer's end. */
	memset(line + 2, ' ', sizeof(line) - 2);
	CHECK(parse(line, sizeof(line)) == -ENOEXEC);
}

static void test_shebang_limit(void)
{
	size_t i;

	memset(&ctx, 0, sizeof(ctx));
	for (i = 0; i < EXEC_MAX_INTERP; i++) {
		memcpy(ctx.head, "#!/next\n", 8);
		ctx.head_len = 8;
		CHECK(exec_parse_shebang(&ctx) == 1);
	}
	CHECK(ctx.ninterp == EXEC_MAX_INTERP);
	CHECK(exec_parse_shebang(&ctx) == -ELOOP);
}

/* execveat() through a close-on-exec fd: a valid #! line is -ENOENT. */
static void test_shebang_inaccessible(void)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.path_inaccessible = true;
	memcpy(ctx.head, "#!/bin/sh\n", 10);
	ctx.head_len = 10;
	CHECK(exec_parse_shebang(&ctx) == -ENOENT);
	CHECK(ctx.ninterp == 0);
	memcpy(ctx.head, "#!\n", 3);
	ctx.head_len = 3;
	CHECK(exec_parse_shebang(&ctx) == -ENOEXEC);
	memcpy(ctx.head, "\x7f" "ELF", 4);
	ctx.head_len = 4;
	CHECK(exec_parse_shebang(&ctx) == 0);
}

static int open_path(const char *path)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.open_path.len = strlen(path);
	memcpy(ctx.open_path.s, path, ctx.open_path.len);
	return exec_open_image(&ctx);
}

static void test_open(void)
{
	CHECK(open_path("/power_3") == 0);
	CHECK(ctx.file.size == sizeof(elf_data) - 1);
	CHECK(ctx.head_len == ctx.file.size);
	CHECK(memcmp(ctx.head, elf_data, ctx.head_len) == 0);
	CHECK(open_path("power_3") == 0);
	CHECK(open_path("./power_3") == 0);
	CHECK(open_path("//power_3") == 0);
	CHECK(open_path("/script") == 0);
	CHECK(exec_parse_shebang(&ctx) == 1);
	CHECK(strcmp(ctx.interp[0].arg, "-e") == 0);
	CHECK(open_path("/bin/power_3") == -ENOENT);
	CHECK(open_path("/power_") == -ENOENT);
	CHECK(open_path("/power_3x") == -ENOENT);
	CHECK(open_path("") == -ENOENT);
	CHECK(open_path("/") == -ENOENT);

	CHECK(open_path("/power_3") == 0);
	CHECK(exec_read_at(&ctx.file, 0, 4) == 4);
	CHECK(memcmp(ctx.file.buf.data, "\x7f" "ELF", 4) == 0);
	CHECK(exec_read_at(&ctx.file, ctx.file.size - 2, 2) == 2);
	CHECK(memcmp(ctx.file.buf.data, "ge", 2) == 0);
	CHECK(exec_read_at(&ctx.file, ctx.file.size - 2, 3) == -EIO);
	CHECK(exec_read_at(&ctx.file, ctx.file.size + 1, 0) == -EIO);
	CHECK(exec_read_at(&ctx.file, UINT64_MAX, 1) == -EIO);
	CHECK(exec_read_at(&ctx.file, 0, OSTD_PAGE_SIZE + 1) == -EIO);
	exec_close_image(&ctx.file);
	CHECK(ctx.file.size == 0);
}

int main(void)
{
	test_shebang_lines();
	test_shebang_truncation();
	test_shebang_limit();
	test_shebang_inaccessible();
	test_open();
	return check_report("test_exec_image", failures);
}
