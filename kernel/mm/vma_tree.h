/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/mm/vma_tree.h - the AVL tree under vma.h, private to kernel/mm/vma*.c.
 *
 * vma_tree.c keeps the tree shape and the per-subtree summaries (height,
 * lowest start, highest end, largest inner hole); vma.c builds the area
 * operations on top; vma_gap.c searches holes using the summaries.
 */
#ifndef KERNEL_MM_VMA_TREE_H
#define KERNEL_MM_VMA_TREE_H

#include "vma.h"

/* Links detached @v into @t. -OSTD_EEXIST if it overlaps an area. */
int vma_tree_link(struct vma_tree *t, struct vma *v);
/* Unlinks @v (which must be in @t); @v is detached afterwards. */
void vma_tree_unlink(struct vma_tree *t, struct vma *v);
/*
 * @v's bounds changed in place (staying between its neighbours, so the
 * order holds): recomputes the summaries from @v up to the root.
 */
void vma_tree_fixup(struct vma *v);
/* The last area with start < @addr, or NULL. */
struct vma *vma_tree_last_below(const struct vma_tree *t, uint64_t addr);
/* Leftmost / rightmost area of the subtree rooted at @v. */
struct vma *vma_tree_leftmost(struct vma *v);
struct vma *vma_tree_rightmost(struct vma *v);

#endif
