// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/pagetable.c - the kernel half of every address space, and kernel
 * stacks.
 *
 * At boot we build the final kernel table to replace entry.S's gigapages:
 * the image with per-section rights (text R+X, rodata R, data/bss R+W,
 * never W+X), the rest of RAM above the image R+W, and the MMIO devices
 * R+W, all in the direct map and all global. Every kernel L1 table (root
 * entries 256..511) is allocated now, so the root's kernel half never
 * changes and vmspace.c can copy it once per space. The page below the
 * boot stack stays unmapped as its guard.
 *
 * Kernel stacks live in their own 1 GiB window, each in a slot of
 * OSTD_KSTACK_SIZE plus an unmapped guard page below it, so an overflow
 * faults instead of corrupting a neighbour. Up to KSTACK_CACHE freed
 * stacks stay mapped for the next task (Linux keeps two per CPU): mapping
 * and unmapping a stack costs a fence per page, and each fence is a full
 * TLB flush under QEMU. A cached slot stays marked in used[], so the scan
 * never hands it out a second time; its guard page was never mapped. The
 * stack is not cleared on reuse: it holds only kernel data, and user
 * memory is never a kernel stack.
 */
#include <ostd/log.h>

#include "arch/riscv/csr.h"
#include "arch/riscv/pte.h"
#include "mm_internal.h"

extern char _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _edata[], _sbss[], _ebss[];
extern char _boot_stack_guard[], _boot_stack_bottom[];

#define KFLAGS (OSTD_PTE_V | OSTD_PTE_G | OSTD_PTE_A)
#define K_RX (KFLAGS | OSTD_PTE_R | OSTD_PTE_X)
#define K_R (KFLAGS | OSTD_PTE_R)
#define K_RW (KFLAGS | OSTD_PTE_R | OSTD_PTE_W | OSTD_PTE_D)

#define KSTACK_SLOT (OSTD_KSTACK_SIZE + OSTD_PAGE_SIZE)
#define KSTACK_SLOTS 8192
#define KSTACK_PAGES (OSTD_KSTACK_SIZE / OSTD_PAGE_SIZE)
#define KSTACK_CACHE 8

static paddr_t kroot_pa;
static uint16_t asid_max;

static struct {
	/* protects: used[], hint, cache[], ncached, kstack-window PTEs */
	struct ostd_spinlock lock;
	uint64_t used[KSTACK_SLOTS / 64]; /* mapped: in use or cached */
	unsigned hint;
	unsigned cache[KSTACK_CACHE];    /* freed slots, still mapped */
	unsigned ncached;
} ks = { .lock = OSTD_SPINLOCK_INIT("kstack") };

paddr_t ostd_kspace_root_pa(void)
{
	return kroot_pa;
}

uint16_t ostd_kspace_asid_max(void)
{
	return asid_max;
}

static ostd_pte_t *table_of(paddr_t pa)
{
	return ostd_phys_to_virt(pa);
}

/* A zeroed page-table page, or 0. */
static paddr_t table_alloc(void)
{
	void *p = ostd_pages_alloc_owned(0, OSTD_OWNER_PAGETABLE);

	return p ? ostd_virt_to_phys(p) : 0;
}

/*
 * The PTE slot for @va at @level (0: 4 KiB leaf, 1: 2 MiB leaf) under
 * @root, allocating missing tables if @alloc (then *created is set when a
 * table was added). NULL if a table is missing (and !@alloc), memory ran
 * out, or a bigger leaf already covers @va.
 */
ostd_pte_t *ostd_pt_walk_level(paddr_t root, uint64_t va, int level, bool alloc,
			       bool *created)
{
	ostd_pte_t *table = table_of(root);

	for (int l = OSTD_PT_LEVELS - 1; l > level; l--) {
		/* SAFETY: the index is < 512, inside the table page. */
		ostd_pte_t *e = &table[ostd_pt_index(va, l)];
		paddr_t next;

		if (ostd_pte_is_leaf(*e))
			return NULL;
		if (!ostd_pte_valid(*e)) {
			if (!alloc || (next = table_alloc()) == 0)
				return NULL;
			*e = ostd_pte_make(next, OSTD_PTE_V);
			if (created)
				*created = true;
		}
		table = table_of(ostd_pte_pa(*e));
	}
	/* SAFETY: the index is < 512, inside the table page. */
	return &table[ostd_pt_index(va, level)];
}

