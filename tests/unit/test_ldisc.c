// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_ldisc.c - host tests of the N_TTY line discipline
 * (kernel/tty/ldisc.c): canonical editing, EOF, CR/NL mapping, raw mode
 * with VMIN/VTIME, echo, output processing, a full buffer, signal
 * characters, FIONREAD and mode switches. Expected bytes are what Linux's
 * n_tty produces for the same input and settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kernel/tty/ldisc.h"
#include "check.h"

static int failures;

/* Everything the line discipline sent to the "device". */
static char outbuf[65536];
static size_t outlen;

static void sink(struct ldisc *ld, uint8_t c)
{
	(void)ld;
	if (outlen < sizeof(outbuf))
		outbuf[outlen++] = (char)c;
}

static int last_signal;
static int signal_calls;

static void hook(struct ldisc *ld, int signo)
{
	(void)ld;
	last_signal = signo;
	signal_calls++;
}

static struct ldisc ld;
static struct ldisc_chunk chunk;

static void setup(void)
{
	ldisc_init(&ld, NULL, sink);
	outlen = 0;
	last_signal = 0;
	signal_calls = 0;
}

static void feed(const char *s)
{
	for (; *s; s++)
		ldisc_receive_byte(&ld, (uint8_t)*s);
}

static void feed_n(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ldisc_receive_byte(&ld, (uint8_t)s[i]);
}

/* Whether the output so far is exactly @s; then clears it. */
static int out_is(const char *s)
{
	int ok = outlen == strlen(s) && memcmp(outbuf, s, outlen) == 0;

	if (!ok)
		fprintf(stderr, "  output was \"%.*s\" (%zu bytes)\n",
			(int)outlen, outbuf, outlen);
	outlen = 0;
	return ok;
}

/* Reads with @nr and checks the result is exactly @s. */
static int read_is(size_t nr, const char *s)
{
	long n = ldisc_read(&ld, &chunk, nr);
	int ok = n == (long)strlen(s) && memcmp(chunk.data, s, (size_t)n) == 0;

	if (!ok)
		fprintf(stderr, "  read gave %ld \"%.*s\"\n", n,
			n > 0 ? (int)n : 0, (char *)chunk.data);
	return ok;
}

static void set_lflag(uint32_t on, uint32_t off)
{
	struct termios t;

	ldisc_get_termios(&ld, &t);
	t.c_lflag = (t.c_lflag | on) & ~off;
	ldisc_set_termios(&ld, &t);
}

static void test_defaults(void)
{
	struct termios t;
	struct winsize ws;

	setup();
	ldisc_get_termios(&ld, &t);
	CHECK(sizeof(struct termios) == 36); /* the riscv64 kernel ABI */
	CHECK(t.c_iflag == (ICRNL | IXON));
	CHECK(t.c_oflag == (OPOST | ONLCR));
	CHECK(t.c_cflag == (B38400 | CS8 | CREAD | HUPCL));
	CHECK(t.c_lflag == 0105073); /* Linux's tty_std_termios.c_lflag */
	CHECK(memcmp(t.c_cc, "\003\034\177\025\004\0\1\0\021\023\032\0\022\017"
			     "\027\026\0\0\0", NCCS) == 0);
	ldisc_get_winsize(&ld, &ws);
	CHECK(ws.ws_row == 24 && ws.ws_col == 80);
	ws.ws_row = 50;
	CHECK(ldisc_set_winsize(&ld, &ws));
	CHECK(!ldisc_set_winsize(&ld, &ws));
}

static void test_canonical(void)
{
	setup();
	feed("hello");
	CHECK(!ldisc_read_ready(&ld, 100));
	CHECK(ldisc_read(&ld, &chunk, 100) == -OSTD_EAGAIN);
	CHECK(ldisc_readable(&ld) == 0);
	feed("\r"); /* ICRNL */
	CHECK(out_is("hello\r\n"));
	CHECK(ldisc_read_ready(&ld, 100));
	CHECK(ldisc_readable(&ld) == 6);
	CHECK(read_is(100, "hello\n"));
	CHECK(!ldisc_read_ready(&ld, 100));

	/* A read returns one line at most, and may take it in pieces. */
	feed("one\ntwo\nabcdef\n");
	CHECK(read_is(100, "one\n"));
	CHECK(read_is(100, "two\n"));
	CHECK(read_is(3, "abc"));
	CHECK(read_is(100, "def\n"));
	CHECK(ldisc_read(&ld, &chunk, 0) == 0);
	CHECK(ldisc_read_ready(&ld, 0));
}

