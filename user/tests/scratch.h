/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/tests/scratch.h - a private tmpfs for a file system test family.
 *
 * scratch_begin("files") mounts a fresh tmpfs on /tmp/files and makes it
 * the working directory, so the family starts from an empty tree that is
 * the same on Linux and racho whatever the initramfs holds;
 * scratch_end() goes back to "/", unmounts it (which also checks that the
 * family left no file open in it) and removes the mountpoint.
 */
#ifndef RACHO_TESTS_SCRATCH_H
#define RACHO_TESTS_SCRATCH_H

#include <stdio.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

static char scratch_dir[64];

static inline bool scratch_begin(const char *family)
{
	char name[96];
	int ok;

	snprintf(scratch_dir, sizeof(scratch_dir), "/tmp/%s", family);
	(void)mkdir("/tmp", 01777);
	(void)mkdir(scratch_dir, 0755);
	snprintf(name, sizeof(name), "%s.scratch.mount", family);
	ok = mount("tmpfs", scratch_dir, "tmpfs", 0, "mode=0755") == 0;
	harness_result(ok, name, "mount tmpfs on %s: %s", scratch_dir,
		       harness_errname(errno));
	snprintf(name, sizeof(name), "%s.scratch.chdir", family);
	ok = ok && chdir(scratch_dir) == 0;
	harness_result(ok, name, "chdir %s: %s", scratch_dir,
		       harness_errname(errno));
	return ok;
}

static inline void scratch_end(const char *family)
{
	char name[96];

	snprintf(name, sizeof(name), "%s.scratch.umount", family);
	(void)chdir("/");
	CHECK_EQ(name, umount(scratch_dir), 0);
	(void)rmdir(scratch_dir);
}

#endif
