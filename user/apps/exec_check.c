// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/exec_check.c - checks execve(2) the way Linux defines it: the
 * initial stack (argc, argv, envp, auxv), #! scripts (nested, with an
 * argument, looping), the errors (ENOENT, EACCES, ENOEXEC, E2BIG, EFAULT,
 * ELOOP) with the caller left intact, close-on-exec, and a static-PIE
 * program. Scripts and files are made in the root tmpfs under /xc.
 * Prints "exec_check: PASS name" or "exec_check: FAIL name: why" per
 * check and "exec_check: N passed, M failed" at the end.
 *
 * The binary is its own exec target. Run as "exec_check MODE ...", it
 * checks what it was given and exits with a code the parent expects
 * (42, 43, 44), or with the number of the first failed check.
 */
#include "ulib.h"

#define ENOENT 2
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define ELOOP 40
#define AT_FDCWD (-100)
#define O_WRONLY 01
#define O_CREAT 0100
#define O_TRUNC 01000
#define O_CLOEXEC 02000000
#define SYS_mkdirat 34
#define SYS_openat 56
#define SYS_close 57
#define UNMAPPED 0x12345000UL

static long sys(long n, long a0, long a1, long a2, long a3)
{
	return syscall6(n, a0, a1, a2, a3, 0, 0);
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/*
 * Runs @path in a child and returns its wait status; a failed execve
 * exits 200 + errno, so the status says which error it was.
 */
static long run(const char *path, char *const argv[], char *const envp[])
{
	int st = -1;
	long pid = fork(), r;

	if (pid == 0) {
		r = execve(path, argv, envp);
		_exit(200 + (int)-r);
	}
	if (pid < 0 || wait4(pid, &st, 0, 0) != pid)
		return -1;
	return st;
}

static long exec_errno(long status)
{
	return WEXITSTATUS(status) >= 200 ? WEXITSTATUS(status) - 200 : 0;
}

static int write_file(const char *path, const char *text, long mode)
{
	long fd = sys(SYS_openat, AT_FDCWD, (long)path,
		      O_WRONLY | O_CREAT | O_TRUNC, mode);
	long n;

	if (fd < 0)
		return (int)fd;
	n = write((int)fd, text, strlen(text));
	sys(SYS_close, fd, 0, 0, 0);
	return n == (long)strlen(text) ? 0 : -1;
}

/* ---- children: what the exec'ed program checks ---- */

extern char _start[];

/* "auxv": argv, envp, the stack alignment and the auxv contents. */
static int child_auxv(int argc, char **argv)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	unsigned long sp = (unsigned long)argv - 8, hw = getauxval(AT_HWCAP);
	int i, nonzero = 0;

	if (argc != 4 || !streq(argv[2], "alpha") || !streq(argv[3], "") ||
	    argv[4] != 0)
		return 1;
	if (!environ[0] || !streq(environ[0], "RACHO=1") ||
	    !streq(environ[1], "EMPTY=") || environ[2] != 0)
		return 2;
	if (sp % 16 != 0)
		return 3;
	if (getauxval(AT_PAGESZ) != 4096 || getauxval(AT_CLKTCK) != 100)
		return 4;
	if (getauxval(AT_ENTRY) != (unsigned long)_start)
		return 5;
	/* Our linker script maps no headers: Linux still gives e_phnum. */
	if (getauxval(AT_PHENT) != 56 || getauxval(AT_PHNUM) == 0)
		return 6;
	for (i = 0; rnd && i < 16; i++)
		nonzero |= rnd[i];
	if (!rnd || !nonzero)
		return 7;
	if (!streq((const char *)getauxval(AT_EXECFN), "/exec_check"))
		return 8;
	if ((hw & 0x112d) != 0x112d) /* rv64imafdc: a bit per letter */
		return 9;
	if (getauxval(AT_UID) != 0 || getauxval(AT_EUID) != 0 ||
	    getauxval(AT_GID) != 0 || getauxval(AT_EGID) != 0 ||
	    getauxval(AT_SECURE) != 0)
		return 10;
	return 42;
}

/*
 * "script": started through #! lines. argv[2...] must equal the values
 * of the "A=" entries of envp, in order, and AT_EXECFN the "E=" entry.
 */
static int child_script(int argc, char **argv)
{
	int i, n = 0;

	if (!streq(argv[0], "/exec_check") || !streq(argv[1], "script one"))
		return 1;
	for (i = 0; environ[i]; i++) {
		const char *e = environ[i];

		if (e[0] == 'E' && e[1] == '=') {
			if (!streq((const char *)getauxval(AT_EXECFN), e + 2))
				return 2;
			continue;
		}
		if (2 + n >= argc || !streq(argv[2 + n], e + 2))
			return 3;
		n++;
	}
	return 2 + n == argc ? 43 : 4;
}

/* "fds": argv[2] was close-on-exec and is closed; argv[3] is open. */
static int child_fds(int argc, char **argv)
{
	long cloexec_fd = argv[2][0] - '0', kept_fd = argv[3][0] - '0';

	if (argc != 4)
		return 1;
	if (write((int)cloexec_fd, "", 0) != -EBADF)
		return 2;
	if (write((int)kept_fd, "", 0) != 0)
		return 3;
	return 44;
}

/* ---- the checks ---- */

static char big_arg[33 * 4096];
static volatile long survivor = 1234;

