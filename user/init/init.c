// SPDX-License-Identifier: GPL-2.0
/*
 * user/init/init.c - /init of the demo initramfs (build/racho.cpio): runs
 * every program in /apps at once, time-shared, reports how each one ended
 * and powers the machine off.
 *
 * It is what the kernel used to do with its embedded apps, moved to user
 * space where Linux has it: fork + execve per app (sorted by name), then
 * wait4 until no child is left. Fault apps are killed by the kernel,
 * which logs why; init only sees the signal in the wait status. As pid 1
 * it must not exit (the kernel would panic): it ends with reboot(2).
 */
#include "ulib.h"

#define SYS_openat 56
#define SYS_close 57
#define SYS_getdents64 61
#define SYS_reboot 142
#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_DIRECTORY 0200000
#define O_CLOEXEC 02000000
#define LINUX_REBOOT_MAGIC1 0xfee1deadL
#define LINUX_REBOOT_MAGIC2 672274793L
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedcL

#define APPS_DIR "/apps"
#define MAX_APPS 32
#define NAME_MAX 64

struct app {
	char name[NAME_MAX];
	long pid;
};

static struct app apps[MAX_APPS];
static int napps;

static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static void add_app(const char *name)
{
	size_t n = strlen(name);
	int i;

	if (name[0] == '.' || n >= NAME_MAX || napps == MAX_APPS)
		return;
	/* Insertion in name order. */
	for (i = napps; i > 0 && str_cmp(apps[i - 1].name, name) > 0; i--)
		apps[i] = apps[i - 1];
	memcpy(apps[i].name, name, n + 1);
	apps[i].pid = 0;
	napps++;
}

/* linux_dirent64: ino, off, reclen, type, name. */
static void list_apps(void)
{
	static char buf[4096];
	long fd = syscall6(SYS_openat, AT_FDCWD, (long)APPS_DIR,
			   O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0, 0);
	long n;

	if (fd < 0) {
		printf("[init] cannot open %s: error %ld\n", APPS_DIR, fd);
		return;
	}
	while ((n = syscall6(SYS_getdents64, fd, (long)buf, sizeof(buf), 0, 0,
			     0)) > 0) {
		for (long off = 0; off < n;) {
			unsigned short reclen;

			memcpy(&reclen, buf + off + 16, sizeof(reclen));
			add_app(buf + off + 19);
			off += reclen;
		}
	}
	syscall6(SYS_close, fd, 0, 0, 0, 0, 0);
}

static void start(int i)
{
	static char path[sizeof(APPS_DIR) + NAME_MAX];
	char *argv[2] = { path, 0 };
	long pid;

	memcpy(path, APPS_DIR "/", sizeof(APPS_DIR));
	memcpy(path + sizeof(APPS_DIR), apps[i].name,
	       strlen(apps[i].name) + 1);
	pid = fork();
	if (pid == 0) {
		long err = execve(path, argv, environ);

		printf("[init] execve %s: error %ld\n", path, err);
		_exit(127);
	}
	if (pid < 0) {
		printf("[init] fork for %s: error %ld\n", path, pid);
		return;
	}
	apps[i].pid = pid;
	printf("[init] app_%d: %s (pid %ld)\n", i, path, pid);
}

/* An app's name, or what init reaps as everybody's reaper. */
static const char *name_of(long pid)
{
	for (int i = 0; i < napps; i++)
		if (apps[i].pid == pid)
			return apps[i].name;
	return "an orphan";
}

static void reap_all(void)
{
	int status;
	long pid;

	while ((pid = wait4(-1, &status, 0, 0)) > 0) {
		if (WIFSIGNALED(status))
			printf("[init] %s (pid %ld) killed by signal %d\n",
			       name_of(pid), pid, WTERMSIG(status));
		else
			printf("[init] %s (pid %ld) exited with code %d\n",
			       name_of(pid), pid, WEXITSTATUS(status));
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	list_apps();
	printf("[init] num_app = %d\n", napps);
	for (int i = 0; i < napps; i++)
		start(i);
	reap_all();
	printf("All applications completed!\n");
	syscall6(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
		 LINUX_REBOOT_CMD_POWER_OFF, 0, 0, 0);
	printf("[init] reboot failed\n");
	for (;;)
		sleep_ms(1000); /* pid 1 must not exit */
}
