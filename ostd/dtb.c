// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/dtb.c - a careful reader of the flattened device tree (FDT v17).
 *
 * The blob comes from firmware, so nothing in it is trusted: every offset
 * and length is checked against totalsize (itself checked against what the
 * caller says is readable) before it is used, strings must be terminated
 * inside their block, and nesting is bounded. Malformed input yields an
 * error, never an out-of-bounds read.
 *
 * We walk the structure block once. Each open node collects the few
 * properties we care about; the node is interpreted when it ends, using
 * the #address-cells/#size-cells of its parent for "reg".
 *
 * Pure C with no asm: also compiled natively for tests/unit/test_dtb.c.
 */
#include "internal.h"

#define FDT_MAGIC 0xd00dfeedU
#define FDT_BEGIN_NODE 1U
#define FDT_END_NODE 2U
#define FDT_PROP 3U
#define FDT_NOP 4U
#define FDT_END 9U
#define FDT_HEADER_SIZE 40U
#define FDT_MAX_SIZE (64U << 20)
#define MAX_DEPTH 16
#define PATH_MAX_LEN 128
#define MAX_UARTS 4
#define IRQ_S_EXT 9 /* the S-mode external interrupt of a riscv,cpu-intc */

const char *const ostd_dt_compat_names[OSTD_COMPAT_COUNT] = {
	[OSTD_COMPAT_NS16550A] = "ns16550a",
	[OSTD_COMPAT_NS16550] = "ns16550",
	[OSTD_COMPAT_VIRTIO_MMIO] = "virtio,mmio",
	[OSTD_COMPAT_GOLDFISH_RTC] = "google,goldfish-rtc",
	[OSTD_COMPAT_RISCV_PLIC0] = "riscv,plic0",
	[OSTD_COMPAT_SIFIVE_PLIC] = "sifive,plic-1.0.0",
};

/* A bounds-checked window of the blob. */
struct fdt {
	const uint8_t *base;
	uint32_t size;
	uint32_t struct_off, struct_end;
	uint32_t strings_off, strings_end;
};

/* A property value, already checked to lie inside the blob. */
struct prop {
	const uint8_t *p;
	uint32_t len;
};

/* The interesting properties of one open node. */
struct node {
	const char *name;
	uint32_t addr_cells, size_cells; /* for this node's children */
	struct prop reg, compat, dev_type, status, irq, reg_shift, ndev;
	struct prop phandle, irq_ext;
	size_t path_len;
};

/* A hart's local interrupt controller: its phandle and the hart's id. */
struct intc {
	uint32_t phandle;
	uint64_t hart;
};

struct uart_cand {
	struct ostd_mmio_region reg;
	uint32_t irq, shift;
	char path[PATH_MAX_LEN];
};

struct walk {
	struct fdt fdt;
	struct ostd_platform *out;
	struct node stack[MAX_DEPTH];
	int depth;
	char path[PATH_MAX_LEN];
	bool path_ok;
	struct prop stdout_path;
	struct uart_cand uarts[MAX_UARTS];
	int nuarts;
	struct intc intcs[OSTD_MAX_HARTS];
	int nintcs;
	struct prop plic_irq_ext; /* the PLIC's interrupts-extended */
};

/* Precondition: [p, p+4) is inside the blob. */
static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
	       ((uint32_t)p[2] << 8) | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	/* SAFETY: callers checked [p, p+8) is inside the blob. */
	return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

/* A 1- or 2-cell number starting at cell @i of @pr; false if too short. */
static bool prop_cells(struct prop pr, uint32_t i, uint32_t cells,
		       uint64_t *out)
{
	if (cells == 0 || cells > 2 || pr.len / 4 < i + cells)
		return false;
	/* SAFETY: (i + cells) * 4 <= pr.len was checked just above. */
	*out = cells == 1 ? be32(pr.p + 4 * i) : be64(pr.p + 4 * i);
	return true;
}

/* A 4- or 8-byte number property (initrd bounds, timebase). */
static bool prop_num(struct prop pr, uint64_t *out)
{
	if (pr.len == 4 || pr.len == 8)
		return prop_cells(pr, 0, pr.len / 4, out);
	return false;
}

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/* True if node name @name is @base or starts with "@base@". */
static bool name_is(const char *name, const char *base)
{
	while (*base && *name == *base) {
		name++;
		base++;
	}
	return *base == 0 && (*name == 0 || *name == '@');
}

