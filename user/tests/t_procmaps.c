// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_procmaps.c - the /proc files that show a process's memory
 * and files, in Linux 6.1's formats: maps (the line format and its
 * padding, anonymous and file areas, mprotect splits, munmap, [heap],
 * [stack], long lists read in pieces, another process's), statm against
 * status, the exe link, and the fd directory (listing, links to files and
 * pipes, modes, closed fds).
 *
 * Exact addresses of the whole map differ between kernels (Linux has a
 * vDSO, racho a sigreturn page), so only lines the test made itself, or
 * that both name the same way, are compared. The test's own executable is
 * argv[0]: /init in the in-process mode, /tests/procmaps in exec mode.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "harness.h"
#include "mmtest.h"
#include "scratch.h"

/* Linux pads to 25 + 6 * sizeof(void *) - 1 = 72, then writes a space:
 * names start at offset 73 of the line. */
#define NAME_PAD 72
#define FILE_PAGES 4

/* One parsed maps line. */
struct mline {
	unsigned long start, end;
	char perms[8];
	unsigned long long off;
	unsigned maj, min;
	unsigned long ino;
	const char *name; /* "" if none; points into the text */
	size_t name_len;
	bool ok;          /* parsed and laid out as Linux lays it out */
};

static char maps_text[64 * 1024];


/* The end of a run of at least @min characters of @set at @p, or NULL. */
static const char *field(const char *p, const char *set, size_t min, char then)
{
	size_t n = strspn(p, set);

	return n >= min && p[n] == then ? p + n : NULL;
}

/*
 * Parses the line at @s (up to its newline) and checks its layout:
 * "start-end perms offset maj:min inode " with hex fields of at least 8
 * (addresses, offset) and 2 (device) digits, lowercase; then, if there is
 * a name, spaces up to offset 72 and one more before it (Linux's seq_pad).
 * Returns the next line.
 */
static const char *parse_line(const char *s, struct mline *m)
{
	static const char hex[] = "0123456789abcdef";
	const char *nl = strchr(s, '\n');
	size_t len = nl ? (size_t)(nl - s) : strlen(s);
	const char *next = nl ? nl + 1 : s + len;
	const char *p = s;
	size_t prefix, at;

	memset(m, 0, sizeof(*m));
	m->name = "";
	if (sscanf(s, "%lx-%lx %7s %llx %x:%x %lu", &m->start, &m->end,
		   m->perms, &m->off, &m->maj, &m->min, &m->ino) != 7)
		return next;
	p = field(p, hex, 8, '-');
	p = p ? field(p + 1, hex, 8, ' ') : NULL;
	p = p && strlen(m->perms) == 4 && p[5] == ' ' ? p + 6 : NULL;
	p = p ? field(p, hex, 8, ' ') : NULL;
	p = p ? field(p + 1, hex, 2, ':') : NULL;
	p = p ? field(p + 1, hex, 2, ' ') : NULL;
	p = p ? field(p + 1, "0123456789", 1, ' ') : NULL;
	if (p == NULL || (size_t)(p - s) >= len)
		return next;
	prefix = (size_t)(p - s) + 1; /* with the space after the inode */
	if (prefix == len) {
		m->ok = true; /* no name */
		return next;
	}
	at = (prefix > NAME_PAD ? prefix : NAME_PAD) + 1;
	m->ok = at < len && strspn(s + prefix, " ") == at - prefix;
	m->name = s + prefix + strspn(s + prefix, " ");
	m->name_len = len - (size_t)(m->name - s);
	return next;
}

/* Reads /proc/<pid>/maps (0: self) into maps_text; its length or -1. */
static long read_maps(pid_t pid, size_t chunk)
{
	char path[64];

	if (pid == 0)
		snprintf(path, sizeof(path), "/proc/self/maps");
	else
		snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	return harness_slurp(path, maps_text, sizeof(maps_text), chunk);
}

/* The line of maps_text whose area contains @addr; false if none. */
static bool find_area(unsigned long addr, struct mline *out)
{
	const char *s = maps_text;

	while (*s) {
		s = parse_line(s, out);
		if (out->start <= addr && addr < out->end)
			return true;
	}
	return false;
}

static bool name_is(const struct mline *m, const char *want)
{
	return m->name_len == strlen(want) && memcmp(m->name, want, m->name_len) == 0;
}

