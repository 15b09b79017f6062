// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_mm.c - the memory system calls on anonymous memory against
 * Linux's behaviour: mmap/munmap/mprotect argument checks and edge cases,
 * MAP_FIXED and MAP_FIXED_NOREPLACE, splitting areas, protections riscv
 * cannot express directly (write-only, exec-only), madvise, mremap,
 * msync, brk shrink and grow, demand paging inside system calls, stack
 * growth, a sparse 64 MiB mapping, and shared and private memory across
 * fork. File mappings are t_mmfile.c's. The conformance form of
 * user/apps/mm_check.c, whose checks it carries over; helpers and the
 * probing method are in mmtest.h.
 *
 * Fixed-address checks use SCRATCH, a range neither kernel's allocator
 * hands out to a small static program.
 */
#define _GNU_SOURCE /* MREMAP_*, MAP_FIXED_NOREPLACE */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "mmtest.h"

/* ---- brk ---- */

static void test_brk(void)
{
	long b0 = raw_brk(0);
	unsigned long base = page_up((unsigned long)b0);
	unsigned long top = base + 3 * PG + 100;

	CHECK("mm.brk.query", b0 > 0, "brk(0) = %ld", b0);
	CHECK_EQ("mm.brk.query_again", raw_brk(0), b0);
	CHECK_EQ("mm.brk.grow", raw_brk(top), top);
	CHECK_EQ("mm.brk.query_after_grow", raw_brk(0), top);
	at(base)[0] = 0x5a;
	at(base + 2 * PG + 50)[0] = (char)0xa5;
	CHECK("mm.brk.read_back", at(base)[0] == 0x5a &&
	      at(base + 2 * PG + 50)[0] == (char)0xa5, "lost heap data");
	CHECK_EQ("mm.brk.grown_page_zero", at(base + PG + 9)[0], 0);
	CHECK_EQ("mm.brk.syscall_writes_untouched_page",
		 probe_write(at(base + PG + 512)), 0);
	CHECK_EQ("mm.brk.top_partial_page_usable", probe_write(at(top - 16)), 0);
	CHECK_EQ("mm.brk.shrink", raw_brk(base + PG), base + PG);
	CHECK_EQ("mm.brk.shrunk_page_gone", probe_read(at(base + 2 * PG)), EFAULT);
	CHECK("mm.brk.shrunk_page_segv",
	      killed_by(touch_in_child(at(base + 2 * PG), TOUCH_READ), SIGSEGV),
	      "child not killed by SIGSEGV");
	CHECK_EQ("mm.brk.regrow", raw_brk(top), top);
	CHECK_EQ("mm.brk.regrown_page_zero", at(base + 2 * PG + 50)[0], 0);
	CHECK_EQ("mm.brk.kept_page_keeps_data", at(base)[0], 0x5a);
	CHECK_EQ("mm.brk.below_start_fails", raw_brk(0x1000), top);
	CHECK_EQ("mm.brk.far_too_high_fails", raw_brk(1UL << 62), top);
	CHECK_EQ("mm.brk.query_after_failure", raw_brk(0), top);
	CHECK_EQ("mm.brk.back_to_start", raw_brk(b0), b0);
	CHECK_EQ("mm.brk.start_page_gone", probe_read(at(base + PG)), EFAULT);
}

/* ---- mmap arguments ---- */

