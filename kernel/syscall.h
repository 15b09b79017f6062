/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/syscall.h - system call dispatch and the sys_* handlers.
 *
 * Every handler takes the calling task and its six raw argument registers
 * and returns what goes back in a0: a result, or a negative Linux errno.
 * Handlers live one family per file (sys_fs.c, sys_proc.c, sys_time.c).
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <ostd/types.h>

#include "task.h"

/* a0..a5 at the ecall, as the user left them. */
struct syscall_args {
	uint64_t a[6];
};

/*
 * Handles the ecall @t just made: advances its pc past the ecall, runs
 * the handler for the number in a7 (-ENOSYS for unknown numbers) and
 * stores the result in a0.
 */
void syscall_dispatch(struct kernel_task *t);

/* sys_fs.c: data through open files */
long sys_read(struct kernel_task *t, const struct syscall_args *args);
long sys_write(struct kernel_task *t, const struct syscall_args *args);
long sys_readv(struct kernel_task *t, const struct syscall_args *args);
long sys_writev(struct kernel_task *t, const struct syscall_args *args);
long sys_pread64(struct kernel_task *t, const struct syscall_args *args);
long sys_pwrite64(struct kernel_task *t, const struct syscall_args *args);
long sys_preadv(struct kernel_task *t, const struct syscall_args *args);
long sys_pwritev(struct kernel_task *t, const struct syscall_args *args);
long sys_lseek(struct kernel_task *t, const struct syscall_args *args);
long sys_getdents64(struct kernel_task *t, const struct syscall_args *args);
long sys_sync(struct kernel_task *t, const struct syscall_args *args);
long sys_syncfs(struct kernel_task *t, const struct syscall_args *args);
long sys_fsync(struct kernel_task *t, const struct syscall_args *args);

/* sys_fd.c: file descriptors */
long sys_openat(struct kernel_task *t, const struct syscall_args *args);
long sys_close(struct kernel_task *t, const struct syscall_args *args);
long sys_close_range(struct kernel_task *t, const struct syscall_args *args);
long sys_dup(struct kernel_task *t, const struct syscall_args *args);
long sys_dup3(struct kernel_task *t, const struct syscall_args *args);
long sys_fcntl(struct kernel_task *t, const struct syscall_args *args);
long sys_ioctl(struct kernel_task *t, const struct syscall_args *args);
long sys_pipe2(struct kernel_task *t, const struct syscall_args *args);

/* sys_namei.c: names and the working directory */
long sys_mkdirat(struct kernel_task *t, const struct syscall_args *args);
long sys_mknodat(struct kernel_task *t, const struct syscall_args *args);
long sys_unlinkat(struct kernel_task *t, const struct syscall_args *args);
long sys_symlinkat(struct kernel_task *t, const struct syscall_args *args);
long sys_linkat(struct kernel_task *t, const struct syscall_args *args);
long sys_renameat2(struct kernel_task *t, const struct syscall_args *args);
long sys_readlinkat(struct kernel_task *t, const struct syscall_args *args);
long sys_chdir(struct kernel_task *t, const struct syscall_args *args);
long sys_fchdir(struct kernel_task *t, const struct syscall_args *args);
long sys_chroot(struct kernel_task *t, const struct syscall_args *args);
long sys_getcwd(struct kernel_task *t, const struct syscall_args *args);

/* sys_stat.c: attributes */
long sys_newfstatat(struct kernel_task *t, const struct syscall_args *args);
long sys_fstat(struct kernel_task *t, const struct syscall_args *args);
long sys_statfs(struct kernel_task *t, const struct syscall_args *args);
long sys_fstatfs(struct kernel_task *t, const struct syscall_args *args);
long sys_faccessat(struct kernel_task *t, const struct syscall_args *args);
long sys_faccessat2(struct kernel_task *t, const struct syscall_args *args);
long sys_truncate(struct kernel_task *t, const struct syscall_args *args);
long sys_ftruncate(struct kernel_task *t, const struct syscall_args *args);
long sys_fchmod(struct kernel_task *t, const struct syscall_args *args);
long sys_fchmodat(struct kernel_task *t, const struct syscall_args *args);
long sys_fchown(struct kernel_task *t, const struct syscall_args *args);
long sys_fchownat(struct kernel_task *t, const struct syscall_args *args);
long sys_utimensat(struct kernel_task *t, const struct syscall_args *args);
long sys_umask(struct kernel_task *t, const struct syscall_args *args);

