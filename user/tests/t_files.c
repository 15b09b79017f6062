// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_files.c - open files: open/read/write/lseek/pread/pwrite,
 * readv/writev, O_APPEND, O_EXCL, O_TRUNC, O_DIRECTORY, O_PATH, creation
 * modes under the umask, offsets shared by dup() but not by two opens,
 * fcntl flags and close-on-exec bits, and the errno of each bad argument.
 * Runs in a private tmpfs (scratch.h).
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define UNMAPPED ((void *)0x12345000UL)

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? st.st_mode : 0;
}

static void test_create_modes(void)
{
	mode_t old = umask(022);
	int fd;

	fd = open("m644", O_CREAT | O_WRONLY, 0666);
	CHECK("files.create.umask022", fd >= 0 && mode_of("m644") == (S_IFREG | 0644),
	      "fd %d mode %o", fd, mode_of("m644"));
	close(fd);
	CHECK_EQ("files.umask.returns_old", umask(0), 022);
	fd = open("m666", O_CREAT | O_WRONLY, 0666);
	CHECK_EQ("files.create.umask0", mode_of("m666"), S_IFREG | 0666);
	close(fd);
	umask(077);
	fd = open("m600", O_CREAT | O_RDWR, 0666);
	CHECK_EQ("files.create.umask077", mode_of("m600"), S_IFREG | 0600);
	close(fd);
	/* setuid/setgid/sticky bits survive the umask */
	umask(022);
	fd = open("m4755", O_CREAT | O_WRONLY, 04755);
	CHECK_EQ("files.create.suid", mode_of("m4755"), S_IFREG | 04755);
	close(fd);
	/* O_CREAT on an existing file keeps its mode */
	fd = open("m600", O_CREAT | O_RDWR, 0777);
	CHECK_EQ("files.create.existing_keeps_mode", mode_of("m600"), S_IFREG | 0600);
	close(fd);
	umask(old);
}

