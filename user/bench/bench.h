/* SPDX-License-Identifier: GPL-2.0 */
/*
 * user/bench/bench.h - the micro-benchmarks (static musl user programs).
 *
 * A benchmark is one file b_<name>.c with an entry `int bench_<name>(void)`
 * that takes bench_samples timed samples (after one untimed warm-up) and
 * prints exactly one result line on stdout:
 *
 *	BENCH <name> <median> <unit>
 *
 * or, when a system call it needs fails (e.g. a kernel without fork yet):
 *
 *	BENCH-FAIL <name>: <why>
 *
 * Lines starting with '#' are comments (the individual samples, etc.).
 * tools/bench boots the same initramfs on racho and on Linux and compares
 * the BENCH lines. Every figure is a time per operation: lower is better.
 *
 * The benchmarks do no floating point (values are kept in tenths of a
 * nanosecond), and print with one write(2) per line, no stdio buffers: a
 * fork never duplicates pending output and nothing is lost at power-off.
 *
 * Adding a benchmark: write b_<name>.c, add it to BENCHES below and to the
 * `benches` list in user/bench/meson.build.
 */
#ifndef RACHO_BENCH_H
#define RACHO_BENCH_H

#include <stdint.h>

/* X-macro list of the benchmarks, in run order (the order). */
#define BENCHES(X) \
	X(null)    \
	X(fork)    \
	X(exec)    \
	X(fault)   \
	X(pipe)    \
	X(yield)

#define BENCH_DECLARE(b) int bench_##b(void);
BENCHES(BENCH_DECLARE)
#undef BENCH_DECLARE

#define BENCH_MAX_SAMPLES 31

/* Timed samples per benchmark (default 7; the runner's -n changes it). */
extern int bench_samples;

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t bench_now_ns(void);
/* Tenths of a nanosecond per operation: @ns over @ops operations. */
uint64_t bench_per_op(uint64_t ns, uint64_t ops);

/* Prints one line on fd 1 (printf format, newline added). */
void bench_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "BENCH-FAIL name: what: strerror(errno)"; returns -1. */
int bench_fail(const char *name, const char *what);
/*
 * Prints the samples as a comment, then "BENCH name median unit" (median of
 * @n values in tenths of a unit; sorts @tenths). Returns 0.
 */
int bench_report(const char *name, const char *unit, uint64_t *tenths, int n);

#endif
