/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ostd/power.h - ending the machine through SBI SRST.
 */
#ifndef OSTD_POWER_H
#define OSTD_POWER_H

#include <ostd/types.h>

/* Powers off; @failure selects a failure status (QEMU exits non-zero). */
_Noreturn void ostd_power_off(bool failure);
/* Cold reboot. */
_Noreturn void ostd_power_reboot(void);

#endif
