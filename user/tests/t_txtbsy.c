// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_txtbsy.c - ETXTBSY, as in Linux 6.1: while an address
 * space runs an executable file (from execve, inherited by fork, until
 * it execs another file or exits), the file cannot be opened for writing
 * or truncated; and a file open for writing cannot be executed. For a #!
 * script it is the interpreter, the file that is mapped, that stays busy
 * while it runs; both are checked while execve opens them.
 *
 * The programs run are copies of this family's own executable,
 * /tests/txtbsy, in the family's scratch tmpfs; exec'ed with TXT_CHILD in
 * the environment they run child_main() instead of the checks. The test
 * process itself is checked through argv[0] (/init in the in-process
 * mode, /tests/txtbsy in exec mode).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define SELF "/tests/txtbsy"
#define TXT_CHILD "RACHO_TXTBSY_CHILD"
#define TXT_NEXT "RACHO_TXTBSY_NEXT"
#define PROG "/tmp/txtbsy/prog"
#define PROG2 "/tmp/txtbsy/prog2"
#define SCRIPT "/tmp/txtbsy/script"

/*
 * Child mode: says it runs (a byte on fd 1), then obeys bytes from fd 0:
 * 'x' execs $TXT_NEXT, 'f' forks (the parent exits, the child goes on
 * and says it runs), anything else or EOF exits 0. A failed execve exits
 * with its errno.
 */
static void child_main(void)
{
	const char *next = getenv(TXT_NEXT);
	char c = 0;

	for (;;) {
		(void)write(1, "r", 1);
		if (read(0, &c, 1) != 1)
			_exit(0);
		if (c == 'f') {
			pid_t pid = fork();

			if (pid != 0)
				_exit(pid < 0 ? 1 : 0);
			continue;
		}
		if (c == 'x' && next && next[0]) {
			char *argv[] = { (char *)next, NULL };
			char *envp[] = { TXT_CHILD "=1", NULL };

			execve(next, argv, envp);
			_exit(errno);
		}
		_exit(0);
	}
}

/* A program run from a child: talked to through two pipes. */
struct kid {
	pid_t pid;
	int ready; /* reads the child's "r" bytes; EOF once all are gone */
	int go;    /* commands to it */
};

/*
 * Forks a child that execs @path (in child mode, $TXT_NEXT = @next);
 * false if that could not be set up. A failed exec ends the child with
 * the errno as its exit status.
 */
static bool kid_spawn(struct kid *k, const char *path, const char *next)
{
	int r[2], g[2];

	k->pid = -1;
	if (pipe(r) != 0)
		return false;
	if (pipe(g) != 0) {
		close(r[0]);
		close(r[1]);
		return false;
	}
	k->pid = fork();
	if (k->pid == 0) {
		char nextenv[96];
		char *argv[] = { (char *)path, NULL };
		char *envp[] = { TXT_CHILD "=1", nextenv, NULL };

		snprintf(nextenv, sizeof(nextenv), TXT_NEXT "=%s",
			 next ? next : "");
		dup2(g[0], 0);
		dup2(r[1], 1);
		close(r[0]);
		close(r[1]);
		close(g[0]);
		close(g[1]);
		execve(path, argv, envp);
		_exit(errno);
	}
	close(r[1]);
	close(g[0]);
	k->ready = r[0];
	k->go = g[1];
	return k->pid > 0;
}

/* Waits until the program says it runs; false if it ended instead. */
static bool kid_ready(struct kid *k)
{
	char c = 0;

	return read(k->ready, &c, 1) == 1;
}

static void kid_send(struct kid *k, char c)
{
	(void)write(k->go, &c, 1);
}

/*
 * Ends the program (EOF on its input) and returns the child's wait
 * status, once every process holding the ready pipe (a forked one too)
 * has exited.
 */
static int kid_end(struct kid *k)
{
	char c;
	int st = -1;

	close(k->go);
	while (read(k->ready, &c, 1) > 0)
		;
	close(k->ready);
	if (k->pid > 0 && waitpid(k->pid, &st, 0) != k->pid)
		st = -1;
	return st;
}