static void check_errors(void)
{
	char *argv[] = { "x", 0 }, *big[] = { "x", big_arg, 0 };
	long r;

	r = execve("/no/such/file", argv, environ);
	check("missing file: ENOENT", r == -ENOENT, "got %ld", r);
	r = execve("/no_such_app", argv, environ);
	check("missing app: ENOENT", r == -ENOENT, "got %ld", r);
	r = execve((const char *)UNMAPPED, argv, environ);
	check("bad path pointer: EFAULT", r == -EFAULT, "got %ld", r);
	r = execve("/exec_check", (char **)UNMAPPED, environ);
	check("bad argv pointer: EFAULT", r == -EFAULT, "got %ld", r);
	memset(big_arg, 'a', sizeof(big_arg) - 1);
	r = execve("/exec_check", big, environ);
	check("a 132 KiB argument: E2BIG", r == -E2BIG, "got %ld", r);
	check("the caller is intact after failed execs",
	      survivor == 1234 && write(1, "", 0) == 0, "survivor %ld",
	      survivor);
}

static void check_stack(void)
{
	char *argv[] = { "exec_check", "auxv", "alpha", "", 0 };
	char *envp[] = { "RACHO=1", "EMPTY=", 0 };
	long st = run("/exec_check", argv, envp);

	check("argv, envp and auxv as Linux lays them out", st == 42 << 8,
	      "child status %ld (check %ld)", st, WEXITSTATUS(st));
}

static void check_pie(void)
{
	char *argv[] = { "pie_check", "exec", 0 };
	long pid, st = -1;
	int s = -1;

	pid = vfork();
	if (pid == 0) {
		execve("/pie_check", argv, environ);
		_exit(99);
	}
	if (wait4(pid, &s, 0, 0) == pid)
		st = s;
	check("vfork + execve of a static-PIE: exit 0", st == 0,
	      "status %ld (pie_check failed check %ld)", st, WEXITSTATUS(st));
}

static void check_scripts(void)
{
	char *argv[] = { "s", "x", "", "y z", 0 };
	char *env1[] = { "A=/xc/s1", "A=x", "A=", "A=y z", "E=/xc/s1", 0 };
	char *env2[] = { "A=/xc/s1", "A=/xc/s2", "A=x", "A=", "A=y z",
			 "E=/xc/s2", 0 };
	char *noargv[] = { 0 };
	char *env3[] = { "A=/xc/s1", "E=/xc/s1", 0 };
	long r = sys(SYS_mkdirat, AT_FDCWD, (long)"/xc", 0755, 0);

	if (r < 0 && r != -EEXIST) {
		check("mkdir /xc", 0, "got %ld", r);
		return;
	}
	r = write_file("/xc/s1", "#! /exec_check  script one \nignored\n",
		       0755) |
	    write_file("/xc/s2", "#!/xc/s1\n", 0755) |
	    write_file("/xc/loop", "#!/xc/loop\n", 0755) |
	    write_file("/xc/nointerp", "#!/xc/none\n", 0755) |
	    write_file("/xc/empty", "#!", 0755) |
	    write_file("/xc/junk", "just text\n", 0755) |
	    write_file("/xc/noexec", "#!/exec_check\n", 0644);
	check("make the test files", r == 0, "got %ld", r);
	r = run("/xc/s1", argv, env1);
	check("#! script: interpreter, one argument, script path, argv[1..]",
	      r == 43 << 8, "status %ld (check %ld)", r, WEXITSTATUS(r));
	r = run("/xc/s2", argv, env2);
	check("#! script run by a #! script", r == 43 << 8,
	      "status %ld (check %ld)", r, WEXITSTATUS(r));
	r = run("/xc/s1", noargv, env3);
	check("#! script with an empty argv", r == 43 << 8,
	      "status %ld (check %ld)", r, WEXITSTATUS(r));
	r = exec_errno(run("/xc/loop", argv, env1));
	check("#! loop: ELOOP", r == ELOOP, "errno %ld", r);
	r = exec_errno(run("/xc/nointerp", argv, env1));
	check("#! with a missing interpreter: ENOENT", r == ENOENT,
	      "errno %ld", r);
	r = exec_errno(run("/xc/empty", argv, env1));
	check("#! with no interpreter name: ENOENT", r == ENOENT, "errno %ld",
	      r);
	r = exec_errno(run("/xc/junk", argv, env1));
	check("not ELF, not #!: ENOEXEC", r == ENOEXEC, "errno %ld", r);
	r = exec_errno(run("/xc/noexec", argv, env1));
	check("no x bit: EACCES", r == EACCES, "errno %ld", r);
	r = exec_errno(run("/xc", argv, env1));
	check("a directory: EACCES", r == EACCES, "errno %ld", r);
}

static void check_cloexec(void)
{
	long a = sys(SYS_openat, AT_FDCWD, (long)"/xc/fd-a",
		     O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	long b = sys(SYS_openat, AT_FDCWD, (long)"/xc/fd-b",
		     O_WRONLY | O_CREAT, 0644);
	char fa[2] = { (char)('0' + a), 0 }, fb[2] = { (char)('0' + b), 0 };
	char *argv[] = { "exec_check", "fds", fa, fb, 0 };
	long st;

	if (a < 0 || b < 0 || a > 9 || b > 9) {
		check("close-on-exec: open", 0, "fds %ld %ld", a, b);
		return;
	}
	st = run("/exec_check", argv, environ);
	check("close-on-exec fd closed, the other kept", st == 44 << 8,
	      "status %ld (check %ld)", st, WEXITSTATUS(st));
	sys(SYS_close, a, 0, 0, 0);
	sys(SYS_close, b, 0, 0, 0);
}

int main(int argc, char **argv)
{
	check_begin("exec_check");
	if (argc > 1 && streq(argv[1], "auxv"))
		return child_auxv(argc, argv);
	if (argc > 1 && streq(argv[1], "script one"))
		return child_script(argc, argv);
	if (argc > 1 && streq(argv[1], "fds"))
		return child_fds(argc, argv);
	check_errors();
	check_stack();
	check_pie();
	check_scripts();
	check_cloexec();
	return check_end();
}
