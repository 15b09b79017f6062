// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/init.c - booting user space like Linux's init/main.c.
 *
 * With an initrd: unpack it into the root tmpfs (initramfs.c); mount
 * devtmpfs on /dev and proc on /proc (Linux leaves both to init when it
 * boots from an initramfs; racho mounts them so every init finds its
 * devices); open /dev/console as fds 0, 1 and 2 (console_on_rootfs);
 * then run init as Linux's kernel_init() does:
 *
 *   rdinit= (default /init)      "Failed to execute ... (error N)" if not
 *   init=, if given              panic "Requested init ... failed" if not
 *   /sbin/init /etc/init /bin/init /bin/sh
 *   panic "No working init found. ..."
 *
 * Each attempt is an execve() by the new process itself, with argv[0]
 * the path tried, the rest of argv and envp from the command line
 * (init_args.c). execve() takes its arguments from user memory, so they
 * are first written into a small scratch address space of the new
 * process, which the successful exec replaces, as Linux's
 * kernel_execve() copies them from kernel memory. The process becomes
 * pid 1 once an exec succeeds, and the reaper of orphans.
 *
 * Panics print Linux's wording after "Kernel panic - not syncing: ".
 */
#include <ostd/boot.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/task.h>
#include <ostd/time.h>

#include "console_file.h"
#include "drivers/mem.h"
#include "errno.h"
#include "exec.h"
#include "fault.h"
#include "fs/devtmpfs.h"
#include "fs/fdtable.h"
#include "fs/procfs.h"
#include "fs/vfs.h"
#include "init.h"
#include "init_args.h"
#include "initramfs.h"
#include "mm/mm.h"
#include "proc.h"
#include "task.h"
#include "task_files.h"
#include "uapi/fcntl.h"

/* Where the scratch space keeps execve()'s arguments. */
#define SCRATCH_BASE 0x10000UL
#define SCRATCH_SIZE (4 * OSTD_PAGE_SIZE)
#define SCRATCH_ENVP (SCRATCH_BASE + 512)
#define SCRATCH_STRINGS (SCRATCH_BASE + 1024)

/* pid 1 once it runs; read-only afterwards. */
static const struct kernel_task *init_task;

void init_check_exit(const struct kernel_task *t, int status)
{
	if (t == init_task && init_task != NULL)
		ostd_panic("Kernel panic - not syncing: Attempted to kill init! exitcode=0x%08x",
			   status);
}

/* ---- /dev and /proc ---- */

/*
 * /dev/tty and /dev/console (major 5) are the console TTY. TODO: register
 * the TTY layer's own driver once kernel/tty has one; until then an open
 * takes the operations of the early console file, which are the console
 * TTY's (reads, writes, termios ioctls).
 */
static int ttyaux_open(struct inode *ino, struct file *f)
{
	struct file *c = console_file_get();

	(void)ino;
	if (c == NULL)
		return -ENXIO;
	f->fops = c->fops;
	file_put(c);
	return 0;
}

static const struct file_ops ttyaux_fops = {
	.open = ttyaux_open,
};

static void register_devices(void)
{
	int r = mem_init();

	/* -EBUSY: the TTY layer has registered its own driver already. */
	if (r == 0 && vfs_register_chrdev(TTYAUX_MAJOR, &ttyaux_fops) == -ENOMEM)
		r = -ENOMEM;
	if (r == 0)
		r = devtmpfs_init();
	if (r == 0)
		r = procfs_init();
	if (r < 0)
		ostd_panic("init: cannot register /dev and /proc (error %d)", r);
}

/* mkdir -p @dir (one level) and mount @type there; a failure is logged. */
static void mount_at(struct fs_context *ctx, const char *dir, const char *type)
{
	struct ostd_bytes path = ostd_bytes_cstr(dir);
	int r = vfs_mkdir(ctx, NULL, path, 0755);

	if (r == 0 || r == -EEXIST)
		r = vfs_mount(ctx, ostd_bytes_cstr(type), NULL, path,
			      ostd_bytes_cstr(type), 0);
	if (r < 0)
		ostd_log(OSTD_LOG_ERROR, "init: cannot mount %s on %s (error %d)",
			 type, dir, r);
	else
		ostd_log(OSTD_LOG_DEBUG, "init: mounted %s on %s", type, dir);
}