ostd_pte_t *ostd_pt_walk(paddr_t root, uint64_t va, bool alloc, bool *created)
{
	return ostd_pt_walk_level(root, va, 0, alloc, created);
}

/* Maps [va, va+size) -> pa with @flags, using 2 MiB leaves where aligned. */
static void kmap(uint64_t va, paddr_t pa, uint64_t size, uint64_t flags)
{
	const uint64_t mega = ostd_pt_level_size(1);

	while (size > 0) {
		int level = ((va | pa) & (mega - 1)) == 0 && size >= mega;
		uint64_t step = ostd_pt_level_size(level);
		ostd_pte_t *e = ostd_pt_walk_level(kroot_pa, va, level, true, NULL);

		if (e == NULL || (ostd_pte_valid(*e) && *e != ostd_pte_make(pa, flags)))
			ostd_panic("kspace: cannot map %p", (void *)va);
		*e = ostd_pte_make(pa, flags);
		va += step;
		pa += step;
		size -= step;
	}
}

/* Maps the kernel-image range [lo, hi) in place with @flags. */
static void kmap_image(const char *lo, const char *hi, uint64_t flags)
{
	/* SAFETY: linker symbols of one image; hi >= lo, both page aligned. */
	uint64_t va = (uint64_t)lo, size = (uint64_t)(hi - lo);

	if (size)
		kmap(va, ostd_virt_to_phys(lo), size, flags);
}

static void kmap_mmio(struct ostd_mmio_region r)
{
	paddr_t lo = r.base & ~(OSTD_PAGE_SIZE - 1);
	paddr_t hi = (r.base + r.size + OSTD_PAGE_SIZE - 1) & ~(OSTD_PAGE_SIZE - 1);

	if (r.size)
		kmap((uint64_t)ostd_phys_to_virt(lo), lo, hi - lo, K_RW);
}

static void map_kernel(void)
{
	const struct ostd_platform *p = &ostd_platform;
	paddr_t kend = ostd_virt_to_phys(_ebss);
	paddr_t mem_end = (p->mem_base + p->mem_size) & ~(OSTD_PAGE_SIZE - 1);

	kmap_image(_stext, _etext, K_RX);
	kmap_image(_srodata, _erodata, K_R);
	kmap_image(_sdata, _edata, K_RW);
	/* .bss, minus the boot stack's guard page */
	kmap_image(_sbss, _boot_stack_guard, K_RW);
	kmap_image(_boot_stack_bottom, _ebss, K_RW);
	kmap((uint64_t)ostd_phys_to_virt(kend), kend, mem_end - kend, K_RW);
	kmap_mmio(p->uart);
	kmap_mmio(p->plic);
	kmap_mmio(p->rtc);
	kmap_mmio(p->test_dev);
	/* every device ostd_mmio_claim() can hand out (virtio-mmio slots...) */
	for (uint32_t i = 0; i < p->device_count; i++)
		kmap_mmio(p->devices[i].reg);
}

/* Finds how many ASID bits satp keeps (writes all ones, reads back). */
static void probe_asids(void)
{
	uint64_t satp;

	ostd_satp_write(ostd_satp_make(kroot_pa, 0xffff));
	satp = ostd_satp_read();
	ostd_satp_write(ostd_satp_make(kroot_pa, 0));
	ostd_sfence_all();
	asid_max = (uint16_t)((satp >> OSTD_SATP_ASID_SHIFT) & OSTD_SATP_ASID_MASK);
}

void ostd_kspace_init(void)
{
	ostd_pte_t *root;

	kroot_pa = table_alloc();
	if (kroot_pa == 0)
		ostd_panic("kspace: no memory for the root table");
	root = table_of(kroot_pa);
	for (unsigned i = OSTD_PT_ENTRIES / 2; i < OSTD_PT_ENTRIES; i++) {
		paddr_t l1 = table_alloc();

		if (l1 == 0)
			ostd_panic("kspace: no memory for kernel L1 tables");
		/* SAFETY: i < 512, inside the root page. */
		root[i] = ostd_pte_make(l1, OSTD_PTE_V);
	}
	map_kernel();
	/* SAFETY: the new root maps the running image, its stack and data. */
	ostd_satp_write(ostd_satp_make(kroot_pa, 0));
	ostd_sfence_all();
	probe_asids();
	ostd_log(OSTD_LOG_INFO, "kspace: kernel page table live, %u ASIDs",
		 (unsigned)asid_max);
}

