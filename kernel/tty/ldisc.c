// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/tty/ldisc.c - the N_TTY line discipline (see ldisc.h).
 *
 * Input path:  ldisc_receive_byte() -> signal / CR-NL mapping -> canonical
 *              editing or raw queueing -> ring buffer -> ldisc_read().
 * Output path: echo and ldisc_write() -> out_char() (OPOST) -> ld->output.
 *
 * The ring holds all received bytes in [read_tail, read_head). In canonical
 * mode [read_tail, canon_head) are finished lines, each ended by a byte whose
 * bit is set in ld->delim: the newline or EOL character itself, or a NUL
 * standing for VEOF (Linux stores __DISABLED_CHAR the same way), so a read
 * can stop at line ends and make "EOF at line start" read 0 bytes.
 * Function names and structure follow drivers/tty/n_tty.c, so that its
 * comments and history can be used to understand the corner cases.
 */
#include <ostd/bytes.h>
#include <ostd/types.h>

#include "ldisc.h"

/* Linux's INIT_C_CC: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
static const uint8_t init_cc[NCCS] = {
	[VINTR] = 003,    [VQUIT] = 034,   [VERASE] = 0177, [VKILL] = 025,
	[VEOF] = 004,     [VTIME] = 0,     [VMIN] = 1,      [VSWTC] = 0,
	[VSTART] = 021,   [VSTOP] = 023,   [VSUSP] = 032,   [VEOL] = 0,
	[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	[VEOL2] = 0,
};

/* ---- small predicates ------------------------------------------------ */

static bool iflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_iflag & f) != 0;
}

static bool oflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_oflag & f) != 0;
}

static bool lflag(const struct ldisc *ld, uint32_t f)
{
	return (ld->termios.c_lflag & f) != 0;
}

static bool canon(const struct ldisc *ld)
{
	return lflag(ld, ICANON);
}

/* Whether @c is control character @which; a NUL entry means "disabled". */
static bool is_cc(const struct ldisc *ld, int which, uint8_t c)
{
	return c != 0 && ld->termios.c_cc[which] == c;
}

/*
 * ASCII control characters. Linux's ctype also calls 128-159 control
 * characters, which mangles UTF-8 echo; racho treats them as printable.
 */
static bool is_ctrl(uint8_t c)
{
	return c < 32 || c == 127;
}

/* A UTF-8 continuation byte, which takes no column of its own. */
static bool is_cont(const struct ldisc *ld, uint8_t c)
{
	return iflag(ld, IUTF8) && (c & 0xc0) == 0x80;
}

/* ---- the ring ---------------------------------------------------------- */

static size_t slot(size_t pos)
{
	return pos & (LDISC_BUF_SIZE - 1);
}

static uint8_t byte_at(const struct ldisc *ld, size_t pos)
{
	return ld->buf[slot(pos)];
}

static bool delim_at(const struct ldisc *ld, size_t pos)
{
	size_t s = slot(pos);

	return (ld->delim[s / 8] & (1U << (s % 8))) != 0;
}

static void set_delim(struct ldisc *ld, size_t pos, bool on)
{
	size_t s = slot(pos);
	unsigned bit = 1U << (s % 8);

	if (on)
		ld->delim[s / 8] = ld->delim[s / 8] | bit;
	else
		ld->delim[s / 8] = ld->delim[s / 8] & ~bit;
}

static size_t queued(const struct ldisc *ld)
{
	return ld->read_head - ld->read_tail;
}

/* Appends @c; the caller has checked that there is room. */
static void put_byte(struct ldisc *ld, uint8_t c, bool delim)
{
	ld->buf[slot(ld->read_head)] = c;
	set_delim(ld, ld->read_head, delim);
	ld->read_head++;
}

/* ---- output ---------------------------------------------------------- */

static void put_raw(struct ldisc *ld, uint8_t c)
{
	ld->output(ld, c);
}

/*
 * One byte of output with OPOST processing (Linux's do_output_char()). The
 * column is tracked only so that erasing a tab can move back the right
 * number of cells.
 */
