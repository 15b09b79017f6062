// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/tty/ldisc_echo.c - the output half of the line discipline: OPOST
 * processing of write(2) data and of echo, ^X display of control
 * characters, and the screen side of line editing (rubout, tab erase,
 * reprint). Everything leaves through ld->output one byte at a time.
 *
 * The output column is tracked (as Linux's n_tty does) only so that
 * erasing a tab can move the cursor back by the right number of cells.
 */
#include <ostd/bytes.h>
#include <ostd/types.h>

#include "ldisc_internal.h"

/* ---- output ---------------------------------------------------------- */

void ldisc_put_raw(struct ldisc *ld, uint8_t c)
{
	ld->output(ld, c);
}

/*
 * One byte of output with OPOST processing (Linux's do_output_char()). The
 * column is tracked only so that erasing a tab can move back the right
 * number of cells.
 */
void ldisc_out_char(struct ldisc *ld, uint8_t c)
{
	unsigned spaces;

	if (!oflag(ld, OPOST)) {
		ldisc_put_raw(ld, c);
		return;
	}
	switch (c) {
	case '\n':
		if (oflag(ld, ONLRET))
			ld->column = 0;
		if (oflag(ld, ONLCR)) {
			ld->column = 0;
			ld->canon_column = 0;
			ldisc_put_raw(ld, '\r');
			ldisc_put_raw(ld, '\n');
			return;
		}
		ld->canon_column = ld->column;
		break;
	case '\r':
		if (oflag(ld, ONOCR) && ld->column == 0)
			return;
		if (oflag(ld, OCRNL)) {
			c = '\n';
			if (oflag(ld, ONLRET)) {
				ld->column = 0;
				ld->canon_column = 0;
			}
			break;
		}
		ld->column = 0;
		ld->canon_column = 0;
		break;
	case '\t':
		spaces = 8 - (ld->column & 7);
		ld->column += spaces;
		if ((ld->termios.c_oflag & TABDLY) == XTABS) {
			for (; spaces > 0; spaces--)
				ldisc_put_raw(ld, ' ');
			return;
		}
		break;
	case '\b':
		if (ld->column > 0)
			ld->column--;
		break;
	default:
		if (!is_ctrl(c) && !is_cont(ld, c))
			ld->column++;
		break;
	}
	ldisc_put_raw(ld, c);
}

/* Echoes @c, showing control characters as ^X under ECHOCTL. */
void ldisc_echo_char(struct ldisc *ld, uint8_t c)
{
	if (lflag(ld, ECHOCTL) && is_ctrl(c) && c != '\t') {
		/* Linux writes the pair without OPOST and counts 2 columns. */
		ldisc_put_raw(ld, '^');
		ldisc_put_raw(ld, c ^ 0100);
		ld->column += 2;
		return;
	}
	ldisc_out_char(ld, c);
}

/* Echo of a byte that starts or continues the edited line. */
void ldisc_echo_input(struct ldisc *ld, uint8_t c)
{
	if (ld->canon_head == ld->read_head)
		ld->canon_column = ld->column;
	if (c == '\n')
		ldisc_out_char(ld, c); /* a newline is shown as one, not as ^J */
	else
		ldisc_echo_char(ld, c);
}

/* Erases one cell on the screen. */
static void rubout(struct ldisc *ld)
{
	ldisc_out_char(ld, '\b');
	ldisc_out_char(ld, ' ');
	ldisc_out_char(ld, '\b');
}

size_t ldisc_write(struct ldisc *ld, struct ostd_bytes data)
{
	size_t i;

	for (i = 0; i < data.len; i++)
		ldisc_out_char(ld, ostd_bytes_at(data, i));
	return data.len;
}

/* ---- the screen side of line editing -------------------------------- */

/*
 * Moves the cursor back over a tab that was just removed from the line.
 * The tab's width depends on what precedes it: count the columns back to
 * the previous tab, or to the line start plus the column the line's echo
 * began at (Linux's ECHO_OP_ERASE_TAB).
 */
static void erase_tab(struct ldisc *ld)
{
	unsigned cols = 0;
	unsigned back;
	bool after_tab = false;
	size_t pos = ld->read_head;
	uint8_t c;

	while (pos != ld->canon_head) {
		pos--;
		c = byte_at(ld, pos);
		if (c == '\t') {
			after_tab = true;
			break;
		}
		if (is_ctrl(c)) {
			if (lflag(ld, ECHOCTL))
				cols += 2;
		} else if (!is_cont(ld, c)) {
			cols++;
		}
	}
	if (!after_tab)
		cols += ld->canon_column;
	for (back = 8 - (cols & 7); back > 0; back--) {
		ldisc_put_raw(ld, '\b');
		if (ld->column > 0)
			ld->column--;
	}
}

/* Shows that @c (already removed from the line) is gone. */
void ldisc_erase_echo(struct ldisc *ld, uint8_t c, bool single)
{
	if (single && !lflag(ld, ECHOE)) {
		ldisc_echo_char(ld, ld->termios.c_cc[VERASE]);
		return;
	}
	if (c == '\t') {
		erase_tab(ld);
		return;
	}
	if (is_ctrl(c) && lflag(ld, ECHOCTL))
		rubout(ld); /* the '^' of ^X */
	if (!is_ctrl(c) || lflag(ld, ECHOCTL))
		rubout(ld);
}

/* VREPRINT: shows the edited line again on a fresh line. */
void ldisc_reprint(struct ldisc *ld, uint8_t c)
{
	size_t pos;

	ldisc_echo_char(ld, c);
	ldisc_out_char(ld, '\n');
	for (pos = ld->canon_head; pos != ld->read_head; pos++)
		ldisc_echo_char(ld, byte_at(ld, pos));
}