/* True if the string list @pr contains @s exactly. */
static bool prop_has_str(struct prop pr, const char *s)
{
	uint32_t i = 0;

	while (i < pr.len) {
		uint32_t j = i;

		while (j < pr.len && pr.p[j] != 0)
			j++;
		if (j == pr.len)
			return false; /* unterminated: ignore the rest */
		/* SAFETY: pr.p[i..j] is NUL-terminated inside the value. */
		if (str_eq((const char *)(pr.p + i), s))
			return true;
		i = j + 1;
	}
	return false;
}

/* A property that is a single terminated string, or NULL. */
static const char *prop_str(struct prop pr)
{
	if (pr.len == 0 || pr.p[pr.len - 1] != 0)
		return NULL;
	/* SAFETY: the value ends with a NUL inside the blob. */
	return (const char *)pr.p;
}

static int header_check(struct fdt *f, const uint8_t *b, size_t avail)
{
	uint32_t total, so, ss, sto, sts;

	if (avail < FDT_HEADER_SIZE || be32(b) != FDT_MAGIC)
		return -OSTD_EINVAL;
	/* SAFETY: the 40-byte header is inside @avail (checked above). */
	total = be32(b + 4);
	so = be32(b + 8);
	sto = be32(b + 12);
	if (be32(b + 20) < 17 || be32(b + 24) > 17)
		return -OSTD_EINVAL; /* version, last compatible version */
	sts = be32(b + 32);
	ss = be32(b + 36);
	if (total < FDT_HEADER_SIZE || total > avail || total > FDT_MAX_SIZE)
		return -OSTD_EINVAL;
	if (so < FDT_HEADER_SIZE || so > total || ss > total - so || (so & 3))
		return -OSTD_EINVAL;
	if (sto > total || sts > total - sto)
		return -OSTD_EINVAL;
	f->base = b;
	f->size = total;
	f->struct_off = so;
	f->struct_end = so + ss;
	f->strings_off = sto;
	f->strings_end = sto + sts;
	return 0;
}

/* The property name at @nameoff, or NULL if not terminated in the block. */
static const char *fdt_string(const struct fdt *f, uint32_t nameoff)
{
	uint32_t start, i;

	if (nameoff >= f->strings_end - f->strings_off)
		return NULL;
	start = f->strings_off + nameoff;
	for (i = start; i < f->strings_end; i++)
		if (f->base[i] == 0)
			/* SAFETY: a NUL lies at base[i], inside the block. */
			return (const char *)(f->base + start);
	return NULL;
}

static void add_reserved(struct ostd_platform *out, uint64_t base,
			 uint64_t size)
{
	if (size == 0 || out->reserved_count >= OSTD_MAX_RESERVED)
		return;
	out->reserved[out->reserved_count].base = base;
	out->reserved[out->reserved_count].size = size;
	out->reserved_count++;
}

/* The first (address, size) pair of @n's reg, in the parent's cells. */
static bool node_reg(const struct walk *w, const struct node *n,
		     struct ostd_mmio_region *r)
{
	const struct node *parent;
	uint64_t size = 0;

	if (w->depth < 1)
		return false;
	parent = &w->stack[w->depth - 1];
	if (!prop_cells(n->reg, 0, parent->addr_cells, &r->base))
		return false;
	if (parent->size_cells != 0 &&
	    !prop_cells(n->reg, parent->addr_cells, parent->size_cells, &size))
		return false;
	r->size = size;
	return true;
}

static uint32_t prop_u32_or(struct prop pr, uint32_t dflt)
{
	return pr.len >= 4 ? be32(pr.p) : dflt;
}

static void chosen_prop(struct walk *w, const char *name, struct prop pr)
{
	struct ostd_platform *out = w->out;
	uint64_t v;

	if (str_eq(name, "bootargs") && prop_str(pr))
		out->bootargs = prop_str(pr);
	else if (str_eq(name, "linux,initrd-start") && prop_num(pr, &v))
		out->initrd_start = v;
	else if (str_eq(name, "linux,initrd-end") && prop_num(pr, &v))
		out->initrd_end = v;
	else if (str_eq(name, "rng-seed")) {
		out->rng_seed = pr.p;
		out->rng_seed_len = pr.len;
	} else if (str_eq(name, "stdout-path"))
		w->stdout_path = pr;
}

