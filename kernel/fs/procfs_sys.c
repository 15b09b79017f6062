// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_sys.c - the system-wide files of /proc: meminfo,
 * uptime and mounts, in Linux's formats (fs/proc/meminfo.c,
 * fs/proc/uptime.c, fs/proc_namespace.c), and the text buffer they are
 * written into.
 *
 * meminfo maps racho's accounting onto Linux's fields: RAM is the frame
 * allocator's; tmpfs file pages (the initramfs included) are Shmem and
 * Cached, as on Linux; the kernel heap is unreclaimable slab; kernel
 * stacks are 16 KiB per process; the rest of the used frames (user
 * memory, page tables) is reported as anonymous. There is no swap, no
 * page cache to reclaim and no vmalloc area.
 */
#include <ostd/boot.h>
#include <ostd/frame.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/time.h>

#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"
#include "proc.h"
#include "uapi/mount.h"
#include "uapi/statfs.h"

/* Linux's THREAD_SIZE on riscv64: 16 KiB of kernel stack per task. */
#define KSTACK_KB 16
#define PAGE_KB (OSTD_PAGE_SIZE / 1024)

/* ---- the text buffer ---- */

char *procfs_end(struct procfs_buf *b)
{
	return &b->s[b->len];
}

size_t procfs_room(const struct procfs_buf *b)
{
	return sizeof(b->s) - b->len;
}

void procfs_advance(struct procfs_buf *b, int n)
{
	size_t want;

	if (n <= 0)
		return;
	want = n;
	/* snprintf kept the NUL: a cut-off text ends one byte short. */
	if (want >= procfs_room(b))
		want = procfs_room(b) - 1;
	b->len += want;
}

void procfs_append(struct procfs_buf *b, struct ostd_bytes bytes)
{
	b->len += ostd_bytes_copy(bytes, 0, procfs_end(b), procfs_room(b) - 1);
}

void procfs_kb_line(struct procfs_buf *b, const char *name, uint64_t kb)
{
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"%-16s%8lu kB\n", name, kb));
}

/* ---- meminfo ---- */

/* kB held by regular files of every tmpfs in the tree. Lock held. */
static uint64_t tmpfs_kb_locked(void)
{
	const struct mount *m;
	const struct mount *seen;
	const struct inode *i;
	uint64_t blocks = 0;

	for (m = mount_next(NULL); m != NULL; m = mount_next(m)) {
		if (m->sb->magic != TMPFS_MAGIC)
			continue;
		/* A super block mounted twice counts once. */
		for (seen = mount_next(NULL); seen != m; seen = mount_next(seen))
			if (seen->sb == m->sb)
				break;
		if (seen != m)
			continue;
		for (i = m->sb->inodes; i != NULL; i = i->sb_next)
			if (inode_is_reg(i))
				blocks += i->blocks;
	}
	return blocks / 2; /* 512-byte blocks */
}

struct meminfo {
	uint64_t total, free, shmem, slab, kstack, anon;
};

static void meminfo_collect(struct meminfo *mi)
{
	struct ostd_irq_guard g = vfs_lock();
	uint64_t used;

	mi->shmem = tmpfs_kb_locked();
	vfs_unlock(&g);
	mi->total = ostd_frame_total_count() * PAGE_KB;
	mi->free = ostd_frame_free_count() * PAGE_KB;
	mi->slab = ostd_heap_used() / 1024;
	mi->kstack = proc_count() * KSTACK_KB;
	used = mi->total - mi->free;
	mi->anon = 0;
	if (used > mi->shmem + mi->slab + mi->kstack)
		mi->anon = used - mi->shmem - mi->slab - mi->kstack;
}

