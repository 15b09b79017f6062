// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_dirs.c - the tree: mkdir/rmdir, getdents64 listings,
 * rename (over files, directories, RENAME_NOREPLACE/EXCHANGE), hard links
 * and their counts, symlink/readlink, chdir/getcwd/fchdir, and the *at()
 * calls relative to directory fds. Runs in a private tmpfs (scratch.h).
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define UNMAPPED ((void *)0x12345000UL)
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2

static nlink_t nlink_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_nlink : 0;
}

static void touch(const char *path, const char *data)
{
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd >= 0) {
		write(fd, data, strlen(data));
		close(fd);
	}
}

static bool has_data(const char *path, const char *want)
{
	char buf[64] = { 0 };
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;

	if (fd >= 0)
		close(fd);
	return n == (ssize_t)strlen(want) && strcmp(buf, want) == 0;
}

static void test_mkdir_rmdir(void)
{
	struct stat st;

	CHECK_EQ("dirs.mkdir", mkdir("a", 0750), 0);
	CHECK("dirs.mkdir.mode", stat("a", &st) == 0 && st.st_mode == (S_IFDIR | 0750),
	      "mode %o", st.st_mode);
	CHECK_EQ("dirs.mkdir.nlink", nlink_of("a"), 2);
	CHECK_ERR("dirs.mkdir.eexist", mkdir("a", 0755), EEXIST);
	CHECK_ERR("dirs.mkdir.enoent", mkdir("x/y", 0755), ENOENT);
	CHECK_EQ("dirs.mkdir.trailing_slash", mkdir("b/", 0755), 0);
	CHECK_EQ("dirs.mkdir.sub", mkdir("a/sub", 0755), 0);
	CHECK_EQ("dirs.mkdir.parent_nlink", nlink_of("a"), 3);
	CHECK_ERR("dirs.rmdir.enotempty", rmdir("a"), ENOTEMPTY);
	CHECK_ERR("dirs.rmdir.dot", rmdir("a/sub/."), EINVAL);
	CHECK_ERR("dirs.rmdir.dotdot", rmdir("a/sub/.."), ENOTEMPTY);
	touch("f", "file");
	CHECK_ERR("dirs.rmdir.enotdir", rmdir("f"), ENOTDIR);
	CHECK_ERR("dirs.mkdir.enotdir", mkdir("f/x", 0755), ENOTDIR);
	CHECK_EQ("dirs.rmdir.sub", rmdir("a/sub"), 0);
	CHECK_EQ("dirs.rmdir.parent_nlink", nlink_of("a"), 2);
	CHECK_ERR("dirs.rmdir.enoent", rmdir("a/sub"), ENOENT);
	CHECK_EQ("dirs.rmdir.b", rmdir("b"), 0);
	CHECK_ERR("dirs.mkdir.efault", syscall(SYS_mkdirat, AT_FDCWD, UNMAPPED, 0755), EFAULT);
}

/* Reads directory @fd with getdents64: bit i of the result is names[i]
 * seen with type types[i]; -1 on an error or an unexpected name. */
static long list_dir(int fd, const char *const *names, const unsigned char *types,
		     int n)
{
	char buf[512];
	long seen = 0, len;

	while ((len = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < len;) {
			unsigned short reclen;
			unsigned char type = (unsigned char)buf[off + 18];
			const char *name = buf + off + 19;
			int i;

			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			for (i = 0; i < n; i++)
				if (strcmp(name, names[i]) == 0 && type == types[i])
					break;
			if (i == n || reclen == 0 || (reclen & 7) != 0)
				return -1;
			seen |= 1L << i;
			off += reclen;
		}
	}
	return len < 0 ? -1 : seen;
}

