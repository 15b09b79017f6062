// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_dtb.c - host test of the device-tree reader (ostd/dtb.c).
 *
 * A tiny FDT builder makes a QEMU-virt-like tree by hand (no QEMU here);
 * we check every fact the reader extracts, then feed it malformed blobs:
 * bad magic, truncations at every length, offsets out of range, huge
 * lengths, deep nesting and random corruption. Each blob sits in a buffer
 * of exactly its size, so ASan catches any read past the end.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* ---- a minimal FDT builder ---- */

struct fdt_builder {
	uint8_t st[8192];
	size_t st_len;
	char strs[2048];
	size_t strs_len;
	uint64_t rsv[4][2];
	int nrsv;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void st32(struct fdt_builder *b, uint32_t v)
{
	assert(b->st_len + 4 <= sizeof(b->st));
	put32(b->st + b->st_len, v);
	b->st_len += 4;
}

static void st_bytes(struct fdt_builder *b, const void *p, size_t n)
{
	assert(b->st_len + n + 4 <= sizeof(b->st));
	memcpy(b->st + b->st_len, p, n);
	b->st_len += n;
	while (b->st_len % 4)
		b->st[b->st_len++] = 0;
}

static uint32_t str_off(struct fdt_builder *b, const char *name)
{
	for (size_t i = 0; i < b->strs_len; i += strlen(b->strs + i) + 1)
		if (strcmp(b->strs + i, name) == 0)
			return (uint32_t)i;
	uint32_t off = (uint32_t)b->strs_len;
	strcpy(b->strs + off, name);
	b->strs_len += strlen(name) + 1;
	return off;
}

static void begin(struct fdt_builder *b, const char *name)
{
	st32(b, 1);
	st_bytes(b, name, strlen(name) + 1);
}

static void end(struct fdt_builder *b)
{
	st32(b, 2);
}

static void prop(struct fdt_builder *b, const char *name, const void *v, size_t n)
{
	st32(b, 3);
	st32(b, (uint32_t)n);
	st32(b, str_off(b, name));
	st_bytes(b, v, n);
}

static void prop_str(struct fdt_builder *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

/* Up to 4 cells, big-endian. */
static void prop_cells(struct fdt_builder *b, const char *name, int n,
		       uint32_t c0, uint32_t c1, uint32_t c2, uint32_t c3)
{
	uint8_t v[16];
	uint32_t c[4] = { c0, c1, c2, c3 };

	for (int i = 0; i < n; i++)
		put32(v + 4 * i, c[i]);
	prop(b, name, v, 4 * (size_t)n);
}

/* Lays out header, memreserve, struct and strings in a malloc'd blob. */
static uint8_t *finish(struct fdt_builder *b, size_t *size)
{
	size_t rsv_off = 40, st_off = rsv_off + 16 * ((size_t)b->nrsv + 1);
	size_t str_off_ = st_off + b->st_len + 4;
	size_t total = str_off_ + b->strs_len;
	uint8_t *p = calloc(1, total);

	st32(b, 9); /* FDT_END */
	put32(p, 0xd00dfeed);
	put32(p + 4, (uint32_t)total);
	put32(p + 8, (uint32_t)st_off);
	put32(p + 12, (uint32_t)str_off_);
	put32(p + 16, (uint32_t)rsv_off);
	put32(p + 20, 17);
	put32(p + 24, 16);
	put32(p + 32, (uint32_t)b->strs_len);
	put32(p + 36, (uint32_t)b->st_len);
	for (int i = 0; i < b->nrsv; i++) {
		put32(p + rsv_off + 16 * i, (uint32_t)(b->rsv[i][0] >> 32));
		put32(p + rsv_off + 16 * i + 4, (uint32_t)b->rsv[i][0]);
		put32(p + rsv_off + 16 * i + 8, (uint32_t)(b->rsv[i][1] >> 32));
		put32(p + rsv_off + 16 * i + 12, (uint32_t)b->rsv[i][1]);
	}
	memcpy(p + st_off, b->st, b->st_len);
	memcpy(p + str_off_, b->strs, b->strs_len);
	*size = total;
	return p;
}

/* ---- the test tree ---- */

static void serial(struct fdt_builder *b, const char *name, uint32_t addr,
		   uint32_t irq, const char *status)
{
	begin(b, name);
	prop_str(b, "compatible", "ns16550a");
	prop_cells(b, "reg", 4, 0, addr, 0, 0x100);
	prop_cells(b, "interrupts", 1, irq, 0, 0, 0);
	if (status)
		prop_str(b, "status", status);
	end(b);
}

static void virtio(struct fdt_builder *b, const char *name, uint32_t addr,
		   uint32_t irq)
{
	begin(b, name);
	prop_str(b, "compatible", "virtio,mmio");
	prop_cells(b, "reg", 4, 0, addr, 0, 0x1000);
	prop_cells(b, "interrupts", 1, irq, 0, 0, 0);
	end(b);
}

/*
 * Contexts: 0 = hart 0 M, 1 = hart 0 S, 2 = hart 1 S (hart 1 has no M
 * context here), 3 = hart 2 M, 4 = hart 2 S; phandle 0x10 + hart.
 */
static void plic_irq_ext(struct fdt_builder *b)
{
	static const uint32_t cells[] = { 0x10, 11, 0x10, 9, 0x11, 9,
					  0x12, 11, 0x12, 9 };
	uint8_t v[sizeof(cells)];

	for (size_t i = 0; i < sizeof(cells) / 4; i++)
		put32(v + 4 * i, cells[i]);
	prop(b, "interrupts-extended", v, sizeof(v));
}

static void soc(struct fdt_builder *b)
{
	static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
	static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";

	begin(b, "soc");
	prop_cells(b, "#address-cells", 1, 2, 0, 0, 0);
	prop_cells(b, "#size-cells", 1, 2, 0, 0, 0);
	prop(b, "ranges", "", 0);
	serial(b, "serial@10001000", 0x10001000, 11, NULL); /* not stdout */
	serial(b, "serial@10000000", 0x10000000, 10, "okay");
	serial(b, "serial@20000000", 0x20000000, 12, "disabled");
	begin(b, "plic@c000000");
	prop(b, "compatible", plic_compat, sizeof(plic_compat));
	prop_cells(b, "reg", 4, 0, 0x0c000000, 0, 0x600000);
	prop_cells(b, "riscv,ndev", 1, 95, 0, 0, 0);
	plic_irq_ext(b);
	end(b);
	begin(b, "rtc@101000");
	prop_str(b, "compatible", "google,goldfish-rtc");
	prop_cells(b, "reg", 4, 0, 0x101000, 0, 0x1000);
	end(b);
	begin(b, "test@100000");
	prop(b, "compatible", test_compat, sizeof(test_compat));
	prop_cells(b, "reg", 4, 0, 0x100000, 0, 0x1000);
	end(b);
	virtio(b, "virtio_mmio@10008000", 0x10008000, 8);
	virtio(b, "virtio_mmio@10007000", 0x10007000, 7);
	virtio(b, "virtio_mmio@80001000", 0x80001000, 6); /* in RAM: dropped */
	end(b);
}

static void cpus(struct fdt_builder *b, int n)
{
	begin(b, "cpus");
	prop_cells(b, "#address-cells", 1, 1, 0, 0, 0);
	prop_cells(b, "#size-cells", 1, 0, 0, 0, 0);
	prop_cells(b, "timebase-frequency", 1, 10000000, 0, 0, 0);
	for (int i = 0; i < n; i++) {
		char name[16];
		snprintf(name, sizeof(name), "cpu@%d", i);
		begin(b, name);
		prop_str(b, "device_type", "cpu");
		prop_cells(b, "reg", 1, (uint32_t)i, 0, 0, 0);
		begin(b, "interrupt-controller");
		prop_cells(b, "#interrupt-cells", 1, 1, 0, 0, 0);
		prop_str(b, "compatible", "riscv,cpu-intc");
		prop_cells(b, "phandle", 1, 0x10 + (uint32_t)i, 0, 0, 0);
		end(b);
		end(b);
	}
	begin(b, "cpu-map");
	begin(b, "cluster0");
	end(b);
	end(b);
	end(b);
}

static void chosen(struct fdt_builder *b)
{
	static const uint8_t seed[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	begin(b, "chosen");
	prop_str(b, "bootargs", "console=ttyS0 init=/bin/sh");
	prop_cells(b, "linux,initrd-start", 1, 0x88000000, 0, 0, 0);
	prop_cells(b, "linux,initrd-end", 2, 0, 0x88100000, 0, 0); /* 64-bit */
	prop(b, "rng-seed", seed, sizeof(seed));
	prop_str(b, "stdout-path", "/soc/serial@10000000:115200");
	end(b);
}

static uint8_t *make_virt(size_t *size, bool with_memory)
{
	static struct fdt_builder b;

	memset(&b, 0, sizeof(b));
	b.rsv[0][0] = 0x87000000;
	b.rsv[0][1] = 0x2000;
	b.nrsv = 1;
	begin(&b, "");
	prop_cells(&b, "#address-cells", 1, 2, 0, 0, 0);
	prop_cells(&b, "#size-cells", 1, 2, 0, 0, 0);
	prop_str(&b, "compatible", "riscv-virtio");
	chosen(&b);
	if (with_memory) {
		begin(&b, "memory@80000000");
		prop_str(&b, "device_type", "memory");
		prop_cells(&b, "reg", 4, 0, 0x80000000, 0, 0x8000000);
		end(&b);
	}
	cpus(&b, 3);
	begin(&b, "reserved-memory");
	prop_cells(&b, "#address-cells", 1, 2, 0, 0, 0);
	prop_cells(&b, "#size-cells", 1, 2, 0, 0, 0);
	begin(&b, "mmode_resv0@80000000");
	prop_cells(&b, "reg", 4, 0, 0x80000000, 0, 0x40000);
	end(&b);
	end(&b);
	soc(&b);
	end(&b);
	return finish(&b, size);
}

/* Copies @n bytes of @src into an exactly-sized heap buffer and parses. */
static int parse_exact(const uint8_t *src, size_t n, struct ostd_platform *p)
{
	uint8_t *buf = malloc(n ? n : 1);
	int err;

	memcpy(buf, src, n);
	err = ostd_dtb_parse_sized(buf, n, p);
	free(buf);
	return err;
}

/* The MMIO device table (tree order, enabled, outside RAM) and contexts. */
static void check_devices(const struct ostd_platform *p)
{
	const uint32_t uart = 1U << OSTD_COMPAT_NS16550A;
	const uint32_t plic = (1U << OSTD_COMPAT_RISCV_PLIC0) |
			      (1U << OSTD_COMPAT_SIFIVE_PLIC);
	const uint32_t vio = 1U << OSTD_COMPAT_VIRTIO_MMIO;
	static const struct {
		uint64_t base, size;
		uint32_t mask, irq;
	} want[] = {
		{ 0x10001000, 0x100, 1U << OSTD_COMPAT_NS16550A, 11 },
		{ 0x10000000, 0x100, 1U << OSTD_COMPAT_NS16550A, 10 },
		{ 0x0c000000, 0x600000, 0, 0 },
		{ 0x101000, 0x1000, 1U << OSTD_COMPAT_GOLDFISH_RTC, 0 },
		{ 0x10008000, 0x1000, 1U << OSTD_COMPAT_VIRTIO_MMIO, 8 },
		{ 0x10007000, 0x1000, 1U << OSTD_COMPAT_VIRTIO_MMIO, 7 },
	};

	assert(p->device_count == sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < p->device_count; i++) {
		const struct ostd_dt_device *d = &p->devices[i];

		assert(d->reg.base == want[i].base && d->reg.size == want[i].size);
		assert(d->compat_mask == (want[i].mask ? want[i].mask : plic));
		assert(d->irq == want[i].irq && d->reg_shift == 0);
	}
	assert(p->devices[0].compat_mask == uart && p->devices[4].compat_mask == vio);
	/* 1 + the S-mode context of each hart, from interrupts-extended. */
	assert(p->plic_s_context[0] == 2 && p->plic_s_context[1] == 3 &&
	       p->plic_s_context[2] == 5 && p->plic_s_context[3] == 0);
}

static void test_virt(void)
{
	struct ostd_platform p;
	size_t n;
	uint8_t *blob = make_virt(&n, true);

	assert(ostd_dtb_parse_sized(blob, n, &p) == 0);
	assert(p.mem_base == 0x80000000 && p.mem_size == 0x8000000);
	assert(p.dtb_size == n);
	assert(strcmp(p.bootargs, "console=ttyS0 init=/bin/sh") == 0);
	assert(p.initrd_start == 0x88000000 && p.initrd_end == 0x88100000);
	assert(p.rng_seed_len == 8 && p.rng_seed[0] == 1 && p.rng_seed[7] == 8);
	assert(p.hart_count == 3);
	assert(p.timebase_freq == 10000000);
	assert(p.uart.base == 0x10000000 && p.uart.size == 0x100);
	assert(p.uart_irq == 10 && p.uart_reg_shift == 0);
	assert(p.plic.base == 0x0c000000 && p.plic.size == 0x600000);
	assert(p.plic_ndev == 95);
	assert(p.rtc.base == 0x101000 && p.rtc.size == 0x1000);
	assert(p.test_dev.base == 0x100000 && p.test_dev.size == 0x1000);
	assert(p.reserved_count == 2);
	assert(p.reserved[0].base == 0x80000000 && p.reserved[0].size == 0x40000);
	assert(p.reserved[1].base == 0x87000000 && p.reserved[1].size == 0x2000);
	check_devices(&p);
	/* ostd_dtb_parse (trusting the header's size) agrees. */
	assert(ostd_dtb_parse(blob, &p) == 0 && p.hart_count == 3);
	free(blob);

	blob = make_virt(&n, false);
	assert(ostd_dtb_parse_sized(blob, n, &p) == -OSTD_ENOENT);
	free(blob);
}

static void test_bad_headers(void)
{
	struct ostd_platform p;
	size_t n;
	uint8_t *blob = make_virt(&n, true);
	uint8_t *copy = malloc(n);

	/* Bad magic, old version, sizes and offsets out of range. */
	struct { size_t off; uint32_t val; } bad[] = {
		{ 0, 0xd00dfeee },               /* magic */
		{ 4, (uint32_t)n + 1 },          /* totalsize > avail */
		{ 4, 39 },                       /* totalsize < header */
		{ 8, (uint32_t)n + 4 },          /* off_dt_struct past end */
		{ 8, 0 },                        /* struct overlapping header */
		{ 8, 42 },                       /* misaligned struct */
		{ 36, 0x7ffffff0 },              /* size_dt_struct huge */
		{ 12, (uint32_t)n + 1 },         /* off_dt_strings past end */
		{ 32, 0xfffffff0 },              /* size_dt_strings huge */
		{ 20, 16 },                      /* version 16 */
		{ 24, 18 },                      /* last_comp_version 18 */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		memcpy(copy, blob, n);
		put32(copy + bad[i].off, bad[i].val);
		assert(parse_exact(copy, n, &p) == -OSTD_EINVAL);
	}
	/* Truncations at every length, with and without a matching totalsize. */
	for (size_t len = 0; len < n; len++) {
		assert(parse_exact(blob, len, &p) < 0);
		if (len >= 8) {
			memcpy(copy, blob, n);
			put32(copy + 4, (uint32_t)len);
			assert(parse_exact(copy, len, &p) < 0);
		}
	}
	free(copy);
	free(blob);
}

/* A blob whose struct block is exactly @words (plus FDT_END if @end). */
static int parse_struct(const uint32_t *words, size_t nw, const char *strs,
			size_t slen)
{
	struct fdt_builder b;
	struct ostd_platform p;
	size_t n;
	uint8_t *blob;
	int err;

	memset(&b, 0, sizeof(b));
	for (size_t i = 0; i < nw; i++)
		st32(&b, words[i]);
	memcpy(b.strs, strs, slen);
	b.strs_len = slen;
	blob = finish(&b, &n);
	err = parse_exact(blob, n, &p);
	free(blob);
	return err;
}

static void test_bad_structure(void)
{
	/* "reg\0" is at string offset 0. */
	static const char s[] = "reg";
	const uint32_t root = 1, root_name = 0; /* BEGIN_NODE "" */
	uint32_t prop_huge[] = { root, root_name, 3, 0x7fffffff, 0, 2 };
	uint32_t prop_bad_name[] = { root, root_name, 3, 4, 500, 0, 2 };
	uint32_t end_at_top[] = { 2 };
	uint32_t bad_token[] = { root, root_name, 7, 2 };
	uint32_t unclosed[] = { root, root_name };
	uint32_t unterminated_name[] = { root, 0x41414141 };
	uint32_t prop_outside[] = { 3, 4, 0, 0 };
	uint32_t two_roots[] = { root, root_name, 2, root, root_name, 2 };
	uint32_t deep[2 * 20 + 1];

	assert(parse_struct(prop_huge, 6, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(prop_bad_name, 7, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(end_at_top, 1, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(bad_token, 4, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(unclosed, 2, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(unterminated_name, 2, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(prop_outside, 4, s, sizeof(s)) == -OSTD_EINVAL);
	assert(parse_struct(two_roots, 6, s, sizeof(s)) == -OSTD_EINVAL);
	for (int i = 0; i < 20; i++) {
		deep[2 * i] = 1;
		deep[2 * i + 1] = 0x61000000; /* "a" */
	}
	assert(parse_struct(deep, 40, s, sizeof(s)) == -OSTD_EINVAL);
	/* A well-formed but empty tree: no /memory. */
	uint32_t empty[] = { root, root_name, 2 };
	assert(parse_struct(empty, 3, s, sizeof(s)) == -OSTD_ENOENT);
}

/* Random byte corruption must never crash or read out of bounds. */
static void test_corruption(void)
{
	struct ostd_platform p;
	size_t n;
	uint8_t *blob = make_virt(&n, true);
	uint8_t *copy = malloc(n);
	unsigned seed = 12345;

	for (int iter = 0; iter < 20000; iter++) {
		memcpy(copy, blob, n);
		for (int k = 0; k < 1 + iter % 4; k++) {
			seed = seed * 1103515245 + 12345;
			size_t at = 40 + (seed >> 8) % (n - 40);
			seed = seed * 1103515245 + 12345;
			copy[at] = (uint8_t)(seed >> 16);
		}
		(void)parse_exact(copy, n, &p);
	}
	free(copy);
	free(blob);
}

int main(void)
{
	test_virt();
	test_bad_headers();
	test_bad_structure();
	test_corruption();
	printf("test_dtb: ok\n");
	return 0;
}
