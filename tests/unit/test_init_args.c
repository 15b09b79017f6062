// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_init_args.c - host test of kernel/init_args.c: init's
 * argv and envp from the kernel command line, against what Linux's
 * init/main.c makes of the same lines (kernel parameters kept, module
 * parameters dropped, name=value to the environment with replacement,
 * quotes, "--", rdinit=/init= dropping earlier words, the limits).
 * Built natively with ASan/UBSan against the real ostd/bytes.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "init_args.h"

static int failures;

static struct init_args *parse(const char *line)
{
	static struct init_args a;

	memset(&a, 0, sizeof(a));
	init_args_parse(ostd_bytes_cstr(line), &a);
	return &a;
}

/* argv[1..] and envp joined with '|', for compact comparisons. */
static const char *join(const char *const *v, size_t from, size_t n)
{
	static char buf[8192];
	size_t len = 0;

	buf[0] = 0;
	for (size_t i = from; i < n; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
					i > from ? "|" : "", v[i]);
	return buf;
}

#define ARGS(a) join((a)->argv, 1, (a)->argc)
#define ENVS(a) join((a)->envp, 0, (a)->envc)

static void test_defaults(void)
{
	struct init_args *a = parse("");

	CHECK(a->argc == 1 && a->envc == 2);
	CHECK(strcmp(a->rdinit, "/init") == 0 && a->init == NULL);
	CHECK(strcmp(ENVS(a), "HOME=/|TERM=linux") == 0);
	CHECK(a->too_many == NULL);
	a = parse("   \t  ");
	CHECK(a->argc == 1 && a->envc == 2);
}

static void test_split(void)
{
	struct init_args *a = parse(
		"loglevel=7 console=ttyS0 quiet foo bar=1 baz.qux=2 single "
		"-- --exec a=b x.y");

	CHECK(strcmp(ARGS(a), "foo|single|--exec|a=b|x.y") == 0);
	CHECK(strcmp(ENVS(a), "HOME=/|TERM=linux|bar=1") == 0);
	/* parameter names match with '-' for '_' */
	a = parse("ignore-loglevel rd-init=/x");
	CHECK(strcmp(ARGS(a), "") == 0);
	CHECK(strcmp(a->rdinit, "/init") == 0); /* "rd-init" is longer */
	a = parse("--");
	CHECK(a->argc == 1);
	a = parse("-- -- --");
	CHECK(strcmp(ARGS(a), "--|--") == 0);
	a = parse("=foo");
	CHECK(strcmp(ARGS(a), "=foo") == 0); /* a leading '=' is no value */
	a = parse("x=");
	CHECK(strcmp(ENVS(a), "HOME=/|TERM=linux|x=") == 0);
}

static void test_init_params(void)
{
	struct init_args *a = parse("early rdinit=/sbin/x late init=/bin/sh");

	CHECK(strcmp(a->rdinit, "/sbin/x") == 0);
	CHECK(strcmp(a->init, "/bin/sh") == 0);
	/* rdinit= and init= drop the words before them (Linux's "auto") */
	CHECK(strcmp(ARGS(a), "") == 0);
	a = parse("early rdinit=/sbin/x late");
	CHECK(strcmp(ARGS(a), "late") == 0);
	a = parse("rdinit");
	CHECK(strcmp(a->rdinit, "/init") == 0 && a->argc == 1);
}

static void test_env_replace_and_quotes(void)
{
	struct init_args *a = parse(
		"TERM=vt100 x=\"a b\" \"quoted word\" x=2 HOMEX=1");

	CHECK(strcmp(ENVS(a), "HOME=/|TERM=vt100|x=2|HOMEX=1") == 0);
	CHECK(strcmp(ARGS(a), "quoted word") == 0);
	a = parse("y=\"a b\" -- \"c d\" e=\"f g\"");
	CHECK(strcmp(ENVS(a), "HOME=/|TERM=linux|y=a b") == 0);
	CHECK(strcmp(ARGS(a), "c d|e=f g") == 0);
}

static void test_limits(void)
{
	static char line[8192];
	size_t len = 0;
	struct init_args *a;

	for (int i = 0; i < INIT_MAX_ARGS; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "a%d ", i);
	a = parse(line);
	CHECK(a->argc == INIT_MAX_ARGS + 1 && a->too_many == NULL);
	snprintf(line + len, sizeof(line) - len, "one-more");
	a = parse(line);
	CHECK(a->too_many != NULL && strcmp(a->too_many, "init") == 0);
	CHECK(strcmp(a->too_many_at, "one-more") == 0);

	len = 0;
	for (int i = 0; i < INIT_MAX_ENVS - 2; i++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, "E%d=v ", i);
	a = parse(line);
	CHECK(a->envc == INIT_MAX_ENVS && a->too_many == NULL);
	snprintf(line + len, sizeof(line) - len, "E%d=v", 99);
	a = parse(line);
	CHECK(a->too_many != NULL && strcmp(a->too_many, "env") == 0);

	/* A command line longer than the buffer is cut, not overrun. */
	memset(line, 'x', 5000);
	line[5000] = 0;
	a = parse(line);
	CHECK(a->argc == 2 && strlen(a->argv[1]) == INIT_CMDLINE_MAX);
}

int main(void)
{
	test_defaults();
	test_split();
	test_init_params();
	test_env_replace_and_quotes();
	test_limits();
	return check_report("test_init_args", failures);
}
