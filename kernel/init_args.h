/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/init_args.h - init's argv and envp from the kernel command line,
 * by Linux's rules (init/main.c):
 *
 *   - words are split at blanks; double quotes group ("a b"), and
 *     param="value" loses its quotes, as Linux's next_arg() does;
 *   - parameters the kernel knows (rdinit=, init=, loglevel=, quiet,
 *     console=...) are the kernel's; rdinit= and init= also drop the init
 *     arguments collected before them (Linux's "auto" rule);
 *   - unknown parameters whose name has a '.' are module parameters and
 *     go nowhere;
 *   - other unknown "name=value" words go to init's environment,
 *     replacing an earlier variable of the same name, after "HOME=/" and
 *     "TERM=linux";
 *   - other unknown words go to init's argv;
 *   - everything after "--" goes to init's argv, whatever it looks like.
 * argv[0] is left for the path of the program that is run.
 */
#ifndef KERNEL_INIT_ARGS_H
#define KERNEL_INIT_ARGS_H

#include <ostd/bytes.h>
#include <ostd/types.h>

/* Linux's MAX_INIT_ARGS and CONFIG_INIT_ENV_ARG_LIMIT. */
#define INIT_MAX_ARGS 32
#define INIT_MAX_ENVS 32
/* Longer command lines are cut (Linux's riscv COMMAND_LINE_SIZE is 1024). */
#define INIT_CMDLINE_MAX 4096

struct init_args {
	char buf[INIT_CMDLINE_MAX + 1]; /* the words, NUL-terminated in place */
	size_t argc;                    /* argv[0] included */
	size_t envc;
	const char *argv[INIT_MAX_ARGS + 1];
	const char *envp[INIT_MAX_ENVS + 1];
	const char *rdinit;        /* rdinit=, or "/init" */
	const char *init;          /* init=, or NULL */
	const char *too_many;      /* "init" or "env" past the limit, or NULL */
	const char *too_many_at;   /* the parameter that did not fit */
};

/* Splits @cmdline into @a (which must be zeroed). */
void init_args_parse(struct ostd_bytes cmdline, struct init_args *a);

#endif
