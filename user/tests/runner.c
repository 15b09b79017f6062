// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/runner.c - /init of the test initramfs.
 *
 * Two modes, chosen by the first argument (on Linux, kernel command line
 * words after "--" become init's arguments: `rdinit=/init -- --exec`):
 *
 *   (default, or --inproc)  every family is linked into this binary and
 *                           called in-process. Needs no fork, so it works
 *                           on racho today and on Linux.
 *   --exec                  fork+execve+wait4 each executable in /tests (the
 *                           same families as separate programs, plus any
 *                           other test program), counting the PASS/FAIL
 *                           lines they print through a pipe.
 *
 * Either way it ends with the line "N passed, M failed". If it is PID 1 it
 * then powers the machine off with reboot(2) (so QEMU exits); otherwise it
 * exits with status 0 (all passed) or 1. The PID check matters: under
 * qemu-user the reboot syscall would go to the host kernel.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

#define TESTS_DIR "/tests"
#define MAX_TESTS 64

/* <linux/reboot.h> */
#define LINUX_REBOOT_MAGIC1 0xfee1deadL
#define LINUX_REBOOT_MAGIC2 672274793L
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcL

static void run_inproc(void)
{
	harness_printf("# runner: in-process mode");
#define RUN_FAMILY(f) test_##f();
	TEST_FAMILIES(RUN_FAMILY)
#undef RUN_FAMILY
}

/* Counts PASS/FAIL lines in @buf[0..n), carrying a partial line in @line. */
static void scan(const char *buf, size_t n, char *line, size_t *len, size_t cap)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != '\n') {
			if (*len < cap)
				line[(*len)++] = buf[i];
			continue;
		}
		if (*len >= 5 && memcmp(line, "PASS ", 5) == 0)
			harness_passed++;
		else if (*len >= 5 && memcmp(line, "FAIL ", 5) == 0)
			harness_failed++;
		*len = 0;
	}
}

/* Runs @path with stdout through a pipe; the lines are echoed and counted. */
static void run_one(const char *path, const char *name)
{
	char buf[512], line[8];
	size_t len = 0;
	int fds[2], status, before = harness_failed;
	pid_t pid;
	ssize_t n;

	harness_printf("# runner: %s", path);
	if (pipe2(fds, O_CLOEXEC) != 0) {
		harness_result(false, name, "pipe2: %s", harness_errname(errno));
		return;
	}
	pid = fork();
	if (pid < 0) {
		harness_result(false, name, "fork: %s", harness_errname(errno));
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		char *argv[] = { (char *)path, NULL };
		char *envp[] = { NULL };

		dup2(fds[1], 1);
		execve(path, argv, envp);
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0) {
		write(1, buf, (size_t)n);
		scan(buf, (size_t)n, line, &len, sizeof(line));
	}
	close(fds[0]);
	if (wait4(pid, &status, 0, NULL) != pid) {
		harness_result(false, name, "wait4: %s", harness_errname(errno));
		return;
	}
	/* a crash or a bad exit with no FAIL line of its own is a failure */
	if (WIFSIGNALED(status))
		harness_result(false, name, "killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) != 0 && harness_failed == before)
		harness_result(false, name, "exit status %d", WEXITSTATUS(status));
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_exec(void)
{
	static char names[MAX_TESTS][64];
	char *sorted[MAX_TESTS], path[96];
	struct dirent *de;
	int count = 0;
	DIR *d;

	harness_printf("# runner: exec mode, programs in " TESTS_DIR);
	d = opendir(TESTS_DIR);
	if (!d) {
		harness_result(false, "runner.opendir", "%s: %s", TESTS_DIR,
			       harness_errname(errno));
		return;
	}
	while ((de = readdir(d)) && count < MAX_TESTS) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= sizeof(names[0]))
			continue;
		strcpy(names[count], de->d_name);
		sorted[count] = names[count];
		count++;
	}
	closedir(d);
	qsort(sorted, (size_t)count, sizeof(sorted[0]), cmp_names);
	for (int i = 0; i < count; i++) {
		snprintf(path, sizeof(path), TESTS_DIR "/%s", sorted[i]);
		if (access(path, X_OK) == 0)
			run_one(path, sorted[i]);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "--inproc";

	harness_argc = argc;
	harness_argv = argv;

	if (strcmp(mode, "--exec") == 0)
		run_exec();
	else if (strcmp(mode, "--inproc") == 0)
		run_inproc();
	else
		harness_result(false, "runner.args", "unknown mode %s", mode);

	harness_printf("%d passed, %d failed", harness_passed, harness_failed);
	if (getpid() != 1)
		return harness_failed ? 1 : 0;
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_POWER_OFF, 0);
	harness_printf("# runner: reboot failed: %s", harness_errname(errno));
	for (;;)
		pause(); /* PID 1 must not exit (Linux would panic) */
}
