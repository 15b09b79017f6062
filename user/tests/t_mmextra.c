// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_mmextra.c - against Linux's behaviour: mlock, mlock2,
 * munlock (rounding, holes, PROT_NONE, MLOCK_ONFAULT, past EOF, madvise
 * on locked memory), mlockall/munlockall (MCL_CURRENT, MCL_FUTURE for
 * mmap, brk and mremap, MCL_ONFAULT, MAP_LOCKED, fork), RLIMIT_MEMLOCK
 * and root's exemption; mincore (anonymous memory; file mappings, where
 * page-cache pages count untouched); get/setpriority and nice(); and
 * personality (stored as given, kept by fork, low byte reset by exec).
 * Locks are seen through mincore and VmLck. Checks needing another uid,
 * a lock limit or mlockall (which would fault in the whole runner) run
 * in a child that reports through shared memory, so every PASS/FAIL
 * line comes from the family's own process.
 */
#define _GNU_SOURCE /* MREMAP_MAYMOVE, MAP_POPULATE, setresuid */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "mmtest.h"
#include "scratch.h"

#ifndef MADV_DONTNEED_LOCKED
#define MADV_DONTNEED_LOCKED 24
#endif

#define NOPID 4000000       /* above Linux's default pid_max, below racho's */
#define NOUSER 4242         /* no process runs as this uid */
#define PERSONA_ENV "MMEXTRA_PERSONA"

/* Raw calls: no libc wrapper rounds, checks or converts anything. */
#define raw_mlock(a, len) syscall(SYS_mlock, (a), (len))
#define raw_munlock(a, len) syscall(SYS_munlock, (a), (len))
#define raw_mlock2(a, len, flags) syscall(SYS_mlock2, (a), (len), (flags))
#define raw_mincore(a, len, vec) syscall(SYS_mincore, (a), (len), (vec))
#define raw_getprio(which, who) syscall(SYS_getpriority, (which), (who))
#define raw_setprio(which, who, n) syscall(SYS_setpriority, (which), (who), (n))
#define raw_persona(p) syscall(SYS_personality, (unsigned long)(p))
#define vmlck() status_kb("VmLck:")

/* A result: the value, or -errno for a failure (-1). */
static long rv(long x)
{
	return x == -1 ? -errno : x;
}

/* mincore of @len bytes at @a as "0110", or "E<errno>" (static buffer). */
static const char *incore(const void *a, unsigned long len)
{
	static char s[40];
	unsigned char v[32];
	unsigned long n = (len + PG - 1) / PG;

	memset(v, 0xee, sizeof(v));
	if (n > 30)
		return "too long";
	if (raw_mincore((unsigned long)a, len, v) != 0) {
		snprintf(s, sizeof(s), "E%s", harness_errname(errno));
		return s;
	}
	for (unsigned long i = 0; i < n; i++)
		s[i] = v[i] == 0 ? '0' : v[i] == 1 ? '1' : '?';
	s[n] = 0;
	return s;
}

static void check_str(const char *name, const char *got, const char *want)
{
	CHECK(name, strcmp(got, want) == 0, "got \"%s\", want \"%s\"", got, want);
}

#define CHECK_INCORE(name, a, len, want) check_str(name, incore(a, len), want)

/* @path's text (NUL-terminated, "" if unreadable) in @buf. */
static char *slurp(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	long n = fd < 0 ? -1 : read(fd, buf, cap - 1);

	if (fd >= 0)
		close(fd);
	buf[n > 0 ? n : 0] = 0;
	return buf;
}

/* A kB line of /proc/self/status ("VmLck:"), or -1. */
static long status_kb(const char *key)
{
	char buf[4096];
	char *p = strstr(slurp("/proc/self/status", buf, sizeof(buf)), key);

	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}


/* Shared memory a child reports through; the parent checks it. */
struct kid {
	long r[40];
	char s[16][40];
};

static struct kid *kid;

/* Runs @fn in a child; true if it ran to the end (exit status 0). */
static bool in_child(const char *name, void (*fn)(void))
{
	int st = -1;
	pid_t pid;

	memset(kid, 0x55, sizeof(*kid));
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &st, 0);
	return CHECK(name, pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		     "child status %#x", st);
}

/* ---- mlock, munlock ---- */

