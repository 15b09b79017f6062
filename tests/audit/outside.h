/* SPDX-License-Identifier: GPL-2.0 */
/* outside.h - audit fixture: a header outside the audited tree (R7). */
#ifndef AUDIT_OUTSIDE_H
#define AUDIT_OUTSIDE_H
#define OUTSIDE_VALUE 2
#endif
