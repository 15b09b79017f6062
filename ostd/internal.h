/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/internal.h - shared between ostd's own files, never seen by kernel/.
 *
 * Memory layout (SV39, 39-bit virtual addresses):
 *   0x0000000000000000 .. 0x0000003fffffffff  user space (per vmspace)
 *   0xffffffc000000000 .. +RAM end            direct map of physical memory
 *                                             (PA + OSTD_PHYS_OFFSET); RAM is
 *                                             RW, the kernel image inside it has
 *                                             per-section permissions, MMIO
 *                                             devices are mapped RW there too.
 *   0xffffffd000000000 .. +1 GiB              kernel stacks, each with an
 *                                             unmapped guard page below it.
 * The kernel image is linked at 0xffffffc080200000 = direct map of its load
 * address 0x80200000. Kernel mappings are global and live in root entries
 * 256..511, which every vmspace copies from the kernel root at creation;
 * ostd pre-allocates every kernel L1 table at boot so those root entries
 * never change afterwards.
 */
#ifndef OSTD_INTERNAL_H
#define OSTD_INTERNAL_H

#include <ostd/types.h>
#include <ostd/user.h>
#include <ostd/task.h>
#include <ostd/vm.h>

#define OSTD_PHYS_OFFSET 0xffffffc000000000UL
#define OSTD_KSTACK_BASE 0xffffffd000000000UL
#define OSTD_KSTACK_SIZE (16UL * 1024)
#define OSTD_MAX_HARTS 8

typedef uint64_t paddr_t;

static inline void *ostd_phys_to_virt(paddr_t pa)
{
	/* SAFETY: every RAM and MMIO physical address is in the direct map. */
	return (void *)(pa + OSTD_PHYS_OFFSET);
}

static inline paddr_t ostd_virt_to_phys(const void *va)
{
	/* SAFETY: only called on direct-map (incl. kernel image) addresses. */
	return (paddr_t)va - OSTD_PHYS_OFFSET;
}

/* ---- platform facts from the device tree (dtb.c fills, all read) ---- */
#define OSTD_MAX_RESERVED 8
struct ostd_mmio_region {
	paddr_t base;
	uint64_t size;
};

/*
 * The compatible strings whose nodes dtb.c enumerates for ostd_mmio_claim:
 * bit i of ostd_dt_device.compat_mask means ostd_dt_compat_names[i].
 * QEMU virt has one ns16550a, eight virtio,mmio slots, a goldfish RTC and
 * the PLIC, so OSTD_MAX_DEVICES leaves room for a bigger board.
 */
enum ostd_dt_compat {
	OSTD_COMPAT_NS16550A,
	OSTD_COMPAT_NS16550,
	OSTD_COMPAT_VIRTIO_MMIO,
	OSTD_COMPAT_GOLDFISH_RTC,
	OSTD_COMPAT_RISCV_PLIC0,
	OSTD_COMPAT_SIFIVE_PLIC,
	OSTD_COMPAT_COUNT,
};
extern const char *const ostd_dt_compat_names[OSTD_COMPAT_COUNT];
#define OSTD_MAX_DEVICES 24
/* Larger register windows are not listed (nor mapped). */
#define OSTD_MMIO_MAX_SIZE (64UL << 20)
struct ostd_dt_device {
	struct ostd_mmio_region reg; /* first reg entry */
	uint32_t compat_mask;        /* which ostd_dt_compat_names it matches */
	uint32_t irq;                /* first "interrupts" cell; 0: none */
	uint32_t reg_shift;          /* "reg-shift"; 0 if absent */
};
struct ostd_platform {
	paddr_t mem_base;
	uint64_t mem_size;
	paddr_t dtb_pa;
	uint64_t dtb_size;
	paddr_t initrd_start, initrd_end; /* 0,0 if none */
	const char *bootargs;              /* direct-map pointer into the DTB, or "" */
	const uint8_t *rng_seed;
	uint32_t rng_seed_len;
	uint32_t hart_count;
	uint64_t timebase_freq;            /* /cpus/timebase-frequency */
	struct ostd_mmio_region uart;      /* ns16550a; size 0 if none */
	uint32_t uart_irq;
	uint32_t uart_reg_shift;
	struct ostd_mmio_region plic;      /* riscv,plic0 / sifive,plic-1.0.0 */
	uint32_t plic_ndev;
	struct ostd_mmio_region rtc;       /* google,goldfish-rtc; size 0 if none */
	struct ostd_mmio_region test_dev;  /* sifive,test1/test0 finisher; size 0 if none */
	/* /memreserve/ entries and /reserved-memory children: never allocated */
	struct ostd_mmio_region reserved[OSTD_MAX_RESERVED];
	uint32_t reserved_count;
	/* enabled nodes with a known compatible, in DT order (mmio.c) */
	struct ostd_dt_device devices[OSTD_MAX_DEVICES];
	uint32_t device_count;
	/*
	 * Per hart: 1 + the PLIC context whose interrupts reach that hart in
	 * S-mode, from the PLIC's interrupts-extended; 0 if the tree does not
	 * say (plic.c then assumes QEMU virt's layout).
	 */
	uint32_t plic_s_context[OSTD_MAX_HARTS];
};
extern struct ostd_platform ostd_platform;

/* Parses the flattened device tree at @dtb (direct-map pointer). */
int ostd_dtb_parse(const void *dtb, struct ostd_platform *out);
/*
 * Same, but never reads beyond @dtb + @avail: errors (-OSTD_EINVAL) on a
 * bad magic/version, a totalsize over @avail, or any offset out of range;
 * -OSTD_ENOENT if there is no /memory. Fills every field but dtb_pa.
 */
