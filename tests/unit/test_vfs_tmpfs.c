// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vfs_tmpfs.c - tmpfs through the VFS API: read/write and
 * lseek, sparse files, truncate, hard links, unlink while open, rename
 * rules, getdents64, device nodes, timestamps, the uapi struct layouts,
 * and copies to and from a (fake) user address space with faults.
 */
#include <stddef.h>
#include <string.h>

#include <ostd/bytes.h>
#include <ostd/vm.h>

#include "host_ostd.h"
#include "host_uspace.h"
#include "test_vfs.h"

/* kernel/mm's half of truncation, faked: records each call. */
static struct vma_mapping *unmapped_mapping;
static uint64_t unmapped_pgoff;
static int unmap_calls;

void mm_unmap_mapping(struct vma_mapping *m, uint64_t pgoff)
{
	unmapped_mapping = m;
	unmapped_pgoff = pgoff;
	unmap_calls++;
}

static void test_rw(void)
{
	struct file *f;
	struct file *g;
	char buf[64] = { 0 };

	CHECK_EQ(t_mkdir("/t"), 0);
	CHECK_EQ(t_open("/t/rw", O_CREAT | O_RDWR, &f), 0);
	CHECK_EQ(t_write(f, "hello world", 11), 11);
	CHECK_EQ(t_read(f, buf, 10), 0); /* at EOF */
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	CHECK_EQ(t_read(f, buf, 5), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(vfs_lseek(f, 1, SEEK_CUR), 6);
	CHECK_EQ(t_read(f, buf, 64), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_EQ(vfs_lseek(f, -5, SEEK_END), 6);
	CHECK_EQ(vfs_lseek(f, -100, SEEK_CUR), -EINVAL);
	CHECK_EQ(vfs_lseek(f, -1, SEEK_SET), -EINVAL);
	CHECK_EQ(vfs_lseek(f, 0, 99), -EINVAL);
	CHECK_EQ(vfs_lseek(f, 0, SEEK_CUR), 6); /* unchanged by errors */
	CHECK_EQ(vfs_lseek(f, 3, SEEK_DATA), 3);
	CHECK_EQ(vfs_lseek(f, 3, SEEK_HOLE), 11);
	CHECK_EQ(vfs_lseek(f, 11, SEEK_DATA), -ENXIO);
	CHECK_EQ(vfs_lseek(f, 100, SEEK_SET), 100); /* past EOF is fine */
	CHECK_EQ(t_read(f, buf, 4), 0);
	CHECK_EQ(t_pread(f, buf, 5, 6), 5);
	CHECK(memcmp(buf, "world", 5) == 0);
	CHECK_EQ(t_pread(f, buf, 5, -1), -EINVAL);
	file_put(f);
	/* Access modes and O_APPEND. */
	CHECK_EQ(t_open("/t/rw", O_WRONLY | O_APPEND, &f), 0);
	CHECK_EQ(t_read(f, buf, 4), -EBADF);
	CHECK_EQ(t_write(f, "!", 1), 1);
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	CHECK_EQ(t_write(f, "?", 1), 1); /* still appends */
	CHECK_EQ(vfs_lseek(f, 0, SEEK_CUR), 13);
	CHECK_EQ(vfs_file_flags(f) & (O_APPEND | O_ACCMODE), O_APPEND | O_WRONLY);
	vfs_file_set_flags(f, O_NONBLOCK | O_RDWR);
	CHECK_EQ(vfs_file_flags(f) & (O_APPEND | O_NONBLOCK | O_ACCMODE),
		 O_NONBLOCK | O_WRONLY);
	file_put(f);
	CHECK_EQ(t_slurp("/t/rw", buf, sizeof(buf)), 13);
	CHECK(strcmp(buf, "hello world!?") == 0);
	CHECK_EQ(t_open("/t/rw", O_RDONLY, &f), 0);
	CHECK_EQ(t_write(f, "x", 1), -EBADF);
	CHECK_EQ(vfs_ftruncate(f, 0), -EINVAL);
	file_put(f);
	CHECK_EQ(t_open("/t", O_RDONLY, &g), 0);
	CHECK_EQ(t_read(g, buf, 4), -EISDIR);
	CHECK_EQ(vfs_lseek(g, 0, SEEK_END), -EINVAL);
	file_put(g);
	/* umask applies to new files. */
	CHECK_EQ(fs_context_umask(ctx, 077), 022);
	CHECK_EQ(t_open("/t/masked", O_CREAT | O_WRONLY, &f), 0);
	CHECK_EQ(f->inode->mode, S_IFREG | 0600);
	file_put(f);
	CHECK_EQ(fs_context_umask(ctx, 022), 077);
}

static void test_sparse(void)
{
	static char page[4096];
	struct linux_stat st;
	struct file *f;
	size_t frames0 = host_frame_live();
	int i;

	CHECK_EQ(t_open("/t/sparse", O_CREAT | O_RDWR, &f), 0);
	CHECK_EQ(vfs_lseek(f, (1 << 20) + 10, SEEK_SET), (1 << 20) + 10);
	CHECK_EQ(t_write(f, "X", 1), 1);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_size, (1 << 20) + 11);
	CHECK_EQ(st.st_blocks, 8); /* one page */
	CHECK_EQ(t_pread(f, page, 4096, 4096), 4096);
	for (i = 0; i < 4096; i++)
		CHECK_EQ(page[i], 0);
	CHECK_EQ(t_pread(f, page, 4096, (1 << 20) + 8), 3);
	CHECK(memcmp(page, "\0\0X", 3) == 0);
	/* Far away: the page index grows a few levels. */
	CHECK_EQ(vfs_lseek(f, 1LL << 40, SEEK_SET), 1LL << 40);
	CHECK_EQ(t_write(f, "Y", 1), 1);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_blocks, 16);
	CHECK_EQ(t_pread(f, page, 2, 1LL << 40), 1);
	CHECK_EQ(page[0], 'Y');
	CHECK_EQ(t_pread(f, page, 1, (1LL << 40) - 1), 1);
	CHECK_EQ(page[0], 0);
	CHECK_EQ(host_frame_live(), frames0 + 2);
	CHECK_EQ(vfs_lseek(f, 1LL << 50, SEEK_SET), 1LL << 50);
	CHECK_EQ(t_write(f, "Z", 1), -EFBIG);
	/* Truncating below the first page frees both (the tree too). */
	CHECK_EQ(vfs_ftruncate(f, 100), 0);
	CHECK_EQ(host_frame_live(), frames0);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_blocks, 0);
	CHECK_EQ(st.st_size, 100);
	file_put(f);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/sparse"), 0), 0);
}