static void test_mlock(void)
{
	char *p = map_anon(0, 4 * PG, RW, MAP_PRIVATE);
	long l0 = vmlck();

	if (!CHECK("mmextra.mlock.setup", p != MAP_FAILED && l0 >= 0,
		   "mmap %s, VmLck %ld", harness_errname(errno), l0))
		return;
	CHECK_INCORE("mmextra.mincore.fresh_anon", p, 4 * PG, "0000");
	p[PG + 5] = 'x';
	CHECK_EQ("mmextra.mlock", raw_mlock(p + PG, 2 * PG), 0);
	CHECK_INCORE("mmextra.mlock.faults_in", p, 4 * PG, "0110");
	CHECK_EQ("mmextra.mlock.vmlck", vmlck() - l0, 8);
	CHECK_EQ("mmextra.mlock.keeps_data", p[PG + 5], 'x');
	CHECK_EQ("mmextra.mlock.again", raw_mlock(p + PG, 2 * PG), 0);
	CHECK_EQ("mmextra.mlock.again_vmlck", vmlck() - l0, 8);
	/* [p + 100, p + 110) rounds out to the page p. */
	CHECK_EQ("mmextra.mlock.unaligned", raw_mlock(p + 100, 10), 0);
	CHECK_INCORE("mmextra.mlock.unaligned_faults_in", p, 4 * PG, "1110");
	CHECK_EQ("mmextra.mlock.unaligned_vmlck", vmlck() - l0, 12);
	/* PAGE_ALIGN(~0) is 0: nothing to do. */
	CHECK_EQ("mmextra.mlock.len_wraps_to_0", raw_mlock(p, ~0UL), 0);
	CHECK_EQ("mmextra.munlock.unaligned", raw_munlock(p + PG + 1, PG), 0);
	CHECK_EQ("mmextra.munlock.unaligned_vmlck", vmlck() - l0, 4);
	CHECK_EQ("mmextra.munlock", raw_munlock(p, 4 * PG), 0);
	CHECK_EQ("mmextra.munlock.vmlck", vmlck() - l0, 0);
	CHECK_INCORE("mmextra.munlock.stays_resident", p, 4 * PG, "1110");
	CHECK_EQ("mmextra.mlock.len0_unmapped", raw_mlock(at(SCRATCH), 0), 0);
	CHECK_ERR("mmextra.mlock.unmapped", raw_mlock(at(SCRATCH), PG), ENOMEM);
	CHECK_ERR("mmextra.munlock.unmapped", raw_munlock(at(SCRATCH), PG),
		  ENOMEM);
	CHECK_ERR("mmextra.mlock.wraps", raw_mlock(at(~0UL - PG + 1), 2 * PG),
		  EINVAL);
	CHECK_ERR("mmextra.munlock.wraps",
		  raw_munlock(at(~0UL - PG + 1), 2 * PG), EINVAL);
	raw_munmap(p, 4 * PG);
	CHECK_EQ("mmextra.munmap.vmlck", vmlck() - l0, 0);
}

/* A hole: the areas before it are locked, but nothing is faulted in. */
static void test_mlock_hole(void)
{
	char *p = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	long l0 = vmlck();

	raw_munmap(p + PG, PG);
	CHECK_ERR("mmextra.mlock.hole", raw_mlock(p, 3 * PG), ENOMEM);
	CHECK_EQ("mmextra.mlock.hole_locks_before", vmlck() - l0, 4);
	CHECK_INCORE("mmextra.mlock.hole_no_fault_in", p, PG, "0");
	CHECK_INCORE("mmextra.mlock.hole_after_untouched", p + 2 * PG, PG, "0");
	CHECK_ERR("mmextra.munlock.hole", raw_munlock(p, 3 * PG), ENOMEM);
	CHECK_EQ("mmextra.munlock.hole_unlocks_before", vmlck() - l0, 0);
	raw_munmap(p, 3 * PG);
}

/* Protections: PROT_NONE cannot be faulted in, exec- and write-only can. */
static void test_mlock_prot(void)
{
	char *n = map_anon(0, 2 * PG, PROT_NONE, MAP_PRIVATE);
	char *x = map_anon(0, 2 * PG, PROT_EXEC, MAP_PRIVATE);
	char *w = map_anon(0, 2 * PG, PROT_WRITE, MAP_PRIVATE);
	long l0 = vmlck();

	CHECK_ERR("mmextra.mlock.prot_none", raw_mlock(n, 2 * PG), ENOMEM);
	CHECK_EQ("mmextra.mlock.prot_none_still_locked", vmlck() - l0, 8);
	CHECK_INCORE("mmextra.mlock.prot_none_not_in", n, 2 * PG, "00");
	CHECK_EQ("mmextra.munlock.prot_none", raw_munlock(n, 2 * PG), 0);
	CHECK_EQ("mmextra.mlock.exec_only", raw_mlock(x, 2 * PG), 0);
	CHECK_INCORE("mmextra.mlock.exec_only_in", x, 2 * PG, "11");
	CHECK_EQ("mmextra.mlock.write_only", raw_mlock(w, 2 * PG), 0);
	CHECK_INCORE("mmextra.mlock.write_only_in", w, 2 * PG, "11");
	CHECK_EQ("mmextra.mlock.prot_vmlck", vmlck() - l0, 16);
	/* A page made PROT_NONE after it was touched is still resident. */
	raw_mprotect(w, PG, PROT_NONE);
	CHECK_INCORE("mmextra.mincore.prot_none_resident", w, 2 * PG, "11");
	raw_munmap(n, 2 * PG);
	raw_munmap(x, 2 * PG);
	raw_munmap(w, 2 * PG);
	CHECK_EQ("mmextra.mlock.prot_unmapped_vmlck", vmlck() - l0, 0);
}