static void mount_dev_proc(void)
{
	struct fs_context *ctx = fs_context_new_root();

	if (ctx == NULL)
		ostd_panic("Kernel panic - not syncing: init: out of memory");
	mount_at(ctx, "/dev", "devtmpfs");
	mount_at(ctx, "/proc", "proc");
	fs_context_put(ctx);
}

/* ---- the init process ---- */

/* Linux's console_on_rootfs(): /dev/console as fds 0, 1 and 2. */
static void console_on_rootfs(struct kernel_task *t)
{
	struct file *f;
	int fd;

	if (vfs_open(t->fs, NULL, ostd_bytes_cstr("/dev/console"), O_RDWR, 0,
		     &f) < 0) {
		ostd_printk("Warning: unable to open an initial console.\n");
		return;
	}
	for (fd = 0; fd < 3; fd++)
		if (fd_install(t->fdt, file_get(f), false, 0) != fd)
			ostd_panic("init: cannot install fd %d", fd);
	file_put(f);
}

/* The process that becomes init: root, no program yet, fds 0-2. */
static struct kernel_task *init_task_new(void)
{
	struct kernel_task *t = OSTD_NEW(struct kernel_task);

	if (t == NULL)
		ostd_panic("Kernel panic - not syncing: init: out of memory");
	t->start_ns = ostd_time_monotonic_ns();
	t->exit_signal = SIGCHLD;
	task_init_creds(t);
	t->fdt = fdtable_new();
	t->fs = fs_context_new_root();
	if (t->fdt == NULL || t->fs == NULL)
		ostd_panic("Kernel panic - not syncing: init: out of memory");
	console_on_rootfs(t);
	return t;
}

/* Copies @s with its NUL to *@at in @mm; stores its address in *@ua. */
static int put_string(struct mm *mm, const char *s, uint64_t *at,
		      uint64_t *ua)
{
	size_t n = ostd_bytes_cstr(s).len + 1;

	if (*at + n > SCRATCH_BASE + SCRATCH_SIZE)
		return -E2BIG;
	*ua = *at;
	if (mm_copy_to_user(mm, *at, s, n) < 0)
		return -ENOMEM;
	*at += n;
	return 0;
}

/* Writes argv (or envp if @env) as a NULL-terminated table at @table. */
static int put_table(struct mm *mm, const struct init_args *a, bool env,
		     uint64_t table, uint64_t *at)
{
	size_t n = env ? a->envc : a->argc;
	uint64_t ua = 0;
	size_t i;

	for (i = 0; i <= n; i++) {
		const char *s = NULL;

		if (i < n)
			s = env ? a->envp[i] : a->argv[i];
		ua = 0;
		if (s != NULL && put_string(mm, s, at, &ua) < 0)
			return -E2BIG;
		if (mm_copy_to_user(mm, table + i * sizeof(ua), &ua,
				    sizeof(ua)) < 0)
			return -ENOMEM;
	}
	return 0;
}

/* The scratch space with path, argv and envp, as @t's address space. */
static int scratch_args(struct kernel_task *t, const struct init_args *a,
			uint64_t *path)
{
	uint64_t at = SCRATCH_STRINGS;
	int r;

	t->mm = mm_create();
	if (t->mm == NULL)
		return -ENOMEM;
	r = mm_map_anon_fixed(t->mm, SCRATCH_BASE, SCRATCH_SIZE,
			      OSTD_PROT_READ | OSTD_PROT_WRITE);
	if (r == 0)
		r = put_string(t->mm, a->argv[0], &at, path);
	if (r == 0)
		r = put_table(t->mm, a, false, SCRATCH_BASE, &at);
	if (r == 0)
		r = put_table(t->mm, a, true, SCRATCH_ENVP, &at);
	return r;
}

