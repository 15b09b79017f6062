// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/runner.c - /init of the benchmark initramfs (bench.cpio).
 *
 * Runs every benchmark in-process, in the order of BENCHES (bench.h); the
 * ones that need a second process fork it themselves. Arguments (on Linux,
 * the kernel command line words after "--"):
 *
 *	-n N     timed samples per benchmark (default 7, at most 31)
 *	NAME...  only these benchmarks (null fork exec fault pipe yield)
 *
 * It ends with the line "BENCH-END" (tools/bench checks that the run
 * finished). If it is PID 1 it then powers the machine off with reboot(2),
 * so QEMU exits; otherwise it exits with 0 (every benchmark ran) or 1.
 * Should reboot fail, PID 1 exits anyway: racho powers off when its last
 * process ends, and Linux (booted with panic=-1 and QEMU's -no-reboot)
 * panics, which ends QEMU too.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "bench.h"

/* <linux/reboot.h> */
#define LINUX_REBOOT_MAGIC1 0xfee1deadL
#define LINUX_REBOOT_MAGIC2 672274793L
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcL

struct bench {
	const char *name;
	int (*run)(void);
};

static const struct bench benches[] = {
#define BENCH_ENTRY(b) { #b, bench_##b },
	BENCHES(BENCH_ENTRY)
#undef BENCH_ENTRY
};
#define NBENCH (int)(sizeof(benches) / sizeof(benches[0]))

static int selected(const char *name, int argc, char **argv, int first)
{
	if (first >= argc)
		return 1;
	for (int i = first; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	struct utsname u;
	int first = 1, failed = 0;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		int n = atoi(argv[2]);

		if (n >= 1 && n <= BENCH_MAX_SAMPLES)
			bench_samples = n;
		first = 3;
	}
	if (uname(&u) == 0)
		bench_printf("# bench: %s %s %s", u.sysname, u.release, u.machine);
	bench_printf("# bench: %d samples per benchmark, medians reported",
		     bench_samples);
	for (int i = 0; i < NBENCH; i++)
		if (selected(benches[i].name, argc, argv, first) &&
		    benches[i].run() != 0)
			failed++;
	bench_printf("BENCH-END %d failed", failed);
	if (getpid() != 1)
		return failed ? 1 : 0;
	syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		LINUX_REBOOT_CMD_POWER_OFF, 0);
	bench_printf("# bench: reboot failed; exiting");
	return failed ? 1 : 0;
}