static void out_char(struct ldisc *ld, uint8_t c)
{
	unsigned spaces;

	if (!oflag(ld, OPOST)) {
		put_raw(ld, c);
		return;
	}
	switch (c) {
	case '\n':
		if (oflag(ld, ONLRET))
			ld->column = 0;
		if (oflag(ld, ONLCR)) {
			ld->column = 0;
			ld->canon_column = 0;
			put_raw(ld, '\r');
			put_raw(ld, '\n');
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
				put_raw(ld, ' ');
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
	put_raw(ld, c);
}

/* Echoes @c, showing control characters as ^X under ECHOCTL. */
static void echo_char(struct ldisc *ld, uint8_t c)
{
	if (lflag(ld, ECHOCTL) && is_ctrl(c) && c != '\t') {
		/* Linux writes the pair without OPOST and counts 2 columns. */
		put_raw(ld, '^');
		put_raw(ld, c ^ 0100);
		ld->column += 2;
		return;
	}
	out_char(ld, c);
}

/* Echo of a byte that starts or continues the edited line. */
static void echo_input(struct ldisc *ld, uint8_t c)
{
	if (ld->canon_head == ld->read_head)
		ld->canon_column = ld->column;
	if (c == '\n')
		out_char(ld, c); /* a newline is shown as one, not as ^J */
	else
		echo_char(ld, c);
}

/* Erases one cell on the screen. */
static void rubout(struct ldisc *ld)
{
	out_char(ld, '\b');
	out_char(ld, ' ');
	out_char(ld, '\b');
}

size_t ldisc_write(struct ldisc *ld, struct ostd_bytes data)
{
	size_t i;

	for (i = 0; i < data.len; i++)
		out_char(ld, ostd_bytes_at(data, i));
	return data.len;
}

/* ---- canonical editing ----------------------------------------------- */

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
		put_raw(ld, '\b');
		if (ld->column > 0)
			ld->column--;
	}
}