static void test_truncate(void)
{
	static char page[3 * 4096];
	struct linux_stat st;
	struct file *f;
	size_t frames0 = host_frame_live();
	int i;

	CHECK_EQ(t_open("/t/trunc", O_CREAT | O_RDWR, &f), 0);
	memset(page, 'A', sizeof(page));
	for (i = 0; i < 3; i++)
		CHECK_EQ(t_write(f, page, 4096), 4096);
	CHECK_EQ(host_frame_live(), frames0 + 3);
	unmap_calls = 0;
	CHECK_EQ(vfs_ftruncate(f, 5000), 0);
	/* Pages 2 and up left every address space (page 1 is partial). */
	CHECK_EQ(unmap_calls, 1);
	CHECK(unmapped_mapping == &f->inode->mapping);
	CHECK_EQ(unmapped_pgoff, 2);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_size, 5000);
	CHECK_EQ(st.st_blocks, 16);
	CHECK_EQ(host_frame_live(), frames0 + 2);
	/* Growing again: the old tail reads as zeros; nothing to unmap. */
	CHECK_EQ(vfs_ftruncate(f, 10000), 0);
	CHECK_EQ(unmap_calls, 1);
	CHECK_EQ(t_pread(f, page, 4096, 4096), 4096);
	for (i = 0; i < 4096; i++)
		CHECK_EQ(page[i], i < 5000 - 4096 ? 'A' : 0);
	CHECK_EQ(t_pread(f, page, 4096, 8192), 10000 - 8192);
	for (i = 0; i < 10000 - 8192; i++)
		CHECK_EQ(page[i], 0);
	CHECK_EQ(vfs_ftruncate(f, -1), -EINVAL);
	file_put(f);
	CHECK_EQ(vfs_truncate(ctx, NULL, B("/t/trunc"), 4096), 0);
	CHECK_EQ(t_stat("/t/trunc", &st), 0);
	CHECK_EQ(st.st_blocks, 8);
	CHECK_EQ(vfs_truncate(ctx, NULL, B("/t"), 0), -EISDIR);
	CHECK_EQ(unmap_calls, 2);
	CHECK_EQ(unmapped_pgoff, 1);
	/* O_TRUNC on open. */
	CHECK_EQ(t_open("/t/trunc", O_WRONLY | O_TRUNC, &f), 0);
	CHECK_EQ(f->inode->size, 0);
	CHECK_EQ(unmap_calls, 3);
	CHECK_EQ(unmapped_pgoff, 0);
	file_put(f);
	CHECK_EQ(host_frame_live(), frames0);
}

