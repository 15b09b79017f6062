// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/plic.c - device interrupts through the RISC-V PLIC
 * (include/ostd/irq.h).
 *
 * The PLIC gates each source by a priority (0: never) and, per context, an
 * enable bit and a priority threshold; a context is one hart in one
 * privilege mode. ostd uses the boot hart's S-mode context: dtb.c finds it
 * in the PLIC's interrupts-extended (the pair that sends irq 9, S-mode
 * external, to that hart's cpu-intc); a tree without it gets QEMU virt's
 * fixed layout, where context 2h is hart h's M-mode and 2h+1 its S-mode.
 * At boot every source gets priority 0 and the threshold is 0, so a
 * source interrupts exactly when a handler is registered for it (which
 * sets priority 1 and the enable bit).
 *
 * Dispatch: read the claim register (which also masks the source until it
 * is completed), run the handler, write the id back to complete it, and
 * repeat until the claim reads 0. A source with no handler is masked by
 * priority 0 so it cannot storm.
 *
 * All register accesses go through ostd's own MMIO handle on the PLIC, so
 * this file has no unsafe code: offsets are checked like the kernel's.
 */
#include <ostd/cpu.h>
#include <ostd/irq.h>
#include <ostd/log.h>
#include <ostd/mmio.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

#define PLIC_PRIORITY(irq) (4UL * (irq))
#define PLIC_ENABLE(ctx, irq) (0x2000UL + 0x80UL * (ctx) + 4UL * ((irq) / 32))
#define PLIC_THRESHOLD(ctx) (0x200000UL + 0x1000UL * (ctx))
#define PLIC_CLAIM(ctx) (0x200004UL + 0x1000UL * (ctx))
/* Sources ostd keeps handlers for (the PLIC allows up to 1023). */
#define PLIC_MAX_IRQ 255
/* Claims per trap before returning, so a stuck source cannot hang a hart. */
#define PLIC_MAX_CLAIMS 32

struct irq_slot {
	ostd_irq_handler fn;
	struct kernel_irq_data *data;
};

static struct {
	/* protects: slots[] and the priority/enable registers */
	struct ostd_spinlock lock;
	struct ostd_mmio *regs; /* NULL: no PLIC, so no device interrupts */
	uint32_t ndev;          /* highest source number handled */
	uint32_t context;       /* the boot hart's S-mode context */
	struct irq_slot slots[PLIC_MAX_IRQ + 1];
} plic = { .lock = OSTD_SPINLOCK_INIT("plic") };

/* Caller holds plic.lock (or is the boot hart in ostd_irq_init). */
static void source_enable(uint32_t irq, bool on)
{
	size_t off = PLIC_ENABLE(plic.context, irq);
	uint32_t word = ostd_mmio_read32(plic.regs, off);
	uint32_t bit = 1U << (irq % 32);

	ostd_mmio_write32(plic.regs, off, on ? word | bit : word & ~bit);
	ostd_mmio_write32(plic.regs, PLIC_PRIORITY(irq), on ? 1 : 0);
}

static struct ostd_mmio *claim_plic(void)
{
	const struct ostd_platform *p = &ostd_platform;
	const uint32_t plic_mask = (1U << OSTD_COMPAT_RISCV_PLIC0) |
				   (1U << OSTD_COMPAT_SIFIVE_PLIC);

	for (uint32_t i = 0; i < p->device_count; i++)
		if (p->devices[i].compat_mask & plic_mask)
			return ostd_mmio_claim_index(i);
	return NULL;
}

/* Precondition: boot hart, after ostd_cpu_init; interrupts off. */
void ostd_irq_init(void)
{
	unsigned hart = ostd_cpu_id();
	uint32_t known = ostd_platform.plic_s_context[hart];
	struct ostd_mmio *regs = claim_plic();

	if (regs == NULL) {
		ostd_log(OSTD_LOG_WARN, "no PLIC: device interrupts are off");
		return;
	}
	plic.context = known ? known - 1 : 2 * hart + 1;
	plic.ndev = ostd_platform.plic_ndev;
	if (plic.ndev > PLIC_MAX_IRQ)
		plic.ndev = PLIC_MAX_IRQ;
	if (PLIC_CLAIM(plic.context) + 4 > ostd_mmio_size(regs)) {
		ostd_log(OSTD_LOG_WARN, "PLIC context %u outside its registers",
			 plic.context);
		return;
	}
	plic.regs = regs;
	for (uint32_t irq = 1; irq <= plic.ndev; irq++)
		source_enable(irq, false);
	ostd_mmio_write32(regs, PLIC_THRESHOLD(plic.context), 0);
	ostd_arch_ext_irq_enable();
	ostd_log(OSTD_LOG_INFO, "PLIC: %u sources, hart %u S-mode context %u%s",
		 plic.ndev, hart, plic.context,
		 known ? "" : " (QEMU virt layout assumed)");
}

int ostd_irq_register(uint32_t irq, ostd_irq_handler handler,
		      struct kernel_irq_data *data)
{
	struct ostd_irq_guard g;
	int err = 0;

	if (plic.regs == NULL)
		return -OSTD_ENOENT;
	if (handler == NULL || irq == 0 || irq > plic.ndev)
		return -OSTD_EINVAL;
	if (!ostd_mmio_irq_owned(irq))
		return -OSTD_ENOENT;
	g = ostd_spin_lock(&plic.lock);
	if (plic.slots[irq].fn != NULL) {
		err = -OSTD_EBUSY;
	} else {
		plic.slots[irq].fn = handler;
		plic.slots[irq].data = data;
		source_enable(irq, true);
	}
	ostd_spin_unlock(&plic.lock, &g);
	return err;
}

/* Runs @irq's handler, or masks a source nobody handles. */
static void run_handler(uint32_t irq)
{
	struct ostd_percpu *pc = ostd_this_cpu();
	struct ostd_irq_guard g = ostd_spin_lock(&plic.lock);
	struct irq_slot s = { NULL, NULL };

	if (irq <= plic.ndev)
		s = plic.slots[irq];
	if (s.fn == NULL && irq <= plic.ndev)
		ostd_mmio_write32(plic.regs, PLIC_PRIORITY(irq), 0);
	ostd_spin_unlock(&plic.lock, &g);
	if (s.fn == NULL) {
		ostd_log(OSTD_LOG_WARN, "interrupt %u has no handler: masked", irq);
		return;
	}
	pc->irq_depth++;
	s.fn(s.data);
	pc->irq_depth--;
}

/* S-mode external interrupt (trap.c), interrupts off. */
void ostd_irq_handle(void)
{
	if (plic.regs == NULL)
		return;
	for (int n = 0; n < PLIC_MAX_CLAIMS; n++) {
		uint32_t irq = ostd_mmio_read32(plic.regs, PLIC_CLAIM(plic.context));

		if (irq == 0)
			return;
		run_handler(irq);
		ostd_mmio_write32(plic.regs, PLIC_CLAIM(plic.context), irq);
	}
}
