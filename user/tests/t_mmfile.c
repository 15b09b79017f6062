// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_mmfile.c - file mappings of a tmpfs file against Linux's
 * behaviour: mmap's checks of the open file (EACCES, ENODEV,
 * MAP_SHARED_VALIDATE), MAP_PRIVATE (copy on write, the file shows
 * through until then, MADV_DONTNEED goes back to it), MAP_SHARED (stores
 * are in the file, writes are in the mapping), SIGBUS past the end of the
 * file, truncation, offsets kept right when areas split or move, mappings
 * outliving their fd and name, fork, and read()/write() between a file
 * and a mapping of itself. Truncation (ftruncate, truncate, O_TRUNC)
 * removes the cut-off pages from every mapping, shared or private (its
 * copy-on-write copies too) and in every process, as Linux's
 * truncate_pagecache() does: a touch is SIGBUS, and after growing again
 * the pages read as zeros. Helpers and the probing method: mmtest.h.
 *
 * The file, "f" in the family's scratch tmpfs, is 2 pages and 100 bytes:
 * a page of 'a', a page of 'b', 100 bytes of 'c'.
 */
#define _GNU_SOURCE /* MREMAP_* */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "mmtest.h"
#include "scratch.h"

#define FILE_SIZE (2 * PG + 100)

/* The file test_trunc_fork() truncates under its children. */
static int trunc_fd = -1;

static void test_file_errors(int fd)
{
	int ro = open("f", O_RDONLY), wo = open("f", O_WRONLY), p[2];
	int dir = open(".", O_RDONLY | O_DIRECTORY);
	char *m;

	if (pipe(p) != 0)
		p[0] = p[1] = -1;
	CHECK_ERR("mmfile.wronly_eacces", raw_mmap(0, PG, PROT_READ, MAP_SHARED,
						    wo, 0), EACCES);
	CHECK_ERR("mmfile.shared_write_rdonly_eacces",
		  raw_mmap(0, PG, RW, MAP_SHARED, ro, 0), EACCES);
	m = raw_mmap(0, PG, RW, MAP_PRIVATE, ro, 0);
	CHECK("mmfile.private_write_rdonly_ok", m != MAP_FAILED, "%s",
	      harness_errname(errno));
	raw_munmap(m, PG);
	m = raw_mmap(0, PG, PROT_READ, MAP_SHARED, ro, 0);
	CHECK_ERR("mmfile.mprotect_write_rdonly_shared", raw_mprotect(m, PG, RW),
		  EACCES);
	raw_munmap(m, PG);
	CHECK_ERR("mmfile.directory_enodev",
		  raw_mmap(0, PG, PROT_READ, MAP_PRIVATE, dir, 0), ENODEV);
	CHECK_ERR("mmfile.pipe_enodev",
		  raw_mmap(0, PG, PROT_READ, MAP_PRIVATE, p[0], 0), ENODEV);
	CHECK_ERR("mmfile.validate_unknown_flag",
		  raw_mmap(0, PG, RW, MAP_SHARED_VALIDATE | MAP_SYNC, fd, 0),
		  EOPNOTSUPP);
	m = raw_mmap(0, PG, RW, MAP_SHARED_VALIDATE, fd, 0);
	CHECK("mmfile.validate_ok", m != MAP_FAILED, "%s",
	      harness_errname(errno));
	raw_munmap(m, PG);
	close(ro);
	close(wo);
	close(dir);
	close(p[0]);
	close(p[1]);
}

