/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/mmio.h - device registers as bounds-checked, owned handles.
 *
 * A struct ostd_mmio names one device's register window from the device
 * tree. The kernel gets it by compatible string and index and never sees
 * an address: every access names an offset, which ostd checks against the
 * window's size and the access width's alignment. A bad offset is a kernel
 * bug; it is logged and the access does nothing (reads return 0), so it
 * can never reach memory outside the device.
 *
 * Ownership: a device is claimed at most once and never released (drivers
 * live as long as the machine). The PLIC is ostd's and cannot be claimed.
 * The boot console's UART is shared on purpose: ostd keeps printing
 * through it (polled THR/LSR, under the console lock) and stops reading it
 * once claimed; the claimer owns input (RBR, IER, IIR) and should send its
 * output through ostd_console_write*() so both streams stay in order.
 *
 * Accesses are device-ordered like Linux's readl/writel: a write is not
 * reordered before earlier memory writes, a read completes before later
 * memory reads. Safe from any context, including interrupt handlers;
 * serialising accesses to one device is the driver's business.
 */
#ifndef OSTD_MMIO_H
#define OSTD_MMIO_H

#include <ostd/types.h>

struct ostd_mmio;

/*
 * Claims the @index-th enabled device-tree node (in tree order, which is
 * the order Linux probes in) whose compatible list contains @compatible.
 * Known compatibles: "ns16550a", "ns16550", "virtio,mmio" (QEMU virt puts
 * the first -device of the command line in index 0),
 * "google,goldfish-rtc". Stores the device's first interrupt number (0:
 * none) in *@irq if @irq is not NULL. Returns NULL if there is no such
 * device or it is already claimed.
 */
struct ostd_mmio *ostd_mmio_claim(const char *compatible, unsigned index,
				  uint32_t *irq);

/* Size in bytes of the register window. */
size_t ostd_mmio_size(const struct ostd_mmio *m);
/* The node's "reg-shift" (register stride is 1 << shift bytes), or 0. */
unsigned ostd_mmio_reg_shift(const struct ostd_mmio *m);

/* Register accesses at byte offset @off: see the checks above. */
uint8_t ostd_mmio_read8(struct ostd_mmio *m, size_t off);
void ostd_mmio_write8(struct ostd_mmio *m, size_t off, uint8_t v);
uint16_t ostd_mmio_read16(struct ostd_mmio *m, size_t off);
void ostd_mmio_write16(struct ostd_mmio *m, size_t off, uint16_t v);
uint32_t ostd_mmio_read32(struct ostd_mmio *m, size_t off);
void ostd_mmio_write32(struct ostd_mmio *m, size_t off, uint32_t v);

#endif