/* "start-end perms off maj:min ino [name]" for a FAIL message. */
static const char *describe(const struct mline *m)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%lx-%lx %s %llx %02x:%02x %lu '%.*s'%s",
		 m->start, m->end, m->perms, m->off, m->maj, m->min, m->ino,
		 (int)m->name_len, m->name, m->ok ? "" : " (bad layout)");
	return buf;
}

/* Every line of the map parses and is laid out like Linux's. */
static void pm_format(void)
{
	long n = read_maps(0, 4096);
	const char *s = maps_text;
	int lines = 0, bad = 0;
	struct mline m;
	char first_bad[256] = "";

	CHECK("procmaps.maps.read", n > 0 && maps_text[n - 1] == '\n',
	      "read %ld bytes", n);
	while (*s) {
		const char *line = s;

		s = parse_line(s, &m);
		lines++;
		if (!m.ok && bad++ == 0)
			snprintf(first_bad, sizeof(first_bad), "%.*s",
				 (int)(s - line - 1), line);
	}
	CHECK("procmaps.maps.layout", lines > 3 && bad == 0,
	      "%d lines, %d bad, first: '%s'", lines, bad, first_bad);
}

/* A fresh anonymous area, mprotect splitting it, munmap removing a piece. */
static void pm_anon(void)
{
	/* PROT_NONE guards on both sides keep the area from merging. */
	char *g = raw_mmap(0, 5 * PG, PROT_NONE, ANON_PRIV, -1, 0);
	char *p = g + PG;
	struct mline m;
	bool found;

	if (!CHECK("procmaps.anon.mmap", g != MAP_FAILED &&
		   raw_mmap((unsigned long)p, 3 * PG, RW, ANON_PRIV | MAP_FIXED, -1,
			    0) == p,
		   "%s", harness_errname(errno)))
		return;
	read_maps(0, 4096);
	found = find_area((unsigned long)p, &m);
	CHECK("procmaps.anon.line", found && m.start == (unsigned long)p &&
	      m.end == (unsigned long)(p + 3 * PG) && strcmp(m.perms, "rw-p") == 0 &&
	      m.off == 0 && m.maj == 0 && m.min == 0 && m.ino == 0 &&
	      m.name_len == 0 && m.ok, "%s", found ? describe(&m) : "no line");
	found = find_area((unsigned long)g, &m);
	CHECK("procmaps.anon.prot_none", found && strcmp(m.perms, "---p") == 0 &&
	      m.end == (unsigned long)p, "%s", found ? describe(&m) : "no line");

	raw_mprotect(p + PG, PG, PROT_READ);
	read_maps(0, 4096);
	found = find_area((unsigned long)p, &m);
	CHECK("procmaps.mprotect.low", found && m.start == (unsigned long)p &&
	      m.end == (unsigned long)(p + PG) && strcmp(m.perms, "rw-p") == 0,
	      "%s", found ? describe(&m) : "no line");
	found = find_area((unsigned long)(p + PG), &m);
	CHECK("procmaps.mprotect.mid", found && m.start == (unsigned long)(p + PG) &&
	      m.end == (unsigned long)(p + 2 * PG) && strcmp(m.perms, "r--p") == 0,
	      "%s", found ? describe(&m) : "no line");
	found = find_area((unsigned long)(p + 2 * PG), &m);
	CHECK("procmaps.mprotect.high", found &&
	      m.start == (unsigned long)(p + 2 * PG) &&
	      m.end == (unsigned long)(p + 3 * PG) && strcmp(m.perms, "rw-p") == 0,
	      "%s", found ? describe(&m) : "no line");

	raw_munmap(p + PG, PG);
	read_maps(0, 4096);
	CHECK("procmaps.munmap.gone", !find_area((unsigned long)(p + PG), &m),
	      "still %s", describe(&m));
	found = find_area((unsigned long)(p + 2 * PG), &m);
	CHECK("procmaps.munmap.rest", found &&
	      m.start == (unsigned long)(p + 2 * PG) && strcmp(m.perms, "rw-p") == 0,
	      "%s", found ? describe(&m) : "no line");
	raw_munmap(g, 5 * PG);
	read_maps(0, 4096);
	CHECK("procmaps.munmap.all", !find_area((unsigned long)p, &m),
	      "still %s", describe(&m));

	/* Shared anonymous memory is Linux's shmem file, deleted. */
	p = raw_mmap(0, 2 * PG, RW, ANON_SHARED, -1, 0);
	read_maps(0, 4096);
	found = p != MAP_FAILED && find_area((unsigned long)p, &m);
	CHECK("procmaps.anon.shared", found && strcmp(m.perms, "rw-s") == 0 &&
	      m.off == 0 && name_is(&m, "/dev/zero (deleted)") && m.ok,
	      "%s", found ? describe(&m) : "no line");
	raw_munmap(p, 2 * PG);
}

