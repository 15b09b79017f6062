// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/probe.c - ostd_kspace_probe(): does the hardware really enforce the
 * kernel image's section permissions (text R-X, rodata R--, data and bss
 * RW-)? The boot self-test asks; this file performs one real access.
 *
 * Each section has a probe target that ostd owns, so the write probe's
 * read-back-and-store can never race with real data: a `ret` function in
 * .text, and a 16-byte buffer holding `ret` instructions in each of
 * .rodata, .data and .bss. The targets are checked against the linker's
 * section bounds, so a linker script change cannot silently move them.
 */
#include <ostd/log.h>
#include <ostd/vm.h>
#include <ostd/cpu.h>

#include "arch/riscv/cpu_arch.h"
#include "internal.h"

/* Section bounds from linker.ld. */
extern char _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _edata[], _sbss[], _ebss[];

#define INSN_RET 0x00008067U /* jalr x0, 0(ra) */

/* 16 bytes so they stay out of the small-data sections. */
static const uint32_t probe_rodata[4]
	__attribute__((section(".rodata.ostd_probe"), aligned(16))) = {
		INSN_RET, INSN_RET, INSN_RET, INSN_RET,
	};
static uint32_t probe_data[4]
	__attribute__((section(".data.ostd_probe"), aligned(16))) = {
		INSN_RET, INSN_RET, INSN_RET, INSN_RET,
	};
static uint32_t probe_bss[4]
	__attribute__((section(".bss.ostd_probe"), aligned(16)));

struct probe_target {
	uint64_t addr;
	uint64_t lo, hi; /* the section, from the linker */
};

static uint64_t addr_of(const void *p)
{
	/* SAFETY: an address as a number, only compared and handed to probe.S. */
	return (uint64_t)p;
}

static void set_target(struct probe_target *t, const void *addr,
		       const char *lo, const char *hi)
{
	t->addr = addr_of(addr);
	t->lo = addr_of(lo);
	t->hi = addr_of(hi);
}

/* SAFETY (whole function): arrays and linker symbols decay to pointers. */
static bool pick_target(enum ostd_ksection section, struct probe_target *t)
{
	switch (section) {
	case OSTD_KSECTION_TEXT:
		/* SAFETY: a function's address, used as a code address. */
		set_target(t, (const void *)ostd_probe_text_ret, _stext, _etext);
		return true;
	case OSTD_KSECTION_RODATA:
		set_target(t, probe_rodata, _srodata, _erodata);
		return true;
	case OSTD_KSECTION_DATA:
		set_target(t, probe_data, _sdata, _edata);
		return true;
	case OSTD_KSECTION_BSS:
		set_target(t, probe_bss, _sbss, _ebss);
		return true;
	}
	return false;
}

static int probe_exec(enum ostd_ksection section, uint64_t addr)
{
	if (section == OSTD_KSECTION_BSS) {
		/* .bss starts zeroed: put the `ret` there now. */
		__atomic_store_n(&probe_bss[0], INSN_RET, __ATOMIC_RELAXED);
		ostd_arch_fence_i();
	}
	return ostd_probe_exec(addr);
}

int ostd_kspace_probe(enum ostd_ksection section, unsigned prot)
{
	struct probe_target t;
	struct ostd_irq_guard g;
	int ret;

	if (!pick_target(section, &t))
		return -OSTD_EINVAL;
	if (prot != OSTD_PROT_READ && prot != OSTD_PROT_WRITE &&
	    prot != OSTD_PROT_EXEC)
		return -OSTD_EINVAL;
	if (t.addr < t.lo || t.addr + sizeof(probe_data) > t.hi) {
		ostd_log(OSTD_LOG_ERROR,
			 "probe target 0x%lx outside its section [0x%lx, 0x%lx)",
			 t.addr, t.lo, t.hi);
		return -OSTD_EINVAL;
	}
	/* probe.S reaches percpu through tp, set by ostd_cpu_init. */
	if (ostd_arch_read_tp() == 0)
		return -OSTD_EINVAL;

	g = ostd_irq_disable();
	if (prot == OSTD_PROT_READ)
		ret = ostd_probe_load(t.addr);
	else if (prot == OSTD_PROT_WRITE)
		ret = ostd_probe_store(t.addr);
	else
		ret = probe_exec(section, t.addr);
	ostd_irq_restore(&g);
	return ret;
}
