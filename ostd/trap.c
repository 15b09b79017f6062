// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/trap.c - what happens after trap.S: user-mode exits, interrupts,
 * kernel exceptions, and backtraces.
 *
 * User mode: ostd_user_execute() enters U-mode through trap.S and, when
 * the user traps, decodes scause into an ostd_exit_reason. Interrupts are
 * handled here (the timer re-armed, the tick handler run, device
 * interrupts dispatched through the PLIC) and reported as
 * OSTD_EXIT_INTERRUPT; everything else goes back to the kernel's loop.
 *
 * S-mode: interrupts arrive only in the idle loop. An exception is always
 * a kernel bug, except a page fault inside ostd_kspace_probe(), which
 * resumes at the probe's recovery label. A bug prints the cause, all
 * registers and a backtrace, then powers off with a failure status.
 *
 * FP state is lazy both ways: the kernel never uses FP registers, so they
 * keep the last user context's values (percpu->fp_owner) across traps.
 * They are saved into that context only when someone needs them there:
 * a task switch (ostd_fp_flush(), from task.c) or ostd_user_fp_sync()
 * (signal frames, fork), and only when sstatus.FS says the user dirtied
 * them. A trap itself reads no sstatus: each CSR access ends a
 * translation block under QEMU, and most traps are system calls that
 * never look at FP state.
 */
#include <stddef.h>

#include <ostd/log.h>
#include <ostd/power.h>
#include <ostd/user.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"
#include "mm_internal.h"

_Static_assert(offsetof(struct ostd_user_ctx, pc) == OSTD_UCTX_PC,
	       "trap.S user context layout");
_Static_assert(offsetof(struct ostd_user_ctx, fregs) == OSTD_UCTX_FREGS,
	       "trap.S user context layout");
_Static_assert(offsetof(struct ostd_user_ctx, fcsr) == OSTD_UCTX_FCSR,
	       "trap.S user context layout");
_Static_assert(offsetof(struct ostd_kframe, sepc) == OSTD_KF_SEPC,
	       "trap.S kernel frame layout");
_Static_assert(offsetof(struct ostd_kframe, sstatus) == OSTD_KF_SSTATUS,
	       "trap.S kernel frame layout");
_Static_assert(offsetof(struct ostd_kframe, scause) == OSTD_KF_SCAUSE,
	       "trap.S kernel frame layout");
_Static_assert(offsetof(struct ostd_kframe, stval) == OSTD_KF_STVAL,
	       "trap.S kernel frame layout");
_Static_assert(sizeof(struct ostd_kframe) == OSTD_KF_SIZE &&
		       OSTD_KF_SIZE % 16 == 0,
	       "trap.S kernel frame size");

#define SCAUSE_IRQ (1UL << OSTD_SCAUSE_IRQ_SHIFT)
#define BACKTRACE_MAX 32

void ostd_trap_init(void)
{
	/* Before ostd_cpu_init, tp is 0 and entry.S's early vector stays. */
	if (ostd_arch_read_tp() == 0)
		return;
	ostd_arch_trap_install(ostd_trap_vector);
}

/* ---- interrupts (either mode) ---- */

/* Handles interrupt @code; returns true for a timer tick. */
static bool handle_irq(uint64_t code)
{
	switch (code) {
	case OSTD_IRQ_S_TIMER:
		ostd_time_tick();
		return true;
	case OSTD_IRQ_S_SOFT:
		ostd_arch_soft_irq_clear();
		return false;
	case OSTD_IRQ_S_EXT:
		ostd_irq_handle(); /* plic.c: claim, handler, complete */
		return false;
	default:
		ostd_log(OSTD_LOG_WARN, "unexpected interrupt %lu", code);
		return false;
	}
}

/* ---- user mode ---- */

/* Saves the FP registers into their owner if the user dirtied them. */
static void fp_save_owner(struct ostd_percpu *pc)
{
	if (pc->fp_owner == NULL || !ostd_arch_fp_dirty())
		return;
	ostd_fp_save(pc->fp_owner);
	ostd_arch_fp_mark_clean();
}

void ostd_fp_flush(struct ostd_percpu *pc)
{
	fp_save_owner(pc);
	pc->fp_owner = NULL;
}

static void fp_load(struct ostd_percpu *pc, struct ostd_user_ctx *ctx)
{
	if (__builtin_expect(pc->fp_owner == ctx, 1))
		return;
	/* Task switches flush; this covers any other change of context. */
	ostd_fp_flush(pc);
	ostd_fp_restore(ctx);
	ostd_arch_fp_mark_clean();
	pc->fp_owner = ctx;
}

void ostd_user_fp_sync(struct ostd_user_ctx *ctx)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	if (ctx == NULL)
		ostd_panic("ostd_user_fp_sync(NULL)");
	/* Only the current task's context can own this hart's registers. */
	if (pc->fp_owner == ctx)
		fp_save_owner(pc);
}

void ostd_user_fp_changed(const struct ostd_user_ctx *ctx)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	/* The registers hold stale values now: drop them unsaved. */
	if (pc->fp_owner == ctx)
		pc->fp_owner = NULL;
}

