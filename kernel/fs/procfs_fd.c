// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_fd.c - the links from /proc to a process's files:
 * /proc/<pid>/exe (the executable, Linux's mm->exe_file), cwd and root
 * (its working and root directories) and the directory /proc/<pid>/fd,
 * one symlink per open fd (fs/proc/fd.c).
 *
 * readlink gives the file's name as procfs_path.c makes it: its path,
 * "pipe:[<inode>]" for a pipe. exe of a process the kernel started from
 * an embedded image, of a zombie or of a process without memory is
 * ENOENT, like a Linux kernel thread's. Like Linux, only a caller that
 * may ptrace the process reads them (EACCES otherwise, see
 * procfs_may_access_locked()).
 *
 * Following a link walks its text, so open("/proc/self/exe") and
 * open("/proc/self/fd/<n>") reach the file by its path. Linux jumps to
 * the open file itself instead, which racho does not: a pipe, or a file
 * that has been unlinked or renamed since, cannot be opened again
 * through its link (ENOENT).
 *
 * An fd link's mode is Linux's: r-x for a file open for reading, -wx for
 * writing, both for O_RDWR, nothing for O_PATH; owned by the process's
 * effective ids. Links are made on lookup and stay cached while the
 * process lives: one whose fd has been closed meanwhile reads ENOENT.
 *
 * Locking: called with the VFS lock held; takes the process table lock
 * and, inside it, the fd table's (order: VFS lock -> process table lock
 * -> fdtable lock). The open files found that way are borrowed, without
 * a reference: see fd_peek_next().
 */
#include <ostd/bytes.h>
#include <ostd/log.h>

#include "errno.h"
#include "fs/fdtable.h"
#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"
#include "mm/mm.h"
#include "proc.h"
#include "task.h"
#include "uapi/dirent.h"
#include "uapi/fcntl.h"

/* getdents cookies: 1 ".", 2 "..", then fd n at n + FD_COOKIE. */
#define FD_COOKIE 3
/* fds are below FDTABLE_MAX = 2^20: at most 7 digits. */
#define FD_DIGITS 7

/*
 * The texts readlink lends out, valid while the VFS lock (which protects
 * them) is held. A walk may follow a second link while the text of the
 * first is still on its stack, so two are used in turn.
 */
static struct {
	struct vfs_kbuf kb[2];
	unsigned turn;
} link_text;

/* Linux's name_to_int(): decimal, no sign, no leading zero. -1 if not. */
static int name_to_fd(struct ostd_bytes name)
{
	uint32_t fd = 0;
	size_t i;

	if (name.len == 0 || name.len > FD_DIGITS ||
	    (name.len > 1 && ostd_bytes_at(name, 0) == '0'))
		return -1;
	for (i = 0; i < name.len; i++) {
		int c = ostd_bytes_at(name, i);

		if (c < '0' || c > '9')
			return -1;
		fd = fd * 10 + (c - '0');
	}
	if (fd >= FDTABLE_MAX)
		return -1;
	return fd;
}

/* @pid's smallest open fd above @after and its (borrowed) file; -1 if
 * there is none, or the process is gone. */
static int next_fd(int pid, int after, struct file **f)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(pid);
	int fd = -1;

	if (t != NULL && t->state != TASK_ZOMBIE && t->fdt != NULL)
		fd = fd_peek_next(t->fdt, after, f);
	proc_unlock(&g);
	return fd;
}

/* Linux's tid_fd_update_inode(): the link's mode from the access mode. */
static uint32_t link_mode(struct file *f)
{
	uint32_t flags = vfs_file_flags(f);
	uint32_t acc = flags & O_ACCMODE;
	uint32_t mode = S_IFLNK;

	if (flags & O_PATH)
		return mode;
	if (acc == O_RDONLY || acc == O_RDWR)
		mode |= 0500;
	if (acc == O_WRONLY || acc == O_RDWR)
		mode |= 0300;
	return mode;
}

int procfs_fd_lookup(struct inode *dir, struct ostd_bytes name,
		     struct inode **out)
{
	int pid = procfs_ino_pid(dir->ino);
	int fd = name_to_fd(name);
	struct file *f = NULL;
	uint32_t uid, gid;
	struct inode *i;

	if (fd < 0 || next_fd(pid, fd - 1, &f) != fd ||
	    !procfs_pid_owner(pid, &uid, &gid))
		return -ENOENT;
	i = procfs_inode(dir->sb, procfs_ino(pid, PROCFS_PID_FD_LINK, fd),
			 S_IFLNK);
	if (i == NULL)
		return -ENOMEM;
	/* A cached link may stand for another file by now. */
	i->mode = link_mode(f);
	i->size = 64; /* what Linux's proc_fd_instantiate() says */
	i->uid = uid;
	i->gid = gid;
	*out = i;
	return 0;
}

