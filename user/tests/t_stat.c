// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_stat.c - attributes: stat/fstat/newfstatat fields,
 * statfs/fstatfs of a tmpfs, utimensat, chmod/chown and their *at and f*
 * forms, access, truncate/ftruncate with sparse reads, device nodes, and
 * uname/getrandom. Runs in a private tmpfs (scratch.h).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define TMPFS_MAGIC 0x01021994
#define UNMAPPED ((void *)0x12345000UL)

static int make(const char *path, const char *data)
{
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);

	if (fd >= 0 && data)
		write(fd, data, strlen(data));
	return fd;
}

static void test_stat_fields(void)
{
	struct stat a, b, l, d;
	int fd = make("s", "hello");

	CHECK_EQ("stat.fstat", fstat(fd, &a), 0);
	CHECK_EQ("stat.stat", stat("s", &b), 0);
	CHECK("stat.mode", a.st_mode == (S_IFREG | 0644), "mode %o", a.st_mode);
	CHECK_EQ("stat.nlink", a.st_nlink, 1);
	CHECK_EQ("stat.size", a.st_size, 5);
	CHECK_EQ("stat.uid", a.st_uid, 0);
	CHECK_EQ("stat.gid", a.st_gid, 0);
	CHECK_EQ("stat.blksize", a.st_blksize, 4096);
	CHECK_EQ("stat.blocks_one_page", a.st_blocks, 8);
	CHECK("stat.same_ino_dev", a.st_ino == b.st_ino && a.st_dev == b.st_dev &&
	      a.st_ino != 0, "ino %lu/%lu", (unsigned long)a.st_ino, (unsigned long)b.st_ino);
	CHECK("stat.times_set", a.st_mtime > 0 && a.st_ctime > 0 && a.st_atime > 0,
	      "mtime %ld", (long)a.st_mtime);
	symlink("s", "sl");
	CHECK("stat.lstat_link", lstat("sl", &l) == 0 && S_ISLNK(l.st_mode) &&
	      l.st_ino != a.st_ino && l.st_size == 1, "mode %o", l.st_mode);
	CHECK("stat.newfstatat_nofollow", fstatat(AT_FDCWD, "sl", &l, AT_SYMLINK_NOFOLLOW) == 0 &&
	      S_ISLNK(l.st_mode), "mode %o", l.st_mode);
	CHECK("stat.newfstatat_follow", fstatat(AT_FDCWD, "sl", &l, 0) == 0 &&
	      l.st_ino == a.st_ino, "ino %lu", (unsigned long)l.st_ino);
	CHECK("stat.newfstatat_empty_path",
	      syscall(SYS_newfstatat, fd, "", &l, AT_EMPTY_PATH) == 0 && l.st_ino == a.st_ino,
	      "errno %s", harness_errname(errno));
	CHECK_ERR("stat.newfstatat_empty_enoent", syscall(SYS_newfstatat, fd, "", &l, 0),
		  ENOENT);
	CHECK_ERR("stat.newfstatat_einval_flags",
		  syscall(SYS_newfstatat, AT_FDCWD, "s", &l, 0x1), EINVAL);
	CHECK_ERR("stat.efault_buf", syscall(SYS_newfstatat, AT_FDCWD, "s", UNMAPPED, 0), EFAULT);
	CHECK_ERR("stat.efault_path", syscall(SYS_newfstatat, AT_FDCWD, UNMAPPED, &l, 0), EFAULT);
	CHECK_ERR("stat.fstat_efault", syscall(SYS_fstat, fd, UNMAPPED), EFAULT);
	CHECK_ERR("stat.fstat_ebadf", syscall(SYS_fstat, 999, &l), EBADF);
	CHECK_ERR("stat.enoent", stat("missing", &l), ENOENT);
	CHECK_ERR("stat.enotdir", stat("s/x", &l), ENOTDIR);
	mkdir("dd", 0755);
	mkdir("dd/sub", 0755);
	CHECK("stat.dir", stat("dd", &d) == 0 && d.st_mode == (S_IFDIR | 0755) &&
	      d.st_nlink == 3, "mode %o nlink %lu", d.st_mode, (unsigned long)d.st_nlink);
	close(fd);
}

