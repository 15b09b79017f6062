// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vfs_io.c - device nodes and a fake driver, rmdir/unlink
 * rules, timestamps and attributes, the uapi struct layouts, and I/O to
 * and from a fake user address space (faults, fixups, user paths).
 */
#include <stddef.h>
#include <string.h>

#include <ostd/bytes.h>
#include <ostd/vm.h>

#include "fs/tmpfs.h"
#include "host_ostd.h"
#include "host_uspace.h"
#include "test_vfs.h"

static int drv_opens;
static int drv_releases;
static size_t drv_written;

static int drv_open(struct inode *ino, struct file *f)
{
	(void)f;
	drv_opens++;
	return vfs_dev_minor(ino->rdev) == 99 ? -ENODEV : 0;
}

static long drv_read(struct file *f, struct io_target *t, size_t len,
		     uint64_t *pos)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	size_t n = len < 2 ? len : 2;
	size_t moved;

	(void)f;
	(void)pos;
	memcpy(kb->data, "zz", 2);
	moved = io_from_kbuf(t, kb, 0, n);
	free(kb);
	return io_result(t, moved);
}

static long drv_write(struct file *f, struct io_target *t, size_t len,
		      uint64_t *pos)
{
	(void)f;
	(void)t;
	(void)pos;
	drv_written += len;
	return len;
}

static void drv_release(struct file *f)
{
	(void)f;
	drv_releases++;
}

static const struct file_ops drv_fops = {
	.open = drv_open,
	.read = drv_read,
	.write = drv_write,
	.release = drv_release,
};

static void test_nodes(void)
{
	struct linux_stat st;
	struct file *f;
	char buf[8];

	CHECK_EQ(t_mkdir("/n"), 0);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/fifo"), S_IFIFO | 0666, 0), 0);
	CHECK_EQ(t_stat("/n/fifo", &st), 0);
	CHECK_EQ(st.st_mode, S_IFIFO | 0644); /* umask 022 */
	CHECK_EQ(t_open("/n/fifo", O_RDONLY, &f), -ENXIO); /* no pipes yet */
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/null"), S_IFCHR | 0666,
			   vfs_mkdev(1, 3)), 0);
	CHECK_EQ(t_stat("/n/null", &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFCHR);
	CHECK_EQ(st.st_rdev, 0x103);
	CHECK_EQ(vfs_dev_major(st.st_rdev), 1);
	CHECK_EQ(vfs_dev_minor(st.st_rdev), 3);
	CHECK_EQ(vfs_mkdev(4, 300), 0x10042c);
	CHECK_EQ(vfs_dev_minor(vfs_mkdev(4, 300)), 300);
	CHECK_EQ(t_open("/n/null", O_RDWR, &f), -ENXIO);
	CHECK_EQ(vfs_register_chrdev(1, &drv_fops), 0);
	CHECK_EQ(vfs_register_chrdev(1, &drv_fops), -EBUSY);
	CHECK_EQ(t_open("/n/null", O_RDWR, &f), 0);
	CHECK_EQ(drv_opens, 1);
	CHECK_EQ(t_read(f, buf, 8), 2);
	CHECK(memcmp(buf, "zz", 2) == 0);
	CHECK_EQ(t_write(f, "abc", 3), 3);
	CHECK_EQ(drv_written, 3);
	CHECK_EQ(vfs_lseek(f, 0, SEEK_SET), -ESPIPE);
	CHECK_EQ(t_pread(f, buf, 1, 0), -ESPIPE);
	CHECK_EQ(vfs_ioctl(f, 0x5401, 0), -ENOTTY);
	file_put(f);
	CHECK_EQ(drv_releases, 1);
	/* A failing driver open is not released. */
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/bad"), S_IFCHR | 0600,
			   vfs_mkdev(1, 99)), 0);
	CHECK_EQ(t_open("/n/bad", O_RDONLY, &f), -ENODEV);
	CHECK_EQ(drv_releases, 1);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/d"), S_IFDIR | 0755, 0), -EPERM);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/d"), S_IFLNK | 0755, 0), -EINVAL);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/fifo"), S_IFIFO | 0600, 0), -EEXIST);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/n/plain"), 0600, 0), 0);
	CHECK_EQ(t_stat("/n/plain", &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
}

static void test_rmdir_rules(void)
{
	struct linux_stat st;

	CHECK_EQ(t_mkdir("/n/dir"), 0);
	CHECK_EQ(t_stat("/n/dir", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(t_mkdir("/n/dir/s"), 0);
	CHECK_EQ(t_stat("/n/dir", &st), 0);
	CHECK_EQ(st.st_nlink, 3);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir"), AT_REMOVEDIR), -ENOTEMPTY);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir"), 0), -EISDIR);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir/s/."), AT_REMOVEDIR), -EINVAL);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir/s/.."), AT_REMOVEDIR),
		 -ENOTEMPTY);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/plain"), AT_REMOVEDIR), -ENOTDIR);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/plain/"), 0), -ENOTDIR);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/"), AT_REMOVEDIR), -EBUSY);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/."), 0), -EISDIR);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/none"), 0), -ENOENT);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/x"), 0x1), -EINVAL);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir/s/"), AT_REMOVEDIR), 0);
	CHECK_EQ(t_stat("/n/dir", &st), 0);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/n/dir"), AT_REMOVEDIR), 0);
}

