// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/vmspace.c - user address spaces (include/ostd/vm.h).
 *
 * A space is an SV39 root table whose kernel half (entries 256..511) is a
 * copy of the kernel root's, plus an ASID. User mappings are 4 KiB leaves
 * holding one frame reference each. TLB flushes are per page and per ASID
 * and are skipped entirely for a space that has never been active, since
 * no hart can have cached its translations.
 *
 * A PTE that goes from invalid to valid (a new leaf, a new table) is not
 * followed by sfence.vma. The privileged spec makes SFENCE.VMA an ordering
 * point, not a cache flush: without it (and without Svvptc) the hart's
 * page walks may not see the store yet, or may still hold the old invalid
 * entry, so the only thing that can go wrong is a page fault on a page
 * that is in fact mapped. That spurious fault is resolved by the fault
 * path, which finds the mapping in place and calls
 * ostd_vmspace_fix_spurious() before retrying, the approach Linux's own
 * comment in update_mmu_cache() (arch/riscv/include/asm/pgtable.h) calls
 * sufficient, and the one Svvptc's rationale describes. Linux 6.1 fences
 * eagerly instead; under QEMU every fence flushes its whole software TLB,
 * which made it the main cost of an anonymous page fault. Changing or
 * removing a valid entry still fences at once: a stale valid entry would
 * grant access that is no longer there.
 *
 * User copies never touch user virtual addresses: they walk the table in
 * software, check U and R/W, and copy through the direct map.
 */
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/vm.h>

#include "arch/riscv/csr.h"
#include "arch/riscv/pte.h"
#include "mm_internal.h"

/* Beyond this many pages, one per-ASID flush beats per-page flushes. */
#define FLUSH_PAGES_MAX 64
#define ASID_COUNT 65536

struct ostd_vmspace {
	paddr_t root;
	uint16_t asid;  /* 0: shares ASID 0, flushed on every activation */
	bool tlb_live;  /* has been active: a TLB may hold its entries */
	size_t resident; /* user leaves holding a frame (Linux's RSS) */
};

static struct {
	struct ostd_spinlock lock; /* protects: used[], next */
	uint64_t used[ASID_COUNT / 64];
	uint32_t next;
} asids = { .lock = OSTD_SPINLOCK_INIT("asid"), .next = 1 };

/* A private ASID, round robin; 0 if the hardware has none or all are used. */
static uint16_t asid_alloc(void)
{
	uint32_t max = ostd_kspace_asid_max();
	struct ostd_irq_guard g;
	uint16_t got = 0;

	if (max == 0)
		return 0;
	g = ostd_mm_lock(&asids.lock);
	for (uint32_t n = 0; n < max; n++) {
		uint32_t a = 1 + (asids.next - 1 + n) % max;

		if (!(asids.used[a / 64] & (1ULL << (a % 64)))) {
			asids.used[a / 64] |= 1ULL << (a % 64);
			asids.next = a % max + 1;
			got = (uint16_t)a;
			break;
		}
	}
	ostd_mm_unlock(&asids.lock, &g);
	return got;
}

static void asid_free(uint16_t a)
{
	struct ostd_irq_guard g;

	if (a == 0)
		return;
	g = ostd_mm_lock(&asids.lock);
	asids.used[a / 64] &= ~(1ULL << (a % 64));
	ostd_mm_unlock(&asids.lock, &g);
}

static ostd_pte_t *table_of(paddr_t pa)
{
	return ostd_phys_to_virt(pa);
}

static void flush_page(const struct ostd_vmspace *vs, uint64_t va)
{
	if (vs->tlb_live)
		ostd_sfence_va_asid(va, vs->asid);
}

static void flush_space(const struct ostd_vmspace *vs)
{
	if (vs->tlb_live)
		ostd_sfence_asid(vs->asid);
}

/*
 * The leaf slot of @va, or NULL if a table on the way is missing; then
 * *next is the first address after the hole (so loops skip it at once).
 */
static ostd_pte_t *leaf_slot(const struct ostd_vmspace *vs, uint64_t va,
			     uint64_t *next)
{
	ostd_pte_t *t = table_of(vs->root);

	for (int l = OSTD_PT_LEVELS - 1; l > 0; l--) {
		/* SAFETY: the index is < 512, inside the table page. */
		ostd_pte_t e = t[ostd_pt_index(va, l)];
		uint64_t sz = ostd_pt_level_size(l);

		if (!ostd_pte_is_table(e)) {
			*next = (va & ~(sz - 1)) + sz;
			return NULL;
		}
		t = table_of(ostd_pte_pa(e));
	}
	*next = va + OSTD_PAGE_SIZE;
	/* SAFETY: the index is < 512, inside the leaf table page. */
	return &t[ostd_pt_index(va, 0)];
}

