// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vfs.c - kernel/fs/ on the host: the helpers, path
 * walking (".", "..", "//", trailing slashes, symlink chains and loops,
 * ENAMETOOLONG, dirfds, chroot) and mounts (crossing both ways, busy
 * umount, stacking, getcwd). tmpfs and fd tables are in the sibling files.
 */
#include <string.h>

#include <ostd/bytes.h>

#include "host_ostd.h"
#include "host_uspace.h"
#include "test_vfs.h"

struct fs_context *ctx;

struct ostd_bytes B(const char *s)
{
	return ostd_bytes_cstr(s);
}

int t_open(const char *path, uint32_t flags, struct file **f)
{
	return vfs_open(ctx, NULL, B(path), flags, 0644, f);
}

long t_write(struct file *f, const void *data, size_t n)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);
	long r;

	CHECK(n <= sizeof(kb->data));
	memcpy(kb->data, data, n);
	r = vfs_write(f, &t, n);
	free(kb);
	return r;
}

long t_read(struct file *f, void *buf, size_t n)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);
	long r;

	CHECK(n <= sizeof(kb->data));
	r = vfs_read(f, &t, n);
	if (r > 0)
		memcpy(buf, kb->data, r);
	free(kb);
	return r;
}

long t_pread(struct file *f, void *buf, size_t n, int64_t off)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);
	long r;

	CHECK(n <= sizeof(kb->data));
	r = vfs_pread(f, &t, n, off);
	if (r > 0)
		memcpy(buf, kb->data, r);
	free(kb);
	return r;
}

int t_mkfile(const char *path, const char *data)
{
	struct file *f;
	int r = t_open(path, O_CREAT | O_WRONLY | O_TRUNC, &f);

	if (r < 0)
		return r;
	CHECK_EQ(t_write(f, data, strlen(data)), strlen(data));
	file_put(f);
	return 0;
}

long t_slurp(const char *path, char *buf, size_t cap)
{
	struct file *f;
	long n;
	int r = t_open(path, O_RDONLY, &f);

	if (r < 0)
		return r;
	n = t_read(f, buf, cap - 1);
	file_put(f);
	if (n >= 0)
		buf[n] = 0;
	return n;
}

int t_stat(const char *path, struct linux_stat *st)
{
	return vfs_stat(ctx, NULL, B(path), 0, st);
}

int t_lstat(const char *path, struct linux_stat *st)
{
	return vfs_stat(ctx, NULL, B(path), AT_SYMLINK_NOFOLLOW, st);
}

long long t_ino(const char *path)
{
	struct linux_stat st;
	int r = t_stat(path, &st);

	return r < 0 ? r : (long long)st.st_ino;
}

int t_mkdir(const char *path)
{
	return vfs_mkdir(ctx, NULL, B(path), 0755);
}

/* ".", "..", repeated and trailing slashes. */
static void test_dots_and_slashes(void)
{
	long long ino;
	struct file *f;

	CHECK_EQ(t_mkdir("/a"), 0);
	CHECK_EQ(t_mkdir("/a/b"), 0);
	CHECK_EQ(t_mkfile("/a/b/f", "hello"), 0);
	ino = t_ino("/a/b/f");
	CHECK(ino > 0);
	CHECK_EQ(t_ino("a/b/f"), ino);
	CHECK_EQ(t_ino("//a///b//f"), ino);
	CHECK_EQ(t_ino("/a/./b/../b/./f"), ino);
	CHECK_EQ(t_ino("/../../a/b/f"), ino); /* ".." at the root stays */
	CHECK_EQ(t_ino("/a/b/.."), t_ino("/a"));
	CHECK_EQ(t_ino("/a/b/../.."), t_ino("/"));
	CHECK_EQ(t_ino("/."), t_ino("/"));
	CHECK_EQ(t_ino("///"), t_ino("/"));
	/* A trailing slash demands a directory. */
	CHECK_EQ(t_ino("/a/b/f/"), -ENOTDIR);
	CHECK_EQ(t_ino("/a/b/f/."), -ENOTDIR);
	CHECK_EQ(t_ino("/a/b/f/x"), -ENOTDIR);
	CHECK_EQ(t_ino("/a/b/"), t_ino("/a/b"));
	CHECK_EQ(t_open("/a/b/f/", O_RDONLY, &f), -ENOTDIR);
	CHECK_EQ(t_open("/a/b/new/", O_CREAT | O_WRONLY, &f), -EISDIR);
	CHECK_EQ(t_open("/a/b/f/", O_CREAT | O_WRONLY, &f), -EISDIR);
	CHECK_EQ(t_open("/a/b/", O_CREAT | O_RDONLY, &f), -EISDIR);
	CHECK_EQ(t_open("/a/b/f", O_CREAT | O_EXCL | O_WRONLY, &f), -EEXIST);
	CHECK_EQ(t_open("/a/b/.", O_CREAT | O_EXCL | O_RDONLY, &f), -EEXIST);
	CHECK_EQ(t_mkdir("/a/c/"), 0);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/a/n/"), S_IFREG | 0644, 0), -ENOENT);
	CHECK_EQ(t_mkdir("/a/c"), -EEXIST);
	CHECK_EQ(t_mkdir("/a/b/f/"), -EEXIST);
	CHECK_EQ(t_mkdir("/a/."), -EEXIST);
	CHECK_EQ(t_mkdir("/"), -EEXIST);
	CHECK_EQ(t_ino("/nope/x"), -ENOENT);
	CHECK_EQ(t_ino("/a/nope"), -ENOENT);
	CHECK_EQ(t_ino(""), -ENOENT);
	CHECK_EQ(t_open(".", O_CREAT | O_RDONLY, &f), -EISDIR);
	CHECK_EQ(t_open("/a", O_WRONLY, &f), -EISDIR);
	CHECK_EQ(t_open("/a/b/f", O_RDONLY | O_DIRECTORY, &f), -ENOTDIR);
	CHECK_EQ(t_open("/a", O_RDONLY | O_DIRECTORY, &f), 0);
	file_put(f);
}

