/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/drivers/uart16550.h - interrupt-driven receive for an ns16550a
 * UART (the console on QEMU virt).
 *
 * The driver owns the UART's input side: it enables the receive interrupt
 * and, in the interrupt handler, drains the receive FIFO and hands the
 * bytes to its owner's hook in batches. Output is not the driver's: the
 * boot console in ostd prints through the same UART, so everything that
 * goes to the screen uses ostd_console_write_raw() and one lock orders it
 * all (the sharing rule is in <ostd/mmio.h>).
 */
#ifndef KERNEL_DRIVERS_UART16550_H
#define KERNEL_DRIVERS_UART16550_H

#include <ostd/types.h>

struct tty;       /* the owner, defined by the TTY layer */
struct uart16550;

/* Bytes handed over per call of the receive hook (the FIFO is 16 deep). */
#define UART_RX_BATCH 32

struct uart_rx_batch {
	uint8_t data[UART_RX_BATCH];
	size_t len;
};

/*
 * The receive hook: runs in interrupt context (interrupts off, must not
 * block) with each batch of received bytes, in order.
 */
typedef void (*uart_rx_fn)(struct tty *owner, const struct uart_rx_batch *b);

/*
 * Claims the @index-th ns16550a UART, registers its interrupt and enables
 * the receive interrupt; from then on received bytes go to @rx(@owner).
 * Returns NULL (logged) if there is no such UART, it is taken, it has no
 * interrupt, or memory runs out. Call once per UART, at boot.
 */
struct uart16550 *uart16550_probe(unsigned index, uart_rx_fn rx,
				  struct tty *owner);

/* Bytes received and interrupts handled so far (for tests and logs). */
uint64_t uart16550_rx_count(const struct uart16550 *u);
uint64_t uart16550_irq_count(const struct uart16550 *u);

#endif
