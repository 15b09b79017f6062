// SPDX-License-Identifier: GPL-2.0
/*
 * ostd/log.c - printk, the levelled logger, snprintf and panic
 * (include/ostd/log.h).
 *
 * One small formatter drives every output: it emits characters into a
 * sink, which is either a bounded buffer (snprintf) or the console
 * (printk, log). Console output holds the console lock for the whole
 * message, so lines from different harts never interleave.
 */
#include <stdarg.h>

#include <ostd/cpu.h>
#include <ostd/log.h>
#include <ostd/power.h>

#include "arch/riscv/csr.h"
#include "mm_internal.h"

struct sink {
	void (*put)(struct sink *s, char c);
	char *buf;
	size_t size, len; /* len counts every char, even those cut off */
};

static void buf_put(struct sink *s, char c)
{
	if (s->len + 1 < s->size)
		/* SAFETY: len + 1 < size: inside the caller's buffer. */
		s->buf[s->len] = c;
	s->len++;
}

static void console_put(struct sink *s, char c)
{
	ostd_console_putc_raw(c);
	s->len++;
}

struct spec {
	bool left, zero;
	unsigned width;
	int lng; /* 0: int, 1: long, 2: long long, 3: size_t */
};

static void pad(struct sink *s, unsigned n, char c)
{
	while (n--)
		s->put(s, c);
}

static void emit_str(struct sink *s, const struct spec *sp, const char *str)
{
	unsigned n = 0;

	if (str == NULL)
		str = "(null)";
	while (str[n])
		n++;
	if (!sp->left && sp->width > n)
		pad(s, sp->width - n, ' ');
	for (unsigned i = 0; i < n; i++)
		s->put(s, str[i]);
	if (sp->left && sp->width > n)
		pad(s, sp->width - n, ' ');
}

static void emit_num(struct sink *s, const struct spec *sp, uint64_t v,
		     unsigned base, bool neg, bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	unsigned n = 0, len, plen = 0;

	do {
		tmp[n++] = digits[v % base];
		v /= base;
	} while (v);
	while (prefix && prefix[plen])
		plen++;
	len = n + plen + (neg ? 1 : 0);
	if (!sp->left && !sp->zero && sp->width > len)
		pad(s, sp->width - len, ' ');
	if (neg)
		s->put(s, '-');
	for (unsigned i = 0; i < plen; i++)
		s->put(s, prefix[i]);
	if (!sp->left && sp->zero && sp->width > len)
		pad(s, sp->width - len, '0');
	while (n)
		s->put(s, tmp[--n]);
	if (sp->left && sp->width > len)
		pad(s, sp->width - len, ' ');
}

static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->lng) {
	case 1: return va_arg(*ap, unsigned long);
	case 2: return va_arg(*ap, unsigned long long);
	case 3: return va_arg(*ap, size_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->lng) {
	case 1: return va_arg(*ap, long);
	case 2: return va_arg(*ap, long long);
	case 3: return (int64_t)va_arg(*ap, size_t);
	default: return va_arg(*ap, int);
	}
}

/* Parses flags, width and length at *fmt into @sp; advances *fmt. */
static void parse_spec(const char **fmt, struct spec *sp)
{
	const char *f = *fmt;

	*sp = (struct spec){ 0 };
	for (;; f++) {
		if (*f == '-')
			sp->left = true;
		else if (*f == '0')
			sp->zero = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (unsigned)(*f++ - '0');
	if (*f == 'z') {
		sp->lng = 3;
		f++;
	}
	while (*f == 'l' && sp->lng < 2) {
		sp->lng++;
		f++;
	}
	*fmt = f;
}

static void emit_conv(struct sink *s, const struct spec *sp, char c, va_list *ap)
{
	int64_t v;

	switch (c) {
	case 'd':
	case 'i':
		v = arg_signed(sp, ap);
		emit_num(s, sp, v < 0 ? -(uint64_t)v : (uint64_t)v, 10, v < 0,
			 false, NULL);
		break;
	case 'u': emit_num(s, sp, arg_unsigned(sp, ap), 10, false, false, NULL); break;
	case 'x': emit_num(s, sp, arg_unsigned(sp, ap), 16, false, false, NULL); break;
	case 'X': emit_num(s, sp, arg_unsigned(sp, ap), 16, false, true, NULL); break;
	case 'o': emit_num(s, sp, arg_unsigned(sp, ap), 8, false, false, NULL); break;
	case 'p':
		/* SAFETY: printing a pointer's value, not dereferencing it. */
		emit_num(s, sp, (uintptr_t)va_arg(*ap, void *), 16, false, false, "0x");
		break;
	case 's': emit_str(s, sp, va_arg(*ap, const char *)); break;
	case 'c': s->put(s, (char)va_arg(*ap, int)); break;
	case '%': s->put(s, '%'); break;
	default: /* unknown: show it verbatim */
		s->put(s, '%');
		if (c)
			s->put(s, c);
	}
}

static void vformat(struct sink *s, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		struct spec sp;

		if (*fmt != '%') {
			s->put(s, *fmt++);
			continue;
		}
		fmt++;
		parse_spec(&fmt, &sp);
		emit_conv(s, &sp, *fmt, &aq);
		if (*fmt)
			fmt++;
	}
	va_end(aq);
}