static void test_read_write_seek(void)
{
	char buf[64];
	int fd = open("rw", O_CREAT | O_RDWR | O_TRUNC, 0644);

	CHECK("files.open.creat", fd >= 0, "open: %s", harness_errname(errno));
	CHECK_EQ("files.write", write(fd, "hello world", 11), 11);
	CHECK_EQ("files.lseek.cur_after_write", lseek(fd, 0, SEEK_CUR), 11);
	CHECK_EQ("files.read.at_eof", read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ("files.lseek.set", lseek(fd, 6, SEEK_SET), 6);
	memset(buf, 0, sizeof(buf));
	CHECK_EQ("files.read.short", read(fd, buf, sizeof(buf)), 5);
	CHECK("files.read.data", memcmp(buf, "world", 5) == 0, "got %.5s", buf);
	CHECK_EQ("files.lseek.end", lseek(fd, 0, SEEK_END), 11);
	CHECK_EQ("files.lseek.end_neg", lseek(fd, -5, SEEK_END), 6);
	CHECK_EQ("files.lseek.cur_neg", lseek(fd, -6, SEEK_CUR), 0);
	CHECK_ERR("files.lseek.einval_negative", lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_EQ("files.lseek.unchanged_after_einval", lseek(fd, 0, SEEK_CUR), 0);
	CHECK_ERR("files.lseek.einval_whence", lseek(fd, 0, 99), EINVAL);
	/* a write past EOF leaves a hole of zeros */
	CHECK_EQ("files.lseek.past_eof", lseek(fd, 100, SEEK_SET), 100);
	CHECK_EQ("files.write.past_eof", write(fd, "!", 1), 1);
	memset(buf, 'x', sizeof(buf));
	CHECK_EQ("files.pread.hole", pread(fd, buf, 10, 50), 10);
	CHECK("files.pread.hole_zeros", buf[0] == 0 && buf[9] == 0, "byte %d", buf[0]);
	CHECK_EQ("files.size_after_hole", lseek(fd, 0, SEEK_END), 101);
	/* pread/pwrite leave the offset alone */
	CHECK_EQ("files.lseek.before_pwrite", lseek(fd, 3, SEEK_SET), 3);
	CHECK_EQ("files.pwrite", pwrite(fd, "HELLO", 5, 0), 5);
	CHECK_EQ("files.pwrite.offset_kept", lseek(fd, 0, SEEK_CUR), 3);
	CHECK_EQ("files.pread", pread(fd, buf, 5, 0), 5);
	CHECK("files.pread.data", memcmp(buf, "HELLO", 5) == 0, "got %.5s", buf);
	CHECK_EQ("files.pread.offset_kept", lseek(fd, 0, SEEK_CUR), 3);
	CHECK_EQ("files.pread.past_eof", pread(fd, buf, 5, 1000), 0);
	CHECK_ERR("files.pread.einval_negative",
		  syscall(SYS_pread64, fd, buf, 5, -1L), EINVAL);
	CHECK_ERR("files.pread.einval_before_ebadf",
		  syscall(SYS_pread64, 999, buf, 5, -1L), EINVAL);
	close(fd);
}

static void test_vectors(void)
{
	char a[4], b[8];
	struct iovec wv[3] = { { "abc", 3 }, { "", 0 }, { "defghij", 7 } };
	struct iovec rv[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
	struct iovec bad[2] = { { "x", 1 }, { UNMAPPED, 4 } };
	int fd = open("vec", O_CREAT | O_RDWR | O_TRUNC, 0644);

	CHECK_EQ("files.writev", writev(fd, wv, 3), 10);
	CHECK_EQ("files.writev.offset", lseek(fd, 0, SEEK_SET), 0);
	memset(b, 0, sizeof(b));
	CHECK_EQ("files.readv", readv(fd, rv, 2), 10);
	CHECK("files.readv.data", memcmp(a, "abcd", 4) == 0 &&
	      memcmp(b, "efghij", 6) == 0, "got %.4s %.6s", a, b);
	CHECK_EQ("files.readv.zero_count", readv(fd, rv, 0), 0);
	CHECK_ERR("files.readv.einval_count", readv(fd, rv, -1), EINVAL);
	CHECK_ERR("files.readv.einval_toomany", syscall(SYS_readv, fd, rv, 1025), EINVAL);
	CHECK_ERR("files.readv.efault_iov", syscall(SYS_readv, fd, UNMAPPED, 2), EFAULT);
	/* a bad segment after a good one: what came before is written */
	CHECK_EQ("files.writev.partial", writev(fd, bad, 2), 1);
	CHECK_EQ("files.preadv", preadv(fd, rv, 2, 2), 9);
	CHECK("files.preadv.data", memcmp(a, "cdef", 4) == 0, "got %.4s", a);
	close(fd);
}

static void test_append_excl_trunc(void)
{
	char buf[16];
	int fd = open("app", O_CREAT | O_WRONLY | O_TRUNC, 0644);

	write(fd, "12345", 5);
	close(fd);
	fd = open("app", O_WRONLY | O_APPEND);
	CHECK_EQ("files.append.lseek_start", lseek(fd, 0, SEEK_SET), 0);
	CHECK_EQ("files.append.write", write(fd, "67", 2), 2);
	CHECK_EQ("files.append.offset_at_end", lseek(fd, 0, SEEK_CUR), 7);
	/* Linux: pwrite on an O_APPEND file appends, whatever the offset */
	CHECK_EQ("files.append.pwrite", pwrite(fd, "8", 1, 0), 1);
	close(fd);
	fd = open("app", O_RDONLY);
	CHECK_EQ("files.append.size", read(fd, buf, sizeof(buf)), 8);
	CHECK("files.append.data", memcmp(buf, "12345678", 8) == 0, "got %.8s", buf);
	close(fd);

	CHECK_ERR("files.excl.eexist", open("app", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	fd = open("excl", O_CREAT | O_EXCL | O_WRONLY, 0644);
	CHECK("files.excl.new", fd >= 0, "open: %s", harness_errname(errno));
	close(fd);
	symlink("dangling-target", "dangling");
	CHECK_ERR("files.excl.dangling_symlink",
		  open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	fd = open("dangling", O_CREAT | O_WRONLY, 0644);
	CHECK("files.creat.through_dangling_symlink",
	      fd >= 0 && access("dangling-target", F_OK) == 0, "fd %d", fd);
	close(fd);

	fd = open("app", O_WRONLY | O_TRUNC);
	CHECK_EQ("files.trunc.size", lseek(fd, 0, SEEK_END), 0);
	close(fd);
}

static void test_dirs_and_types(void)
{
	char buf[8];
	int fd;

	mkdir("d", 0755);
	CHECK_ERR("files.directory.enotdir", open("app", O_RDONLY | O_DIRECTORY), ENOTDIR);
	fd = open("d", O_RDONLY | O_DIRECTORY);
	CHECK("files.directory.ok", fd >= 0, "open: %s", harness_errname(errno));
	CHECK_ERR("files.read.eisdir", read(fd, buf, sizeof(buf)), EISDIR);
	close(fd);
	CHECK_ERR("files.open.dir_wronly", open("d", O_WRONLY), EISDIR);
	CHECK_ERR("files.open.dir_rdwr", open("d", O_RDWR), EISDIR);
	CHECK_ERR("files.open.dir_creat", open("d", O_CREAT | O_RDONLY, 0644), EISDIR);
	CHECK_ERR("files.open.creat_directory", open("nd", O_CREAT | O_DIRECTORY | O_RDONLY, 0644),
		  EINVAL);
	CHECK_ERR("files.open.enoent", open("missing", O_RDONLY), ENOENT);
	CHECK_ERR("files.open.enoent_dir", open("missing/x", O_CREAT | O_RDONLY, 0644), ENOENT);
	CHECK_ERR("files.open.empty", open("", O_RDONLY), ENOENT);
	CHECK_ERR("files.open.enotdir_component", open("app/x", O_RDONLY), ENOTDIR);
	CHECK_ERR("files.open.trailing_slash_file", open("app/", O_RDONLY), ENOTDIR);
	CHECK_ERR("files.open.creat_trailing_slash", open("new/", O_CREAT | O_RDONLY, 0644),
		  EISDIR);
	CHECK_ERR("files.open.efault", syscall(SYS_openat, AT_FDCWD, UNMAPPED, O_RDONLY), EFAULT);
	CHECK_ERR("files.open.efault_null", syscall(SYS_openat, AT_FDCWD, NULL, O_RDONLY), EFAULT);
	mkdir("full", 0755);
	close(open("full/x", O_CREAT | O_WRONLY, 0644));
	CHECK_ERR("files.rmdir.enotempty", rmdir("full"), ENOTEMPTY);
	CHECK_ERR("files.unlink.eisdir", unlink("d"), EISDIR);
}

static void test_offsets_shared(void)
{
	char c;
	int a = open("rw", O_RDONLY);
	int b = dup(a);
	int other = open("rw", O_RDONLY);

	CHECK("files.dup.new_fd", b > a, "dup gave %d for %d", b, a);
	read(a, &c, 1);
	read(a, &c, 1);
	CHECK_EQ("files.dup.shares_offset", lseek(b, 0, SEEK_CUR), 2);
	CHECK_EQ("files.open_twice.own_offset", lseek(other, 0, SEEK_CUR), 0);
	lseek(b, 5, SEEK_SET);
	CHECK_EQ("files.dup.offset_back", lseek(a, 0, SEEK_CUR), 5);
	close(a);
	CHECK_EQ("files.dup.survives_close", read(b, &c, 1), 1);
	close(b);
	close(other);
}

static void test_access_modes(void)
{
	char buf[4];
	int ro = open("rw", O_RDONLY);
	int wo = open("rw", O_WRONLY);
	int pa = open("rw", O_PATH);
	struct stat st;

	CHECK_ERR("files.write.ebadf_rdonly", write(ro, "x", 1), EBADF);
	CHECK_ERR("files.read.ebadf_wronly", read(wo, buf, 1), EBADF);
	CHECK_ERR("files.read.ebadf_opath", read(pa, buf, 1), EBADF);
	CHECK_ERR("files.lseek.ebadf_opath", lseek(pa, 0, SEEK_SET), EBADF);
	CHECK_EQ("files.fstat.opath", fstat(pa, &st), 0);
	CHECK_ERR("files.ftruncate.einval_rdonly", ftruncate(ro, 0), EINVAL);
	CHECK_ERR("files.read.ebadf_negative", read(-1, buf, 1), EBADF);
	CHECK_ERR("files.read.ebadf_unopened", read(999, buf, 1), EBADF);
	CHECK_ERR("files.read.efault", syscall(SYS_read, ro, UNMAPPED, 4), EFAULT);
	CHECK_ERR("files.write.efault", syscall(SYS_write, wo, UNMAPPED, 4), EFAULT);
	CHECK_ERR("files.read.ebadf_before_efault", syscall(SYS_read, 999, UNMAPPED, 4), EBADF);
	close(ro);
	close(wo);
	close(pa);
	CHECK_ERR("files.close.ebadf_twice", close(ro), EBADF);
	CHECK_ERR("files.close.ebadf_negative", close(-1), EBADF);
}

/* F_GETFL is what open kept: the access mode and the status flags, plus
 * O_LARGEFILE (64-bit), without the open-time-only and fd flags. */
static void test_getfl(void)
{
	int p[2], fd, d;

	fd = open("rw", O_RDWR | O_CLOEXEC);
	CHECK_EQ("files.getfl.largefile", fcntl(fd, F_GETFL), O_RDWR | O_LARGEFILE);
	close(fd);
	fd = open("rw", O_RDWR | O_CREAT | O_TRUNC | O_NOCTTY | O_APPEND | O_NOFOLLOW, 0600);
	CHECK_EQ("files.getfl.drops_open_flags", fcntl(fd, F_GETFL),
		 O_RDWR | O_APPEND | O_NOFOLLOW | O_LARGEFILE);
	close(fd);
	fd = open("rw", O_PATH | O_CLOEXEC | O_NOFOLLOW);
	CHECK_EQ("files.getfl.opath", fcntl(fd, F_GETFL), O_PATH | O_NOFOLLOW);
	CHECK_ERR("files.fcntl.opath_setfl", fcntl(fd, F_SETFL, 0), EBADF);
	CHECK_EQ("files.fcntl.opath_dupfd", (d = fcntl(fd, F_DUPFD_CLOEXEC, 0)) >= 0, 1);
	close(d);
	close(fd);
	fd = open("rw", 3);
	CHECK_EQ("files.getfl.accmode3", fcntl(fd, F_GETFL), 3 | O_LARGEFILE);
	close(fd);
	pipe2(p, O_NONBLOCK | O_CLOEXEC);
	CHECK_EQ("files.getfl.pipe_read", fcntl(p[0], F_GETFL), O_RDONLY | O_NONBLOCK);
	CHECK_EQ("files.getfl.pipe_write", fcntl(p[1], F_GETFL), O_WRONLY | O_NONBLOCK);
	close(p[0]);
	close(p[1]);
	CHECK_EQ("files.getfl.console", fcntl(0, F_GETFL) & ~O_LARGEFILE, O_RDWR);
	/* tmpfs has no direct I/O (Linux 6.1) */
	CHECK_ERR("files.open.o_direct", open("rw", O_RDONLY | O_DIRECT), EINVAL);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_EQ("files.getfl.directory", fcntl(fd, F_GETFL), O_DIRECTORY | O_LARGEFILE);
	CHECK_ERR("files.setfl.o_direct", fcntl(fd, F_SETFL, O_APPEND | O_DIRECT), EINVAL);
	CHECK_EQ("files.setfl.o_direct_unchanged", fcntl(fd, F_GETFL),
		 O_DIRECTORY | O_LARGEFILE);
	CHECK_EQ("files.setfl.noatime", fcntl(fd, F_SETFL, O_NOATIME), 0);
	CHECK_EQ("files.getfl.noatime", fcntl(fd, F_GETFL),
		 O_DIRECTORY | O_LARGEFILE | O_NOATIME);
	close(fd);
}

static void test_fcntl(void)
{
	int fd = open("rw", O_RDWR | O_CLOEXEC);
	int d;

	CHECK_EQ("files.fcntl.getfd_cloexec", fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_EQ("files.fcntl.getfl_accmode", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ("files.fcntl.setfd", fcntl(fd, F_SETFD, 0), 0);
	CHECK_EQ("files.fcntl.getfd_cleared", fcntl(fd, F_GETFD), 0);
	CHECK_EQ("files.fcntl.setfl", fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK), 0);
	CHECK_EQ("files.fcntl.getfl_set", fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK),
		 O_APPEND | O_NONBLOCK);
	/* access mode and creation flags cannot be changed */
	fcntl(fd, F_SETFL, O_WRONLY | O_TRUNC);
	CHECK_EQ("files.fcntl.setfl_keeps_accmode", fcntl(fd, F_GETFL) & O_ACCMODE, O_RDWR);
	CHECK_EQ("files.fcntl.setfl_clears", fcntl(fd, F_GETFL) & (O_APPEND | O_NONBLOCK), 0);

	d = fcntl(fd, F_DUPFD, 50);
	CHECK("files.fcntl.dupfd_min", d >= 50, "got %d", d);
	CHECK_EQ("files.fcntl.dupfd_no_cloexec", fcntl(d, F_GETFD), 0);
	close(d);
	d = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	CHECK_EQ("files.fcntl.dupfd_cloexec", fcntl(d, F_GETFD), FD_CLOEXEC);
	close(d);
	CHECK_ERR("files.fcntl.dupfd_einval", fcntl(fd, F_DUPFD, 1 << 30), EINVAL);
	CHECK_ERR("files.fcntl.ebadf", fcntl(999, F_GETFD), EBADF);
	CHECK_ERR("files.fcntl.einval_cmd", fcntl(fd, 12345), EINVAL);

	fcntl(fd, F_SETFD, FD_CLOEXEC);
	d = dup(fd);
	CHECK_EQ("files.dup.clears_cloexec", fcntl(d, F_GETFD), 0);
	CHECK_EQ("files.dup3.cloexec", dup3(fd, d, O_CLOEXEC), d);
	CHECK_EQ("files.dup3.cloexec_set", fcntl(d, F_GETFD), FD_CLOEXEC);
	CHECK_EQ("files.dup2.replaces", dup2(fd, d), d);
	CHECK_EQ("files.dup2.no_cloexec", fcntl(d, F_GETFD), 0);
	CHECK_EQ("files.dup2.same_fd", dup2(fd, fd), fd);
	CHECK_ERR("files.dup3.einval_same", dup3(fd, fd, 0), EINVAL);
	CHECK_ERR("files.dup3.einval_flags", dup3(fd, d, O_APPEND), EINVAL);
	CHECK_ERR("files.dup3.ebadf_old", dup3(999, d, 0), EBADF);
	CHECK_ERR("files.dup.ebadf", dup(999), EBADF);
	close(d);
	CHECK_EQ("files.dup.lowest_free", dup(fd), d);
	close(d);
	close(fd);
}

/* File mappings share the file's pages with read() and write(). */
static void test_mmap(void)
{
	char buf[8];
	int p[2];
	int fd = open("map", O_CREAT | O_RDWR | O_TRUNC, 0644);
	int ro = open("map", O_RDONLY);
	int wo = open("map", O_WRONLY);
	char *sh, *pr;

	write(fd, "0123456789", 10);
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK("files.mmap.shared", sh != MAP_FAILED, "mmap: %s", harness_errname(errno));
	CHECK("files.mmap.private", pr != MAP_FAILED, "mmap: %s", harness_errname(errno));
	if (sh == MAP_FAILED || pr == MAP_FAILED)
		return;
	CHECK("files.mmap.sees_data", memcmp(sh, "0123", 4) == 0 && memcmp(pr, "0123", 4) == 0,
	      "got %.4s %.4s", sh, pr);
	sh[0] = 'S';
	CHECK_EQ("files.mmap.shared_write_visible", pread(fd, buf, 1, 0) == 1 ? buf[0] : -1, 'S');
	pwrite(fd, "W", 1, 1);
	CHECK_EQ("files.mmap.write_visible_shared", sh[1], 'W');
	pr[2] = 'P';
	CHECK_EQ("files.mmap.private_not_in_file", pread(fd, buf, 1, 2) == 1 ? buf[0] : -1, '2');
	CHECK_EQ("files.mmap.private_own_copy", pr[2], 'P');
	CHECK_EQ("files.mmap.tail_zero", sh[100], 0);
	munmap(sh, 4096);
	munmap(pr, 4096);
	close(fd);
	CHECK("files.mmap.rdonly_private_write",
	      (pr = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0)) != MAP_FAILED,
	      "mmap: %s", harness_errname(errno));
	munmap(pr, 4096);
	CHECK_EQ("files.mmap.rdonly_shared_write_eacces",
		 mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED ?
		 errno : 0, EACCES);
	CHECK_EQ("files.mmap.wronly_eacces",
		 mmap(NULL, 4096, PROT_READ, MAP_SHARED, wo, 0) == MAP_FAILED ? errno : 0, EACCES);
	sh = mmap(NULL, 4096, PROT_READ, MAP_SHARED, ro, 0);
	CHECK_EQ("files.mprotect.rdonly_shared_eacces", mprotect(sh, 4096, PROT_WRITE) ? errno : 0,
		 EACCES);
	munmap(sh, 4096);
	CHECK_EQ("files.mmap.ebadf", mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0) == MAP_FAILED ?
		 errno : 0, EBADF);
	pipe(p);
	CHECK_EQ("files.mmap.pipe_enodev",
		 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, p[0], 0) == MAP_FAILED ? errno : 0, ENODEV);
	close(p[0]);
	close(p[1]);
	fd = open(".", O_RDONLY | O_DIRECTORY);
	CHECK_EQ("files.mmap.dir_enodev",
		 mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED ? errno : 0, ENODEV);
	close(fd);
	close(ro);
	close(wo);
}

int test_files(void)
{
	harness_begin("files");
	if (scratch_begin("files")) {
		test_create_modes();
		test_read_write_seek();
		test_vectors();
		test_append_excl_trunc();
		test_dirs_and_types();
		test_offsets_shared();
		test_access_modes();
		test_fcntl();
		test_getfl();
		test_mmap();
		scratch_end("files");
	}
	return harness_end();
}
