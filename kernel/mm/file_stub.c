// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/file_stub.c - TEMPORARY stand-ins for the VFS half of file
 * mappings (declared at the end of mm.h).
 *
 * The VFS does not hand out struct vma_file objects yet, so no area can
 * hold one and these are never reached: sys_mmap refuses file mappings
 * with -ENODEV until it can. When kernel/fs implements vma_file_get,
 * vma_file_put and vma_file_get_page, delete this file and its line in
 * kernel/meson.build (the linker will complain about duplicates otherwise).
 */
#include <ostd/log.h>

#include "../errno.h"
#include "mm.h"

void vma_file_get(struct vma_file *f)
{
	(void)f;
	ostd_panic("vma_file_get: file mappings are not implemented");
}

void vma_file_put(struct vma_file *f)
{
	(void)f;
	ostd_panic("vma_file_put: file mappings are not implemented");
}

struct ostd_frame *vma_file_get_page(struct vma_file *f, uint64_t pgoff,
				     bool fill, int *err)
{
	(void)f;
	(void)pgoff;
	(void)fill;
	*err = -ENODEV;
	return NULL;
}