/* Records one property of the innermost open node. */
static void on_prop(struct walk *w, const char *name, struct prop pr)
{
	struct node *n = &w->stack[w->depth];
	uint64_t v;

	if (str_eq(name, "#address-cells"))
		n->addr_cells = prop_u32_or(pr, 2);
	else if (str_eq(name, "#size-cells"))
		n->size_cells = prop_u32_or(pr, 1);
	else if (str_eq(name, "reg"))
		n->reg = pr;
	else if (str_eq(name, "compatible"))
		n->compat = pr;
	else if (str_eq(name, "device_type"))
		n->dev_type = pr;
	else if (str_eq(name, "status"))
		n->status = pr;
	else if (str_eq(name, "interrupts"))
		n->irq = pr;
	else if (str_eq(name, "reg-shift"))
		n->reg_shift = pr;
	else if (str_eq(name, "riscv,ndev"))
		n->ndev = pr;
	else if (str_eq(name, "phandle"))
		n->phandle = pr;
	else if (str_eq(name, "interrupts-extended"))
		n->irq_ext = pr;
	if (w->depth == 1 && name_is(n->name, "chosen"))
		chosen_prop(w, name, pr);
	if (w->depth == 1 && name_is(n->name, "cpus") &&
	    str_eq(name, "timebase-frequency") && prop_num(pr, &v))
		w->out->timebase_freq = v;
}

static bool node_enabled(const struct node *n)
{
	const char *s = prop_str(n->status);

	return s == NULL || str_eq(s, "okay") || str_eq(s, "ok");
}

static void found_uart(struct walk *w, const struct node *n,
		       struct ostd_mmio_region r)
{
	struct uart_cand *u;
	size_t i;

	if (w->nuarts >= MAX_UARTS)
		return;
	u = &w->uarts[w->nuarts++];
	u->reg = r;
	u->irq = prop_u32_or(n->irq, 0);
	u->shift = prop_u32_or(n->reg_shift, 0);
	u->path[0] = 0;
	if (!w->path_ok)
		return;
	for (i = 0; i < n->path_len && i + 1 < PATH_MAX_LEN; i++)
		u->path[i] = w->path[i];
	u->path[i] = 0;
}

/* Records @n if it has a compatible string ostd hands out (mmio.c). */
static void found_device(struct walk *w, const struct node *n,
			 struct ostd_mmio_region r)
{
	struct ostd_platform *out = w->out;
	struct ostd_dt_device *d;
	uint32_t mask = 0;

	for (int i = 0; i < OSTD_COMPAT_COUNT; i++)
		if (prop_has_str(n->compat, ostd_dt_compat_names[i]))
			mask |= 1U << i;
	if (mask == 0 || out->device_count >= OSTD_MAX_DEVICES ||
	    r.size == 0 || r.size > OSTD_MMIO_MAX_SIZE || r.base + r.size < r.base)
		return;
	d = &out->devices[out->device_count++];
	d->reg = r;
	d->compat_mask = mask;
	d->irq = prop_u32_or(n->irq, 0);
	d->reg_shift = prop_u32_or(n->reg_shift, 0);
}

/*
 * Drops devices overlapping RAM: the kernel gets their windows as MMIO
 * handles, and /memory may come after them in the tree.
 */
static void drop_ram_devices(struct ostd_platform *out)
{
	uint32_t kept = 0;

	for (uint32_t i = 0; i < out->device_count; i++) {
		struct ostd_mmio_region r = out->devices[i].reg;

		if (r.base < out->mem_base + out->mem_size &&
		    out->mem_base < r.base + r.size)
			continue;
		out->devices[kept++] = out->devices[i];
	}
	out->device_count = kept;
}

/*
 * A riscv,cpu-intc node inside a cpu node: remember which hart its
 * phandle stands for. The cpu's reg precedes its children in the blob.
 */
static void found_intc(struct walk *w, const struct node *n)
{
	const struct node *cpu, *cpus;
	uint64_t hart;

	if (w->depth < 3 || w->nintcs >= OSTD_MAX_HARTS || n->phandle.len != 4)
		return;
	cpu = &w->stack[w->depth - 1];
	cpus = &w->stack[w->depth - 2];
	if (!prop_has_str(cpu->dev_type, "cpu") ||
	    !prop_cells(cpu->reg, 0, cpus->addr_cells, &hart))
		return;
	w->intcs[w->nintcs].phandle = be32(n->phandle.p);
	w->intcs[w->nintcs].hart = hart;
	w->nintcs++;
}

