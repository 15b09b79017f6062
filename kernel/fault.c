// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fault.c - user faults: page faults go to kernel/mm first; what
 * it cannot resolve becomes a Linux signal: its handler runs if one is
 * installed and the signal is not blocked, otherwise the process dies.
 *
 * The mapping follows Linux on riscv64 (arch/riscv/kernel/traps.c and
 * mm/fault.c): a page fault on an address with no or the wrong mapping is
 * SIGSEGV, an illegal or privileged instruction (including a CSR access
 * from U-mode) is SIGILL, a misaligned access the hardware refused is
 * SIGBUS, ebreak is SIGTRAP. Each death prints one line that names the
 * process, the address and the pc, so a failing test is easy to read.
 */
#include <ostd/log.h>
#include <ostd/vm.h>

#include "errno.h"
#include "fault.h"
#include "mm/mm.h"
#include "signal.h"

static const char *fault_access_name(unsigned access)
{
	if (access & OSTD_PROT_EXEC)
		return "fetch";
	if (access & OSTD_PROT_WRITE)
		return "store";
	return "load";
}

/* A SIGSEGV for @addr: no area (MAPERR) or the wrong permission (ACCERR). */
static int segv_code(struct kernel_task *t, uint64_t addr)
{
	uint64_t page = addr & ~(OSTD_PAGE_SIZE - 1);

	return mm_range_mapped(t->mm, page, OSTD_PAGE_SIZE) ? SEGV_ACCERR :
							     SEGV_MAPERR;
}

static void page_fault(struct kernel_task *t, const struct ostd_exit_info *info)
{
	uint64_t pc = t->ctx.pc;
	int err = mm_handle_fault(t->mm, info->addr, info->access);

	if (err == 0)
		return; /* demand paging, COW or stack growth */
	if (err == -ENOMEM) {
		/* Linux's OOM killer: SIGKILL, not a segfault. */
		ostd_printk("[kernel] %s: out of memory at 0x%lx, killed (SIGKILL)\n",
			    t->name, info->addr);
		task_exit(t, SIGKILL);
	}
	if (err != -EFAULT) {
		/* A file page past EOF or an I/O error. */
		if (signal_fault(t, SIGBUS, BUS_ADRERR, info->addr))
			return;
		ostd_printk("[kernel] %s: bus error (%s) at 0x%lx, pc 0x%lx, killed (SIGBUS)\n",
			    t->name, fault_access_name(info->access),
			    info->addr, pc);
		task_exit(t, SIGBUS);
	}
	if (signal_fault(t, SIGSEGV, segv_code(t, info->addr), info->addr))
		return;
	ostd_printk("[kernel] %s: page fault (%s) at 0x%lx, pc 0x%lx, killed (SIGSEGV)\n",
		    t->name, fault_access_name(info->access), info->addr, pc);
	task_exit(t, SIGSEGV);
}

void fault_handle(struct kernel_task *t, const struct ostd_exit_info *info)
{
	uint64_t pc = t->ctx.pc;

	/* A handler, if installed and not blocked, runs on the way out. */
	switch (info->reason) {
	case OSTD_EXIT_PAGE_FAULT:
		page_fault(t, info);
		return;
	case OSTD_EXIT_ILLEGAL:
		if (signal_fault(t, SIGILL, ILL_ILLOPC, pc))
			return;
		ostd_printk("[kernel] %s: illegal instruction at pc 0x%lx, killed (SIGILL)\n",
			    t->name, pc);
		task_exit(t, SIGILL);
	case OSTD_EXIT_MISALIGNED:
		if (signal_fault(t, SIGBUS, BUS_ADRALN, info->addr))
			return;
		ostd_printk("[kernel] %s: misaligned access at 0x%lx, pc 0x%lx, killed (SIGBUS)\n",
			    t->name, info->addr, pc);
		task_exit(t, SIGBUS);
	case OSTD_EXIT_BREAKPOINT:
		if (signal_fault(t, SIGTRAP, TRAP_BRKPT, pc))
			return;
		ostd_printk("[kernel] %s: breakpoint at pc 0x%lx, killed (SIGTRAP)\n",
			    t->name, pc);
		task_exit(t, SIGTRAP);
	case OSTD_EXIT_SYSCALL:
	case OSTD_EXIT_INTERRUPT:
		break;
	}
	ostd_panic("fault_handle: not a fault (reason %d, scause 0x%lx)",
		   info->reason, info->cause);
}