static void test_attrs(void)
{
	struct linux_timespec at = { 1000, 5 };
	struct linux_timespec mt = { 2000, 6 };
	struct linux_timespec omit = { 0, UTIME_OMIT };
	struct linux_timespec bad = { 0, 1000000000 };
	struct linux_stat st;
	struct file *f;

	CHECK_EQ(t_mkfile("/n/tm", "x"), 0);
	CHECK_EQ(vfs_utimens(ctx, NULL, B("/n/tm"), &at, &mt, 0), 0);
	CHECK_EQ(t_stat("/n/tm", &st), 0);
	CHECK_EQ(st.st_atime_sec, 1000);
	CHECK_EQ(st.st_atime_nsec, 5);
	CHECK_EQ(st.st_mtime_sec, 2000);
	CHECK_EQ(st.st_mtime_nsec, 6);
	CHECK(st.st_ctime_sec > 2000);
	CHECK_EQ(vfs_utimens(ctx, NULL, B("/n/tm"), &omit, &at, 0), 0);
	CHECK_EQ(t_stat("/n/tm", &st), 0);
	CHECK_EQ(st.st_atime_sec, 1000);
	CHECK_EQ(st.st_mtime_sec, 1000);
	CHECK_EQ(vfs_utimens(ctx, NULL, B("/n/tm"), &bad, NULL, 0), -EINVAL);
	/* chmod and chown change ctime only; writes change mtime too. */
	CHECK_EQ(vfs_chmod(ctx, NULL, B("/n/tm"), 04755, 0), 0);
	CHECK_EQ(t_stat("/n/tm", &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 04755);
	CHECK_EQ(st.st_mtime_sec, 1000);
	CHECK_EQ(vfs_chown(ctx, NULL, B("/n/tm"), 5, UINT32_MAX, 0), 0);
	CHECK_EQ(t_stat("/n/tm", &st), 0);
	CHECK_EQ(st.st_uid, 5);
	CHECK_EQ(st.st_gid, 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0755); /* setuid dropped */
	CHECK_EQ(t_open("/n/tm", O_WRONLY, &f), 0);
	CHECK_EQ(t_write(f, "y", 1), 1);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK(st.st_mtime_sec > 1000);
	CHECK_EQ(vfs_fchmod(f, 0600), 0);
	CHECK_EQ(vfs_fchown(f, UINT32_MAX, 7), 0);
	CHECK_EQ(vfs_utimens(ctx, f, B(""), &at, &at, 0), 0); /* futimens */
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_mode, S_IFREG | 0600);
	CHECK_EQ(st.st_gid, 7);
	CHECK_EQ(st.st_mtime_sec, 1000);
	file_put(f);
	/* access(2) as root. */
	CHECK_EQ(vfs_access(ctx, NULL, B("/n/tm"), R_OK | W_OK, 0), 0);
	CHECK_EQ(vfs_access(ctx, NULL, B("/n/tm"), X_OK, 0), -EACCES);
	CHECK_EQ(vfs_access(ctx, NULL, B("/n"), X_OK, 0), 0);
	CHECK_EQ(vfs_access(ctx, NULL, B("/n/none"), F_OK, 0), -ENOENT);
	CHECK_EQ(vfs_access(ctx, NULL, B("/n/tm"), 8, 0), -EINVAL);
}