static bool range_ok(ostd_uaddr_t va, size_t len)
{
	return (va & (OSTD_PAGE_SIZE - 1)) == 0 && (len & (OSTD_PAGE_SIZE - 1)) == 0 &&
	       va <= OSTD_USER_END && len <= OSTD_USER_END - va;
}

static bool prot_ok(unsigned prot)
{
	if (prot & ~(OSTD_PROT_READ | OSTD_PROT_WRITE | OSTD_PROT_EXEC))
		return false;
	return !((prot & OSTD_PROT_WRITE) && !(prot & OSTD_PROT_READ));
}

/* Drops the frame reference a user leaf holds. */
static void leaf_release(ostd_pte_t pte)
{
	struct ostd_frame *f = ostd_frame_of_pa(ostd_pte_pa(pte));

	if (f == NULL)
		ostd_panic("vmspace: user PTE %p names no RAM frame", (void *)pte);
	ostd_frame_put(f);
}

struct ostd_vmspace *ostd_vmspace_new(void)
{
	struct ostd_vmspace *vs = ostd_heap_alloc(sizeof(*vs));
	ostd_pte_t *root, *kroot = table_of(ostd_kspace_root_pa());
	void *page;

	if (vs == NULL)
		return NULL;
	page = ostd_pages_alloc_owned(0, OSTD_OWNER_PAGETABLE);
	if (page == NULL) {
		ostd_heap_free(vs);
		return NULL;
	}
	vs->root = ostd_virt_to_phys(page);
	root = page;
	/* SAFETY: both are 512-entry root tables; copy the kernel half. */
	for (unsigned i = OSTD_PT_ENTRIES / 2; i < OSTD_PT_ENTRIES; i++)
		root[i] = kroot[i];
	vs->asid = asid_alloc();
	vs->resident = 0;
	return vs;
}

/* Frees a user table at @level (1 or 0) and everything below it. */
static void free_table(paddr_t pa, int level)
{
	ostd_pte_t *t = table_of(pa);

	for (unsigned i = 0; i < OSTD_PT_ENTRIES; i++) {
		/* SAFETY: i < 512, inside the table page. */
		ostd_pte_t e = t[i];

		if (level > 0 && ostd_pte_is_table(e))
			free_table(ostd_pte_pa(e), level - 1);
		else if (level == 0 && ostd_pte_has_frame(e))
			leaf_release(e);
	}
	ostd_pages_free_owned(t, 0, OSTD_OWNER_PAGETABLE);
}

void ostd_vmspace_destroy(struct ostd_vmspace *vs)
{
	struct ostd_percpu *c = ostd_this_cpu();
	ostd_pte_t *root;

	if (vs == NULL)
		return;
	if (c->active_vs == vs) {
		/* Still loaded here (e.g. an exiting process): fall back to the kernel's. */
		ostd_satp_write(ostd_satp_make(ostd_kspace_root_pa(), 0));
		c->active_vs = NULL;
	}
	root = table_of(vs->root);
	for (unsigned i = 0; i < OSTD_PT_ENTRIES / 2; i++)
		/* SAFETY: i < 256, the user half of the root page. */
		if (ostd_pte_is_table(root[i]))
			free_table(ostd_pte_pa(root[i]), 1);
	flush_space(vs);
	asid_free(vs->asid);
	ostd_pages_free_owned(root, 0, OSTD_OWNER_PAGETABLE);
	ostd_heap_free(vs);
}

void ostd_vmspace_activate(struct ostd_vmspace *vs)
{
	struct ostd_percpu *c = ostd_this_cpu();

	if (c->active_vs == vs)
		return;
	if (vs == NULL) {
		ostd_satp_write(ostd_satp_make(ostd_kspace_root_pa(), 0));
	} else {
		ostd_satp_write(ostd_satp_make(vs->root, vs->asid));
		/*
		 * A shared ASID drops the previous owner's entries; a first
		 * activation orders the unflushed table writes made so far
		 * before the walker's reads.
		 */
		if (vs->asid == 0 || !vs->tlb_live)
			ostd_sfence_asid(vs->asid);
		vs->tlb_live = true;
	}
	c->active_vs = vs;
}

/* Installs the leaf @pte at @va, releasing what was there. */
static int set_leaf(struct ostd_vmspace *vs, ostd_uaddr_t va, ostd_pte_t pte)
{
	bool created = false;
	ostd_pte_t *e = ostd_pt_walk(vs->root, va, true, &created);
	ostd_pte_t old;

	if (e == NULL)
		return -OSTD_ENOMEM;
	old = *e;
	*e = pte;
	/*
	 * Invalid to valid (also a new table's entries): no fence, see the
	 * top of the file. A new table only ever follows an invalid entry.
	 */
	if (!created && ostd_pte_valid(old))
		flush_page(vs, va);
	if (ostd_pte_has_frame(old))
		leaf_release(old);
	if (ostd_pte_has_frame(pte) && !ostd_pte_has_frame(old))
		vs->resident++;
	return 0;
}

