// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_fault.c - bad pointers and faults: -EFAULT from many system
 * calls for kernel-space and unmapped user pointers (and buffers that run
 * from a good page into a hole), and the wait4 status of a process that
 * dies of a fault: SIGSEGV (NULL, kernel addresses, a non-executable page,
 * a read-only page, stack overflow), SIGILL, SIGTRAP, SIGBUS; plus the
 * exit status encodings.
 *
 * Every system call is a raw syscall(): musl would copy through a bounce
 * buffer (stat) or answer in user space (the vDSO clock_gettime on Linux),
 * and then the fault would be musl's, not the kernel's.
 *
 * The bad pointers: a kernel address of racho's (0xffffffc080200000, also
 * kernel space on Linux), the last page of the address space, page 1
 * (0x1000), and a page this family maps and unmaps (a hole in the middle
 * of the user address space).
 */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define PG 4096UL
#define KERNEL_PTR ((void *)0xffffffc080200000UL)
#define TOP_PTR ((void *)-PG)
#define LOW_PTR ((void *)0x1000UL)

struct bad_ptr {
	const char *name;
	void *p;
};

static struct bad_ptr bad_ptrs[] = {
	{ "kernel", KERNEL_PTR },
	{ "top", TOP_PTR },
	{ "low", LOW_PTR },
	{ "hole", NULL }, /* set by test_fault() */
};

#define NR_BAD (sizeof(bad_ptrs) / sizeof(bad_ptrs[0]))

/* Files the calls use, opened in the scratch tmpfs by test_syscalls(). */
static int file_fd, dir_fd, pipe_fds[2];

/* ---- one system call per entry, given the bad pointer ---- */

static long c_write(void *b) { return syscall(SYS_write, pipe_fds[1], b, 1); }
static long c_read(void *b) { return syscall(SYS_read, file_fd, b, 4); }
static long c_pread(void *b) { return syscall(SYS_pread64, file_fd, b, 4, 0); }
static long c_openat(void *b) { return syscall(SYS_openat, AT_FDCWD, b, O_RDONLY); }
static long c_mkdirat(void *b) { return syscall(SYS_mkdirat, AT_FDCWD, b, 0755); }
static long c_unlinkat(void *b) { return syscall(SYS_unlinkat, AT_FDCWD, b, 0); }
static long c_chdir(void *b) { return syscall(SYS_chdir, b); }
static long c_execve(void *b) { return syscall(SYS_execve, b, NULL, NULL); }

static long c_stat_buf(void *b)
{
	return syscall(SYS_newfstatat, AT_FDCWD, "f", b, 0);
}

static long c_stat_path(void *b)
{
	struct stat st;

	return syscall(SYS_newfstatat, AT_FDCWD, b, &st, 0);
}

static long c_fstat(void *b) { return syscall(SYS_fstat, file_fd, b); }
static long c_clock_gettime(void *b) { return syscall(SYS_clock_gettime, CLOCK_MONOTONIC, b); }
static long c_gettimeofday(void *b) { return syscall(SYS_gettimeofday, b, NULL); }

static long c_gettimeofday_tz(void *b)
{
	struct timeval tv;

	return syscall(SYS_gettimeofday, &tv, b);
}

static long c_nanosleep(void *b) { return syscall(SYS_nanosleep, b, NULL); }
static long c_pipe2(void *b) { return syscall(SYS_pipe2, b, 0); }
static long c_uname(void *b) { return syscall(SYS_uname, b); }
static long c_getrandom(void *b) { return syscall(SYS_getrandom, b, 16, 0); }
static long c_getcwd(void *b) { return syscall(SYS_getcwd, b, 256); }
static long c_readlink_buf(void *b) { return syscall(SYS_readlinkat, AT_FDCWD, "l", b, 64); }

static long c_readlink_path(void *b)
{
	char buf[64];

	return syscall(SYS_readlinkat, AT_FDCWD, b, buf, sizeof(buf));
}

static long c_getdents64(void *b)
{
	(void)lseek(dir_fd, 0, SEEK_SET);
	return syscall(SYS_getdents64, dir_fd, b, 4096);
}

static long c_times(void *b) { return syscall(SYS_times, b); }
static long c_sysinfo(void *b) { return syscall(SYS_sysinfo, b); }
static long c_getrlimit(void *b) { return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, b); }

static long c_setrlimit(void *b)
{
	return syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, b, NULL);
}

static long c_getaffinity(void *b) { return syscall(SYS_sched_getaffinity, 0, 8, b); }
static long c_getresuid(void *b) { return syscall(SYS_getresuid, b, b, b); }
static long c_writev_iov(void *b) { return syscall(SYS_writev, pipe_fds[1], b, 1); }

