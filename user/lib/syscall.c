// SPDX-License-Identifier: GPL-2.0
/*
 * user/lib/syscall.c - Linux system call wrappers (ecall with the number
 * in a7, arguments in a0-a5, result or -errno in a0) and the C start.
 */
#include "ulib.h"

long syscall6(long n, long a0, long a1, long a2, long a3, long a4, long a5)
{
	register long r7 __asm__("a7") = n;
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r3 __asm__("a3") = a3;
	register long r4 __asm__("a4") = a4;
	register long r5 __asm__("a5") = a5;

	__asm__ volatile("ecall"
			 : "+r"(r0)
			 : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r7)
			 : "memory");
	return r0;
}

long write(int fd, const void *buf, size_t len)
{
	return syscall6(SYS_write, fd, (long)buf, (long)len, 0, 0, 0);
}

_Noreturn void exit(int code)
{
	syscall6(SYS_exit, code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

long yield(void)
{
	return syscall6(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
}

long getpid(void)
{
	return syscall6(SYS_getpid, 0, 0, 0, 0, 0, 0);
}

struct timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct timespec {
	int64_t tv_sec;
	int64_t tv_nsec;
};

int64_t get_time(void)
{
	struct timeval tv;

	syscall6(SYS_gettimeofday, (long)&tv, 0, 0, 0, 0, 0);
	return tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

long sleep_ms(uint64_t ms)
{
	struct timespec ts = { (int64_t)(ms / 1000),
			       (int64_t)(ms % 1000 * 1000000) };

	return syscall6(SYS_nanosleep, (long)&ts, 0, 0, 0, 0, 0);
}

long sys_brk(uintptr_t brk)
{
	return syscall6(SYS_brk, (long)brk, 0, 0, 0, 0, 0);
}

long sys_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd,
	      long off)
{
	return syscall6(SYS_mmap, (long)addr, (long)len, prot, flags, fd, off);
}

long sys_munmap(uintptr_t addr, size_t len)
{
	return syscall6(SYS_munmap, (long)addr, (long)len, 0, 0, 0, 0);
}

long sys_mprotect(uintptr_t addr, size_t len, int prot)
{
	return syscall6(SYS_mprotect, (long)addr, (long)len, prot, 0, 0, 0);
}

long sys_madvise(uintptr_t addr, size_t len, int advice)
{
	return syscall6(SYS_madvise, (long)addr, (long)len, advice, 0, 0, 0);
}

long sys_mremap(uintptr_t old, size_t old_len, size_t new_len, int flags,
		uintptr_t new_addr)
{
	return syscall6(SYS_mremap, (long)old, (long)old_len, (long)new_len,
			flags, (long)new_addr, 0);
}

long sys_msync(uintptr_t addr, size_t len, int flags)
{
	return syscall6(SYS_msync, (long)addr, (long)len, flags, 0, 0, 0);
}

long fork(void)
{
	return syscall6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
}

long execve(const char *path, char *const argv[], char *const envp[])
{
	return syscall6(SYS_execve, (long)path, (long)argv, (long)envp, 0, 0,
			0);
}

long wait4(long pid, int *status, long options, void *rusage)
{
	return syscall6(SYS_wait4, pid, (long)status, options, (long)rusage,
			0, 0);
}

long waitpid(long pid, int *status, long options)
{
	return wait4(pid, status, options, 0);
}

_Noreturn void _exit(int code)
{
	syscall6(SYS_exit_group, code, 0, 0, 0, 0, 0);
	for (;;)
		;
}

long getppid(void)
{
	return syscall6(SYS_getppid, 0, 0, 0, 0, 0, 0);
}

char **environ;
static uint64_t *ulib_auxv;

unsigned long getauxval(unsigned long type)
{
	uint64_t *a;

	for (a = ulib_auxv; a && a[0] != 0; a += 2) {
		if (a[0] == type)
			return a[1];
	}
	return 0;
}

/*
 * Called by _start with the initial sp: argc, argv[], NULL, envp[],
 * NULL, then the auxv pairs.
 */
_Noreturn void ulib_start(uint64_t *sp);
_Noreturn void ulib_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **e = argv + argc + 1;

	environ = e;
	while (*e)
		e++;
	ulib_auxv = (uint64_t *)(e + 1);
	exit(main(argc, argv));
}
