// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vfs_fdtable.c - fd tables: lowest free fd, dup, dup2,
 * dup3 and close-on-exec, F_DUPFD minimums, close and close_range, exec,
 * fork copies, growth past one chunk (64) and past the default limit
 * (1024), and that every file reference comes back.
 */
#include <string.h>

#include "host_ostd.h"
#include "host_uspace.h"
#include "test_vfs.h"

/* A fresh open file of /fd/f. */
static struct file *new_file(void)
{
	struct file *f;

	CHECK_EQ(t_open("/fd/f", O_RDWR, &f), 0);
	return f;
}

static int install(struct fdtable *fdt, uint32_t min)
{
	struct file *f = new_file();
	int fd = fd_install(fdt, f, false, min);

	if (fd < 0)
		file_put(f);
	return fd;
}

static void test_basics(void)
{
	struct fdtable *fdt = fdtable_new();
	struct file *f;
	struct file *g;

	CHECK_EQ(install(fdt, 0), 0);
	CHECK_EQ(install(fdt, 0), 1);
	CHECK_EQ(install(fdt, 0), 2);
	CHECK_EQ(fd_close(fdt, 1), 0);
	CHECK_EQ(fd_close(fdt, 1), -EBADF);
	CHECK_EQ(fd_close(fdt, -1), -EBADF);
	CHECK_EQ(fd_close(fdt, 5000), -EBADF);
	CHECK_EQ(install(fdt, 0), 1); /* lowest free */
	CHECK_EQ(install(fdt, 10), 10); /* F_DUPFD-style minimum */
	CHECK_EQ(install(fdt, 0), 3);
	CHECK_EQ(install(fdt, 1024), -EINVAL);
	CHECK(fd_get(fdt, 7) == NULL);
	CHECK(fd_get(fdt, -3) == NULL);
	/* dup shares the open file description, offset included. */
	CHECK_EQ(fd_dup(fdt, 0, 0, false), 4);
	f = fd_get(fdt, 0);
	g = fd_get(fdt, 4);
	CHECK(f == g);
	CHECK_EQ(f->refcount, 4); /* two fds, two fd_gets */
	CHECK_EQ(vfs_lseek(f, 3, SEEK_SET), 3);
	CHECK_EQ(vfs_lseek(g, 0, SEEK_CUR), 3);
	file_put(f);
	file_put(g);
	CHECK_EQ(fd_dup(fdt, 9, 0, false), -EBADF);
	CHECK_EQ(fd_dup(fdt, 0, 5, true), 5);
	CHECK_EQ(fd_get_cloexec(fdt, 5), FD_CLOEXEC);
	CHECK_EQ(fd_get_cloexec(fdt, 4), 0);
	CHECK_EQ(fd_get_cloexec(fdt, 6), -EBADF);
	/* dup3 */
	CHECK_EQ(fd_dup3(fdt, 0, 0, 0), -EINVAL);
	CHECK_EQ(fd_dup3(fdt, 0, 8, O_NONBLOCK), -EINVAL);
	CHECK_EQ(fd_dup3(fdt, 0, 1024, 0), -EBADF);
	CHECK_EQ(fd_dup3(fdt, 6, 8, 0), -EBADF);
	CHECK_EQ(fd_dup3(fdt, 0, 200, O_CLOEXEC), 200); /* grows chunks */
	CHECK_EQ(fd_get_cloexec(fdt, 200), FD_CLOEXEC);
	CHECK_EQ(fd_dup3(fdt, 1, 200, 0), 200); /* replaces: closes the old */
	CHECK_EQ(fd_get_cloexec(fdt, 200), 0);
	f = fd_get(fdt, 200);
	g = fd_get(fdt, 1);
	CHECK(f == g);
	file_put(f);
	file_put(g);
	/* dup2 */
	CHECK_EQ(fd_dup2(fdt, 3, 3), 3);
	CHECK_EQ(fd_dup2(fdt, 6, 6), -EBADF);
	CHECK_EQ(fd_dup2(fdt, 3, 6), 6);
	CHECK_EQ(fd_set_cloexec(fdt, 6, true), 0);
	CHECK_EQ(fd_set_cloexec(fdt, 7, true), -EBADF);
	/* exec closes the close-on-exec ones: 5 and 6. */
	CHECK_EQ(fdtable_count(fdt), 9);
	fdtable_exec(fdt);
	CHECK_EQ(fdtable_count(fdt), 7);
	CHECK(fd_get(fdt, 5) == NULL);
	CHECK(fd_get(fdt, 6) == NULL);
	/* close_range */
	CHECK_EQ(fd_close_range(fdt, 5, 2, 0), -EINVAL);
	CHECK_EQ(fd_close_range(fdt, 0, 2, CLOSE_RANGE_CLOEXEC), 0);
	CHECK_EQ(fd_get_cloexec(fdt, 1), FD_CLOEXEC);
	CHECK_EQ(fd_close_range(fdt, 3, UINT32_MAX, 0), 0);
	CHECK_EQ(fdtable_count(fdt), 3);
	fdtable_put(fdt);
}

