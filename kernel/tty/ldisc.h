/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/tty/ldisc.h - the N_TTY line discipline: termios input and output
 * processing between a terminal device and read(2)/write(2).
 *
 * The device side feeds received bytes in with ldisc_receive_byte(); the
 * line discipline edits lines (canonical mode), echoes, maps CR/NL,
 * recognises signal characters, and queues the result in a 4 KiB ring like
 * Linux's N_TTY. Reads take bytes out with ldisc_read(). Everything that
 * goes to the screen (echo and write(2) data after OPOST processing) leaves
 * through the owner's output callback, one byte at a time.
 *
 * Semantics follow Linux drivers/tty/n_tty.c for the subset implemented:
 * ICRNL INLCR IGNCR ISTRIP IXON(consumed only) IUTF8 | OPOST ONLCR OCRNL
 * ONOCR ONLRET XTABS | ISIG ICANON ECHO ECHOE ECHOK ECHONL ECHOCTL ECHOKE
 * NOFLSH IEXTEN, and VINTR VQUIT VERASE VKILL VEOF VTIME VMIN VSTART VSTOP
 * VSUSP VEOL VREPRINT VWERASE VLNEXT VEOL2.
 * Not implemented: output stop/start (^S/^Q are swallowed as Linux does,
 * but output is not held back), parity and break handling, ECHOPRT,
 * FLUSHO, PENDIN, VDISCARD, IMAXBEL (a full buffer always beeps).
 *
 * Blocking is the caller's business: ldisc_read_ready() says whether a read
 * could complete now (VMIN is honoured; VTIME is kept and reported through
 * ldisc_vtime() but no timer is run here).
 *
 * Locking: a struct ldisc is not locked internally. Its owner (the TTY)
 * serialises every call on one ldisc, including receive from interrupt
 * context, with its own lock. The callbacks run under that lock.
 */
#ifndef KERNEL_TTY_LDISC_H
#define KERNEL_TTY_LDISC_H

#include <ostd/bytes.h>
#include <ostd/types.h>

/* struct termios as the Linux kernel ABI has it on riscv64 (asm-generic). */
#define NCCS 19

struct termios {
	uint32_t c_iflag; /* input modes */
	uint32_t c_oflag; /* output modes */
	uint32_t c_cflag; /* control modes */
	uint32_t c_lflag; /* local modes */
	uint8_t c_line;   /* line discipline number (0: N_TTY) */
	uint8_t c_cc[NCCS];
};

struct winsize {
	uint16_t ws_row;
	uint16_t ws_col;
	uint16_t ws_xpixel;
	uint16_t ws_ypixel;
};

/* c_cc indexes */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16

/* c_iflag */
#define IGNBRK 0000001U
#define BRKINT 0000002U
#define IGNPAR 0000004U
#define PARMRK 0000010U
#define INPCK 0000020U
#define ISTRIP 0000040U
#define INLCR 0000100U
#define IGNCR 0000200U
#define ICRNL 0000400U
#define IUCLC 0001000U
#define IXON 0002000U
#define IXANY 0004000U
#define IXOFF 0010000U
#define IMAXBEL 0020000U
#define IUTF8 0040000U

/* c_oflag */
#define OPOST 0000001U
#define OLCUC 0000002U
#define ONLCR 0000004U
#define OCRNL 0000010U
#define ONOCR 0000020U
#define ONLRET 0000040U
#define TABDLY 0014000U
#define XTABS 0014000U

/* c_cflag */
#define CBAUD 0010017U
#define B38400 0000017U
#define CSIZE 0000060U
#define CS8 0000060U
#define CSTOPB 0000100U
#define CREAD 0000200U
#define PARENB 0000400U
#define HUPCL 0002000U
#define CLOCAL 0004000U

/* c_lflag */
#define ISIG 0000001U
#define ICANON 0000002U
#define ECHO 0000010U
#define ECHOE 0000020U
#define ECHOK 0000040U
#define ECHONL 0000100U
#define NOFLSH 0000200U
#define TOSTOP 0000400U
#define ECHOCTL 0001000U
#define ECHOPRT 0002000U
#define ECHOKE 0004000U
#define IEXTEN 0100000U

/* The ioctls the TTY layer will route here (asm-generic/ioctls.h). */
#define TCGETS 0x5401U
#define TCSETS 0x5402U
#define TCSETSW 0x5403U
#define TCSETSF 0x5404U
#define TIOCGPGRP 0x540FU
#define TIOCSPGRP 0x5410U
#define TIOCGWINSZ 0x5413U
#define TIOCSWINSZ 0x5414U
#define FIONREAD 0x541BU

/* Signal numbers the signal characters raise (Linux asm-generic). */
#define LDISC_SIGINT 2
#define LDISC_SIGQUIT 3
#define LDISC_SIGTSTP 20