static void test_layouts(void)
{
	CHECK_EQ(sizeof(struct linux_stat), 128);
	CHECK_EQ(offsetof(struct linux_stat, st_mode), 16);
	CHECK_EQ(offsetof(struct linux_stat, st_rdev), 32);
	CHECK_EQ(offsetof(struct linux_stat, st_size), 48);
	CHECK_EQ(offsetof(struct linux_stat, st_blksize), 56);
	CHECK_EQ(offsetof(struct linux_stat, st_blocks), 64);
	CHECK_EQ(offsetof(struct linux_stat, st_atime_sec), 72);
	CHECK_EQ(offsetof(struct linux_stat, st_mtime_sec), 88);
	CHECK_EQ(offsetof(struct linux_stat, st_ctime_sec), 104);
	CHECK_EQ(sizeof(struct linux_statfs), 120);
	CHECK_EQ(offsetof(struct linux_statfs, f_fsid), 56);
	CHECK_EQ(offsetof(struct linux_statfs, f_namelen), 64);
	CHECK_EQ(offsetof(struct linux_statfs, f_flags), 80);
}

#define UBASE 0x10000UL

/* Makes the faulting page present: a demand-paging stand-in. */
static int fixups;
static int fixup_map(struct kernel_task *task, ostd_uaddr_t addr,
		     unsigned prot)
{
	struct ostd_vmspace *vs = (struct ostd_vmspace *)task;

	(void)prot;
	fixups++;
	host_vmspace_set(vs, addr, true, true);
	return 0;
}