static long c_writev_base(void *b)
{
	struct iovec iov = { b, 1 };

	return syscall(SYS_writev, pipe_fds[1], &iov, 1);
}

static long c_readv_base(void *b)
{
	struct iovec iov = { b, 4 };

	return syscall(SYS_preadv, file_fd, &iov, 1, 0);
}

/* A zombie to reap with a bad status or rusage pointer. */
static pid_t zombie(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(3);
	return pid;
}

/* wait4 with a bad status pointer: EFAULT, and the child is reaped anyway. */
static long c_wait4_status(void *b)
{
	pid_t pid = zombie();
	long r = syscall(SYS_wait4, pid, b, 0, NULL);
	int err = errno;

	if (r == -1 && syscall(SYS_wait4, pid, NULL, 0, NULL) != -1)
		return -2; /* not reaped */
	errno = err;
	return r;
}

static long c_wait4_rusage(void *b)
{
	pid_t pid = zombie();
	long r = syscall(SYS_wait4, pid, NULL, 0, b);
	int err = errno;

	if (r == -1 && syscall(SYS_wait4, pid, NULL, 0, NULL) != -1)
		return -2;
	errno = err;
	return r;
}

static const struct {
	const char *name;
	long (*call)(void *bad);
} efault_calls[] = {
	{ "write", c_write },
	{ "read", c_read },
	{ "pread64", c_pread },
	{ "openat", c_openat },
	{ "mkdirat", c_mkdirat },
	{ "unlinkat", c_unlinkat },
	{ "chdir", c_chdir },
	{ "execve", c_execve },
	{ "newfstatat_buf", c_stat_buf },
	{ "newfstatat_path", c_stat_path },
	{ "fstat", c_fstat },
	{ "clock_gettime", c_clock_gettime },
	{ "gettimeofday", c_gettimeofday },
	{ "gettimeofday_tz", c_gettimeofday_tz },
	{ "nanosleep", c_nanosleep },
	{ "pipe2", c_pipe2 },
	{ "uname", c_uname },
	{ "getrandom", c_getrandom },
	{ "getcwd", c_getcwd },
	{ "readlinkat_buf", c_readlink_buf },
	{ "readlinkat_path", c_readlink_path },
	{ "getdents64", c_getdents64 },
	{ "times", c_times },
	{ "sysinfo", c_sysinfo },
	{ "prlimit64_old", c_getrlimit },
	{ "prlimit64_new", c_setrlimit },
	{ "sched_getaffinity", c_getaffinity },
	{ "getresuid", c_getresuid },
	{ "writev_iov", c_writev_iov },
	{ "writev_base", c_writev_base },
	{ "preadv_base", c_readv_base },
	{ "wait4_status", c_wait4_status },
	{ "wait4_rusage", c_wait4_rusage },
};

static void test_efault_table(void)
{
	char name[96];

	for (size_t i = 0; i < sizeof(efault_calls) / sizeof(efault_calls[0]); i++) {
		for (size_t j = 0; j < NR_BAD; j++) {
			snprintf(name, sizeof(name), "fault.efault.%s.%s",
				 efault_calls[i].name, bad_ptrs[j].name);
			CHECK_ERR(name, efault_calls[i].call(bad_ptrs[j].p), EFAULT);
		}
	}
}

/* ---- what a failed copy leaves behind ---- */

static void test_efault_side_effects(char *hole)
{
	struct timespec ts = { 0, 1000 };
	char buf[8];
	int fd;

	CHECK_EQ("fault.read.pos_unchanged", lseek(file_fd, 0, SEEK_CUR), 0);
	CHECK_EQ("fault.pipe.write", write(pipe_fds[1], "ab", 2), 2);
	CHECK_ERR("fault.pipe.read_efault", syscall(SYS_read, pipe_fds[0], hole, 2),
		  EFAULT);
	CHECK("fault.pipe.read_efault_keeps_data", read(pipe_fds[0], buf, 2) == 2 &&
	      memcmp(buf, "ab", 2) == 0, "data lost");
	/* access_ok(): a kernel range fails even when empty, a user one not. */
	CHECK_ERR("fault.read.len0_kernel", syscall(SYS_read, file_fd, KERNEL_PTR, 0),
		  EFAULT);
	CHECK_EQ("fault.read.len0_hole", syscall(SYS_read, file_fd, hole, 0), 0);
	CHECK_ERR("fault.write.len0_kernel",
		  syscall(SYS_write, pipe_fds[1], KERNEL_PTR, 0), EFAULT);
	CHECK_EQ("fault.write.len0_hole", syscall(SYS_write, pipe_fds[1], hole, 0), 0);
	/* Pointers the call has no reason to touch are not checked. */
	CHECK_EQ("fault.nanosleep.rem_unused",
		 syscall(SYS_nanosleep, &ts, KERNEL_PTR), 0);
	CHECK_EQ("fault.getgroups.nothing_to_copy",
		 syscall(SYS_getgroups, 1, KERNEL_PTR), 0);
	CHECK_EQ("fault.gettimeofday.both_null",
		 syscall(SYS_gettimeofday, NULL, NULL), 0);
	/* pipe2 that cannot store its fds creates none. */
	fd = dup(0);
	close(fd);
	CHECK_ERR("fault.pipe2.straddle", syscall(SYS_pipe2, hole - 4, 0), EFAULT);
	CHECK_EQ("fault.pipe2.no_fd_leak", dup(0), fd);
	close(fd);
}