/*
 * PLIC context i is the i-th (phandle, irq) pair of its interrupts-extended
 * (as in Linux's irq-sifive-plic.c); the one carrying irq 9 (S-mode
 * external) to a hart's cpu-intc is that hart's S-mode context. On QEMU
 * virt that is 2 * hart + 1 (even contexts are M-mode).
 */
static void resolve_plic_contexts(struct walk *w)
{
	struct prop ie = w->plic_irq_ext;

	for (uint32_t i = 0; i < ie.len / 8; i++) {
		uint64_t ph, irq;

		if (!prop_cells(ie, 2 * i, 1, &ph) ||
		    !prop_cells(ie, 2 * i + 1, 1, &irq) || irq != IRQ_S_EXT)
			continue;
		for (int k = 0; k < w->nintcs; k++)
			if (w->intcs[k].phandle == ph &&
			    w->intcs[k].hart < OSTD_MAX_HARTS)
				w->out->plic_s_context[w->intcs[k].hart] = i + 1;
	}
}

/* Interprets node @n (depth w->depth) once all its properties are known. */
static void on_node_end(struct walk *w, const struct node *n)
{
	struct ostd_platform *out = w->out;
	const struct node *parent = w->depth > 0 ? &w->stack[w->depth - 1] : NULL;
	struct ostd_mmio_region r;
	bool has_reg = w->depth > 0 && node_reg(w, n, &r);

	if (w->depth == 1 && has_reg && out->mem_size == 0 &&
	    (name_is(n->name, "memory") || prop_has_str(n->dev_type, "memory"))) {
		out->mem_base = r.base;
		out->mem_size = r.size;
	}
	if (w->depth == 2 && name_is(parent->name, "cpus") &&
	    prop_has_str(n->dev_type, "cpu") && node_enabled(n))
		out->hart_count++;
	if (w->depth == 2 && name_is(parent->name, "reserved-memory") && has_reg)
		add_reserved(out, r.base, r.size);
	if (prop_has_str(n->compat, "riscv,cpu-intc"))
		found_intc(w, n);
	if (!has_reg || !node_enabled(n))
		return;
	found_device(w, n, r);
	if (prop_has_str(n->compat, "ns16550a") || prop_has_str(n->compat, "ns16550"))
		found_uart(w, n, r);
	if (out->plic.size == 0 && (prop_has_str(n->compat, "riscv,plic0") ||
				    prop_has_str(n->compat, "sifive,plic-1.0.0"))) {
		out->plic = r;
		out->plic_ndev = prop_u32_or(n->ndev, 0);
		w->plic_irq_ext = n->irq_ext;
	}
	if (out->rtc.size == 0 && prop_has_str(n->compat, "google,goldfish-rtc"))
		out->rtc = r;
	if (out->test_dev.size == 0 && (prop_has_str(n->compat, "sifive,test1") ||
					prop_has_str(n->compat, "sifive,test0")))
		out->test_dev = r;
}

/* Opens a child node called @name: pushes it and extends the path. */
static int begin_node(struct walk *w, const char *name)
{
	struct node *n;
	size_t plen, i;

	if (w->depth + 1 >= MAX_DEPTH)
		return -OSTD_EINVAL;
	w->depth++;
	n = &w->stack[w->depth];
	*n = (struct node){ .name = name, .addr_cells = 2, .size_cells = 1 };
	plen = w->depth > 0 ? w->stack[w->depth - 1].path_len : 0;
	if (w->depth == 0) {
		w->path[0] = '/';
		n->path_len = 1;
		return 0;
	}
	if (plen > 1)
		w->path[plen++] = '/';
	for (i = 0; name[i] && plen + 1 < PATH_MAX_LEN; i++)
		w->path[plen++] = name[i];
	if (name[i])
		w->path_ok = false;
	n->path_len = plen;
	return 0;
}

/* Reads a node name at @pos; returns the position after it, or 0. */
static uint32_t node_name(const struct fdt *f, uint32_t pos, const char **name)
{
	uint32_t i;

	for (i = pos; i < f->struct_end; i++) {
		if (f->base[i] == 0) {
			/* SAFETY: base[pos..i] is NUL-terminated in the block. */
			*name = (const char *)(f->base + pos);
			return (i + 1 + 3) & ~3U;
		}
	}
	return 0;
}

