/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/arch/riscv/cpu_arch.h - RISC-V facts for the cpu half of ostd:
 * sstatus/sie/sip bits, scause codes, the structure offsets that trap.S,
 * switch.S and probe.S rely on, and the entry points those files export.
 *
 * Included by both C and assembly; the C-only part is at the bottom.
 * cpu.c and trap.c check every offset here with _Static_assert.
 */
#ifndef OSTD_ARCH_RISCV_CPU_ARCH_H
#define OSTD_ARCH_RISCV_CPU_ARCH_H

/* sstatus */
#define OSTD_SSTATUS_SIE_BIT (1 << 1)
#define OSTD_SSTATUS_SPIE (1 << 5)
#define OSTD_SSTATUS_SPP (1 << 8)
#define OSTD_SSTATUS_FS_MASK (3 << 13)
#define OSTD_SSTATUS_FS_INITIAL (1 << 13)
#define OSTD_SSTATUS_FS_CLEAN (2 << 13)
#define OSTD_SSTATUS_FS_DIRTY (3 << 13)
#define OSTD_SSTATUS_SUM (1 << 18)

/* sie / sip */
#define OSTD_SIE_SSIE (1 << 1)
#define OSTD_SIE_STIE (1 << 5)
#define OSTD_SIE_SEIE (1 << 9)
#define OSTD_SIP_SSIP (1 << 1)

/* scause: interrupt flag and codes */
#define OSTD_SCAUSE_IRQ_SHIFT 63
#define OSTD_IRQ_S_SOFT 1
#define OSTD_IRQ_S_TIMER 5
#define OSTD_IRQ_S_EXT 9

#define OSTD_EXC_INST_MISALIGNED 0
#define OSTD_EXC_INST_ACCESS 1
#define OSTD_EXC_ILLEGAL 2
#define OSTD_EXC_BREAKPOINT 3
#define OSTD_EXC_LOAD_MISALIGNED 4
#define OSTD_EXC_LOAD_ACCESS 5
#define OSTD_EXC_STORE_MISALIGNED 6
#define OSTD_EXC_STORE_ACCESS 7
#define OSTD_EXC_ECALL_U 8
#define OSTD_EXC_ECALL_S 9
#define OSTD_EXC_INST_PAGE 12
#define OSTD_EXC_LOAD_PAGE 13
#define OSTD_EXC_STORE_PAGE 15

/* struct ostd_percpu (ostd/internal.h) */
#define OSTD_PC_SCRATCH 8
#define OSTD_PC_USER_CTX 16
#define OSTD_PC_KERNEL_SP 24
#define OSTD_PC_PROBE_RECOVER 32
#define OSTD_PC_TRAP_STACK 40
#define OSTD_PC_SSTATUS_UNSURE 48

/* struct ostd_user_ctx (include/ostd/user.h) */
#define OSTD_UCTX_PC 256
#define OSTD_UCTX_FREGS 264
#define OSTD_UCTX_FCSR 520

/* struct ostd_kframe (below): x0..x31, then the trap CSRs */
#define OSTD_KF_SEPC 256
#define OSTD_KF_SSTATUS 264
#define OSTD_KF_SCAUSE 272
#define OSTD_KF_STVAL 280
#define OSTD_KF_SIZE 288

/* The callee-saved frame ostd_user_enter() leaves on the kernel stack. */
#define OSTD_UENTER_FRAME 112

/* Bytes of each hart's exception stack (cpu.c). */
#define OSTD_TRAP_STACK_SIZE 8192

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stdint.h>

struct ostd_user_ctx;
struct ostd_task_ctx;

/* What trap.S saves on a trap from S-mode. */
struct ostd_kframe {
	uint64_t regs[32]; /* regs[0] unused; regs[2] is the interrupted sp */
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t scause;
	uint64_t stval;
};

/* trap.S: the vector for both modes (stvec, direct mode). */
void ostd_trap_vector(void);
/* trap.c: called by trap.S for a trap taken in S-mode. */
void ostd_trap_kernel(struct ostd_kframe *f);
/*
 * trap.S: loads @ctx and srets to U-mode; "returns" when the user traps,
 * with ctx saved and scause/stval still describing the trap.
 * Preconditions: interrupts off, percpu->user_ctx == ctx.
 */
void ostd_user_enter(struct ostd_user_ctx *ctx);
/* Called by ostd_user_enter() if interrupts are on: a kernel bug. */
_Noreturn void ostd_user_enter_irq_on(void);
/* trap.S: f0-f31 and fcsr to/from @ctx. Precondition: sstatus.FS != Off. */
void ostd_fp_save(struct ostd_user_ctx *ctx);
void ostd_fp_restore(const struct ostd_user_ctx *ctx);

/* switch.S: saves ra, sp, s0-s11 into @from and resumes @to. */
void ostd_task_switch(struct ostd_task_ctx *from, struct ostd_task_ctx *to);
/* switch.S: first code of a new task (ra of its initial context). */
void ostd_task_entry_stub(void);

/* probe.S: a faulting access returns -OSTD_EFAULT, success 0. */
int ostd_probe_load(uint64_t addr);
int ostd_probe_store(uint64_t addr);
int ostd_probe_exec(uint64_t addr);
/* probe.S: a function in .text that only returns. */
void ostd_probe_text_ret(void);

static inline uint64_t ostd_arch_read_tp(void)
{
	uint64_t v;
	/* SAFETY: reads the thread pointer, no side effect. */
	__asm__ volatile("mv %0, tp" : "=r"(v));
	return v;
}

/* Precondition: @v points at this hart's percpu data. */
static inline void ostd_arch_write_tp(uint64_t v)
{
	/* SAFETY: tp is reserved for the percpu pointer in S-mode. */
	__asm__ volatile("mv tp, %0" ::"r"(v) : "memory");
}

