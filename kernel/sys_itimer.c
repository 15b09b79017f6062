// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_itimer.c - getitimer(2) and setitimer(2): the user layout
 * (struct itimerval of two struct timeval), its checks and conversions,
 * in Linux's order (kernel/time/itimer.c). The timers are itimer.c's.
 */
#include <ostd/vm.h>

#include "errno.h"
#include "itimer.h"
#include "mm/mm.h"
#include "syscall.h"

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_USEC 1000ULL
#define USEC_PER_SEC 1000000
/* Linux's KTIME_MAX and KTIME_SEC_MAX: longer times saturate. */
#define KTIME_MAX 0x7fffffffffffffffULL
#define KTIME_SEC_MAX (KTIME_MAX / NSEC_PER_SEC)

/* The riscv64 layouts (__kernel_old_timeval: 64-bit fields). */
struct linux_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct linux_itimerval {
	struct linux_timeval it_interval;
	struct linux_timeval it_value;
};

/* Linux's timeval_valid(): a usec field outside [0, 10^6) is invalid. */
static bool timeval_valid(const struct linux_timeval *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 &&
	       tv->tv_usec < USEC_PER_SEC;
}

/* A valid timeval in ns, saturated like Linux's timespec64_to_ktime(). */
static uint64_t timeval_to_ns(const struct linux_timeval *tv)
{
	uint64_t sec = tv->tv_sec;
	uint64_t usec = tv->tv_usec;

	if (sec >= KTIME_SEC_MAX)
		return KTIME_MAX;
	return sec * NSEC_PER_SEC + usec * NSEC_PER_USEC;
}

/* Linux's put_itimerval(): microseconds rounded down. 0 or -EFAULT. */
static int put_itimerval(struct kernel_task *t, ostd_uaddr_t dst,
			 const struct itimer_value *v)
{
	struct linux_itimerval uv;

	uv.it_interval.tv_sec = v->interval_ns / NSEC_PER_SEC;
	uv.it_interval.tv_usec = v->interval_ns % NSEC_PER_SEC / NSEC_PER_USEC;
	uv.it_value.tv_sec = v->value_ns / NSEC_PER_SEC;
	uv.it_value.tv_usec = v->value_ns % NSEC_PER_SEC / NSEC_PER_USEC;
	if (mm_copy_to_user(t->mm, dst, &uv, sizeof(uv)) < 0)
		return -EFAULT;
	return 0;
}

/* Linux's get_itimerval(): -EFAULT, -EINVAL or 0. */
static int get_itimerval(struct kernel_task *t, ostd_uaddr_t src,
			 struct itimer_value *v)
{
	struct linux_itimerval uv;

	if (mm_copy_from_user(t->mm, &uv, src, sizeof(uv)) < 0)
		return -EFAULT;
	if (!timeval_valid(&uv.it_value) || !timeval_valid(&uv.it_interval))
		return -EINVAL;
	v->value_ns = timeval_to_ns(&uv.it_value);
	v->interval_ns = timeval_to_ns(&uv.it_interval);
	return 0;
}

long sys_getitimer(struct kernel_task *t, const struct syscall_args *args)
{
	/* `which` is an int: Linux ignores the upper register half. */
	uint64_t which = args->a[0] & 0xffffffffULL;
	struct itimer_value v;
	int err = itimer_get(t, which, &v);

	if (err < 0)
		return err;
	return put_itimerval(t, args->a[1], &v);
}

long sys_setitimer(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t which = args->a[0] & 0xffffffffULL;
	struct itimer_value val = { 0, 0 };
	struct itimer_value old;
	int err = 0;

	/*
	 * A NULL new value disarms the timer: Linux 6.1 still accepts this
	 * "misfeature" (with a warning), so we do too.
	 */
	if (args->a[1] != 0)
		err = get_itimerval(t, args->a[1], &val);
	if (err == 0)
		err = itimer_set(t, which, &val, &old);
	/* As on Linux, the timer is set even if @old cannot be written. */
	if (err == 0 && args->a[2] != 0)
		err = put_itimerval(t, args->a[2], &old);
	return err;
}
