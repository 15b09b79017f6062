// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_cpio.c - host test of kernel/cpio.c (run under ASan/UBSan).
 *
 * Archives are built here with a small newc writer, plus (argv[1], optional)
 * one written by tools/mkcpio.py, so the two sides of the format are checked
 * against each other. Every archive is copied into an exact-size heap block
 * before parsing, so ASan reports any read past its end. Beyond the valid
 * cases: every truncation, every single-byte corruption of the headers,
 * hand-made malformed headers, and compressed-image magics.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpio.h"

static int failures;

#define EXPECT(cond)                                                            \
	do {                                                                    \
		if (!(cond)) {                                                  \
			fprintf(stderr, "%s:%d: expected %s\n", __FILE__,       \
				__LINE__, #cond);                               \
			failures++;                                             \
		}                                                               \
	} while (0)

/* ---- a tiny newc writer -------------------------------------------------- */

struct ar {
	unsigned char buf[8192];
	size_t len;
	unsigned ino;
};

static void pad4(struct ar *a)
{
	while (a->len % 4)
		a->buf[a->len++] = 0;
}

/* Appends one entry; @magic is "070701" or "070702". */
static void add(struct ar *a, const char *magic, const char *name, unsigned mode,
		const void *data, size_t size, unsigned rmaj, unsigned rmin)
{
	size_t namesize = strlen(name) + 1;

	a->len += (size_t)sprintf((char *)a->buf + a->len,
		"%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08zX%08X", magic,
		++a->ino, mode, 0, 0, 1, 1234, (unsigned)size, 0, 0, rmaj, rmin,
		namesize, 0);
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	pad4(a);
	memcpy(a->buf + a->len, data, size);
	a->len += size;
	pad4(a);
}

static void trailer(struct ar *a)
{
	add(a, "070701", "TRAILER!!!", 0, "", 0, 0, 0);
}

/* ---- parsing helpers ----------------------------------------------------- */

/* An exact-size heap copy, so ASan catches any over-read. */
static unsigned char *dup_exact(const void *p, size_t n)
{
	unsigned char *d = malloc(n ? n : 1);

	memcpy(d, p, n);
	return d;
}

static bool bytes_is(struct ostd_bytes b, const char *s)
{
	return ostd_bytes_eq(b, ostd_bytes_cstr(s));
}

/* Parses @n bytes; returns the final status and the number of entries. */
static int parse_all(const void *p, size_t n, int *count, struct cpio_iter *it_out)
{
	unsigned char *copy = dup_exact(p, n);
	struct cpio_iter it;
	struct cpio_entry e;
	int r;

	*count = 0;
	cpio_iter_init(&it, ostd_bytes_of(copy, n));
	while ((r = cpio_next(&it, &e)) > 0) {
		/* touch every byte of the name and data */
		for (size_t i = 0; i < e.name.len; i++)
			EXPECT(ostd_bytes_at(e.name, i) > 0);
		for (size_t i = 0; i < e.data.len; i++)
			EXPECT(ostd_bytes_at(e.data, i) >= 0);
		EXPECT(e.data.len == e.filesize);
		(*count)++;
	}
	if (it_out)
		*it_out = it;
	free(copy);
	return r;
}

/* ---- the valid archive ---------------------------------------------------- */

static void build_sample(struct ar *a)
{
	memset(a, 0, sizeof(*a));
	add(a, "070701", "dev", 040755, "", 0, 0, 0);
	add(a, "070701", "dev/console", 020600, "", 0, 5, 1);
	add(a, "070701", "init", 0100755, "hello", 5, 0, 0);
	add(a, "070702", "four", 0100644, "abcd", 4, 0, 0);
	add(a, "070701", "empty", 0100644, "", 0, 0, 0);
	add(a, "070701", "bin/sh", 0120777, "/init", 5, 0, 0);
	trailer(a);
}

static void test_valid(void)
{
	struct ar a;
	struct cpio_iter it;
	struct cpio_entry e;
	unsigned char *copy;

	build_sample(&a);
	copy = dup_exact(a.buf, a.len);
	cpio_iter_init(&it, ostd_bytes_of(copy, a.len));

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "dev") && cpio_is_dir(&e) && e.data.len == 0);
	EXPECT(e.offset == 0 && e.ino == 1 && (e.mode & 07777) == 0755);
	EXPECT(e.nlink == 1 && e.mtime == 1234 && e.uid == 0 && e.gid == 0);

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "dev/console"));
	EXPECT((e.mode & CPIO_S_IFMT) == CPIO_S_IFCHR);
	EXPECT(e.rdevmajor == 5 && e.rdevminor == 1);

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "init") && cpio_is_reg(&e));
	EXPECT(bytes_is(e.data, "hello") && e.filesize == 5);

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "four") && bytes_is(e.data, "abcd"));

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "empty") && e.data.len == 0);

	EXPECT(cpio_next(&it, &e) == 1);
	EXPECT(bytes_is(e.name, "bin/sh") && cpio_is_symlink(&e));
	EXPECT(bytes_is(e.data, "/init"));

	EXPECT(cpio_next(&it, &e) == 0);
	EXPECT(cpio_next(&it, &e) == 0); /* the end is sticky */
	EXPECT(it.err_msg == NULL);
	free(copy);
}

