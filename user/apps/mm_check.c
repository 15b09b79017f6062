// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/mm_check.c - checks the Linux semantics of the memory system
 * calls: brk, mmap, munmap, mprotect, madvise, mremap, msync, demand
 * paging (including inside system calls), stack growth, copy-on-write
 * and shared memory across fork, and -EFAULT for bad pointers. Every expected value is what Linux returns (man pages and
 * Linux's mm/ sources), so the same binary can be checked on Linux.
 *
 * Prints "mm_check: PASS <group>" or one "mm_check: FAIL ..." line per
 * mismatch, a summary, and "Test mm_check OK!" when nothing failed.
 * A bad pointer is probed with a system call (write from it, or
 * clock_gettime into it) rather than a load, so a bug shows as a FAIL
 * line instead of killing the test.
 */
#include "ulib.h"

#define EPERM 1
#define EBADF 9
#define ENOMEM 12
#define EFAULT 14
#define EEXIST 17
#define EINVAL 22

#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_RW 3
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_FIXED_NOREPLACE 0x100000
#define MAP_ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)
#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MADV_NORMAL 0
#define MADV_WILLNEED 3
#define MADV_DONTNEED 4
#define MS_ASYNC 1
#define MS_SYNC 4

#define CLOCK_MONOTONIC 1
#define PG 4096UL
#define MIB (1UL << 20)
#define KERNEL_PTR 0xffffffc080200000UL
/* A region no allocator uses on racho or Linux: fixed-address checks. */
#define SCRATCH 0x1000000000UL

static int failures, group_failures, passes;

static void eq(const char *what, long got, long want)
{
	if (got != want) {
		printf("mm_check: FAIL %s: got %ld (0x%lx), want %ld\n", what,
		       got, got, want);
		failures++;
		group_failures++;
	}
}

static void truth(const char *what, int cond)
{
	eq(what, cond != 0, 1);
}

static void group_done(const char *name)
{
	if (group_failures == 0) {
		printf("mm_check: PASS %s\n", name);
		passes++;
	}
	group_failures = 0;
}

static int is_err(long v)
{
	return (unsigned long)v > -4096UL;
}

static volatile uint8_t *at(uintptr_t a)
{
	return (volatile uint8_t *)a;
}

static uintptr_t page_up(uintptr_t a)
{
	return (a + PG - 1) & ~(PG - 1);
}

/* write(2) one byte from @a to stdout: 1, or -EFAULT if unreadable. */
static long probe_read(uintptr_t a)
{
	return syscall6(SYS_write, 1, (long)a, 1, 0, 0, 0);
}

/* clock_gettime into @a: 0, or -EFAULT if not writable. */
static long probe_write(uintptr_t a)
{
	return syscall6(SYS_clock_gettime, CLOCK_MONOTONIC, (long)a, 0, 0, 0,
			0);
}

/* nanosleep reading its request from @a: 0, or -EFAULT if unreadable. */
static long probe_kread(uintptr_t a)
{
	return syscall6(SYS_nanosleep, (long)a, 0, 0, 0, 0, 0);
}

static long map_anon(uintptr_t addr, size_t len, int prot, int flags)
{
	return sys_mmap(addr, len, prot, flags | MAP_ANONYMOUS, -1, 0);
}

static void check_brk(void)
{
	long b0 = sys_brk(0);
	uintptr_t base = page_up((uintptr_t)b0);
	uintptr_t top = base + 3 * PG + 100;

	truth("brk(0) > 0", b0 > 0);
	eq("brk grow", sys_brk(top), (long)top);
	at(base)[0] = 0x5a;
	at(base + 2 * PG + 50)[0] = 0xa5;
	eq("brk read back", at(base)[0] + at(base + 2 * PG + 50)[0],
	   0x5a + 0xa5);
	eq("syscall writes an untouched heap page", probe_write(base + PG), 0);
	eq("brk shrink", sys_brk(base + PG), (long)(base + PG));
	eq("shrunk heap page is gone", probe_read(base + 2 * PG), -EFAULT);
	eq("brk regrow", sys_brk(top), (long)top);
	eq("regrown heap page is zero", at(base + 2 * PG + 50)[0], 0);
	eq("kept heap page keeps data", at(base)[0], 0x5a);
	eq("brk below the start fails", sys_brk(0x1000), (long)top);
	eq("brk far too high fails", sys_brk(1UL << 62), (long)top);
	eq("brk(0) after a failure", sys_brk(0), (long)top);
	eq("brk back to start", sys_brk(b0), b0);
	group_done("brk");
}

static void check_mmap_args(void)
{
	long p = map_anon(0, PG, PROT_RW, MAP_PRIVATE);

	eq("mmap len 0", map_anon(0, 0, PROT_RW, MAP_PRIVATE), -EINVAL);
	eq("mmap no SHARED/PRIVATE", map_anon(0, PG, PROT_RW, 0), -EINVAL);
	eq("mmap SHARED|PRIVATE anon", map_anon(0, PG, PROT_RW,
						MAP_SHARED | MAP_PRIVATE),
	   -EINVAL);
	eq("mmap unaligned offset",
	   sys_mmap(0, PG, PROT_RW, MAP_ANON_PRIV, -1, 100), -EINVAL);
	eq("mmap FIXED unaligned", map_anon((uintptr_t)p + 1, PG, PROT_RW,
					    MAP_PRIVATE | MAP_FIXED), -EINVAL);
	eq("mmap file with fd -1", sys_mmap(0, PG, PROT_RW, MAP_PRIVATE, -1, 0),
	   -EBADF);
	eq("mmap huge", map_anon(0, 1UL << 62, PROT_RW, MAP_PRIVATE), -ENOMEM);
	eq("mmap len ~0", map_anon(0, ~0UL, PROT_RW, MAP_PRIVATE), -ENOMEM);
	eq("mmap FIXED past user space",
	   map_anon(1UL << 62, PG, PROT_RW, MAP_PRIVATE | MAP_FIXED), -ENOMEM);
	eq("munmap", sys_munmap((uintptr_t)p, PG), 0);
	group_done("mmap arguments");
}

static void check_mmap_munmap(void)
{
	long r = map_anon(0, 3 * PG, PROT_RW, MAP_PRIVATE);
	uintptr_t p = (uintptr_t)r;
	long m;

	truth("mmap anon", !is_err(r) && (p & (PG - 1)) == 0);
	if (is_err(r))
		return;
	eq("fresh anon page reads zero",
	   at(p)[0] | at(p + PG + 7)[0] | at(p + 3 * PG - 1)[0], 0);
	at(p)[0] = 1;
	at(p + PG)[0] = 2;
	at(p + 2 * PG)[0] = 3;
	eq("anon write/read", at(p)[0] + at(p + PG)[0] + at(p + 2 * PG)[0], 6);
	eq("munmap middle", sys_munmap(p + PG, PG), 0);
	eq("unmapped middle page is EFAULT", probe_read(p + PG), -EFAULT);
	eq("pages around the hole keep data", at(p)[0] + at(p + 2 * PG)[0], 4);
	eq("munmap unaligned", sys_munmap(p + 1, PG), -EINVAL);
	eq("munmap len 0", sys_munmap(p, 0), -EINVAL);
	eq("munmap a hole", sys_munmap(p + PG, PG), 0);
	eq("munmap across a hole", sys_munmap(p, 3 * PG), 0);
	eq("first page gone", probe_read(p), -EFAULT);
	eq("last page gone", probe_read(p + 2 * PG), -EFAULT);
	m = map_anon(0, 2 * PG, PROT_RW, MAP_PRIVATE);
	at((uintptr_t)m + PG)[0] = 9;
	eq("munmap rounds len up", sys_munmap((uintptr_t)m, 100), 0);
	eq("rounded page gone", probe_read((uintptr_t)m), -EFAULT);
	eq("next page stays", at((uintptr_t)m + PG)[0], 9);
	eq("munmap past user space", sys_munmap(1UL << 62, PG), -EINVAL);
	sys_munmap((uintptr_t)m + PG, PG);
	group_done("mmap/munmap");
}

static const char ro_msg[] = "mm_check: write() from a read-only page\n";

static void check_mprotect(void)
{
	uintptr_t q = (uintptr_t)map_anon(0, 2 * PG, PROT_RW, MAP_PRIVATE);
	int64_t *ts = (int64_t *)q;
	size_t n = sizeof(ro_msg) - 1;

	ts[0] = 0;
	ts[1] = 1000; /* a 1 us nanosleep request */
	memcpy((void *)(q + 64), ro_msg, n);
	eq("mprotect READ", sys_mprotect(q, PG, PROT_READ), 0);
	eq("kernel reads a read-only page", probe_kread(q), 0);
	eq("write() from a read-only page", write(1, (void *)(q + 64), n),
	   (long)n);
	eq("kernel write into a read-only page", probe_write(q), -EFAULT);
	eq("other half of the split area stays writable", probe_write(q + PG),
	   0);
	eq("mprotect NONE", sys_mprotect(q, PG, PROT_NONE), 0);
	eq("kernel read of a PROT_NONE page", probe_kread(q), -EFAULT);
	eq("mprotect back to RW", sys_mprotect(q, PG, PROT_RW), 0);
	eq("data survives PROT_NONE", (long)ts[1], 1000);
	eq("mprotect unaligned", sys_mprotect(q + 1, PG, PROT_READ), -EINVAL);
	eq("mprotect bad prot", sys_mprotect(q, PG, 0x10), -EINVAL);
	eq("mprotect len 0", sys_mprotect(q, 0, PROT_READ), 0);
	eq("munmap second page", sys_munmap(q + PG, PG), 0);
	eq("mprotect over a hole", sys_mprotect(q, 2 * PG, PROT_READ), -ENOMEM);
	eq("mprotect of nothing", sys_mprotect(q + PG, PG, PROT_READ), -ENOMEM);
	sys_munmap(q, PG);
	group_done("mprotect");
}

static void check_fixed(void)
{
	uintptr_t n = SCRATCH;
	long r = map_anon(n, 2 * PG, PROT_RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);

	eq("FIXED_NOREPLACE on a free range", r, (long)n);
	eq("FIXED_NOREPLACE overlapping", map_anon(n + PG, 2 * PG, PROT_RW,
		MAP_PRIVATE | MAP_FIXED_NOREPLACE), -EEXIST);
	eq("munmap one page", sys_munmap(n + PG, PG), 0);
	eq("FIXED_NOREPLACE into the hole", map_anon(n + PG, PG, PROT_RW,
		MAP_PRIVATE | MAP_FIXED_NOREPLACE), (long)(n + PG));
	at(n)[0] = 7;
	eq("MAP_FIXED replaces", map_anon(n, PG, PROT_RW,
					  MAP_PRIVATE | MAP_FIXED), (long)n);
	eq("replaced page is zero", at(n)[0], 0);
	eq("munmap", sys_munmap(n, 2 * PG), 0);
	eq("free hint is used", map_anon(n, PG, PROT_RW, MAP_PRIVATE), (long)n);
	eq("munmap", sys_munmap(n, PG), 0);
	eq("unaligned hint rounds down", map_anon(n + 5, PG, PROT_RW,
						  MAP_PRIVATE), (long)n);
	eq("munmap", sys_munmap(n, PG), 0);
	group_done("MAP_FIXED, MAP_FIXED_NOREPLACE, hints");
}

static void check_mremap(void)
{
	uintptr_t a = SCRATCH, b = SCRATCH + 16 * PG, c = SCRATCH + 32 * PG;
	long r;
	uintptr_t m;

	map_anon(a, 2 * PG, PROT_RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	map_anon(a + 2 * PG, PG, PROT_RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	at(a)[0] = 0x11;
	at(a + PG)[0] = 0x22;
	eq("mremap grow blocked, no MAYMOVE",
	   sys_mremap(a, 2 * PG, 4 * PG, 0, 0), -ENOMEM);
	r = sys_mremap(a, 2 * PG, 4 * PG, MREMAP_MAYMOVE, 0);
	m = (uintptr_t)r;
	truth("mremap moves", !is_err(r) && m != a);
	if (is_err(r))
		return;
	eq("moved contents", at(m)[0] + at(m + PG)[0], 0x33);
	eq("grown part is zero", at(m + 3 * PG + 9)[0], 0);
	eq("old range is gone", probe_read(a), -EFAULT);
	map_anon(b, PG, PROT_RW, MAP_PRIVATE | MAP_FIXED_NOREPLACE);
	at(b)[0] = 0x44;
	eq("mremap grows in place", sys_mremap(b, PG, 3 * PG, 0, 0), (long)b);
	eq("in-place contents", at(b)[0] + at(b + 2 * PG + 5)[0], 0x44);
	eq("mremap shrinks", sys_mremap(b, 3 * PG, PG, 0, 0), (long)b);
	eq("shrunk tail is gone", probe_read(b + PG), -EFAULT);
	eq("mremap FIXED", sys_mremap(m, 4 * PG, 4 * PG,
				      MREMAP_MAYMOVE | MREMAP_FIXED, c),
	   (long)c);
	eq("FIXED contents", at(c)[0] + at(c + PG)[0], 0x33);
	eq("mremap FIXED without MAYMOVE",
	   sys_mremap(c, PG, PG, MREMAP_FIXED, b), -EINVAL);
	eq("mremap FIXED overlapping", sys_mremap(c, 2 * PG, 2 * PG,
		MREMAP_MAYMOVE | MREMAP_FIXED, c + PG), -EINVAL);
	eq("mremap unaligned", sys_mremap(c + 1, PG, 2 * PG, MREMAP_MAYMOVE, 0),
	   -EINVAL);
	eq("mremap new_len 0", sys_mremap(c, PG, 0, MREMAP_MAYMOVE, 0),
	   -EINVAL);
	eq("mremap bad flags", sys_mremap(c, PG, PG, 0x80, 0), -EINVAL);
	eq("mremap unmapped", sys_mremap(a, PG, 2 * PG, MREMAP_MAYMOVE, 0),
	   -EFAULT);
	eq("mremap beyond its area", sys_mremap(b, 2 * PG, 3 * PG,
						MREMAP_MAYMOVE, 0), -EFAULT);
	sys_munmap(b, PG);
	sys_munmap(c, 4 * PG);
	sys_munmap(a + 2 * PG, PG);
	group_done("mremap");
}

static void check_madvise_msync(void)
{
	uintptr_t m = (uintptr_t)map_anon(0, 2 * PG, PROT_RW, MAP_PRIVATE);

	at(m)[0] = 0xaa;
	at(m + PG + 100)[0] = 0xaa;
	eq("MADV_DONTNEED", sys_madvise(m, 2 * PG, MADV_DONTNEED), 0);
	eq("DONTNEED pages read zero", at(m)[0] | at(m + PG + 100)[0], 0);
	eq("madvise unaligned", sys_madvise(m + 1, PG, MADV_DONTNEED), -EINVAL);
	eq("madvise bad advice", sys_madvise(m, PG, 9999), -EINVAL);
	eq("madvise NORMAL", sys_madvise(m, PG, MADV_NORMAL), 0);
	eq("madvise WILLNEED", sys_madvise(m, PG, MADV_WILLNEED), 0);
	eq("madvise len 0", sys_madvise(m, 0, MADV_DONTNEED), 0);
	eq("msync SYNC", sys_msync(m, PG, MS_SYNC), 0);
	eq("msync ASYNC", sys_msync(m, 2 * PG, MS_ASYNC), 0);
	eq("msync unaligned", sys_msync(m + 1, PG, MS_SYNC), -EINVAL);
	eq("msync bad flags", sys_msync(m, PG, 8), -EINVAL);
	eq("msync ASYNC|SYNC", sys_msync(m, PG, MS_ASYNC | MS_SYNC), -EINVAL);
	sys_munmap(m, 2 * PG);
	eq("madvise unmapped", sys_madvise(m, PG, MADV_DONTNEED), -ENOMEM);
	eq("msync unmapped", sys_msync(m, PG, MS_SYNC), -ENOMEM);
	group_done("madvise, msync");
}

static void check_bad_pointers(void)
{
	eq("write() from a kernel pointer",
	   syscall6(SYS_write, 1, (long)KERNEL_PTR, 1, 0, 0, 0), -EFAULT);
	eq("clock_gettime into a kernel pointer", probe_write(KERNEL_PTR),
	   -EFAULT);
	eq("nanosleep from a kernel pointer", probe_kread(KERNEL_PTR), -EFAULT);
	eq("clock_gettime into page 0", probe_write(64), -EFAULT);
	group_done("-EFAULT for bad pointers");
}

static void check_sparse(void)
{
	long r = map_anon(0, 64 * MIB, PROT_RW, MAP_PRIVATE | MAP_NORESERVE);
	uintptr_t s = (uintptr_t)r;
	long sum = 0;
	int i;

	truth("64 MiB mmap", !is_err(r));
	if (is_err(r))
		return;
	for (i = 0; i < 64; i++)
		at(s + i * MIB + i * 8)[0] = (uint8_t)(i + 1);
	for (i = 0; i < 64; i++)
		sum += at(s + i * MIB + i * 8)[0];
	eq("sparse pages read back", sum, 64 * 65 / 2);
	eq("untouched page is zero", at(s + 32 * MIB + 12345)[0], 0);
	eq("munmap 64 MiB", sys_munmap(s, 64 * MIB), 0);
	group_done("64 MiB sparse mapping");
}

static void check_shared_populate(void)
{
	uintptr_t sh = (uintptr_t)map_anon(0, PG, PROT_RW, MAP_SHARED);
	uintptr_t po = (uintptr_t)map_anon(0, 2 * PG, PROT_RW,
					   MAP_PRIVATE | MAP_POPULATE);

	at(sh)[5] = 55;
	eq("shared anon write/read", at(sh)[5], 55);
	eq("populated page is zero", at(po + PG)[0], 0);
	sys_munmap(sh, PG);
	sys_munmap(po, 2 * PG);
	group_done("shared anonymous, MAP_POPULATE");
}

/* Touches 512 KiB of stack, beyond the 128 KiB the stack starts with. */
static __attribute__((noinline)) long deep_stack(void)
{
	volatile uint8_t buf[512 * 1024];
	long sum = 0;
	size_t i;

	for (i = sizeof(buf); i >= PG; i -= PG)
		buf[i - 1] = 1;
	for (i = sizeof(buf); i >= PG; i -= PG)
		sum += buf[i - 1];
	return sum;
}

/* The child's half of check_fork(): exit code = number of mismatches. */
static int fork_child(uintptr_t priv, uintptr_t sh, uintptr_t heap)
{
	int bad = 0;

	bad += at(priv)[0] != 'P';
	at(priv)[0] = 'C';                       /* COW copy */
	bad += probe_write(priv + PG) != 0;      /* COW inside a syscall */
	at(sh)[0] = 'c';                         /* shared: parent sees it */
	at(sh + PG)[0] = 'u';                    /* shared, untouched before */
	bad += at(heap)[0] != 'H';
	at(heap)[0] = 'h';
	return bad;
}

static void check_fork(void)
{
	uintptr_t priv = (uintptr_t)map_anon(0, 2 * PG, PROT_RW, MAP_PRIVATE);
	uintptr_t sh = (uintptr_t)map_anon(0, 2 * PG, PROT_RW, MAP_SHARED);
	uintptr_t ro = (uintptr_t)map_anon(0, PG, PROT_READ, MAP_PRIVATE);
	uintptr_t heap = page_up((uintptr_t)sys_brk(0));
	long pid;
	int st = -1;

	sys_brk(heap + PG);
	at(priv)[0] = 'P';
	at(priv + PG)[0] = 'Q';
	at(sh)[0] = 'S';
	at(heap)[0] = 'H';
	pid = fork();
	if (pid == 0)
		_exit(fork_child(priv, sh, heap));
	truth("fork", pid > 0);
	eq("waitpid", waitpid(pid, &st, 0), pid);
	eq("child saw the parent's pages", st, 0);
	eq("private page is still the parent's", at(priv)[0], 'P');
	eq("COW page the child's syscall wrote", at(priv + PG)[0], 'Q');
	eq("heap page is still the parent's", at(heap)[0], 'H');
	eq("shared page shows the child's write", at(sh)[0], 'c');
	eq("shared page first touched by the child", at(sh + PG)[0], 'u');
	/* A fault in the child kills the child only, with SIGSEGV. */
	pid = fork();
	if (pid == 0) {
		at(ro)[0] = 1;
		_exit(0);
	}
	eq("waitpid", waitpid(pid, &st, 0), pid);
	truth("child killed by SIGSEGV", WIFSIGNALED(st) && WTERMSIG(st) == 11);
	sys_brk(heap);
	sys_munmap(priv, 2 * PG);
	sys_munmap(sh, 2 * PG);
	sys_munmap(ro, PG);
	group_done("fork: copy-on-write and shared memory");
}

static void check_stack(void)
{
	eq("stack grows on demand", deep_stack(), 512 * 1024 / PG);
	group_done("stack growth");
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	check_brk();
	check_mmap_args();
	check_mmap_munmap();
	check_mprotect();
	check_fixed();
	check_mremap();
	check_madvise_msync();
	check_bad_pointers();
	check_sparse();
	check_shared_populate();
	check_stack();
	check_fork();
	printf("mm_check: %d groups passed, %d failures\n", passes, failures);
	if (failures == 0)
		printf("Test mm_check OK!\n");
	return failures ? 1 : 0;
}