static void test_file_private(int fd)
{
	char *m = raw_mmap(0, 3 * PG, RW, MAP_PRIVATE, fd, 0);
	char c = 0;

	if (!CHECK("mmfile.private_map", m != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	CHECK("mmfile.private_contents", m[0] == 'a' && m[PG] == 'b' &&
	      m[2 * PG + 99] == 'c', "%c %c %c", m[0], m[PG], m[2 * PG + 99]);
	/* Not written yet: the mapping still shows the file. */
	CHECK_EQ("mmfile.pwrite", pwrite(fd, "B", 1, PG), 1);
	CHECK_EQ("mmfile.private_sees_file_before_cow", m[PG], 'B');
	m[0] = 'X';
	CHECK_EQ("mmfile.private_store_kept", m[0], 'X');
	CHECK("mmfile.private_store_not_in_file",
	      pread(fd, &c, 1, 0) == 1 && c == 'a', "file has %c", c);
	CHECK_EQ("mmfile.pwrite_after_cow", pwrite(fd, "A", 1, 0), 1);
	CHECK_EQ("mmfile.private_copy_stays", m[0], 'X');
	CHECK_EQ("mmfile.madvise_dontneed", madvise(m, PG, MADV_DONTNEED), 0);
	CHECK_EQ("mmfile.dontneed_rereads_file", m[0], 'A');
	CHECK_EQ("mmfile.private_tail_zero", m[2 * PG + 100], 0);
	/* A syscall storing into a private file page copies it too. */
	CHECK_EQ("mmfile.private_pread_into", pread(fd, m + PG + 8, 4, 2 * PG), 4);
	CHECK("mmfile.private_pread_cow", m[PG + 8] == 'c' &&
	      pread(fd, &c, 1, PG + 8) == 1 && c == 'b', "map %c file %c",
	      m[PG + 8], c);
	raw_munmap(m, 3 * PG);
	(void)pwrite(fd, "a", 1, 0);
	(void)pwrite(fd, "b", 1, PG);
}

static void test_file_shared(int fd)
{
	char *m = raw_mmap(0, 4 * PG, RW, MAP_SHARED, fd, 0);
	struct stat st;
	char c = 0;

	if (!CHECK("mmfile.shared_map", m != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	m[5] = 'S';
	CHECK("mmfile.shared_store_in_file", pread(fd, &c, 1, 5) == 1 && c == 'S',
	      "file has %c", c);
	CHECK_EQ("mmfile.pwrite_shared", pwrite(fd, "W", 1, PG + 1), 1);
	CHECK_EQ("mmfile.shared_sees_pwrite", m[PG + 1], 'W');
	CHECK_EQ("mmfile.msync", msync(m, 4 * PG, MS_SYNC), 0);
	CHECK_EQ("mmfile.last_page_tail_zero", m[2 * PG + 200], 0);
	m[2 * PG + 200] = 'T';
	CHECK("mmfile.tail_store_no_growth", fstat(fd, &st) == 0 &&
	      st.st_size == FILE_SIZE, "size %ld", (long)st.st_size);
	CHECK("mmfile.past_eof_sigbus",
	      killed_by(touch_in_child(m + 3 * PG, TOUCH_READ), SIGBUS),
	      "child not killed by SIGBUS");
	CHECK_EQ("mmfile.ftruncate_grow", ftruncate(fd, 4 * PG), 0);
	CHECK_EQ("mmfile.grown_page_reachable",
		 touch_in_child(m + 3 * PG, TOUCH_WRITE), 0);
	/* Mapped in this process too, so the shrink has to unmap it. */
	CHECK_EQ("mmfile.grown_page_shared", m[3 * PG], 1);
	CHECK_EQ("mmfile.ftruncate_shrink", ftruncate(fd, FILE_SIZE), 0);
	/*
	 * Linux unmaps the truncated page from every mapping of the file
	 * (unmap_mapping_range), so the child's copy of ours faults: SIGBUS.
	 */
	CHECK("mmfile.shrunk_page_sigbus",
	      killed_by(touch_in_child(m + 3 * PG, TOUCH_READ), SIGBUS),
	      "child not killed by SIGBUS");
	CHECK_EQ("mmfile.shrink_zeroes_tail", m[2 * PG + 200], 0);
	raw_munmap(m, 4 * PG);
}

/* Areas split by munmap, mprotect and MAP_FIXED keep their file offsets. */
static void test_file_split(int fd)
{
	char *m = raw_mmap(0, 3 * PG, RW, MAP_SHARED, fd, 0);
	char c = 0;

	if (!CHECK("mmfile.split.map", m != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	CHECK_EQ("mmfile.split.munmap_head", raw_munmap(m, PG), 0);
	CHECK("mmfile.split.rest_offsets", m[PG] == 'b' && m[2 * PG] == 'c',
	      "%c %c", m[PG], m[2 * PG]);
	CHECK_EQ("mmfile.split.mprotect_middle",
		 raw_mprotect(m + PG, PG, PROT_READ), 0);
	m[2 * PG + 1] = 'C';
	CHECK("mmfile.split.tail_still_shared",
	      pread(fd, &c, 1, 2 * PG + 1) == 1 && c == 'C', "file has %c", c);
	CHECK_EQ("mmfile.split.fixed_anon_middle",
		 map_anon((unsigned long)m + PG, PG, RW, MAP_PRIVATE | MAP_FIXED),
		 (long)m + (long)PG);
	CHECK("mmfile.split.around_fixed", m[PG] == 0 && m[2 * PG] == 'c',
	      "%d %c", m[PG], m[2 * PG]);
	raw_munmap(m + PG, 2 * PG);
	(void)pwrite(fd, "c", 1, 2 * PG + 1);
}

/* File offsets, mremap of a file area, and what outlives the fd. */
static void test_file_offsets(int fd)
{
	char *m = raw_mmap(0, PG, RW, MAP_SHARED, fd, 2 * PG);
	char *far = raw_mmap(0, PG, PROT_READ, MAP_SHARED, fd, 10 * PG);
	unsigned long to = SCRATCH;
	char c = 0;
	long r;

	CHECK("mmfile.offset.map", m != MAP_FAILED && m[0] == 'c' && m[99] == 'c'
	      && m[100] == 0, "%s", harness_errname(errno));
	CHECK("mmfile.offset.past_eof_map_ok", far != MAP_FAILED, "%s",
	      harness_errname(errno));
	CHECK("mmfile.offset.past_eof_sigbus",
	      killed_by(touch_in_child(far, TOUCH_READ), SIGBUS),
	      "child not killed by SIGBUS");
	raw_munmap(far, PG);
	CHECK_ERR("mmfile.offset.unaligned",
		  raw_mmap(0, PG, PROT_READ, MAP_SHARED, fd, 100), EINVAL);
	r = raw_mremap(m, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	if (!CHECK("mmfile.mremap.fixed", r == (long)to, "got %#lx (%s)", r,
		   harness_errname(errno)))
		return;
	at(to)[1] = 'M';
	CHECK("mmfile.mremap.still_the_file",
	      pread(fd, &c, 1, 2 * PG + 1) == 1 && c == 'M', "file has %c", c);
	CHECK("mmfile.mremap.grown_past_eof_sigbus",
	      killed_by(touch_in_child(at(to + PG), TOUCH_READ), SIGBUS),
	      "child not killed by SIGBUS");
	raw_munmap(at(to), 2 * PG);
	(void)pwrite(fd, "c", 1, 2 * PG + 1);
}

/* A mapping keeps its file when the fd is closed and the name removed. */
static void test_file_lifetime(void)
{
	int fd = open("g", O_RDWR | O_CREAT | O_TRUNC, 0644);
	char *m, c = 0;

	if (!CHECK("mmfile.life.create", fd >= 0 && ftruncate(fd, PG) == 0,
		   "%s", harness_errname(errno)))
		return;
	m = raw_mmap(0, PG, RW, MAP_SHARED, fd, 0);
	close(fd);
	CHECK("mmfile.life.after_close", m != MAP_FAILED && (m[0] = 'g') == 'g',
	      "%s", harness_errname(errno));
	fd = open("g", O_RDONLY);
	CHECK("mmfile.life.store_in_file", fd >= 0 && read(fd, &c, 1) == 1 &&
	      c == 'g', "file has %c", c);
	close(fd);
	CHECK_EQ("mmfile.life.unlink", unlink("g"), 0);
	m[1] = 'h';
	CHECK_EQ("mmfile.life.after_unlink", m[0] + m[1], 'g' + 'h');
	raw_munmap(m, PG);
}

/* fork: a private file mapping is copied, a shared one stays shared. */
static void test_file_fork(int fd)
{
	char *p = raw_mmap(0, PG, RW, MAP_PRIVATE, fd, 0);
	char *s = raw_mmap(0, PG, RW, MAP_SHARED, fd, PG);
	int st = -1;
	char c = 0;
	pid_t pid;

	if (!CHECK("mmfile.fork.map", p != MAP_FAILED && s != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	p[0] = 'P';
	pid = fork();
	if (pid == 0) {
		int bad = p[0] != 'P';

		p[0] = 'c';
		p[1] = 'c';
		s[0] = 'S';
		_exit(bad);
	}
	CHECK_EQ("mmfile.fork.child", waitpid(pid, &st, 0) == pid ? st : -1, 0);
	CHECK("mmfile.fork.private_parent_copy", p[0] == 'P' && p[1] == 'a',
	      "%c %c", p[0], p[1]);
	CHECK("mmfile.fork.private_not_in_file",
	      pread(fd, &c, 1, 1) == 1 && c == 'a', "file has %c", c);
	CHECK_EQ("mmfile.fork.shared_parent_sees", s[0], 'S');
	CHECK("mmfile.fork.shared_in_file",
	      pread(fd, &c, 1, PG) == 1 && c == 'S', "file has %c", c);
	raw_munmap(p, PG);
	raw_munmap(s, PG);
	(void)pwrite(fd, "b", 1, PG);
}

/* read()/write() between the file and a mapping of the same file: the
 * copy faults on a page of the file it is reading or writing. */
static void test_file_self_io(int fd)
{
	char *m = raw_mmap(0, 3 * PG, RW, MAP_SHARED, fd, 0);

	if (!CHECK("mmfile.self.map", m != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	/* Nothing is mapped yet: both copies fault inside the call. */
	CHECK_EQ("mmfile.self.pread_into_own_mapping",
		 pread(fd, m + 2 * PG + 16, 16, PG), 16);
	CHECK_EQ("mmfile.self.pwrite_from_own_mapping",
		 pwrite(fd, m + PG, 8, 2 * PG + 40), 8);
	CHECK("mmfile.self.result", m[2 * PG + 16] == 'b' &&
	      m[2 * PG + 31] == 'b' && m[2 * PG + 40] == 'b' &&
	      m[2 * PG + 47] == 'b' && m[2 * PG + 48] == 'c',
	      "tail page not as expected");
	raw_munmap(m, 3 * PG);
	(void)pwrite(fd, "cccccccccccccccccccccccccccccccc", 32, 2 * PG + 16);
}

/* ---- truncation unmaps the cut pages (truncate_pagecache) ---- */

/* A new file @name of @pages pages of 'x', open O_RDWR, or -1. */
static int trunc_file(const char *name, int pages)
{
	static char page[PG];
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	memset(page, 'x', sizeof(page));
	for (int i = 0; fd >= 0 && i < pages; i++) {
		if (write(fd, page, PG) != (long)PG) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

static bool sigbus_at(volatile char *a, enum touch how)
{
	return killed_by(touch_in_child(a, how), SIGBUS);
}

/* A shared mapping: the cut page is gone, the kept ones stay. */
static void test_trunc_shared(void)
{
	int fd = trunc_file("t", 3);
	char *m = raw_mmap(0, 3 * PG, RW, MAP_SHARED, fd, 0);
	char c = 1;

	if (!CHECK("mmfile.trunc.shared_map", fd >= 0 && m != MAP_FAILED,
		   "%s", harness_errname(errno)))
		return;
	m[0] = 'A';
	m[PG] = 'B';
	m[2 * PG] = 'C';
	CHECK_EQ("mmfile.trunc.shared_shrink", ftruncate(fd, PG + 10), 0);
	CHECK("mmfile.trunc.shared_cut_read_sigbus",
	      sigbus_at(m + 2 * PG, TOUCH_READ), "child not killed by SIGBUS");
	CHECK("mmfile.trunc.shared_cut_write_sigbus",
	      sigbus_at(m + 2 * PG + 5, TOUCH_WRITE),
	      "child not killed by SIGBUS");
	CHECK("mmfile.trunc.shared_kept_pages", m[0] == 'A' && m[PG] == 'B' &&
	      m[PG + 9] == 'x', "%c %c %c", m[0], m[PG], m[PG + 9]);
	CHECK_EQ("mmfile.trunc.shared_partial_tail_zero", m[PG + 10], 0);
	/* Growing again: the page comes back from the file, as zeros. */
	CHECK_EQ("mmfile.trunc.shared_regrow", ftruncate(fd, 3 * PG), 0);
	CHECK_EQ("mmfile.trunc.shared_regrow_zero", m[2 * PG], 0);
	CHECK("mmfile.trunc.shared_regrow_file_zero",
	      pread(fd, &c, 1, 2 * PG) == 1 && c == 0, "file has %d", c);
	m[2 * PG] = 'D';
	CHECK("mmfile.trunc.shared_regrow_shared",
	      pread(fd, &c, 1, 2 * PG) == 1 && c == 'D', "file has %d", c);
	raw_munmap(m, 3 * PG);
	close(fd);
}

/* A private mapping loses its copy-on-write copies too (even_cows). */
static void test_trunc_private(void)
{
	int fd = trunc_file("t", 3);
	char *p = raw_mmap(0, 3 * PG, RW, MAP_PRIVATE, fd, 0);

	if (!CHECK("mmfile.trunc.private_map", fd >= 0 && p != MAP_FAILED,
		   "%s", harness_errname(errno)))
		return;
	p[0] = 'P';         /* a private copy, kept */
	(void)*(volatile char *)(p + PG); /* the file's page, read-only */
	p[2 * PG] = 'W';    /* a private copy past the new end */
	CHECK_EQ("mmfile.trunc.private_shrink", ftruncate(fd, PG), 0);
	CHECK("mmfile.trunc.private_cow_sigbus",
	      sigbus_at(p + 2 * PG, TOUCH_READ), "child not killed by SIGBUS");
	CHECK("mmfile.trunc.private_clean_sigbus",
	      sigbus_at(p + PG, TOUCH_READ), "child not killed by SIGBUS");
	CHECK("mmfile.trunc.private_kept", p[0] == 'P' && p[1] == 'x',
	      "%c %c", p[0], p[1]);
	CHECK_EQ("mmfile.trunc.private_regrow", ftruncate(fd, 3 * PG), 0);
	CHECK("mmfile.trunc.private_regrow_zero",
	      p[PG] == 0 && p[2 * PG] == 0, "%d %d (old data came back)",
	      p[PG], p[2 * PG]);
	raw_munmap(p, 3 * PG);
	close(fd);
}

/* truncate(2) by name and open(O_TRUNC) unmap too. */
static void test_trunc_path(void)
{
	int fd = trunc_file("t", 2), o;
	char *m = raw_mmap(0, 2 * PG, RW, MAP_SHARED, fd, 0);

	if (!CHECK("mmfile.trunc.path_map", fd >= 0 && m != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	m[0] = 'a';
	m[PG] = 'b';
	CHECK_EQ("mmfile.trunc.truncate", truncate("t", PG), 0);
	CHECK("mmfile.trunc.truncate_sigbus", sigbus_at(m + PG, TOUCH_READ),
	      "child not killed by SIGBUS");
	CHECK_EQ("mmfile.trunc.truncate_kept", m[0], 'a');
	o = open("t", O_WRONLY | O_TRUNC);
	CHECK("mmfile.trunc.open_trunc", o >= 0, "%s", harness_errname(errno));
	CHECK("mmfile.trunc.open_trunc_sigbus", sigbus_at(m, TOUCH_READ),
	      "child not killed by SIGBUS");
	raw_munmap(m, 2 * PG);
	close(o);
	close(fd);
}

/*
 * A child that has its own mapping of the page (touched, or copied on
 * write) before the parent truncates: it touches the page again after.
 */
static void trunc_in_child(const char *name, char *a, bool cow)
{
	int ready[2], go[2], st = -1;
	char c = 0;
	pid_t pid;

	if (pipe(ready) != 0 || pipe(go) != 0) {
		harness_result(false, name, "pipe: %s", harness_errname(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		if (cow)
			*a = 'c';
		else
			(void)*(volatile char *)a;
		(void)write(ready[1], "r", 1);
		(void)read(go[0], &c, 1);
		(void)*(volatile char *)a;
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	if (pid > 0 && read(ready[0], &c, 1) == 1)
		(void)ftruncate(trunc_fd, PG);
	(void)write(go[1], "g", 1);
	if (pid > 0)
		(void)waitpid(pid, &st, 0);
	CHECK(name, killed_by(st, SIGBUS), "child status %#x, not SIGBUS", st);
	close(ready[0]);
	close(go[1]);
	(void)ftruncate(trunc_fd, 2 * PG);
}

static void test_trunc_fork(void)
{
	char *m, *p;

	trunc_fd = trunc_file("t", 2);
	m = raw_mmap(0, 2 * PG, RW, MAP_SHARED, trunc_fd, 0);
	p = raw_mmap(0, 2 * PG, RW, MAP_PRIVATE, trunc_fd, 0);
	if (!CHECK("mmfile.trunc.fork_map", trunc_fd >= 0 &&
		   m != MAP_FAILED && p != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	m[PG] = 'F';
	trunc_in_child("mmfile.trunc.fork_child_shared_sigbus", m + PG, false);
	trunc_in_child("mmfile.trunc.fork_child_cow_sigbus", p + PG, true);
	raw_munmap(m, 2 * PG);
	raw_munmap(p, 2 * PG);
	close(trunc_fd);
}

int test_mmfile(void)
{
	static char buf[FILE_SIZE];
	int fd;

	harness_begin("mmfile");
	if (pipe(probe_pipe) != 0 || !scratch_begin("mmfile"))
		return harness_end();
	memset(buf, 'a', PG);
	memset(buf + PG, 'b', PG);
	memset(buf + 2 * PG, 'c', 100);
	fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("mmfile.create", write(fd, buf, sizeof(buf)), sizeof(buf));
	test_file_errors(fd);
	test_file_private(fd);
	test_file_split(fd);
	test_file_offsets(fd);
	test_file_lifetime();
	test_file_fork(fd);
	test_file_self_io(fd);
	test_file_shared(fd);
	close(fd);
	unlink("f");
	test_trunc_shared();
	test_trunc_private();
	test_trunc_path();
	test_trunc_fork();
	unlink("t");
	scratch_end("mmfile");
	close(probe_pipe[0]);
	close(probe_pipe[1]);
	return harness_end();
}