static void test_erase_kill(void)
{
	setup();
	feed("abx\177c\n");
	CHECK(out_is("abx\b \bc\r\n"));
	CHECK(read_is(100, "abc\n"));

	/* Erase stops at the line start; finished lines are not touched. */
	feed("q\n\177\177r\n");
	CHECK(read_is(100, "q\n"));
	CHECK(read_is(100, "r\n"));
	outlen = 0;

	/* VKILL with ECHOK|ECHOKE|ECHOE: erased cell by cell. */
	feed("junk\025ok\n");
	CHECK(out_is("junk\b \b\b \b\b \b\b \bok\r\n"));
	CHECK(read_is(100, "ok\n"));

	/* Without ECHOKE: "^U" and a newline, like Linux. */
	set_lflag(0, ECHOKE);
	feed("xy\025z\n");
	CHECK(out_is("xy^U\r\nz\r\n"));
	CHECK(read_is(100, "z\n"));

	/* Without ECHOE, erase echoes the erase character. */
	setup();
	set_lflag(0, ECHOE);
	feed("ab\177\n");
	CHECK(out_is("ab^?\r\n"));
	CHECK(read_is(100, "a\n"));

	/* A control character shown as ^X takes two cells to erase. */
	setup();
	feed("a\001\177\n");
	CHECK(out_is("a^A\b \b\b \b\r\n"));
	CHECK(read_is(100, "a\n"));

	/* IUTF8: erase takes a whole character, which used one cell. */
	setup();
	{
		struct termios t;

		ldisc_get_termios(&ld, &t);
		t.c_iflag |= IUTF8;
		ldisc_set_termios(&ld, &t);
	}
	feed("a\xc3\xa9\177\n");
	CHECK(out_is("a\xc3\xa9\b \b\r\n"));
	CHECK(read_is(100, "a\n"));

	/* VWERASE: trailing blanks, then the word. */
	setup();
	feed("foo bar  \027\n");
	CHECK(read_is(100, "foo \n"));
}

static void test_tab_erase(void)
{
	setup();
	ldisc_write(&ld, ostd_bytes_cstr("$ ")); /* a prompt: column 2 */
	feed("\t");
	CHECK(out_is("$ \t"));
	feed("\177");
	CHECK(out_is("\b\b\b\b\b\b")); /* back from column 8 to 2 */
	feed("ab\t\177\n");
	outlen = 0;
	CHECK(read_is(100, "ab\n"));
}

static void test_eof(void)
{
	setup();
	feed("\004"); /* ^D at line start: read returns 0 */
	CHECK(out_is("")); /* VEOF is not echoed */
	CHECK(ldisc_read_ready(&ld, 10));
	CHECK(ldisc_readable(&ld) == 0);
	CHECK(read_is(10, ""));
	CHECK(ldisc_read(&ld, &chunk, 10) == -OSTD_EAGAIN);

	/* Mid-line: the line is completed without the ^D. */
	feed("ab\004");
	CHECK(ldisc_readable(&ld) == 2);
	CHECK(read_is(10, "ab"));
	CHECK(ldisc_read(&ld, &chunk, 10) == -OSTD_EAGAIN);

	/* A read that fills up right before the mark also takes the mark. */
	feed("abc\004");
	CHECK(read_is(3, "abc"));
	CHECK(ldisc_read(&ld, &chunk, 10) == -OSTD_EAGAIN);

	/* Two EOFs: two zero reads (what "cat" sees as two ends of file). */
	feed("\004\004");
	CHECK(read_is(10, ""));
	CHECK(read_is(10, ""));
}

static void test_crnl(void)
{
	struct termios t;

	setup();
	ldisc_get_termios(&ld, &t);
	t.c_iflag = IGNCR;
	ldisc_set_termios(&ld, &t);
	CHECK(ldisc_receive_byte(&ld, '\r') == LDISC_RX_IGNORED);
	feed("a\r\n");
	CHECK(read_is(10, "a\n"));

	t.c_iflag = INLCR; /* NL becomes CR, which is then no line end */
	ldisc_set_termios(&ld, &t);
	feed("b\n");
	CHECK(!ldisc_read_ready(&ld, 10));
	t.c_iflag = 0;
	ldisc_set_termios(&ld, &t);
	feed("\n");
	CHECK(read_is(10, "b\r\n"));

	/* No ICRNL: CR is an ordinary byte, echoed as ^M. */
	outlen = 0;
	feed("c\r\n");
	CHECK(out_is("c^M\r\n"));
	CHECK(read_is(10, "c\r\n"));
}

