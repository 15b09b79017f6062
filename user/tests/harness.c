// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/harness.c - result lines and counters for the test families.
 * See harness.h for the output format.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "harness.h"

int harness_passed;
int harness_failed;
int harness_argc;
char **harness_argv;
static int family_failed_at_begin;

/* One write(2) per line; a short write is retried, an error dropped. */
static void put_line(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(1, s, n);
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void vput(const char *prefix, const char *fmt, va_list ap)
{
	char buf[512];
	size_t n = strlen(prefix);
	int m;

	if (n > sizeof(buf) / 2)
		n = sizeof(buf) / 2;
	memcpy(buf, prefix, n);
	m = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	if (m > 0)
		n += (size_t)m;
	if (n > sizeof(buf) - 2)
		n = sizeof(buf) - 2; /* truncated: keep room for the newline */
	buf[n++] = '\n';
	put_line(buf, n);
}

bool harness_result(bool ok, const char *name, const char *fmt, ...)
{
	char prefix[160];
	va_list ap;

	if (ok) {
		harness_passed++;
		harness_printf("PASS %s", name);
		return true;
	}
	harness_failed++;
	snprintf(prefix, sizeof(prefix), "FAIL %s: ", name);
	va_start(ap, fmt);
	vput(prefix, fmt, ap);
	va_end(ap);
	return false;
}

void harness_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vput("", fmt, ap);
	va_end(ap);
}

const char *harness_errname(int err)
{
	static const struct {
		int err;
		const char *name;
	} names[] = {
		{ 0, "0" },	       { EPERM, "EPERM" },   { ENOENT, "ENOENT" },
		{ ESRCH, "ESRCH" },    { EINTR, "EINTR" },   { EIO, "EIO" },
		{ E2BIG, "E2BIG" },    { ENOEXEC, "ENOEXEC" }, { EBADF, "EBADF" },
		{ ECHILD, "ECHILD" },  { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
		{ EACCES, "EACCES" },  { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
		{ EEXIST, "EEXIST" },  { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" },  { EMFILE, "EMFILE" }, { ENOSPC, "ENOSPC" },
		{ ESPIPE, "ESPIPE" },  { EPIPE, "EPIPE" },   { ERANGE, "ERANGE" },
		{ ENAMETOOLONG, "ENAMETOOLONG" },	     { ENOSYS, "ENOSYS" },
		{ ENOTEMPTY, "ENOTEMPTY" },		     { ELOOP, "ELOOP" },
		{ EOPNOTSUPP, "EOPNOTSUPP" },		     { ENODEV, "ENODEV" },
		{ ENXIO, "ENXIO" },
	};
	static char other[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].err == err)
			return names[i].name;
	snprintf(other, sizeof(other), "%d", err);
	return other;
}

void harness_begin(const char *family)
{
	family_failed_at_begin = harness_failed;
	harness_printf("# family %s", family);
}

int harness_end(void)
{
	return harness_failed - family_failed_at_begin;
}

void harness_ensure_proc(void)
{
	if (access("/proc/self", F_OK) == 0)
		return;
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", 0, NULL) == 0)
		harness_printf("# mounted proc on /proc");
	else
		harness_printf("# mount proc on /proc: %s",
			       harness_errname(errno));
}

long harness_slurp(const char *path, char *buf, size_t cap, size_t chunk)
{
	size_t len = 0;
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	while (len < cap - 1) {
		size_t want = cap - 1 - len < chunk ? cap - 1 - len : chunk;

		n = read(fd, buf + len, want);
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = 0;
	return (long)len;
}

int harness_write_file(const char *path, const char *text, unsigned mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}