/* Handles FDT_PROP at @pos (after the token); returns the next position. */
static uint32_t walk_prop(struct walk *w, uint32_t pos)
{
	const struct fdt *f = &w->fdt;
	struct prop pr;
	const char *name;
	uint32_t len;

	if (w->depth < 0 || f->struct_end - pos < 8)
		return 0;
	/* SAFETY: 8 bytes at pos are inside the structure block. */
	len = be32(f->base + pos);
	name = fdt_string(f, be32(f->base + pos + 4));
	pos += 8;
	if (name == NULL || len > f->struct_end - pos)
		return 0;
	/* SAFETY: [pos, pos+len) is inside the structure block. */
	pr.p = f->base + pos;
	pr.len = len;
	on_prop(w, name, pr);
	return (pos + len + 3) & ~3U;
}

/* Walks the structure block; 0 on a well-formed tree. */
static int walk_tree(struct walk *w)
{
	const struct fdt *f = &w->fdt;
	uint32_t pos = f->struct_off;

	while (pos != 0 && pos <= f->struct_end && f->struct_end - pos >= 4) {
		uint32_t tok = be32(f->base + pos);
		const char *name;

		pos += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			if (w->depth < 0 && pos != f->struct_off + 4)
				return -OSTD_EINVAL; /* a second root */
			pos = node_name(f, pos, &name);
			if (pos == 0 || begin_node(w, name))
				return -OSTD_EINVAL;
			break;
		case FDT_END_NODE:
			if (w->depth < 0)
				return -OSTD_EINVAL;
			on_node_end(w, &w->stack[w->depth]);
			w->depth--;
			break;
		case FDT_PROP:
			pos = walk_prop(w, pos);
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return w->depth == -1 ? 0 : -OSTD_EINVAL;
		default:
			return -OSTD_EINVAL;
		}
	}
	return -OSTD_EINVAL; /* ran off the block without FDT_END */
}

static void walk_memreserve(const uint8_t *b, const struct fdt *f,
			    struct ostd_platform *out)
{
	/* SAFETY: the header lies inside the blob. */
	uint32_t off = be32(b + 16);

	while (off <= f->size && f->size - off >= 16) {
		/* SAFETY: [off, off+16) is inside the blob. */
		uint64_t base = be64(b + off), size = be64(b + off + 8);

		if (base == 0 && size == 0)
			break;
		add_reserved(out, base, size);
		off += 16;
	}
}

/* Picks the UART named by /chosen/stdout-path, else the first one. */
static void pick_uart(struct walk *w)
{
	const char *sp = prop_str(w->stdout_path);
	int pick = 0;

	if (w->nuarts == 0)
		return;
	for (int i = 0; sp && i < w->nuarts; i++) {
		size_t k = 0;

		while (sp[k] && sp[k] != ':' && sp[k] == w->uarts[i].path[k])
			k++;
		if ((sp[k] == 0 || sp[k] == ':') && w->uarts[i].path[k] == 0 && k) {
			pick = i;
			break;
		}
	}
	w->out->uart = w->uarts[pick].reg;
	w->out->uart_irq = w->uarts[pick].irq;
	w->out->uart_reg_shift = w->uarts[pick].shift;
}

int ostd_dtb_parse_sized(const void *dtb, size_t avail,
			 struct ostd_platform *out)
{
	static struct walk w; /* big: keep it off the 16 KiB boot stack */
	int err;

	*out = (struct ostd_platform){ .bootargs = "" };
	w = (struct walk){ .out = out, .depth = -1, .path_ok = true };
	/* SAFETY: the caller promises @avail readable bytes at @dtb. */
	err = header_check(&w.fdt, dtb, avail);
	if (err)
		return err;
	out->dtb_size = w.fdt.size;
	err = walk_tree(&w);
	if (err)
		return err;
	walk_memreserve(dtb, &w.fdt, out);
	pick_uart(&w);
	resolve_plic_contexts(&w);
	drop_ram_devices(out);
	if (out->initrd_end < out->initrd_start)
		out->initrd_start = out->initrd_end = 0;
	return out->mem_size == 0 ? -OSTD_ENOENT : 0;
}

int ostd_dtb_parse(const void *dtb, struct ostd_platform *out)
{
	/*
	 * SAFETY: firmware passed a DTB; its header is readable and the blob
	 * is bounded by its own totalsize (capped at FDT_MAX_SIZE), which the
	 * boot page table maps.
	 */
	const uint8_t *b = dtb;
	uint32_t total = be32(b + 4);

	if (be32(b) != FDT_MAGIC)
		return -OSTD_EINVAL;
	return ostd_dtb_parse_sized(dtb, total, out);
}