/* mlock2 flags, MLOCK_ONFAULT, and madvise on locked memory. */
static void test_mlock2(void)
{
	char *p = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	long l0 = vmlck();

	CHECK_ERR("mmextra.mlock2.bad_flag", raw_mlock2(p, PG, 2), EINVAL);
	CHECK_ERR("mmextra.mlock2.all_flags", raw_mlock2(p, PG, -1), EINVAL);
	CHECK_EQ("mmextra.mlock2.no_flags", raw_mlock2(p, PG, 0), 0);
	CHECK_EQ("mmextra.mlock2.onfault",
		 raw_mlock2(p + PG, 2 * PG, MLOCK_ONFAULT), 0);
	CHECK_INCORE("mmextra.mlock2.onfault_not_in", p, 3 * PG, "100");
	CHECK_EQ("mmextra.mlock2.onfault_vmlck", vmlck() - l0, 12);
	p[2 * PG] = 1;
	CHECK_INCORE("mmextra.mlock2.onfault_touch", p, 3 * PG, "101");
	CHECK_ERR("mmextra.madvise.dontneed_locked_einval",
		  madvise(p, PG, MADV_DONTNEED), EINVAL);
	CHECK_ERR("mmextra.madvise.free_locked_einval",
		  madvise(p, PG, MADV_FREE), EINVAL);
	CHECK_EQ("mmextra.madvise.dontneed_locked", madvise(p, 3 * PG,
							  MADV_DONTNEED_LOCKED), 0);
	CHECK_INCORE("mmextra.madvise.dontneed_locked_drops", p, 3 * PG, "000");
	CHECK_EQ("mmextra.madvise.dontneed_locked_keeps_lock", vmlck() - l0, 12);
	CHECK_EQ("mmextra.munlock.mixed", raw_munlock(p, 3 * PG), 0);
	CHECK_EQ("mmextra.madvise.free_unlocked", madvise(p, PG, MADV_FREE), 0);
	raw_munmap(p, 3 * PG);
}

/* ---- mincore ---- */

static void test_mincore(void)
{
	char *p = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	char *s = map_anon(0, 2 * PG, RW, MAP_SHARED);
	unsigned char v[4];

	CHECK_ERR("mmextra.mincore.unaligned", raw_mincore((unsigned long)p + 1,
							   PG, v), EINVAL);
	CHECK_ERR("mmextra.mincore.null_vec", raw_mincore((unsigned long)p, PG,
							  NULL), EFAULT);
	CHECK_ERR("mmextra.mincore.readonly_vec",
		  raw_mincore((unsigned long)p, PG, (void *)test_mmextra),
		  EFAULT);
	CHECK_ERR("mmextra.mincore.unmapped", raw_mincore(SCRATCH, PG, v),
		  ENOMEM);
	CHECK_ERR("mmextra.mincore.unmapped_before_vec",
		  raw_mincore(SCRATCH, PG, NULL), ENOMEM);
	CHECK_EQ("mmextra.mincore.len0", raw_mincore(SCRATCH, 0, v), 0);
	CHECK_ERR("mmextra.mincore.huge_len",
		  raw_mincore((unsigned long)p, ~0UL & ~(PG - 1), v), ENOMEM);
	p[PG] = 1;
	CHECK_INCORE("mmextra.mincore.touched", p, 3 * PG, "010");
	memset(v, 0xee, sizeof(v));
	CHECK("mmextra.mincore.len_rounds_up",
	      raw_mincore((unsigned long)p, PG + 1, v) == 0 && v[0] == 0 &&
	      v[1] == 1 && v[2] == 0xee, "%d %d %#x", v[0], v[1], v[2]);
	raw_munmap(p + 2 * PG, PG);
	memset(v, 0xee, sizeof(v));
	CHECK_ERR("mmextra.mincore.hole", raw_mincore((unsigned long)p,
						      3 * PG, v), ENOMEM);
	CHECK("mmextra.mincore.hole_fills_before", v[0] == 0 && v[1] == 1,
	      "%d %d", v[0], v[1]);
	madvise(p + PG, PG, MADV_DONTNEED);
	CHECK_INCORE("mmextra.mincore.dontneed", p, 2 * PG, "00");
	CHECK_INCORE("mmextra.mincore.shared_fresh", s, 2 * PG, "00");
	s[0] = 1;
	CHECK_INCORE("mmextra.mincore.shared_touched", s, 2 * PG, "10");
	CHECK_ERR("mmextra.madvise.free_shared_einval",
		  madvise(s, PG, MADV_FREE), EINVAL);
	raw_munmap(p, 2 * PG);
	raw_munmap(s, 2 * PG);
}