/* ---- kernel stacks ---- */

static uint64_t slot_base(unsigned slot)
{
	return OSTD_KSTACK_BASE + (uint64_t)slot * KSTACK_SLOT;
}

/* Unmaps the stack pages of @slot and frees them; ks.lock held. */
static void kstack_unmap(unsigned slot)
{
	for (unsigned i = 0; i < KSTACK_PAGES; i++) {
		uint64_t va = slot_base(slot) + OSTD_PAGE_SIZE * (1 + i);
		ostd_pte_t *e = ostd_pt_walk(kroot_pa, va, false, NULL);

		if (e == NULL || !ostd_pte_valid(*e))
			continue;
		paddr_t pa = ostd_pte_pa(*e);
		*e = 0;
		ostd_sfence_va(va);
		ostd_pages_free_owned(ostd_phys_to_virt(pa), 0, OSTD_OWNER_PAGES);
	}
}

/* Maps fresh pages for @slot; false (nothing left mapped) on no memory. */
static bool kstack_map(unsigned slot)
{
	for (unsigned i = 0; i < KSTACK_PAGES; i++) {
		uint64_t va = slot_base(slot) + OSTD_PAGE_SIZE * (1 + i);
		ostd_pte_t *e = ostd_pt_walk(kroot_pa, va, true, NULL);
		void *page = e ? ostd_pages_alloc_owned(0, OSTD_OWNER_PAGES) : NULL;

		if (page == NULL) {
			kstack_unmap(slot);
			return false;
		}
		*e = ostd_pte_make(ostd_virt_to_phys(page), K_RW);
		ostd_sfence_va(va);
	}
	return true;
}

/* Whether @slot is in the cache; ks.lock held. */
static bool kstack_cached(unsigned slot)
{
	for (unsigned i = 0; i < ks.ncached; i++)
		if (ks.cache[i] == slot)
			return true;
	return false;
}

uint64_t ostd_kstack_alloc(void)
{
	struct ostd_irq_guard g = ostd_mm_lock(&ks.lock);
	uint64_t top = 0;

	if (ks.ncached > 0) {
		top = slot_base(ks.cache[--ks.ncached]) + KSTACK_SLOT;
		ostd_mm_unlock(&ks.lock, &g);
		return top;
	}
	for (unsigned n = 0; n < KSTACK_SLOTS; n++) {
		unsigned s = (ks.hint + n) % KSTACK_SLOTS;

		if (ks.used[s / 64] & (1ULL << (s % 64)))
			continue;
		if (kstack_map(s)) {
			ks.used[s / 64] |= 1ULL << (s % 64);
			ks.hint = s + 1;
			top = slot_base(s) + KSTACK_SLOT;
		}
		break;
	}
	ostd_mm_unlock(&ks.lock, &g);
	return top;
}

void ostd_kstack_free(uint64_t top)
{
	uint64_t off = top - OSTD_KSTACK_BASE;
	unsigned s = (unsigned)(off / KSTACK_SLOT) - 1;
	struct ostd_irq_guard g;

	if (top <= OSTD_KSTACK_BASE || off % KSTACK_SLOT != 0 ||
	    off / KSTACK_SLOT > KSTACK_SLOTS)
		ostd_panic("ostd_kstack_free: bad stack top %p", (void *)top);
	g = ostd_mm_lock(&ks.lock);
	if (!(ks.used[s / 64] & (1ULL << (s % 64))) || kstack_cached(s)) {
		ostd_mm_unlock(&ks.lock, &g);
		ostd_panic("ostd_kstack_free: stack %p is not allocated", (void *)top);
	}
	if (ks.ncached < KSTACK_CACHE) {
		ks.cache[ks.ncached++] = s; /* stays mapped and marked used */
		ostd_mm_unlock(&ks.lock, &g);
		return;
	}
	kstack_unmap(s);
	ks.used[s / 64] &= ~(1ULL << (s % 64));
	ostd_mm_unlock(&ks.lock, &g);
}
