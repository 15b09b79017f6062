/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/irq.h - struct kernel_irq_data, the cookie ostd hands back to an
 * interrupt handler (see <ostd/irq.h>).
 *
 * ostd never looks inside it. The kernel has no void * and no unions, so
 * the cookie holds one typed pointer per kind of driver: a driver embeds a
 * struct kernel_irq_data in its device object, points its own field back
 * at the device, and its handler reads only that field.
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <ostd/irq.h>

struct uart16550;

struct kernel_irq_data {
	struct uart16550 *uart; /* drivers/uart16550.c */
};

#endif
