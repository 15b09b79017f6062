// SPDX-License-Identifier: GPL-2.0
/*
 * user/lib/printf.c - a small printf: %d %i %u %x %X %p %s %c %%, the
 * l/ll/z length modifiers, '0' and '-' flags and a width.
 *
 * printf() formats the whole message first and writes it with a single
 * write(1, ...), so lines from concurrently running apps never mix.
 */
#include "ulib.h"

struct out {
	char *buf;
	size_t size;
	size_t len; /* the length the full output would have */
};

static void out_c(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, int n, char c)
{
	while (n-- > 0)
		out_c(o, c);
}

static void out_str(struct out *o, const char *s, int width, int left)
{
	int n = (int)strlen(s);

	if (!left)
		out_pad(o, width - n, ' ');
	while (*s)
		out_c(o, *s++);
	if (left)
		out_pad(o, width - n, ' ');
}

static void out_num(struct out *o, unsigned long long v, int base, int neg,
		    int upper, int width, char pad, int left)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = digits[v % (unsigned)base];
		v /= (unsigned)base;
	} while (v);
	if (neg)
		width--;
	if (neg && pad == '0')
		out_c(o, '-');
	if (!left)
		out_pad(o, width - n, pad);
	if (neg && pad != '0')
		out_c(o, '-');
	while (n)
		out_c(o, tmp[--n]);
	if (left)
		out_pad(o, width - n, ' ');
}

static unsigned long long arg_unsigned(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

static long long arg_signed(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static void format_one(struct out *o, char conv, int lng, int width,
		       char pad, int left, va_list *ap)
{
	long long s;

	switch (conv) {
	case 'd':
	case 'i':
		s = arg_signed(ap, lng);
		out_num(o, s < 0 ? 0ULL - (unsigned long long)s
				 : (unsigned long long)s,
			10, s < 0, 0, width, pad, left);
		break;
	case 'u':
		out_num(o, arg_unsigned(ap, lng), 10, 0, 0, width, pad, left);
		break;
	case 'x':
	case 'X':
		out_num(o, arg_unsigned(ap, lng), 16, 0, conv == 'X', width,
			pad, left);
		break;
	case 'p':
		out_str(o, "0x", 0, 0);
		out_num(o, (unsigned long)va_arg(*ap, void *), 16, 0, 0, width,
			pad, left);
		break;
	case 's': {
		const char *str = va_arg(*ap, const char *);

		out_str(o, str ? str : "(null)", width, left);
		break;
	}
	case 'c':
		out_c(o, (char)va_arg(*ap, int));
		break;
	default:
		out_c(o, '%');
		out_c(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list aq;

	va_copy(aq, ap);
	while (*fmt) {
		int lng = 0, width = 0, left = 0;
		char pad = ' ';

		if (*fmt != '%') {
			out_c(&o, *fmt++);
			continue;
		}
		fmt++;
		if (*fmt == '%') {
			out_c(&o, *fmt++);
			continue;
		}
		for (; *fmt == '-' || *fmt == '0'; fmt++) {
			if (*fmt == '-')
				left = 1;
			else
				pad = '0';
		}
		for (; *fmt >= '0' && *fmt <= '9'; fmt++)
			width = width * 10 + (*fmt - '0');
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng += *fmt == 'z' ? 2 : 1;
		if (!*fmt)
			break;
		format_one(&o, *fmt++, lng, width, left ? ' ' : pad, left, &aq);
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 1)
		n = (int)sizeof(buf) - 1;
	write(1, buf, (size_t)n);
	return n;
}
