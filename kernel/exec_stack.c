// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exec_stack.c - the argument strings and the initial stack of a
 * new program, laid out as Linux's create_elf_tables() does:
 *
 *   USER_STACK_TOP - 8   a NULL word
 *   below it             the file name (AT_EXECFN), envp strings, argv
 *                        strings (argv[0] lowest)
 *   16-aligned, below    the 16 AT_RANDOM bytes
 *   sp (16-aligned)      argc, argv[0..argc-1], NULL, envp[..], NULL,
 *                        auxv pairs ending with AT_NULL
 *
 * argv is what the program sees: for a #! script, the interpreters and
 * their arguments (innermost first), then the script's path, then the
 * caller's argv without its argv[0]. An empty argv becomes { "" } (Linux
 * 5.18+). The caller's strings are read twice from its address space:
 * once to count and measure them (exec_count_args, before anything is
 * built), once to copy them into the new stack, so the kernel never holds
 * more than one chunk of them. Where the argv and envp strings ended up
 * is recorded in the mm (mm_set_args), as Linux's mm->arg_start etc.
 */
#include "errno.h"
#include "exec.h"
#include "exec_internal.h"
#include "mm/mm.h"
#include "random.h"
#include "uapi/resource.h"

/* Bytes of a user string moved per step. */
#define ARG_CHUNK 256
/* Linux's _STK_LIM / 4 * 3: the most argument space, whatever the rlimit. */
#define ARG_SPACE_MAX (6UL << 20)

/* auxv keys (include/uapi/linux/auxvec.h). */
enum {
	AT_NULL = 0,
	AT_PHDR = 3,
	AT_PHENT = 4,
	AT_PHNUM = 5,
	AT_PAGESZ = 6,
	AT_BASE = 7,
	AT_FLAGS = 8,
	AT_ENTRY = 9,
	AT_UID = 11,
	AT_EUID = 12,
	AT_GID = 13,
	AT_EGID = 14,
	AT_HWCAP = 16,
	AT_CLKTCK = 17,
	AT_SECURE = 23,
	AT_RANDOM = 25,
	AT_EXECFN = 31,
};

/* AT_HWCAP: one bit per single-letter extension, rv64imafdc. */
#define HWCAP_RV64GC 0x112dUL
#define AUXV_PAIRS 17

struct exec_auxv {
	uint64_t w[2 * AUXV_PAIRS];
};

/* The @i-th pointer of the user array @arr. */
static int user_ptr(struct mm *mm, ostd_uaddr_t arr, size_t i,
		    ostd_uaddr_t *out)
{
	return mm_copy_from_user(mm, out, arr + i * sizeof(uint64_t),
				 sizeof(uint64_t)) < 0 ? -EFAULT : 0;
}

/*
 * Moves the user string at @src to @dst in @to (or only measures it if
 * @to is NULL), NUL included, at most @max bytes with the NUL. Returns
 * its length without the NUL, -EFAULT, or -E2BIG.
 */
static long user_string(struct mm *from, ostd_uaddr_t src, struct mm *to,
			ostd_uaddr_t dst, uint64_t max)
{
	uint8_t buf[ARG_CHUNK];
	uint64_t done = 0;

	for (;;) {
		size_t got = mm_copy_from_user_upto(from, buf, src + done,
						    sizeof(buf));
		long nul = ostd_bytes_find(ostd_bytes_of(buf, got), 0, 0);
		size_t keep = got;

		if (nul >= 0)
			keep = nul + 1;

		if (done + keep > max)
			return -E2BIG;
		if (to && mm_copy_to_user(to, dst + done, buf, keep) < 0)
			return -EFAULT;
		done += keep;
		if (nul >= 0)
			return done - 1;
		if (got < sizeof(buf))
			return -EFAULT;
	}
}

/* Counts a user string array and adds its strings' sizes to *size. */
static int count_array(struct mm *mm, ostd_uaddr_t arr, size_t *count,
		       uint64_t *size)
{
	size_t n = 0;

	for (; arr; n++) {
		ostd_uaddr_t s;
		long len;

		if (user_ptr(mm, arr, n, &s) < 0)
			return -EFAULT;
		if (!s)
			break;
		if (n >= EXEC_MAX_ARG_STRINGS)
			return -E2BIG;
		len = user_string(mm, s, NULL, 0, EXEC_MAX_ARG_STRLEN);
		if (len < 0)
			return len;
		*size += len + 1;
	}
	*count = n;
	return 0;
}

