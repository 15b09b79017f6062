// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/console.c - the boot console (include/ostd/console.h).
 *
 * A polled ns16550 UART found in the device tree, or the legacy SBI
 * console when there is none. Output is synchronous. The console lock
 * keeps whole writes and log lines from interleaving across harts; it is
 * skipped before per-cpu data exists and while panicking, so a panic can
 * always get its message out.
 *
 * Input is interrupt-driven and belongs to the kernel's UART driver, which
 * claims this same UART with ostd_mmio_claim() (see ostd/mmio.h). The
 * sharing rule: ostd only ever writes THR and polls LSR for output; the
 * driver owns RBR, IER and IIR, and sends its own output (echo, write(2))
 * through ostd_console_write_raw(), so every byte goes out under the
 * console lock. Once the UART is claimed, ostd_console_getc() stops
 * reading it so it cannot steal the driver's bytes.
 */
#include <ostd/console.h>

#include "mm_internal.h"

#define UART_RBR 0 /* receive buffer (read) */
#define UART_THR 0 /* transmit holding (write) */
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS_OUT2 0x0b

static struct {
	volatile uint8_t *base; /* direct-map address; NULL: use SBI */
	unsigned shift;
} uart;

/* protects: the UART transmitter, so lines do not interleave */
static struct ostd_spinlock console_lock = OSTD_SPINLOCK_INIT("console");

volatile bool ostd_panicking;

static volatile uint8_t *reg(unsigned r)
{
	/* SAFETY: r <= 7 and shift <= 2: inside the UART's register window. */
	return uart.base + ((uintptr_t)r << uart.shift);
}

void ostd_console_init(void)
{
	const struct ostd_platform *p = &ostd_platform;

	if (p->uart.size == 0 || p->uart_reg_shift > 2)
		return;
	/* SAFETY: the device tree's UART is mapped RW in the direct map. */
	uart.base = ostd_phys_to_virt(p->uart.base);
	uart.shift = p->uart_reg_shift;
	/* The firmware set the baud rate; keep it, and only fix the framing. */
	*reg(UART_IER) = 0;
	*reg(UART_LCR) = LCR_8N1;
	*reg(UART_FCR) = FCR_ENABLE_CLEAR;
	*reg(UART_MCR) = MCR_DTR_RTS_OUT2;
	/* IER stays 0: the kernel's driver enables RX interrupts when ready. */
}

static void put_byte(char c)
{
	if (uart.base == NULL) {
		ostd_sbi_putchar((unsigned char)c);
		return;
	}
	while (!(*reg(UART_LSR) & LSR_THR_EMPTY))
		;
	*reg(UART_THR) = (uint8_t)c;
}

void ostd_console_putc_raw(char c)
{
	if (c == '\n')
		put_byte('\r');
	put_byte(c);
}

struct ostd_irq_guard ostd_console_lock(void)
{
	struct ostd_irq_guard g = { 0 };

	if (!ostd_panicking && ostd_boot_cpu_ready)
		g = ostd_spin_lock(&console_lock);
	return g;
}

void ostd_console_unlock(struct ostd_irq_guard *g)
{
	if (!ostd_panicking && ostd_boot_cpu_ready)
		ostd_spin_unlock(&console_lock, g);
}

void ostd_console_write_raw(const char *buf, size_t len)
{
	struct ostd_irq_guard g = ostd_console_lock();

	for (size_t i = 0; i < len; i++)
		/* SAFETY: the caller's buffer holds @len bytes. */
		put_byte(buf[i]);
	ostd_console_unlock(&g);
}

void ostd_console_write(const char *buf, size_t len)
{
	struct ostd_irq_guard g = ostd_console_lock();

	for (size_t i = 0; i < len; i++)
		/* SAFETY: the caller's buffer holds @len bytes. */
		ostd_console_putc_raw(buf[i]);
	ostd_console_unlock(&g);
}

int ostd_console_getc(void)
{
	if (uart.base == NULL)
		return ostd_sbi_getchar();
	if (ostd_mmio_pa_claimed(ostd_platform.uart.base))
		return -1; /* the kernel's driver reads it now */
	if (!(*reg(UART_LSR) & LSR_DATA_READY))
		return -1;
	return *reg(UART_RBR);
}