/* Clears SIE and returns the old sstatus, atomically. */
static inline uint64_t ostd_arch_irq_save(void)
{
	uint64_t old;
	/* SAFETY: only masks interrupts; the caller restores them. */
	__asm__ volatile("csrrc %0, sstatus, %1"
			 : "=r"(old)
			 : "i"(OSTD_SSTATUS_SIE_BIT)
			 : "memory");
	return old;
}

static inline bool ostd_arch_irq_enabled(void)
{
	uint64_t v;
	/* SAFETY: reading sstatus has no side effect. */
	__asm__ volatile("csrr %0, sstatus" : "=r"(v));
	return (v & OSTD_SSTATUS_SIE_BIT) != 0;
}

/* Sets SIE again (the other half of ostd_arch_irq_save). */
static inline void ostd_arch_irq_enable(void)
{
	/* SAFETY: the caller had interrupts on before it saved them. */
	__asm__ volatile("csrs sstatus, %0" ::"i"(OSTD_SSTATUS_SIE_BIT)
			 : "memory");
}

/*
 * The idle wait: wfi with interrupts masked still wakes on a pending
 * interrupt (so one that arrived since the caller's last check is not
 * slept through), then a short open window lets its handler run.
 */
static inline void ostd_arch_idle_wait(void)
{
	/* SAFETY: only waits and briefly unmasks; the idle loop holds no lock. */
	__asm__ volatile("wfi\n\t"
			 "csrs sstatus, %0\n\t"
			 "csrc sstatus, %0" ::"r"(OSTD_SSTATUS_SIE_BIT)
			 : "memory");
}

/* Boot-time sstatus for this hart: user FP on (Initial), SUM off. */
static inline void ostd_arch_status_init(void)
{
	/* SAFETY: FS only gates FP instructions, SUM=0 forbids kernel U access. */
	__asm__ volatile("csrc sstatus, %0\n\t"
			 "csrs sstatus, %1" ::"r"(OSTD_SSTATUS_FS_MASK |
						  OSTD_SSTATUS_SUM),
			 "r"(OSTD_SSTATUS_FS_INITIAL)
			 : "memory");
}

/* Installs @vector (4-byte aligned: direct mode) with sscratch = 0 (S-mode). */
static inline void ostd_arch_trap_install(void (*vector)(void))
{
	/* SAFETY: trap.S's vector expects exactly sscratch = 0 in S-mode. */
	__asm__ volatile("csrw sscratch, zero\n\t"
			 "csrw stvec, %0" ::"r"(vector)
			 : "memory");
}

/* True if user code wrote an FP register or fcsr since the last clean. */
static inline bool ostd_arch_fp_dirty(void)
{
	uint64_t v;
	/* SAFETY: reading sstatus has no side effect. */
	__asm__ volatile("csrr %0, sstatus" : "=r"(v));
	return (v & OSTD_SSTATUS_FS_MASK) == OSTD_SSTATUS_FS_DIRTY;
}

/* FS = Clean: the FP registers match the saved copy. */
static inline void ostd_arch_fp_mark_clean(void)
{
	/* SAFETY: FS only tracks FP state; Clean keeps FP enabled. */
	__asm__ volatile("csrc sstatus, %0\n\t"
			 "csrs sstatus, %1" ::"r"(OSTD_SSTATUS_FS_MASK),
			 "r"(OSTD_SSTATUS_FS_CLEAN)
			 : "memory");
}

/* scause and stval of the last trap (valid until the next one). */
static inline uint64_t ostd_arch_trap_cause(void)
{
	uint64_t v;
	/* SAFETY: reading scause has no side effect. */
	__asm__ volatile("csrr %0, scause" : "=r"(v));
	return v;
}

static inline uint64_t ostd_arch_trap_value(void)
{
	uint64_t v;
	/* SAFETY: reading stval has no side effect. */
	__asm__ volatile("csrr %0, stval" : "=r"(v));
	return v;
}

static inline void ostd_arch_soft_irq_clear(void)
{
	/* SAFETY: acknowledges this hart's software interrupt only. */
	__asm__ volatile("csrc sip, %0" ::"i"(OSTD_SIP_SSIP) : "memory");
}

static inline void ostd_arch_timer_irq_enable(void)
{
	/* SAFETY: unmasks the S timer interrupt; SIE still gates it. */
	__asm__ volatile("csrs sie, %0" ::"r"(OSTD_SIE_STIE) : "memory");
}

static inline void ostd_arch_ext_irq_enable(void)
{
	/* SAFETY: unmasks S external interrupts (the PLIC); SIE still gates them. */
	__asm__ volatile("csrs sie, %0" ::"r"(OSTD_SIE_SEIE) : "memory");
}

/*
 * Device-ordering fences around MMIO, as Linux's riscv __io_bw/__io_ar:
 * memory writes before a device write are visible first; a device read
 * completes before later memory reads.
 */
static inline void ostd_arch_io_before_write(void)
{
	/* SAFETY: a fence only orders accesses. */
	__asm__ volatile("fence w, o" ::: "memory");
}

static inline void ostd_arch_io_after_read(void)
{
	/* SAFETY: a fence only orders accesses. */
	__asm__ volatile("fence i, r" ::: "memory");
}

static inline uint64_t ostd_arch_rdtime(void)
{
	uint64_t v;
	/* SAFETY: the time CSR is readable in S-mode (OpenSBI sets mcounteren). */
	__asm__ volatile("rdtime %0" : "=r"(v));
	return v;
}

static inline void ostd_arch_fence_i(void)
{
	/* SAFETY: only synchronises this hart's instruction fetch. */
	__asm__ volatile("fence.i" ::: "memory");
}

#endif /* __ASSEMBLER__ */

#endif
