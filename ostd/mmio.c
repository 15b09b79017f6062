// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/mmio.c - device register windows as owned, bounds-checked handles
 * (include/ostd/mmio.h).
 *
 * dtb.c lists the enabled nodes with a known compatible string in
 * ostd_platform.devices (windows outside RAM, at most OSTD_MMIO_MAX_SIZE);
 * pagetable.c maps each of them RW in the direct map. A handle is one
 * static slot per table entry, handed out once. Every access checks the
 * offset against the window and the access width, so the one unsafe line
 * (the volatile access) only ever touches the claimed device.
 */
#include <ostd/bytes.h>
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/mmio.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

#define MMIO_MAGIC 0x6d6d696fU /* "mmio": catches a handle that is not one */

struct ostd_mmio {
	uint32_t magic;   /* MMIO_MAGIC once claimed */
	bool by_ostd;     /* claimed by ostd itself (the PLIC) */
	paddr_t pa;
	volatile uint8_t *base;
	size_t size;
	uint32_t irq;
	unsigned shift;
};

static struct {
	/* protects: claiming (magic and every field of a slot being set up) */
	struct ostd_spinlock lock;
	struct ostd_mmio slots[OSTD_MAX_DEVICES];
} mmio = { .lock = OSTD_SPINLOCK_INIT("mmio") };

/* Claims slot @i for the kernel (@by_ostd false) or ostd; NULL if taken. */
static struct ostd_mmio *claim_slot(uint32_t i, bool by_ostd)
{
	const struct ostd_dt_device *d = &ostd_platform.devices[i];
	struct ostd_mmio *m = &mmio.slots[i];
	struct ostd_irq_guard g = ostd_spin_lock(&mmio.lock);

	if (m->magic == MMIO_MAGIC) {
		ostd_spin_unlock(&mmio.lock, &g);
		return NULL;
	}
	m->by_ostd = by_ostd;
	m->pa = d->reg.base;
	/* SAFETY: dtb.c kept only windows outside RAM; pagetable.c maps them. */
	m->base = ostd_phys_to_virt(d->reg.base);
	m->size = d->reg.size;
	m->irq = d->irq;
	m->shift = d->reg_shift;
	m->magic = MMIO_MAGIC;
	ostd_spin_unlock(&mmio.lock, &g);
	return m;
}

struct ostd_mmio *ostd_mmio_claim_index(uint32_t i)
{
	if (i >= ostd_platform.device_count)
		return NULL;
	return claim_slot(i, true);
}

/* The compatible-table bit for @compatible, or -1 if ostd does not list it. */
static int compat_bit(const char *compatible)
{
	for (int k = 0; k < OSTD_COMPAT_COUNT; k++)
		if (ostd_bytes_eq(ostd_bytes_cstr(compatible),
				  ostd_bytes_cstr(ostd_dt_compat_names[k])))
			return k;
	return -1;
}

struct ostd_mmio *ostd_mmio_claim(const char *compatible, unsigned index,
				  uint32_t *irq)
{
	int bit = compatible ? compat_bit(compatible) : -1;
	struct ostd_mmio *m;

	if (bit < 0 || bit == OSTD_COMPAT_RISCV_PLIC0 ||
	    bit == OSTD_COMPAT_SIFIVE_PLIC)
		return NULL;
	for (uint32_t i = 0; i < ostd_platform.device_count; i++) {
		if (!(ostd_platform.devices[i].compat_mask & (1U << bit)))
			continue;
		if (index-- > 0)
			continue;
		m = claim_slot(i, false);
		if (m != NULL && irq != NULL)
			*irq = m->irq;
		return m;
	}
	return NULL;
}