/* Makes "data" (FILE_PAGES pages) in the scratch directory; its fd or -1. */
static int make_file(struct stat *st)
{
	static char page[PG];
	int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);

	for (int i = 0; fd >= 0 && i < FILE_PAGES; i++) {
		memset(page, 'a' + i, sizeof(page));
		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page))
			return -1;
	}
	if (fd >= 0 && fstat(fd, st) != 0)
		return -1;
	return fd;
}

/* A shared and a private file mapping: 's'/'p', offset, device, inode, path. */
static void pm_file(int fd, const struct stat *st, const char *path)
{
	char *s = raw_mmap(0, 2 * PG, PROT_READ, MAP_SHARED, fd, PG);
	char *v = raw_mmap(0, PG, RW, MAP_PRIVATE, fd, 3 * PG);
	struct mline m;
	bool found;

	if (!CHECK("procmaps.file.mmap", s != MAP_FAILED && v != MAP_FAILED,
		   "%s", harness_errname(errno)))
		return;
	read_maps(0, 4096);
	found = find_area((unsigned long)s, &m);
	CHECK("procmaps.file.shared", found && m.start == (unsigned long)s &&
	      m.end == (unsigned long)(s + 2 * PG) && strcmp(m.perms, "r--s") == 0 &&
	      m.off == PG && m.ok, "%s", found ? describe(&m) : "no line");
	CHECK("procmaps.file.dev", found && m.maj == major(st->st_dev) &&
	      m.min == minor(st->st_dev), "%s, stat says %02x:%02x",
	      found ? describe(&m) : "no line", major(st->st_dev),
	      minor(st->st_dev));
	CHECK("procmaps.file.inode", found && m.ino == st->st_ino,
	      "%s, stat says inode %lu", found ? describe(&m) : "no line",
	      (unsigned long)st->st_ino);
	CHECK("procmaps.file.path", found && name_is(&m, path), "%s, want %s",
	      found ? describe(&m) : "no line", path);
	v[0] = 1; /* a private copy changes nothing in the line */
	read_maps(0, 4096);
	found = find_area((unsigned long)v, &m);
	CHECK("procmaps.file.private", found && strcmp(m.perms, "rw-p") == 0 &&
	      m.off == 3 * PG && m.ino == st->st_ino && name_is(&m, path),
	      "%s", found ? describe(&m) : "no line");
	raw_munmap(s, 2 * PG);
	raw_munmap(v, PG);
}