/* The exit status of a child whose exec must fail: its errno. */
static int kid_exec_errno(const char *path)
{
	struct kid k;

	if (!kid_spawn(&k, path, NULL))
		return -1;
	if (kid_ready(&k)) {
		(void)kid_end(&k);
		return 0; /* it ran */
	}
	return kid_end(&k);
}

/* errno of open(@path, @flags), 0 if it opened (and is closed again). */
static int open_errno(const char *path, int flags)
{
	int fd = open(path, flags);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

/* Copies /tests/txtbsy to @dst; returns the fd, still open for writing. */
static int copy_self(const char *dst)
{
	static char buf[8192];
	int in = open(SELF, O_RDONLY);
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0) {
		if (write(out, buf, (size_t)n) != n) {
			close(out);
			out = -1;
		}
	}
	if (in >= 0)
		close(in);
	return out;
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* The running test program itself. */
static void test_self(void)
{
	const char *self = harness_argv ? harness_argv[0] : NULL;
	long size;

	if (!CHECK("txtbsy.self.argv0", self && self[0] == '/',
		   "argv[0] %s is no absolute path", self ? self : "(none)"))
		return;
	harness_printf("# txtbsy: this program is %s", self);
	size = file_size(self);
	CHECK_EQ("txtbsy.self.open_rdwr", open_errno(self, O_RDWR), ETXTBSY);
	CHECK_EQ("txtbsy.self.open_wronly", open_errno(self, O_WRONLY), ETXTBSY);
	CHECK_EQ("txtbsy.self.open_rdonly", open_errno(self, O_RDONLY), 0);
	/* Same size: harmless if a kernel wrongly allowed it. */
	CHECK_ERR("txtbsy.self.truncate", truncate(self, size), ETXTBSY);
}

/* A file open for writing cannot be executed; after close it can. */
static void test_exec_writer(void)
{
	int w = copy_self(PROG);
	struct kid k;
	char *m;

	if (!CHECK("txtbsy.exec.copy", w >= 0, "%s", harness_errname(errno)))
		return;
	CHECK_EQ("txtbsy.exec.open_for_write", kid_exec_errno(PROG),
		 ETXTBSY << 8);
	close(w);
	/* A mapping keeps the file open for writing after its fd is gone. */
	w = open(PROG, O_RDWR);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, w, 0);
	close(w);
	if (CHECK("txtbsy.exec.mapped_writer_map", m != MAP_FAILED, "%s",
		  harness_errname(errno))) {
		CHECK_EQ("txtbsy.exec.mapped_writer", kid_exec_errno(PROG),
			 ETXTBSY << 8);
		munmap(m, 4096);
	}
	CHECK("txtbsy.exec.after_close", kid_spawn(&k, PROG, NULL) &&
	      kid_ready(&k), "it did not run");
	CHECK_EQ("txtbsy.exec.after_close_status", kid_end(&k), 0);
}

/* While a child runs the copy, it may not be written; after, it may. */
static void test_running(void)
{
	long size = file_size(PROG);
	struct kid k, k2;

	if (!CHECK("txtbsy.run.start", kid_spawn(&k, PROG, NULL) &&
		   kid_ready(&k), "it did not run"))
		return;
	CHECK_EQ("txtbsy.run.open_wronly", open_errno(PROG, O_WRONLY), ETXTBSY);
	CHECK_EQ("txtbsy.run.open_rdwr", open_errno(PROG, O_RDWR), ETXTBSY);
	CHECK_EQ("txtbsy.run.open_creat_wronly",
		 open_errno(PROG, O_WRONLY | O_CREAT), ETXTBSY);
	CHECK_EQ("txtbsy.run.open_rdonly_trunc",
		 open_errno(PROG, O_RDONLY | O_TRUNC), ETXTBSY);
	CHECK_ERR("txtbsy.run.truncate", truncate(PROG, 0), ETXTBSY);
	CHECK_EQ("txtbsy.run.size_kept", file_size(PROG), size);
	CHECK_EQ("txtbsy.run.open_rdonly", open_errno(PROG, O_RDONLY), 0);
	/* A second process may run it as well; the first keeps it busy. */
	CHECK("txtbsy.run.second", kid_spawn(&k2, PROG, NULL) &&
	      kid_ready(&k2), "it did not run");
	CHECK_EQ("txtbsy.run.second_status", kid_end(&k2), 0);
	CHECK_EQ("txtbsy.run.still_busy", open_errno(PROG, O_WRONLY), ETXTBSY);
	CHECK_EQ("txtbsy.run.status", kid_end(&k), 0);
	CHECK_EQ("txtbsy.run.after_exit_open_wronly",
		 open_errno(PROG, O_WRONLY), 0);
	CHECK_EQ("txtbsy.run.after_exit_truncate", truncate(PROG, size), 0);
}

