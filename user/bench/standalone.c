// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/standalone.c - main() for one benchmark as its own program
 * (/bench/<name> in the initramfs, to run by hand from a shell). Built with
 * -DBENCH_NAME=<name>; an optional argument sets the number of samples.
 * Exit status: 0 if the benchmark ran, else 1.
 */
#include <stdlib.h>

#include "bench.h"

#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)

int main(int argc, char **argv)
{
	if (argc > 1 && atoi(argv[1]) >= 1 && atoi(argv[1]) <= BENCH_MAX_SAMPLES)
		bench_samples = atoi(argv[1]);
	return CAT(bench_, BENCH_NAME)() == 0 ? 0 : 1;
}