/* Linux's meminfo lines (6.1, without the hugetlb block), in order. */
enum meminfo_line {
	MI_TOTAL, MI_FREE, MI_AVAILABLE, MI_BUFFERS, MI_CACHED,
	MI_SWAPCACHED, MI_ACTIVE, MI_INACTIVE, MI_ACTIVE_ANON,
	MI_INACTIVE_ANON, MI_ACTIVE_FILE, MI_INACTIVE_FILE, MI_UNEVICTABLE,
	MI_MLOCKED, MI_SWAPTOTAL, MI_SWAPFREE, MI_DIRTY, MI_WRITEBACK,
	MI_ANONPAGES, MI_MAPPED, MI_SHMEM, MI_KRECLAIMABLE, MI_SLAB,
	MI_SRECLAIMABLE, MI_SUNRECLAIM, MI_KERNELSTACK, MI_PAGETABLES,
	MI_NFS_UNSTABLE, MI_BOUNCE, MI_WRITEBACKTMP, MI_COMMITLIMIT,
	MI_COMMITTED_AS, MI_VMALLOCTOTAL, MI_VMALLOCUSED, MI_VMALLOCCHUNK,
	MI_PERCPU, MI_COUNT,
};

static const char *const meminfo_names[MI_COUNT] = {
	"MemTotal:", "MemFree:", "MemAvailable:", "Buffers:", "Cached:",
	"SwapCached:", "Active:", "Inactive:", "Active(anon):",
	"Inactive(anon):", "Active(file):", "Inactive(file):", "Unevictable:",
	"Mlocked:", "SwapTotal:", "SwapFree:", "Dirty:", "Writeback:",
	"AnonPages:", "Mapped:", "Shmem:", "KReclaimable:", "Slab:",
	"SReclaimable:", "SUnreclaim:", "KernelStack:", "PageTables:",
	"NFS_Unstable:", "Bounce:", "WritebackTmp:", "CommitLimit:",
	"Committed_AS:", "VmallocTotal:", "VmallocUsed:", "VmallocChunk:",
	"Percpu:",
};

void procfs_gen_meminfo(struct procfs_buf *b)
{
	uint64_t v[MI_COUNT] = { 0 };
	struct meminfo mi;
	size_t i;

	meminfo_collect(&mi);
	v[MI_TOTAL] = mi.total;
	v[MI_FREE] = mi.free;
	v[MI_AVAILABLE] = mi.free; /* nothing is reclaimable */
	v[MI_CACHED] = mi.shmem;
	/* Shmem pages live on the anon LRU, as on Linux. */
	v[MI_ACTIVE] = mi.anon + mi.shmem;
	v[MI_ACTIVE_ANON] = mi.anon + mi.shmem;
	v[MI_ANONPAGES] = mi.anon;
	v[MI_SHMEM] = mi.shmem;
	v[MI_SLAB] = mi.slab;
	v[MI_SUNRECLAIM] = mi.slab;
	v[MI_KERNELSTACK] = mi.kstack;
	v[MI_COMMITLIMIT] = mi.total / 2; /* vm.overcommit_ratio = 50 */
	v[MI_COMMITTED_AS] = mi.anon + mi.shmem;
	for (i = 0; i < MI_COUNT; i++)
		procfs_kb_line(b, meminfo_names[i], v[i]);
}

/* ---- uptime ---- */

void procfs_gen_uptime(struct procfs_buf *b)
{
	uint64_t up = ostd_time_monotonic_ns();
	uint64_t busy = procfs_cpu_ns();
	/* One hart runs processes; its idle time is what they did not use. */
	uint64_t idle = up > busy ? up - busy : 0;
	uint64_t cs = 10000000; /* ns per hundredth of a second */

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					"%lu.%02lu %lu.%02lu\n",
					up / 1000000000, up / cs % 100,
					idle / 1000000000, idle / cs % 100));
}

/* ---- mounts ---- */

/* Prepends "/" @name before kb->data[*pos]; false if it does not fit. */
static bool prepend(struct vfs_kbuf *kb, size_t *pos, struct ostd_bytes name)
{
	if (name.len + 1 > *pos)
		return false;
	*pos -= name.len;
	ostd_bytes_copy(name, 0, &kb->data[*pos], name.len);
	kb->data[--*pos] = '/';
	return true;
}