static void test_statfs(void)
{
	struct statfs s, f;
	int fd = open(".", O_RDONLY | O_DIRECTORY);

	CHECK_EQ("stat.statfs", statfs(".", &s), 0);
	CHECK_EQ("stat.statfs.tmpfs_magic", s.f_type, TMPFS_MAGIC);
	CHECK_EQ("stat.statfs.bsize", s.f_bsize, 4096);
	CHECK_EQ("stat.statfs.namelen", s.f_namelen, 255);
	CHECK("stat.statfs.blocks", s.f_blocks > 0 && s.f_bfree <= s.f_blocks, "blocks %lu",
	      (unsigned long)s.f_blocks);
	CHECK_EQ("stat.fstatfs", fstatfs(fd, &f), 0);
	CHECK_EQ("stat.fstatfs.magic", f.f_type, TMPFS_MAGIC);
	CHECK_ERR("stat.statfs.enoent", statfs("missing", &s), ENOENT);
	CHECK_ERR("stat.statfs.efault", syscall(SYS_statfs, ".", UNMAPPED), EFAULT);
	CHECK_ERR("stat.fstatfs.ebadf", fstatfs(999, &f), EBADF);
	close(fd);
}

static void test_times(void)
{
	struct timespec ts[2] = { { 1000000, 5 }, { 2000000, 7 } };
	struct stat st;
	time_t now = time(NULL);
	int fd = make("t", "x");

	CHECK_EQ("stat.utimensat", utimensat(AT_FDCWD, "t", ts, 0), 0);
	stat("t", &st);
	CHECK("stat.utimensat.values", st.st_atim.tv_sec == 1000000 && st.st_atim.tv_nsec == 5 &&
	      st.st_mtim.tv_sec == 2000000 && st.st_mtim.tv_nsec == 7, "atime %ld mtime %ld",
	      (long)st.st_atime, (long)st.st_mtime);
	CHECK("stat.utimensat.ctime_now", st.st_ctime >= now - 1, "ctime %ld now %ld",
	      (long)st.st_ctime, (long)now);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	CHECK_EQ("stat.utimensat.omit_now", utimensat(AT_FDCWD, "t", ts, 0), 0);
	stat("t", &st);
	CHECK("stat.utimensat.omit_kept", st.st_atim.tv_sec == 1000000 &&
	      st.st_mtime >= now - 1, "atime %ld mtime %ld", (long)st.st_atime,
	      (long)st.st_mtime);
	CHECK_EQ("stat.futimens", futimens(fd, NULL), 0);
	fstat(fd, &st);
	CHECK("stat.futimens.now", st.st_atime >= now - 1, "atime %ld", (long)st.st_atime);
	ts[0].tv_nsec = 1000000000;
	CHECK_ERR("stat.utimensat.einval_nsec", utimensat(AT_FDCWD, "t", ts, 0), EINVAL);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_OMIT;
	CHECK_EQ("stat.utimensat.both_omit_skips_path", utimensat(AT_FDCWD, "missing", ts, 0), 0);
	CHECK_ERR("stat.utimensat.enoent", utimensat(AT_FDCWD, "missing", NULL, 0), ENOENT);
	CHECK_ERR("stat.utimensat.efault", syscall(SYS_utimensat, AT_FDCWD, "t", UNMAPPED, 0),
		  EFAULT);
	CHECK_ERR("stat.utimensat.einval_flags", utimensat(AT_FDCWD, "t", NULL, 0x1), EINVAL);
	close(fd);
}

