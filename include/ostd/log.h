/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/log.h - formatted console output, the levelled logger and panic.
 *
 * The format language is a printf subset: %d %i %u %x %X %o %p %s %c %%,
 * with flags '-' and '0', a width, and the l, ll, z length modifiers.
 * All functions may be called from any context, including interrupt
 * handlers; output from different harts is serialised line by line.
 */
#ifndef OSTD_LOG_H
#define OSTD_LOG_H

#include <ostd/types.h>

enum ostd_log_level {
	OSTD_LOG_ERROR = 1,
	OSTD_LOG_WARN = 2,
	OSTD_LOG_INFO = 3,
	OSTD_LOG_DEBUG = 4,
	OSTD_LOG_TRACE = 5,
};

/* Messages above @level are dropped. The default is OSTD_LOG_INFO. */
void ostd_log_set_level(enum ostd_log_level level);
enum ostd_log_level ostd_log_get_level(void);

/* One colour-coded line "[LEVEL] message"; a newline is appended. */
void ostd_log(enum ostd_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Raw output with no prefix and no implied newline (like printk). */
void ostd_printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Formats into @buf (always NUL-terminated when @size > 0). Returns the
 * length the full output would have had, like snprintf.
 */
int ostd_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * A kernel bug: prints the message, the hart, and a backtrace of the
 * caller, then powers the machine off with a failure status.
 */
_Noreturn void ostd_panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