/* stval is read only for the exceptions that set it (not for ecall). */
static void exit_fault(struct ostd_exit_info *info, unsigned access)
{
	info->reason = OSTD_EXIT_PAGE_FAULT;
	info->addr = ostd_arch_trap_value();
	info->access = access;
}

static void decode_exception(uint64_t code, uint64_t pc,
			     struct ostd_exit_info *info)
{
	info->addr = pc;
	switch (code) {
	case OSTD_EXC_ECALL_U:
		info->reason = OSTD_EXIT_SYSCALL;
		break;
	case OSTD_EXC_INST_PAGE:
	case OSTD_EXC_INST_ACCESS:
		exit_fault(info, OSTD_PROT_EXEC);
		break;
	case OSTD_EXC_LOAD_PAGE:
	case OSTD_EXC_LOAD_ACCESS:
		exit_fault(info, OSTD_PROT_READ);
		break;
	case OSTD_EXC_STORE_PAGE:
	case OSTD_EXC_STORE_ACCESS:
		exit_fault(info, OSTD_PROT_WRITE);
		break;
	case OSTD_EXC_INST_MISALIGNED:
	case OSTD_EXC_LOAD_MISALIGNED:
	case OSTD_EXC_STORE_MISALIGNED:
		info->reason = OSTD_EXIT_MISALIGNED;
		info->addr = ostd_arch_trap_value();
		break;
	case OSTD_EXC_BREAKPOINT:
		info->reason = OSTD_EXIT_BREAKPOINT;
		break;
	case OSTD_EXC_ILLEGAL:
		info->reason = OSTD_EXIT_ILLEGAL;
		break;
	default:
		ostd_log(OSTD_LOG_WARN, "user exception %lu treated as illegal",
			 code);
		info->reason = OSTD_EXIT_ILLEGAL;
		break;
	}
}

_Noreturn void ostd_user_enter_irq_on(void)
{
	ostd_panic("ostd_user_execute with interrupts on");
}

/*
 * The percpu pointer without ostd_this_cpu()'s call and early-boot check:
 * user code only runs after ostd_cpu_init() set tp.
 */
static inline struct ostd_percpu *task_cpu(void)
{
	/* SAFETY: in a task (ostd_user_execute's context) tp was set by
	 * ostd_cpu_init() to this hart's percpu data. */
	return (struct ostd_percpu *)ostd_arch_read_tp();
}

enum ostd_exit_reason ostd_user_execute(struct ostd_user_ctx *ctx,
					struct ostd_vmspace *vs,
					struct ostd_exit_info *info)
{
	struct ostd_percpu *pc = task_cpu();
	uint64_t scause;

	if (__builtin_expect(ctx == NULL || vs == NULL || info == NULL, 0))
		ostd_panic("ostd_user_execute: NULL argument");
	/* Before ostd_cpu_init() tp is 0: no task can run yet. */
	if (__builtin_expect(pc == NULL, 0))
		ostd_panic("ostd_user_execute before ostd_cpu_init");
	/* Interrupts on: checked by ostd_user_enter(), with the sstatus
	 * read it needs anyway (ostd_user_enter_irq_on()). */
	if (__builtin_expect(pc->irq_depth != 0 || pc->locks_held != 0, 0))
		ostd_panic("ostd_user_execute from a tick handler or under a lock");

	/* The common case (@vs already loaded) without the call. */
	if (__builtin_expect(pc->active_vs != vs, 0))
		ostd_vmspace_activate(vs);
	fp_load(pc, ctx);
	pc->user_ctx = ctx;
	ostd_user_enter(ctx);
	/* Back from U-mode on the same hart and stack; interrupts are off. */
	pc->user_ctx = NULL;
	scause = ostd_arch_trap_cause();

	/* The hot exit, a system call, sets only what it needs. */
	if (__builtin_expect(scause == OSTD_EXC_ECALL_U, 1)) {
		info->reason = OSTD_EXIT_SYSCALL;
		info->addr = ctx->pc;
		info->access = 0;
		info->cause = scause;
		info->tick = false;
		return OSTD_EXIT_SYSCALL;
	}
	*info = (struct ostd_exit_info){ .cause = scause };
	if (scause & SCAUSE_IRQ) {
		info->tick = handle_irq(scause & ~SCAUSE_IRQ);
		info->reason = OSTD_EXIT_INTERRUPT;
	} else {
		decode_exception(scause, ctx->pc, info);
	}
	return info->reason;
}

/* ---- S-mode traps ---- */

static const char *const exc_names[16] = {
	"instruction address misaligned", "instruction access fault",
	"illegal instruction", "breakpoint", "load address misaligned",
	"load access fault", "store address misaligned", "store access fault",
	"ecall from U-mode", "ecall from S-mode", "reserved (10)",
	"reserved (11)", "instruction page fault", "load page fault",
	"reserved (14)", "store page fault",
};

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static bool is_fault(uint64_t code)
{
	return code == OSTD_EXC_INST_PAGE || code == OSTD_EXC_LOAD_PAGE ||
	       code == OSTD_EXC_STORE_PAGE || code == OSTD_EXC_INST_ACCESS ||
	       code == OSTD_EXC_LOAD_ACCESS || code == OSTD_EXC_STORE_ACCESS;
}