int exec_count_args(struct exec_ctx *x)
{
	int err;

	x->uargc = 0;
	x->uenvc = 0;
	x->strings_size = 0;
	if (!x->umm)
		return 0;
	err = count_array(x->umm, x->uargv, &x->uargc, &x->strings_size);
	if (err == 0)
		err = count_array(x->umm, x->uenvp, &x->uenvc,
				  &x->strings_size);
	return err;
}

/*
 * The kernel-made strings at the start of argv (interpreters, their
 * arguments, the script path, or "" for an empty argv): how many, and
 * the @i-th one.
 */
static bool kernel_arg(const struct exec_ctx *x, size_t i,
		       struct ostd_bytes *out)
{
	size_t k, n = 0;

	for (k = x->ninterp; k > 0; k--) {
		const struct exec_interp *in = &x->interp[k - 1];

		if (n++ == i) {
			*out = ostd_bytes_cstr(in->name);
			return true;
		}
		if (in->has_arg && n++ == i) {
			*out = ostd_bytes_cstr(in->arg);
			return true;
		}
	}
	/* A script's path, or a kernel-started program's name. */
	if ((x->ninterp > 0 || !x->umm) && n++ == i) {
		*out = ostd_bytes_of(x->filename.s, x->filename.len);
		return true;
	}
	if (x->empty_argv0 && n++ == i) {
		*out = ostd_bytes_empty();
		return true;
	}
	return false;
}

static size_t kernel_argc(const struct exec_ctx *x)
{
	struct ostd_bytes s;
	size_t n = 0;

	while (kernel_arg(x, n, &s))
		n++;
	return n;
}

/* How many of the caller's argv strings are skipped (a script's argv[0]). */
static size_t user_skip(const struct exec_ctx *x)
{
	return x->ninterp > 0 && x->uargc > 0 ? 1 : 0;
}

/* Bytes of argument space allowed (Linux's bprm_stack_limits()). */
static uint64_t arg_space(const struct exec_ctx *x)
{
	uint64_t limit = x->task->rlim[RLIMIT_STACK].cur / 4;

	if (limit > ARG_SPACE_MAX)
		limit = ARG_SPACE_MAX;
	return limit < EXEC_ARG_MAX ? EXEC_ARG_MAX : limit;
}

/*
 * Fixes argc and the total string size now that the #! chain is known,
 * and checks them against the argument space: -E2BIG.
 */
static int exec_size_args(struct exec_ctx *x, uint64_t *total)
{
	size_t nk, i;
	uint64_t size = x->strings_size + x->filename.len + 1;
	struct ostd_bytes s;

	x->empty_argv0 = x->uargc == 0 && x->ninterp == 0 && x->umm != NULL;
	nk = kernel_argc(x);
	for (i = 0; i < nk; i++) {
		kernel_arg(x, i, &s);
		size += s.len + 1;
	}
	if (user_skip(x)) {
		ostd_uaddr_t a0;
		long len;

		if (user_ptr(x->umm, x->uargv, 0, &a0) < 0)
			return -EFAULT;
		len = user_string(x->umm, a0, NULL, 0, EXEC_MAX_ARG_STRLEN);
		if (len < 0)
			return len;
		size -= len + 1;
	}
	x->argc = nk + x->uargc - user_skip(x);
	*total = size;
	if (size + (x->argc + x->uenvc + 2) * sizeof(uint64_t) > arg_space(x))
		return -E2BIG;
	return 0;
}

/* Writes one pointer of a table. */
static int put_word(struct mm *mm, ostd_uaddr_t at, uint64_t v)
{
	return mm_copy_to_user(mm, at, &v, sizeof(v)) < 0 ? -EFAULT : 0;
}

/* Writes a kernel string and its NUL at @dst; returns its size. */
static long put_kstring(struct mm *mm, ostd_uaddr_t dst, struct ostd_bytes s)
{
	uint8_t buf[ARG_CHUNK];
	size_t done = 0;

	for (;;) {
		size_t n = ostd_bytes_copy(s, done, buf, sizeof(buf));

		if (n < sizeof(buf))
			buf[n++] = 0; /* the NUL; n <= ARG_CHUNK */
		if (mm_copy_to_user(mm, dst + done, buf, n) < 0)
			return -EFAULT;
		done += n;
		if (done > s.len)
			return done;
	}
}

/*
 * Copies every argv (@env false) or envp string to *@cursor upwards and
 * fills the pointer table at @table. @end bounds the string area.
 */
