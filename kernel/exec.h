/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/exec.h - execve(2), execveat(2), and loading the first program of
 * a process.
 */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <ostd/bytes.h>
#include <ostd/user.h>
#include <ostd/vm.h>

/*
 * The user stack ends at USER_STACK_TOP and grows down on demand (see
 * mm_setup_stack()). Executables must end below USER_STACK_GUARD, which
 * leaves the stack 128 MiB of room plus the guard gap, like Linux's
 * default mmap_base.
 */
#define USER_STACK_TOP 0x3fffff0000ULL
#define USER_STACK_GUARD (USER_STACK_TOP - (129ULL << 20))

struct kernel_task;

/*
 * execve(2) for @t, the running task: @path, @argv and @envp are user
 * addresses in its space. On success @t runs the new program (its old
 * space is freed, or handed back to a vfork parent) and 0 is returned;
 * on failure @t is untouched and a negative errno is returned: ENOENT,
 * EACCES, ETXTBSY (a file to run is open for writing), ENOEXEC, E2BIG,
 * EFAULT, ENAMETOOLONG, ELOOP, ENOMEM.
 */
long exec_execve(struct kernel_task *t, ostd_uaddr_t path, ostd_uaddr_t argv,
		 ostd_uaddr_t envp);

/*
 * execveat(2): as exec_execve(), with @path relative to the directory
 * open as @dirfd (AT_FDCWD: the working directory), or the file open as
 * @dirfd itself for "" with AT_EMPTY_PATH in @flags; AT_SYMLINK_NOFOLLOW
 * refuses a final symlink (-ELOOP). Also -EINVAL for other flags, -EBADF,
 * -ENOTDIR. A program found through a dirfd is named "/dev/fd/N[/path]"
 * (AT_EXECFN, comm, a script's argument) as on Linux, and a #! script is
 * refused (-ENOENT) when N is close-on-exec.
 */
long exec_execveat(struct kernel_task *t, int dirfd, ostd_uaddr_t path,
		   ostd_uaddr_t argv, ostd_uaddr_t envp, unsigned flags);

/*
 * The first program of a process the kernel starts: builds t->mm and
 * t->ctx from the executable @image, with argv = { @name } and no
 * environment. 0, -ENOEXEC for a malformed image, or -ENOMEM.
 */
int exec_spawn(struct kernel_task *t, const char *name,
	       struct ostd_bytes image);

#endif
