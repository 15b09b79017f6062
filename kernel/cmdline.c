// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cmdline.c - parsing the boot command line.
 *
 * The command line is untrusted input of any length, so it is only read
 * through ostd_bytes accessors: split on blanks into words, and each word
 * into key=value.
 */
#include <ostd/boot.h>
#include <ostd/bytes.h>
#include <ostd/log.h>

#include "cmdline.h"

static bool is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The next blank-separated word at or after *pos; false at the end. */
static bool cmdline_next_word(struct ostd_bytes line, size_t *pos,
			      struct ostd_bytes *word)
{
	size_t start, end;

	while (*pos < line.len && is_blank(ostd_bytes_at(line, *pos)))
		(*pos)++;
	if (*pos >= line.len)
		return false;
	start = *pos;
	end = start;
	while (end < line.len && !is_blank(ostd_bytes_at(line, end)))
		end++;
	*pos = end;
	return ostd_bytes_sub(line, start, end - start, word);
}

static bool word_is(struct ostd_bytes w, const char *s)
{
	return ostd_bytes_eq(w, ostd_bytes_cstr(s));
}

/* A Linux console log level (a decimal number) as an ostd level. */
static bool level_from_number(struct ostd_bytes v, enum ostd_log_level *out)
{
	unsigned n = 0;
	size_t i;

	if (v.len == 0 || v.len > 3)
		return false;
	for (i = 0; i < v.len; i++) {
		int c = ostd_bytes_at(v, i);

		if (c < '0' || c > '9')
			return false;
		n = n * 10 + (c - '0');
	}
	if (n <= 3)
		*out = OSTD_LOG_ERROR;
	else if (n == 4)
		*out = OSTD_LOG_WARN;
	else if (n <= 6)
		*out = OSTD_LOG_INFO;
	else
		*out = OSTD_LOG_DEBUG;
	return true;
}

static bool level_from_name(struct ostd_bytes v, enum ostd_log_level *out)
{
	static const struct {
		const char *name;
		enum ostd_log_level level;
	} names[] = {
		{ "error", OSTD_LOG_ERROR }, { "warn", OSTD_LOG_WARN },
		{ "info", OSTD_LOG_INFO },   { "debug", OSTD_LOG_DEBUG },
		{ "trace", OSTD_LOG_TRACE },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (word_is(v, names[i].name)) {
			*out = names[i].level;
			return true;
		}
	}
	return false;
}

static void cmdline_loglevel(struct ostd_bytes value)
{
	enum ostd_log_level level;

	if (level_from_number(value, &level) || level_from_name(value, &level))
		ostd_log_set_level(level);
	else
		ostd_log(OSTD_LOG_WARN, "cmdline: bad loglevel value ignored");
}

void cmdline_apply(void)
{
	static const char key[] = "loglevel=";
	struct ostd_bytes line = ostd_boot_cmdline();
	struct ostd_bytes word, head, value;
	size_t pos = 0;
	size_t klen = sizeof(key) - 1;

	while (cmdline_next_word(line, &pos, &word)) {
		if (word_is(word, "debug"))
			ostd_log_set_level(OSTD_LOG_DEBUG);
		else if (word_is(word, "quiet"))
			ostd_log_set_level(OSTD_LOG_WARN);
		else if (ostd_bytes_sub(word, 0, klen, &head) &&
			 word_is(head, key) &&
			 ostd_bytes_sub(word, klen, word.len - klen, &value))
			cmdline_loglevel(value);
	}
}