/* An unlinked file's mapping is named "<path> (deleted)". */
static void pm_deleted(void)
{
	int fd = open("gone", O_RDWR | O_CREAT | O_TRUNC, 0644);
	const char *suffix = " (deleted)";
	char *p;
	struct mline m;
	bool found;

	if (fd < 0 || ftruncate(fd, PG) != 0) {
		CHECK("procmaps.deleted.setup", false, "%s", harness_errname(errno));
		return;
	}
	p = raw_mmap(0, PG, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	unlink("gone");
	read_maps(0, 4096);
	found = p != MAP_FAILED && find_area((unsigned long)p, &m);
	CHECK("procmaps.deleted.suffix", found && m.name_len > strlen(suffix) &&
	      m.name[0] == '/' &&
	      memcmp(m.name + m.name_len - strlen(suffix), suffix,
		     strlen(suffix)) == 0,
	      "%s", found ? describe(&m) : "no line");
	raw_munmap(p, PG);
}

/* [heap] covers the break once brk has grown; [stack] holds our locals. */
static void pm_heap_stack(void)
{
	unsigned long cur = (unsigned long)syscall(SYS_brk, 0);
	unsigned long want = cur + 16 * PG;
	unsigned long got = (unsigned long)syscall(SYS_brk, want);
	int local = 0, stacks = 0;
	const char *s;
	struct mline m;
	bool found;

	read_maps(0, 4096);
	found = find_area(want - 1, &m);
	CHECK("procmaps.heap", got == want && found && name_is(&m, "[heap]") &&
	      strcmp(m.perms, "rw-p") == 0 && m.ino == 0 && m.ok,
	      "brk %lx -> %lx: %s", cur, got, found ? describe(&m) : "no line");
	syscall(SYS_brk, cur);

	found = find_area((unsigned long)&local, &m);
	CHECK("procmaps.stack", found && name_is(&m, "[stack]") &&
	      strcmp(m.perms, "rw-p") == 0 && m.ok, "%p: %s", (void *)&local,
	      found ? describe(&m) : "no line");
	for (s = maps_text; *s;) {
		s = parse_line(s, &m);
		stacks += name_is(&m, "[stack]");
	}
	CHECK_EQ("procmaps.stack.one", stacks, 1);
}

/*
 * A map longer than a page, read a few bytes at a time: 241 one-page
 * areas of alternating protection (read-only at both ends, inside
 * PROT_NONE guards), every one of them on its own line.
 */
static void pm_long(void)
{
	enum { N = 241 };
	char *g = raw_mmap(0, (N + 2) * PG, PROT_NONE, ANON_PRIV, -1, 0);
	char *p = g + PG;
	int seen = 0, lines = 0;
	long len;
	const char *s;
	struct mline m;

	if (!CHECK("procmaps.long.mmap", g != MAP_FAILED, "%s",
		   harness_errname(errno)))
		return;
	for (int i = 0; i < N; i += 2)
		raw_mprotect(p + i * PG, PG, PROT_READ);
	len = read_maps(0, 100);
	for (s = maps_text; *s;) {
		s = parse_line(s, &m);
		lines++;
		if (m.start >= (unsigned long)p && m.end <= (unsigned long)(p + N * PG) &&
		    m.end - m.start == PG && m.ok &&
		    strcmp(m.perms, (m.start - (unsigned long)p) / PG % 2 ? "---p"
									 : "r--p") == 0)
			seen++;
	}
	CHECK("procmaps.long.all", len > 8192 && seen == N,
	      "%ld bytes, %d lines, %d of %d areas", len, lines, seen, N);
	raw_munmap(g, (N + 2) * PG);
}

/* Another process's map shows what it mapped. */
static void pm_child(void)
{
	int up[2], down[2];
	unsigned long addr = 0;
	struct mline m;
	pid_t pid;
	char c = 0;

	if (pipe(up) != 0 || pipe(down) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		char *q = raw_mmap(0, 2 * PG, PROT_READ | PROT_EXEC, ANON_PRIV, -1, 0);

		addr = (unsigned long)q;
		write(up[1], &addr, sizeof(addr));
		read(down[0], &c, 1);
		_exit(0);
	}
	if (pid > 0 && read(up[0], &addr, sizeof(addr)) == sizeof(addr)) {
		bool found;

		read_maps(pid, 4096);
		found = find_area(addr, &m);
		CHECK("procmaps.child", found && m.start == addr &&
		      m.end == addr + 2 * PG && strcmp(m.perms, "r-xp") == 0,
		      "%s", found ? describe(&m) : "no line");
	}
	write(down[1], &c, 1);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
}

/*
 * maps and the links need ptrace access: a process that gave up root
 * gets EACCES for its parent's (root's), and still reads its own.
 */
static void pm_access(void)
{
	pid_t parent = getpid(), pid = fork();
	int status = -1;

	if (pid == 0) {
		char path[64], buf[256];
		int bad = 0, fd;

		if (setresgid(1000, 1000, 1000) != 0 ||
		    setresuid(1000, 1000, 1000) != 0)
			_exit(100);
		snprintf(path, sizeof(path), "/proc/%d/maps", parent);
		fd = open(path, O_RDONLY);
		bad |= !(fd < 0 && errno == EACCES);
		snprintf(path, sizeof(path), "/proc/%d/exe", parent);
		bad |= !(readlink(path, buf, sizeof(buf)) < 0 && errno == EACCES) << 1;
		snprintf(path, sizeof(path), "/proc/%d/fd/0", parent);
		bad |= !(readlink(path, buf, sizeof(buf)) < 0 && errno == EACCES) << 2;
		fd = open("/proc/self/maps", O_RDONLY);
		bad |= (fd < 0) << 3;
		_exit(bad);
	}
	waitpid(pid, &status, 0);
	CHECK("procmaps.access", WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status %#x (1 maps, 2 exe, 4 fd, 8 own maps, 100 setuid)", status);
}

/* A value from /proc/self/status ("VmSize:") in kB, or -1. */
static long status_kb(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/* statm: 7 numbers in pages, size == VmSize, the zeros Linux writes. */
static void pm_statm(void)
{
	static char status[4096];
	char statm[256];
	unsigned long f[7] = { 0 };
	int n;

	harness_slurp("/proc/self/statm", statm, sizeof(statm), 4096);
	harness_slurp("/proc/self/status", status, sizeof(status), 4096);
	n = sscanf(statm, "%lu %lu %lu %lu %lu %lu %lu", &f[0], &f[1], &f[2],
		   &f[3], &f[4], &f[5], &f[6]);
	CHECK("procmaps.statm.format", n == 7 && f[4] == 0 && f[6] == 0 &&
	      statm[strlen(statm) - 1] == '\n', "'%s'", statm);
	CHECK("procmaps.statm.size", (long)f[0] * 4 == status_kb(status, "\nVmSize:"),
	      "statm %lu pages, VmSize %ld kB", f[0], status_kb(status, "\nVmSize:"));
	CHECK("procmaps.statm.order", f[1] > 0 && f[1] <= f[0] && f[2] <= f[1] &&
	      f[3] > 0 && f[3] < f[0] && f[5] > 0 && f[5] < f[0],
	      "size %lu resident %lu shared %lu text %lu data %lu", f[0], f[1],
	      f[2], f[3], f[5]);
	CHECK("procmaps.status.vmexe", status_kb(status, "\nVmExe:") > 0 &&
	      status_kb(status, "\nVmStk:") > 0 && status_kb(status, "\nVmData:") > 0,
	      "VmExe %ld VmStk %ld VmData %ld", status_kb(status, "\nVmExe:"),
	      status_kb(status, "\nVmStk:"), status_kb(status, "\nVmData:"));
}

/* A zombie child's exe, before it is reaped: ENOENT, like Linux's. */
static void pm_exe_zombie(void)
{
	char path[64], buf[256], stat[512];
	pid_t pid = fork();
	bool zombie = false;

	if (pid == 0)
		_exit(0);
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 200 && !zombie; i++) {
		char *p;

		if (harness_slurp(path, stat, sizeof(stat), 4096) > 0 &&
		    (p = strrchr(stat, ')')) != NULL && p[2] == 'Z')
			zombie = true;
		else
			usleep(10000);
	}
	snprintf(path, sizeof(path), "/proc/%d/exe", pid);
	if (zombie)
		CHECK_ERR("procmaps.exe.zombie", readlink(path, buf, sizeof(buf)),
			  ENOENT);
	else
		CHECK("procmaps.exe.zombie", false, "child %d never a zombie", pid);
	waitpid(pid, NULL, 0);
}

/* exe: the link reads the program's path, and opens the program. */
static void pm_exe(void)
{
	const char *self = harness_argv ? harness_argv[0] : NULL;
	char buf[256], path[64];
	struct stat want, got, lst;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	int fd;

	if (n >= 0)
		buf[n] = 0;
	if (!CHECK("procmaps.exe.argv0", self && self[0] == '/', "argv[0] %s",
		   self ? self : "(none)"))
		return;
	CHECK("procmaps.exe.readlink", n > 0 && strcmp(buf, self) == 0,
	      "got %zd '%s', want '%s'", n, n >= 0 ? buf : harness_errname(errno),
	      self);
	snprintf(path, sizeof(path), "/proc/%d/exe", getpid());
	n = readlink(path, buf, sizeof(buf) - 1);
	CHECK("procmaps.exe.pid", n > 0 && (size_t)n == strlen(self) &&
	      memcmp(buf, self, n) == 0, "got %zd", n);
	CHECK("procmaps.exe.lstat", lstat("/proc/self/exe", &lst) == 0 &&
	      S_ISLNK(lst.st_mode) && (lst.st_mode & 07777) == 0777,
	      "mode %o", lst.st_mode);
	fd = open("/proc/self/exe", O_RDONLY);
	CHECK("procmaps.exe.open", fd >= 0 && stat(self, &want) == 0 &&
	      fstat(fd, &got) == 0 && got.st_ino == want.st_ino &&
	      got.st_dev == want.st_dev, "fd %d: %s", fd, harness_errname(errno));
	if (fd >= 0)
		close(fd);
	pm_exe_zombie();
}

/* Whether /proc/self/fd lists @fd (as a DT_LNK entry). */
static bool fd_listed(int fd, int *count)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	bool found = false;
	char name[16];

	snprintf(name, sizeof(name), "%d", fd);
	*count = 0;
	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		(*count)++;
		if (strcmp(e->d_name, name) == 0 && e->d_type == DT_LNK)
			found = true;
	}
	if (d)
		closedir(d);
	return found;
}

