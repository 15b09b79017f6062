/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/tty/console.h - the console TTY (/dev/console, fd 0-2 of init):
 * the boot UART's interrupt-driven input through the N_TTY line
 * discipline, with blocking reads.
 *
 * The interface is in kernel objects, not user addresses: the system call
 * layer copies between user memory and a struct tty_chunk / struct
 * termios / struct winsize, and turns the results into read(2), write(2)
 * and ioctl(2) returns.
 *
 * Context: a task, interrupts off, no spinlock held (reads may block).
 */
#ifndef KERNEL_TTY_CONSOLE_H
#define KERNEL_TTY_CONSOLE_H

#include <ostd/bytes.h>
#include <ostd/types.h>

#include "tty/ldisc.h"

/* The most one console_tty_read() returns (a shorter tty read is legal). */
#define TTY_CHUNK_SIZE 256

struct tty_chunk {
	uint8_t data[TTY_CHUNK_SIZE];
	size_t len; /* bytes of data that are valid */
};

/*
 * Sets up the line discipline and the UART driver. Call once at boot,
 * after sched_init(). Without a UART the console still writes (through
 * ostd's console) but reads fail with -EIO.
 */
void console_tty_init(void);

/*
 * read(2) on the console: up to min(@nr, TTY_CHUNK_SIZE) bytes into
 * @out. Blocks until the line discipline has something to return (a whole
 * line in canonical mode; VMIN bytes in raw mode), unless @nonblock, in
 * which case -EAGAIN. Returns the byte count (0 for EOF: ^D at the start
 * of a line), or -EIO without an input device. VTIME's timeout is not
 * run: raw mode with VMIN 0 and VTIME set waits for one byte.
 */
long console_tty_read(struct tty_chunk *out, size_t nr, bool nonblock);

/* write(2) on the console: OPOST processing, then out. Returns data.len. */
long console_tty_write(struct ostd_bytes data);

/* TCGETS. */
void console_tty_get_termios(struct termios *t);
/*
 * TCSETS, TCSETSW (output is synchronous, so nothing to drain) and
 * TCSETSF (also drops pending input). -EINVAL for another @cmd.
 */
int console_tty_set_termios(unsigned cmd, const struct termios *t);
/* TIOCGWINSZ / TIOCSWINSZ; set returns true when the size changed (the
 * caller then sends SIGWINCH to the foreground group). */
void console_tty_get_winsize(struct winsize *ws);
bool console_tty_set_winsize(const struct winsize *ws);
/* FIONREAD: bytes a read could take now. */
size_t console_tty_readable(void);
/* poll(2) POLLIN. */
bool console_tty_poll_in(void);
/*
 * TIOCGPGRP / TIOCSPGRP storage: the foreground process group (0: none
 * yet). Permission checks (session, job control) are the caller's.
 */
int console_tty_get_pgrp(void);
void console_tty_set_pgrp(int pgrp);

#endif
