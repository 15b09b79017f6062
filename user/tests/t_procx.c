// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_procx.c - more of /proc, in Linux 6.1's formats:
 * <pid>/environ (of self, of a child after execve with its own envp, of
 * a zombie, and its permission), the cwd and root links, and the system
 * files loadavg, stat (cpu lines that advance, processes, btime),
 * version, filesystems and cpuinfo.
 *
 * The child's execve runs this family's own program, /tests/procx, with
 * PROCX_CHILD=<ready fd>,<wait fd> in its environment: it then says it
 * is ready and waits, instead of running the checks (see test_procx()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define CHILD_PROG "/tests/procx"
#define CHILD_ENV "PROCX_CHILD"

extern char **environ;

/* @env's strings, each with its NUL, one after the other. */
static size_t env_block(char *const *env, char *out, size_t cap)
{
	size_t len = 0;

	for (; env != NULL && *env != NULL; env++) {
		size_t n = strlen(*env) + 1;

		if (len + n > cap)
			break;
		memcpy(out + len, *env, n);
		len += n;
	}
	return len;
}

static void px_environ_self(void)
{
	static char want[8192], got[8192], small[8192];
	size_t want_len = env_block(environ, want, sizeof(want));
	long n = harness_slurp("/proc/self/environ", got, sizeof(got), 4096);
	long m = harness_slurp("/proc/self/environ", small, sizeof(small), 3);

	CHECK("procx.environ.self", n == (long)want_len && memcmp(got, want, want_len) == 0,
	      "read %ld bytes (errno %s), environ has %zu", n,
	      harness_errname(errno), want_len);
	CHECK("procx.environ.small_reads", m == n && memcmp(small, got, (size_t)(n > 0 ? n : 0)) == 0,
	      "%ld bytes in 3-byte reads, %ld at once", m, n);
}

/* Blocks until @pid's stat shows state @want, for up to 2 s. */
static bool wait_state(pid_t pid, char want)
{
	char path[64], buf[512];
	const char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	for (int i = 0; i < 2000; i++) {
		if (harness_slurp(path, buf, sizeof(buf), 512) > 0 &&
		    (p = strrchr(buf, ')')) != NULL && p[1] == ' ' && p[2] == want)
			return true;
		usleep(1000);
	}
	return false;
}

/* The child's link @name ("cwd") into @out; "" if unreadable. */
static void child_link(pid_t pid, const char *name, char *out, size_t cap)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, name);
	n = readlink(path, out, cap - 1);
	out[n > 0 ? n : 0] = 0;
}

/* Checks on the exec'ed child @pid while it waits; @env is its envp. */
static void px_child_checks(pid_t pid, char *const *env)
{
	static char want[1024], got[1024];
	size_t want_len = env_block(env, want, sizeof(want));
	char path[64], link[256];
	long n;

	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	n = harness_slurp(path, got, sizeof(got), 4096);
	CHECK("procx.environ.exec_child", n == (long)want_len && memcmp(got, want, want_len) == 0,
	      "read %ld bytes (errno %s), want %zu", n, harness_errname(errno), want_len);
	child_link(pid, "cwd", link, sizeof(link));
	CHECK("procx.cwd.child", strcmp(link, "/dev") == 0, "cwd '%s', want /dev", link);
	child_link(pid, "root", link, sizeof(link));
	CHECK("procx.root.child", strcmp(link, "/") == 0, "root '%s', want /", link);
}

/* The child: in /dev, execve of ourselves with a small envp of its own. */
static void px_exec_child(int ready_w, int wait_r)
{
	char var[64];
	char *argv[] = { "procx", NULL };
	char *envp[] = { var, "FOO=bar", "EMPTY=", "LAST=x y z", NULL };

	snprintf(var, sizeof(var), CHILD_ENV "=%d,%d", ready_w, wait_r);
	if (chdir("/dev") != 0)
		_exit(3);
	execve(CHILD_PROG, argv, envp);
	_exit(2);
}