static void test_mmap_args(void)
{
	char *p = map_anon(0, PG, RW, MAP_PRIVATE);

	CHECK("mm.mmap.anon", p != MAP_FAILED && ((unsigned long)p & (PG - 1)) == 0,
	      "mmap = %p (errno %s)", (void *)p, harness_errname(errno));
	CHECK_ERR("mm.mmap.len0", map_anon(0, 0, RW, MAP_PRIVATE), EINVAL);
	CHECK_ERR("mm.mmap.no_type", map_anon(0, PG, RW, 0), EINVAL);
	CHECK_ERR("mm.mmap.type_0xf", map_anon(0, PG, RW, 0xf), EINVAL);
	CHECK_ERR("mm.mmap.anon_shared_validate",
		  map_anon(0, PG, RW, MAP_SHARED_VALIDATE), EINVAL);
	CHECK_ERR("mm.mmap.unaligned_offset",
		  raw_mmap(0, PG, RW, ANON_PRIV, -1, 100), EINVAL);
	CHECK_ERR("mm.mmap.fixed_unaligned",
		  map_anon((unsigned long)p + 1, PG, RW, MAP_PRIVATE | MAP_FIXED),
		  EINVAL);
	CHECK_ERR("mm.mmap.noreplace_unaligned",
		  map_anon(SCRATCH + 1, PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE),
		  EINVAL);
	CHECK_ERR("mm.mmap.file_fd_minus1",
		  raw_mmap(0, PG, RW, MAP_PRIVATE, -1, 0), EBADF);
	CHECK_ERR("mm.mmap.file_fd_999",
		  raw_mmap(0, PG, RW, MAP_PRIVATE, 999, 0), EBADF);
	CHECK_ERR("mm.mmap.huge", map_anon(0, 1UL << 62, RW, MAP_PRIVATE), ENOMEM);
	CHECK_ERR("mm.mmap.len_all_ones", map_anon(0, ~0UL, RW, MAP_PRIVATE),
		  ENOMEM);
	CHECK_ERR("mm.mmap.fixed_past_user_space",
		  map_anon(1UL << 62, PG, RW, MAP_PRIVATE | MAP_FIXED), ENOMEM);
	CHECK_EQ("mm.munmap", raw_munmap(p, PG), 0);
}

/* ---- mmap, munmap and splitting ---- */

