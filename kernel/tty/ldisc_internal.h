/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/tty/ldisc_internal.h - shared between ldisc.c (input, reading,
 * settings) and ldisc_echo.c (output processing and echo); not for other
 * users of the line discipline.
 */
#ifndef KERNEL_TTY_LDISC_INTERNAL_H
#define KERNEL_TTY_LDISC_INTERNAL_H

#include <ostd/types.h>

#include "ldisc.h"

/* ---- flag and character predicates, ring access ---------------------- */

static inline bool iflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_iflag & f) != 0;
}

static inline bool oflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_oflag & f) != 0;
}

static inline bool lflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_lflag & f) != 0;
}

static inline bool canon(const struct ldisc *ld)
{
	return lflag(ld, ICANON);
}

/* Whether @c is control character @which; a NUL entry means "disabled". */
static inline bool is_cc(const struct ldisc *ld, int which, uint8_t c)
{
	return c != 0 && ld->termios.c_cc[which] == c;
}

/*
 * ASCII control characters. Linux's ctype also calls 128-159 control
 * characters, which mangles UTF-8 echo; racho treats them as printable.
 */
static inline bool is_ctrl(uint8_t c)
{
	return c < 32 || c == 127;
}

/* A UTF-8 continuation byte, which takes no column of its own. */
static inline bool is_cont(const struct ldisc *ld, uint8_t c)
{
	return iflag(ld, IUTF8) && (c & 0xc0) == 0x80;
}

/* ---- the ring ---------------------------------------------------------- */

static inline size_t slot(size_t pos)
{
	return pos & (LDISC_BUF_SIZE - 1);
}

static inline uint8_t byte_at(const struct ldisc *ld, size_t pos)
{
	return ld->buf[slot(pos)];
}

/* ---- ldisc_echo.c ------------------------------------------------------ */

/* Sends one byte to the device without processing. */
void ldisc_put_raw(struct ldisc *ld, uint8_t c);
/* One byte of output with OPOST processing; tracks the column. */
void ldisc_out_char(struct ldisc *ld, uint8_t c);
/* Echoes @c, control characters as ^X under ECHOCTL. */
void ldisc_echo_char(struct ldisc *ld, uint8_t c);
/* Echo of a byte that starts or continues the edited line. */
void ldisc_echo_input(struct ldisc *ld, uint8_t c);
/*
 * Shows on screen that @c was removed from the end of the edited line
 * (already done in the ring); @single: by VERASE rather than VKILL/VWERASE.
 */
void ldisc_erase_echo(struct ldisc *ld, uint8_t c, bool single);
/* VREPRINT: the edited line again, on a fresh line. */
void ldisc_reprint(struct ldisc *ld, uint8_t c);

#endif
