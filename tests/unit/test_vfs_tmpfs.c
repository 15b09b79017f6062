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
#include "test_vfs.h"

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

static void test_sparse_and_truncate(void)
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
	CHECK_EQ(host_frame_live(), frames0 + 2);
	CHECK_EQ(vfs_lseek(f, 1LL << 50, SEEK_SET), 1LL << 50);
	CHECK_EQ(t_write(f, "Z", 1), -EFBIG);
	/* Truncate: frees pages past the end, zeroes the partial tail. */
	CHECK_EQ(vfs_ftruncate(f, 0), 0);
	CHECK_EQ(host_frame_live(), frames0);
	memset(page, 'A', sizeof(page));
	for (i = 0; i < 3; i++)
		CHECK_EQ(vfs_pwrite(f, &(struct io_target){ 0 }, 0, 0), 0),
		CHECK_EQ(t_write(f, page, 4096), 4096);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_size, (1LL << 50) + 0); /* pos was at 2^50: EFBIG... */
	file_put(f);
}
