/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/irq.h - device interrupts through the platform interrupt controller
 * (the RISC-V PLIC found in the device tree).
 *
 * The kernel registers one handler per interrupt number, with a pointer to
 * its own object of the kernel-defined type struct kernel_irq_data (ostd
 * never looks inside it, like struct kernel_task in task.h). Only the
 * interrupt of a device the kernel has claimed (ostd/mmio.h) can be
 * registered. All device interrupts are routed to the boot hart.
 *
 * When the device raises its line, ostd claims it from the PLIC, runs the
 * handler and completes it, either on the way back from user mode (the
 * kernel sees OSTD_EXIT_INTERRUPT) or in the idle loop. Since the kernel
 * runs with interrupts off outside those two places, a handler never
 * interrupts kernel code.
 *
 * Handler context: interrupts off, no lock held by the interrupted code.
 * It must not block or yield (ostd panics); it may take spinlocks and call
 * ostd_sched_wake(). The interrupt stays masked at the PLIC until the
 * handler returns, so it is not re-entered.
 */
#ifndef OSTD_IRQ_H
#define OSTD_IRQ_H

#include <ostd/types.h>

struct kernel_irq_data; /* defined by the kernel, opaque here */

typedef void (*ostd_irq_handler)(struct kernel_irq_data *data);

/*
 * Installs @handler(@data) for interrupt @irq and unmasks it.
 * -OSTD_EINVAL: @handler is NULL, or @irq is 0 or above the PLIC's
 * riscv,ndev. -OSTD_ENOENT: no PLIC, or @irq is not the interrupt of a
 * device the kernel claimed. -OSTD_EBUSY: @irq already has a handler.
 */
int ostd_irq_register(uint32_t irq, ostd_irq_handler handler,
		      struct kernel_irq_data *data);

#endif
