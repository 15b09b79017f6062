/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/lib/ulib.h - the tiny user library of the tutorial apps: Linux
 * system call wrappers, a line-buffered printf, and mem* functions.
 */
#ifndef ULIB_H
#define ULIB_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

/* Linux riscv64 syscall numbers used here. */
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_clock_gettime 113
#define SYS_sched_yield 124
#define SYS_gettimeofday 169
#define SYS_getpid 172
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_mremap 216
#define SYS_mmap 222
#define SYS_mprotect 226
#define SYS_msync 227
#define SYS_madvise 233

long syscall6(long n, long a0, long a1, long a2, long a3, long a4, long a5);

long write(int fd, const void *buf, size_t len);
_Noreturn void exit(int code);
long yield(void);
long getpid(void);
/* Wall-clock milliseconds (gettimeofday), as rCore's get_time(). */
int64_t get_time(void);
/* Sleeps @ms milliseconds (nanosleep). */
long sleep_ms(uint64_t ms);

/* Memory system calls: raw results (an address, 0, or -errno). */
long sys_brk(uintptr_t brk);
long sys_mmap(uintptr_t addr, size_t len, int prot, int flags, int fd,
	      long off);
long sys_munmap(uintptr_t addr, size_t len);
long sys_mprotect(uintptr_t addr, size_t len, int prot);
long sys_madvise(uintptr_t addr, size_t len, int advice);
long sys_mremap(uintptr_t old, size_t old_len, size_t new_len, int flags,
		uintptr_t new_addr);
long sys_msync(uintptr_t addr, size_t len, int flags);

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
size_t strlen(const char *s);

/* Defined by each app. */
int main(int argc, char **argv);

#endif
