// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/fuzz_cpio.c - libFuzzer target for kernel/cpio.c.
 *
 * Feeds arbitrary bytes to the newc reader (ASan/UBSan catch any bad
 * access) and checks its promises: results are 1/0/CPIO_EINVAL/CPIO_ENOTSUP,
 * names and data lie inside the input, data.len == filesize, errors come
 * with a message and are sticky, and iteration always terminates.
 * Registered as a short test (-runs=20000, seeds from tools/mkcpio.py).
 */
#include <stdint.h>
#include <stdlib.h>

#include "cpio.h"

static void check(int cond)
{
	if (!cond)
		abort();
}

/* The view @b lies inside [data, data + size). */
static int inside(struct ostd_bytes b, const uint8_t *data, size_t size)
{
	return b.len == 0 || (b._ostd_ptr >= data && b.len <= size &&
			      (size_t)(b._ostd_ptr - data) <= size - b.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cpio_iter it;
	struct cpio_entry e;
	size_t entries = 0;
	int r;

	cpio_iter_init(&it, ostd_bytes_of(data, size));
	while ((r = cpio_next(&it, &e)) == 1) {
		check(inside(e.name, data, size) && inside(e.data, data, size));
		check(e.name.len > 0 && e.data.len == e.filesize);
		check(ostd_bytes_find(e.name, 0, 0) < 0);
		for (size_t i = 0; i < e.data.len; i++)
			check(ostd_bytes_at(e.data, i) >= 0);
		check(++entries <= size / 112); /* each entry takes >= 112 bytes */
	}
	check(r == 0 || r == CPIO_EINVAL || r == CPIO_ENOTSUP);
	if (r < 0)
		check(it.err_msg != NULL && cpio_next(&it, &e) == r);
	else
		check(it.err_msg == NULL && cpio_next(&it, &e) == 0);
	return 0;
}