static void test_raw(void)
{
	struct termios t;

	setup();
	ldisc_get_termios(&ld, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	ldisc_set_termios(&ld, &t);
	CHECK(!ldisc_read_ready(&ld, 10)); /* VMIN 1 */
	CHECK(ldisc_read(&ld, &chunk, 10) == -OSTD_EAGAIN);
	feed("ab\177\n"); /* no editing, no line ends */
	CHECK(out_is(""));
	CHECK(ldisc_read_ready(&ld, 10));
	CHECK(ldisc_poll_in(&ld));
	CHECK(ldisc_readable(&ld) == 4);
	CHECK(read_is(2, "ab"));
	CHECK(read_is(10, "\177\n"));

	/* VMIN 3: ready with 3 bytes, or with fewer if the read wants fewer. */
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 7;
	ldisc_set_termios(&ld, &t);
	CHECK(ldisc_vmin(&ld) == 3 && ldisc_vtime(&ld) == 7);
	feed("x");
	CHECK(!ldisc_read_ready(&ld, 10));
	CHECK(ldisc_read_ready(&ld, 1));
	CHECK(ldisc_poll_in(&ld)); /* VTIME set: one byte wakes poll */
	feed("yz");
	CHECK(ldisc_read_ready(&ld, 10));
	CHECK(read_is(10, "xyz"));

	/* VMIN 0, VTIME 0: a poll, 0 bytes is a valid answer. */
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	ldisc_set_termios(&ld, &t);
	CHECK(ldisc_read_ready(&ld, 10));
	CHECK(read_is(10, ""));
	/* VMIN 0, VTIME > 0: waits for one byte (the timer is the caller's). */
	t.c_cc[VTIME] = 5;
	ldisc_set_termios(&ld, &t);
	CHECK(!ldisc_read_ready(&ld, 10));
	CHECK(ldisc_read(&ld, &chunk, 10) == -OSTD_EAGAIN);
	feed("q");
	CHECK(ldisc_read_ready(&ld, 10));
	CHECK(read_is(10, "q"));

	/* Raw with ECHO: echoed as typed, control characters as ^X. */
	t.c_lflag |= ECHO;
	ldisc_set_termios(&ld, &t);
	feed("k\001");
	CHECK(out_is("k^A"));
}

static void test_mode_switch(void)
{
	setup();
	feed("line\npart");
	set_lflag(0, ICANON); /* all of it becomes readable */
	CHECK(ldisc_readable(&ld) == 9);
	CHECK(read_is(100, "line\npart"));

	feed("typed");
	set_lflag(ICANON, 0); /* type-ahead becomes one finished line */
	CHECK(ldisc_read_ready(&ld, 100));
	CHECK(read_is(100, "typed"));
	CHECK(!ldisc_read_ready(&ld, 100));
}

static void test_echo(void)
{
	setup();
	set_lflag(0, ECHO);
	feed("secret\n");
	CHECK(out_is(""));
	CHECK(read_is(100, "secret\n"));

	set_lflag(ECHONL, 0); /* only the newline shows */
	feed("pw\n");
	CHECK(out_is("\r\n"));
	CHECK(read_is(100, "pw\n"));

	setup();
	set_lflag(0, ECHOCTL);
	feed("\002\n");
	CHECK(out_is("\002\r\n"));

	/* VREPRINT and VLNEXT. */
	setup();
	feed("ab\022");
	CHECK(out_is("ab^R\r\nab"));
	feed("\026\003\n"); /* ^V^C: a literal ^C, no signal */
	CHECK(signal_calls == 0);
	CHECK(read_is(100, "ab\003\n"));
}

static void test_output(void)
{
	struct termios t;

	setup();
	CHECK(ldisc_write(&ld, ostd_bytes_cstr("a\nb\n")) == 4);
	CHECK(out_is("a\r\nb\r\n"));

	ldisc_get_termios(&ld, &t);
	t.c_oflag = 0; /* no OPOST: bytes go out untouched */
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, ostd_bytes_cstr("a\nb\r"));
	CHECK(out_is("a\nb\r"));

	t.c_oflag = OPOST | OCRNL | ONOCR;
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, ostd_bytes_cstr("\rx\r"));
	CHECK(out_is("x\n")); /* ONOCR drops the CR at column 0 */

	/* OCRNL without ONLRET left the column at 1, as in Linux. */
	t.c_oflag = OPOST | XTABS;
	ldisc_set_termios(&ld, &t);
	ldisc_write(&ld, ostd_bytes_cstr("\r"));
	CHECK(out_is("\r"));
	ldisc_write(&ld, ostd_bytes_cstr("ab\t|"));
	CHECK(out_is("ab      |"));
}

