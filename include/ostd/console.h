/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/console.h - the boot console: the device tree's ns16550 UART
 * (/chosen/stdout-path), or the legacy SBI console if there is none.
 * Output is synchronous, polled and safe from any context (printk and
 * panics need it before and beyond the kernel). Interrupt-driven input is
 * the kernel's: its UART driver claims the same UART through
 * ostd/mmio.h, and from then on ostd_console_getc() returns -1.
 */
#ifndef OSTD_CONSOLE_H
#define OSTD_CONSOLE_H

#include <ostd/types.h>

/* Writes @len bytes, turning each "\n" into "\r\n". */
void ostd_console_write(const char *buf, size_t len);
/* Writes @len bytes exactly as given (for a TTY doing its own OPOST). */
void ostd_console_write_raw(const char *buf, size_t len);
/*
 * One received byte, or -1 if none is waiting (never blocks), or if the
 * kernel has claimed the console UART.
 */
int ostd_console_getc(void);

#endif
