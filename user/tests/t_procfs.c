// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_procfs.c - /proc: self, <pid>/stat, status, comm, uptime,
 * meminfo, mounts, the listing of pids, and statfs, in the formats ps,
 * top and free parse; cmdline (the real argv, of self, of a child and of
 * a zombie) and the resident set size. (t_proc.c is about processes.)
 *
 * racho mounts proc on /proc before init runs; Linux leaves it to init,
 * so the family mounts it itself when /proc/self is missing.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define PROC_SUPER_MAGIC 0x9fa0

/* The whole file (at most @cap - 1 bytes, NUL-terminated); its length or -1. */
static long slurp(const char *path, char *buf, size_t cap)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	/* small reads: a procfs file must read the same piece by piece */
	while (len < cap - 1 && (n = read(fd, buf + len, 7)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = 0;
	return (long)len;
}

/* comm: the executable's name cut to 15 bytes (TASK_COMM_LEN - 1). */
static void my_comm(char *out)
{
	snprintf(out, 16, "%s", program_invocation_short_name);
}

static void pf_self(void)
{
	char buf[64], want[32];
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);

	snprintf(want, sizeof(want), "%d", getpid());
	if (n >= 0)
		buf[n] = 0;
	CHECK("procfs.self.readlink", n >= 0 && strcmp(buf, want) == 0,
	      "got %zd %s, want %s", n, n >= 0 ? buf : harness_errname(errno), want);
	snprintf(want, sizeof(want), "/proc/%d/stat", getpid());
	CHECK_EQ("procfs.pid.stat_exists", access(want, R_OK), 0);
	CHECK_ERR("procfs.pid.missing", open("/proc/99999999/stat", O_RDONLY), ENOENT);
	CHECK_ERR("procfs.pid.leading_zero", access("/proc/01", F_OK), ENOENT);
	CHECK_EQ("procfs.init.exists", access("/proc/1/status", R_OK), 0);
}

/* /proc/self/stat: "pid (comm) state ppid pgrp session ..." 52 fields. */
static void pf_stat(void)
{
	char buf[1024], comm[16], head[64];
	long n = slurp("/proc/self/stat", buf, sizeof(buf));
	char *close_paren = n > 0 ? strrchr(buf, ')') : NULL;
	int fields = 2, ppid = 0, pgrp = 0, sid = 0, threads = 0;
	char state = '?';

	my_comm(comm);
	snprintf(head, sizeof(head), "%d (%s) ", getpid(), comm);
	CHECK("procfs.stat.pid_comm", n > 0 && strncmp(buf, head, strlen(head)) == 0,
	      "got '%.40s', want '%s...'", n > 0 ? buf : "", head);
	CHECK("procfs.stat.newline", n > 0 && buf[n - 1] == '\n', "no final newline");
	if (close_paren == NULL)
		return;
	for (char *p = close_paren + 1; *p; p++)
		if (*p == ' ')
			fields++;
	CHECK_EQ("procfs.stat.52_fields", fields, 52);
	sscanf(close_paren + 2, "%c %d %d %d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %d",
	       &state, &ppid, &pgrp, &sid, &threads);
	CHECK("procfs.stat.state_running", state == 'R', "state %c", state);
	CHECK_EQ("procfs.stat.ppid", ppid, getppid());
	CHECK_EQ("procfs.stat.pgrp", pgrp, getpgrp());
	CHECK_EQ("procfs.stat.session", sid, getsid(0));
	CHECK_EQ("procfs.stat.num_threads", threads, 1);
}

static bool has_line(const char *text, const char *line)
{
	size_t n = strlen(line);

	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == 0))
			return true;
	return false;
}

static void pf_status(void)
{
	char buf[4096], comm[16], line[64];
	long n = slurp("/proc/self/status", buf, sizeof(buf));

	my_comm(comm);
	CHECK("procfs.status.read", n > 0, "%s", harness_errname(errno));
	snprintf(line, sizeof(line), "Name:\t%s", comm);
	CHECK("procfs.status.name", has_line(buf, line), "no line '%s'", line);
	CHECK("procfs.status.state", has_line(buf, "State:\tR (running)"), "no running state");
	snprintf(line, sizeof(line), "Pid:\t%d", getpid());
	CHECK("procfs.status.pid", has_line(buf, line), "no line '%s'", line);
	snprintf(line, sizeof(line), "Tgid:\t%d", getpid());
	CHECK("procfs.status.tgid", has_line(buf, line), "no line '%s'", line);
	snprintf(line, sizeof(line), "PPid:\t%d", getppid());
	CHECK("procfs.status.ppid", has_line(buf, line), "no line '%s'", line);
	snprintf(line, sizeof(line), "Uid:\t%d\t%d\t%d\t%d", getuid(), geteuid(),
		 geteuid(), geteuid());
	CHECK("procfs.status.uid", has_line(buf, line), "no line '%s'", line);
	CHECK("procfs.status.threads", has_line(buf, "Threads:\t1"), "no Threads: 1");
	{
		mode_t old = umask(027);

		n = slurp("/proc/self/status", buf, sizeof(buf));
		umask(old);
		CHECK("procfs.status.umask", n > 0 && strstr(buf, "\nUmask:\t0027\n") != NULL,
		      "no Umask: 0027 line");
	}
	CHECK("procfs.status.vmsize", strstr(buf, "\nVmSize:\t") != NULL, "no VmSize line");
	n = slurp("/proc/self/comm", buf, sizeof(buf));
	snprintf(line, sizeof(line), "%s\n", comm);
	CHECK("procfs.comm", n > 0 && strcmp(buf, line) == 0, "got '%s'", n > 0 ? buf : "");
}