static void px_environ_exec(void)
{
	int ready[2], hold[2], status = -1;
	char var[64], c = 0, path[64], buf[64];
	char *envp[] = { var, "FOO=bar", "EMPTY=", "LAST=x y z", NULL };
	pid_t pid;
	long n;

	if (access(CHILD_PROG, X_OK) != 0) {
		harness_printf("# procx: no %s, exec checks skipped", CHILD_PROG);
		return;
	}
	if (pipe(ready) != 0 || pipe(hold) != 0)
		return;
	snprintf(var, sizeof(var), CHILD_ENV "=%d,%d", ready[1], hold[0]);
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(hold[1]);
		px_exec_child(ready[1], hold[0]);
	}
	close(ready[1]);
	close(hold[0]);
	CHECK("procx.environ.fork", pid > 0, "fork: %s", harness_errname(errno));
	if (pid > 0 && read(ready[0], &c, 1) == 1)
		px_child_checks(pid, envp);
	else
		CHECK("procx.environ.child_ready", false, "child never got ready");
	close(ready[0]);
	close(hold[1]); /* the child exits */
	snprintf(path, sizeof(path), "/proc/%d/environ", pid);
	n = wait_state(pid, 'Z') ? harness_slurp(path, buf, sizeof(buf), 64) : -2;
	CHECK("procx.environ.zombie_empty", n == 0, "read %ld (errno %s)", n,
	      harness_errname(errno));
	CHECK("procx.environ.child_exit",
	      waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "status 0x%x", status);
}

/* Another user may not read our environ nor follow our cwd (ptrace). */
static void px_permission(void)
{
	int status = -1;
	pid_t parent = getpid();
	pid_t pid;

	if (geteuid() != 0) {
		harness_printf("# procx: not root, permission checks skipped");
		return;
	}
	pid = fork();
	if (pid == 0) {
		char path[64], buf[64];
		int fd, code = 0;

		if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
			_exit(9);
		snprintf(path, sizeof(path), "/proc/%d/environ", parent);
		fd = open(path, O_RDONLY);
		if (!(fd < 0 && errno == EACCES))
			code |= 1;
		snprintf(path, sizeof(path), "/proc/%d/cwd", parent);
		if (!(readlink(path, buf, sizeof(buf)) < 0 && errno == EACCES))
			code |= 2;
		snprintf(path, sizeof(path), "/proc/%d/root", parent);
		if (!(readlink(path, buf, sizeof(buf)) < 0 && errno == EACCES))
			code |= 4;
		/* (Not checked: its own environ. Linux makes a process that
		 * changed its ids non-dumpable, and then root owns its /proc
		 * files; racho does not track dumpability.) */
		_exit(code);
	}
	CHECK("procx.perm.other_user",
	      pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
	      "status 0x%x (1: environ, 2: cwd, 4: root)", status);
}