/* sys_mount.c */
long sys_mount(struct kernel_task *t, const struct syscall_args *args);
long sys_umount2(struct kernel_task *t, const struct syscall_args *args);

/* sys_sys.c: system-wide */
long sys_uname(struct kernel_task *t, const struct syscall_args *args);
long sys_getrandom(struct kernel_task *t, const struct syscall_args *args);
long sys_reboot(struct kernel_task *t, const struct syscall_args *args);

/* sys_proc.c */
long sys_exit(struct kernel_task *t, const struct syscall_args *args);
long sys_exit_group(struct kernel_task *t, const struct syscall_args *args);
long sys_getpid(struct kernel_task *t, const struct syscall_args *args);
long sys_sched_yield(struct kernel_task *t, const struct syscall_args *args);
long sys_gettid(struct kernel_task *t, const struct syscall_args *args);
long sys_getppid(struct kernel_task *t, const struct syscall_args *args);
long sys_set_tid_address(struct kernel_task *t,
			 const struct syscall_args *args);
long sys_clone(struct kernel_task *t, const struct syscall_args *args);
long sys_execve(struct kernel_task *t, const struct syscall_args *args);
long sys_execveat(struct kernel_task *t, const struct syscall_args *args);
long sys_wait4(struct kernel_task *t, const struct syscall_args *args);
long sys_waitid(struct kernel_task *t, const struct syscall_args *args);
long sys_getpgid(struct kernel_task *t, const struct syscall_args *args);
long sys_setpgid(struct kernel_task *t, const struct syscall_args *args);
long sys_getsid(struct kernel_task *t, const struct syscall_args *args);
long sys_setsid(struct kernel_task *t, const struct syscall_args *args);

/* sys_cred.c */
long sys_getuid(struct kernel_task *t, const struct syscall_args *args);
long sys_geteuid(struct kernel_task *t, const struct syscall_args *args);
long sys_getgid(struct kernel_task *t, const struct syscall_args *args);
long sys_getegid(struct kernel_task *t, const struct syscall_args *args);
long sys_setuid(struct kernel_task *t, const struct syscall_args *args);
long sys_setgid(struct kernel_task *t, const struct syscall_args *args);
long sys_setreuid(struct kernel_task *t, const struct syscall_args *args);
long sys_setregid(struct kernel_task *t, const struct syscall_args *args);
long sys_setresuid(struct kernel_task *t, const struct syscall_args *args);
long sys_setresgid(struct kernel_task *t, const struct syscall_args *args);
long sys_getresuid(struct kernel_task *t, const struct syscall_args *args);
long sys_getresgid(struct kernel_task *t, const struct syscall_args *args);
long sys_setfsuid(struct kernel_task *t, const struct syscall_args *args);
long sys_setfsgid(struct kernel_task *t, const struct syscall_args *args);
long sys_getgroups(struct kernel_task *t, const struct syscall_args *args);

/* sys_res.c */
struct linux_rusage;
/* Our usage counters as a Linux struct rusage (also for wait4, waitid). */
void usage_to_rusage(const struct task_usage *u, struct linux_rusage *ru);
long sys_prlimit64(struct kernel_task *t, const struct syscall_args *args);
long sys_getrlimit(struct kernel_task *t, const struct syscall_args *args);
long sys_setrlimit(struct kernel_task *t, const struct syscall_args *args);
long sys_getrusage(struct kernel_task *t, const struct syscall_args *args);
long sys_times(struct kernel_task *t, const struct syscall_args *args);
long sys_sysinfo(struct kernel_task *t, const struct syscall_args *args);
long sys_sched_getaffinity(struct kernel_task *t,
			   const struct syscall_args *args);

