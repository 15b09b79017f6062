/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/selftest.h - boot-time self-tests of the services ostd provides.
 */
#ifndef KERNEL_SELFTEST_H
#define KERNEL_SELFTEST_H

/*
 * Runs the heap, frame allocator and kernel mapping tests, printing one
 * "<name> passed!" line each. A failure panics (the boot test sees it).
 */
void selftest_run_all(void);

#endif
