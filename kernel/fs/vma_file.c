// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/vma_file.c - the VFS half of file mappings (declared at the
 * end of kernel/mm/mm.h).
 *
 * A mapped area holds the open file it was mapped from, as Linux's
 * vma->vm_file does: struct vma_file is embedded in struct file (vfs.h),
 * its references are the file's, and its pages are the file's page-cache
 * frames, shared with read() and write(). Its mapping, which counts the
 * areas of every space that map the file's data, is the inode's; and an
 * address space denies writes to its executable through it (mm_file.c).
 */
#include "fs/vfs.h"
#include "mm/mm.h"

void vma_file_get(struct vma_file *f)
{
	(void)file_get(f->file);
}

void vma_file_put(struct vma_file *f)
{
	file_put(f->file);
}

struct ostd_frame *vma_file_get_page(struct vma_file *f, uint64_t pgoff,
				     bool fill, int *err)
{
	return vfs_file_get_page(f->file, pgoff, fill, err);
}

struct vma_mapping *vma_file_mapping(struct vma_file *f)
{
	return &f->file->inode->mapping;
}

int vma_file_deny_write(struct vma_file *f)
{
	return vfs_deny_write(f->file);
}

void vma_file_allow_write(struct vma_file *f)
{
	vfs_allow_write(f->file);
}