/* sys_mm.c */
long sys_brk(struct kernel_task *t, const struct syscall_args *args);
long sys_mmap(struct kernel_task *t, const struct syscall_args *args);
long sys_munmap(struct kernel_task *t, const struct syscall_args *args);
long sys_mprotect(struct kernel_task *t, const struct syscall_args *args);
long sys_madvise(struct kernel_task *t, const struct syscall_args *args);
long sys_mremap(struct kernel_task *t, const struct syscall_args *args);
long sys_msync(struct kernel_task *t, const struct syscall_args *args);

/* sys_mlock.c */
long sys_mlock(struct kernel_task *t, const struct syscall_args *args);
long sys_mlock2(struct kernel_task *t, const struct syscall_args *args);
long sys_munlock(struct kernel_task *t, const struct syscall_args *args);
long sys_mlockall(struct kernel_task *t, const struct syscall_args *args);
long sys_munlockall(struct kernel_task *t, const struct syscall_args *args);
long sys_mincore(struct kernel_task *t, const struct syscall_args *args);

/* sys_prio.c */
long sys_getpriority(struct kernel_task *t, const struct syscall_args *args);
long sys_setpriority(struct kernel_task *t, const struct syscall_args *args);
long sys_personality(struct kernel_task *t, const struct syscall_args *args);

/* sys_time.c */
long sys_gettimeofday(struct kernel_task *t, const struct syscall_args *args);
long sys_clock_gettime(struct kernel_task *t, const struct syscall_args *args);
long sys_nanosleep(struct kernel_task *t, const struct syscall_args *args);
long sys_restart_syscall(struct kernel_task *t,
			 const struct syscall_args *args);
long sys_clock_nanosleep(struct kernel_task *t,
			 const struct syscall_args *args);
long sys_clock_getres(struct kernel_task *t, const struct syscall_args *args);

/* sys_itimer.c */
long sys_getitimer(struct kernel_task *t, const struct syscall_args *args);
long sys_setitimer(struct kernel_task *t, const struct syscall_args *args);

/* sys_signal.c */
long sys_kill(struct kernel_task *t, const struct syscall_args *args);
long sys_tkill(struct kernel_task *t, const struct syscall_args *args);
long sys_tgkill(struct kernel_task *t, const struct syscall_args *args);
long sys_sigaltstack(struct kernel_task *t, const struct syscall_args *args);
long sys_rt_sigaction(struct kernel_task *t, const struct syscall_args *args);
long sys_rt_sigprocmask(struct kernel_task *t,
			const struct syscall_args *args);
long sys_rt_sigpending(struct kernel_task *t, const struct syscall_args *args);
long sys_rt_sigsuspend(struct kernel_task *t, const struct syscall_args *args);
long sys_rt_sigtimedwait(struct kernel_task *t,
			 const struct syscall_args *args);
long sys_rt_sigreturn(struct kernel_task *t, const struct syscall_args *args);

/* sys_poll.c */
long sys_ppoll(struct kernel_task *t, const struct syscall_args *args);
long sys_pselect6(struct kernel_task *t, const struct syscall_args *args);

/* futex.c */
long sys_futex(struct kernel_task *t, const struct syscall_args *args);

/* sys_sched.c */
long sys_sched_setaffinity(struct kernel_task *t,
			   const struct syscall_args *args);
long sys_sched_getscheduler(struct kernel_task *t,
			    const struct syscall_args *args);
long sys_sched_getparam(struct kernel_task *t, const struct syscall_args *args);
long sys_sched_get_priority_max(struct kernel_task *t,
				const struct syscall_args *args);
long sys_sched_get_priority_min(struct kernel_task *t,
				const struct syscall_args *args);
long sys_prctl(struct kernel_task *t, const struct syscall_args *args);
long sys_set_robust_list(struct kernel_task *t,
			 const struct syscall_args *args);
long sys_getcpu(struct kernel_task *t, const struct syscall_args *args);

#endif