bool ostd_mmio_irq_owned(uint32_t irq)
{
	struct ostd_irq_guard g = ostd_spin_lock(&mmio.lock);
	bool owned = false;

	for (int i = 0; i < OSTD_MAX_DEVICES; i++) {
		const struct ostd_mmio *m = &mmio.slots[i];

		if (m->magic == MMIO_MAGIC && !m->by_ostd && irq != 0 &&
		    m->irq == irq)
			owned = true;
	}
	ostd_spin_unlock(&mmio.lock, &g);
	return owned;
}

bool ostd_mmio_pa_claimed(paddr_t pa)
{
	struct ostd_irq_guard g = ostd_spin_lock(&mmio.lock);
	bool claimed = false;

	for (int i = 0; i < OSTD_MAX_DEVICES; i++) {
		const struct ostd_mmio *m = &mmio.slots[i];

		if (m->magic == MMIO_MAGIC && pa >= m->pa && pa - m->pa < m->size)
			claimed = true;
	}
	ostd_spin_unlock(&mmio.lock, &g);
	return claimed;
}

static bool valid(const struct ostd_mmio *m)
{
	return m != NULL && m->magic == MMIO_MAGIC;
}

size_t ostd_mmio_size(const struct ostd_mmio *m)
{
	return valid(m) ? m->size : 0;
}

unsigned ostd_mmio_reg_shift(const struct ostd_mmio *m)
{
	return valid(m) ? m->shift : 0;
}

/* The register at @off for a @width-byte access, or NULL (logged). */
static volatile uint8_t *reg_at(struct ostd_mmio *m, size_t off, size_t width)
{
	if (!valid(m)) {
		ostd_log(OSTD_LOG_ERROR, "mmio: access through a bad handle %p", m);
		return NULL;
	}
	if (off >= m->size || m->size - off < width || (m->pa + off) % width) {
		ostd_log(OSTD_LOG_ERROR,
			 "mmio 0x%lx: %zu-byte access at offset 0x%zx refused (size 0x%zx)",
			 m->pa, width, off, m->size);
		return NULL;
	}
	/* SAFETY: [off, off + width) is inside the claimed, mapped window. */
	return m->base + off;
}

static uint32_t mmio_read(struct ostd_mmio *m, size_t off, size_t width)
{
	volatile uint8_t *p = reg_at(m, off, width);
	uint32_t v;

	if (p == NULL)
		return 0;
	/* SAFETY: reg_at checked that p is width-aligned inside the window. */
	if (width == 1)
		v = *p;
	else if (width == 2)
		v = *(volatile uint16_t *)p;
	else
		v = *(volatile uint32_t *)p;
	ostd_arch_io_after_read();
	return v;
}

static void mmio_write(struct ostd_mmio *m, size_t off, size_t width,
		       uint32_t v)
{
	volatile uint8_t *p = reg_at(m, off, width);

	if (p == NULL)
		return;
	ostd_arch_io_before_write();
	/* SAFETY: reg_at checked that p is width-aligned inside the window. */
	if (width == 1)
		*p = v; /* the low byte */
	else if (width == 2)
		*(volatile uint16_t *)p = v; /* the low half */
	else
		*(volatile uint32_t *)p = v;
}

uint8_t ostd_mmio_read8(struct ostd_mmio *m, size_t off)
{
	return mmio_read(m, off, 1); /* < 2^8 */
}

void ostd_mmio_write8(struct ostd_mmio *m, size_t off, uint8_t v)
{
	mmio_write(m, off, 1, v);
}

uint16_t ostd_mmio_read16(struct ostd_mmio *m, size_t off)
{
	return mmio_read(m, off, 2); /* < 2^16 */
}

void ostd_mmio_write16(struct ostd_mmio *m, size_t off, uint16_t v)
{
	mmio_write(m, off, 2, v);
}

uint32_t ostd_mmio_read32(struct ostd_mmio *m, size_t off)
{
	return mmio_read(m, off, 4);
}

void ostd_mmio_write32(struct ostd_mmio *m, size_t off, uint32_t v)
{
	mmio_write(m, off, 4, v);
}
