// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/boot.c - the boot hart's path from entry.S to racho_main(), and the
 * boot facts the kernel may read (include/ostd/boot.h).
 *
 * Order matters: the device tree tells where RAM and the console are; the
 * frame allocator needs RAM; the kernel page table needs frames; the heap
 * needs both; per-cpu data, traps, the timer, the PLIC and the boot task
 * (cpu half) come last, and only then may locks be taken.
 */
#include <ostd/boot.h>
#include <ostd/log.h>
#include <ostd/power.h>

#include "mm_internal.h"

struct ostd_platform ostd_platform;
bool ostd_boot_cpu_ready;

_Noreturn void ostd_boot_main(unsigned long hart_id, paddr_t dtb_pa);
_Noreturn void ostd_early_trap(uint64_t cause, uint64_t epc, uint64_t tval);

/* Called by entry.S for any trap before ostd_trap_init(). */
_Noreturn void ostd_early_trap(uint64_t cause, uint64_t epc, uint64_t tval)
{
	ostd_panicking = true;
	ostd_printk("\n[kernel] early trap: scause %p sepc %p stval %p\n",
		    (void *)cause, (void *)epc, (void *)tval);
	ostd_power_off(true);
}

_Noreturn void ostd_boot_main(unsigned long hart_id, paddr_t dtb_pa)
{
	int err = ostd_dtb_parse(ostd_phys_to_virt(dtb_pa), &ostd_platform);

	ostd_platform.dtb_pa = dtb_pa;
	if (err)
		ostd_panic("boot: bad device tree at %p (%d)", (void *)dtb_pa, err);
	ostd_console_init();
	ostd_log(OSTD_LOG_INFO, "racho: booting on hart %lu, %llu MiB RAM at %p",
		 hart_id, (unsigned long long)(ostd_platform.mem_size >> 20),
		 (void *)ostd_platform.mem_base);
	ostd_frame_init();
	ostd_kspace_init();
	ostd_heap_init();
	ostd_cpu_init((unsigned)hart_id);
	ostd_boot_cpu_ready = true;
	ostd_trap_init();
	ostd_time_init();
	ostd_irq_init();
	ostd_task_init_boot();
	racho_main();
}

struct ostd_bytes ostd_boot_cmdline(void)
{
	return ostd_bytes_cstr(ostd_platform.bootargs);
}

struct ostd_bytes ostd_boot_initrd(void)
{
	const struct ostd_platform *p = &ostd_platform;

	if (p->initrd_end <= p->initrd_start)
		return ostd_bytes_empty();
	/* SAFETY: the initrd is RAM in the direct map, never given to the allocator. */
	return ostd_bytes_of(ostd_phys_to_virt(p->initrd_start),
			     p->initrd_end - p->initrd_start);
}

bool ostd_boot_has_initrd(void)
{
	/* dtb.c leaves 0,0 when /chosen has no (or a reversed) initrd. */
	return ostd_platform.initrd_start != 0 || ostd_platform.initrd_end != 0;
}

struct ostd_bytes ostd_boot_rng_seed(void)
{
	/* SAFETY: the seed lies inside the DTB, which is never freed. */
	return ostd_bytes_of(ostd_platform.rng_seed, ostd_platform.rng_seed_len);
}

size_t ostd_boot_hart_count(void)
{
	return ostd_platform.hart_count ? ostd_platform.hart_count : 1;
}

uint64_t ostd_boot_mem_bytes(void)
{
	return ostd_platform.mem_size;
}
