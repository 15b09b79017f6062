/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/user.h - running user code, in the style of Asterinas' UserMode.
 *
 * The kernel keeps a user context per thread and calls ostd_user_execute()
 * in a loop: ostd loads the registers, enters U-mode with the given address
 * space, and comes back when something happens, saying why. ostd knows no
 * syscall numbers and makes no policy decision; timer ticks and device
 * interrupts are acknowledged inside ostd and reported as OSTD_EXIT_INTERRUPT.
 *
 * Floating-point state lives in the context too. It is saved on the way out
 * only when user code dirtied it.
 */
#ifndef OSTD_USER_H
#define OSTD_USER_H

#include <ostd/types.h>
#include <ostd/vm.h>

/* Indexes into ostd_user_ctx.regs (the RISC-V integer registers). */
enum ostd_reg {
	OSTD_REG_RA = 1,
	OSTD_REG_SP = 2,
	OSTD_REG_GP = 3,
	OSTD_REG_TP = 4,
	OSTD_REG_A0 = 10,
	OSTD_REG_A1 = 11,
	OSTD_REG_A2 = 12,
	OSTD_REG_A3 = 13,
	OSTD_REG_A4 = 14,
	OSTD_REG_A5 = 15,
	OSTD_REG_A6 = 16,
	OSTD_REG_A7 = 17,
};

struct ostd_user_ctx {
	uint64_t regs[32]; /* x0..x31; regs[0] is ignored */
	uint64_t pc;       /* where user code resumes */
	uint64_t fregs[32];
	uint64_t fcsr;
};

enum ostd_exit_reason {
	OSTD_EXIT_SYSCALL,     /* ecall: pc still points at it */
	OSTD_EXIT_PAGE_FAULT,  /* see addr and access */
	OSTD_EXIT_ILLEGAL,     /* illegal or privileged instruction, CSR access */
	OSTD_EXIT_MISALIGNED,  /* misaligned access the hardware refused */
	OSTD_EXIT_BREAKPOINT,  /* ebreak */
	OSTD_EXIT_INTERRUPT,   /* timer or device interrupt, already handled */
};

struct ostd_exit_info {
	enum ostd_exit_reason reason;
	ostd_uaddr_t addr; /* faulting address (page fault, misaligned) */
	unsigned access;   /* OSTD_PROT_READ/WRITE/EXEC for page faults */
	uint64_t cause;    /* raw scause, for the log */
	bool tick;         /* a timer tick happened: time to reschedule */
};

/*
 * Runs @ctx in @vs until the next exit; fills and returns @info->reason.
 * Context: a task, interrupts off, no spinlock held. NULL arguments panic.
 */
enum ostd_exit_reason ostd_user_execute(struct ostd_user_ctx *ctx,
					struct ostd_vmspace *vs,
					struct ostd_exit_info *info);

/*
 * The FP registers are loaded and saved lazily: a hart that last ran @ctx
 * (with no task switch since) keeps its FP state in the registers, and an
 * exit does not copy them into @ctx. Before the kernel reads ctx->fregs or
 * ctx->fcsr (a signal frame, fork copying the context) it calls
 * ostd_user_fp_sync(@ctx); after a task switch they are up to date anyway.
 * After the kernel writes ctx->fregs or ctx->fcsr itself (sigreturn, exec,
 * a fresh context at a reused address) it calls ostd_user_fp_changed() so
 * that the next execute loads them instead of the stale registers.
 */
void ostd_user_fp_sync(struct ostd_user_ctx *ctx);
void ostd_user_fp_changed(const struct ostd_user_ctx *ctx);

#endif