static void test_getdents(void)
{
	static const char *const names[] = { ".", "..", "reg", "sub", "lnk" };
	static const unsigned char types[] = { 4, 4, 8, 4, 10 }; /* DT_* */
	char small[8];
	int fd;

	mkdir("ls", 0755);
	touch("ls/reg", "");
	mkdir("ls/sub", 0755);
	symlink("reg", "ls/lnk");
	fd = open("ls", O_RDONLY | O_DIRECTORY);
	CHECK_EQ("dirs.getdents64.all", list_dir(fd, names, types, 5), 31);
	CHECK_EQ("dirs.getdents64.eof", syscall(SYS_getdents64, fd, small, sizeof(small)), 0);
	lseek(fd, 0, SEEK_SET);
	CHECK_ERR("dirs.getdents64.einval_small", syscall(SYS_getdents64, fd, small, 8), EINVAL);
	CHECK_EQ("dirs.getdents64.rewind", list_dir(fd, names, types, 5), 31);
	lseek(fd, 0, SEEK_SET);
	unlink("ls/reg");
	CHECK_EQ("dirs.getdents64.after_unlink", list_dir(fd, names, types, 5), 27);
	lseek(fd, 0, SEEK_SET); /* at EOF nothing would be copied */
	CHECK_ERR("dirs.getdents64.efault",
		  syscall(SYS_getdents64, fd, UNMAPPED, 512), EFAULT);
	close(fd);
	fd = open("f", O_RDONLY);
	CHECK_ERR("dirs.getdents64.enotdir", syscall(SYS_getdents64, fd, small, sizeof(small)),
		  ENOTDIR);
	close(fd);
	CHECK_ERR("dirs.getdents64.ebadf", syscall(SYS_getdents64, 999, small, sizeof(small)),
		  EBADF);
}