static void test_mode_owner(void)
{
	struct stat st;
	int fd = make("m", NULL);

	CHECK_EQ("stat.chmod", chmod("m", 0751), 0);
	CHECK("stat.chmod.mode", stat("m", &st) == 0 && st.st_mode == (S_IFREG | 0751),
	      "mode %o", st.st_mode);
	CHECK_EQ("stat.fchmod", fchmod(fd, 04700), 0);
	CHECK("stat.fchmod.mode", fstat(fd, &st) == 0 && st.st_mode == (S_IFREG | 04700),
	      "mode %o", st.st_mode);
	CHECK_EQ("stat.fchmodat", fchmodat(AT_FDCWD, "m", 0640, 0), 0);
	CHECK("stat.fchmodat.mode", stat("m", &st) == 0 && (st.st_mode & 07777) == 0640,
	      "mode %o", st.st_mode);
	CHECK_EQ("stat.chown", chown("m", 1000, 2000), 0);
	CHECK("stat.chown.ids", stat("m", &st) == 0 && st.st_uid == 1000 && st.st_gid == 2000,
	      "uid %u gid %u", st.st_uid, st.st_gid);
	CHECK_EQ("stat.fchown.keep_uid", fchown(fd, -1, 3000), 0);
	CHECK("stat.fchown.ids", fstat(fd, &st) == 0 && st.st_uid == 1000 && st.st_gid == 3000,
	      "uid %u gid %u", st.st_uid, st.st_gid);
	fchmod(fd, 06755);
	fchown(fd, 0, 0);
	CHECK("stat.chown.clears_suid", fstat(fd, &st) == 0 && (st.st_mode & 07777) == 0755,
	      "mode %o", st.st_mode);
	symlink("m", "ml");
	CHECK_EQ("stat.lchown", lchown("ml", 5, 6), 0);
	CHECK("stat.lchown.link_only", lstat("ml", &st) == 0 && st.st_uid == 5 &&
	      stat("m", &st) == 0 && st.st_uid == 0, "uid %u", st.st_uid);
	CHECK_ERR("stat.fchownat.einval_flags", fchownat(AT_FDCWD, "m", 0, 0, 0x1), EINVAL);
	CHECK_ERR("stat.chmod.enoent", chmod("missing", 0644), ENOENT);
	CHECK_ERR("stat.fchmod.ebadf", fchmod(999, 0644), EBADF);
	close(fd);
}

static void test_access(void)
{
	close(make("ax", NULL));
	chmod("ax", 0644);
	CHECK_EQ("stat.access.f_ok", access("ax", F_OK), 0);
	CHECK_EQ("stat.access.rw_root", access("ax", R_OK | W_OK), 0);
	CHECK_ERR("stat.access.x_needs_bit", access("ax", X_OK), EACCES);
	chmod("ax", 0100);
	CHECK_EQ("stat.access.x_any_bit", access("ax", X_OK), 0);
	CHECK_EQ("stat.access.dir_x", access(".", X_OK), 0);
	CHECK_ERR("stat.access.enoent", access("missing", F_OK), ENOENT);
	CHECK_ERR("stat.access.einval_mode", access("ax", 8), EINVAL);
	CHECK_ERR("stat.faccessat2.einval_flags",
		  syscall(SYS_faccessat2, AT_FDCWD, "ax", F_OK, 0x1), EINVAL);
	CHECK_EQ("stat.faccessat2", syscall(SYS_faccessat2, AT_FDCWD, "ax", F_OK, AT_EACCESS), 0);
}