/* N_TTY's buffer size; must stay a power of two (indexes are masked). */
#define LDISC_BUF_SIZE 4096

struct tty;   /* the owning terminal, defined by the TTY layer */
struct ldisc;

/* Receives one byte for the device (echo and processed output). */
typedef void (*ldisc_output_fn)(struct ldisc *ld, uint8_t c);
/* A signal character arrived; deliver @signo to the foreground group. */
typedef void (*ldisc_signal_fn)(struct ldisc *ld, int signo);

struct ldisc {
	struct termios termios;
	struct winsize winsize;
	struct tty *tty;           /* owner, for the callbacks; unused here */
	ldisc_output_fn output;
	ldisc_signal_fn on_signal;

	/*
	 * Ring positions, counting bytes since init (never wrap in practice:
	 * 2^64 bytes). Readers own [read_tail, canon_head) in canonical mode
	 * and [read_tail, read_head) in raw mode; [canon_head, read_head) is
	 * the line being edited.
	 */
	size_t read_tail;
	size_t canon_head;
	size_t read_head;
	bool lnext;            /* the previous byte was VLNEXT */
	unsigned column;       /* output column, to erase tabs correctly */
	unsigned canon_column; /* column where the edited line's echo began */
	/* Bit set: this ring slot ends a canonical line (NUL = EOF mark). */
	uint8_t delim[LDISC_BUF_SIZE / 8];
	uint8_t buf[LDISC_BUF_SIZE];
};

/* Where ldisc_read() puts the bytes: a read never exceeds the ring size. */
struct ldisc_chunk {
	uint8_t data[LDISC_BUF_SIZE];
};

/* What ldisc_receive_byte() did with a byte. */
enum ldisc_rx {
	LDISC_RX_QUEUED,   /* stored for readers (or for the edited line) */
	LDISC_RX_HANDLED,  /* a control character that acted and was consumed */
	LDISC_RX_IGNORED,  /* dropped by the settings (IGNCR) */
	LDISC_RX_FULL,     /* dropped: no room (a BEL is echoed if ECHO) */
};

/*
 * Sets Linux's tty_std_termios defaults, an 80x24 window and the default
 * signal hook. @output must not be NULL; @tty is stored for the callbacks.
 */
void ldisc_init(struct ldisc *ld, struct tty *tty, ldisc_output_fn output);
/* Replaces the signal hook (NULL restores the default). */
void ldisc_set_signal_hook(struct ldisc *ld, ldisc_signal_fn fn);
/*
 * The default hook, until signals exist: see ldisc.c. Exported so that a
 * later hook can fall back to it when there is no foreground group.
 */
void ldisc_default_signal(struct ldisc *ld, int signo);

/* Feeds one byte received from the device. */
enum ldisc_rx ldisc_receive_byte(struct ldisc *ld, uint8_t c);

/*
 * Whether a read of @nr bytes would complete now: a whole line in
 * canonical mode; in raw mode min(VMIN, nr) bytes, or at least one byte
 * when VMIN is 0 and VTIME is set (its timeout is not run here), or
 * always when both are 0.
 */
bool ldisc_read_ready(const struct ldisc *ld, size_t nr);
/* poll(2) POLLIN: like Linux's input_available_p(tty, 1). */
bool ldisc_poll_in(const struct ldisc *ld);
/*
 * Moves up to @nr bytes (at most LDISC_BUF_SIZE) into @out and returns how
 * many. Canonical mode returns at most one line, including its newline;
 * the EOF character ends a line without being returned, so EOF at the
 * start of a line reads 0. -OSTD_EAGAIN: nothing to return yet (no
 * complete line, or raw mode with no byte and VMIN or VTIME set).
 */
long ldisc_read(struct ldisc *ld, struct ldisc_chunk *out, size_t nr);
/* FIONREAD: bytes a reader could take now (EOF marks not counted). */
size_t ldisc_readable(const struct ldisc *ld);
/* Drops all queued input and the edited line (TCSETSF, TCFLSH). */
void ldisc_flush_input(struct ldisc *ld);

/* write(2) data: OPOST processing, then out. Returns data.len. */
size_t ldisc_write(struct ldisc *ld, struct ostd_bytes data);

/* TCGETS / TCSETS*: mode changes take effect as in Linux's n_tty. */
void ldisc_get_termios(const struct ldisc *ld, struct termios *t);
void ldisc_set_termios(struct ldisc *ld, const struct termios *t);
void ldisc_get_winsize(const struct ldisc *ld, struct winsize *ws);
/* TIOCSWINSZ; the caller raises SIGWINCH when the size changed (true). */
bool ldisc_set_winsize(struct ldisc *ld, const struct winsize *ws);
/* The raw-mode read parameters, for the caller's blocking decision. */
uint8_t ldisc_vmin(const struct ldisc *ld);
uint8_t ldisc_vtime(const struct ldisc *ld);

#endif