size_t ostd_vmspace_resident(const struct ostd_vmspace *vs)
{
	return vs != NULL ? vs->resident : 0;
}

void ostd_vmspace_fix_spurious(struct ostd_vmspace *vs)
{
	/*
	 * The whole ASID at every level: the stale entry may be a cached
	 * invalid non-leaf entry, which a fence for one page does not
	 * reach. Spurious faults are rare, so the cost does not matter.
	 */
	if (vs != NULL)
		flush_space(vs);
}

int ostd_vmspace_map(struct ostd_vmspace *vs, ostd_uaddr_t va,
		     struct ostd_frame *f, unsigned prot)
{
	int err;

	if (vs == NULL || !range_ok(va, OSTD_PAGE_SIZE) || !prot_ok(prot))
		return -OSTD_EINVAL;
	ostd_frame_get(f); /* panics on a bad or dead handle */
	err = set_leaf(vs, va, ostd_pte_user(ostd_frame_pa(f), prot));
	if (err)
		ostd_frame_put(f);
	return err;
}

int ostd_vmspace_unmap(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len)
{
	uint64_t end = va + len, next;
	size_t changed = 0;

	if (vs == NULL || !range_ok(va, len))
		return -OSTD_EINVAL;
	for (; va < end; va = next) {
		ostd_pte_t *e = leaf_slot(vs, va, &next);
		ostd_pte_t old;

		if (e == NULL || !ostd_pte_has_frame(*e))
			continue;
		old = *e;
		*e = 0;
		vs->resident--;
		if (++changed <= FLUSH_PAGES_MAX)
			flush_page(vs, va);
		leaf_release(old);
	}
	if (changed > FLUSH_PAGES_MAX)
		flush_space(vs);
	return 0;
}

int ostd_vmspace_protect(struct ostd_vmspace *vs, ostd_uaddr_t va, size_t len,
			 unsigned prot)
{
	uint64_t end = va + len, next;
	size_t changed = 0;

	if (vs == NULL || !range_ok(va, len) || !prot_ok(prot))
		return -OSTD_EINVAL;
	for (; va < end; va = next) {
		ostd_pte_t *e = leaf_slot(vs, va, &next);
		ostd_pte_t pte;

		if (e == NULL || !ostd_pte_has_frame(*e))
			continue;
		pte = ostd_pte_user(ostd_pte_pa(*e), prot);
		if (pte == *e)
			continue;
		*e = pte;
		if (++changed <= FLUSH_PAGES_MAX)
			flush_page(vs, va);
	}
	if (changed > FLUSH_PAGES_MAX)
		flush_space(vs);
	return 0;
}

struct ostd_frame *ostd_vmspace_query(struct ostd_vmspace *vs, ostd_uaddr_t va,
				      unsigned *prot)
{
	uint64_t next;
	ostd_pte_t *e;

	if (vs == NULL || va >= OSTD_USER_END)
		return NULL;
	e = leaf_slot(vs, va & ~(OSTD_PAGE_SIZE - 1), &next);
	if (e == NULL || !ostd_pte_has_frame(*e))
		return NULL;
	if (prot)
		*prot = ostd_pte_prot(*e);
	return ostd_frame_of_pa(ostd_pte_pa(*e));
}

int ostd_vmspace_share_cow(struct ostd_vmspace *dst, struct ostd_vmspace *src,
			   ostd_uaddr_t va, size_t len)
{
	uint64_t end = va + len, next;
	size_t changed = 0;

	if (dst == NULL || src == NULL || !range_ok(va, len) || dst == src)
		return -OSTD_EINVAL;
	for (; va < end; va = next) {
		ostd_pte_t *e = leaf_slot(src, va, &next);
		struct ostd_frame *f;
		ostd_pte_t ro;

		if (e == NULL || !ostd_pte_has_frame(*e))
			continue;
		ro = *e & ~OSTD_PTE_W;
		f = ostd_frame_of_pa(ostd_pte_pa(ro));
		ostd_frame_get(f);
		if (set_leaf(dst, va, ro)) {
			ostd_frame_put(f);
			if (changed)
				flush_space(src);
			return -OSTD_ENOMEM;
		}
		if (*e != ro) {
			*e = ro;
			changed++;
		}
	}
	/*
	 * One fence for the whole source space at the end, like Linux's
	 * flush_tlb_mm() after copy_page_range(): until then only the
	 * kernel runs, and it reaches user memory through the page table
	 * (never through the TLB), so no stale writable entry is used.
	 */
	if (changed)
		flush_space(src);
	return 0;
}