void procfs_fd_iterate(struct inode *dir, uint64_t pos, struct dir_emit *d)
{
	int pid = procfs_ino_pid(dir->ino);
	uint64_t up = procfs_ino(pid, PROCFS_PID_DIR, 0);
	struct file *f;
	char name[16];
	int fd = -1;
	int n;

	if (pos < 1 &&
	    !vfs_dir_emit(d, ostd_bytes_cstr("."), dir->ino, DT_DIR, 1))
		return;
	if (pos < 2 && !vfs_dir_emit(d, ostd_bytes_cstr(".."), up, DT_DIR, 2))
		return;
	if (pos >= FD_COOKIE)
		fd = pos - FD_COOKIE; /* the last fd emitted */
	while ((fd = next_fd(pid, fd, &f)) >= 0) {
		n = ostd_snprintf(name, sizeof(name), "%d", fd);
		if (!vfs_dir_emit(d, ostd_bytes_of(name, n),
				  procfs_ino(pid, PROCFS_PID_FD_LINK, fd),
				  DT_LNK, FD_COOKIE + fd))
			return;
	}
}

/* The file exe or fd/<n> (@ino) of @t leads to, borrowed. Lock held. */
static int link_file_locked(struct kernel_task *t, uint64_t ino,
			    struct file **out)
{
	int fd = procfs_ino_fd(ino);
	struct vma_file *exe;

	if (procfs_ino_file(ino) == PROCFS_PID_EXE) {
		exe = t->mm != NULL ? mm_exe_file(t->mm) : NULL;
		if (exe == NULL)
			return -ENOENT;
		*out = exe->file;
		return 0;
	}
	if (t->fdt == NULL || fd_peek_next(t->fdt, fd - 1, out) != fd)
		return -ENOENT;
	return 0;
}

/* Linux's proc_pid_readlink(): EACCES before ENOENT. */
static int link_file(uint64_t ino, struct file **out)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(procfs_ino_pid(ino));
	int r = -ENOENT;

	if (t != NULL && !procfs_may_access_locked(t))
		r = -EACCES;
	else if (t != NULL && t->state != TASK_ZOMBIE)
		r = link_file_locked(t, ino, out);
	proc_unlock(&g);
	return r;
}

/*
 * fs/proc/base.c proc_cwd_link() and proc_root_link(): the directory
 * (borrowed; the VFS lock keeps it) of @ino's process; ENOENT for a
 * process without an fs context (a zombie), EACCES before that.
 */
static int link_dir(uint64_t ino, struct path *out)
{
	struct ostd_irq_guard g = proc_lock();
	struct kernel_task *t = proc_find_locked(procfs_ino_pid(ino));
	int r = -ENOENT;

	if (t != NULL && !procfs_may_access_locked(t)) {
		r = -EACCES;
	} else if (t != NULL && t->state != TASK_ZOMBIE && t->fs != NULL) {
		*out = procfs_ino_file(ino) == PROCFS_PID_CWD ? t->fs->cwd
							       : t->fs->root;
		r = 0;
	}
	proc_unlock(&g);
	return r;
}

/* Where the link @ino leads, right-aligned in @kb from *start. */
static int link_name(uint64_t ino, struct vfs_kbuf *kb, size_t *start)
{
	enum procfs_pid_file kind = procfs_ino_file(ino);
	struct file *f = NULL;
	struct path dir;
	int r;

	if (kind == PROCFS_PID_CWD || kind == PROCFS_PID_ROOT) {
		r = link_dir(ino, &dir);
		if (r == 0)
			*start = procfs_path_name(&dir, kb);
		return r;
	}
	if (kind != PROCFS_PID_EXE && kind != PROCFS_PID_FD_LINK)
		return -EINVAL;
	r = link_file(ino, &f);
	if (r == 0)
		*start = procfs_file_name(f, kb);
	return r;
}

int procfs_link_target(struct inode *link, struct ostd_bytes *out)
{
	struct vfs_kbuf *kb = &link_text.kb[link_text.turn];
	size_t start = 0;
	int r = link_name(link->ino, kb, &start);

	if (r < 0)
		return r;
	link_text.turn = (link_text.turn + 1) % 2;
	*out = ostd_bytes_of(&kb->data[start], OSTD_PAGE_SIZE - start);
	return 0;
}