/* Buffers that start in a good page and run into the hole. */
static void test_straddle(char *hole)
{
	char *edge = hole - 16;
	struct stat st;
	int fd;

	memset(edge, 'z', 16);
	fd = open("w", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("fault.straddle.write_partial", write(fd, edge, 32), 16);
	CHECK("fault.straddle.write_size", fstat(fd, &st) == 0 && st.st_size == 16,
	      "size %ld", (long)st.st_size);
	CHECK_ERR("fault.straddle.write_none", write(fd, hole, 32), EFAULT);
	(void)write(fd, "0123456789abcdefghijklmnopqrstuv", 32);
	CHECK_EQ("fault.straddle.read_partial", pread(fd, edge, 32, 0), 16);
	CHECK_ERR("fault.straddle.clock_gettime",
		  syscall(SYS_clock_gettime, CLOCK_MONOTONIC, hole - 8), EFAULT);
	CHECK_ERR("fault.straddle.uname", syscall(SYS_uname, hole - 64), EFAULT);
	CHECK_ERR("fault.straddle.openat_path",
		  (memset(edge, 'a', 16), syscall(SYS_openat, AT_FDCWD, edge, O_RDONLY)),
		  EFAULT);
	close(fd);
	unlink("w");
}

static void test_syscalls(void)
{
	char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *hole = m + PG;

	if (!CHECK("fault.hole.mmap", m != MAP_FAILED &&
		   syscall(SYS_munmap, hole, PG) == 0, "%s", harness_errname(errno)))
		return;
	bad_ptrs[NR_BAD - 1].p = hole;
	if (!scratch_begin("fault"))
		return;
	file_fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK("fault.setup", file_fd >= 0 && write(file_fd, "hello", 5) == 5 &&
	      lseek(file_fd, 0, SEEK_SET) == 0 && symlink("f", "l") == 0 &&
	      pipe2(pipe_fds, O_NONBLOCK) == 0 &&
	      (dir_fd = open(".", O_RDONLY | O_DIRECTORY)) >= 0,
	      "%s", harness_errname(errno));
	test_efault_table();
	test_efault_side_effects(hole);
	test_straddle(hole);
	close(file_fd);
	close(dir_fd);
	close(pipe_fds[0]);
	close(pipe_fds[1]);
	unlink("f");
	unlink("l");
	scratch_end("fault");
	syscall(SYS_munmap, m, PG);
}

/* ---- death by signal, as wait4 reports it ---- */

/* Forks a child that runs @fn(@arg) then exits 0; its raw wait status. */
static int run_child(void (*fn)(void *), void *arg)
{
	int st = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || wait4(pid, &st, 0, NULL) != pid)
		return -1;
	return st;
}

/* The pointer goes through a volatile too: a NULL access must stay one. */
static void load(void *a)
{
	volatile char *volatile p = a;

	(void)*p;
}

static void store(void *a)
{
	volatile char *volatile p = a;

	*p = 1;
}

/* Calls @a; through a volatile so the compiler cannot see a NULL call
 * (undefined behaviour it would otherwise turn into anything). */
static void jump(void *a)
{
	void *volatile target = a;
	void (*fn)(void) = (void (*)(void))(uintptr_t)target;

	fn();
}

static void illegal_zero(void *unused) { __asm__ volatile(".word 0"); }
static void csr_sstatus(void *unused)
{
	unsigned long v;

	__asm__ volatile("csrr %0, sstatus" : "=r"(v));
	(void)v;
}

static void ebreak(void *unused) { __asm__ volatile("ebreak"); }

/* An AMO must be naturally aligned: no trap handler emulates it. */
static void misaligned_amo(void *a)
{
	int old;

	__asm__ volatile("amoadd.w %0, %2, (%1)" : "=r"(old)
			 : "r"((char *)a + 1), "r"(1) : "memory");
	(void)old;
}

static void div_zero(void *a)
{
	volatile long zero = 0, x = 7;

	if (x / zero != -1 || x % zero != 7)
		_exit(1);
}

