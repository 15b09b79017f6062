// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/drivers/uart16550.c - interrupt-driven receive for an ns16550a
 * UART (see uart16550.h).
 *
 * ostd_mmio_claim() gives a handle on the UART's registers (ostd checks
 * every offset), ostd_irq_register() routes its PLIC line here. With only
 * the "received data available" interrupt enabled (IER bit 0), the line
 * is raised while the FIFO holds data (or holds a byte for too long), and
 * it drops once the FIFO is empty; so the handler reads RBR while LSR says
 * data is ready, and that is also the acknowledgement.
 *
 * Only RBR, LSR and IER are touched: LCR, FCR and MCR were set up by
 * ostd's boot console, which keeps using THR for its output.
 */
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/mmio.h>

#include "drivers/uart16550.h"
#include "irq.h"

/* Register numbers; the byte offset is the number << reg-shift. */
#define UART_RBR 0 /* receive buffer (read) */
#define UART_IER 1 /* interrupt enable */
#define UART_LSR 5 /* line status */
#define IER_RX_AVAILABLE 0x01
#define LSR_DATA_READY 0x01
/* Bytes drained per interrupt at most, so a flood cannot hold the hart. */
#define UART_RX_MAX_PER_IRQ 256

struct uart16550 {
	struct ostd_mmio *regs;
	unsigned shift;          /* reg-shift from the device tree */
	uint32_t irq;
	uart_rx_fn rx;
	struct tty *owner;
	struct kernel_irq_data irq_data; /* .uart points back here */
	/* Statistics; written only by the interrupt handler. */
	uint64_t rx_bytes;
	uint64_t irqs;
};

static size_t reg(const struct uart16550 *u, size_t r)
{
	return r << u->shift;
}

static bool rx_ready(struct uart16550 *u)
{
	return (ostd_mmio_read8(u->regs, reg(u, UART_LSR)) & LSR_DATA_READY) != 0;
}

/* Interrupt handler (see <ostd/irq.h> for the context). */
static void uart16550_irq(struct kernel_irq_data *data)
{
	struct uart16550 *u = data->uart;
	struct uart_rx_batch b;
	size_t total = 0;

	b.len = 0;
	u->irqs++;
	while (total < UART_RX_MAX_PER_IRQ && rx_ready(u)) {
		b.data[b.len] = ostd_mmio_read8(u->regs, reg(u, UART_RBR));
		b.len++;
		total++;
		if (b.len == UART_RX_BATCH) {
			u->rx(u->owner, &b);
			b.len = 0;
		}
	}
	if (b.len > 0)
		u->rx(u->owner, &b);
	u->rx_bytes += total;
}

/* Registers the handler, then lets the UART raise its line. */
static bool uart16550_start(struct uart16550 *u)
{
	int err = ostd_irq_register(u->irq, uart16550_irq, &u->irq_data);

	if (err < 0) {
		ostd_log(OSTD_LOG_ERROR, "uart16550: irq %u not registered (%d)",
			 u->irq, err);
		return false;
	}
	/* Bytes typed before this are still in the FIFO: they interrupt now. */
	ostd_mmio_write8(u->regs, reg(u, UART_IER), IER_RX_AVAILABLE);
	return true;
}

struct uart16550 *uart16550_probe(unsigned index, uart_rx_fn rx,
				  struct tty *owner)
{
	uint32_t irq = 0;
	struct ostd_mmio *regs = ostd_mmio_claim("ns16550a", index, &irq);
	struct uart16550 *u;

	if (regs == NULL) {
		ostd_log(OSTD_LOG_WARN, "uart16550: no free ns16550a #%u", index);
		return NULL;
	}
	if (irq == 0 || rx == NULL) {
		ostd_log(OSTD_LOG_ERROR, "uart16550 #%u: no interrupt", index);
		return NULL;
	}
	u = OSTD_NEW(struct uart16550);
	if (u == NULL)
		return NULL;
	u->regs = regs;
	u->shift = ostd_mmio_reg_shift(regs);
	u->irq = irq;
	u->rx = rx;
	u->owner = owner;
	u->irq_data.uart = u;
	if (!uart16550_start(u)) {
		ostd_heap_free(u);
		return NULL;
	}
	ostd_log(OSTD_LOG_DEBUG, "uart16550 #%u: irq %u, receive interrupt on",
		 index, irq);
	return u;
}

uint64_t uart16550_rx_count(const struct uart16550 *u)
{
	return u->rx_bytes;
}

uint64_t uart16550_irq_count(const struct uart16550 *u)
{
	return u->irqs;
}