static void test_full(void)
{
	static char big[LDISC_BUF_SIZE + 100];
	struct termios t;
	size_t full = 0;

	setup();
	memset(big, 'x', sizeof(big));
	for (size_t i = 0; i < sizeof(big); i++)
		if (ldisc_receive_byte(&ld, 'x') == LDISC_RX_FULL)
			full++;
	/* One slot stays free for the line end. */
	CHECK(full == sizeof(big) - (LDISC_BUF_SIZE - 1));
	CHECK(outbuf[outlen - 1] == '\a');
	CHECK(ldisc_receive_byte(&ld, '\n') == LDISC_RX_QUEUED);
	CHECK(ldisc_receive_byte(&ld, '\n') == LDISC_RX_FULL);
	CHECK(ldisc_readable(&ld) == LDISC_BUF_SIZE);
	CHECK(ldisc_read(&ld, &chunk, 100000) == LDISC_BUF_SIZE);
	CHECK(chunk.data[LDISC_BUF_SIZE - 2] == 'x');
	CHECK(chunk.data[LDISC_BUF_SIZE - 1] == '\n');
	/* Erasing frees room again; the ring wraps around cleanly. */
	feed("ab\177c\n");
	CHECK(read_is(100, "ac\n"));

	setup();
	ldisc_get_termios(&ld, &t);
	t.c_lflag &= ~(ICANON | ECHO);
	ldisc_set_termios(&ld, &t);
	feed_n(big, LDISC_BUF_SIZE);
	CHECK(ldisc_receive_byte(&ld, 'y') == LDISC_RX_FULL);
	CHECK(out_is("")); /* no BEL without ECHO */
	CHECK(read_is(1, "x"));
	CHECK(ldisc_receive_byte(&ld, 'y') == LDISC_RX_QUEUED);
	CHECK(ldisc_readable(&ld) == LDISC_BUF_SIZE);
}

static void test_signals(void)
{
	setup();
	ldisc_set_signal_hook(&ld, hook);
	feed("done\nhalf");
	outlen = 0;
	CHECK(ldisc_receive_byte(&ld, 003) == LDISC_RX_HANDLED);
	CHECK(signal_calls == 1 && last_signal == LDISC_SIGINT);
	CHECK(out_is("^C"));
	CHECK(!ldisc_read_ready(&ld, 10)); /* input flushed, as in Linux */
	CHECK(ldisc_readable(&ld) == 0);
	feed("new\n");
	CHECK(read_is(10, "new\n"));

	feed("\034");
	CHECK(last_signal == LDISC_SIGQUIT);
	feed("\032");
	CHECK(last_signal == LDISC_SIGTSTP);
	CHECK(signal_calls == 3);

	/* NOFLSH keeps the input. */
	set_lflag(NOFLSH, 0);
	feed("keep\n\003");
	CHECK(read_is(10, "keep\n"));

	/* Without ISIG ^C is data. */
	set_lflag(0, ISIG);
	feed("\003\n");
	CHECK(signal_calls == 4);
	CHECK(read_is(10, "\003\n"));

	/* The default hook: input dropped, "^C" and a fresh line. */
	setup();
	feed("abc");
	outlen = 0;
	feed("\003");
	CHECK(out_is("^C\r\n"));
	CHECK(ldisc_readable(&ld) == 0);
	feed("x\n");
	CHECK(read_is(10, "x\n"));

	/* IXON swallows ^S/^Q. */
	CHECK(ldisc_receive_byte(&ld, 023) == LDISC_RX_HANDLED);
	CHECK(ldisc_receive_byte(&ld, 021) == LDISC_RX_HANDLED);
}

static void test_fionread(void)
{
	setup();
	feed("ab\n\004cd");
	CHECK(ldisc_readable(&ld) == 3); /* the EOF mark and "cd" not counted */
	CHECK(read_is(10, "ab\n"));
	CHECK(read_is(10, ""));
	CHECK(ldisc_readable(&ld) == 0);
	ldisc_flush_input(&ld);
	feed("\n");
	CHECK(read_is(10, "\n")); /* "cd" was flushed */
}

int main(void)
{
	test_defaults();
	test_canonical();
	test_erase_kill();
	test_tab_erase();
	test_eof();
	test_crnl();
	test_raw();
	test_mode_switch();
	test_echo();
	test_output();
	test_full();
	test_signals();
	test_fionread();
	return check_report("test_ldisc", failures);
}
