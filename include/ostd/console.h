/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/console.h - the boot console: the device tree's ns16550 UART
 * (/chosen/stdout-path), or the legacy SBI console if there is none.
 * Output is synchronous and safe from any context.
 */
#ifndef OSTD_CONSOLE_H
#define OSTD_CONSOLE_H

#include <ostd/types.h>

void ostd_console_write(const char *buf, size_t len);
/* One received byte, or -1 if none is waiting (never blocks). */
int ostd_console_getc(void);

#endif