static void test_user_io(void)
{
	struct ostd_vmspace *vs = host_vmspace_new(UBASE, 4);
	struct kernel_task *task = (struct kernel_task *)vs;
	struct io_target t;
	struct vfs_pathbuf *pb = calloc(1, sizeof(*pb));
	struct ostd_bytes path;
	struct file *f;
	uint8_t *u = host_vmspace_ptr(vs, UBASE);
	int i;

	/* Write 3 pages from user memory, read them back into it. */
	for (i = 0; i < 3 * 4096; i++)
		u[i] = (uint8_t)(i * 7);
	CHECK_EQ(t_open("/n/user", O_CREAT | O_RDWR, &f), 0);
	t = io_user(vs, UBASE + 100, NULL, NULL);
	CHECK_EQ(vfs_write(f, &t, 3 * 4096 - 100), 3 * 4096 - 100);
	memset(u, 0, 4 * 4096);
	t = io_user(vs, UBASE, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 4 * 4096, 0), 3 * 4096 - 100);
	for (i = 0; i < 3 * 4096 - 100; i++)
		CHECK_EQ(u[i], (uint8_t)((i + 100) * 7));
	/* An absent page stops the copy: short count, then EFAULT. */
	host_vmspace_set(vs, UBASE + 4096, false, false);
	t = io_user(vs, UBASE, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 3 * 4096, 0), 4096);
	t = io_user(vs, UBASE + 4096, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 100, 0), -EFAULT);
	t = io_user(vs, UBASE + 4096, NULL, NULL);
	CHECK_EQ(vfs_pwrite(f, &t, 100, 0), -EFAULT);
	t = io_user(vs, 0x1000, NULL, NULL); /* unmapped entirely */
	CHECK_EQ(vfs_pread(f, &t, 10, 0), -EFAULT);
	/* Read-only pages take no file data. */
	host_vmspace_set(vs, UBASE + 4096, true, false);
	t = io_user(vs, UBASE + 4000, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 200, 0), 96);
	/* The fixup resolves faults and the copy goes on. */
	host_vmspace_set(vs, UBASE + 4096, false, false);
	host_vmspace_set(vs, UBASE + 8192, false, false);
	t = io_user(vs, UBASE, task, fixup_map);
	CHECK_EQ(vfs_pread(f, &t, 3 * 4096, 0), 3 * 4096 - 100);
	CHECK_EQ(fixups, 2);
	CHECK_EQ(u[4096], (uint8_t)((4096 + 100) * 7));
	/* Holes read as zeros into user memory too. */
	CHECK_EQ(vfs_ftruncate(f, 5 * 4096), 0);
	memset(u, 0xff, 4 * 4096);
	t = io_user(vs, UBASE, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 4 * 4096, 3 * 4096), 2 * 4096);
	CHECK_EQ(u[0], 0);
	CHECK_EQ(u[2 * 4096 - 1], 0);
	CHECK_EQ(u[2 * 4096], 0xff);
	file_put(f);
	/* getdents into user memory. */
	CHECK_EQ(t_open("/n", O_RDONLY, &f), 0);
	t = io_user(vs, UBASE, NULL, NULL);
	CHECK(vfs_getdents64(f, &t, 4096) > 0);
	CHECK(strcmp((char *)u + 19, ".") == 0);
	file_put(f);
	/* Paths from user memory. */
	strcpy((char *)u, "/n/user");
	CHECK_EQ(io_path_from_user(vs, UBASE, NULL, NULL, pb, &path), 0);
	CHECK_EQ(path.len, 7);
	CHECK(t_ino("/n/user") > 0);
	memset(u, 'a', 3 * 4096);
	u[3 * 4096 - 1] = 0;
	CHECK_EQ(io_path_from_user(vs, UBASE, NULL, NULL, pb, &path),
		 -ENAMETOOLONG);
	u[4095] = 0;
	CHECK_EQ(io_path_from_user(vs, UBASE, NULL, NULL, pb, &path), 0);
	CHECK_EQ(path.len, 4095);
	host_vmspace_set(vs, UBASE + 4096, false, false);
	strcpy((char *)u + 4090, "abcdefgh");
	CHECK_EQ(io_path_from_user(vs, UBASE + 4090, NULL, NULL, pb, &path),
		 -EFAULT);
	CHECK_EQ(io_path_from_user(vs, UBASE + 4090, task, fixup_map, pb,
				   &path), 0);
	CHECK_EQ(path.len, 8);
	free(pb);
	host_vmspace_free(vs);
}

/* One round of operations, any of which may fail for lack of memory. */
static void oom_round(void)
{
	static char data[5000];
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);
	char target[200];
	struct file *f;

	memset(target, 'x', sizeof(target) - 1);
	target[sizeof(target) - 1] = 0;
	(void)t_mkdir("/o/d");
	if (t_open("/o/d/f", O_CREAT | O_WRONLY, &f) == 0) {
		(void)t_write(f, data, sizeof(data) - 1000);
		file_put(f);
	}
	(void)vfs_symlink(ctx, B(target), NULL, B("/o/d/l"));
	(void)vfs_symlink(ctx, B("f"), NULL, B("/o/d/s"));
	(void)vfs_link(ctx, NULL, B("/o/d/f"), NULL, B("/o/d/g"), 0);
	(void)vfs_rename(ctx, NULL, B("/o/d/g"), NULL, B("/o/d/h"), 0);
	(void)t_mkdir("/o/d/m");
	(void)vfs_mount(ctx, B(""), NULL, B("/o/d/m"), B("tmpfs"), 0);
	if (t_open("/o/d/m/x", O_CREAT | O_WRONLY, &f) == 0) {
		(void)t_write(f, "x", 1);
		file_put(f);
	}
	if (t_open("/o/d", O_RDONLY, &f) == 0) {
		(void)vfs_getdents64(f, &t, 4096);
		file_put(f);
	}
	(void)vfs_truncate(ctx, NULL, B("/o/d/f"), 3);
	free(kb);
}