/* File mappings: the page cache counts, mapped here or not. */
static void test_file(void)
{
	char page[PG];
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	char *m, *pv;
	long l0 = vmlck();

	memset(page, 'a', sizeof(page));
	if (!CHECK("mmextra.file.setup", fd >= 0 && write(fd, page, PG) == PG &&
		   write(fd, page, 10) == 10, "%s", harness_errname(errno)))
		return;
	m = raw_mmap(0, 4 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK_INCORE("mmextra.mincore.file_page_cache", m, 4 * PG, "1100");
	CHECK_ERR("mmextra.mlock.past_eof", raw_mlock(m, 4 * PG), ENOMEM);
	CHECK_EQ("mmextra.mlock.past_eof_locked", vmlck() - l0, 16);
	CHECK_INCORE("mmextra.mlock.past_eof_in", m, 4 * PG, "1100");
	raw_munmap(m, 4 * PG);
	CHECK_EQ("mmextra.file.grow", ftruncate(fd, 4 * PG), 0);
	pv = raw_mmap(0, 5 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK_INCORE("mmextra.mincore.file_private_holes", pv, 5 * PG, "11000");
	CHECK_EQ("mmextra.file.pwrite", pwrite(fd, "x", 1, 3 * PG), 1);
	CHECK_INCORE("mmextra.mincore.file_write_shows", pv, 5 * PG, "11010");
	CHECK_EQ("mmextra.mlock.file_private", raw_mlock(pv, 2 * PG), 0);
	CHECK_EQ("mmextra.mlock.file_private_data", pv[PG + 9], 'a');
	raw_munmap(pv, 5 * PG);
	close(fd);
	unlink("f");
	CHECK_EQ("mmextra.file.vmlck_after", vmlck() - l0, 0);
}

/* ---- mlockall, in a child ---- */

static void mlockall_child(void)
{
	char *u = map_anon(0, 2 * PG, RW, MAP_PRIVATE), *a, *m, *q;
	unsigned long b;
	pid_t g;

	kid->r[0] = rv(syscall(SYS_mlockall, 0));
	kid->r[1] = rv(syscall(SYS_mlockall, MCL_ONFAULT));
	kid->r[2] = rv(syscall(SYS_mlockall, 8));
	kid->r[3] = rv(syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT));
	kid->r[4] = vmlck();
	strcpy(kid->s[0], incore(u, 2 * PG));
	kid->r[5] = rv(syscall(SYS_munlockall));
	kid->r[6] = vmlck();
	kid->r[7] = rv(syscall(SYS_mlockall, MCL_FUTURE));
	kid->r[8] = vmlck();
	a = map_anon(0, 3 * PG, RW, MAP_PRIVATE);
	strcpy(kid->s[1], incore(a, 3 * PG));
	kid->r[9] = vmlck();
	m = map_anon(0, 3 * PG, PROT_NONE, MAP_PRIVATE);
	strcpy(kid->s[2], incore(m, 3 * PG));
	kid->r[10] = vmlck();
	b = page_up(raw_brk(0));
	raw_brk(b + 2 * PG);
	strcpy(kid->s[3], incore(at(b), 2 * PG));
	m = (char *)raw_mremap(a, 3 * PG, 6 * PG, MREMAP_MAYMOVE, 0);
	strcpy(kid->s[4], incore(m, 6 * PG));
	g = fork();
	if (g == 0) {
		char *x = map_anon(0, PG, RW, MAP_PRIVATE);

		kid->r[11] = vmlck();
		strcpy(kid->s[5], incore(x, PG));
		_exit(0);
	}
	waitpid(g, NULL, 0);
	kid->r[12] = rv(syscall(SYS_mlockall, MCL_FUTURE | MCL_ONFAULT));
	a = map_anon(0, 2 * PG, RW, MAP_PRIVATE | MAP_POPULATE);
	strcpy(kid->s[6], incore(a, 2 * PG));
	kid->r[13] = rv(syscall(SYS_mlockall, MCL_CURRENT));
	a = map_anon(0, 2 * PG, RW, MAP_PRIVATE);
	strcpy(kid->s[7], incore(a, 2 * PG)); /* MCL_CURRENT ended MCL_FUTURE */
	kid->r[14] = rv(syscall(SYS_munlockall));
	kid->r[15] = vmlck();
	q = map_anon(0, 2 * PG, RW, MAP_PRIVATE | MAP_LOCKED);
	strcpy(kid->s[8], incore(q, 2 * PG));
	kid->r[16] = vmlck();
	kid->r[17] = rv(syscall(SYS_mlockall, MCL_CURRENT));
	strcpy(kid->s[9], incore(a, 2 * PG));
	kid->r[18] = status_kb("VmSize:");
	kid->r[19] = vmlck();
}

static void test_mlockall(void)
{
	if (!in_child("mmextra.mlockall.child", mlockall_child))
		return;
	CHECK_EQ("mmextra.mlockall.0_einval", kid->r[0], -EINVAL);
	CHECK_EQ("mmextra.mlockall.onfault_alone_einval", kid->r[1], -EINVAL);
	CHECK_EQ("mmextra.mlockall.unknown_einval", kid->r[2], -EINVAL);
	CHECK_EQ("mmextra.mlockall.current_onfault", kid->r[3], 0);
	CHECK("mmextra.mlockall.current_vmlck", kid->r[4] > 0, "%ld", kid->r[4]);
	check_str("mmextra.mlockall.onfault_not_in", kid->s[0], "00");
	CHECK_EQ("mmextra.munlockall", kid->r[5], 0);
	CHECK_EQ("mmextra.munlockall.vmlck", kid->r[6], 0);
	CHECK_EQ("mmextra.mlockall.future", kid->r[7], 0);
	CHECK_EQ("mmextra.mlockall.future_locks_nothing_yet", kid->r[8], 0);
	check_str("mmextra.mlockall.future_mmap_in", kid->s[1], "111");
	CHECK_EQ("mmextra.mlockall.future_mmap_vmlck", kid->r[9], 12);
	check_str("mmextra.mlockall.future_prot_none_not_in", kid->s[2], "000");
	CHECK_EQ("mmextra.mlockall.future_prot_none_vmlck", kid->r[10], 24);
	check_str("mmextra.mlockall.future_brk_in", kid->s[3], "11");
	check_str("mmextra.mlockall.future_mremap_in", kid->s[4], "111111");
	CHECK_EQ("mmextra.mlockall.fork_no_locks", kid->r[11], 0);
	check_str("mmextra.mlockall.fork_no_future", kid->s[5], "0");
	CHECK_EQ("mmextra.mlockall.future_onfault", kid->r[12], 0);
	check_str("mmextra.mlockall.onfault_beats_populate", kid->s[6], "00");
	CHECK_EQ("mmextra.mlockall.current", kid->r[13], 0);
	check_str("mmextra.mlockall.current_ends_future", kid->s[7], "00");
	CHECK_EQ("mmextra.munlockall.again", kid->r[14], 0);
	CHECK_EQ("mmextra.munlockall.again_vmlck", kid->r[15], 0);
	check_str("mmextra.map_locked.in", kid->s[8], "11");
	CHECK_EQ("mmextra.map_locked.vmlck", kid->r[16], 8);
	CHECK_EQ("mmextra.mlockall.current_again", kid->r[17], 0);
	check_str("mmextra.mlockall.current_faults_in", kid->s[9], "11");
	harness_printf("# mmextra: mlockall child: VmSize %ld kB, VmLck %ld kB",
		       kid->r[18], kid->r[19]);
}

/* ---- RLIMIT_MEMLOCK and permissions, in children ---- */

/* Sets RLIMIT_MEMLOCK to @memlock; with @user, drops root for uid 1000. */
static void set_limit(unsigned long memlock, bool user)
{
	struct rlimit rl = { memlock, memlock };

	if (setrlimit(RLIMIT_MEMLOCK, &rl) != 0 || (user &&
	    (setresgid(1000, 1000, 1000) != 0 || setresuid(1000, 1000, 1000) != 0)))
		_exit(3);
}

static void nolimit_child(void)
{
	char *p = map_anon(0, PG, RW, MAP_PRIVATE);

	set_limit(0, true);
	kid->r[0] = rv(raw_mlock(p, PG));
	kid->r[1] = rv(raw_mlock2(p, PG, MLOCK_ONFAULT));
	kid->r[2] = rv(syscall(SYS_mlockall, MCL_CURRENT));
	kid->r[3] = rv(syscall(SYS_mlockall, 0));
	kid->r[4] = rv(raw_munlock(p, PG));
	kid->r[5] = rv(syscall(SYS_munlockall));
	kid->r[6] = rv((long)map_anon(0, PG, RW, MAP_PRIVATE | MAP_LOCKED));
}

static void limit_child(void)
{
	char *p = map_anon(0, 4 * PG, RW, MAP_PRIVATE);
	unsigned long b = raw_brk(0);

	set_limit(2 * PG, true);
	kid->r[0] = rv(raw_mlock(p, 3 * PG));
	kid->r[1] = rv(raw_mlock(p, 2 * PG));
	kid->r[2] = rv(raw_mlock(p, 2 * PG)); /* counted once */
	kid->r[3] = rv(raw_mlock(p + PG, 2 * PG));
	kid->r[4] = rv(raw_mremap(p, 2 * PG, 3 * PG, MREMAP_MAYMOVE, 0));
	kid->r[5] = rv(syscall(SYS_mlockall, MCL_CURRENT));
	kid->r[6] = rv(syscall(SYS_mlockall, MCL_FUTURE));
	kid->r[7] = rv((long)map_anon(0, PG, RW, MAP_PRIVATE));
	kid->r[8] = rv((long)map_anon(0, PG, RW, MAP_PRIVATE | MAP_LOCKED));
	kid->r[9] = raw_brk(b + 4 * PG) == (long)b;
	kid->r[10] = rv(raw_munlock(p, 4 * PG));
	kid->r[11] = rv((long)map_anon(0, PG, RW, MAP_PRIVATE));
}

static void root_child(void)
{
	char *p = map_anon(0, PG, RW, MAP_PRIVATE);

	set_limit(0, false);
	kid->r[0] = rv(raw_mlock(p, PG));
	kid->r[1] = rv(syscall(SYS_mlockall, MCL_CURRENT | MCL_ONFAULT));
	kid->r[2] = rv(syscall(SYS_munlockall));
}

static void test_memlock_limit(void)
{
	if (in_child("mmextra.memlock.nolimit_child", nolimit_child)) {
		CHECK_EQ("mmextra.memlock.0_mlock_eperm", kid->r[0], -EPERM);
		CHECK_EQ("mmextra.memlock.0_mlock2_eperm", kid->r[1], -EPERM);
		CHECK_EQ("mmextra.memlock.0_mlockall_eperm", kid->r[2], -EPERM);
		CHECK_EQ("mmextra.memlock.0_mlockall_flags_first", kid->r[3],
			 -EINVAL);
		CHECK_EQ("mmextra.memlock.0_munlock_ok", kid->r[4], 0);
		CHECK_EQ("mmextra.memlock.0_munlockall_ok", kid->r[5], 0);
		CHECK_EQ("mmextra.memlock.0_map_locked_eperm", kid->r[6], -EPERM);
	}
	if (in_child("mmextra.memlock.limit_child", limit_child)) {
		CHECK_EQ("mmextra.memlock.over_enomem", kid->r[0], -ENOMEM);
		CHECK_EQ("mmextra.memlock.at_limit", kid->r[1], 0);
		CHECK_EQ("mmextra.memlock.relock_counts_once", kid->r[2], 0);
		CHECK_EQ("mmextra.memlock.overlap_over_enomem", kid->r[3], -ENOMEM);
		CHECK_EQ("mmextra.memlock.mremap_grow_eagain", kid->r[4], -EAGAIN);
		CHECK_EQ("mmextra.memlock.mlockall_current_enomem", kid->r[5],
			 -ENOMEM);
		CHECK_EQ("mmextra.memlock.mlockall_future", kid->r[6], 0);
		CHECK_EQ("mmextra.memlock.future_mmap_eagain", kid->r[7], -EAGAIN);
		CHECK_EQ("mmextra.memlock.map_locked_eagain", kid->r[8], -EAGAIN);
		CHECK_EQ("mmextra.memlock.future_brk_refused", kid->r[9], 1);
		CHECK_EQ("mmextra.memlock.munlock", kid->r[10], 0);
		CHECK("mmextra.memlock.future_mmap_fits", kid->r[11] > 0,
		      "%ld", kid->r[11]);
	}
	if (in_child("mmextra.memlock.root_child", root_child)) {
		CHECK_EQ("mmextra.memlock.root_exempt", kid->r[0], 0);
		CHECK_EQ("mmextra.memlock.root_mlockall", kid->r[1], 0);
		CHECK_EQ("mmextra.memlock.root_munlockall", kid->r[2], 0);
	}
}

/* ---- getpriority, setpriority, nice ---- */

/* Fields 18 and 19 of /proc/self/stat: "priority nice". */
static const char *stat_prio(void)
{
	static char out[32];
	char buf[1024];
	char *p = strrchr(slurp("/proc/self/stat", buf, sizeof(buf)), ')');
	long prio, nice;

	/* After the name (it may hold spaces): fields 3-17, then 18 and 19. */
	if (!p || sscanf(p + 1, "%*s %*s %*s %*s %*s %*s %*s %*s %*s %*s %*s "
			 "%*s %*s %*s %*s %ld %ld", &prio, &nice) != 2)
		return "unreadable";
	snprintf(out, sizeof(out), "%ld %ld", prio, nice);
	return out;
}

static void test_prio_basic(void)
{
	long g0 = raw_getprio(PRIO_PROCESS, 0);

	CHECK("mmextra.prio.raw_range", g0 >= 1 && g0 <= 40, "%ld", g0);
	CHECK_EQ("mmextra.prio.set", raw_setprio(PRIO_PROCESS, 0, 5), 0);
	CHECK_EQ("mmextra.prio.get_raw", raw_getprio(PRIO_PROCESS, 0), 15);
	CHECK_EQ("mmextra.prio.get_libc", getpriority(PRIO_PROCESS, 0), 5);
	CHECK_EQ("mmextra.prio.get_by_pid", raw_getprio(PRIO_PROCESS, getpid()),
		 15);
	check_str("mmextra.prio.proc_stat", stat_prio(), "25 5");
	CHECK_EQ("mmextra.prio.nice", nice(1), 6);
	CHECK_EQ("mmextra.prio.nice_raw", raw_getprio(PRIO_PROCESS, 0), 14);
	CHECK_EQ("mmextra.prio.clamp_high", raw_setprio(PRIO_PROCESS, 0, 100), 0);
	CHECK_EQ("mmextra.prio.clamp_high_get", raw_getprio(PRIO_PROCESS, 0), 1);
	CHECK_EQ("mmextra.prio.clamp_low", raw_setprio(PRIO_PROCESS, 0, -100), 0);
	CHECK_EQ("mmextra.prio.clamp_low_get", raw_getprio(PRIO_PROCESS, 0), 40);
	check_str("mmextra.prio.proc_stat_negative", stat_prio(), "0 -20");
	CHECK_ERR("mmextra.prio.set_which_3", raw_setprio(3, 0, 0), EINVAL);
	CHECK_ERR("mmextra.prio.get_which_3", raw_getprio(3, 0), EINVAL);
	CHECK_ERR("mmextra.prio.get_which_neg", raw_getprio(-1, 0), EINVAL);
	CHECK_ERR("mmextra.prio.get_no_pid", raw_getprio(PRIO_PROCESS, NOPID),
		  ESRCH);
	CHECK_ERR("mmextra.prio.set_no_pid", raw_setprio(PRIO_PROCESS, NOPID, 0),
		  ESRCH);
	CHECK_ERR("mmextra.prio.get_pid_neg", raw_getprio(PRIO_PROCESS, -1),
		  ESRCH);
	CHECK_ERR("mmextra.prio.get_pgrp_neg", raw_getprio(PRIO_PGRP, -1), ESRCH);
	CHECK_ERR("mmextra.prio.get_no_user", raw_getprio(PRIO_USER, NOUSER),
		  ESRCH);
	CHECK_ERR("mmextra.prio.set_no_user", raw_setprio(PRIO_USER, NOUSER, 0),
		  ESRCH);
	CHECK_EQ("mmextra.prio.set_again", raw_setprio(PRIO_PROCESS, 0, 6), 0);
}

/* A child in its own group as user 4321; the parent changes its nice. */
static void test_prio_child(void)
{
	int go[2], done[2], st = -1;
	pid_t c;
	char b = 0;

	if (pipe(go) != 0 || pipe(done) != 0)
		return;
	c = fork();
	if (c == 0) {
		close(go[1]);
		close(done[0]);
		kid->r[0] = raw_getprio(PRIO_PROCESS, 0); /* inherited */
		if (setpgid(0, 0) != 0 || raw_setprio(PRIO_PROCESS, 0, 7) != 0 ||
		    setresuid(4321, 4321, 4321) != 0)
			_exit(3);
		(void)!write(done[1], "r", 1);
		(void)!read(go[0], &b, 1); /* the parent set our nice to 3 */
		kid->r[1] = raw_getprio(PRIO_PROCESS, 0);
		kid->r[2] = rv(raw_setprio(PRIO_PROCESS, 0, 10)); /* raise */
		kid->r[3] = rv(raw_setprio(PRIO_PROCESS, 0, 10)); /* same */
		kid->r[4] = rv(raw_setprio(PRIO_PROCESS, 0, 0));  /* lower */
		kid->r[5] = rv(raw_setprio(PRIO_PROCESS, getppid(), 10));
		_exit(0);
	}
	close(go[0]);
	close(done[1]);
	if (!CHECK("mmextra.prio.child_ready", c > 0 &&
		   read(done[0], &b, 1) == 1, "fork or child setup failed")) {
		close(go[1]); /* no write to it: the child may be gone */
		close(done[0]);
		if (c > 0)
			waitpid(c, NULL, 0);
		return;
	}
	CHECK_EQ("mmextra.prio.pgrp_get", raw_getprio(PRIO_PGRP, c), 13);
	CHECK_EQ("mmextra.prio.user_get", raw_getprio(PRIO_USER, 4321), 13);
	CHECK_EQ("mmextra.prio.pgrp_set", raw_setprio(PRIO_PGRP, c, 9), 0);
	CHECK_EQ("mmextra.prio.pgrp_set_shows", raw_getprio(PRIO_PROCESS, c), 11);
	CHECK_EQ("mmextra.prio.user_set", raw_setprio(PRIO_USER, 4321, 2), 0);
	CHECK_EQ("mmextra.prio.user_set_shows", raw_getprio(PRIO_PGRP, c), 18);
	CHECK_EQ("mmextra.prio.root_lowers", raw_setprio(PRIO_PROCESS, c, 3), 0);
	(void)!write(go[1], "g", 1);
	close(go[1]);
	/* EOF: the child has exited; until it is reaped it still counts. */
	(void)!read(done[0], &b, 1);
	close(done[0]);
	CHECK_EQ("mmextra.prio.zombie", raw_getprio(PRIO_PROCESS, c), 10);
	waitpid(c, &st, 0);
	CHECK("mmextra.prio.child_exit", WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "status %#x", st);
	CHECK_EQ("mmextra.prio.fork_inherits", kid->r[0], 14);
	CHECK_EQ("mmextra.prio.child_sees", kid->r[1], 17);
	CHECK_EQ("mmextra.prio.user_raises", kid->r[2], 0);
	CHECK_EQ("mmextra.prio.user_same", kid->r[3], 0);
	CHECK_EQ("mmextra.prio.user_lower_eacces", kid->r[4], -EACCES);
	CHECK_EQ("mmextra.prio.user_other_eperm", kid->r[5], -EPERM);
}

/* ---- personality ---- */

#define PERSONA 0x0040003UL /* ADDR_NO_RANDOMIZE | persona 3 */

/* Exec'ed by test_persona() with PERSONA_ENV set: the persona exec left. */
static void persona_after_exec(void)
{
	_exit(raw_persona(0xffffffffUL) == (long)(PERSONA & ~0xffUL) ? 0 : 1);
}

static void test_persona(void)
{
	long p0 = raw_persona(0xffffffffUL);
	int st = -1;
	pid_t c;

	CHECK_EQ("mmextra.personality.query", p0, 0);
	CHECK_EQ("mmextra.personality.set", raw_persona(PERSONA), p0);
	CHECK_EQ("mmextra.personality.stored", raw_persona(0xffffffffUL),
		 PERSONA);
	/* An unsigned int: the upper half is dropped, 0xffffffff only asks. */
	CHECK_EQ("mmextra.personality.upper_bits_query",
		 raw_persona(0x1ffffffffUL), PERSONA);
	CHECK_EQ("mmextra.personality.unchanged", raw_persona(0xffffffffUL),
		 PERSONA);
	CHECK_EQ("mmextra.personality.high_bit", raw_persona(0x80000000UL),
		 PERSONA);
	CHECK_EQ("mmextra.personality.high_bit_positive",
		 raw_persona(PERSONA), 0x80000000L);
	c = fork();
	if (c == 0)
		_exit(raw_persona(0xffffffffUL) == (long)PERSONA ? 0 : 1);
	waitpid(c, &st, 0);
	CHECK("mmextra.personality.fork_inherits", WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "status %#x", st);
	c = fork();
	if (c == 0) {
		char *argv[] = { "mmextra", NULL };
		char *envp[] = { PERSONA_ENV "=1", NULL };

		execve("/tests/mmextra", argv, envp);
		_exit(127);
	}
	waitpid(c, &st, 0);
	CHECK("mmextra.personality.exec_resets_low_byte", WIFEXITED(st) &&
	      WEXITSTATUS(st) == 0, "status %#x", st);
	raw_persona(p0);
}

int test_mmextra(void)
{
	long nice0;

	if (getenv(PERSONA_ENV))
		persona_after_exec();
	harness_begin("mmextra");
	harness_ensure_proc();
	kid = (struct kid *)map_anon(0, sizeof(*kid), RW, MAP_SHARED);
	if (!CHECK("mmextra.setup", kid != MAP_FAILED, "%s", strerror(errno)))
		return harness_end();
	test_mlock();
	test_mlock_hole();
	test_mlock_prot();
	test_mlock2();
	test_mincore();
	if (scratch_begin("mmextra")) {
		test_file();
		scratch_end("mmextra");
	}
	test_mlockall();
	test_memlock_limit();
	nice0 = 20 - raw_getprio(PRIO_PROCESS, 0);
	test_prio_basic();
	test_prio_child();
	raw_setprio(PRIO_PROCESS, 0, nice0);
	test_persona();
	raw_munmap(kid, sizeof(*kid));
	return harness_end();
}