/*
 * The absolute path of @m's mountpoint, right-aligned in @kb: returns
 * where it starts. Walks up through "..", and through the mounts below.
 * Lock held.
 */
static size_t mountpoint_path(const struct mount *m, struct vfs_kbuf *kb)
{
	size_t pos = OSTD_PAGE_SIZE;
	struct path p = { m->parent, m->mountpoint };
	struct ostd_bytes name;
	struct inode *up;

	while (p.mnt != NULL) {
		if (p.inode == p.mnt->root) {
			p.inode = p.mnt->mountpoint;
			p.mnt = p.mnt->parent;
			continue;
		}
		if (p.inode->iops->lookup(p.inode, ostd_bytes_cstr(".."),
					  &up) < 0 ||
		    up->iops->name_of(up, p.inode, &name) < 0 ||
		    !prepend(kb, &pos, name))
			break; /* unreachable or too long: show what we have */
		p.inode = up;
	}
	if (pos == OSTD_PAGE_SIZE)
		kb->data[--pos] = '/';
	return pos;
}

/* Appends @s with Linux's mangle(): space, tab, newline, backslash as
 * octal escapes, so fields stay separable. */
static void append_mangled(struct procfs_buf *b, struct ostd_bytes s)
{
	size_t i;

	for (i = 0; i < s.len; i++) {
		int c = ostd_bytes_at(s, i);

		if (c == ' ' || c == '\t' || c == '\n' || c == '\\')
			procfs_advance(b, ostd_snprintf(procfs_end(b),
							procfs_room(b),
							"\\%03o", c));
		else
			procfs_advance(b, ostd_snprintf(procfs_end(b),
							procfs_room(b), "%c",
							c));
	}
}

/* "rw,nosuid,relatime" from the mount flags; root mode for tmpfs. */
static void append_options(struct procfs_buf *b, const struct mount *m,
			   const char *type)
{
	unsigned long f = mount_flags(m);
	uint32_t mode = m->sb->root->mode & S_IALLUGO;

	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b), "%s%s%s%s%s",
					(f & MS_RDONLY) ? "ro" : "rw",
					(f & MS_NOSUID) ? ",nosuid" : "",
					(f & MS_NODEV) ? ",nodev" : "",
					(f & MS_NOEXEC) ? ",noexec" : "",
					(f & MS_NOATIME) ? ",noatime"
							 : ",relatime"));
	if (m->sb->magic == TMPFS_MAGIC && mode != 01777)
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
						",mode=%o", mode));
	(void)type;
}

/* One line: "source mountpoint type options 0 0". Lock held. */
static void mounts_line(struct procfs_buf *b, const struct mount *m,
			struct vfs_kbuf *kb)
{
	const char *type = m->sb->fstype != NULL ? m->sb->fstype : "tmpfs";
	size_t start;

	if (m->parent == NULL) {
		/* Linux's initramfs root: "rootfs / rootfs rw 0 0". */
		procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
						"rootfs / rootfs rw 0 0\n"));
		return;
	}
	start = mountpoint_path(m, kb);
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b), "%s ",
					type));
	append_mangled(b, ostd_bytes_of(&kb->data[start],
					OSTD_PAGE_SIZE - start));
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b), " %s ",
					type));
	append_options(b, m, type);
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
					" 0 0\n"));
}

void procfs_gen_mounts(struct procfs_buf *b)
{
	struct vfs_kbuf *kb = OSTD_NEW(struct vfs_kbuf);
	struct ostd_irq_guard g;
	const struct mount *m;
	const struct mount *stop = NULL;

	if (kb == NULL)
		return;
	g = vfs_lock();
	/* The list is newest first; Linux lists in mount order. */
	while (stop != mount_next(NULL)) {
		m = mount_next(NULL);
		while (mount_next(m) != stop)
			m = mount_next(m);
		mounts_line(b, m, kb);
		stop = m;
	}
	vfs_unlock(&g);
	ostd_heap_free(kb);
}
