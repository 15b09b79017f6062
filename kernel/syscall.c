// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/syscall.c - the system call table.
 *
 * Numbers are Linux riscv64's (unistd.h), so a static musl binary can run
 * unmodified. A number with no entry returns -ENOSYS, which is also what
 * Linux returns, and libc falls back gracefully.
 */
#include <ostd/log.h>
#include <ostd/user.h>

#include "errno.h"
#include "syscall.h"
#include "unistd.h"

typedef long (*syscall_fn)(struct kernel_task *t,
			   const struct syscall_args *args);

static const syscall_fn syscall_table[NR_SYSCALLS] = {
	/* files (sys_fs.c, sys_fd.c, sys_namei.c, sys_stat.c, sys_mount.c) */
	[NR_getcwd] = sys_getcwd,
	[NR_dup] = sys_dup,
	[NR_dup3] = sys_dup3,
	[NR_fcntl] = sys_fcntl,
	[NR_ioctl] = sys_ioctl,
	[NR_mknodat] = sys_mknodat,
	[NR_mkdirat] = sys_mkdirat,
	[NR_unlinkat] = sys_unlinkat,
	[NR_symlinkat] = sys_symlinkat,
	[NR_linkat] = sys_linkat,
	[NR_umount2] = sys_umount2,
	[NR_mount] = sys_mount,
	[NR_statfs] = sys_statfs,
	[NR_fstatfs] = sys_fstatfs,
	[NR_truncate] = sys_truncate,
	[NR_ftruncate] = sys_ftruncate,
	[NR_faccessat] = sys_faccessat,
	[NR_chdir] = sys_chdir,
	[NR_fchdir] = sys_fchdir,
	[NR_chroot] = sys_chroot,
	[NR_fchmod] = sys_fchmod,
	[NR_fchmodat] = sys_fchmodat,
	[NR_fchownat] = sys_fchownat,
	[NR_fchown] = sys_fchown,
	[NR_openat] = sys_openat,
	[NR_close] = sys_close,
	[NR_pipe2] = sys_pipe2,
	[NR_getdents64] = sys_getdents64,
	[NR_lseek] = sys_lseek,
	[NR_read] = sys_read,
	[NR_write] = sys_write,
	[NR_readv] = sys_readv,
	[NR_writev] = sys_writev,
	[NR_pread64] = sys_pread64,
	[NR_pwrite64] = sys_pwrite64,
	[NR_preadv] = sys_preadv,
	[NR_pwritev] = sys_pwritev,
	[NR_readlinkat] = sys_readlinkat,
	[NR_newfstatat] = sys_newfstatat,
	[NR_fstat] = sys_fstat,
	[NR_sync] = sys_sync,
	[NR_fsync] = sys_fsync,
	[NR_fdatasync] = sys_fsync,
	[NR_utimensat] = sys_utimensat,
	[NR_umask] = sys_umask,
	[NR_syncfs] = sys_syncfs,
	[NR_renameat2] = sys_renameat2,
	[NR_close_range] = sys_close_range,
	[NR_faccessat2] = sys_faccessat2,
	/* the system (sys_sys.c) */
	[NR_reboot] = sys_reboot,
	[NR_uname] = sys_uname,
	[NR_getrandom] = sys_getrandom,
	[NR_exit] = sys_exit,
	[NR_exit_group] = sys_exit_group,
	[NR_nanosleep] = sys_nanosleep,
	[NR_restart_syscall] = sys_restart_syscall,
	[NR_clock_gettime] = sys_clock_gettime,
	[NR_sched_yield] = sys_sched_yield,
	[NR_gettimeofday] = sys_gettimeofday,
	[NR_getpid] = sys_getpid,
	/* processes (sys_proc.c) */
	[NR_set_tid_address] = sys_set_tid_address,
	[NR_setpgid] = sys_setpgid,
	[NR_getpgid] = sys_getpgid,
	[NR_getsid] = sys_getsid,
	[NR_setsid] = sys_setsid,
	[NR_getppid] = sys_getppid,
	[NR_gettid] = sys_gettid,
	[NR_clone] = sys_clone,
	[NR_execve] = sys_execve,
	[NR_execveat] = sys_execveat,
	[NR_wait4] = sys_wait4,
	[NR_waitid] = sys_waitid,
	/* credentials (sys_cred.c) */
	[NR_setregid] = sys_setregid,
	[NR_setgid] = sys_setgid,
	[NR_setreuid] = sys_setreuid,
	[NR_setuid] = sys_setuid,
	[NR_setresuid] = sys_setresuid,
	[NR_getresuid] = sys_getresuid,
	[NR_setresgid] = sys_setresgid,
	[NR_getresgid] = sys_getresgid,
	[NR_setfsuid] = sys_setfsuid,
	[NR_setfsgid] = sys_setfsgid,
	[NR_getgroups] = sys_getgroups,
	[NR_getuid] = sys_getuid,
	[NR_geteuid] = sys_geteuid,
	[NR_getgid] = sys_getgid,
	[NR_getegid] = sys_getegid,
	/* resources (sys_res.c) */
	[NR_sched_getaffinity] = sys_sched_getaffinity,
	[NR_times] = sys_times,
	[NR_getrlimit] = sys_getrlimit,
	[NR_setrlimit] = sys_setrlimit,
	[NR_getrusage] = sys_getrusage,
	[NR_sysinfo] = sys_sysinfo,
	[NR_prlimit64] = sys_prlimit64,
	[NR_brk] = sys_brk,
	[NR_mmap] = sys_mmap,
	[NR_munmap] = sys_munmap,
	[NR_mprotect] = sys_mprotect,
	[NR_madvise] = sys_madvise,
	[NR_mremap] = sys_mremap,
	[NR_msync] = sys_msync,
	/* memory locks and residency (sys_mlock.c) */
	[NR_mlock] = sys_mlock,
	[NR_munlock] = sys_munlock,
	[NR_mlockall] = sys_mlockall,
	[NR_munlockall] = sys_munlockall,
	[NR_mincore] = sys_mincore,
	[NR_mlock2] = sys_mlock2,
	/* nice values and personas (sys_prio.c) */
	[NR_setpriority] = sys_setpriority,
	[NR_getpriority] = sys_getpriority,
	[NR_personality] = sys_personality,
	/* signals (sys_signal.c, signal.c) */
	[NR_kill] = sys_kill,
	[NR_tkill] = sys_tkill,
	[NR_tgkill] = sys_tgkill,
	[NR_sigaltstack] = sys_sigaltstack,
	[NR_rt_sigaction] = sys_rt_sigaction,
	[NR_rt_sigprocmask] = sys_rt_sigprocmask,
	[NR_rt_sigpending] = sys_rt_sigpending,
	[NR_rt_sigsuspend] = sys_rt_sigsuspend,
	[NR_rt_sigtimedwait] = sys_rt_sigtimedwait,
	[NR_rt_sigreturn] = sys_rt_sigreturn,
	/* waiting (sys_poll.c, futex.c, sys_time.c) */
	[NR_pselect6] = sys_pselect6,
	[NR_ppoll] = sys_ppoll,
	[NR_futex] = sys_futex,
	[NR_clock_getres] = sys_clock_getres,
	[NR_clock_nanosleep] = sys_clock_nanosleep,
	/* interval timers (sys_itimer.c, itimer.c) */
	[NR_getitimer] = sys_getitimer,
	[NR_setitimer] = sys_setitimer,
	/* scheduling and process attributes (sys_sched.c) */
	[NR_set_robust_list] = sys_set_robust_list,
	[NR_sched_setaffinity] = sys_sched_setaffinity,
	[NR_sched_getscheduler] = sys_sched_getscheduler,
	[NR_sched_getparam] = sys_sched_getparam,
	[NR_sched_get_priority_max] = sys_sched_get_priority_max,
	[NR_sched_get_priority_min] = sys_sched_get_priority_min,
	[NR_prctl] = sys_prctl,
	[NR_getcpu] = sys_getcpu,
};

void syscall_dispatch(struct kernel_task *t)
{
	uint64_t nr = t->ctx.regs[OSTD_REG_A7];
	struct syscall_args args = { {
		t->ctx.regs[OSTD_REG_A0], t->ctx.regs[OSTD_REG_A1],
		t->ctx.regs[OSTD_REG_A2], t->ctx.regs[OSTD_REG_A3],
		t->ctx.regs[OSTD_REG_A4], t->ctx.regs[OSTD_REG_A5],
	} };
	long ret = -ENOSYS;

	/* The ecall is 4 bytes (there is no compressed form). */
	t->ctx.pc += 4;
	/* For a restart by signal_deliver() (rt_sigreturn clears it). */
	t->sig.in_syscall = true;
	t->sig.orig_a0 = args.a[0];
	if (nr < NR_SYSCALLS && syscall_table[nr])
		ret = syscall_table[nr](t, &args);
	else
		ostd_log(OSTD_LOG_DEBUG, "%s (pid %d): unimplemented syscall %lu",
			 t->name, t->pid, nr);
	t->ctx.regs[OSTD_REG_A0] = ret;
}