static void test_empty_and_lowercase(void)
{
	struct ar a;
	int count;
	char *p;

	EXPECT(parse_all("", 0, &count, NULL) == 0 && count == 0);

	memset(&a, 0, sizeof(a));
	add(&a, "070701", "x", 0100644, "0123456789", 10, 0, 0);
	trailer(&a);
	/* lower-case hex digits are valid too: "0000000A" -> "0000000a" */
	p = memchr(a.buf, 'A', 110);
	EXPECT(p != NULL);
	if (p)
		*p = 'a';
	EXPECT(parse_all(a.buf, a.len, &count, NULL) == 0 && count == 1);
}

/* ---- truncation and corruption ---------------------------------------------- */

static void test_truncations(void)
{
	struct ar a;
	struct cpio_iter it;
	size_t trailer_off, complete;
	int count, r;

	build_sample(&a);
	trailer_off = a.len - 124; /* 110 + "TRAILER!!!\0" padded to 4 */
	complete = trailer_off + 110 + 11;
	for (size_t n = 1; n < a.len; n++) {
		r = parse_all(a.buf, n, &count, &it);
		if (n >= complete) {
			EXPECT(r == 0 && count == 6);
		} else {
			EXPECT(r == CPIO_EINVAL);
			/* a cut-off pad after an empty entry puts err_off past n */
			EXPECT(it.err_msg != NULL && it.err_off <= n + 3);
			EXPECT(count <= 6 && (count < 6 || n + 3 >= trailer_off));
		}
	}
}

static void test_corruptions(void)
{
	static const unsigned char values[] = { 0, '0', '9', 'F', 'f', 'G', 'z',
						 ' ', 0x80, 0xff };
	struct ar a;
	int count, r;

	build_sample(&a);
	for (size_t i = 0; i < a.len; i++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			unsigned char saved = a.buf[i];

			a.buf[i] = values[v];
			r = parse_all(a.buf, a.len, &count, NULL);
			EXPECT(r == 0 || r == CPIO_EINVAL);
			a.buf[i] = saved;
		}
	}
}

/* ---- hand-made malformed headers -------------------------------------------- */

/* Writes a header with the given field overrides (namesize, filesize). */
static size_t raw_header(unsigned char *buf, const char *magic, const char *filesize,
			 const char *namesize, const void *name, size_t namelen)
{
	size_t n = (size_t)sprintf((char *)buf,
		"%s%08X%08X%08X%08X%08X%08X%s%08X%08X%08X%08X%s%08X", magic, 1,
		0100644, 0, 0, 1, 0, filesize, 0, 0, 0, 0, namesize, 0);

	memcpy(buf + n, name, namelen);
	return n + namelen;
}

static void expect_einval(const void *p, size_t n, const char *what)
{
	struct cpio_iter it;
	struct cpio_entry e;
	int count;
	int r = parse_all(p, n, &count, &it);

	if (r != CPIO_EINVAL || it.err_msg == NULL) {
		fprintf(stderr, "%s: got %d, want CPIO_EINVAL\n", what, r);
		failures++;
		return;
	}
	printf("  %-28s -> EINVAL at %zu: %s\n", what, it.err_off, it.err_msg);
	/* errors are sticky */
	EXPECT(cpio_next(&it, &e) == CPIO_EINVAL);
}

