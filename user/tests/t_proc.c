// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_proc.c - process basics that need no fork: getpid,
 * sched_yield, and ENOSYS for syscall numbers the kernel does not have.
 */
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "harness.h"

int test_proc(void)
{
	pid_t pid;

	harness_begin("proc");
	pid = getpid();
	CHECK("proc.getpid.positive", pid > 0, "getpid() = %d", (int)pid);
	CHECK_EQ("proc.getpid.stable", getpid(), pid);
	CHECK_EQ("proc.getpid.raw", syscall(SYS_getpid), pid);
	CHECK_EQ("proc.sched_yield", sched_yield(), 0);
	CHECK_EQ("proc.sched_yield.twice", sched_yield() + sched_yield(), 0);
	/* syscall numbers past the end of the table */
	CHECK_ERR("proc.enosys.999", syscall(999), ENOSYS);
	CHECK_ERR("proc.enosys.huge", syscall(0x100000), ENOSYS);
	CHECK_ERR("proc.enosys.with_args", syscall(999, 1, 2, 3, 4, 5, 6), ENOSYS);
	return harness_end();
}