static void test_rename(void)
{
	touch("r1", "one");
	touch("r2", "two");
	CHECK_EQ("dirs.rename.over_file", rename("r1", "r2"), 0);
	CHECK("dirs.rename.data_moved", has_data("r2", "one"), "r2 content");
	CHECK_ERR("dirs.rename.old_gone", access("r1", F_OK), ENOENT);
	CHECK_ERR("dirs.rename.enoent", rename("r1", "r3"), ENOENT);
	mkdir("rd", 0755);
	mkdir("rd2", 0755);
	touch("rd2/x", "");
	CHECK_ERR("dirs.rename.dir_over_nonempty", rename("rd", "rd2"), ENOTEMPTY);
	CHECK_ERR("dirs.rename.dir_over_file", rename("rd", "r2"), ENOTDIR);
	CHECK_ERR("dirs.rename.file_over_dir", rename("r2", "rd"), EISDIR);
	CHECK_ERR("dirs.rename.into_self", rename("rd", "rd/inner"), EINVAL);
	mkdir("rd3", 0755);
	CHECK_EQ("dirs.rename.dir_over_empty_dir", rename("rd", "rd3"), 0);
	CHECK_EQ("dirs.rename.same_file", rename("r2", "r2"), 0);
	touch("n1", "n1");
	touch("n2", "n2");
	CHECK_ERR("dirs.renameat2.noreplace",
		  syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", RENAME_NOREPLACE), EEXIST);
	CHECK_EQ("dirs.renameat2.exchange",
		 syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2", RENAME_EXCHANGE), 0);
	CHECK("dirs.renameat2.exchanged", has_data("n1", "n2") && has_data("n2", "n1"),
	      "contents not swapped");
	CHECK_ERR("dirs.renameat2.exchange_enoent",
		  syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "zz", RENAME_EXCHANGE), ENOENT);
	CHECK_ERR("dirs.renameat2.einval_flags",
		  syscall(SYS_renameat2, AT_FDCWD, "n1", AT_FDCWD, "n2",
			  RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
}

static void test_links(void)
{
	char buf[16];
	struct stat st;

	touch("h", "hard");
	CHECK_EQ("dirs.link", link("h", "h2"), 0);
	CHECK_EQ("dirs.link.nlink2", nlink_of("h"), 2);
	CHECK("dirs.link.same_data", has_data("h2", "hard"), "h2 content");
	CHECK_ERR("dirs.link.eexist", link("h", "h2"), EEXIST);
	CHECK_ERR("dirs.link.dir_eperm", link("rd3", "rd4"), EPERM);
	CHECK_ERR("dirs.link.enoent", link("nope", "nope2"), ENOENT);
	CHECK_EQ("dirs.unlink", unlink("h"), 0);
	CHECK_EQ("dirs.unlink.nlink1", nlink_of("h2"), 1);
	CHECK_ERR("dirs.unlink.enoent", unlink("h"), ENOENT);

	CHECK_EQ("dirs.symlink", symlink("h2", "s"), 0);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ("dirs.readlink", readlink("s", buf, sizeof(buf)), 2);
	CHECK("dirs.readlink.data", strcmp(buf, "h2") == 0, "got %s", buf);
	CHECK_EQ("dirs.readlink.truncates", readlink("s", buf, 1), 1);
	CHECK_ERR("dirs.readlink.einval_notlink", readlink("h2", buf, sizeof(buf)), EINVAL);
	/* raw: musl turns a zero size into a one-byte dummy buffer */
	CHECK_ERR("dirs.readlink.einval_size",
		  syscall(SYS_readlinkat, AT_FDCWD, "s", buf, 0), EINVAL);
	CHECK_ERR("dirs.readlink.einval_negative",
		  syscall(SYS_readlinkat, AT_FDCWD, "s", buf, -1), EINVAL);
	CHECK("dirs.symlink.lstat", lstat("s", &st) == 0 && S_ISLNK(st.st_mode) &&
	      st.st_size == 2 && (st.st_mode & 07777) == 0777, "mode %o size %ld",
	      st.st_mode, (long)st.st_size);
	CHECK("dirs.symlink.stat_follows", stat("s", &st) == 0 && S_ISREG(st.st_mode),
	      "mode %o", st.st_mode);
	CHECK("dirs.symlink.open_follows", has_data("s", "hard"), "through link");
	CHECK_ERR("dirs.symlink.eexist", symlink("x", "s"), EEXIST);
	CHECK_ERR("dirs.symlink.empty_target", symlink("", "s2"), ENOENT);
	CHECK_ERR("dirs.open.nofollow", open("s", O_RDONLY | O_NOFOLLOW), ELOOP);
	symlink("loop1", "loop2");
	symlink("loop2", "loop1");
	CHECK_ERR("dirs.symlink.eloop", open("loop1", O_RDONLY), ELOOP);
	symlink("missing", "dang");
	CHECK_ERR("dirs.symlink.dangling", open("dang", O_RDONLY), ENOENT);
	CHECK_EQ("dirs.unlink.symlink_not_target", unlink("s"), 0);
	CHECK_EQ("dirs.unlink.target_kept", access("h2", F_OK), 0);
	/* an open file outlives its last name */
	int fd = open("h2", O_RDONLY);
	unlink("h2");
	CHECK_EQ("dirs.unlink.open_file_readable", read(fd, buf, sizeof(buf)), 4);
	CHECK("dirs.unlink.open_file_nlink0", fstat(fd, &st) == 0 && st.st_nlink == 0,
	      "nlink %ld", (long)st.st_nlink);
	close(fd);
}

static void test_cwd(void)
{
	char buf[256], want[128];
	int dfd, ffd;

	snprintf(want, sizeof(want), "%s/cw/in", scratch_dir);
	mkdir("cw", 0755);
	mkdir("cw/in", 0755);
	CHECK_EQ("dirs.chdir", chdir("cw/in"), 0);
	CHECK("dirs.getcwd", getcwd(buf, sizeof(buf)) && strcmp(buf, want) == 0,
	      "got %s want %s", buf, want);
	CHECK_EQ("dirs.getcwd.raw_len", syscall(SYS_getcwd, buf, sizeof(buf)),
		 (long)strlen(want) + 1);
	CHECK_ERR("dirs.getcwd.erange", syscall(SYS_getcwd, buf, 4), ERANGE);
	CHECK_ERR("dirs.getcwd.efault", syscall(SYS_getcwd, UNMAPPED, sizeof(buf)), EFAULT);
	CHECK_EQ("dirs.chdir.dotdot", chdir("../.."), 0);
	CHECK("dirs.getcwd.back", getcwd(buf, sizeof(buf)) && strcmp(buf, scratch_dir) == 0,
	      "got %s", buf);
	CHECK_ERR("dirs.chdir.enotdir", chdir("f"), ENOTDIR);
	CHECK_ERR("dirs.chdir.enoent", chdir("nope"), ENOENT);
	dfd = open("cw", O_RDONLY | O_DIRECTORY);
	CHECK_EQ("dirs.fchdir", fchdir(dfd), 0);
	CHECK("dirs.fchdir.getcwd", getcwd(buf, sizeof(buf)) && strstr(buf, "/cw") != NULL,
	      "got %s", buf);
	chdir(scratch_dir);
	ffd = open("f", O_RDONLY);
	CHECK_ERR("dirs.fchdir.enotdir", fchdir(ffd), ENOTDIR);
	CHECK_ERR("dirs.fchdir.ebadf", fchdir(999), EBADF);

	/* the *at() calls, relative to dfd */
	CHECK_EQ("dirs.mkdirat", mkdirat(dfd, "at", 0755), 0);
	int fd = openat(dfd, "at/file", O_CREAT | O_WRONLY, 0644);
	CHECK("dirs.openat", fd >= 0 && access("cw/at/file", F_OK) == 0, "fd %d", fd);
	close(fd);
	struct stat st;
	CHECK("dirs.fstatat", fstatat(dfd, "at/file", &st, 0) == 0 && S_ISREG(st.st_mode),
	      "fstatat: %s", harness_errname(errno));
	CHECK_ERR("dirs.openat.enotdir_dirfd", openat(ffd, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR("dirs.openat.ebadf", openat(999, "x", O_RDONLY), EBADF);
	fd = openat(999, scratch_dir, O_RDONLY | O_DIRECTORY);
	CHECK("dirs.openat.absolute_ignores_dirfd", fd >= 0, "openat: %s",
	      harness_errname(errno));
	close(fd);
	CHECK_EQ("dirs.symlinkat", symlinkat("file", dfd, "at/sl"), 0);
	CHECK_EQ("dirs.readlinkat", readlinkat(dfd, "at/sl", buf, sizeof(buf)), 4);
	CHECK_EQ("dirs.linkat", linkat(dfd, "at/file", dfd, "at/file2", 0), 0);
	CHECK_EQ("dirs.renameat", renameat(dfd, "at/file2", dfd, "at/file3"), 0);
	CHECK_ERR("dirs.unlinkat.eisdir", unlinkat(dfd, "at", 0), EISDIR);
	CHECK_ERR("dirs.unlinkat.einval_flags", unlinkat(dfd, "at", 0x1), EINVAL);
	unlinkat(dfd, "at/file", 0);
	unlinkat(dfd, "at/file3", 0);
	unlinkat(dfd, "at/sl", 0);
	CHECK_EQ("dirs.unlinkat.removedir", unlinkat(dfd, "at", AT_REMOVEDIR), 0);

	/* a removed working directory */
	mkdir("gone", 0755);
	chdir("gone");
	rmdir("../gone");
	CHECK_ERR("dirs.getcwd.removed", syscall(SYS_getcwd, buf, sizeof(buf)), ENOENT);
	CHECK_ERR("dirs.removed_cwd.create", open("x", O_CREAT | O_WRONLY, 0644), ENOENT);
	chdir(scratch_dir);
	close(ffd);
	close(dfd);
}

int test_dirs(void)
{
	harness_begin("dirs");
	if (scratch_begin("dirs")) {
		test_mkdir_rmdir();
		test_getdents();
		test_rename();
		test_links();
		test_cwd();
		scratch_end("dirs");
	}
	return harness_end();
}