/* Removes whatever oom_round made, with memory available again. */
static void oom_cleanup(void)
{
	static const char *const files[] = { "/o/d/f", "/o/d/l", "/o/d/s",
					     "/o/d/g", "/o/d/h" };
	size_t i;

	(void)vfs_unlink(ctx, NULL, B("/o/d/m/x"), 0);
	(void)vfs_umount(ctx, NULL, B("/o/d/m"), 0);
	(void)vfs_unlink(ctx, NULL, B("/o/d/m"), AT_REMOVEDIR);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		(void)vfs_unlink(ctx, NULL, B(files[i]), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/o/d"), AT_REMOVEDIR) == 0 ||
		 t_ino("/o/d") == -ENOENT, 1);
}

/* Every allocation failure point: errors, never leaks or crashes. */
static void test_oom_paths(void)
{
	size_t heap0;
	size_t frames0;
	long n;

	CHECK_EQ(t_mkdir("/o"), 0);
	heap0 = host_heap_live();
	frames0 = host_frame_live();
	for (n = 0; n < 80; n++) {
		host_heap_fail_after(n);
		oom_round();
		host_heap_fail_after(-1);
		oom_cleanup();
		CHECK_EQ(host_heap_live(), heap0);
		CHECK_EQ(host_frame_live(), frames0);
	}
	/* The last round had memory enough for everything: every failure
	 * point of the round was visited. */
	host_heap_fail_after(n - 1);
	oom_round();
	host_heap_fail_after(-1);
	CHECK(t_ino("/o/d/m/x") > 0);
	CHECK(t_ino("/o/d/h") > 0);
	CHECK_EQ(t_ino("/o/d/g"), -ENOENT);
	oom_cleanup();
	for (n = 0; n < 3; n++) {
		host_frame_fail_after(n);
		oom_round();
		host_frame_fail_after(-1);
		oom_cleanup();
		CHECK_EQ(host_heap_live(), heap0);
		CHECK_EQ(host_frame_live(), frames0);
	}
}

