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
#define SYS_set_tid_address 96
#define SYS_sched_getaffinity 123
#define SYS_kill 129
#define SYS_setgid 144
#define SYS_setreuid 145
#define SYS_setuid 146
#define SYS_setresuid 147
#define SYS_getresuid 148
#define SYS_times 153
#define SYS_setpgid 154
#define SYS_getpgid 155
#define SYS_getsid 156
#define SYS_setsid 157
#define SYS_getrlimit 163
#define SYS_setrlimit 164
#define SYS_getrusage 165
#define SYS_getppid 173
#define SYS_getuid 174
#define SYS_geteuid 175
#define SYS_getgid 176
#define SYS_getegid 177
#define SYS_gettid 178
#define SYS_sysinfo 179
#define SYS_munmap 215
#define SYS_clone 220
#define SYS_execve 221
#define SYS_mmap 222
#define SYS_wait4 260
#define SYS_prlimit64 261

/* clone(2) flags and wait4(2) options and status decoding. */
#define SIGCHLD 17
#define CLONE_VM 0x00000100
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
#define WNOHANG 1
#define WUNTRACED 2
#define WIFEXITED(s) (((s) & 0x7f) == 0)
#define WEXITSTATUS(s) (((s) >> 8) & 0xff)
#define WIFSIGNALED(s) (((s) & 0x7f) != 0 && ((s) & 0x7f) != 0x7f)
#define WTERMSIG(s) ((s) & 0x7f)
#define WCOREDUMP(s) ((s) & 0x80)

/* auxv keys read through getauxval(). */
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
#define SYS_brk 214
#define SYS_mremap 216
#define SYS_mprotect 226
#define SYS_msync 227
#define SYS_madvise 233

long syscall6(long n, long a0, long a1, long a2, long a3, long a4, long a5);

long write(int fd, const void *buf, size_t len);
_Noreturn void exit(int code);
long yield(void);
long getpid(void);

/* Processes (Linux semantics; negative errno on failure, no errno). */
long fork(void);                  /* clone(SIGCHLD, 0), as musl does */
long vfork(void);                 /* lib/vfork.S: no stack frame */
long execve(const char *path, char *const argv[], char *const envp[]);
long wait4(long pid, int *status, long options, void *rusage);
long waitpid(long pid, int *status, long options);
_Noreturn void _exit(int code);   /* exit_group */
long getppid(void);

/* The initial stack as the kernel laid it out (set by ulib_start). */
extern char **environ;
unsigned long getauxval(unsigned long type); /* 0 if absent */
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

/* PASS/FAIL lines of the check apps (check.c): "prog: PASS name". */
void check_begin(const char *prog);
void check(const char *name, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints "prog: N passed, M failed"; returns 1 if any check failed. */
int check_end(void);

/* Defined by each app. */
int main(int argc, char **argv);

#endif