/* fork: the child runs (and denies) the file after its parent exits. */
static void test_fork_inherit(void)
{
	struct kid k;

	if (!CHECK("txtbsy.fork.start", kid_spawn(&k, PROG, NULL) &&
		   kid_ready(&k), "it did not run"))
		return;
	kid_send(&k, 'f');
	CHECK("txtbsy.fork.child_runs", kid_ready(&k), "no forked child");
	CHECK_EQ("txtbsy.fork.parent_exited",
		 waitpid(k.pid, NULL, 0) == k.pid, 1);
	k.pid = -1; /* reaped; the forked child is not ours to wait for */
	CHECK_EQ("txtbsy.fork.inherited", open_errno(PROG, O_WRONLY), ETXTBSY);
	(void)kid_end(&k);
	CHECK_EQ("txtbsy.fork.after_exit", open_errno(PROG, O_WRONLY), 0);
}

/* Exec of another file releases the old one and denies the new one. */
static void test_exec_other(void)
{
	int w = copy_self(PROG2);
	struct kid k;

	if (w >= 0)
		close(w);
	if (!CHECK("txtbsy.other.start", w >= 0 &&
		   kid_spawn(&k, PROG, PROG2) && kid_ready(&k),
		   "it did not run"))
		return;
	kid_send(&k, 'x');
	CHECK("txtbsy.other.exec", kid_ready(&k), "%s did not run", PROG2);
	CHECK_EQ("txtbsy.other.old_released", open_errno(PROG, O_WRONLY), 0);
	CHECK_EQ("txtbsy.other.new_denied", open_errno(PROG2, O_WRONLY),
		 ETXTBSY);
	CHECK_EQ("txtbsy.other.status", kid_end(&k), 0);
	CHECK_EQ("txtbsy.other.after_exit", open_errno(PROG2, O_WRONLY), 0);
	unlink(PROG2);
}

/* #!: the interpreter is busy while it runs, the script is not. */
static void test_script(void)
{
	static const char text[] = "#!" PROG "\n";
	int fd = open(SCRIPT, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	struct kid k;

	if (!CHECK("txtbsy.script.create", fd >= 0 &&
		   write(fd, text, sizeof(text) - 1) ==
		   (ssize_t)(sizeof(text) - 1), "%s", harness_errname(errno)))
		return;
	/* execve opens the script too: open for writing, it is busy. */
	CHECK_EQ("txtbsy.script.open_for_write", kid_exec_errno(SCRIPT),
		 ETXTBSY << 8);
	close(fd);
	fd = open(PROG, O_WRONLY);
	CHECK_EQ("txtbsy.script.interpreter_open_for_write",
		 kid_exec_errno(SCRIPT), ETXTBSY << 8);
	if (fd >= 0)
		close(fd);
	if (!CHECK("txtbsy.script.run", kid_spawn(&k, SCRIPT, NULL) &&
		   kid_ready(&k), "it did not run"))
		return;
	CHECK_EQ("txtbsy.script.script_writable", open_errno(SCRIPT, O_WRONLY),
		 0);
	CHECK_EQ("txtbsy.script.interpreter_busy", open_errno(PROG, O_WRONLY),
		 ETXTBSY);
	CHECK_EQ("txtbsy.script.status", kid_end(&k), 0);
	unlink(SCRIPT);
}

int test_txtbsy(void)
{
	if (getenv(TXT_CHILD))
		child_main();
	harness_begin("txtbsy");
	test_self();
	if (!scratch_begin("txtbsy"))
		return harness_end();
	test_exec_writer();
	test_running();
	test_fork_inherit();
	test_exec_other();
	test_script();
	unlink(PROG);
	scratch_end("txtbsy");
	return harness_end();
}
