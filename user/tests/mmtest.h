/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/tests/mmtest.h - helpers shared by the memory families (t_mm.c,
 * t_mmfile.c): raw memory system calls, probes of what the kernel can
 * reach, and children that show what user code sees.
 *
 * mmap, munmap, mprotect, mremap and brk are raw syscall()s: musl's
 * wrappers round (mprotect), check (mmap offsets, lengths) or refuse (brk)
 * before the kernel sees the arguments; its madvise and msync pass them
 * through unchanged. Whether the kernel can reach an address is probed
 * with a system call, not a load, so a bug is a FAIL line instead of a
 * crash: write(2) of one byte from it into a pipe (reads it),
 * clock_gettime into it (writes 16 bytes), nanosleep reading its request
 * from it. What user code sees is checked in a child, from its wait
 * status (SIGSEGV, SIGBUS).
 */
#ifndef RACHO_TESTS_MMTEST_H
#define RACHO_TESTS_MMTEST_H

#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PG 4096UL
#define MIB (1UL << 20)
#define SCRATCH 0x1000000000UL
#define RW (PROT_READ | PROT_WRITE)
#define ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)
#define ANON_SHARED (MAP_SHARED | MAP_ANONYMOUS)
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif
#ifndef MAP_SHARED_VALIDATE
#define MAP_SHARED_VALIDATE 0x03
#endif
#ifndef MAP_SYNC
#define MAP_SYNC 0x80000
#endif

/* The probe pipe; the family opens it (pipe(probe_pipe)) before probing. */
static int probe_pipe[2];

static inline char *raw_mmap(unsigned long addr, unsigned long len, int prot,
		      int flags, int fd, unsigned long off)
{
	return (char *)syscall(SYS_mmap, addr, len, prot, flags, fd, off);
}

static inline char *map_anon(unsigned long addr, unsigned long len, int prot, int flags)
{
	return raw_mmap(addr, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

static inline long raw_munmap(const void *a, unsigned long len)
{
	return syscall(SYS_munmap, a, len);
}

static inline long raw_mprotect(const void *a, unsigned long len, int prot)
{
	return syscall(SYS_mprotect, a, len, prot);
}

static inline long raw_mremap(const void *a, unsigned long old_len,
		       unsigned long new_len, int flags, unsigned long new_addr)
{
	return syscall(SYS_mremap, a, old_len, new_len, flags, new_addr);
}

static inline long raw_brk(unsigned long a)
{
	return syscall(SYS_brk, a);
}

static inline char *at(unsigned long a)
{
	return (char *)a;
}

static inline unsigned long page_up(unsigned long a)
{
	return (a + PG - 1) & ~(PG - 1);
}

/* 0 if the kernel can read a byte at @a (write(2) into a pipe), else errno. */
static inline int probe_read(const void *a)
{
	char c;

	if (write(probe_pipe[1], a, 1) != 1)
		return errno;
	(void)read(probe_pipe[0], &c, 1);
	return 0;
}

/* 0 if the kernel can write 16 bytes at @a (clock_gettime), else errno. */
static inline int probe_write(void *a)
{
	return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, a) == 0 ? 0 : errno;
}

/* 0 if the kernel can read a timespec at @a (nanosleep's request). */
static inline int probe_kread(const void *a)
{
	return syscall(SYS_nanosleep, a, NULL) == 0 ? 0 : errno;
}

/* ---- children: what user code sees ---- */

enum touch { TOUCH_READ, TOUCH_WRITE };

/* Forks a child that loads from or stores to @a and exits 0 if it lives;
 * returns the raw wait status. */
static inline int touch_in_child(volatile char *a, enum touch how)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (how == TOUCH_WRITE)
			*a = 1;
		else
			(void)*a;
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

static inline bool killed_by(int st, int sig)
{
	return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

#endif
