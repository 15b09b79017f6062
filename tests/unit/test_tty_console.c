// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_tty_console.c - host test of the console TTY glue
 * (kernel/tty/console.c) and the 16550 receive driver
 * (kernel/drivers/uart16550.c) over the real line discipline.
 *
 * ostd is faked: a 16550 register file with a receive FIFO behind
 * ostd_mmio_*, ostd_irq_register() keeping the handler, and a scheduler
 * whose ostd_sched_block() plays the next scripted "keystrokes" by raising
 * the UART interrupt, the way the idle loop would take it. A reader that
 * blocks and is not woken by that interrupt is a lost wake-up: the test
 * fails instead of hanging. Spinlocks are checked for pairing and for
 * never being held across a block.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ostd/console.h>
#include <ostd/cpu.h>
#include <ostd/irq.h>
#include <ostd/log.h>
#include <ostd/mmio.h>
#include <ostd/task.h>

#include "check.h"
#include "drivers/uart16550.h"
#include "errno.h"
#include "host_ostd.h"
#include "irq.h"
#include "tty/console.h"

static int failures;

/* ---- fake ostd: the console (locks and log: host_ostd.c) ---- */

static char screen[8192];
static size_t screen_len;

void ostd_console_write_raw(const char *buf, size_t len)
{
	assert(screen_len + len <= sizeof(screen));
	memcpy(screen + screen_len, buf, len);
	screen_len += len;
}

/* ---- fake ostd: the 16550 and the PLIC ---- */

struct ostd_mmio {
	uint8_t ier;
	uint8_t fifo[1024];
	size_t head, tail;
	bool claimed;
};

static struct ostd_mmio uart;
static ostd_irq_handler irq_fn;
static struct kernel_irq_data *irq_data;
static int irqs_raised;

struct ostd_mmio *ostd_mmio_claim(const char *compatible, unsigned index,
				  uint32_t *irq)
{
	if (strcmp(compatible, "ns16550a") != 0 || index != 0 || uart.claimed)
		return NULL;
	uart.claimed = true;
	*irq = 10;
	return &uart;
}

unsigned ostd_mmio_reg_shift(const struct ostd_mmio *m)
{
	(void)m;
	return 0;
}

uint8_t ostd_mmio_read8(struct ostd_mmio *m, size_t off)
{
	switch (off) {
	case 0: /* RBR */
		return m->head == m->tail ? 0 : m->fifo[m->tail++ % 1024];
	case 5: /* LSR: THRE, and DR while the FIFO has data */
		return 0x60 | (m->head != m->tail);
	default:
		return 0;
	}
}

void ostd_mmio_write8(struct ostd_mmio *m, size_t off, uint8_t v)
{
	if (off == 1)
		m->ier = v;
}

int ostd_irq_register(uint32_t irq, ostd_irq_handler handler,
		      struct kernel_irq_data *data)
{
	CHECK(irq == 10 && irq_fn == NULL);
	irq_fn = handler;
	irq_data = data;
	return 0;
}

/*
 * Bytes arrive on the wire. The UART's line is level-triggered: it stays
 * up while the FIFO holds data and IER allows, so the PLIC delivers the
 * interrupt again after each completion until the handler drained it.
 */
static void wire(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		uart.fifo[uart.head++ % 1024] = (uint8_t)s[i];
	while ((uart.ier & 1) && irq_fn && uart.head != uart.tail) {
		assert(host_locks_held() == 0); /* kernel code runs with irqs off */
		irqs_raised++;
		irq_fn(irq_data);
	}
}

/* ---- fake ostd: one task, and an idle loop that plays the script ---- */

static struct ostd_task *const me = (struct ostd_task *)&me;
static bool woken;
static const char *script[8];
static int script_len, script_pos;
static int blocks;

struct ostd_task *ostd_task_current(void)
{
	return me;
}

void ostd_sched_wake(struct ostd_task *t)
{
	CHECK(t == me);
	woken = true;
}

void ostd_sched_block(void)
{
	assert(host_locks_held() == 0);
	blocks++;
	woken = false;
	/* Idle: the only way out is an interrupt that wakes us. */
	while (!woken) {
		if (script_pos == script_len) {
			fprintf(stderr, "reader blocked with no input left\n");
			exit(1);
		}
		wire(script[script_pos], strlen(script[script_pos]));
		script_pos++;
	}
}

static void play(int n, ...)
{
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		script[i] = va_arg(ap, const char *);
	va_end(ap);
	script_len = n;
	script_pos = 0;
	blocks = 0;
}

/* ---- tests ---- */

static struct tty_chunk chunk;

static bool chunk_is(long n, const char *s)
{
	return n == (long)strlen(s) && chunk.len == (size_t)n &&
	       memcmp(chunk.data, s, (size_t)n) == 0;
}

static bool screen_has(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i + n <= screen_len; i++)
		if (memcmp(screen + i, s, n) == 0)
			return true;
	return false;
}