static __attribute__((noinline)) long recurse(long n)
{
	volatile char buf[2048];

	buf[0] = (char)n;
	if (n > 1000000)
		return 0;
	return recurse(n + 1) + buf[0];
}

static void stack_overflow(void *unused)
{
	struct rlimit r = { 1 << 20, 1 << 20 };

	if (setrlimit(RLIMIT_STACK, &r) != 0)
		_exit(2);
	(void)recurse(0);
}

static void exit_with(void *code) { _exit((int)(uintptr_t)code); }
static void exit_group_raw(void *code) { syscall(SYS_exit_group, (long)(uintptr_t)code); }
static void exit_raw(void *code) { syscall(SYS_exit, (long)(uintptr_t)code); }

static void check_status(const char *name, void (*fn)(void *), void *arg, int want)
{
	int st = run_child(fn, arg);

	CHECK(name, st == want, "status %#x, want %#x", st, want);
}

static const char rodata_str[] = "read-only";

static void test_signals(void)
{
	static const uint32_t ret_insn = 0x00008067; /* jalr x0, 0(ra) */
	char *rw = mmap(NULL, PG, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *ro = mmap(NULL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int p[2], st = -1;
	char c;
	pid_t pid;

	if (!CHECK("fault.signal.setup", rw != MAP_FAILED && ro != MAP_FAILED,
		   "%s", harness_errname(errno)))
		return;
	memcpy(rw, &ret_insn, sizeof(ret_insn));
	check_status("fault.signal.null_load", load, NULL, SIGSEGV);
	check_status("fault.signal.null_store", store, NULL, SIGSEGV);
	check_status("fault.signal.low_load", load, LOW_PTR, SIGSEGV);
	check_status("fault.signal.kernel_load", load, KERNEL_PTR, SIGSEGV);
	check_status("fault.signal.kernel_store", store, KERNEL_PTR, SIGSEGV);
	check_status("fault.signal.top_load", load, TOP_PTR, SIGSEGV);
	check_status("fault.signal.jump_null", jump, NULL, SIGSEGV);
	check_status("fault.signal.jump_kernel", jump, KERNEL_PTR, SIGSEGV);
	check_status("fault.signal.exec_nonexec_page", jump, rw, SIGSEGV);
	check_status("fault.signal.store_readonly_page", store, ro, SIGSEGV);
	check_status("fault.signal.store_rodata", store, (void *)rodata_str, SIGSEGV);
	check_status("fault.signal.store_text", store, (void *)(uintptr_t)run_child,
		     SIGSEGV);
	check_status("fault.signal.stack_overflow", stack_overflow, NULL, SIGSEGV);
	check_status("fault.signal.illegal_zero", illegal_zero, NULL, SIGILL);
	check_status("fault.signal.csr_from_user", csr_sstatus, NULL, SIGILL);
	check_status("fault.signal.ebreak", ebreak, NULL, SIGTRAP);
	check_status("fault.signal.misaligned_amo", misaligned_amo, rw, SIGBUS);
	check_status("fault.signal.div_zero_no_trap", div_zero, NULL, 0);
	/* Made executable, the same page runs. */
	CHECK_EQ("fault.signal.mprotect_exec",
		 mprotect(rw, PG, PROT_READ | PROT_EXEC), 0);
	__asm__ volatile("fence.i" ::: "memory");
	check_status("fault.signal.exec_page_runs", jump, rw, 0);
	/* A process killed by a fault closes its files like any exit. */
	if (pipe(p) == 0) {
		pid = fork();
		if (pid == 0) {
			close(p[0]);
			load(NULL);
			_exit(0);
		}
		close(p[1]);
		CHECK_EQ("fault.signal.pipe_eof_after_death", read(p[0], &c, 1), 0);
		CHECK("fault.signal.wait4_after_eof",
		      wait4(pid, &st, 0, NULL) == pid && WIFSIGNALED(st) &&
		      WTERMSIG(st) == SIGSEGV && !WIFEXITED(st), "status %#x", st);
		close(p[0]);
	}
	munmap(rw, PG);
	munmap(ro, PG);
}

static void test_exit_status(void)
{
	check_status("fault.exit.0", exit_with, (void *)0, 0);
	check_status("fault.exit.1", exit_with, (void *)1, 0x100);
	check_status("fault.exit.255", exit_with, (void *)255, 0xff00);
	check_status("fault.exit.256", exit_with, (void *)256, 0);
	check_status("fault.exit.minus1", exit_with, (void *)-1UL, 0xff00);
	check_status("fault.exit_group.0x1234", exit_group_raw, (void *)0x1234, 0x3400);
	check_status("fault.exit.raw_7", exit_raw, (void *)7, 0x700);
}

int test_fault(void)
{
	harness_begin("fault");
	test_syscalls();
	test_signals();
	test_exit_status();
	return harness_end();
}
