// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/cpu.c - per-hart data, local interrupt state and spinlocks.
 *
 * Each hart's struct ostd_percpu lives in a static array indexed by hart
 * id; in S-mode the hart's tp register points at its entry (ostd_cpu_init
 * sets it, entry.S zeroes tp before that, and a zero tp means "the boot
 * hart before its percpu is set up", which lets early boot code take
 * locks). Each hart also gets a small stack for S-mode exceptions, so a
 * kernel stack overflow can still be reported (see trap.S).
 *
 * Spinlocks are test-and-test-and-set with acquire/release atomics and
 * interrupts off while held. A hart taking a lock it already holds is a
 * certain deadlock, so it panics with the lock's name instead.
 */
#include <stddef.h>

#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/power.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

_Static_assert(offsetof(struct ostd_percpu, scratch) == OSTD_PC_SCRATCH,
	       "trap.S percpu layout");
_Static_assert(offsetof(struct ostd_percpu, user_ctx) == OSTD_PC_USER_CTX,
	       "trap.S percpu layout");
_Static_assert(offsetof(struct ostd_percpu, kernel_sp) == OSTD_PC_KERNEL_SP,
	       "trap.S percpu layout");
_Static_assert(offsetof(struct ostd_percpu, probe_recover) ==
		       OSTD_PC_PROBE_RECOVER,
	       "probe.S percpu layout");
_Static_assert(offsetof(struct ostd_percpu, trap_stack_top) ==
		       OSTD_PC_TRAP_STACK,
	       "trap.S percpu layout");
_Static_assert(offsetof(struct ostd_percpu, sstatus_unsure) ==
		       OSTD_PC_SSTATUS_UNSURE,
	       "trap.S percpu layout");

static struct ostd_percpu percpus[OSTD_MAX_HARTS];
static uint8_t trap_stacks[OSTD_MAX_HARTS][OSTD_TRAP_STACK_SIZE]
	__attribute__((aligned(16)));

/* Marks a guard made by ostd_irq_disable() and not yet restored. */
#define GUARD_LIVE (1UL << 63)

struct ostd_percpu *ostd_this_cpu(void)
{
	uint64_t tp = ostd_arch_read_tp();

	if (tp == 0)
		return &percpus[0];
	/* SAFETY: a non-zero tp in S-mode was set by ostd_cpu_init(). */
	return (struct ostd_percpu *)tp;
}

unsigned ostd_cpu_id(void)
{
	return ostd_this_cpu()->hart_id;
}

/*
 * Sets up this hart's percpu data, tp and the trap vector.
 * Precondition: called once per hart, interrupts off, before it takes locks
 * (only the boot hart may take locks before this).
 */
void ostd_cpu_init(unsigned hart_id)
{
	struct ostd_percpu *pc;

	if (hart_id >= OSTD_MAX_HARTS)
		ostd_panic("hart id %u >= OSTD_MAX_HARTS (%d)", hart_id,
			   OSTD_MAX_HARTS);
	pc = &percpus[hart_id];
	pc->self = pc;
	pc->hart_id = hart_id;
	/* SAFETY: one past the end of this hart's array: the stack's top. */
	pc->trap_stack_top = (uint64_t)&trap_stacks[hart_id][OSTD_TRAP_STACK_SIZE];
	/* The firmware left SPP/SPIE as it liked: the first entry checks. */
	pc->sstatus_unsure = 1;
	/* SAFETY: pc is this hart's own percpu entry, live forever. */
	ostd_arch_write_tp((uint64_t)pc);

	/* User FP on (the kernel itself is built not to use FP registers). */
	ostd_arch_status_init();
	ostd_trap_init();
}

void ostd_cpu_trap_stack_bounds(uint64_t *lo, uint64_t *hi)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	*hi = pc->trap_stack_top;
	*lo = pc->trap_stack_top ? pc->trap_stack_top - OSTD_TRAP_STACK_SIZE : 0;
}

/* ---- local interrupts ---- */

struct ostd_irq_guard ostd_irq_disable(void)
{
	uint64_t old = ostd_arch_irq_save();
	struct ostd_irq_guard g = {
		._ostd_saved = GUARD_LIVE | (old & OSTD_SSTATUS_SIE_BIT),
	};

	return g;
}

void ostd_irq_restore(struct ostd_irq_guard *g)
{
	if (!(g->_ostd_saved & GUARD_LIVE))
		ostd_panic("irq guard restored twice (or never made)");
	if (g->_ostd_saved & OSTD_SSTATUS_SIE_BIT) {
		/* The next user entry checks that they are off again. */
		ostd_this_cpu()->sstatus_unsure = 1;
		ostd_arch_irq_enable();
	}
	g->_ostd_saved = 0;
}

/* ---- spinlocks ---- */

void ostd_spin_init(struct ostd_spinlock *l, const char *name)
{
	l->_ostd_locked = 0;
	l->_ostd_owner = 0;
	l->name = name;
}

static uint32_t owner_tag(const struct ostd_percpu *pc)
{
	return pc->hart_id + 1;
}

/*
 * A lock bug while a lock bug is being reported (the log lock itself, say)
 * would recurse; the second one only says so on the raw console and stops.
 */
static _Noreturn void spin_bug(struct ostd_percpu *pc,
			       const struct ostd_spinlock *l, const char *what)
{
	static const char msg[] = "\n[kernel] panicked: lock bug while reporting a lock bug\n";

	if (pc->trap_panicking) {
		for (size_t i = 0; i + 1 < sizeof(msg); i++)
			ostd_console_putc_raw(msg[i]);
		ostd_power_off(true);
	}
	pc->trap_panicking = true;
	/* SAFETY: a string literal as a const char *, for the message only. */
	ostd_panic("spinlock '%s': %s on hart %u", l->name ? l->name : "?",
		   what, pc->hart_id);
}

struct ostd_irq_guard ostd_spin_lock(struct ostd_spinlock *l)
{
	struct ostd_irq_guard g = ostd_irq_disable();
	struct ostd_percpu *pc = ostd_this_cpu();

	if (__atomic_load_n(&l->_ostd_locked, __ATOMIC_RELAXED) &&
	    __atomic_load_n(&l->_ostd_owner, __ATOMIC_RELAXED) == owner_tag(pc))
		spin_bug(pc, l, "taken again by its holder");
	while (__atomic_exchange_n(&l->_ostd_locked, 1, __ATOMIC_ACQUIRE)) {
		while (__atomic_load_n(&l->_ostd_locked, __ATOMIC_RELAXED))
			;
	}
	__atomic_store_n(&l->_ostd_owner, owner_tag(pc), __ATOMIC_RELAXED);
	pc->locks_held++;
	return g;
}

void ostd_spin_unlock(struct ostd_spinlock *l, struct ostd_irq_guard *g)
{
	struct ostd_percpu *pc = ostd_this_cpu();

	if (!ostd_spin_held(l))
		spin_bug(pc, l, "released by a hart that does not hold it");
	__atomic_store_n(&l->_ostd_owner, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&l->_ostd_locked, 0, __ATOMIC_RELEASE);
	pc->locks_held--;
	ostd_irq_restore(g);
}

bool ostd_spin_held(const struct ostd_spinlock *l)
{
	return __atomic_load_n(&l->_ostd_locked, __ATOMIC_RELAXED) &&
	       __atomic_load_n(&l->_ostd_owner, __ATOMIC_RELAXED) ==
		       owner_tag(ostd_this_cpu());
}
