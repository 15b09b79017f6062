// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/task_files.c - a process's fd table and fs context over its life
 * (see task_files.h), and the file system's boot-time setup.
 *
 * NOTE for process code (task.c, proc.c, exec.c): a task's files are
 * set up by task_files_init() (kernel-started processes) or
 * task_files_fork() (fork/clone), closed at exec by task_files_exec(), and
 * released at exit by task_files_release(), which must run at exit and not
 * only when the zombie is reaped: closing the write end of a pipe is what
 * gives its reader EOF.
 */
#include <ostd/log.h>

#include "console_file.h"
#include "errno.h"
#include "fs/fdtable.h"
#include "fs/pipe.h"
#include "fs/vfs.h"
#include "task_files.h"
#include "uapi/resource.h"

int files_boot_init(void)
{
	int r = vfs_init();

	if (r < 0)
		return r;
	pipe_init();
	r = console_file_init();
	if (r < 0)
		ostd_log(OSTD_LOG_ERROR, "files: no early console file (%d)",
			 r);
	return r;
}

/* Installs the early console on fds 0-2 of the empty table @fdt. */
static void install_console(struct fdtable *fdt)
{
	int fd;

	for (fd = 0; fd < 3; fd++) {
		struct file *f = console_file_get();

		if (f == NULL)
			return;
		if (fd_install(fdt, f, false, fd) != fd) {
			file_put(f);
			return;
		}
	}
}

int task_files_init(struct kernel_task *t)
{
	t->fdt = fdtable_new();
	t->fs = fs_context_new_root();
	if (t->fdt == NULL || t->fs == NULL) {
		task_files_release(t);
		return -ENOMEM;
	}
	install_console(t->fdt);
	return 0;
}

int task_files_fork(struct kernel_task *child, struct kernel_task *parent,
		    uint64_t clone_flags)
{
	if (clone_flags & CLONE_FILES) {
		fdtable_get(parent->fdt);
		child->fdt = parent->fdt;
	} else {
		child->fdt = fdtable_copy(parent->fdt);
	}
	if (clone_flags & CLONE_FS) {
		fs_context_get(parent->fs);
		child->fs = parent->fs;
	} else {
		child->fs = fs_context_copy(parent->fs);
	}
	if (child->fdt == NULL || child->fs == NULL) {
		task_files_release(child);
		return -ENOMEM;
	}
	return 0;
}

void task_files_exec(struct kernel_task *t)
{
	if (t->fdt != NULL)
		fdtable_exec(t->fdt);
}

void task_files_release(struct kernel_task *t)
{
	struct fdtable *fdt = t->fdt;
	struct fs_context *fs = t->fs;

	t->fdt = NULL;
	t->fs = NULL;
	if (fdt != NULL)
		fdtable_put(fdt);
	if (fs != NULL)
		fs_context_put(fs);
}

void task_files_limit(struct kernel_task *t, uint64_t nofile)
{
	if (t->fdt == NULL)
		return;
	if (nofile > FDTABLE_MAX)
		nofile = FDTABLE_MAX;
	(void)fdtable_set_limit(t->fdt, nofile);
}
