// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/tty/console.c - the console TTY: UART interrupts in, the line
 * discipline in the middle, blocking readers out (see console.h).
 *
 * Input: the UART driver's interrupt handler calls console_rx() with each
 * batch of bytes; they go through ldisc_receive_byte() (editing, echo,
 * signal characters), and once something is readable (a whole line in
 * canonical mode) every waiting reader is woken.
 *
 * Readers: a reader that finds nothing to return puts a waiter (on its
 * own stack) on the tty's list, drops the lock and blocks; the interrupt
 * handler unlinks every waiter and wakes its task while holding the lock,
 * so a waiter never outlives its frame. The woken reader retakes the lock
 * and checks again. While readers wait, the hart sits in ostd's idle loop
 * (wfi) until the UART interrupt comes: no polling.
 *
 * Lost wake-ups: between dropping the lock and ostd_sched_block() the
 * reader is still running; a wake-up in that window is remembered by ostd
 * (a pending wake makes the next block return at once), and the reader
 * re-checks under the lock, so nothing is lost even with several harts.
 *
 * Output: echo and write(2) data leave the line discipline a byte at a
 * time into a small buffer, flushed to ostd_console_write_raw() before
 * the lock is dropped (the line discipline already turned \n into \r\n).
 */
#include <ostd/console.h>
#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/task.h>

#include "drivers/uart16550.h"
#include "errno.h"
#include "tty/console.h"
#include "tty/ldisc.h"

#define TTY_OBUF_SIZE 128

/* A reader blocked on the tty; lives on the reader's stack. */
struct tty_waiter {
	struct ostd_task *task;
	struct tty_waiter *next;
	bool linked;
};

struct tty {
	/*
	 * protects: everything below. Taken by the UART interrupt handler,
	 * so never held across a block. order: before ostd's console lock
	 * (output is flushed under it) and the scheduler lock (wake-ups).
	 */
	struct ostd_spinlock lock;
	struct ldisc ld;
	struct tty_waiter *waiters;
	char obuf[TTY_OBUF_SIZE];
	size_t olen;
	int pgrp;
	struct uart16550 *uart; /* NULL: no input device */
	/* Where ldisc_read() puts bytes before they are copied out. */
	struct ldisc_chunk bounce;
};

static struct tty console = { .lock = OSTD_SPINLOCK_INIT("tty-console") };

/* ---- output ---- */

static void flush_locked(struct tty *tty)
{
	if (tty->olen == 0)
		return;
	ostd_console_write_raw(tty->obuf, tty->olen);
	tty->olen = 0;
}

/* The line discipline's output hook; runs under tty->lock. */
static void tty_output(struct ldisc *ld, uint8_t c)
{
	struct tty *tty = ld->tty;

	if (tty->olen == TTY_OBUF_SIZE)
		flush_locked(tty);
	tty->obuf[tty->olen] = c;
	tty->olen++;
}

/* ---- waiting ---- */

static void waiter_add(struct tty *tty, struct tty_waiter *w)
{
	w->next = tty->waiters;
	w->linked = true;
	tty->waiters = w;
}

static void waiter_remove(struct tty *tty, struct tty_waiter *w)
{
	struct tty_waiter *prev = NULL;
	struct tty_waiter *cur;

	for (cur = tty->waiters; cur != NULL; cur = cur->next) {
		if (cur == w)
			break;
		prev = cur;
	}
	if (cur == NULL)
		return;
	if (prev == NULL)
		tty->waiters = w->next;
	else
		prev->next = w->next;
	w->next = NULL;
	w->linked = false;
}

/* Wakes every reader; they re-check. Caller holds tty->lock. */
static void wake_all_locked(struct tty *tty)
{
	while (tty->waiters != NULL) {
		struct tty_waiter *w = tty->waiters;

		tty->waiters = w->next;
		w->next = NULL;
		w->linked = false;
		ostd_sched_wake(w->task);
	}
}

/* ---- input ---- */

/* The UART's receive hook: interrupt context. */
static void console_rx(struct tty *tty, const struct uart_rx_batch *b)
{
	struct ostd_irq_guard g = ostd_spin_lock(&tty->lock);
	size_t i;

	for (i = 0; i < b->len && i < UART_RX_BATCH; i++)
		(void)ldisc_receive_byte(&tty->ld, b->data[i]);
	flush_locked(tty);
	/*
	 * Any reader needs at least what a 1-byte read needs, so nobody can
	 * be ready before this holds: keystrokes of an unfinished canonical
	 * line wake no one.
	 */
	if (ldisc_read_ready(&tty->ld, 1))
		wake_all_locked(tty);
	ostd_spin_unlock(&tty->lock, &g);
}

