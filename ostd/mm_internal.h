/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/mm_internal.h - private glue between ostd's memory files (frame.c,
 * heap.c, pagetable.c, vmspace.c) and the boot/console/log files.
 * Never seen by kernel/.
 */
#ifndef OSTD_MM_INTERNAL_H
#define OSTD_MM_INTERNAL_H

#include <ostd/cpu.h>
#include <ostd/types.h>

#include "buddy.h"
#include "internal.h"

/*
 * True once ostd_cpu_init() has set up this hart's per-cpu data. Before
 * that the boot hart runs alone with interrupts off, and the locks below
 * are skipped (ostd_spin_lock needs per-cpu data to record the owner).
 */
extern bool ostd_boot_cpu_ready;

static inline struct ostd_irq_guard ostd_mm_lock(struct ostd_spinlock *l)
{
	struct ostd_irq_guard g = { 0 };

	if (ostd_boot_cpu_ready)
		g = ostd_spin_lock(l);
	return g;
}

static inline void ostd_mm_unlock(struct ostd_spinlock *l,
				  struct ostd_irq_guard *g)
{
	if (ostd_boot_cpu_ready)
		ostd_spin_unlock(l, g);
}

/* ---- frame.c ---- */
/* Physical address of a frame. Panics if @f is not a frame handle. */
paddr_t ostd_frame_pa(const struct ostd_frame *f);
/*
 * The metadata of the RAM frame at @pa, or NULL if @pa is outside the
 * allocator's RAM. Does not check the frame's state.
 */
struct ostd_frame *ostd_frame_of_pa(paddr_t pa);
/* Like ostd_pages_alloc, recording @owner in the frame metadata. */
void *ostd_pages_alloc_owned(unsigned order, enum ostd_frame_owner owner);
/* Frees a block from ostd_pages_alloc_owned; panics unless it is one. */
void ostd_pages_free_owned(void *p, unsigned order,
			   enum ostd_frame_owner owner);
/*
 * For the heap: the head address, order and owner of the allocated block
 * containing direct-map address @p. False if @p is not in one.
 */
bool ostd_pages_lookup(const void *p, void **head, unsigned *order,
		       enum ostd_frame_owner *owner);

/* ---- pagetable.c ---- */
/* Physical address of the kernel's root table (root entries 256..511). */
paddr_t ostd_kspace_root_pa(void);
/* Largest ASID satp accepts (0: the hardware has no ASIDs). */
uint16_t ostd_kspace_asid_max(void);
/*
 * The leaf slot for @va at @level (0: 4 KiB, 1: 2 MiB) in the table rooted
 * at @root, allocating missing tables when @alloc (setting *created, if
 * given, when one was added). NULL if a table is missing and !@alloc, on
 * no memory, or if a larger leaf covers @va. Caller serialises changes.
 */
uint64_t *ostd_pt_walk_level(paddr_t root, uint64_t va, int level, bool alloc,
			     bool *created);
/* ostd_pt_walk_level at level 0. */
uint64_t *ostd_pt_walk(paddr_t root, uint64_t va, bool alloc, bool *created);

/* ---- console.c: the lock serialising console output (log lines) ---- */
struct ostd_irq_guard ostd_console_lock(void);
void ostd_console_unlock(struct ostd_irq_guard *g);
/* True while panicking: locks are bypassed so the message gets out. */
extern volatile bool ostd_panicking;

/* ---- log.c ---- */
#include <stdarg.h>
int ostd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

#endif