/* With no frames at all a write fails with ENOSPC; with one it is short. */
static void test_nospc(void)
{
	static char data[8192];
	struct file *f;

	CHECK_EQ(t_open("/o/full", O_CREAT | O_RDWR, &f), 0);
	host_frame_fail_after(0);
	CHECK_EQ(t_write(f, data, 4096), -ENOSPC);
	host_frame_fail_after(1);
	CHECK_EQ(t_write(f, data, 4096), 4096);
	CHECK_EQ(t_write(f, data, 100), -ENOSPC);
	host_frame_fail_after(-1);
	CHECK_EQ(f->inode->size, 4096);
	file_put(f);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/o/full"), 0), 0);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The page index enumerates exactly the sorted pages in @want[0..n). */
static void check_pages(struct inode *ino, const uint64_t *want, size_t n)
{
	uint64_t idx = 0;
	uint64_t at;
	size_t i = 0;

	while (tmpfs_page_next(&ino->tmpfs->pages, idx, &at)) {
		CHECK(i < n);
		CHECK_EQ(at, want[i]);
		CHECK(tmpfs_page_lookup(&ino->tmpfs->pages, at) != NULL);
		i++;
		idx = at + 1;
	}
	CHECK_EQ(i, n);
	CHECK_EQ(ino->blocks, n * 8);
}

/* Random sparse writes and truncates against a model of the pages. */
static void test_radix_random(void)
{
	static uint64_t pages[400];
	size_t frames0 = host_frame_live();
	struct file *f;
	size_t n = 0;
	size_t i;
	int round;

	srand(7);
	CHECK_EQ(t_open("/n/radix", O_CREAT | O_RDWR, &f), 0);
	for (round = 0; round < 4; round++) {
		uint64_t size;
		size_t kept = 0;

		for (i = 0; i < 100; i++) {
			uint64_t range = (uint64_t)1 << (rand() % 4 * 8 + 6);
			uint64_t pg = (uint64_t)rand() % range;
			char c = (char)('a' + rand() % 26);
			char back = 0;

			CHECK_EQ(vfs_lseek(f, pg * 4096 + 17, SEEK_SET),
				 pg * 4096 + 17);
			CHECK_EQ(t_write(f, &c, 1), 1);
			CHECK_EQ(t_pread(f, &back, 1, pg * 4096 + 17), 1);
			CHECK_EQ(back, c);
			pages[n++] = pg;
		}
		qsort(pages, n, sizeof(pages[0]), cmp_u64);
		for (i = 0; i < n; i++)
			if (kept == 0 || pages[kept - 1] != pages[i])
				pages[kept++] = pages[i];
		n = kept;
		check_pages(f->inode, pages, n);
		CHECK_EQ(host_frame_live(), frames0 + n);
		/* Cut somewhere inside the populated range. */
		size = pages[n / 2] * 4096 + 100;
		CHECK_EQ(vfs_ftruncate(f, size), 0);
		while (n > 0 && pages[n - 1] * 4096 >= size)
			n--;
		check_pages(f->inode, pages, n);
	}
	CHECK_EQ(vfs_ftruncate(f, 0), 0);
	check_pages(f->inode, pages, 0);
	CHECK(f->inode->tmpfs->pages.root == NULL);
	file_put(f);
	CHECK_EQ(host_frame_live(), frames0);
}

/* Page-cache frames for mmap, shared with read() and write(). */
static void test_get_page(void)
{
	struct ostd_frame *pg;
	struct file *f;
	char buf[4];
	int err;

	CHECK_EQ(t_open("/n/map", O_CREAT | O_RDWR, &f), 0);
	CHECK_EQ(t_write(f, "abc", 3), 3);
	CHECK_EQ(vfs_ftruncate(f, 3 * 4096), 0);
	pg = vfs_file_get_page(f, 0, false, &err);
	CHECK(pg != NULL);
	CHECK_EQ(err, 0);
	CHECK_EQ(ostd_frame_write(pg, 1, "X", 1), 0); /* a store via a map */
	CHECK_EQ(t_pread(f, buf, 3, 0), 3);
	CHECK(memcmp(buf, "aXc", 3) == 0);
	ostd_frame_put(pg);
	CHECK(vfs_file_get_page(f, 1, false, &err) == NULL);
	CHECK_EQ(err, 0); /* a hole */
	pg = vfs_file_get_page(f, 2, true, &err);
	CHECK(pg != NULL);
	CHECK_EQ(f->inode->blocks, 16);
	CHECK_EQ(t_write(f, "Q", 0), 0);
	CHECK_EQ(vfs_pwrite(f, &(struct io_target){ .kind = IO_BYTES,
			    .bytes = B("Z") }, 1, 2 * 4096 + 5), 1);
	CHECK_EQ(ostd_frame_read(pg, 5, buf, 1), 0);
	CHECK_EQ(buf[0], 'Z');
	ostd_frame_put(pg);
	CHECK(vfs_file_get_page(f, 3, true, &err) == NULL);
	CHECK_EQ(err, -ENXIO);
	file_put(f);
	CHECK_EQ(t_open("/n", O_RDONLY, &f), 0);
	CHECK(vfs_file_get_page(f, 0, false, &err) == NULL);
	CHECK_EQ(err, -ENODEV);
	file_put(f);
}

void test_tmpfs_more(void)
{
	test_oom_paths();
	test_nospc();
	test_nodes();
	test_radix_random();
	test_get_page();
	test_rmdir_rules();
	test_attrs();
	test_layouts();
	test_user_io();
}
