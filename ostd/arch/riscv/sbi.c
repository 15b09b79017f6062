// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/arch/riscv/sbi.c - calls into the SBI firmware (OpenSBI).
 *
 * One ecall wrapper plus the few services ostd needs: the legacy console
 * (0x01/0x02), the timer (TIME extension, or legacy 0x00 when the firmware
 * lacks it) and system reset (SRST).
 */
#include "../../internal.h"

#define SBI_EXT_LEGACY_SET_TIMER 0x00
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_BASE 0x10
#define SBI_BASE_PROBE_EXT 3
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_SRST 0x53525354
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_FAILURE 1

struct sbiret {
	long error;
	long value;
};

static struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r6 __asm__("a6") = fid;
	register long r7 __asm__("a7") = ext;

	/* SAFETY: an ecall to M-mode firmware; it clobbers only a0/a1. */
	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r6), "r"(r7)
			 : "memory");
	return (struct sbiret){ r0, r1 };
}

void ostd_sbi_putchar(int c)
{
	sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, c, 0, 0);
}

int ostd_sbi_getchar(void)
{
	return (int)sbi_call(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error;
}

static bool sbi_has_ext(long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0);

	return r.error == 0 && r.value != 0;
}

void ostd_sbi_set_timer(uint64_t stime)
{
	/* 0: not probed yet, 1: TIME present, 2: legacy only. Probing is idempotent. */
	static int has_time;

	if (has_time == 0)
		has_time = sbi_has_ext(SBI_EXT_TIME) ? 1 : 2;
	if (has_time == 1)
		sbi_call(SBI_EXT_TIME, 0, (long)stime, 0, 0);
	else
		sbi_call(SBI_EXT_LEGACY_SET_TIMER, 0, (long)stime, 0, 0);
}

_Noreturn void ostd_sbi_shutdown(bool failure, bool reboot)
{
	sbi_call(SBI_EXT_SRST, 0, reboot ? SBI_SRST_COLD_REBOOT : SBI_SRST_SHUTDOWN,
		 failure ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0);
	/* No SRST: the legacy shutdown (0x08) is the last resort. */
	sbi_call(0x08, 0, 0, 0, 0);
	for (;;)
		/* SAFETY: parks the hart; nothing else is left to do. */
		__asm__ volatile("wfi");
}
