// SPDX-License-Identifier: GPL-2.0
/*
 * user/init/unpack_check.c - /init of the initramfs made by
 * `tests/boot/make_initrd.py contents`: checks that the kernel unpacked
 * every kind of entry with its attributes (types, modes, owners, mtimes,
 * device numbers, symlink targets, hard links, the data that comes with
 * the last link, Linux's handling of a missing parent, a type change and
 * a repeated directory), prints PASS/FAIL lines and "N passed, M failed",
 * and powers off. Tiny-lib, static: it runs on Linux as well
 * (tools/linux-ref-check), which is what the expectations are checked
 * against.
 */
#include "ulib.h"

#define SYS_openat 56
#define SYS_close 57
#define SYS_read 63
#define SYS_readlinkat 78
#define SYS_newfstatat 79
#define SYS_reboot 142
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define ENOENT 2

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFLNK 0120000
#define S_IFIFO 0010000
#define S_IFCHR 0020000

/* include/uapi/asm-generic/stat.h, as riscv64 lays it out. */
struct kstat {
	uint64_t dev, ino;
	uint32_t mode, nlink, uid, gid;
	uint64_t rdev, pad1;
	int64_t size;
	int32_t blksize, pad2;
	int64_t blocks;
	int64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	uint32_t unused[2];
};

static int passed, failed;

/* ulib has no memcmp. */
static int same(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static void expect(const char *name, int ok, const char *detail, long v)
{
	if (ok) {
		passed++;
		printf("PASS unpack.%s\n", name);
	} else {
		failed++;
		printf("FAIL unpack.%s: %s %ld\n", name, detail, v);
	}
}

static long lstat_(const char *path, struct kstat *st)
{
	memset(st, 0, sizeof(*st));
	return syscall6(SYS_newfstatat, AT_FDCWD, (long)path, (long)st,
			AT_SYMLINK_NOFOLLOW, 0, 0);
}

/* The first @n bytes of @path equal @want. */
static int contents_are(const char *path, const char *want)
{
	char buf[64];
	long fd = syscall6(SYS_openat, AT_FDCWD, (long)path, 0, 0, 0, 0);
	long n;

	if (fd < 0)
		return 0;
	n = syscall6(SYS_read, fd, (long)buf, sizeof(buf), 0, 0, 0);
	syscall6(SYS_close, fd, 0, 0, 0, 0, 0);
	return n == (long)strlen(want) && same(buf, want, (size_t)n);
}

static void check_dir(void)
{
	struct kstat st;
	long r = lstat_("/t/dir", &st);

	expect("dir.mode", r == 0 && st.mode == (S_IFDIR | 0700), "mode", (long)st.mode);
	expect("dir.owner", st.uid == 1000 && st.gid == 100, "uid", (long)st.uid);
	/* set after its entries were made (Linux's dir_utime) */
	expect("dir.mtime", st.mtime == 1234567890, "mtime", (long)st.mtime);
	r = lstat_("/t", &st);
	expect("top.mode", r == 0 && st.mode == (S_IFDIR | 0755), "mode", (long)st.mode);
	r = lstat_("/t/again", &st);
	expect("dir.repeated_last_mode_wins", r == 0 && st.mode == (S_IFDIR | 0711),
	      "mode", (long)st.mode);
}

static void check_files(void)
{
	struct kstat st, st2;
	long r = lstat_("/t/dir/file", &st);

	expect("file.mode_setuid", r == 0 && st.mode == (S_IFREG | 04755), "mode",
	      (long)st.mode);
	expect("file.size", st.size == 6, "size", (long)st.size);
	expect("file.mtime", st.mtime == 1000000000, "mtime", (long)st.mtime);
	expect("file.owner", st.uid == 0 && st.gid == 0, "uid", (long)st.uid);
	expect("file.contents", contents_are("/t/dir/file", "hello\n"), "bad data", 0);
	r = lstat_("/t/empty", &st);
	expect("file.empty", r == 0 && st.size == 0 && st.mode == (S_IFREG | 0600), "mode",
	      (long)st.mode);

	r = lstat_("/t/link1", &st);
	lstat_("/t/link2", &st2);
	expect("hardlink.same_inode", r == 0 && st.ino == st2.ino && st.ino != 0, "ino",
	      (long)st.ino);
	expect("hardlink.nlink", st.nlink == 2 && st2.nlink == 2, "nlink", (long)st.nlink);
	expect("hardlink.data_of_last", st.size == 5 && contents_are("/t/link1", "data\n"),
	      "size", (long)st.size);
}

static void check_specials(void)
{
	char target[32];
	struct kstat st;
	long r = lstat_("/t/sym", &st);
	long n = syscall6(SYS_readlinkat, AT_FDCWD, (long)"/t/sym", (long)target,
			  sizeof(target), 0, 0);

	expect("symlink.type", r == 0 && (st.mode & S_IFMT) == S_IFLNK, "mode", (long)st.mode);
	expect("symlink.target", n == 8 && same(target, "dir/file", 8), "len", n);
	expect("symlink.owner", st.uid == 1000, "uid", (long)st.uid);
	expect("symlink.mtime", st.mtime == 1111111111, "mtime", (long)st.mtime);
	r = lstat_("/t/fifo", &st);
	expect("fifo", r == 0 && st.mode == (S_IFIFO | 0644), "mode", (long)st.mode);
	r = lstat_("/t/null", &st);
	expect("chardev.type", r == 0 && st.mode == (S_IFCHR | 0666), "mode", (long)st.mode);
	/* new_encode_dev(1, 3) */
	expect("chardev.rdev", st.rdev == 0x103, "rdev", (long)st.rdev);
	r = lstat_("/t/nodir/file", &st);
	expect("missing_parent_skipped", r == -ENOENT, "stat", r);
	r = lstat_("/t/replaced", &st);
	expect("type_change_replaces", r == 0 && (st.mode & S_IFMT) == S_IFDIR, "mode",
	      (long)st.mode);
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	check_dir();
	check_files();
	check_specials();
	printf("%d passed, %d failed\n", passed, failed);
	syscall6(SYS_reboot, 0xfee1deadL, 672274793L, 0x4321fedcL, 0, 0, 0);
	for (;;)
		sleep_ms(1000);
}
