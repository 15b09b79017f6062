// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_file.c - what address spaces know about files: the file
 * reference each area holds, counted per mapping; unmapping a truncated
 * file's pages from every space; and the executable file.
 *
 * Truncation is Linux's truncate_pagecache(): once a file has shrunk, no
 * page wholly past its new end may stay mapped anywhere. A shared area
 * would keep a frame that is no longer the file's; a private area keeps
 * nothing either, not even its copy-on-write copies (Linux's even_cows),
 * so the next touch finds the end of the file and gets SIGBUS, or, if
 * the file grew again meanwhile, its new (zero) pages. Linux finds the
 * areas in the inode's i_mmap tree. Here a mapping only counts its areas:
 * the common truncate of a file that nobody maps costs one check, and
 * otherwise the list of all address spaces is walked, area by area.
 *
 * Areas stay as they are; only page-table entries go, through ostd,
 * which flushes this hart's TLB entries of the space's ASID whether or
 * not the space is the active one (ostd_vmspace_unmap on a space that
 * was active before). Other harts would need a shootdown: see mm.h.
 *
 * Locking: the mm list lock below. It is taken with the VFS lock held
 * (truncate), so nothing under it may take the VFS lock: the only VFS
 * call under it is vma_file_mapping(), which takes no lock, and file
 * references are taken and dropped outside it.
 */
#include <ostd/cpu.h>
#include <ostd/log.h>

#include "mm_internal.h"

static struct {
	/*
	 * protects: the list of every mm (head, mm->all_prev, all_next)
	 * and the area count of every vma_mapping.
	 * order: VFS lock -> mm list lock -> ostd's page-table and frame
	 * locks.
	 */
	struct ostd_spinlock lock;
	struct mm *head;
} mm_list = { .lock = OSTD_SPINLOCK_INIT("mm_list"), .head = NULL };

static void mm_file_get(struct vma_file *f)
{
	struct vma_mapping *m = vma_file_mapping(f);
	struct ostd_irq_guard g;

	vma_file_get(f);
	g = ostd_spin_lock(&mm_list.lock);
	m->areas++;
	ostd_spin_unlock(&mm_list.lock, &g);
}

static void mm_file_put(struct vma_file *f)
{
	struct vma_mapping *m = vma_file_mapping(f);
	struct ostd_irq_guard g = ostd_spin_lock(&mm_list.lock);

	if (m->areas == 0)
		ostd_panic("mm: area count of a file mapping underflows");
	m->areas--;
	ostd_spin_unlock(&mm_list.lock, &g);
	/* Last: this may free the file, and the mapping with its inode. */
	vma_file_put(f);
}

/* Every area takes one (vma_new), every freed area drops one. */
const struct vma_file_ops mm_vma_file_ops = {
	.get = mm_file_get,
	.put = mm_file_put,
};

void mm_list_add(struct mm *mm)
{
	struct ostd_irq_guard g = ostd_spin_lock(&mm_list.lock);

	mm->all_prev = NULL;
	mm->all_next = mm_list.head;
	if (mm_list.head)
		mm_list.head->all_prev = mm;
	mm_list.head = mm;
	ostd_spin_unlock(&mm_list.lock, &g);
}

void mm_list_del(struct mm *mm)
{
	struct ostd_irq_guard g = ostd_spin_lock(&mm_list.lock);

	if (mm->all_prev)
		mm->all_prev->all_next = mm->all_next;
	else
		mm_list.head = mm->all_next;
	if (mm->all_next)
		mm->all_next->all_prev = mm->all_prev;
	mm->all_prev = NULL;
	mm->all_next = NULL;
	ostd_spin_unlock(&mm_list.lock, &g);
}

/* Unmaps the pages at file offset @from and beyond of @mm's areas of @m. */
static void mm_unmap_mapping_in(struct mm *mm, const struct vma_mapping *m,
				uint64_t from)
{
	const struct vma *v;

	for (v = vma_first(&mm->areas); v; v = vma_next(v)) {
		uint64_t start = v->start;

		if (!v->file || vma_file_mapping(v->file) != m)
			continue;
		if (v->offset + (v->end - v->start) <= from)
			continue; /* wholly before the cut */
		if (from > v->offset)
			start += from - v->offset;
		mm_update_hiwater(mm);
		/* Page-aligned and inside the area: cannot fail. */
		(void)ostd_vmspace_unmap(mm->vs, start, v->end - start);
	}
}

void mm_unmap_mapping(struct vma_mapping *m, uint64_t pgoff)
{
	struct ostd_irq_guard g;
	struct mm *mm;

	/* No area can map a page this far (offsets are 64-bit bytes). */
	if (pgoff > UINT64_MAX / OSTD_PAGE_SIZE)
		return;
	g = ostd_spin_lock(&mm_list.lock);
	if (m->areas > 0) {
		for (mm = mm_list.head; mm; mm = mm->all_next)
			mm_unmap_mapping_in(mm, m, pgoff * OSTD_PAGE_SIZE);
	}
	ostd_spin_unlock(&mm_list.lock, &g);
}

int mm_set_exe_file(struct mm *mm, struct vma_file *f)
{
	struct vma_file *old = mm->exe_file;

	if (f) {
		int err = vma_file_deny_write(f);

		if (err < 0)
			return err;
		vma_file_get(f);
	}
	mm->exe_file = f;
	if (old) {
		vma_file_allow_write(old);
		vma_file_put(old);
	}
	return 0;
}
