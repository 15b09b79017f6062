/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/tests/harness.h - the conformance test harness (musl user programs).
 *
 * A test family is one file t_<family>.c with an entry `int test_<family>(void)`
 * that runs checks and returns its number of failures. Every check prints
 * exactly one line on stdout:
 *
 *	PASS <family>.<check>
 *	FAIL <family>.<check>: <why>
 *
 * so a runner can count results from the output alone (runner.c does, in
 * --exec mode). Lines starting with '#' are comments. The expected values are
 * Linux's: tools/linux-ref-check boots the same initramfs on a Linux kernel.
 *
 * Output goes straight to fd 1 with write(2), one write per line: no stdio
 * buffering (stdout uses writev, which an early kernel may not have), and
 * the lines stay in order with the raw writes the tests do themselves.
 *
 * Adding a family: write t_<family>.c, add it to TEST_FAMILIES below and to
 * the `test_families` list in user/tests/meson.build.
 */
#ifndef RACHO_TESTS_HARNESS_H
#define RACHO_TESTS_HARNESS_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

/* X-macro list of the families, in run order. */
#define TEST_FAMILIES(X) \
	X(write)         \
	X(time)          \
	X(proc)          \
	X(fork)          \
	X(files)         \
	X(dirs)          \
	X(pipe)          \
	X(stat)          \
	X(dev)           \
	X(procfs)        \
	X(procmaps)      \
	X(signal)        \
	X(time2)         \
	X(poll)          \
	X(futex)         \
	X(mm)            \
	X(mmfile)        \
	X(mmextra)       \
	X(fault)         \
	X(sighandler)    \
	X(txtbsy)        \
	X(itimer)        \
	X(waitid)        \
	X(jobctl)        \
	X(procx)         \
	X(thread)        \
	X(sysfuzz)

#define HARNESS_DECLARE(f) int test_##f(void);
TEST_FAMILIES(HARNESS_DECLARE)
#undef HARNESS_DECLARE

/* Totals over every family run so far in this process. */
extern int harness_passed;
extern int harness_failed;
/* main()'s argc and argv, set by the runner and by standalone.c (procfs
 * checks /proc/self/cmdline against them); 0 and NULL if not set. */
extern int harness_argc;
extern char **harness_argv;

/* Prints a PASS/FAIL line for @name; @fmt explains a failure. Returns @ok. */
bool harness_result(bool ok, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Prints a line (a '#' comment, or anything the test wants on stdout). */
void harness_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "EBADF" etc., or the number as text for errno values it does not know. */
const char *harness_errname(int err);
/* Mounts proc on /proc unless it is there (Linux's initramfs has no /proc;
 * a family run as a program of its own may be the first to need it). */
void harness_ensure_proc(void);
/* The whole file at @path in @chunk-byte reads (at most @cap - 1 bytes,
 * NUL added): its length, or -1 with errno from open(). */
long harness_slurp(const char *path, char *buf, size_t cap, size_t chunk);
/* Creates or truncates @path with @mode and writes @text: 0, or -1. */
int harness_write_file(const char *path, const char *text, unsigned mode);

/* Starts a family (prints "# family <name>"); harness_end returns its failures. */
void harness_begin(const char *family);
int harness_end(void);

/* CHECK(name, cond, fmt, ...): passes when @cond is true. */
#define CHECK(name, cond, ...) harness_result((cond) ? true : false, name, __VA_ARGS__)

/* CHECK_EQ(name, expr, want): passes when the long value of @expr == @want. */
#define CHECK_EQ(name, expr, want)                                               \
	do {                                                                     \
		errno = 0;                                                       \
		long got_ = (long)(expr);                                        \
		int err_ = errno;                                                \
		long want_ = (long)(want);                                       \
		harness_result(got_ == want_, name, "got %ld (errno %s), want %ld", \
			       got_, harness_errname(err_), want_);              \
	} while (0)

/* CHECK_ERR(name, expr, err): passes when @expr returns -1 with errno == @err. */
#define CHECK_ERR(name, expr, err)                                               \
	do {                                                                     \
		errno = 0;                                                       \
		long got_ = (long)(expr);                                        \
		int err_ = errno;                                                \
		harness_result(got_ == -1 && err_ == (err), name,                \
			       "got %ld errno %s, want -1 errno %s", got_,       \
			       harness_errname(err_), harness_errname(err));     \
	} while (0)

#endif
