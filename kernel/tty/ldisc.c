// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/tty/ldisc.c - the N_TTY line discipline (see ldisc.h).
 *
 * Input path:  ldisc_receive_byte() -> signal / CR-NL mapping -> canonical
 *              editing or raw queueing -> ring buffer -> ldisc_read().
 * Output path: echo and ldisc_write() -> ldisc_echo.c (OPOST) -> ld->output.
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
#include "ldisc_internal.h"

/* Linux's INIT_C_CC: ^C ^\ DEL ^U ^D, VTIME 0, VMIN 1, ^Q ^S ^Z, ^R ^O ^W ^V. */
static const uint8_t init_cc[NCCS] = {
	[VINTR] = 003,    [VQUIT] = 034,   [VERASE] = 0177, [VKILL] = 025,
	[VEOF] = 004,     [VTIME] = 0,     [VMIN] = 1,      [VSWTC] = 0,
	[VSTART] = 021,   [VSTOP] = 023,   [VSUSP] = 032,   [VEOL] = 0,
	[VREPRINT] = 022, [VDISCARD] = 017, [VWERASE] = 027, [VLNEXT] = 026,
	[VEOL2] = 0,
};

/* ---- the ring ---------------------------------------------------------- */

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

/* ---- canonical editing ----------------------------------------------- */

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
		ldisc_echo_char(ld, c);
		if (lflag(ld, ECHOK))
			ldisc_out_char(ld, '\n');
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
			ldisc_erase_echo(ld, e, single);
		if (single)
			break;
	}
}

/* ---- receiving ------------------------------------------------------- */

/*
 * No room. Linux beeps when echo is on; the byte is lost either way, as
 * with a real terminal whose reader does not keep up.
 */
static enum ldisc_rx rx_full(struct ldisc *ld)
{
	if (lflag(ld, ECHO))
		ldisc_put_raw(ld, '\a');
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
		ldisc_echo_input(ld, c);
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
			ldisc_out_char(ld, '^'); /* a hint, overwritten by the next byte */
			ldisc_out_char(ld, '\b');
		}
		return LDISC_RX_HANDLED;
	}
	if (ext && lflag(ld, ECHO) && is_cc(ld, VREPRINT, c)) {
		ldisc_reprint(ld, c);
		return LDISC_RX_HANDLED;
	}
	if (!is_line_end(ld, c))
		return receive_plain(ld, c);
	if (queued(ld) >= LDISC_BUF_SIZE)
		return rx_full(ld);
	if (c == '\n') {
		if (lflag(ld, ECHO) || lflag(ld, ECHONL))
			ldisc_out_char(ld, '\n');
		return end_line(ld, c);
	}
	if (is_cc(ld, VEOF, c))
		return end_line(ld, 0); /* not echoed, not returned by read */
	if (lflag(ld, ECHO))
		ldisc_echo_input(ld, c);
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
		ldisc_echo_char(ld, c);
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
		ldisc_out_char(ld, '\n');
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