/* Output that takes no lock, for a trap while a trap is being reported. */
static void raw_puts(const char *s)
{
	/* SAFETY: walks a NUL-terminated string literal up to its NUL. */
	for (; *s != '\0'; s++)
		ostd_console_putc_raw(*s);
}

/*
 * A fault on or just below the guard page of the running stack: the
 * stack overflowed (sp went below it, or a store hit the guard).
 */
static bool stack_overflowed(const struct ostd_kframe *f)
{
	uint64_t lo, hi;

	ostd_task_stack_bounds(&lo, &hi);
	if (f->stval < lo && f->stval >= lo - OSTD_PAGE_SIZE &&
	    is_fault(f->scause))
		return true;
	return f->regs[2] < lo && f->regs[2] >= lo - OSTD_PAGE_SIZE;
}

static _Noreturn void kernel_trap_panic(struct ostd_percpu *pc,
					const struct ostd_kframe *f)
{
	uint64_t lo, hi;

	if (pc->trap_panicking || ostd_panicking) {
		raw_puts("\n[kernel] panicked: kernel trap while reporting a panic\n");
		ostd_power_off(true);
	}
	pc->trap_panicking = true;
	ostd_panicking = true; /* the console now skips its lock */
	/* SAFETY: exc_names holds string literals; the literal decays too. */
	ostd_printk("\n[kernel] panicked: kernel trap: %s scause=0x%lx sepc=0x%lx stval=0x%lx\n",
		    f->scause < 16 ? exc_names[f->scause] : "unknown exception",
		    f->scause, f->sepc, f->stval);
	if (stack_overflowed(f)) {
		ostd_task_stack_bounds(&lo, &hi);
		ostd_printk("[kernel] kernel stack overflow: sp=0x%lx, stack is [0x%lx, 0x%lx)\n",
			    f->regs[2], lo, hi);
	}
	ostd_printk("[kernel] hart %u, sstatus=0x%lx\n", pc->hart_id,
		    f->sstatus);
	for (int i = 1; i < 32; i++)
		ostd_printk("  %-4s 0x%016lx%s", reg_names[i], f->regs[i],
			    i % 4 == 3 ? "\n" : "");
	ostd_printk("\n");
	ostd_backtrace(f->regs[8]);
	ostd_power_off(true);
}

/* Called by trap.S for every trap taken in S-mode. */
void ostd_trap_kernel(struct ostd_kframe *f)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	if (f->scause & SCAUSE_IRQ) {
		if (handle_irq(f->scause & ~SCAUSE_IRQ))
			pc->tick_pending = true;
		return;
	}
	if (pc->probe_recover != 0 && is_fault(f->scause)) {
		f->sepc = pc->probe_recover;
		pc->probe_recover = 0;
		return;
	}
	kernel_trap_panic(pc, f);
}

/* ---- backtraces ---- */

/* The stacks a frame record may be on: the task's and the trap stack. */
struct stacks {
	struct {
		uint64_t lo, hi;
	} r[2];
};

/* Which stack holds the frame record [fp-16, fp), or -1 if none does. */
static int frame_range(uint64_t fp, const struct stacks *s)
{
	if (fp % 8 != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		if (fp >= s->r[i].lo + 16 && fp <= s->r[i].hi)
			return i;
	}
	return -1;
}

void ostd_backtrace(uint64_t fp)
{
	struct stacks s;
	uint64_t addrs[BACKTRACE_MAX];
	int n = 0;

	ostd_task_stack_bounds(&s.r[0].lo, &s.r[0].hi);
	ostd_cpu_trap_stack_bounds(&s.r[1].lo, &s.r[1].hi);
	ostd_printk("backtrace:\n");
	while (n < BACKTRACE_MAX) {
		int in = frame_range(fp, &s);
		const uint64_t *rec;
		uint64_t ra, next;

		if (in < 0)
			break;
		/* SAFETY: [fp-16, fp) is inside a live stack, checked above. */
		rec = (const uint64_t *)fp;
		/* SAFETY: as above: ra at fp-8, the caller's fp at fp-16. */
		ra = rec[-1];
		if (ra == 0)
			break;
		ostd_printk("  #%d 0x%016lx\n", n, ra);
		addrs[n++] = ra;
		/* SAFETY: as above. */
		next = rec[-2];
		/* Within one stack, frames only go up: no cycles. */
		if (next <= fp && frame_range(next, &s) == in)
			break;
		fp = next;
	}
	if (n == 0)
		return;
	ostd_printk("  llvm-addr2line-22 -e build/racho.elf");
	for (int i = 0; i < n; i++)
		ostd_printk(" 0x%lx", addrs[i]);
	ostd_printk("\n");
}
