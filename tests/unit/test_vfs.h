/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/test_vfs.h - shared helpers of the kernel/fs/ unit tests
 * (test_vfs.c, test_vfs_tmpfs.c, test_vfs_fdtable.c).
 */
#ifndef TESTS_UNIT_TEST_VFS_H
#define TESTS_UNIT_TEST_VFS_H

#include <stdio.h>
#include <stdlib.h>

#include "errno.h"
#include "fs/fdtable.h"
#include "fs/vfs.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"
#include "uapi/mount.h"
#include "uapi/stat.h"

#define CHECK(cond)                                                        \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n",       \
				__FILE__, __LINE__, #cond);                \
			abort();                                           \
		}                                                          \
	} while (0)

#define CHECK_EQ(a, b)                                                     \
	do {                                                               \
		long long a_ = (long long)(a), b_ = (long long)(b);        \
		if (a_ != b_) {                                            \
			fprintf(stderr, "%s:%d: %s == %lld, want %s == %lld\n", \
				__FILE__, __LINE__, #a, a_, #b, b_);       \
			abort();                                           \
		}                                                          \
	} while (0)

extern struct fs_context *ctx;

struct ostd_bytes B(const char *s);
int t_open(const char *path, uint32_t flags, struct file **f);
/* Creates (or truncates) @path with @data; 0 or -errno. */
int t_mkfile(const char *path, const char *data);
long t_write(struct file *f, const void *data, size_t n);
long t_read(struct file *f, void *buf, size_t n);
long t_pread(struct file *f, void *buf, size_t n, int64_t off);
/* The whole file at @path as a string in @buf (cap bytes); -errno. */
long t_slurp(const char *path, char *buf, size_t cap);
int t_stat(const char *path, struct linux_stat *st);
int t_lstat(const char *path, struct linux_stat *st);
/* st_ino of @path, or a negative errno. */
long long t_ino(const char *path);
int t_mkdir(const char *path);

void test_namei(void);
void test_mounts(void);
void test_tmpfs(void);
void test_tmpfs_more(void);
void test_fdtable(void);
void test_pipes(void);

#endif