static void test_malformed(void)
{
	unsigned char buf[512];
	size_t n;

	memset(buf, 0, sizeof(buf));
	n = raw_header(buf, "070707", "00000000", "00000002", "x\0\0\0", 4);
	expect_einval(buf, n, "odc magic 070707");
	n = raw_header(buf, "070701", "0000000G", "00000002", "x\0\0\0", 4);
	expect_einval(buf, n, "bad hex in filesize");
	n = raw_header(buf, "070701", "-0000001", "00000002", "x\0\0\0", 4);
	expect_einval(buf, n, "sign in filesize");
	n = raw_header(buf, "070701", "00000000", "00000000", "", 0);
	expect_einval(buf, n + 8, "namesize 0");
	n = raw_header(buf, "070701", "00000000", "00000001", "\0\0\0\0", 4);
	expect_einval(buf, n, "namesize 1 (empty name)");
	n = raw_header(buf, "070701", "00000000", "00000002", "xy\0\0", 4);
	expect_einval(buf, n, "name without NUL");
	n = raw_header(buf, "070701", "00000000", "00000004", "x\0y\0", 4);
	expect_einval(buf, n, "NUL inside name");
	n = raw_header(buf, "070701", "00000000", "FFFFFFFF", "x\0\0\0", 4);
	expect_einval(buf, n, "namesize 0xffffffff");
	n = raw_header(buf, "070701", "FFFFFFFF", "00000002", "x\0\0\0", 4);
	expect_einval(buf, n, "filesize 0xffffffff");
	n = raw_header(buf, "070701", "00000005", "00000002", "x\0abcd", 6);
	expect_einval(buf, n, "data one byte short");
	n = raw_header(buf, "070701", "00000000", "00000002", "x\0\0\0", 4);
	expect_einval(buf, n, "no trailer");
	expect_einval("0707", 4, "4-byte archive");
	expect_einval("hello world", 11, "not an archive");
}

static void test_compressed(void)
{
	static const struct {
		unsigned char magic[4];
		const char *name;
	} cases[] = {
		{ { 0x1f, 0x8b, 0x08, 0x00 }, "gzip" },
		{ { 0x42, 0x5a, 0x68, 0x39 }, "bzip2" },
		{ { 0x5d, 0x00, 0x00, 0x80 }, "lzma" },
		{ { 0xfd, 0x37, 0x7a, 0x58 }, "xz" },
		{ { 0x89, 0x4c, 0x5a, 0x4f }, "lzo" },
		{ { 0x02, 0x21, 0x4c, 0x18 }, "lz4" },
		{ { 0x28, 0xb5, 0x2f, 0xfd }, "zstd" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cpio_iter it;
		int count;
		int r = parse_all(cases[i].magic, 4, &count, &it);

		EXPECT(r == CPIO_ENOTSUP && count == 0);
		EXPECT(it.compression && strcmp(it.compression, cases[i].name) == 0);
		EXPECT(it.err_msg &&
		       strcmp(it.err_msg, "compressed initramfs is not supported") == 0);
	}
	/* a one-byte "archive" is not mistaken for anything */
	EXPECT(cpio_compression(ostd_bytes_of("\x1f", 1)) == NULL);
}

/* ---- an archive from tools/mkcpio.py ------------------------------------------ */

static void test_mkcpio_file(const char *path)
{
	static unsigned char buf[1 << 20];
	struct cpio_iter it;
	struct cpio_entry e;
	unsigned char *copy;
	size_t n;
	int r, count = 0;
	bool saw_console = false, saw_link = false;
	FILE *f = fopen(path, "rb");

	if (!f) {
		perror(path);
		failures++;
		return;
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	copy = dup_exact(buf, n);
	cpio_iter_init(&it, ostd_bytes_of(copy, n));
	while ((r = cpio_next(&it, &e)) > 0) {
		count++;
		if (bytes_is(e.name, "dev/console"))
			saw_console = e.rdevmajor == 5 && e.rdevminor == 1;
		if (bytes_is(e.name, "bin/sh"))
			saw_link = cpio_is_symlink(&e) && bytes_is(e.data, "/init");
	}
	printf("  %s: %d entries, status %d\n", path, count, r);
	EXPECT(r == 0 && count >= 4 && saw_console && saw_link);
	EXPECT(n % 512 == 0 && it.off <= n);
	free(copy);
}

int main(int argc, char **argv)
{
	test_valid();
	test_empty_and_lowercase();
	test_truncations();
	test_corruptions();
	test_malformed();
	test_compressed();
	if (argc > 1)
		test_mkcpio_file(argv[1]);
	printf("test_cpio: %s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