int ostd_dtb_parse_sized(const void *dtb, size_t avail,
			 struct ostd_platform *out);

/* ---- per-hart data, reached through tp in S-mode ---- */
struct ostd_percpu {
	/*
	 * offsets 0..55 are used by trap.S and probe.S: keep them in this
	 * order (arch/riscv/cpu_arch.h names them, cpu.c asserts them)
	 */
	struct ostd_percpu *self;         /* 0 */
	uint64_t scratch;                 /* 8: trap entry spill slot */
	struct ostd_user_ctx *user_ctx;   /* 16: context being run */
	uint64_t kernel_sp;               /* 24: sp to resume in user_execute */
	uint64_t probe_recover;           /* 32: pc to resume at on a kernel fault (0: none) */
	uint64_t trap_stack_top;          /* 40: stack for S-mode exceptions */
	/*
	 * 48: nonzero when sstatus may not be what a user entry needs
	 * (SPP = U, SPIE = 1, SIE = 0): set at boot, by every S-mode trap and
	 * when ostd_irq_restore() turns interrupts on; ostd_user_enter() then
	 * checks and fixes sstatus and clears it. Otherwise the entry needs
	 * no sstatus access at all (each CSR access costs a translation-block
	 * exit under QEMU).
	 */
	uint64_t sstatus_unsure;
	unsigned hart_id;
	struct ostd_task *current;
	struct ostd_task *idle;
	struct ostd_vmspace *active_vs;
	bool tick_pending;
	int irq_depth;                    /* >0 while running a tick handler */
	/* cpu half (cpu.c, task.c, trap.c) */
	int locks_held;                   /* spinlocks held by this hart */
	bool trap_panicking;              /* a kernel exception is being reported */
	struct ostd_task *to_reap;        /* dead task to free after a switch */
	struct ostd_user_ctx *fp_owner;   /* whose state the FP regs hold (trap.c) */
};
struct ostd_percpu *ostd_this_cpu(void);

/* trap.c: saves the live user FP registers into their owner (if dirty)
 * and forgets the owner. Precondition: interrupts off. */
void ostd_fp_flush(struct ostd_percpu *pc);

/* ---- SBI (arch/riscv/sbi.c) ---- */
void ostd_sbi_putchar(int c);
int ostd_sbi_getchar(void);
void ostd_sbi_set_timer(uint64_t stime);
_Noreturn void ostd_sbi_shutdown(bool failure, bool reboot);

/* ---- boot sequence: boot.c calls these in this order ---- */
void ostd_console_init(void);          /* console.c, after DT parse */
void ostd_frame_init(void);            /* frame.c: all free RAM */
void ostd_kspace_init(void);           /* pagetable.c: final kernel page table */
void ostd_heap_init(void);             /* heap.c */
void ostd_cpu_init(unsigned hart_id);  /* cpu.c: percpu, tp, stvec, sscratch */
void ostd_time_init(void);             /* time.c: timer + RTC */
void ostd_irq_init(void);              /* plic.c: PLIC context, SEIE */
void ostd_task_init_boot(void);        /* task.c: boot stack becomes a task */

/* ---- kernel stacks (pagetable.c): a mapped stack with a guard below ---- */
/* Returns the stack top (16-byte aligned), or 0 when out of memory. */
uint64_t ostd_kstack_alloc(void);
void ostd_kstack_free(uint64_t top);

/* ---- contiguous physical pages for the heap (frame.c) ---- */
/* 2^order contiguous zeroed pages as a direct-map pointer, or NULL. */
void *ostd_pages_alloc(unsigned order);
void ostd_pages_free(void *p, unsigned order);

/* ---- traps (trap.c) ---- */
/* Installs the trap vector on this hart; a no-op before ostd_cpu_init(). */
void ostd_trap_init(void);
/* Prints registers/backtrace starting at frame pointer @fp. */
void ostd_backtrace(uint64_t fp);

/* ---- cpu half: shared between cpu.c, task.c, time.c, trap.c ---- */
/* Timer interrupt: re-arms the timer and runs the kernel's tick handler. */
void ostd_time_tick(void);
/* [lo, hi) of the running task's kernel stack (the boot stack before tasks). */
void ostd_task_stack_bounds(uint64_t *lo, uint64_t *hi);
/* [lo, hi) of this hart's exception stack. */
void ostd_cpu_trap_stack_bounds(uint64_t *lo, uint64_t *hi);
/* The boot stack (linker.ld): OSTD_KSTACK_SIZE below this, guard page below that. */
extern char _boot_stack_top[];

/* ---- devices (mmio.c, plic.c) ---- */
/* External interrupt (trap.c): claims, runs handlers, completes. */
void ostd_irq_handle(void);
/*
 * ostd's own handle on the device at ostd_platform.devices[@i], marking it
 * claimed so the kernel cannot get it (the PLIC). NULL if taken.
 */
struct ostd_mmio *ostd_mmio_claim_index(uint32_t i);
/* True if the kernel claimed a device whose first interrupt is @irq. */
bool ostd_mmio_irq_owned(uint32_t irq);
/* True if a device claim covers physical address @pa (console.c). */
bool ostd_mmio_pa_claimed(paddr_t pa);

/* ---- the log sink used by log.c ---- */
void ostd_console_putc_raw(char c);

#endif