static void test_munmap(void)
{
	char *p = map_anon(0, 4 * PG, RW, MAP_PRIVATE), *m;

	if (!CHECK("mm.munmap.setup", p != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	CHECK("mm.mmap.fresh_zero", p[0] == 0 && p[PG + 7] == 0 &&
	      p[4 * PG - 1] == 0, "fresh anonymous memory not zero");
	for (int i = 0; i < 4; i++)
		p[i * PG] = (char)(i + 1);
	CHECK_EQ("mm.munmap.middle", raw_munmap(p + PG, PG), 0);
	CHECK_EQ("mm.munmap.hole_efault", probe_read(p + PG), EFAULT);
	CHECK("mm.munmap.hole_segv",
	      killed_by(touch_in_child(p + PG, TOUCH_READ), SIGSEGV),
	      "child not killed by SIGSEGV");
	CHECK("mm.munmap.sides_keep_data", p[0] == 1 && p[2 * PG] == 3 &&
	      p[3 * PG] == 4, "%d %d %d", p[0], p[2 * PG], p[3 * PG]);
	CHECK_EQ("mm.munmap.sides_writable_by_kernel",
		 probe_write(p) | probe_write(p + 3 * PG + 64), 0);
	CHECK_ERR("mm.munmap.unaligned", raw_munmap(p + 1, PG), EINVAL);
	CHECK_ERR("mm.munmap.len0", raw_munmap(p, 0), EINVAL);
	CHECK_ERR("mm.munmap.past_user_space", raw_munmap((void *)(1UL << 62), PG),
		  EINVAL);
	CHECK_EQ("mm.munmap.unmapped_range", raw_munmap(p + PG, PG), 0);
	CHECK_EQ("mm.munmap.split_right_piece", raw_munmap(p + 3 * PG, PG), 0);
	CHECK_EQ("mm.munmap.right_piece_gone", probe_read(p + 3 * PG), EFAULT);
	CHECK_EQ("mm.munmap.neighbour_stays", p[2 * PG], 3);
	CHECK_EQ("mm.munmap.across_holes", raw_munmap(p, 4 * PG), 0);
	CHECK_EQ("mm.munmap.first_gone", probe_read(p), EFAULT);
	CHECK_EQ("mm.munmap.third_gone", probe_read(p + 2 * PG), EFAULT);
	m = map_anon(0, 2 * PG, RW, MAP_PRIVATE);
	m[PG] = 9;
	CHECK_EQ("mm.munmap.len_rounds_up", raw_munmap(m, 100), 0);
	CHECK_EQ("mm.munmap.rounded_page_gone", probe_read(m), EFAULT);
	CHECK_EQ("mm.munmap.next_page_stays", m[PG], 9);
	raw_munmap(m + PG, PG);
}

/* ---- MAP_FIXED, MAP_FIXED_NOREPLACE and hints ---- */

static void test_fixed(void)
{
	unsigned long n = SCRATCH;
	char *p = at(n), *q;

	CHECK_EQ("mm.noreplace.free_range",
		 map_anon(n, 3 * PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE), n);
	CHECK_ERR("mm.noreplace.overlap",
		  map_anon(n + PG, 3 * PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE),
		  EEXIST);
	CHECK_ERR("mm.noreplace.inside",
		  map_anon(n + PG, PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE),
		  EEXIST);
	p[0] = 1;
	p[PG] = 2;
	p[2 * PG] = 3;
	CHECK_EQ("mm.fixed.replaces_middle",
		 map_anon(n + PG, PG, RW, MAP_PRIVATE | MAP_FIXED), n + PG);
	CHECK("mm.fixed.split", p[0] == 1 && p[PG] == 0 && p[2 * PG] == 3,
	      "%d %d %d", p[0], p[PG], p[2 * PG]);
	CHECK_EQ("mm.fixed.munmap_hole", raw_munmap(p + PG, PG), 0);
	CHECK_EQ("mm.noreplace.into_hole",
		 map_anon(n + PG, PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE),
		 n + PG);
	CHECK_EQ("mm.fixed.munmap_all", raw_munmap(p, 3 * PG), 0);
	CHECK_EQ("mm.hint.free_is_used", map_anon(n, PG, RW, MAP_PRIVATE), n);
	q = map_anon(n, PG, RW, MAP_PRIVATE);
	CHECK("mm.hint.busy_goes_elsewhere", q != MAP_FAILED && q != p,
	      "got %p", (void *)q);
	raw_munmap(q, PG);
	CHECK_EQ("mm.hint.munmap", raw_munmap(p, PG), 0);
	CHECK_EQ("mm.hint.unaligned_rounds_down",
		 map_anon(n + 5, PG, RW, MAP_PRIVATE), n);
	CHECK_EQ("mm.hint.munmap2", raw_munmap(p, PG), 0);
}

/* ---- mprotect ---- */

static const char ro_msg[] = "x";

static void test_mprotect(void)
{
	char *q = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	struct timespec *ts = (struct timespec *)(void *)q;
	int fds[2];

	if (!CHECK("mm.mprotect.setup", q != MAP_FAILED && pipe(fds) == 0, "%s",
		   harness_errname(errno)))
		return;
	ts->tv_sec = 0;
	ts->tv_nsec = 1000;
	memcpy(q + 64, ro_msg, sizeof(ro_msg));
	CHECK_EQ("mm.mprotect.read", raw_mprotect(q, PG, PROT_READ), 0);
	CHECK_EQ("mm.mprotect.kernel_reads_ro", probe_kread(q), 0);
	CHECK_EQ("mm.mprotect.write_from_ro", probe_read(q + 64), 0);
	CHECK_EQ("mm.mprotect.kernel_write_ro_efault", probe_write(q + 128),
		 EFAULT);
	CHECK_EQ("mm.mprotect.pipe_write", write(fds[1], "abcd", 4), 4);
	CHECK_ERR("mm.mprotect.read_into_ro_efault", read(fds[0], q + 256, 4),
		  EFAULT);
	CHECK("mm.mprotect.ro_segv_on_store",
	      killed_by(touch_in_child(q + 8, TOUCH_WRITE), SIGSEGV),
	      "child not killed by SIGSEGV");
	CHECK_EQ("mm.mprotect.ro_loads_in_child",
		 touch_in_child(q + 8, TOUCH_READ), 0);
	CHECK_EQ("mm.mprotect.other_part_writable", probe_write(q + PG), 0);
	CHECK_EQ("mm.mprotect.none", raw_mprotect(q, PG, PROT_NONE), 0);
	CHECK_EQ("mm.mprotect.none_kernel_read_efault", probe_kread(q), EFAULT);
	CHECK_EQ("mm.mprotect.none_write_from_efault", probe_read(q + 64), EFAULT);
	CHECK("mm.mprotect.none_segv_on_load",
	      killed_by(touch_in_child(q + 8, TOUCH_READ), SIGSEGV),
	      "child not killed by SIGSEGV");
	CHECK_EQ("mm.mprotect.back_to_rw", raw_mprotect(q, PG, RW), 0);
	CHECK("mm.mprotect.data_survives_none", ts->tv_nsec == 1000 &&
	      q[64] == 'x', "lost data");
	CHECK_EQ("mm.mprotect.pipe_data_kept", read(fds[0], q + 256, 4), 4);
	CHECK_ERR("mm.mprotect.unaligned", raw_mprotect(q + 1, PG, PROT_READ),
		  EINVAL);
	CHECK_ERR("mm.mprotect.bad_prot", raw_mprotect(q, PG, 0x10), EINVAL);
	CHECK_EQ("mm.mprotect.len0", raw_mprotect(q, 0, PROT_READ), 0);
	CHECK_EQ("mm.mprotect.len_rounds_up", raw_mprotect(q, 1, RW), 0);
	CHECK_EQ("mm.mprotect.munmap_middle", raw_munmap(q + PG, PG), 0);
	CHECK_ERR("mm.mprotect.over_hole", raw_mprotect(q, 3 * PG, PROT_READ),
		  ENOMEM);
	/* Linux changes the areas before the hole and stops there. */
	CHECK_EQ("mm.mprotect.over_hole_applied_before", probe_write(q + 64),
		 EFAULT);
	CHECK_EQ("mm.mprotect.over_hole_stops_at_hole", probe_write(q + 2 * PG),
		 0);
	CHECK_ERR("mm.mprotect.of_nothing", raw_mprotect(q + PG, PG, PROT_READ),
		  ENOMEM);
	CHECK_ERR("mm.mprotect.wraps", raw_mprotect(q, -PG, PROT_READ), ENOMEM);
	raw_munmap(q, 3 * PG);
	close(fds[0]);
	close(fds[1]);
}

/* ---- protections riscv page tables cannot express as asked ---- */

static void test_odd_prot(void)
{
	char *w = map_anon(0, PG, PROT_WRITE, MAP_PRIVATE);
	char *x = map_anon(0, PG, PROT_EXEC, MAP_PRIVATE);
	char *n = map_anon(0, 2 * PG, PROT_NONE, MAP_PRIVATE);
	char *a = raw_mmap(0, 100, RW, ANON_PRIV, 999, PG);

	if (!CHECK("mm.prot.setup", w != MAP_FAILED && x != MAP_FAILED &&
		   n != MAP_FAILED, "%s", harness_errname(errno)))
		return;
	/* Write-only is read-write on riscv, as on x86. */
	CHECK_EQ("mm.prot.write_only_store", touch_in_child(w, TOUCH_WRITE), 0);
	CHECK_EQ("mm.prot.write_only_load", touch_in_child(w, TOUCH_READ), 0);
	CHECK_EQ("mm.prot.write_only_kernel_write", probe_write(w), 0);
	/* Exec-only really is not readable. */
	CHECK("mm.prot.exec_only_load_segv",
	      killed_by(touch_in_child(x, TOUCH_READ), SIGSEGV),
	      "child not killed by SIGSEGV");
	CHECK_EQ("mm.prot.exec_only_kernel_read", probe_read(x), EFAULT);
	/* A PROT_NONE reservation, then a fixed map inside it. */
	CHECK_EQ("mm.prot.none_reserve_fill",
		 map_anon((unsigned long)n + PG, PG, RW, MAP_PRIVATE | MAP_FIXED),
		 (long)n + (long)PG);
	CHECK_EQ("mm.prot.none_reserve_filled_part", probe_write(n + PG), 0);
	CHECK_EQ("mm.prot.none_reserve_rest", probe_read(n), EFAULT);
	/* Anonymous: fd and offset are ignored, the length rounds up. */
	CHECK("mm.anon.fd_offset_ignored", a != MAP_FAILED, "%s",
	      harness_errname(errno));
	CHECK_EQ("mm.anon.len_rounds_up", probe_write(a + PG - 16), 0);
	raw_munmap(w, PG);
	raw_munmap(x, PG);
	raw_munmap(n, 2 * PG);
	raw_munmap(a, PG);
}

/* brk stops a page short of the next mapping (Linux's check). */
static void test_brk_limit(void)
{
	long b0 = raw_brk(0);
	unsigned long base = page_up((unsigned long)b0);
	char *wall = map_anon(base + 4 * PG, PG, RW,
			      MAP_PRIVATE | MAP_FIXED_NOREPLACE);

	if (!CHECK("mm.brk.wall", wall == at(base + 4 * PG), "%s",
		   harness_errname(errno)))
		return;
	CHECK_EQ("mm.brk.up_to_gap", raw_brk(base + 3 * PG), base + 3 * PG);
	CHECK_EQ("mm.brk.into_gap_fails", raw_brk(base + 3 * PG + 1),
		 base + 3 * PG);
	CHECK_EQ("mm.brk.over_mapping_fails", raw_brk(base + 6 * PG),
		 base + 3 * PG);
	CHECK_EQ("mm.brk.wall_intact", probe_write(wall), 0);
	CHECK_EQ("mm.brk.limit_back", raw_brk(b0), b0);
	raw_munmap(wall, PG);
}

/* ---- mremap ---- */

static void test_mremap(void)
{
	unsigned long a = SCRATCH, b = SCRATCH + 16 * PG, c = SCRATCH + 32 * PG;
	long r;
	char *m;

	map_anon(a, 2 * PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	map_anon(a + 2 * PG, PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	at(a)[0] = 0x11;
	at(a + PG)[0] = 0x22;
	CHECK_ERR("mm.mremap.blocked_no_maymove",
		  raw_mremap(at(a), 2 * PG, 4 * PG, 0, 0), ENOMEM);
	r = raw_mremap(at(a), 2 * PG, 4 * PG, MREMAP_MAYMOVE, 0);
	m = (char *)r;
	if (!CHECK("mm.mremap.moves", r != -1 && m != at(a), "got %#lx (%s)", r,
		   harness_errname(errno)))
		return;
	CHECK("mm.mremap.moved_contents", m[0] == 0x11 && m[PG] == 0x22,
	      "%#x %#x", m[0], m[PG]);
	CHECK_EQ("mm.mremap.grown_part_zero", m[3 * PG + 9], 0);
	CHECK_EQ("mm.mremap.old_range_gone", probe_read(at(a)), EFAULT);
	map_anon(b, PG, RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	at(b)[0] = 0x44;
	CHECK_EQ("mm.mremap.grows_in_place", raw_mremap(at(b), PG, 3 * PG, 0, 0), b);
	CHECK("mm.mremap.in_place_contents", at(b)[0] == 0x44 &&
	      at(b + 2 * PG + 5)[0] == 0, "%#x", at(b)[0]);
	at(b + 2 * PG)[0] = 0x55;
	CHECK_EQ("mm.mremap.shrinks", raw_mremap(at(b), 3 * PG, PG, 0, 0), b);
	CHECK_EQ("mm.mremap.shrunk_keeps_head", at(b)[0], 0x44);
	CHECK_EQ("mm.mremap.shrunk_tail_gone", probe_read(at(b + PG)), EFAULT);
	CHECK_EQ("mm.mremap.fixed",
		 raw_mremap(m, 4 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, c), c);
	CHECK("mm.mremap.fixed_contents", at(c)[0] == 0x11 &&
	      at(c + PG)[0] == 0x22, "%#x %#x", at(c)[0], at(c + PG)[0]);
	CHECK_ERR("mm.mremap.fixed_without_maymove",
		  raw_mremap(at(c), PG, PG, MREMAP_FIXED, b), EINVAL);
	CHECK_ERR("mm.mremap.fixed_overlapping",
		  raw_mremap(at(c), 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED,
			     c + PG), EINVAL);
	CHECK_ERR("mm.mremap.unaligned",
		  raw_mremap(at(c + 1), PG, 2 * PG, MREMAP_MAYMOVE, 0), EINVAL);
	CHECK_ERR("mm.mremap.new_len0", raw_mremap(at(c), PG, 0, MREMAP_MAYMOVE, 0),
		  EINVAL);
	CHECK_ERR("mm.mremap.bad_flags", raw_mremap(at(c), PG, PG, 0x80, 0), EINVAL);
	CHECK_ERR("mm.mremap.unmapped",
		  raw_mremap(at(a), PG, 2 * PG, MREMAP_MAYMOVE, 0), EFAULT);
	CHECK_ERR("mm.mremap.beyond_area",
		  raw_mremap(at(b), 2 * PG, 3 * PG, MREMAP_MAYMOVE, 0), EFAULT);
	raw_munmap(at(b), PG);
	raw_munmap(at(c), 4 * PG);
	raw_munmap(at(a + 2 * PG), PG);
}

/* ---- madvise and msync ---- */

static void test_madvise_msync(void)
{
	char *m = map_anon(0, 2 * PG, RW, MAP_PRIVATE);
	char *s = map_anon(0, PG, RW, MAP_SHARED);

	m[0] = (char)0xaa;
	m[PG + 100] = (char)0xaa;
	s[7] = 7;
	CHECK_EQ("mm.madvise.dontneed", madvise(m, 2 * PG, MADV_DONTNEED), 0);
	CHECK("mm.madvise.dontneed_zeroes_private", m[0] == 0 && m[PG + 100] == 0,
	      "%#x %#x", m[0], m[PG + 100]);
	CHECK_EQ("mm.madvise.dontneed_shared", madvise(s, PG, MADV_DONTNEED), 0);
	CHECK_EQ("mm.madvise.dontneed_keeps_shared", s[7], 7);
	CHECK_ERR("mm.madvise.unaligned", madvise(m + 1, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERR("mm.madvise.bad_advice", madvise(m, PG, 9999), EINVAL);
	CHECK_EQ("mm.madvise.normal", madvise(m, PG, MADV_NORMAL), 0);
	CHECK_EQ("mm.madvise.willneed", madvise(m, PG, MADV_WILLNEED), 0);
	CHECK_EQ("mm.madvise.len0", madvise(m, 0, MADV_DONTNEED), 0);
	CHECK_EQ("mm.msync.sync", msync(m, PG, MS_SYNC), 0);
	CHECK_EQ("mm.msync.async", msync(m, 2 * PG, MS_ASYNC), 0);
	CHECK_EQ("mm.msync.invalidate", msync(m, PG, MS_INVALIDATE), 0);
	CHECK_ERR("mm.msync.unaligned", msync(m + 1, PG, MS_SYNC), EINVAL);
	CHECK_ERR("mm.msync.bad_flags", msync(m, PG, 8), EINVAL);
	CHECK_ERR("mm.msync.async_and_sync", msync(m, PG, MS_ASYNC | MS_SYNC),
		  EINVAL);
	CHECK_EQ("mm.madvise.munmap_tail", raw_munmap(m + PG, PG), 0);
	m[0] = 1;
	CHECK_ERR("mm.madvise.dontneed_over_hole",
		  madvise(m, 2 * PG, MADV_DONTNEED), ENOMEM);
	CHECK_EQ("mm.madvise.dontneed_over_hole_applied", m[0], 0);
	CHECK_ERR("mm.msync.over_hole", msync(m, 2 * PG, MS_SYNC), ENOMEM);
	raw_munmap(m, 2 * PG);
	raw_munmap(s, PG);
	CHECK_ERR("mm.madvise.unmapped", madvise(m, PG, MADV_DONTNEED), ENOMEM);
	CHECK_ERR("mm.msync.unmapped", msync(m, PG, MS_SYNC), ENOMEM);
}

/* ---- big sparse mappings, MAP_POPULATE, the stack ---- */

/* Touches 512 KiB of stack, beyond the 128 KiB a stack starts with. */
static __attribute__((noinline)) long deep_stack(void)
{
	volatile char buf[512 * 1024];
	long sum = 0;

	for (size_t i = sizeof(buf); i >= PG; i -= PG)
		buf[i - 1] = 1;
	for (size_t i = sizeof(buf); i >= PG; i -= PG)
		sum += buf[i - 1];
	return sum;
}

static void test_sparse(void)
{
	char *s = map_anon(0, 64 * MIB, RW, MAP_PRIVATE | MAP_NORESERVE);
	char *po = map_anon(0, 2 * PG, RW, MAP_PRIVATE | MAP_POPULATE);
	long sum = 0;

	if (!CHECK("mm.sparse.mmap_64mib", s != MAP_FAILED && po != MAP_FAILED,
		   "%s", harness_errname(errno)))
		return;
	for (int i = 0; i < 64; i++)
		s[i * MIB + i * 8] = (char)(i + 1);
	for (int i = 0; i < 64; i++)
		sum += s[i * MIB + i * 8];
	CHECK_EQ("mm.sparse.read_back", sum, 64 * 65 / 2);
	CHECK_EQ("mm.sparse.untouched_zero", s[32 * MIB + 12345], 0);
	CHECK_EQ("mm.sparse.munmap", raw_munmap(s, 64 * MIB), 0);
	CHECK_EQ("mm.populate.zero", po[PG], 0);
	raw_munmap(po, 2 * PG);
	CHECK_EQ("mm.stack.grows_on_demand", deep_stack(), 512 * 1024 / PG);
}

/* ---- fork: shared and private memory ---- */

/* The child's half of test_fork_memory(); exit code = mismatches. */
static int fork_child(char *priv, char *sh, char *heap, int to_parent,
		      int from_parent)
{
	int bad = 0;
	char c;

	bad += priv[0] != 'P';
	priv[0] = 'C';                  /* copy-on-write, child side */
	bad += probe_write(priv + PG) != 0; /* COW inside a syscall */
	bad += sh[0] != 'S';
	sh[0] = 'c';                    /* shared: the parent sees it */
	sh[PG] = 'u';                   /* shared, untouched before fork */
	bad += heap[0] != 'H';
	heap[0] = 'h';
	(void)write(to_parent, "1", 1);
	if (read(from_parent, &c, 1) != 1)
		return 100;
	bad += (priv[0] != 'C') << 1;   /* the parent's store stays its own */
	bad += (priv[2 * PG] != 'R') << 2;
	bad += (sh[2 * PG] != 'p') << 3; /* the parent's shared store */
	return bad;
}

static void test_fork_memory(void)
{
	char *priv = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	char *sh = map_anon(0, 3 * PG, RW, MAP_SHARED);
	long b0 = raw_brk(0);
	char *heap = at(page_up((unsigned long)b0));
	int up[2], down[2], st = -1;
	pid_t pid;
	char c = 0;

	if (pipe(up) != 0 || pipe(down) != 0 || raw_brk((unsigned long)heap + PG) !=
	    (long)heap + (long)PG) {
		CHECK("mm.fork.setup", false, "%s", harness_errname(errno));
		return;
	}
	priv[0] = 'P';
	priv[PG] = 'Q';
	priv[2 * PG] = 'R';
	sh[0] = 'S';
	heap[0] = 'H';
	pid = fork();
	if (pid == 0)
		_exit(fork_child(priv, sh, heap, up[1], down[0]));
	CHECK("mm.fork.child_ran", read(up[0], &c, 1) == 1, "no word from child");
	CHECK_EQ("mm.fork.private_isolated_from_child", priv[0], 'P');
	CHECK_EQ("mm.fork.private_syscall_cow", priv[PG], 'Q');
	CHECK_EQ("mm.fork.heap_isolated", heap[0], 'H');
	CHECK_EQ("mm.fork.shared_sees_child_store", sh[0], 'c');
	CHECK_EQ("mm.fork.shared_untouched_page", sh[PG], 'u');
	priv[0] = 'p';
	sh[2 * PG] = 'p';
	(void)write(down[1], "1", 1);
	CHECK_EQ("mm.fork.child_status", waitpid(pid, &st, 0) == pid ? st : -1, 0);
	CHECK_EQ("mm.fork.parent_private_store", priv[0], 'p');
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	raw_brk((unsigned long)b0);
	raw_munmap(priv, 3 * PG);
	raw_munmap(sh, 3 * PG);
}

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif

/*
 * MREMAP_DONTUNMAP (Linux 5.7+): the pages move, the old range stays
 * mapped and empty: anonymous memory reads zeros again, a private file
 * mapping reads the file again.
 */
static void test_mremap_dontunmap(void)
{
	const int MV = MREMAP_MAYMOVE | MREMAP_DONTUNMAP;
	char *p = map_anon(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	char *f, *q;
	long r;
	int fd;

	if (p == MAP_FAILED)
		return;
	CHECK_ERR("mm.dontunmap.resize_einval", raw_mremap(p, PG, 2 * PG, MV, 0),
		  EINVAL);
	CHECK_ERR("mm.dontunmap.needs_maymove",
		  raw_mremap(p, PG, PG, MREMAP_DONTUNMAP, 0), EINVAL);
	p[0] = 'A';
	p[PG] = 'B';
	r = raw_mremap(p, 2 * PG, 2 * PG, MV, 0);
	q = (char *)r;
	if (CHECK("mm.dontunmap.anon_moves", r != -1 && q != p, "got %#lx (%s)",
		  r, harness_errname(errno))) {
		CHECK("mm.dontunmap.anon_contents", q[0] == 'A' && q[PG] == 'B',
		      "%#x %#x", q[0], q[PG]);
		CHECK("mm.dontunmap.old_reads_zero",
		      probe_read(p) == 0 && p[0] == 0 && p[PG] == 0,
		      "%#x %#x", p[0], p[PG]);
		p[0] = 'C';
		CHECK("mm.dontunmap.old_independent", q[0] == 'A',
		      "moved page changed to %#x", q[0]);
		munmap(q, 2 * PG);
	}
	munmap(p, 2 * PG);

	mkdir("/tmp", 01777);
	fd = open("/tmp/mm-dontunmap", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "hello", 5) != 5 || ftruncate(fd, PG) != 0)
		return;
	f = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	close(fd);
	unlink("/tmp/mm-dontunmap");
	if (f == MAP_FAILED)
		return;
	f[0] = 'X'; /* a private copy of the page */
	r = raw_mremap(f, PG, PG, MV, 0);
	q = (char *)r;
	if (CHECK("mm.dontunmap.file_moves", r != -1 && q != f, "got %#lx (%s)",
		  r, harness_errname(errno))) {
		CHECK_EQ("mm.dontunmap.file_copy_moved", q[0], 'X');
		CHECK("mm.dontunmap.file_old_rereads", f[0] == 'h' && f[4] == 'o',
		      "%#x %#x", f[0], f[4]);
		munmap(q, PG);
	}
	munmap(f, PG);
}

/*
 * Linux's default overcommit policy (heuristic): one request for more
 * committed memory than RAM plus swap fails with ENOMEM; what commits no
 * memory (read-only private, MAP_NORESERVE) is not counted.
 */
static void test_overcommit(void)
{
	struct sysinfo si;
	size_t big, half;
	void *p, *cur;

	if (sysinfo(&si) != 0)
		return;
	big = 2 * (size_t)(si.totalram + si.totalswap) * si.mem_unit;
	half = (size_t)si.totalram * si.mem_unit / 2;
	CHECK_ERR("mm.overcommit.private_write",
		  map_anon(0, big, PROT_READ | PROT_WRITE, MAP_PRIVATE),
		  ENOMEM);
	CHECK_ERR("mm.overcommit.shared_anon",
		  map_anon(0, big, PROT_READ | PROT_WRITE, MAP_SHARED), ENOMEM);
	p = mmap(NULL, big, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK("mm.overcommit.noreserve", p != MAP_FAILED, "%s",
	      harness_errname(errno));
	if (p != MAP_FAILED)
		munmap(p, big);
	p = mmap(NULL, big, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mm.overcommit.read_only", p != MAP_FAILED, "%s",
	      harness_errname(errno));
	if (p != MAP_FAILED)
		munmap(p, big);
	p = mmap(NULL, half, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK("mm.overcommit.half_ram_untouched", p != MAP_FAILED, "%s",
	      harness_errname(errno));
	if (p != MAP_FAILED)
		munmap(p, half);
	cur = sbrk(0);
	CHECK("mm.overcommit.brk",
	      syscall(SYS_brk, (char *)cur + big) == (long)cur,
	      "brk moved by more than RAM");
}

int test_mm(void)
{
	harness_begin("mm");
	if (pipe(probe_pipe) != 0) {
		CHECK("mm.probe_pipe", false, "%s", harness_errname(errno));
		return harness_end();
	}
	test_brk();
	test_brk_limit();
	test_mmap_args();
	test_odd_prot();
	test_munmap();
	test_fixed();
	test_mprotect();
	test_mremap();
	test_madvise_msync();
	test_sparse();
	test_fork_memory();
	test_overcommit();
	test_mremap_dontunmap();
	close(probe_pipe[0]);
	close(probe_pipe[1]);
	return harness_end();
}