static void test_readlink(void)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct io_target t = io_kbuf(kb, 0);

	CHECK_EQ(vfs_readlink(ctx, NULL, B("/l3"), &t, 64), 5);
	CHECK(memcmp(kb->data, "/l2/f", 5) == 0);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_readlink(ctx, NULL, B("/l3"), &t, 3), 3);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_readlink(ctx, NULL, B("/a/b/f"), &t, 64), -EINVAL);
	t = io_kbuf(kb, 0);
	CHECK_EQ(vfs_readlink(ctx, NULL, B("/l3"), &t, 0), -EINVAL);
	free(kb);
}

/* Symlinks: chains, relative and absolute targets, loops, NOFOLLOW. */
static void test_symlinks(void)
{
	struct linux_stat st;
	struct file *f;
	char buf[64];
	char name[32];
	char target[32];
	long long ino = t_ino("/a/b/f");
	int i;

	CHECK_EQ(vfs_symlink(ctx, B("/a"), NULL, B("/l1")), 0);
	CHECK_EQ(vfs_symlink(ctx, B("l1/b"), NULL, B("/l2")), 0);
	CHECK_EQ(vfs_symlink(ctx, B("/l2/f"), NULL, B("/l3")), 0);
	CHECK_EQ(t_ino("/l3"), ino);
	CHECK_EQ(t_ino("/l1/b/f"), ino);
	CHECK_EQ(t_ino("/l2/../b/f"), ino); /* ".." after a link: lexical in target dir */
	CHECK_EQ(vfs_symlink(ctx, B("b/f"), NULL, B("/a/rel")), 0);
	CHECK_EQ(t_ino("/a/rel"), ino);
	CHECK_EQ(t_ino("/l1/rel"), ino);
	CHECK_EQ(vfs_symlink(ctx, B(".."), NULL, B("/a/b/up")), 0);
	CHECK_EQ(t_ino("/a/b/up/b/f"), ino);
	CHECK_EQ(t_ino("/a/b/up/"), t_ino("/a"));
	CHECK_EQ(t_lstat("/l3", &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
	CHECK_EQ(st.st_size, 5);
	CHECK_EQ(t_stat("/l3", &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFREG);
	/* A link with a trailing slash is followed even when lstat-ing. */
	CHECK_EQ(t_lstat("/l1/", &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFDIR);
	test_readlink();
	/* Loops. */
	CHECK_EQ(vfs_symlink(ctx, B("/loop2"), NULL, B("/loop1")), 0);
	CHECK_EQ(vfs_symlink(ctx, B("/loop1"), NULL, B("/loop2")), 0);
	CHECK_EQ(vfs_symlink(ctx, B("self"), NULL, B("/self")), 0);
	CHECK_EQ(t_ino("/loop1"), -ELOOP);
	CHECK_EQ(t_ino("/self/x"), -ELOOP);
	CHECK_EQ(t_lstat("/loop1", &st), 0);
	/* Exactly 40 links are fine, 41 are ELOOP: c0 -> c1 -> ... -> f. */
	CHECK_EQ(t_mkdir("/chain"), 0);
	for (i = 0; i < 41; i++) {
		snprintf(name, sizeof(name), "/chain/c%d", i);
		if (i == 40)
			snprintf(target, sizeof(target), "/a/b/f");
		else
			snprintf(target, sizeof(target), "c%d", i + 1);
		CHECK_EQ(vfs_symlink(ctx, B(target), NULL, B(name)), 0);
	}
	CHECK_EQ(t_ino("/chain/c1"), ino);  /* 40 links */
	CHECK_EQ(t_ino("/chain/c0"), -ELOOP); /* 41 links */
	/* O_NOFOLLOW and O_PATH. */
	CHECK_EQ(t_open("/l3", O_RDONLY | O_NOFOLLOW, &f), -ELOOP);
	CHECK_EQ(t_open("/l3", O_PATH | O_NOFOLLOW, &f), 0);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_mode & S_IFMT, S_IFLNK);
	CHECK_EQ(t_read(f, buf, 4), -EBADF);
	file_put(f);
	/* O_CREAT through a dangling link creates its target. */
	CHECK_EQ(vfs_symlink(ctx, B("/a/made"), NULL, B("/dangle")), 0);
	CHECK_EQ(t_ino("/dangle"), -ENOENT);
	CHECK_EQ(t_open("/dangle", O_CREAT | O_EXCL | O_WRONLY, &f), -EEXIST);
	CHECK_EQ(t_open("/dangle", O_CREAT | O_NOFOLLOW | O_WRONLY, &f), -ELOOP);
	CHECK_EQ(t_open("/dangle", O_CREAT | O_WRONLY, &f), 0);
	file_put(f);
	CHECK(t_ino("/a/made") > 0);
	CHECK_EQ(t_ino("/dangle"), t_ino("/a/made"));
	CHECK_EQ(vfs_symlink(ctx, B(""), NULL, B("/empty")), -ENOENT);
	CHECK_EQ(vfs_symlink(ctx, B("x"), NULL, B("/l1")), -EEXIST);
	CHECK_EQ(t_slurp("/l3", buf, sizeof(buf)), 5);
	CHECK(strcmp(buf, "hello") == 0);
}

/* ENAMETOOLONG for components > 255 and paths >= 4096 bytes. */
static void test_name_limits(void)
{
	static char path[5000];
	struct file *f;
	size_t i;

	path[0] = '/';
	memset(path + 1, 'n', 255);
	path[256] = 0;
	CHECK_EQ(t_mkfile(path, "x"), 0);
	CHECK(t_ino(path) > 0);
	path[256] = 'n';
	path[257] = 0;
	CHECK_EQ(t_ino(path), -ENAMETOOLONG);
	CHECK_EQ(t_open(path, O_CREAT | O_WRONLY, &f), -ENAMETOOLONG);
	CHECK_EQ(t_mkdir(path), -ENAMETOOLONG);
	/* 4095 bytes resolve; 4096 do not. */
	for (i = 0; i < 4095; i++)
		path[i] = '/';
	path[4095] = 0;
	CHECK_EQ(t_ino(path), t_ino("/"));
	path[4095] = '/';
	path[4096] = 0;
	CHECK_EQ(t_ino(path), -ENAMETOOLONG);
	/* A long link target counts per walk, not against PATH_MAX. */
	memset(path, 0, sizeof(path));
	for (i = 0; i + 2 < 2000; i += 2)
		memcpy(path + i, "./", 2);
	strcat(path, "a/b/f");
	CHECK_EQ(vfs_symlink(ctx, B(path), NULL, B("/longlink")), 0);
	CHECK_EQ(t_ino("/longlink"), t_ino("/a/b/f"));
}

/* Walks relative to a directory fd, and chroot. */
static void test_dirfd_and_chroot(void)
{
	struct fs_context *jail;
	struct file *dir;
	struct file *file;
	struct file *f;
	long long ino = t_ino("/a/b/f");

	CHECK_EQ(t_open("/a", O_RDONLY | O_DIRECTORY, &dir), 0);
	CHECK_EQ(vfs_open(ctx, dir, B("b/f"), O_RDONLY, 0, &f), 0);
	CHECK_EQ(f->inode->ino, ino);
	file_put(f);
	CHECK_EQ(vfs_open(ctx, dir, B("/a/b/f"), O_RDONLY, 0, &f), 0);
	file_put(f);
	CHECK_EQ(vfs_mkdir(ctx, dir, B("viafd"), 0700), 0);
	CHECK(t_ino("/a/viafd") > 0);
	CHECK_EQ(t_open("/a/b/f", O_RDONLY, &file), 0);
	CHECK_EQ(vfs_open(ctx, file, B("x"), O_RDONLY, 0, &f), -ENOTDIR);
	CHECK_EQ(vfs_open(ctx, file, B("/a"), O_RDONLY, 0, &f), 0);
	file_put(f);
	{
		struct linux_stat st;

		CHECK_EQ(vfs_stat(ctx, file, B(""), AT_EMPTY_PATH, &st), 0);
		CHECK_EQ(st.st_ino, ino);
		CHECK_EQ(vfs_stat(ctx, file, B(""), 0, &st), -ENOENT);
	}
	file_put(file);
	file_put(dir);
	/* chroot: "/" is /a now, and ".." cannot climb out. */
	jail = fs_context_copy(ctx);
	CHECK(jail != NULL);
	CHECK_EQ(vfs_chroot(jail, NULL, B("/a")), 0);
	CHECK_EQ(vfs_open(jail, NULL, B("/b/f"), O_RDONLY, 0, &f), 0);
	CHECK_EQ(f->inode->ino, ino);
	file_put(f);
	CHECK_EQ(vfs_open(jail, NULL, B("/../../b/f"), O_RDONLY, 0, &f), 0);
	file_put(f);
	CHECK_EQ(vfs_symlink(ctx, B("/b/f"), NULL, B("/a/jl")), 0);
	CHECK_EQ(vfs_open(jail, NULL, B("/jl"), O_RDONLY, 0, &f), 0);
	file_put(f);
	fs_context_put(jail);
}

/* vfs_reopen (execveat's AT_EMPTY_PATH): a new file on an open one. */
static void test_reopen(void)
{
	struct file *f, *g;
	char buf[8] = { 0 };

	CHECK_EQ(t_open("/l3", O_PATH | O_NOFOLLOW, &f), 0);
	CHECK_EQ(vfs_reopen(f, O_RDONLY, &g), -ELOOP);
	CHECK_EQ(vfs_reopen(f, O_PATH, &g), 0);
	file_put(g);
	file_put(f);
	/* An O_PATH file on a regular file reopens readable. */
	CHECK_EQ(t_open("/l3", O_PATH, &f), 0);
	CHECK_EQ(vfs_reopen(f, O_RDONLY, &g), 0);
	CHECK_EQ(t_read(g, buf, 5), 5);
	CHECK(strcmp(buf, "hello") == 0);
	file_put(g);
	CHECK_EQ(vfs_reopen(f, O_RDWR | O_CREAT, &g), -EINVAL);
	CHECK_EQ(vfs_reopen(f, O_RDONLY | O_DIRECTORY, &g), -ENOTDIR);
	file_put(f);
	CHECK_EQ(t_open("/a", O_RDONLY, &f), 0);
	CHECK_EQ(vfs_reopen(f, O_RDWR, &g), -EISDIR);
	file_put(f);
}

void test_namei(void)
{
	test_dots_and_slashes();
	test_symlinks();
	test_reopen();
	test_name_limits();
	test_dirfd_and_chroot();
	printf("namei: ok\n");
}

static const char *cwd(struct fs_context *c, struct vfs_kbuf *kb)
{
	long n = vfs_getcwd(c, kb);

	if (n < 0)
		return "(error)";
	CHECK_EQ(n, strlen((char *)kb->data) + 1);
	return (const char *)kb->data;
}

/* Mount crossing both ways, busy umount, stacking, getcwd. */
void test_mounts(void)
{
	struct vfs_kbuf *kb = calloc(1, sizeof(*kb));
	struct linux_stat root, mnt, st;
	struct linux_statfs sfs;
	struct fs_context *c;
	struct file *f;

	CHECK_EQ(t_mkdir("/mnt"), 0);
	CHECK_EQ(t_mkfile("/mnt/under", "covered"), 0);
	CHECK_EQ(t_stat("/", &root), 0);
	CHECK_EQ(vfs_mount(ctx, B("none"), NULL, B("/mnt"), B("tmpfs"), 0), 0);
	CHECK_EQ(t_stat("/mnt", &mnt), 0);
	CHECK(mnt.st_dev != root.st_dev);
	CHECK_EQ(mnt.st_mode, S_IFDIR | 01777);
	CHECK_EQ(t_ino("/mnt/under"), -ENOENT);
	CHECK_EQ(t_mkfile("/mnt/x", "on tmpfs"), 0);
	CHECK_EQ(t_stat("/mnt/x", &st), 0);
	CHECK_EQ(st.st_dev, mnt.st_dev);
	/* ".." at the mount root goes to the covered directory's parent. */
	CHECK_EQ(t_stat("/mnt/..", &st), 0);
	CHECK_EQ(st.st_ino, root.st_ino);
	CHECK_EQ(st.st_dev, root.st_dev);
	CHECK_EQ(t_ino("/mnt/../a/b/f"), t_ino("/a/b/f"));
	CHECK_EQ(vfs_statfs(ctx, NULL, B("/mnt/x"), &sfs), 0);
	CHECK_EQ(sfs.f_type, TMPFS_MAGIC);
	CHECK_EQ(sfs.f_namelen, 255);
	CHECK_EQ(vfs_mount(ctx, B("x"), NULL, B("/mnt/x"), B("tmpfs"), 0), -ENOTDIR);
	CHECK_EQ(vfs_mount(ctx, B("x"), NULL, B("/a"), B("ext4"), 0), -ENODEV);
	/* Links and renames do not cross mounts. */
	CHECK_EQ(vfs_link(ctx, NULL, B("/a/b/f"), NULL, B("/mnt/lnk"), 0), -EXDEV);
	CHECK_EQ(vfs_rename(ctx, NULL, B("/mnt/x"), NULL, B("/a/x"), 0), -EXDEV);
	/* Busy: an open file, a cwd, a mount inside. */
	CHECK_EQ(t_open("/mnt/x", O_RDONLY, &f), 0);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt"), 0), -EBUSY);
	file_put(f);
	c = fs_context_copy(ctx);
	CHECK_EQ(t_mkdir("/mnt/d"), 0);
	CHECK_EQ(vfs_chdir(c, NULL, B("/mnt/d")), 0);
	CHECK(strcmp(cwd(c, kb), "/mnt/d") == 0);
	CHECK_EQ(vfs_open(c, NULL, B("../x"), O_RDONLY, 0, &f), 0);
	file_put(f);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt"), 0), -EBUSY);
	CHECK_EQ(vfs_chdir(c, NULL, B("/")), 0);
	CHECK(strcmp(cwd(c, kb), "/") == 0);
	CHECK_EQ(vfs_mount(ctx, B(""), NULL, B("/mnt/d"), B("tmpfs"), 0), 0);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt"), 0), -EBUSY);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/mnt/d"), AT_REMOVEDIR), -EBUSY);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt/d"), 0), 0);
	/* Stacking: a second mount on /mnt hides the first. */
	CHECK_EQ(vfs_mount(ctx, B(""), NULL, B("/mnt"), B("tmpfs"), 0), 0);
	CHECK_EQ(t_ino("/mnt/x"), -ENOENT);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt"), 0), 0);
	CHECK(t_ino("/mnt/x") > 0);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/a"), 0), -EINVAL);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/"), 0), -EBUSY);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/mnt"), 0), 0);
	CHECK_EQ(t_ino("/mnt/x"), -ENOENT);
	CHECK(t_ino("/mnt/under") > 0);
	/* getcwd of a removed directory. */
	CHECK_EQ(t_mkdir("/gone"), 0);
	CHECK_EQ(vfs_chdir(c, NULL, B("/gone")), 0);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/gone"), AT_REMOVEDIR), 0);
	CHECK_EQ(vfs_getcwd(c, kb), -ENOENT);
	CHECK_EQ(vfs_open(c, NULL, B("new"), O_CREAT | O_WRONLY, 0, &f), -ENOENT);
	CHECK_EQ(vfs_open(c, NULL, B(".."), O_RDONLY, 0, &f), 0);
	CHECK_EQ(f->inode->ino, root.st_ino);
	file_put(f);
	fs_context_put(c);
	free(kb);
	printf("mounts: ok\n");
}

int main(void)
{
	size_t heap0;
	size_t frames0;

	CHECK_EQ(vfs_init(), 0);
	CHECK_EQ(vfs_init(), -EBUSY);
	ctx = fs_context_new_root();
	CHECK(ctx != NULL);
	heap0 = host_heap_live();
	frames0 = host_frame_live();
	test_namei();
	test_mounts();
	test_tmpfs();
	test_fdtable();
	test_pipes();
	/* Everything the tests made is still in the root tmpfs, except what
	 * they removed; the sub-tests check their own leaks. */
	CHECK(host_heap_live() >= heap0);
	CHECK(host_frame_live() >= frames0);
	fs_context_put(ctx);
	printf("test_vfs: all ok\n");
	return 0;
}
