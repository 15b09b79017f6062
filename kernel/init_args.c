// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/init_args.c - init's argv and envp from the command line (see
 * init_args.h), a port of Linux's next_arg(), parse_args(),
 * unknown_bootoption(), repair_env_string() and set_init_arg() to
 * indexes into one buffer.
 *
 * The command line is copied into init_args.buf and cut into words in
 * place, as Linux does: a word's '=' and its closing blank become NULs,
 * so argv and envp can point straight into the buffer.
 */
#include <ostd/bytes.h>

#include "init_args.h"

/* Parameters racho's kernel takes for itself (the rest go to init). */
static const char *const kernel_params[] = {
	"console", "debug", "earlycon", "ignore_loglevel", "init",
	"initcall_debug", "loglevel", "nokaslr", "panic", "quiet", "rdinit",
	"ro", "root", "rootfstype", "rootwait", "rw",
};

/* One word, as next_arg() left it. */
struct word {
	size_t param; /* the name, NUL-terminated */
	size_t val;   /* the value after '=', NUL-terminated */
	bool has_val;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static size_t skip_spaces(const struct init_args *a, size_t i)
{
	while (a->buf[i] != 0 && is_space(a->buf[i]))
		i++;
	return i;
}

static size_t str_len(const struct init_args *a, size_t i)
{
	size_t n = 0;

	while (a->buf[i + n] != 0)
		n++;
	return n;
}

/* Linux's next_arg() on the word at @i; returns where the next starts. */
static size_t next_arg(struct init_args *a, size_t i, struct word *w)
{
	size_t k, equals = 0;
	bool in_quote = false, quoted = false;

	if (a->buf[i] == '"') {
		i++;
		in_quote = true;
		quoted = true;
	}
	for (k = i; a->buf[k] != 0; k++) {
		if (is_space(a->buf[k]) && !in_quote)
			break;
		if (equals == 0 && a->buf[k] == '=')
			equals = k; /* an '=' as the first byte does not count */
		if (a->buf[k] == '"')
			in_quote = !in_quote;
	}
	w->param = i;
	w->has_val = equals > i;
	if (w->has_val) {
		a->buf[equals] = 0;
		w->val = equals + 1;
		/* Don't include quotes in value. */
		if (a->buf[w->val] == '"') {
			w->val++;
			if (a->buf[k - 1] == '"')
				a->buf[k - 1] = 0;
		}
	}
	if (quoted && k > i && a->buf[k - 1] == '"')
		a->buf[k - 1] = 0;
	if (a->buf[k] != 0)
		a->buf[k++] = 0;
	return skip_spaces(a, k);
}

/* Linux's repair_env_string(): "name=value" again, quotes gone. */
static void repair(struct init_args *a, const struct word *w)
{
	size_t name_end = w->param + str_len(a, w->param);
	size_t i;

	if (!w->has_val)
		return;
	if (w->val == name_end + 1) {
		a->buf[name_end] = '=';
		return;
	}
	/* name="value": move the value onto the quote. */
	a->buf[name_end] = '=';
	for (i = w->val; a->buf[i] != 0; i++)
		a->buf[i - 1] = a->buf[i];
	a->buf[i - 1] = 0;
}

/* Kernel parameter names match with '-' and '_' the same (parameq). */
static bool param_eq(struct ostd_bytes a, const char *known)
{
	struct ostd_bytes b = ostd_bytes_cstr(known);
	size_t i;

	if (a.len != b.len)
		return false;
	for (i = 0; i < a.len; i++) {
		int x = ostd_bytes_at(a, i);
		int y = ostd_bytes_at(b, i);

		if (x == '-')
			x = '_';
		if (x != y)
			return false;
	}
	return true;
}

static bool is_kernel_param(struct ostd_bytes name)
{
	size_t i;

	for (i = 0; i < sizeof(kernel_params) / sizeof(kernel_params[0]); i++)
		if (param_eq(name, kernel_params[i]))
			return true;
	return false;
}

static void add_arg(struct init_args *a, size_t at)
{
	if (a->argc > INIT_MAX_ARGS) {
		if (a->too_many == NULL) {
			a->too_many = "init";
			a->too_many_at = &a->buf[at];
		}
		return;
	}
	a->argv[a->argc++] = &a->buf[at];
}

/* An environment word "name=value" (repaired): replaces "name=..." or
 * is appended. @namelen counts the name without the '='. */
static void add_env(struct init_args *a, size_t at, size_t namelen)
{
	struct ostd_bytes word = ostd_bytes_cstr(&a->buf[at]);
	struct ostd_bytes name;
	size_t i;

	(void)ostd_bytes_sub(word, 0, namelen + 1, &name);
	for (i = 0; i < a->envc; i++) {
		struct ostd_bytes old = ostd_bytes_cstr(a->envp[i]);
		struct ostd_bytes head;

		if (ostd_bytes_sub(old, 0, namelen + 1, &head) &&
		    ostd_bytes_eq(head, name)) {
			a->envp[i] = &a->buf[at];
			return;
		}
	}
	if (a->envc == INIT_MAX_ENVS) {
		if (a->too_many == NULL) {
			a->too_many = "env";
			a->too_many_at = &a->buf[at];
		}
		return;
	}
	a->envp[a->envc++] = &a->buf[at];
}

/* One word before "--": Linux's parse_one() + unknown_bootoption(). */
static void take_word(struct init_args *a, const struct word *w)
{
	struct ostd_bytes name = ostd_bytes_cstr(&a->buf[w->param]);

	if (is_kernel_param(name)) {
		/* rdinit= and init= forget the words before them. */
		if (param_eq(name, "rdinit") && w->has_val) {
			a->rdinit = &a->buf[w->val];
			a->argc = 1;
		} else if (param_eq(name, "init") && w->has_val) {
			a->init = &a->buf[w->val];
			a->argc = 1;
		}
		return;
	}
	if (ostd_bytes_find(name, 0, '.') >= 0)
		return; /* an unused module parameter */
	repair(a, w);
	if (w->has_val)
		add_env(a, w->param, name.len);
	else
		add_arg(a, w->param);
}

void init_args_parse(struct ostd_bytes cmdline, struct init_args *a)
{
	struct word w;
	size_t n = ostd_bytes_copy(cmdline, 0, a->buf, INIT_CMDLINE_MAX);
	size_t pos;

	a->buf[n] = 0;
	a->argv[0] = "";
	a->argc = 1;
	a->envp[0] = "HOME=/";
	a->envp[1] = "TERM=linux";
	a->envc = 2;
	a->rdinit = "/init";
	pos = skip_spaces(a, 0);
	while (a->buf[pos] != 0) {
		pos = next_arg(a, pos, &w);
		if (!w.has_val && ostd_bytes_eq(ostd_bytes_cstr(&a->buf[w.param]),
						ostd_bytes_cstr("--")))
			break;
		take_word(a, &w);
	}
	/* After "--": everything is init's (Linux's set_init_arg). */
	while (a->buf[pos] != 0) {
		pos = next_arg(a, pos, &w);
		repair(a, &w);
		add_arg(a, w.param);
	}
}