static double mono_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void pf_uptime(void)
{
	char buf[128];
	unsigned long us = 0, uc = 0, is = 0, ic = 0;
	long n = slurp("/proc/uptime", buf, sizeof(buf));
	int got = n > 0 ? sscanf(buf, "%lu.%2lu %lu.%2lu", &us, &uc, &is, &ic) : 0;
	double up = (double)us + (double)uc / 100;
	double mono = mono_s();

	CHECK("procfs.uptime.format", got == 4 && buf[n - 1] == '\n' &&
					   strchr(buf, '.')[3] == ' ',
	      "got '%s'", n > 0 ? buf : harness_errname(errno));
	CHECK("procfs.uptime.matches_clock", got == 4 && up <= mono + 0.02 &&
						 up >= mono - 1.0,
	      "uptime %.2f, CLOCK_MONOTONIC %.2f", up, mono);
}

static unsigned long meminfo_kb(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtoul(p + strlen(name), NULL, 10) : 0;
}

static void pf_meminfo(void)
{
	static char buf[8192];
	long n = slurp("/proc/meminfo", buf, sizeof(buf));
	unsigned long total = meminfo_kb(buf, "MemTotal:");
	unsigned long free_kb = meminfo_kb(buf, "\nMemFree:");
	char *nl = n > 0 ? strchr(buf, '\n') : NULL;

	CHECK("procfs.meminfo.first_line", n > 0 && nl != NULL && nl - buf == 27 &&
						   strncmp(buf, "MemTotal:       ", 16) == 0 &&
						   strncmp(nl - 3, " kB", 3) == 0,
	      "first line '%.40s'", n > 0 ? buf : harness_errname(errno));
	CHECK("procfs.meminfo.total", total > 16 * 1024, "MemTotal %lu kB", total);
	CHECK("procfs.meminfo.free", free_kb > 0 && free_kb < total, "MemFree %lu kB", free_kb);
	CHECK("procfs.meminfo.available", strstr(buf, "\nMemAvailable:") != NULL,
	      "no MemAvailable");
	CHECK("procfs.meminfo.swap", strstr(buf, "\nSwapTotal:") != NULL, "no SwapTotal");
}

static void pf_mounts(void)
{
	char buf[4096], target[256];
	long n = slurp("/proc/mounts", buf, sizeof(buf));
	ssize_t l = readlink("/proc/mounts", target, sizeof(target) - 1);

	if (l >= 0)
		target[l] = 0;
	CHECK("procfs.mounts.is_self_link", l >= 0 && strcmp(target, "self/mounts") == 0,
	      "readlink: %s", l >= 0 ? target : harness_errname(errno));
	CHECK("procfs.mounts.root", n > 0 && strstr(buf, " / ") != NULL, "no / line in '%s'",
	      n > 0 ? buf : harness_errname(errno));
	CHECK("procfs.mounts.proc", n > 0 && strstr(buf, "proc /proc proc rw") != NULL,
	      "no proc line in '%s'", n > 0 ? buf : "");
}