static void px_cwd_root(void)
{
	char old[256], cwd[256], link[256];
	struct stat a, b;
	ssize_t n;

	if (getcwd(old, sizeof(old)) == NULL)
		return;
	CHECK_EQ("procx.cwd.chdir", chdir("/dev"), 0);
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	CHECK("procx.cwd.follows_chdir", strcmp(link, "/dev") == 0, "cwd '%s'", link);
	CHECK("procx.cwd.is_the_directory",
	      stat("/proc/self/cwd", &a) == 0 && stat(".", &b) == 0 &&
		      a.st_ino == b.st_ino && a.st_dev == b.st_dev && S_ISDIR(a.st_mode),
	      "stat through the link: %s", harness_errname(errno));
	CHECK("procx.cwd.lstat_link", lstat("/proc/self/cwd", &a) == 0 && S_ISLNK(a.st_mode),
	      "mode 0%o", (unsigned)a.st_mode);
	CHECK_EQ("procx.cwd.back", chdir(old), 0);
	n = readlink("/proc/self/cwd", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	CHECK("procx.cwd.matches_getcwd", getcwd(cwd, sizeof(cwd)) != NULL && strcmp(link, cwd) == 0,
	      "link '%s', getcwd '%s'", link, cwd);
	n = readlink("/proc/self/root", link, sizeof(link) - 1);
	link[n > 0 ? n : 0] = 0;
	CHECK("procx.root.slash", strcmp(link, "/") == 0, "root '%s'", link);
}

static void px_loadavg(void)
{
	char buf[256];
	double l1 = -1, l5 = -1, l15 = -1;
	int running = -1, total = -1, last = -1, fields, status;
	long n;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	n = harness_slurp("/proc/loadavg", buf, sizeof(buf), 5);
	fields = sscanf(buf, "%lf %lf %lf %d/%d %d", &l1, &l5, &l15, &running, &total, &last);
	CHECK("procx.loadavg.parses", n > 0 && fields == 6 && buf[n - 1] == '\n',
	      "'%s': %d fields", buf, fields);
	CHECK("procx.loadavg.averages", l1 >= 0 && l5 >= 0 && l15 >= 0 && l1 < 1000,
	      "%.2f %.2f %.2f", l1, l5, l15);
	CHECK("procx.loadavg.running", running >= 1 && running <= total,
	      "%d/%d", running, total);
	CHECK("procx.loadavg.last_pid", pid > 0 && last >= pid,
	      "last pid %d, our child was %d", last, pid);
}

/* A "name N" line of /proc/stat, or -1. */
static long stat_value(const char *text, const char *name)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof(key), "\n%s ", name);
	p = strstr(text, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -1;
}

/* The aggregate cpu line's fields; how many there are. */
static int cpu_fields(const char *text, unsigned long long *v, int max)
{
	const char *p = text;
	char *end;
	int n = 0;

	if (strncmp(p, "cpu  ", 5) != 0)
		return -1;
	p += 4;
	while (n < max && *p == ' ') {
		v[n] = strtoull(p + 1, &end, 10);
		if (end == p + 1)
			break;
		p = end;
		n++;
	}
	return *p == '\n' || n == max ? n : -1;
}

static double uptime_s(void)
{
	char buf[128];

	return harness_slurp("/proc/uptime", buf, sizeof(buf), 128) > 0 ? strtod(buf, NULL) : -1;
}

static void px_stat_times(void)
{
	static char s1[16384], s2[16384];
	unsigned long long a[10] = { 0 }, b[10] = { 0 };
	struct timespec t0, t;
	volatile unsigned long spin = 0;

	harness_slurp("/proc/stat", s1, sizeof(s1), 4096);
	usleep(300 * 1000); /* the hart idles: idle ticks */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do { /* user ticks */
		for (int i = 0; i < 100000; i++)
			spin += (unsigned long)i;
		clock_gettime(CLOCK_MONOTONIC, &t);
	} while ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) < 300000000L);
	harness_slurp("/proc/stat", s2, sizeof(s2), 4096);
	CHECK("procx.stat.cpu_line", cpu_fields(s1, a, 10) >= 4 && cpu_fields(s2, b, 10) >= 4,
	      "first line '%.60s'", s1);
	CHECK("procx.stat.idle_advances", b[3] > a[3], "idle %llu -> %llu", a[3], b[3]);
	CHECK("procx.stat.user_advances", b[0] >= a[0] + 10, "user %llu -> %llu", a[0], b[0]);
	CHECK("procx.stat.cpu0", strstr(s2, "\ncpu0 ") != NULL, "no cpu0 line");
}