static void test_truncate(void)
{
	char buf[8] = "xxxxxxx";
	struct stat st;
	int fd = make("tr", "abcdef");

	CHECK_EQ("stat.ftruncate.shrink", ftruncate(fd, 3), 0);
	CHECK("stat.ftruncate.size", fstat(fd, &st) == 0 && st.st_size == 3, "size %ld",
	      (long)st.st_size);
	CHECK_EQ("stat.ftruncate.grow", ftruncate(fd, 1 << 20), 0);
	CHECK("stat.ftruncate.sparse", fstat(fd, &st) == 0 && st.st_size == 1 << 20 &&
	      st.st_blocks == 8, "size %ld blocks %ld", (long)st.st_size, (long)st.st_blocks);
	CHECK_EQ("stat.truncate.hole_read", pread(fd, buf, 4, 1), 4);
	CHECK("stat.truncate.hole_zeros", memcmp(buf, "bc\0\0", 4) == 0, "got %02x %02x %02x",
	      buf[0], buf[1], buf[2]);
	CHECK_EQ("stat.truncate.far_read", pread(fd, buf, 8, 500000), 8);
	CHECK_EQ("stat.truncate", truncate("tr", 2), 0);
	CHECK("stat.truncate.size", stat("tr", &st) == 0 && st.st_size == 2, "size %ld",
	      (long)st.st_size);
	CHECK_ERR("stat.truncate.einval_negative", truncate("tr", -1), EINVAL);
	CHECK_ERR("stat.ftruncate.einval_negative", ftruncate(fd, -1), EINVAL);
	CHECK_ERR("stat.truncate.eisdir", truncate(".", 0), EISDIR);
	CHECK_ERR("stat.truncate.enoent", truncate("missing", 0), ENOENT);
	CHECK_ERR("stat.ftruncate.ebadf", ftruncate(999, 0), EBADF);
	close(fd);
}

static void test_nodes(void)
{
	struct stat st;

	CHECK_EQ("stat.mknod.chr", mknod("cdev", S_IFCHR | 0600, makedev(1, 3)), 0);
	CHECK("stat.mknod.chr_rdev", stat("cdev", &st) == 0 && S_ISCHR(st.st_mode) &&
	      major(st.st_rdev) == 1 && minor(st.st_rdev) == 3, "mode %o rdev %lx",
	      st.st_mode, (unsigned long)st.st_rdev);
	CHECK_EQ("stat.mknod.reg", mknod("regnode", S_IFREG | 0600, 0), 0);
	CHECK_EQ("stat.mknod.no_type_is_reg", mknod("plain", 0600, 0), 0);
	CHECK("stat.mknod.plain", stat("plain", &st) == 0 && S_ISREG(st.st_mode), "mode %o",
	      st.st_mode);
	CHECK_ERR("stat.mknod.dir_eperm", mknod("dirnode", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR("stat.mknod.eexist", mknod("cdev", S_IFCHR | 0600, 0), EEXIST);
}

static void test_system(void)
{
	struct utsname u;
	unsigned char r1[32], r2[32];

	CHECK_EQ("stat.uname", uname(&u), 0);
	CHECK("stat.uname.sysname", strcmp(u.sysname, "Linux") == 0, "got %s", u.sysname);
	CHECK("stat.uname.machine", strcmp(u.machine, "riscv64") == 0, "got %s", u.machine);
	CHECK_ERR("stat.uname.efault", syscall(SYS_uname, UNMAPPED), EFAULT);
	CHECK_EQ("stat.getrandom", getrandom(r1, sizeof(r1), 0), 32);
	CHECK_EQ("stat.getrandom.nonblock", getrandom(r2, sizeof(r2), GRND_NONBLOCK), 32);
	CHECK("stat.getrandom.differs", memcmp(r1, r2, sizeof(r1)) != 0, "same bytes twice");
	CHECK_EQ("stat.getrandom.zero", getrandom(r1, 0, 0), 0);
	CHECK_ERR("stat.getrandom.einval", getrandom(r1, 4, 0x100), EINVAL);
	CHECK_ERR("stat.getrandom.einval_mix", getrandom(r1, 4, GRND_RANDOM | 0x4), EINVAL);
	CHECK_ERR("stat.getrandom.efault", syscall(SYS_getrandom, UNMAPPED, 16, 0), EFAULT);
	CHECK_ERR("stat.reboot.einval_magic", syscall(SYS_reboot, 1, 2, 0x4321fedc, 0), EINVAL);
}

int test_stat(void)
{
	harness_begin("stat");
	if (scratch_begin("stat")) {
		test_stat_fields();
		test_statfs();
		test_times();
		test_mode_owner();
		test_access();
		test_truncate();
		test_nodes();
		scratch_end("stat");
	}
	test_system();
	return harness_end();
}