int ostd_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct sink s = { buf_put, buf, size, 0 };

	vformat(&s, fmt, ap);
	if (size > 0)
		/* SAFETY: min(len, size-1) < size: inside the buffer. */
		buf[s.len < size ? s.len : size - 1] = 0;
	return (int)s.len;
}

int ostd_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ostd_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

void ostd_printk(const char *fmt, ...)
{
	struct sink s = { console_put, NULL, 0, 0 };
	struct ostd_irq_guard g = ostd_console_lock();
	va_list ap;

	va_start(ap, fmt);
	vformat(&s, fmt, ap);
	va_end(ap);
	ostd_console_unlock(&g);
}

/* ---- levelled log ---- */

static enum ostd_log_level log_level = OSTD_LOG_INFO;

void ostd_log_set_level(enum ostd_log_level level)
{
	if (level >= OSTD_LOG_ERROR && level <= OSTD_LOG_TRACE)
		__atomic_store_n(&log_level, level, __ATOMIC_RELAXED);
}

enum ostd_log_level ostd_log_get_level(void)
{
	return __atomic_load_n(&log_level, __ATOMIC_RELAXED);
}

static const char *const level_prefix[] = {
	[OSTD_LOG_ERROR] = "\x1b[31m[ERROR] ",
	[OSTD_LOG_WARN] = "\x1b[33m[ WARN] ",
	[OSTD_LOG_INFO] = "\x1b[34m[ INFO] ",
	[OSTD_LOG_DEBUG] = "\x1b[32m[DEBUG] ",
	[OSTD_LOG_TRACE] = "\x1b[90m[TRACE] ",
};

static void console_puts(const char *str)
{
	while (*str)
		ostd_console_putc_raw(*str++);
}

void ostd_log(enum ostd_log_level level, const char *fmt, ...)
{
	struct sink s = { console_put, NULL, 0, 0 };
	struct ostd_irq_guard g;
	va_list ap;

	if (level < OSTD_LOG_ERROR || level > ostd_log_get_level())
		return;
	g = ostd_console_lock();
	console_puts(level_prefix[level]);
	va_start(ap, fmt);
	vformat(&s, fmt, ap);
	va_end(ap);
	console_puts("\x1b[0m\n");
	ostd_console_unlock(&g);
}

/* ---- panic ---- */

_Noreturn void ostd_panic(const char *fmt, ...)
{
	static int panic_depth;
	struct sink s = { console_put, NULL, 0, 0 };
	va_list ap;

	ostd_irq_off_raw();
	if (__atomic_fetch_add(&panic_depth, 1, __ATOMIC_SEQ_CST) > 0) {
		/* A panic while panicking (or on another hart): just stop. */
		ostd_panicking = true;
		console_puts("\x1b[31m[kernel] nested panic\x1b[0m\n");
		ostd_power_off(true);
	}
	ostd_panicking = true;
	console_puts("\x1b[31m[kernel] panicked: ");
	va_start(ap, fmt);
	vformat(&s, fmt, ap);
	va_end(ap);
	console_puts("\x1b[0m\n");
	/* Both work before ostd_cpu_init too (tp 0 means the boot hart). */
	ostd_printk("[kernel] on hart %u\n", ostd_cpu_id());
	/* SAFETY: our own frame pointer, as a number for the unwinder. */
	ostd_backtrace((uint64_t)__builtin_frame_address(0));
	ostd_power_off(true);
}
