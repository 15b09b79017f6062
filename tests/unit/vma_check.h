/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/vma_check.h - shared by the VMA unit tests: the failure
 * counter behind CHECK (check.h), the test's struct mm and fake files, and
 * the tree invariant checker.
 */
#ifndef TESTS_UNIT_VMA_CHECK_H
#define TESTS_UNIT_VMA_CHECK_H

#include <stdio.h>

#include "../../kernel/mm/vma.h"
#include "check.h"

extern int failures;

#define PG 4096UL
#define RW (VMA_READ | VMA_WRITE)

/* The owner: records what vma_unmap()/destroy report. */
struct mm {
	size_t npieces;
	uint64_t start[64];
	uint64_t end[64];
	uint64_t offset[64];
	unsigned prot[64];
	uint64_t pages; /* total pages reported */
};

/* Fake files with reference counts (files[] use fops). */
struct vma_file {
	int refs;
};

extern struct vma_file files[3];
extern const struct vma_file_ops fops;

/* Height of a subtree (0 for NULL). */
int vma_h(const struct vma *v);
/*
 * Checks order, parent links, AVL balance, subtree summaries and the count
 * of @t; failures are counted.
 */
void check_tree(const struct vma_tree *t);
/* The areas of @t as "s-e:p s-e:p" in pages (a static buffer). */
const char *layout(const struct vma_tree *t);
/* The randomized test (test_vma_random.c). */
void test_random(int steps, uint64_t window, uint64_t seed);

#endif
