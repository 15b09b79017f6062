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
	[NR_read] = sys_read,
	[NR_write] = sys_write,
	[NR_exit] = sys_exit,
	[NR_exit_group] = sys_exit_group,
	[NR_nanosleep] = sys_nanosleep,
	[NR_clock_gettime] = sys_clock_gettime,
	[NR_sched_yield] = sys_sched_yield,
	[NR_gettimeofday] = sys_gettimeofday,
	[NR_getpid] = sys_getpid,
	[NR_brk] = sys_brk,
	[NR_mmap] = sys_mmap,
	[NR_munmap] = sys_munmap,
	[NR_mprotect] = sys_mprotect,
	[NR_madvise] = sys_madvise,
	[NR_mremap] = sys_mremap,
	[NR_msync] = sys_msync,
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
	if (nr < NR_SYSCALLS && syscall_table[nr])
		ret = syscall_table[nr](t, &args);
	else
		ostd_log(OSTD_LOG_DEBUG, "%s (pid %d): unimplemented syscall %lu",
			 t->name, t->pid, nr);
	t->ctx.regs[OSTD_REG_A0] = ret;
}
