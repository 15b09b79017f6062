/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/cpu.h - harts, interrupt state and spinlocks.
 *
 * There is no global "current" anything: per-hart state is reached through
 * the hart's tp register inside ostd. Code that needs interrupts off takes
 * a `const struct ostd_irq_guard *`, which only ostd_irq_disable() and
 * ostd_spin_lock() can produce, so the requirement is checked by the type
 * system instead of by call discipline.
 */
#ifndef OSTD_CPU_H
#define OSTD_CPU_H

#include <ostd/types.h>

/* The id of the running hart. */
unsigned ostd_cpu_id(void);

/* Proof that local interrupts are off; restores the old state when ended. */
struct ostd_irq_guard {
	unsigned long _ostd_saved; /* private */
};
struct ostd_irq_guard ostd_irq_disable(void);
void ostd_irq_restore(struct ostd_irq_guard *g);

/*
 * A spinlock that disables local interrupts while held, so it can be taken
 * from interrupt handlers. Embed it in the struct whose fields it protects
 * and write the rule next to it ("protects: ...", "order: ...").
 */
struct ostd_spinlock {
	volatile uint32_t _ostd_locked; /* private */
	uint32_t _ostd_owner;           /* private: hart id + 1 */
	const char *name;
};
#define OSTD_SPINLOCK_INIT(n) { 0, 0, n }
void ostd_spin_init(struct ostd_spinlock *l, const char *name);
/* Takes @l with interrupts off. Taking a lock this hart holds panics. */
struct ostd_irq_guard ostd_spin_lock(struct ostd_spinlock *l);
void ostd_spin_unlock(struct ostd_spinlock *l, struct ostd_irq_guard *g);
bool ostd_spin_held(const struct ostd_spinlock *l);

#endif