static void test_growth(void)
{
	struct fdtable *fdt = fdtable_new();
	struct file *f = new_file();
	uint32_t refs;
	int i;

	/* Past the first chunk, up to the default limit of 1024. */
	for (i = 0; i < 1024; i++)
		CHECK_EQ(fd_install(fdt, file_get(f), false, 0), i);
	CHECK_EQ(fd_dup(fdt, 0, 0, false), -EMFILE);
	CHECK_EQ(fd_close(fdt, 70), 0);
	CHECK_EQ(fd_dup(fdt, 0, 0, false), 70);
	CHECK_EQ(fdtable_limit(fdt), 1024);
	/* Past 1024 once the limit allows it. */
	CHECK_EQ(fdtable_set_limit(fdt, FDTABLE_MAX + 1), -EPERM);
	CHECK_EQ(fdtable_set_limit(fdt, 5000), 0);
	for (i = 1024; i < 3000; i++)
		CHECK_EQ(fd_dup(fdt, 0, 0, false), i);
	CHECK_EQ(fdtable_count(fdt), 3000);
	CHECK_EQ(fd_close(fdt, 2999), 0);
	CHECK_EQ(fd_close(fdt, 1500), 0);
	CHECK_EQ(fd_dup(fdt, 0, 1000, false), 1500);
	CHECK_EQ(fd_dup3(fdt, 0, 4999, 0), 4999);
	CHECK_EQ(fd_dup3(fdt, 0, 5000, 0), -EBADF);
	/* A lowered limit keeps open fds but refuses new high ones. */
	CHECK_EQ(fdtable_set_limit(fdt, 100), 0);
	CHECK_EQ(fd_dup(fdt, 0, 0, false), -EMFILE);
	CHECK(fd_get(fdt, 4999) != NULL);
	file_put(f); /* the fd_get's reference */
	/* Fork: the copy shares files; closing in it leaves the parent. */
	{
		struct fdtable *child;

		refs = f->refcount;
		CHECK_EQ(refs, 3001);
		child = fdtable_copy(fdt);
		CHECK(child != NULL);
		CHECK_EQ(fdtable_count(child), 3000);
		CHECK_EQ(f->refcount, refs + 3000);
		CHECK_EQ(fd_close(child, 0), 0);
		CHECK(fd_get(fdt, 0) != NULL);
		file_put(f);
		fdtable_put(child);
		CHECK_EQ(f->refcount, refs);
	}
	/* Sharing (CLONE_FILES): the table lives while referenced. */
	fdtable_get(fdt);
	fdtable_put(fdt);
	CHECK_EQ(fdtable_count(fdt), 3000);
	fdtable_put(fdt);
	CHECK_EQ(f->refcount, 1);
	file_put(f);
}

/* Out of memory while growing: a clean error, nothing leaked. */
static void test_oom(void)
{
	struct fdtable *fdt = fdtable_new();
	struct file *f = new_file();
	size_t heap0;

	CHECK_EQ(fd_install(fdt, file_get(f), false, 0), 0);
	heap0 = host_heap_live(); /* the first chunk exists now */
	host_heap_fail_after(0);
	CHECK_EQ(fd_dup3(fdt, 0, 500, 0), -ENOMEM);
	CHECK_EQ(fd_dup(fdt, 0, 64, false), -ENOMEM);
	CHECK(fdtable_copy(fdt) == NULL);
	host_heap_fail_after(-1);
	CHECK_EQ(host_heap_live(), heap0);
	CHECK_EQ(f->refcount, 2);
	fdtable_put(fdt);
	file_put(f);
}

void test_fdtable(void)
{
	size_t heap0;
	size_t frames0;

	CHECK_EQ(t_mkdir("/fd"), 0);
	CHECK_EQ(t_mkfile("/fd/f", "data"), 0);
	heap0 = host_heap_live();
	frames0 = host_frame_live();
	test_basics();
	test_growth();
	test_oom();
	CHECK_EQ(host_heap_live(), heap0);
	CHECK_EQ(host_frame_live(), frames0);
	printf("fdtable: ok\n");
}