static void px_stat(void)
{
	static char s1[16384], s2[16384];
	long forks1, forks2, btime;
	double up = uptime_s();
	time_t now = time(NULL);
	int status;
	pid_t pid;

	harness_slurp("/proc/stat", s1, sizeof(s1), 100);
	forks1 = stat_value(s1, "processes");
	pid = fork();
	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	harness_slurp("/proc/stat", s2, sizeof(s2), 4096);
	forks2 = stat_value(s2, "processes");
	CHECK("procx.stat.processes", forks1 >= 1 && forks2 >= forks1 + 1,
	      "processes %ld, then %ld after a fork", forks1, forks2);
	btime = stat_value(s1, "btime");
	CHECK("procx.stat.btime", btime > 0 && up >= 0 &&
					  labs(btime - (long)(now - (time_t)up)) <= 2,
	      "btime %ld, now %ld - uptime %.0f", btime, (long)now, up);
	CHECK("procx.stat.ctxt", stat_value(s1, "ctxt") >= 1, "ctxt %ld", stat_value(s1, "ctxt"));
	CHECK("procx.stat.intr", stat_value(s1, "intr") >= 1, "intr %ld", stat_value(s1, "intr"));
	CHECK("procx.stat.procs_running", stat_value(s1, "procs_running") >= 1,
	      "procs_running %ld", stat_value(s1, "procs_running"));
	CHECK("procx.stat.procs_blocked", stat_value(s1, "procs_blocked") >= 0,
	      "procs_blocked %ld", stat_value(s1, "procs_blocked"));
	px_stat_times();
}

static void px_version(void)
{
	char buf[512];
	struct utsname u;
	const char *pre = "Linux version ";
	size_t rl;

	CHECK("procx.version.read", harness_slurp("/proc/version", buf, sizeof(buf), 9) > 0 && uname(&u) == 0,
	      "%s", harness_errname(errno));
	rl = strlen(u.release);
	CHECK("procx.version.banner", strncmp(buf, pre, strlen(pre)) == 0 &&
					      strncmp(buf + strlen(pre), u.release, rl) == 0 &&
					      buf[strlen(pre) + rl] == ' ' &&
					      buf[strlen(buf) - 1] == '\n',
	      "'%s', release '%s'", buf, u.release);
}

static void px_filesystems(void)
{
	char buf[4096];

	buf[0] = '\n';
	CHECK("procx.filesystems.read", harness_slurp("/proc/filesystems", buf + 1, sizeof(buf) - 1, 10) > 0,
	      "%s", harness_errname(errno));
	CHECK("procx.filesystems.tmpfs", strstr(buf, "\nnodev\ttmpfs\n") != NULL, "'%s'", buf + 1);
	CHECK("procx.filesystems.proc", strstr(buf, "\nnodev\tproc\n") != NULL, "'%s'", buf + 1);
}

static void px_cpuinfo(void)
{
	static char buf[16384];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int count = 0;

	buf[0] = '\n';
	harness_slurp("/proc/cpuinfo", buf + 1, sizeof(buf) - 1, 50);
	CHECK("procx.cpuinfo.processor0", strncmp(buf + 1, "processor\t: 0\n", 14) == 0,
	      "'%.40s'", buf + 1);
	for (const char *p = buf; (p = strstr(p, "\nprocessor\t: ")) != NULL; p++)
		count++;
	CHECK("procx.cpuinfo.count", count == cpus, "%d processors, %ld online", count, cpus);
	CHECK("procx.cpuinfo.fields", strstr(buf, "\nhart\t\t: ") && strstr(buf, "\nisa\t\t: rv64") &&
					      strstr(buf, "\nmmu\t\t: sv"),
	      "'%.200s'", buf + 1);
}

/* Run as the exec'ed child of px_environ_exec(): ready, wait, exit. */
static void px_child_mode(const char *arg)
{
	int ready = -1, hold = -1;
	char c = 1;

	if (sscanf(arg, "%d,%d", &ready, &hold) != 2)
		_exit(4);
	if (write(ready, &c, 1) != 1)
		_exit(5);
	(void)read(hold, &c, 1);
	_exit(0);
}

int test_procx(void)
{
	const char *child = getenv(CHILD_ENV);

	if (child != NULL)
		px_child_mode(child);
	harness_begin("procx");
	harness_ensure_proc();
	px_environ_self();
	px_environ_exec();
	px_permission();
	px_cwd_root();
	px_loadavg();
	px_stat();
	px_version();
	px_filesystems();
	px_cpuinfo();
	return harness_end();
}