/* ---- user copies ---- */

/* The kernel view of user byte @va if its page is user-accessible with @need. */
static uint8_t *user_byte(const struct ostd_vmspace *vs, ostd_uaddr_t va,
			  uint64_t need)
{
	uint64_t next;
	ostd_pte_t *e;

	if (vs == NULL || va >= OSTD_USER_END)
		return NULL;
	e = leaf_slot(vs, va, &next);
	if (e == NULL || !ostd_pte_is_leaf(*e) || !(*e & OSTD_PTE_U) ||
	    (*e & need) != need)
		return NULL;
	/* SAFETY: the offset is < 4096, inside the mapped RAM frame. */
	return (uint8_t *)ostd_phys_to_virt(ostd_pte_pa(*e)) + (va & (OSTD_PAGE_SIZE - 1));
}

static size_t page_chunk(ostd_uaddr_t va, size_t n)
{
	size_t room = OSTD_PAGE_SIZE - (va & (OSTD_PAGE_SIZE - 1));

	return n < room ? n : room;
}

static int fault_at(ostd_uaddr_t va, ostd_uaddr_t *fault)
{
	if (fault)
		*fault = va;
	return -OSTD_EFAULT;
}

int ostd_vmspace_read(struct ostd_vmspace *vs, ostd_uaddr_t src, void *dst,
		      size_t n, ostd_uaddr_t *fault)
{
	uint8_t *out = dst;

	while (n > 0) {
		size_t c = page_chunk(src, n);
		uint8_t *p = user_byte(vs, src, OSTD_PTE_R);

		if (p == NULL)
			return fault_at(src, fault);
		ostd_mem_copy(out, p, c);
		/* SAFETY: @dst has @n bytes; we advance within them. */
		out += c;
		src += c;
		n -= c;
	}
	return 0;
}

int ostd_vmspace_write(struct ostd_vmspace *vs, ostd_uaddr_t dst,
		       const void *src, size_t n, ostd_uaddr_t *fault)
{
	const uint8_t *in = src;

	while (n > 0) {
		size_t c = page_chunk(dst, n);
		uint8_t *p = user_byte(vs, dst, OSTD_PTE_W);

		if (p == NULL)
			return fault_at(dst, fault);
		ostd_mem_copy(p, in, c);
		/* SAFETY: @src has @n bytes; we advance within them. */
		in += c;
		dst += c;
		n -= c;
	}
	return 0;
}

long ostd_vmspace_read_str(struct ostd_vmspace *vs, ostd_uaddr_t src,
			   char *dst, size_t max, ostd_uaddr_t *fault)
{
	size_t done = 0;

	while (done < max) {
		size_t c = page_chunk(src, max - done);
		const uint8_t *p = user_byte(vs, src, OSTD_PTE_R);

		if (p == NULL)
			return fault_at(src, fault);
		for (size_t i = 0; i < c; i++) {
			/* SAFETY: i < c keeps both inside the page and @dst. */
			dst[done + i] = (char)p[i];
			if (p[i] == 0)
				return (long)(done + i);
		}
		done += c;
		src += c;
	}
	return -OSTD_ERANGE;
}

int ostd_vmspace_write_frame(struct ostd_vmspace *vs, ostd_uaddr_t dst,
			     const struct ostd_frame *f, size_t off, size_t n,
			     ostd_uaddr_t *fault)
{
	if (off > OSTD_PAGE_SIZE || n > OSTD_PAGE_SIZE - off)
		return -OSTD_EINVAL;
	while (n > 0) {
		size_t c = page_chunk(dst, n);
		uint8_t *p = user_byte(vs, dst, OSTD_PTE_W);

		if (p == NULL)
			return fault_at(dst, fault);
		ostd_frame_read(f, off, p, c);
		off += c;
		dst += c;
		n -= c;
	}
	return 0;
}

int ostd_vmspace_read_frame(struct ostd_vmspace *vs, ostd_uaddr_t src,
			    struct ostd_frame *f, size_t off, size_t n,
			    ostd_uaddr_t *fault)
{
	if (off > OSTD_PAGE_SIZE || n > OSTD_PAGE_SIZE - off)
		return -OSTD_EINVAL;
	while (n > 0) {
		size_t c = page_chunk(src, n);
		const uint8_t *p = user_byte(vs, src, OSTD_PTE_R);

		if (p == NULL)
			return fault_at(src, fault);
		ostd_frame_write(f, off, p, c);
		off += c;
		src += c;
		n -= c;
	}
	return 0;
}