/* Writers and executables exclude each other (Linux's i_writecount). */
static void test_txtbsy(void)
{
	struct file *x, *w, *r;

	CHECK_EQ(t_mkfile("/t/prog", "text"), 0);
	CHECK_EQ(t_open("/t/prog", O_RDONLY, &x), 0);
	CHECK_EQ(x->inode->writecount, 0);
	CHECK_EQ(vfs_deny_write(x), 0);
	CHECK_EQ(vfs_deny_write(x), 0); /* a second space running it */
	CHECK_EQ(t_open("/t/prog", O_WRONLY, &w), -ETXTBSY);
	CHECK_EQ(t_open("/t/prog", O_RDWR | O_APPEND, &w), -ETXTBSY);
	CHECK_EQ(t_open("/t/prog", O_RDONLY | O_TRUNC, &w), -ETXTBSY);
	CHECK_EQ(t_open("/t/prog", O_CREAT | O_WRONLY, &w), -ETXTBSY);
	CHECK_EQ(vfs_truncate(ctx, NULL, B("/t/prog"), 0), -ETXTBSY);
	CHECK_EQ(x->inode->size, 4);
	/* Reading, and O_PATH even with write bits, are fine. */
	CHECK_EQ(t_open("/t/prog", O_RDONLY, &r), 0);
	file_put(r);
	CHECK_EQ(t_open("/t/prog", O_PATH | O_RDWR, &r), 0);
	file_put(r);
	vfs_allow_write(x);
	CHECK_EQ(t_open("/t/prog", O_WRONLY, &w), -ETXTBSY);
	vfs_allow_write(x);
	CHECK_EQ(x->inode->writecount, 0);
	/* Now a writer keeps executables out until its last reference. */
	CHECK_EQ(t_open("/t/prog", O_RDWR, &w), 0);
	CHECK_EQ(t_open("/t/prog", O_WRONLY, &r), 0);
	CHECK_EQ(x->inode->writecount, 2);
	CHECK_EQ(vfs_deny_write(x), -ETXTBSY);
	file_put(r);
	(void)file_get(w); /* e.g. a mapping of it */
	file_put(w);
	CHECK_EQ(vfs_deny_write(x), -ETXTBSY);
	file_put(w);
	CHECK_EQ(x->inode->writecount, 0);
	CHECK_EQ(vfs_deny_write(x), 0);
	vfs_allow_write(x);
	file_put(x);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/prog"), 0), 0);
}

static void test_links_and_unlink(void)
{
	struct linux_stat st;
	struct file *f;
	char buf[32];
	size_t heap0 = host_heap_live();
	size_t frames0 = host_frame_live();

	CHECK_EQ(t_mkfile("/t/h1", "shared"), 0);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/h1"), NULL, B("/t/h2"), 0), 0);
	CHECK_EQ(t_stat("/t/h2", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(t_ino("/t/h1"), t_ino("/t/h2"));
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/h1"), NULL, B("/t/h2"), 0), -EEXIST);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t"), NULL, B("/t/dl"), 0), -EPERM);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/none"), NULL, B("/t/x"), 0), -ENOENT);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/h1"), 0), 0);
	CHECK_EQ(t_ino("/t/h1"), -ENOENT);
	CHECK_EQ(t_stat("/t/h2", &st), 0);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(t_slurp("/t/h2", buf, sizeof(buf)), 6);
	/* A hard link to a symlink itself, unless AT_SYMLINK_FOLLOW. */
	CHECK_EQ(vfs_symlink(ctx, B("h2"), NULL, B("/t/sl")), 0);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/sl"), NULL, B("/t/sl2"), 0), 0);
	CHECK_EQ(t_lstat("/t/sl2", &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/sl"), NULL, B("/t/h3"),
			  AT_SYMLINK_FOLLOW), 0);
	CHECK_EQ(t_ino("/t/h3"), t_ino("/t/h2"));
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/sl"), 0), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/sl2"), 0), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/h3"), 0), 0);
	/* Unlink while open: the data stays until the last close. */
	CHECK_EQ(t_open("/t/h2", O_RDWR, &f), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/h2"), 0), 0);
	CHECK_EQ(t_ino("/t/h2"), -ENOENT);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(t_pread(f, buf, sizeof(buf), 0), 6);
	CHECK(memcmp(buf, "shared", 6) == 0);
	CHECK_EQ(t_write(f, "more", 4), 4);
	CHECK(host_frame_live() > frames0);
	file_put(f);
	CHECK_EQ(host_frame_live(), frames0);
	CHECK_EQ(host_heap_live(), heap0);
}