/* Shows that @c (already removed from the line) is gone. */
static void erase_echo(struct ldisc *ld, uint8_t c, bool single)
{
	if (single && !lflag(ld, ECHOE)) {
		echo_char(ld, ld->termios.c_cc[VERASE]);
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

static bool is_word(uint8_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

/* VKILL when the echo cannot take the line away character by character. */
static bool kill_line_simple(struct ldisc *ld, uint8_t c)
{
	if (!lflag(ld, ECHO)) {
		ld->read_head = ld->canon_head;
		return true;
	}
	if (!lflag(ld, ECHOK) || !lflag(ld, ECHOKE) || !lflag(ld, ECHOE)) {
		ld->read_head = ld->canon_head;
		echo_char(ld, c);
		if (lflag(ld, ECHOK))
			out_char(ld, '\n');
		return true;
	}
	return false;
}

/* VERASE, VWERASE and VKILL on the edited line (Linux's eraser()). */
static void eraser(struct ldisc *ld, uint8_t c)
{
	bool single = is_cc(ld, VERASE, c);
	bool kill = !single && is_cc(ld, VKILL, c);
	bool word = !single && !kill; /* the caller checked it is VWERASE */
	unsigned seen_word = 0;
	size_t head;
	uint8_t e;

	if (ld->read_head == ld->canon_head)
		return; /* nothing to erase: finished lines are out of reach */
	if (kill && kill_line_simple(ld, c))
		return;
	while (ld->read_head != ld->canon_head) {
		/* Take a whole UTF-8 sequence, never half of one. */
		head = ld->read_head;
		do {
			head--;
			e = byte_at(ld, head);
		} while (is_cont(ld, e) && head != ld->canon_head);
		if (is_cont(ld, e))
			break;
		if (word) {
			/* Skip trailing blanks, then take the word (ALTWERASE). */
			if (is_word(e))
				seen_word++;
			else if (seen_word)
				break;
		}
		ld->read_head = head;
		if (lflag(ld, ECHO))
			erase_echo(ld, e, single);
		if (single)
			break;
	}
}

/* VREPRINT: shows the edited line again on a fresh line. */
static void reprint(struct ldisc *ld, uint8_t c)
{
	size_t pos;

	echo_char(ld, c);
	out_char(ld, '\n');
	for (pos = ld->canon_head; pos != ld->read_head; pos++)
		echo_char(ld, byte_at(ld, pos));
}

/* ---- receiving ------------------------------------------------------- */

/*
 * No room. Linux beeps when echo is on; the byte is lost either way, as
 * with a real terminal whose reader does not keep up.
 */
static enum ldisc_rx rx_full(struct ldisc *ld)
{
	if (lflag(ld, ECHO))
		put_raw(ld, '\a');
	return LDISC_RX_FULL;
}

/*
 * An ordinary byte. In canonical mode one slot stays free so that the line
 * can always be ended (a 4095-byte line plus its newline, like Linux).
 */
static enum ldisc_rx receive_plain(struct ldisc *ld, uint8_t c)
{
	size_t limit = canon(ld) ? LDISC_BUF_SIZE - 1 : LDISC_BUF_SIZE;

	if (queued(ld) >= limit)
		return rx_full(ld);
	if (lflag(ld, ECHO))
		echo_input(ld, c);
	put_byte(ld, c, false);
	return LDISC_RX_QUEUED;
}

/* Ends the edited line with @c (NUL for VEOF): readers may now take it. */
static enum ldisc_rx end_line(struct ldisc *ld, uint8_t c)
{
	put_byte(ld, c, true);
	ld->canon_head = ld->read_head;
	return LDISC_RX_QUEUED;
}

static bool is_line_end(const struct ldisc *ld, uint8_t c)
{
	return c == '\n' || is_cc(ld, VEOF, c) || is_cc(ld, VEOL, c) ||
	       (lflag(ld, IEXTEN) && is_cc(ld, VEOL2, c));
}

/* A byte in canonical mode: editing characters act, line ends commit. */
static enum ldisc_rx receive_canon(struct ldisc *ld, uint8_t c)
{
	bool ext = lflag(ld, IEXTEN);

	if (is_cc(ld, VERASE, c) || is_cc(ld, VKILL, c) ||
	    (ext && is_cc(ld, VWERASE, c))) {
		eraser(ld, c);
		return LDISC_RX_HANDLED;
	}
	if (ext && is_cc(ld, VLNEXT, c)) {
		ld->lnext = true;
		if (lflag(ld, ECHO) && lflag(ld, ECHOCTL)) {
			out_char(ld, '^'); /* a hint, overwritten by the next byte */
			out_char(ld, '\b');
		}
		return LDISC_RX_HANDLED;
	}
	if (ext && lflag(ld, ECHO) && is_cc(ld, VREPRINT, c)) {
		reprint(ld, c);
		return LDISC_RX_HANDLED;
	}
	if (!is_line_end(ld, c))
		return receive_plain(ld, c);
	if (queued(ld) >= LDISC_BUF_SIZE)
		return rx_full(ld);
	if (c == '\n') {
		if (lflag(ld, ECHO) || lflag(ld, ECHONL))
			out_char(ld, '\n');
		return end_line(ld, c);
	}
	if (is_cc(ld, VEOF, c))
		return end_line(ld, 0); /* not echoed, not returned by read */
	if (lflag(ld, ECHO))
		echo_input(ld, c);
	return end_line(ld, c);
}

/* The signal a byte raises under ISIG, or 0. */
static int signal_of(const struct ldisc *ld, uint8_t c)
{
	if (is_cc(ld, VINTR, c))
		return LDISC_SIGINT;
	if (is_cc(ld, VQUIT, c))
		return LDISC_SIGQUIT;
	if (is_cc(ld, VSUSP, c))
		return LDISC_SIGTSTP;
	return 0;
}

/*
 * A signal character (Linux's n_tty_receive_signal_char()). As in Linux's
 * isig(), pending input is discarded unless NOFLSH, so that the program
 * that gets interrupted does not read the half-typed line afterwards; this
 * is line-discipline behaviour and stays here whatever the hook does.
 */
static void receive_signal(struct ldisc *ld, uint8_t c, int signo)
{
	if (!lflag(ld, NOFLSH))
		ldisc_flush_input(ld);
	if (lflag(ld, ECHO))
		echo_char(ld, c);
	ld->on_signal(ld, signo);
}

enum ldisc_rx ldisc_receive_byte(struct ldisc *ld, uint8_t c)
{
	int signo;

	if (iflag(ld, ISTRIP))
		c &= 0x7f;
	if (ld->lnext) {
		/* The byte after VLNEXT is taken literally, even CR or ^C. */
		ld->lnext = false;
		return receive_plain(ld, c);
	}
	/*
	 * XON/XOFF are consumed as Linux does; holding output back is not
	 * implemented, since the console never blocks on output.
	 */
	if (iflag(ld, IXON) && (is_cc(ld, VSTART, c) || is_cc(ld, VSTOP, c)))
		return LDISC_RX_HANDLED;
	signo = lflag(ld, ISIG) ? signal_of(ld, c) : 0;
	if (signo) {
		receive_signal(ld, c, signo);
		return LDISC_RX_HANDLED;
	}
	if (c == '\r') {
		if (iflag(ld, IGNCR))
			return LDISC_RX_IGNORED;
		if (iflag(ld, ICRNL))
			c = '\n';
	} else if (c == '\n' && iflag(ld, INLCR)) {
		c = '\r';
	}
	if (canon(ld))
		return receive_canon(ld, c);
	return receive_plain(ld, c);
}

/* ---- reading --------------------------------------------------------- */

static bool eof_mark_at(const struct ldisc *ld, size_t pos)
{
	return delim_at(ld, pos) && byte_at(ld, pos) == 0;
}

/* At most one line; an EOF mark ends it without being copied. */
static long read_canon(struct ldisc *ld, struct ldisc_chunk *out, size_t nr)
{
	size_t n = 0;
	bool end;
	uint8_t c;

	if (ld->read_tail == ld->canon_head)
		return -OSTD_EAGAIN;
	while (ld->read_tail != ld->canon_head && n < nr) {
		c = byte_at(ld, ld->read_tail);
		end = delim_at(ld, ld->read_tail);
		ld->read_tail++;
		if (end && c == 0)
			return n; /* VEOF: at line start this reads 0 */
		out->data[n] = c;
		n++;
		if (end)
			return n;
	}
	/*
	 * The buffer filled up just before an EOF mark: consume the mark now,
	 * as Linux does, or the next read would report a false end of file.
	 */
	if (ld->read_tail != ld->canon_head && eof_mark_at(ld, ld->read_tail))
		ld->read_tail++;
	return n;
}

static long read_raw(struct ldisc *ld, struct ldisc_chunk *out, size_t nr)
{
	size_t n = 0;

	if (queued(ld) == 0) {
		/* VMIN = VTIME = 0 is a poll; otherwise the caller must wait. */
		if (ldisc_vmin(ld) == 0 && ldisc_vtime(ld) == 0)
			return 0;
		return -OSTD_EAGAIN;
	}
	while (n < nr && ld->read_tail != ld->read_head) {
		out->data[n] = byte_at(ld, ld->read_tail);
		ld->read_tail++;
		n++;
	}
	return n;
}

long ldisc_read(struct ldisc *ld, struct ldisc_chunk *out, size_t nr)
{
	if (nr > LDISC_BUF_SIZE)
		nr = LDISC_BUF_SIZE;
	if (nr == 0)
		return 0;
	if (canon(ld))
		return read_canon(ld, out, nr);
	return read_raw(ld, out, nr);
}

bool ldisc_read_ready(const struct ldisc *ld, size_t nr)
{
	size_t vmin = ldisc_vmin(ld);

	if (nr == 0)
		return true;
	if (canon(ld))
		return ld->canon_head != ld->read_tail;
	if (vmin == 0)
		return ldisc_vtime(ld) == 0 || queued(ld) > 0;
	return queued(ld) >= (vmin < nr ? vmin : nr);
}

bool ldisc_poll_in(const struct ldisc *ld)
{
	size_t vmin = ldisc_vmin(ld);

	if (canon(ld))
		return ld->canon_head != ld->read_tail;
	if (vmin > 0 && ldisc_vtime(ld) == 0)
		return queued(ld) >= vmin;
	return queued(ld) >= 1;
}

size_t ldisc_readable(const struct ldisc *ld)
{
	size_t n = 0;
	size_t pos;

	if (!canon(ld))
		return queued(ld);
	for (pos = ld->read_tail; pos != ld->canon_head; pos++)
		if (!eof_mark_at(ld, pos))
			n++;
	return n;
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->read_tail = ld->read_head;
	ld->canon_head = ld->read_head;
	ld->lnext = false;
	ld->canon_column = ld->column;
}

/* ---- settings -------------------------------------------------------- */

/*
 * The default signal hook, in place until the kernel has signals (the
 * signals work installs the real one with ldisc_set_signal_hook()).
 * Nobody can be interrupted yet. The line discipline has already done
 * what Linux's does for ^C (dropped the typed input, echoed "^C"); this
 * adds the newline a shell prints after an interrupted command, so the
 * user continues on a fresh line.
 */
void ldisc_default_signal(struct ldisc *ld, int signo)
{
	(void)signo;
	if (lflag(ld, ECHO))
		out_char(ld, '\n');
}

void ldisc_set_signal_hook(struct ldisc *ld, ldisc_signal_fn fn)
{
	ld->on_signal = fn ? fn : ldisc_default_signal;
}

void ldisc_init(struct ldisc *ld, struct tty *tty, ldisc_output_fn output)
{
	int i;

	ostd_mem_set(ld, 0, sizeof(*ld));
	/* Linux's tty_std_termios. */
	ld->termios.c_iflag = ICRNL | IXON;
	ld->termios.c_oflag = OPOST | ONLCR;
	ld->termios.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	ld->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL |
			      ECHOKE | IEXTEN;
	for (i = 0; i < NCCS; i++)
		ld->termios.c_cc[i] = init_cc[i];
	ld->winsize.ws_row = 24;
	ld->winsize.ws_col = 80;
	ld->tty = tty;
	ld->output = output;
	ld->on_signal = ldisc_default_signal;
}

void ldisc_get_termios(const struct ldisc *ld, struct termios *t)
{
	*t = ld->termios;
}

/*
 * Switching ICANON re-reads the queue the way Linux's n_tty_set_termios()
 * does: entering raw mode makes everything queued readable (line ends
 * become plain bytes); entering canonical mode turns whatever is queued
 * into one finished line, so typed-ahead input is not stuck.
 */
void ldisc_set_termios(struct ldisc *ld, const struct termios *t)
{
	bool was_canon = canon(ld);
	size_t pos;

	ld->termios = *t;
	if (was_canon == canon(ld))
		return;
	for (pos = ld->read_tail; pos != ld->read_head; pos++)
		set_delim(ld, pos, false);
	if (!canon(ld) || queued(ld) == 0) {
		ld->canon_head = ld->read_tail;
	} else {
		set_delim(ld, ld->read_head - 1, true);
		ld->canon_head = ld->read_head;
	}
	ld->lnext = false;
}

void ldisc_get_winsize(const struct ldisc *ld, struct winsize *ws)
{
	*ws = ld->winsize;
}

bool ldisc_set_winsize(struct ldisc *ld, const struct winsize *ws)
{
	bool changed = ws->ws_row != ld->winsize.ws_row ||
		       ws->ws_col != ld->winsize.ws_col ||
		       ws->ws_xpixel != ld->winsize.ws_xpixel ||
		       ws->ws_ypixel != ld->winsize.ws_ypixel;

	ld->winsize = *ws;
	return changed;
}

uint8_t ldisc_vmin(const struct ldisc *ld)
{
	return ld->termios.c_cc[VMIN];
}

uint8_t ldisc_vtime(const struct ldisc *ld)
{
	return ld->termios.c_cc[VTIME];
}