void console_tty_init(void)
{
	struct tty *tty = &console;
	struct ostd_irq_guard g = ostd_spin_lock(&tty->lock);

	ldisc_init(&tty->ld, tty, tty_output);
	ostd_spin_unlock(&tty->lock, &g);
	/* After ldisc_init: the first interrupt may come at once. */
	tty->uart = uart16550_probe(0, console_rx, tty);
	if (tty->uart == NULL)
		ostd_log(OSTD_LOG_WARN, "console: no input device, reads fail");
}

/* Blocks until woken; @g is the held lock's guard, held again on return. */
static void wait_locked(struct tty *tty, struct ostd_irq_guard *g)
{
	struct tty_waiter w = { ostd_task_current(), NULL, false };

	waiter_add(tty, &w);
	ostd_spin_unlock(&tty->lock, g);
	ostd_sched_block();
	*g = ostd_spin_lock(&tty->lock);
	if (w.linked)
		waiter_remove(tty, &w);
}

long console_tty_read(struct tty_chunk *out, size_t nr, bool nonblock)
{
	struct tty *tty = &console;
	struct ostd_irq_guard g;
	long n = 0;

	out->len = 0;
	if (tty->uart == NULL)
		return -EIO;
	if (nr > TTY_CHUNK_SIZE)
		nr = TTY_CHUNK_SIZE;
	if (nr == 0)
		return 0;
	g = ostd_spin_lock(&tty->lock);
	for (;;) {
		if (ldisc_read_ready(&tty->ld, nr)) {
			n = ldisc_read(&tty->ld, &tty->bounce, nr);
			if (n != -EAGAIN)
				break;
		}
		if (nonblock) {
			n = -EAGAIN;
			break;
		}
		wait_locked(tty, &g);
	}
	if (n > 0) {
		ostd_mem_copy(out->data, tty->bounce.data, n);
		out->len = n;
	}
	flush_locked(tty);
	ostd_spin_unlock(&tty->lock, &g);
	return n;
}

long console_tty_write(struct ostd_bytes data)
{
	struct tty *tty = &console;
	struct ostd_irq_guard g = ostd_spin_lock(&tty->lock);
	size_t n = ldisc_write(&tty->ld, data);

	flush_locked(tty);
	ostd_spin_unlock(&tty->lock, &g);
	return n;
}

/* ---- ioctl helpers ---- */

void console_tty_get_termios(struct termios *t)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);

	ldisc_get_termios(&console.ld, t);
	ostd_spin_unlock(&console.lock, &g);
}

int console_tty_set_termios(unsigned cmd, const struct termios *t)
{
	struct ostd_irq_guard g;

	if (cmd != TCSETS && cmd != TCSETSW && cmd != TCSETSF)
		return -EINVAL;
	g = ostd_spin_lock(&console.lock);
	if (cmd == TCSETSF)
		ldisc_flush_input(&console.ld);
	ldisc_set_termios(&console.ld, t);
	flush_locked(&console);
	/* A mode change (say, ICANON off) can make queued input readable. */
	wake_all_locked(&console);
	ostd_spin_unlock(&console.lock, &g);
	return 0;
}

void console_tty_get_winsize(struct winsize *ws)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);

	ldisc_get_winsize(&console.ld, ws);
	ostd_spin_unlock(&console.lock, &g);
}

bool console_tty_set_winsize(const struct winsize *ws)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);
	bool changed = ldisc_set_winsize(&console.ld, ws);

	ostd_spin_unlock(&console.lock, &g);
	return changed;
}

size_t console_tty_readable(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);
	size_t n = ldisc_readable(&console.ld);

	ostd_spin_unlock(&console.lock, &g);
	return n;
}

bool console_tty_poll_in(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);
	bool in = ldisc_poll_in(&console.ld);

	ostd_spin_unlock(&console.lock, &g);
	return in;
}

int console_tty_get_pgrp(void)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);
	int pgrp = console.pgrp;

	ostd_spin_unlock(&console.lock, &g);
	return pgrp;
}

void console_tty_set_pgrp(int pgrp)
{
	struct ostd_irq_guard g = ostd_spin_lock(&console.lock);

	console.pgrp = pgrp;
	ostd_spin_unlock(&console.lock, &g);
}