/* Rename rules and their errors. */
static void test_rename(void)
{
	struct linux_stat st;
	struct file *f;
	struct file *f2;
	char buf[32];
	size_t heap0;

	CHECK_EQ(t_mkfile("/t/r1", "one"), 0);
	CHECK_EQ(t_mkfile("/t/r2", "two"), 0);
	heap0 = host_heap_live();
	CHECK_EQ(t_open("/t/r2", O_RDONLY, &f), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r1"), NULL, B("/t/r2"), 0), 0);
	CHECK_EQ(t_ino("/t/r1"), -ENOENT);
	CHECK_EQ(t_slurp("/t/r2", buf, sizeof(buf)), 3);
	CHECK(strcmp(buf, "one") == 0);
	CHECK_EQ(t_read(f, buf, sizeof(buf)), 3); /* the replaced file */
	CHECK(memcmp(buf, "two", 3) == 0);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_nlink, 0);
	file_put(f);
	CHECK(host_heap_live() < heap0); /* the victim went */
	CHECK_EQ(t_mkdir("/t/rd"), 0);
	CHECK_EQ(t_mkdir("/t/rd/sub"), 0);
	CHECK_EQ(t_mkdir("/t/empty"), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2"), NULL, B("/t/rd"), 0), -EISDIR);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/rd"), NULL, B("/t/r2"), 0), -ENOTDIR);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/empty"), NULL, B("/t/rd"), 0),
		 -ENOTEMPTY);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/rd"), NULL, B("/t/rd/sub/in"), 0),
		 -EINVAL);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/rd"), NULL, B("/t/rd/x"), 0),
		 -EINVAL);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/none"), NULL, B("/t/x"), 0), -ENOENT);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/."), NULL, B("/t/x"), 0), -EBUSY);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2"), NULL, B("/t/.."), 0), -EBUSY);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2/"), NULL, B("/t/r3"), 0), -ENOTDIR);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2"), NULL, B("/t/r3/"), 0), -ENOTDIR);
	/* A directory onto an empty one, and ".." follows the move. */
	CHECK_EQ(t_stat("/t", &st), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/rd/sub"), NULL, B("/t/empty"), 0), 0);
	CHECK_EQ(t_ino("/t/empty/.."), t_ino("/t"));
	CHECK_EQ(t_stat("/t/rd", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(t_mkdir("/t/rd/deep"), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/empty"), NULL, B("/t/rd/deep/moved/"),
			    0), 0);
	CHECK_EQ(t_ino("/t/rd/deep/moved/.."), t_ino("/t/rd/deep"));
	CHECK_EQ(t_stat("/t/rd/deep", &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	/* Flags. */
	CHECK_EQ(t_mkfile("/t/r3", "three"), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2"), NULL, B("/t/r3"),
			    RENAME_NOREPLACE), -EEXIST);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r2"), NULL, B("/t/r4"),
			    RENAME_NOREPLACE), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r4"), NULL, B("/t/r5"),
			    RENAME_EXCHANGE), -ENOENT);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r4"), NULL, B("/t/r3"),
			    RENAME_NOREPLACE | RENAME_EXCHANGE), -EINVAL);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r4"), NULL, B("/t/rd/deep/moved"),
			    RENAME_EXCHANGE), 0);
	CHECK_EQ(t_slurp("/t/rd/deep/moved", buf, sizeof(buf)), 3);
	CHECK_EQ(t_ino("/t/r4/.."), t_ino("/t"));
	CHECK_EQ(t_stat("/t/rd/deep", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	/* Two names of one file: nothing happens. */
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/r3"), NULL, B("/t/r3b"), 0), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r3"), NULL, B("/t/r3b"), 0), 0);
	CHECK(t_ino("/t/r3") > 0);
	CHECK_EQ(t_ino("/t/r3"), t_ino("/t/r3b"));
	/* A removed directory takes no new names. */
	CHECK_EQ(t_mkdir("/t/dead"), 0);
	CHECK_EQ(t_open("/t/dead", O_RDONLY, &f), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/dead"), AT_REMOVEDIR), 0);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/t/r3b"), f, B("x"), 0), -ENOENT);
	CHECK_EQ(vfs_link(ctx, NULL, B("/t/r3b"), f, B("x"), 0), -ENOENT);
	CHECK_EQ(vfs_mkdir(ctx, f, B("x"), 0755), -ENOENT);
	CHECK_EQ(vfs_open(ctx, f, B("x"), O_CREAT | O_WRONLY, 0644, &f2), -ENOENT);
	file_put(f);
}