static void test_init(void)
{
	console_tty_init();
	CHECK(uart.claimed && uart.ier == 1 && irq_fn != NULL);
}

/* A reader with nothing to read blocks; the interrupt wakes it. */
static void test_blocking_read(void)
{
	long n;

	play(3, "he", "llo", "\r");
	n = console_tty_read(&chunk, 100, false);
	CHECK(chunk_is(n, "hello\n"));
	CHECK(blocks == 1); /* a partial line wakes no one */
	CHECK(screen_has("hello\r\n")); /* echoed, NL as CR NL */
	CHECK(host_locks_held() == 0);
}

static void test_nonblock_and_fionread(void)
{
	long n;

	CHECK(console_tty_read(&chunk, 10, true) == -EAGAIN);
	wire("ab", 2);
	CHECK(console_tty_readable() == 0); /* canonical: whole lines only */
	CHECK(console_tty_read(&chunk, 10, true) == -EAGAIN); /* no line yet */
	CHECK(!console_tty_poll_in());
	wire("\r", 1);
	CHECK(console_tty_poll_in());
	CHECK(console_tty_readable() == 3);
	n = console_tty_read(&chunk, 10, true);
	CHECK(chunk_is(n, "ab\n"));
	CHECK(console_tty_read(&chunk, 0, false) == 0);
}

/* Erase and EOF are the line discipline's; the glue passes them on. */
static void test_editing_and_eof(void)
{
	long n;
	screen_len = 0;
	play(1, "abx\x7f" "c\n");
	n = console_tty_read(&chunk, 100, false);
	CHECK(chunk_is(n, "abc\n"));
	CHECK(screen_has("abx\b \bc\r\n"));
	play(1, "\x04");
	CHECK(console_tty_read(&chunk, 100, false) == 0); /* ^D: EOF */
}

/* More bytes than one batch, one chunk, or one read request. */
static void test_long_input(void)
{
	char line[301];
	long n;

	memset(line, 'x', 299);
	line[299] = '\n';
	line[300] = 0;
	play(1, line);
	n = console_tty_read(&chunk, 1000, false);
	CHECK(n == TTY_CHUNK_SIZE && chunk.len == TTY_CHUNK_SIZE);
	CHECK(uart16550_rx_count(irq_data->uart) >= 300);
	n = console_tty_read(&chunk, 1000, true);
	CHECK(n == 300 - TTY_CHUNK_SIZE && chunk.data[n - 1] == '\n');
	wire("abcdef\n", 7);
	n = console_tty_read(&chunk, 3, true);
	CHECK(chunk_is(n, "abc"));
	n = console_tty_read(&chunk, 100, true);
	CHECK(chunk_is(n, "def\n"));
}

/* Raw mode: VMIN bytes; switching modes wakes and flushes as asked. */
static void test_termios(void)
{
	struct termios t;
	struct winsize ws = { 50, 132, 0, 0 }, got;
	long n;

	console_tty_get_termios(&t);
	CHECK(t.c_lflag & ICANON);
	t.c_lflag &= ~(ICANON | ECHO);
	t.c_cc[VMIN] = 3;
	CHECK(console_tty_set_termios(0x1234, &t) == -EINVAL);
	CHECK(console_tty_set_termios(TCSETS, &t) == 0);
	screen_len = 0;
	play(2, "q", "rs");
	n = console_tty_read(&chunk, 10, false);
	CHECK(chunk_is(n, "qrs"));
	CHECK(blocks == 2 && screen_len == 0); /* woken by "q", no echo */
	wire("zz", 2);
	CHECK(console_tty_set_termios(TCSETSF, &t) == 0); /* drops "zz" */
	CHECK(console_tty_readable() == 0);
	t.c_lflag |= ICANON | ECHO;
	CHECK(console_tty_set_termios(TCSETSW, &t) == 0);

	CHECK(console_tty_set_winsize(&ws));
	CHECK(!console_tty_set_winsize(&ws));
	console_tty_get_winsize(&got);
	CHECK(got.ws_row == 50 && got.ws_col == 132);
	CHECK(console_tty_get_pgrp() == 0);
	console_tty_set_pgrp(7);
	CHECK(console_tty_get_pgrp() == 7);
}

static void test_write(void)
{
	static const char msg[] = "one\ntwo\n";

	screen_len = 0;
	CHECK(console_tty_write(ostd_bytes_of(msg, 8)) == 8);
	CHECK(screen_len == 10 && memcmp(screen, "one\r\ntwo\r\n", 10) == 0);
	CHECK(host_locks_held() == 0);
}

int main(void)
{
	test_init();
	test_blocking_read();
	test_nonblock_and_fionread();
	test_editing_and_eof();
	test_long_input();
	test_termios();
	test_write();
	if (failures) {
		fprintf(stderr, "test_tty_console: %d failure(s)\n", failures);
		return 1;
	}
	printf("test_tty_console: ok (%d interrupts)\n", irqs_raised);
	return 0;
}
