// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_dev.c - the device nodes of devtmpfs: their numbers and
 * modes, and what null, zero, full, random, urandom, console and tty do.
 *
 * racho mounts devtmpfs on /dev before init runs; Linux does not when it
 * boots from an initramfs (the archive's /dev has only console), so the
 * family mounts it itself when /dev/null is missing, as an init would.
 */
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "harness.h"

static void ensure_devtmpfs(void)
{
	if (access("/dev/null", F_OK) == 0)
		return;
	mkdir("/dev", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) == 0)
		harness_printf("# dev: mounted devtmpfs on /dev");
	else
		harness_printf("# dev: mount devtmpfs: %s", harness_errname(errno));
}

/* A character device @major:@minor with permissions @perm. */
static void check_node(const char *name, const char *path, unsigned major_,
		       unsigned minor_, mode_t perm)
{
	struct stat st;
	int r = stat(path, &st);

	CHECK(name, r == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == major_ &&
			    minor(st.st_rdev) == minor_ &&
			    (st.st_mode & 07777) == perm,
	      "stat %d (%s) mode %o rdev %u:%u, want char %u:%u %o", r,
	      harness_errname(errno), (unsigned)st.st_mode,
	      major(st.st_rdev), minor(st.st_rdev), major_, minor_,
	      (unsigned)perm);
}

static bool all_bytes(const unsigned char *buf, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (buf[i] != v)
			return false;
	return true;
}

static void dev_null(void)
{
	char buf[64] = "x";
	int fd = open("/dev/null", O_RDWR);

	CHECK("dev.null.open", fd >= 0, "%s", harness_errname(errno));
	CHECK_EQ("dev.null.read_eof", read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ("dev.null.write_all", write(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK_EQ("dev.null.write_zero", write(fd, buf, 0), 0);
	CHECK_EQ("dev.null.lseek_stays_0", lseek(fd, 100, SEEK_SET), 0);
	close(fd);
}

static void dev_zero(void)
{
	static unsigned char buf[8192];
	int fd = open("/dev/zero", O_RDWR);

	memset(buf, 0xaa, sizeof(buf));
	CHECK("dev.zero.open", fd >= 0, "%s", harness_errname(errno));
	CHECK_EQ("dev.zero.read_full", read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK("dev.zero.read_zeros", all_bytes(buf, sizeof(buf), 0),
	      "non-zero byte read");
	CHECK_EQ("dev.zero.write_all", write(fd, buf, 100), 100);
	CHECK_EQ("dev.zero.pos_stays_0", lseek(fd, 0, SEEK_CUR), 0);
	close(fd);
}

static void dev_full(void)
{
	unsigned char buf[256];
	int fd = open("/dev/full", O_RDWR);

	memset(buf, 0xaa, sizeof(buf));
	CHECK("dev.full.open", fd >= 0, "%s", harness_errname(errno));
	CHECK_ERR("dev.full.write_enospc", write(fd, buf, 10), ENOSPC);
	CHECK_EQ("dev.full.read_full", read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK("dev.full.read_zeros", all_bytes(buf, sizeof(buf), 0),
	      "non-zero byte read");
	close(fd);
}

static void dev_urandom(void)
{
	static unsigned char a[4096], b[4096];
	int fd = open("/dev/urandom", O_RDONLY);

	CHECK("dev.urandom.open", fd >= 0, "%s", harness_errname(errno));
	CHECK_EQ("dev.urandom.read_full", read(fd, a, sizeof(a)), sizeof(a));
	CHECK_EQ("dev.urandom.read_again", read(fd, b, sizeof(b)), sizeof(b));
	/* 4 KiB of real randomness is never constant nor repeated */
	CHECK("dev.urandom.not_constant", !all_bytes(a, sizeof(a), a[0]),
	      "every byte is 0x%02x", a[0]);
	CHECK("dev.urandom.not_repeated", memcmp(a, b, sizeof(a)) != 0,
	      "two reads gave the same bytes");
	CHECK_ERR("dev.urandom.write_rdonly", write(fd, a, 16), EBADF);
	close(fd);
	fd = open("/dev/urandom", O_WRONLY);
	CHECK_EQ("dev.urandom.write_mixes_in", write(fd, a, 16), 16);
	close(fd);
	check_node("dev.urandom.node", "/dev/urandom", 1, 9, 0666);
	check_node("dev.random.node", "/dev/random", 1, 8, 0666);
	fd = open("/dev/random", O_RDONLY | O_NONBLOCK);
	CHECK_EQ("dev.random.read_seeded", read(fd, a, 16), 16);
	close(fd);
}

static void dev_tty(void)
{
	static const char msg[] = "# dev: written to /dev/console\n";
	int fd;

	check_node("dev.console.node", "/dev/console", 5, 1, 0600);
	check_node("dev.tty.node", "/dev/tty", 5, 0, 0666);
	fd = open("/dev/console", O_WRONLY | O_NOCTTY);
	CHECK("dev.console.open", fd >= 0, "%s", harness_errname(errno));
	CHECK_EQ("dev.console.write", write(fd, msg, strlen(msg)), strlen(msg));
	CHECK_EQ("dev.console.isatty", isatty(fd), 1);
	close(fd);
}

/* devtmpfs has one instance: a second mount shows the same nodes. */
static void dev_second_mount(void)
{
	const char *dir = "/tmp/devtmpfs2";
	struct stat a, b;
	int r;

	(void)mkdir("/tmp", 01777);
	(void)mkdir(dir, 0755);
	r = mount("devtmpfs", dir, "devtmpfs", 0, NULL);
	CHECK("dev.devtmpfs.mount_again", r == 0, "%s", harness_errname(errno));
	if (r != 0)
		return;
	CHECK("dev.devtmpfs.same_instance",
	      stat("/dev/null", &a) == 0 && stat("/tmp/devtmpfs2/null", &b) == 0 &&
		      a.st_dev == b.st_dev && a.st_ino == b.st_ino,
	      "dev %lx/%lx ino %lu/%lu", (unsigned long)a.st_dev,
	      (unsigned long)b.st_dev, (unsigned long)a.st_ino, (unsigned long)b.st_ino);
	CHECK_EQ("dev.devtmpfs.umount", umount(dir), 0);
	(void)rmdir(dir);
}

int test_dev(void)
{
	harness_begin("dev");
	ensure_devtmpfs();
	check_node("dev.null.node", "/dev/null", 1, 3, 0666);
	check_node("dev.zero.node", "/dev/zero", 1, 5, 0666);
	check_node("dev.full.node", "/dev/full", 1, 7, 0666);
	dev_null();
	dev_zero();
	dev_full();
	dev_urandom();
	dev_tty();
	dev_second_mount();
	return harness_end();
}