/* Reads every record of @f with buffers of @len bytes; counts @name. */
static int dir_scan(struct file *f, size_t len, const char *name, int *total)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	int64_t last_off = 0;
	int hits = 0;
	long n;

	*total = 0;
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	for (;;) {
		struct io_target t = io_kbuf(kb, 0);
		long at = 0;

		n = vfs_getdents64(f, &t, len);
		CHECK(n >= 0);
		if (n == 0)
			break;
		while (at < n) {
			uint64_t ino;
			int64_t off;
			uint16_t reclen;
			const char *nm = (const char *)&kb->data[at + 19];

			memcpy(&ino, &kb->data[at], 8);
			memcpy(&off, &kb->data[at + 8], 8);
			memcpy(&reclen, &kb->data[at + 16], 2);
			CHECK(ino > 0);
			CHECK(off > last_off);
			CHECK_EQ(reclen % 8, 0);
			CHECK(reclen >= 19 + strlen(nm) + 1);
			if (*total == 0)
				CHECK(strcmp(nm, ".") == 0);
			if (*total == 1)
				CHECK(strcmp(nm, "..") == 0);
			if (strcmp(nm, name) == 0)
				hits++;
			if (strcmp(nm, "sub") == 0)
				CHECK_EQ(kb->data[at + 18], DT_DIR);
			if (strcmp(nm, "e0") == 0)
				CHECK_EQ(kb->data[at + 18], DT_REG);
			last_off = off;
			(*total)++;
			at += reclen;
		}
	}
	free(kb);
	return hits;
}

static void test_readdir(void)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);
	struct file *f;
	char name[16];
	int total;
	int i;

	CHECK_EQ(t_mkdir("/t/ls"), 0);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/t/ls/e%d", i);
		CHECK_EQ(t_mkfile(name, ""), 0);
	}
	CHECK_EQ(t_mkdir("/t/ls/sub"), 0);
	CHECK_EQ(t_open("/t/ls", O_RDONLY | O_DIRECTORY, &f), 0);
	CHECK_EQ(dir_scan(f, 4096, "e7", &total), 1);
	CHECK_EQ(total, 23);
	CHECK_EQ(dir_scan(f, 64, "e19", &total), 1); /* two records a call */
	CHECK_EQ(total, 23);
	CHECK_EQ(vfs_getdents64(f, &t, 10), 0); /* at the end: nothing left */
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_getdents64(f, &t, 10), -EINVAL); /* no record fits */
	/* Removing entries during a scan never repeats the others. */
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), 0);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_getdents64(f, &t, 24 * 4), 24 * 4); /* ., .., e0, e1 */
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/ls/e0"), 0), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/ls/e5"), 0), 0);
	for (i = 0;; i++) {
		long n;

		t = io_kbuf(kb, 0);
		n = vfs_getdents64(f, &t, 4096);
		if (n == 0)
			break;
		CHECK_EQ(n, 18 * 24); /* e2..e19 but e5, plus sub */
	}
	CHECK_EQ(i, 1);
	file_put(f);
	CHECK_EQ(t_open("/t/rw", O_RDONLY, &f), 0);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_getdents64(f, &t, 4096), -ENOTDIR);
	file_put(f);
	CHECK_EQ(t_open("/t/ls/sub", O_RDONLY, &f), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/t/ls/sub"), AT_REMOVEDIR), 0);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_getdents64(f, &t, 4096), -ENOENT);
	file_put(f);
	free(kb);
}

void test_tmpfs(void)
{
	test_rw();
	test_sparse();
	test_truncate();
	test_txtbsy();
	test_links_and_unlink();
	test_rename();
	test_readdir();
	test_tmpfs_more();
	printf("tmpfs: ok\n");
}