static bool link_is(int fd, const char *want)
{
	char path[64], buf[256];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return false;
	buf[n] = 0;
	if (strcmp(buf, want) != 0)
		harness_printf("# procmaps: fd %d -> '%s', want '%s'", fd, buf, want);
	return strcmp(buf, want) == 0;
}

/* The mode bits of /proc/self/fd/<fd> (lstat), or -1. */
static int link_mode(int fd)
{
	char path[64];
	struct stat st;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return -1;
	return st.st_mode & 07777;
}

/* /proc/self/fd: listing, file and pipe links, modes, closed fds. */
static void pm_fd(int fd, const char *path)
{
	int count = 0, p[2] = { -1, -1 }, wo = open("data", O_WRONLY);
	int rw = open("data", O_RDWR), again;
	char want[64], lpath[64] = "";
	struct stat a, b, st;

	CHECK("procmaps.fd.std", fd_listed(0, &count) && fd_listed(1, &count) &&
	      fd_listed(2, &count), "0, 1 or 2 missing");
	CHECK("procmaps.fd.listed", fd_listed(fd, &count) && count >= 6,
	      "fd %d missing, %d entries", fd, count);
	CHECK("procmaps.fd.link", link_is(fd, path), "see above");
	CHECK("procmaps.fd.modes", link_mode(fd) == 0700 && link_mode(wo) == 0300 &&
	      link_mode(rw) == 0700, "%o %o %o", link_mode(fd), link_mode(wo),
	      link_mode(rw));
	CHECK("procmaps.fd.dir_mode", stat("/proc/self/fd", &st) == 0 &&
	      S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0500, "mode %o",
	      st.st_mode);
	snprintf(want, sizeof(want), "/proc/%d/fd", getpid());
	CHECK("procmaps.fd.getcwd", chdir("/proc/self/fd") == 0 &&
	      getcwd(lpath, sizeof(lpath)) && strcmp(lpath, want) == 0 &&
	      chdir("..") == 0 && access("status", R_OK) == 0 &&
	      chdir(scratch_dir) == 0, "cwd %s, want %s", lpath, want);
	snprintf(lpath, sizeof(lpath), "/proc/self/fd/%d", fd);
	again = open(lpath, O_RDONLY);
	CHECK("procmaps.fd.open", again >= 0 && fstat(again, &a) == 0 &&
	      fstat(fd, &b) == 0 && a.st_ino == b.st_ino, "%s",
	      harness_errname(errno));
	if (again >= 0)
		close(again);
	if (pipe(p) == 0 && fstat(p[0], &st) == 0) {
		snprintf(want, sizeof(want), "pipe:[%lu]", (unsigned long)st.st_ino);
		CHECK("procmaps.fd.pipe", link_is(p[0], want) && link_is(p[1], want),
		      "see above");
		CHECK("procmaps.fd.pipe_modes", link_mode(p[0]) == 0500 &&
		      link_mode(p[1]) == 0300, "%o %o", link_mode(p[0]),
		      link_mode(p[1]));
	} else {
		CHECK("procmaps.fd.pipe", false, "pipe: %s", harness_errname(errno));
	}
	close(p[0]);
	close(p[1]);
	close(wo);
	snprintf(lpath, sizeof(lpath), "/proc/self/fd/%d", rw);
	close(rw);
	CHECK_ERR("procmaps.fd.closed", readlink(lpath, want, sizeof(want)), ENOENT);
	CHECK("procmaps.fd.closed_unlisted", !fd_listed(rw, &count), "still listed");
}

int test_procmaps(void)
{
	char path[128];
	struct stat st;
	int fd;

	harness_begin("procmaps");
	harness_ensure_proc();
	pm_format();
	pm_anon();
	pm_heap_stack();
	pm_long();
	pm_child();
	pm_access();
	pm_statm();
	pm_exe();
	if (scratch_begin("procmaps")) {
		snprintf(path, sizeof(path), "%s/data", scratch_dir);
		fd = make_file(&st);
		if (CHECK("procmaps.file.create", fd >= 0, "%s",
			  harness_errname(errno))) {
			pm_file(fd, &st, path);
			pm_fd(fd, path);
			close(fd);
		}
		pm_deleted();
		unlink("data");
		scratch_end("procmaps");
	}
	return harness_end();
}