/* Linux's run_init_process(): 0 once @t runs @path, or why not. */
static int run_init_process(struct kernel_task *t, struct init_args *a,
			    const char *path)
{
	uint64_t upath = 0;
	size_t i;
	int r;

	a->argv[0] = path;
	ostd_log(OSTD_LOG_INFO, "Run %s as init process", path);
	for (i = 1; i < a->argc; i++)
		ostd_log(OSTD_LOG_DEBUG, "  with argument: %s", a->argv[i]);
	for (i = 0; i < a->envc; i++)
		ostd_log(OSTD_LOG_DEBUG, "  with environment: %s", a->envp[i]);
	r = scratch_args(t, a, &upath);
	if (r == 0)
		r = exec_execve(t, upath, SCRATCH_BASE, SCRATCH_ENVP);
	if (r < 0 && t->mm != NULL) {
		mm_destroy(t->mm);
		t->mm = NULL;
	}
	return r;
}

static const char *errno_text(int err)
{
	switch (-err) {
	case ENOENT:
		return "no such file";
	case EACCES:
		return "permission denied: not an executable regular file";
	case ENOEXEC:
		return "exec format error: not a riscv64 ELF or #! script";
	case ENOMEM:
		return "out of memory";
	case ELOOP:
		return "too many levels of symbolic links or #! interpreters";
	case ENOTDIR:
		return "a path component is not a directory";
	default:
		return "see the error number";
	}
}

/* Linux's try_to_run_init_process(). */
static int try_init(struct kernel_task *t, struct init_args *a,
		    const char *path)
{
	int r = run_init_process(t, a, path);

	if (r < 0 && r != -ENOENT)
		ostd_printk("Starting init: %s exists but couldn't execute it (error %d: %s)\n",
			    path, r, errno_text(r));
	return r;
}

/* Linux's kernel_init(): the first program that runs is init. */
static void run_init(struct kernel_task *t, struct init_args *a)
{
	static const char *const defaults[] = {
		"/sbin/init", "/etc/init", "/bin/init", "/bin/sh",
	};
	size_t i;
	int r = run_init_process(t, a, a->rdinit);

	if (r == 0)
		return;
	ostd_printk("Failed to execute %s (error %d: %s)\n", a->rdinit, r,
		    errno_text(r));
	if (a->init != NULL) {
		r = run_init_process(t, a, a->init);
		if (r == 0)
			return;
		ostd_panic("Kernel panic - not syncing: Requested init %s failed (error %d: %s).",
			   a->init, r, errno_text(r));
	}
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		if (try_init(t, a, defaults[i]) == 0)
			return;
	ostd_panic("Kernel panic - not syncing: No working init found.  Try passing init= option to kernel. See Linux Documentation/admin-guide/init.rst for guidance.");
}

/* Makes @t, which now runs init, pid 1 and runnable. */
static void start_init(struct kernel_task *t)
{
	int r = proc_attach(t, NULL);

	if (r < 0)
		ostd_panic("Kernel panic - not syncing: init: no pid (error %d)", r);
	if (t->pid != 1)
		ostd_log(OSTD_LOG_WARN, "init: got pid %d, not 1", t->pid);
	t->task = ostd_task_create(task_user_loop, t);
	if (t->task == NULL)
		ostd_panic("Kernel panic - not syncing: init: out of memory");
	init_task = t;
	ostd_sched_wake(t->task);
}

bool init_boot(void)
{
	struct ostd_bytes initrd = ostd_boot_initrd();
	struct init_args *args;
	struct kernel_task *t;

	register_devices();
	if (!ostd_boot_has_initrd()) {
		mount_dev_proc();
		return false;
	}
	if (initrd.len == 0)
		ostd_panic("Kernel panic - not syncing: initramfs: the initrd is empty (0 bytes): give -initrd a newc cpio archive (see tools/mkcpio.py), or leave -initrd out to run the built-in demo");
	initramfs_unpack(initrd);
	mount_dev_proc();
	args = OSTD_NEW(struct init_args);
	if (args == NULL)
		ostd_panic("Kernel panic - not syncing: init: out of memory");
	init_args_parse(ostd_boot_cmdline(), args);
	if (args->too_many != NULL)
		ostd_panic("Kernel panic - not syncing: Too many boot %s vars at `%s'",
			   args->too_many, args->too_many_at);
	t = init_task_new();
	run_init(t, args);
	ostd_heap_free(args);
	start_init(t);
	return true;
}