static void pf_listing(void)
{
	char me[32];
	bool self = false, pid = false, one = false;
	struct dirent *de;
	DIR *d = opendir("/proc");
	struct statfs sf;

	snprintf(me, sizeof(me), "%d", getpid());
	while (d && (de = readdir(d)) != NULL) {
		self |= strcmp(de->d_name, "self") == 0;
		pid |= strcmp(de->d_name, me) == 0 && de->d_type == DT_DIR;
		one |= strcmp(de->d_name, "1") == 0;
	}
	if (d)
		closedir(d);
	CHECK("procfs.readdir.self", self, "no self entry");
	CHECK("procfs.readdir.own_pid", pid, "no directory %s", me);
	CHECK("procfs.readdir.init", one, "no directory 1");
	CHECK("procfs.statfs", statfs("/proc", &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC,
	      "f_type 0x%lx", (unsigned long)sf.f_type);
	/* proc's lookup fails for unknown names: nothing can be created */
	CHECK_ERR("procfs.create_refused", open("/proc/newfile", O_CREAT | O_WRONLY, 0644),
		  ENOENT);
	CHECK_ERR("procfs.mkdir_refused", mkdir("/proc/newdir", 0755), ENOENT);
	CHECK_ERR("procfs.symlink_refused", symlink("x", "/proc/newlink"), ENOENT);
	/* root may open it for writing; proc has no write: EIO */
	int fd = open("/proc/uptime", O_WRONLY);

	CHECK("procfs.open_wronly", fd >= 0, "%s", harness_errname(errno));
	CHECK_ERR("procfs.write_eio", write(fd, "1", 1), EIO);
	close(fd);
}

/* mount(2) of proc elsewhere shows the same processes. */
static void pf_second_mount(void)
{
	const char *dir = "/tmp/proc2";
	char buf[32], want[32];
	struct statfs sf;
	ssize_t n;
	int r;

	(void)mkdir("/tmp", 01777);
	(void)mkdir(dir, 0555);
	r = mount("proc", dir, "proc", 0, NULL);
	CHECK("procfs.mount_again", r == 0, "%s", harness_errname(errno));
	if (r != 0)
		return;
	n = readlink("/tmp/proc2/self", buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", getpid());
	CHECK("procfs.mount_again.self", strcmp(buf, want) == 0, "self -> '%s'", buf);
	CHECK("procfs.mount_again.statfs",
	      statfs(dir, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC, "%s",
	      harness_errname(errno));
	CHECK_EQ("procfs.mount_again.umount", umount(dir), 0);
	(void)rmdir(dir);
}

/* The cmdline this process was started with: argv's strings, NULs included. */
static size_t want_cmdline(char *out, size_t cap)
{
	size_t len = 0;

	for (int i = 0; i < harness_argc; i++) {
		size_t n = strlen(harness_argv[i]) + 1;

		if (len + n > cap)
			break;
		memcpy(out + len, harness_argv[i], n);
		len += n;
	}
	return len;
}

/* Field @k (1-based, k >= 3) of a stat line, as a number; 0 if none. */
static unsigned long stat_field(const char *stat, int k)
{
	const char *p = strrchr(stat, ')');

	if (p == NULL)
		return 0;
	p += 2; /* field 3 */
	for (int i = 3; i < k && p; i++)
		p = strchr(p, ' ') ? strchr(p, ' ') + 1 : NULL;
	return p ? strtoul(p, NULL, 10) : 0;
}

/* The state letter of /proc/<pid>/stat, or 0. */
static char stat_state(pid_t pid)
{
	char path[64], buf[1024];
	char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (slurp(path, buf, sizeof(buf)) <= 0 || (p = strrchr(buf, ')')) == NULL)
		return 0;
	return p[2];
}

/* A forked child's cmdline is the parent's, read by the child and by the
 * parent; once it is a zombie it is empty. */
static void pf_cmdline_child(const char *want, size_t want_len)
{
	static char got[4096];
	char path[64];
	int fds[2], status = -1;
	long n;
	pid_t pid;

	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		char c;
		long m = slurp("/proc/self/cmdline", got, sizeof(got));
		bool same = m == (long)want_len && memcmp(got, want, want_len) == 0;

		close(fds[1]);
		(void)read(fds[0], &c, 1); /* until the parent has looked */
		_exit(same ? 0 : 1);
	}
	close(fds[0]);
	CHECK("procfs.cmdline.fork", pid > 0, "fork: %s", harness_errname(errno));
	if (pid < 0) {
		close(fds[1]);
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = slurp(path, got, sizeof(got));
	CHECK("procfs.cmdline.other_process", n == (long)want_len &&
						      memcmp(got, want, want_len) == 0,
	      "read %ld bytes, want %zu", n, want_len);
	close(fds[1]);
	for (int i = 0; i < 2000 && stat_state(pid) != 'Z'; i++)
		usleep(1000);
	n = slurp(path, got, sizeof(got));
	CHECK("procfs.cmdline.zombie_empty", stat_state(pid) == 'Z' && n == 0,
	      "state %c, %ld bytes", stat_state(pid), n);
	CHECK("procfs.cmdline.child_self",
	      waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
}

/*
 * setproctitle(): once the NUL ending argv's strings is overwritten,
 * cmdline is the first string from argv[0] on, running into the
 * environment strings but not past them (Linux's get_mm_proctitle()).
 * In a child, so the harness's argv stays intact.
 */
static void pf_cmdline_proctitle(size_t want_len, unsigned long env_end)
{
	static char got[4096];
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		char *start = harness_argv[0];
		size_t len, cap = env_end - (unsigned long)start;
		long n;

		start[want_len - 1] = 'X';
		len = strnlen(start, cap);
		len += len < cap; /* with its NUL */
		n = slurp("/proc/self/cmdline", got, sizeof(got));
		_exit(n == (long)len && memcmp(got, start, len) == 0 ? 0 : 1);
	}
	CHECK("procfs.cmdline.proctitle",
	      pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
}

static void pf_cmdline(void)
{
	static char want[4096], got[4096], stat[1024];
	size_t want_len = want_cmdline(want, sizeof(want));
	long n = slurp("/proc/self/cmdline", got, sizeof(got));
	unsigned long arg_start, arg_end;

	if (harness_argc == 0) {
		harness_printf("# procfs: no argv from main(), cmdline not checked");
		return;
	}
	CHECK("procfs.cmdline.self", n == (long)want_len && memcmp(got, want, want_len) == 0,
	      "read %ld bytes '%s', want %zu '%s'", n, n > 0 ? got : "", want_len, want);
	/* stat's arg_start/arg_end (48, 49) bound exactly argv's strings. */
	n = slurp("/proc/self/stat", stat, sizeof(stat));
	arg_start = stat_field(stat, 48);
	arg_end = stat_field(stat, 49);
	CHECK("procfs.stat.arg_start", n > 0 && arg_start == (unsigned long)harness_argv[0],
	      "arg_start 0x%lx, argv[0] at %p", arg_start, (void *)harness_argv[0]);
	CHECK("procfs.stat.arg_end", arg_end - arg_start == want_len &&
					     stat_field(stat, 50) == arg_end &&
					     stat_field(stat, 51) >= arg_end,
	      "arg 0x%lx-0x%lx env 0x%lx-0x%lx", arg_start, arg_end,
	      stat_field(stat, 50), stat_field(stat, 51));
	pf_cmdline_child(want, want_len);
	if (arg_end - arg_start == want_len && want_len > 0)
		pf_cmdline_proctitle(want_len, stat_field(stat, 51));
}

/* VmRSS in kB, and stat's rss (pages) and vsize (bytes) in *rss, *vsize. */
static long vm_rss(unsigned long *stat_rss, unsigned long *vsize)
{
	static char status[4096], stat[1024];
	const char *p;

	if (slurp("/proc/self/stat", stat, sizeof(stat)) <= 0 ||
	    slurp("/proc/self/status", status, sizeof(status)) <= 0)
		return -1;
	*stat_rss = stat_field(stat, 24);
	*vsize = stat_field(stat, 23);
	p = strstr(status, "\nVmRSS:");
	return p ? strtol(p + 7, NULL, 10) : -1;
}

/*
 * Touching fresh anonymous memory shows in VmRSS and stat's rss; unmapping
 * it takes it away. 1.25 MiB are touched for a 1000 kB check because
 * Linux 6.1 keeps up to 64 page faults per thread out of the counters
 * (SPLIT_RSS_COUNTING).
 */
static void pf_rss(void)
{
	const size_t len = (1024 + 256) * 1024;
	unsigned long rss0, rss1, rss2, vs0, vs1, vs2;
	long before = vm_rss(&rss0, &vs0), after, gone;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK("procfs.rss.mmap", m != MAP_FAILED, "%s", harness_errname(errno));
	if (m == MAP_FAILED)
		return;
	memset(m, 1, len);
	after = vm_rss(&rss1, &vs1);
	CHECK("procfs.rss.status_grows", before > 0 && after - before >= 1000,
	      "VmRSS %ld kB -> %ld kB", before, after);
	CHECK("procfs.rss.stat_pages", rss1 * 4 + 256 >= (unsigned long)after &&
					       (unsigned long)after + 256 >= rss1 * 4,
	      "stat rss %lu pages, VmRSS %ld kB", rss1, after);
	CHECK("procfs.rss.vsize", vs1 - vs0 >= len, "vsize %lu -> %lu", vs0, vs1);
	munmap(m, len);
	gone = vm_rss(&rss2, &vs2);
	CHECK("procfs.rss.munmap_drops", after - gone >= 1000 && vs1 - vs2 >= len,
	      "VmRSS %ld kB -> %ld kB, vsize %lu -> %lu", after, gone, vs1, vs2);
}

int test_procfs(void)
{
	harness_begin("procfs");
	harness_ensure_proc();
	pf_self();
	pf_stat();
	pf_status();
	pf_uptime();
	pf_meminfo();
	pf_mounts();
	pf_listing();
	pf_second_mount();
	pf_cmdline();
	pf_rss();
	return harness_end();
}