static int put_strings(struct exec_ctx *x, bool env, ostd_uaddr_t table,
		       ostd_uaddr_t *cursor, ostd_uaddr_t end)
{
	size_t nk = env ? 0 : kernel_argc(x);
	size_t first = env ? 0 : user_skip(x);
	size_t nu = env ? x->uenvc : x->uargc;
	ostd_uaddr_t arr = env ? x->uenvp : x->uargv;
	size_t i, slot = 0;

	for (i = 0; i < nk + nu - first; i++, slot++) {
		struct ostd_bytes ks;
		ostd_uaddr_t us;
		long len;

		if (i < nk) {
			kernel_arg(x, i, &ks);
			len = put_kstring(x->mm, *cursor, ks);
		} else if (user_ptr(x->umm, arr, i - nk + first, &us) < 0) {
			return -EFAULT;
		} else {
			len = user_string(x->umm, us, x->mm, *cursor,
					  end - *cursor);
			len = len < 0 ? len : len + 1;
		}
		if (len < 0)
			return len;
		if (put_word(x->mm, table + slot * sizeof(uint64_t), *cursor) < 0)
			return -EFAULT;
		*cursor += len;
	}
	return put_word(x->mm, table + slot * sizeof(uint64_t), 0);
}

static void fill_auxv(const struct exec_ctx *x, struct exec_auxv *a,
		      ostd_uaddr_t random, ostd_uaddr_t execfn)
{
	const struct elf_image *e = &x->elf;
	const struct task_cred *c = &x->task->cred;
	struct exec_auxv v = { {
		AT_HWCAP, HWCAP_RV64GC,
		AT_PAGESZ, OSTD_PAGE_SIZE,
		AT_CLKTCK, USER_HZ,
		/* Linux: the load bias if no segment holds the headers. */
		AT_PHDR, e->phdr_vaddr ? e->phdr_vaddr : e->bias,
		AT_PHENT, ELF64_PHDR_SIZE,
		AT_PHNUM, e->phnum,
		AT_BASE, 0, /* no interpreter */
		AT_FLAGS, 0,
		AT_ENTRY, e->entry,
		AT_UID, c->uid,
		AT_EUID, c->euid,
		AT_GID, c->gid,
		AT_EGID, c->egid,
		AT_SECURE, 0,
		AT_RANDOM, random,
		AT_EXECFN, execfn,
		AT_NULL, 0,
	} };

	*a = v;
}

static uint64_t align16(uint64_t a)
{
	return a & ~15ULL;
}

/* Writes argc, argv, envp and auxv at @sp. */
static int put_tables(struct exec_ctx *x, ostd_uaddr_t sp, ostd_uaddr_t lo,
		      ostd_uaddr_t hi, const struct exec_auxv *auxv)
{
	ostd_uaddr_t argv = sp + sizeof(uint64_t);
	ostd_uaddr_t envp = argv + (x->argc + 1) * sizeof(uint64_t);
	ostd_uaddr_t cursor = lo;
	struct mm_args where = { .arg_start = lo };
	int err = put_word(x->mm, sp, x->argc);

	if (err == 0)
		err = put_strings(x, false, argv, &cursor, hi);
	where.arg_end = cursor;
	where.env_start = cursor;
	if (err == 0)
		err = put_strings(x, true, envp, &cursor, hi);
	where.env_end = cursor;
	if (err == 0 && cursor != hi)
		err = -EFAULT; /* the caller's strings changed under us */
	if (err == 0) /* for /proc/<pid>/cmdline and environ */
		mm_set_args(x->mm, &where);
	if (err == 0 &&
	    mm_copy_to_user(x->mm, envp + (x->uenvc + 1) * sizeof(uint64_t),
			    auxv, sizeof(*auxv)) < 0)
		err = -EFAULT;
	return err;
}

int exec_build_stack(struct exec_ctx *x)
{
	struct random_chunk rnd;
	struct exec_auxv auxv;
	uint64_t strings, words;
	ostd_uaddr_t execfn, lo, random, sp;
	int err = exec_size_args(x, &strings);

	if (err < 0)
		return err;
	/* From the top: a NULL word, then the file name. */
	execfn = USER_STACK_TOP - sizeof(uint64_t) - (x->filename.len + 1);
	if (put_kstring(x->mm, execfn,
			ostd_bytes_of(x->filename.s, x->filename.len)) < 0)
		return -EFAULT;
	lo = execfn - (strings - (x->filename.len + 1));
	random = align16(lo) - 16;
	random_get(&rnd);
	if (mm_copy_to_user(x->mm, random, rnd.bytes, 16) < 0)
		return -EFAULT;
	words = 1 + x->argc + 1 + x->uenvc + 1 + 2 * AUXV_PAIRS;
	sp = align16(random - words * sizeof(uint64_t));
	fill_auxv(x, &auxv, random, execfn);
	err = put_tables(x, sp, lo, execfn, &auxv);
	if (err < 0)
		return err;
	x->ctx.regs[OSTD_REG_SP] = sp;
	x->ctx.pc = x->elf.entry;
	return 0;
}
