// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_sys.c - system-wide calls: uname, getrandom, reboot.
 *
 * uname() says "Linux": racho runs unmodified Linux binaries, and libc
 * and tools parse these fields (a "Linux" sysname and a "6.1.0" release
 * select Linux code paths and feature levels). docs/syscalls.md explains
 * the choice; the release suffix and nodename say what really runs.
 */
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/mem.h>
#include <ostd/power.h>

#include "errno.h"
#include "fsargs.h"
#include "mm/mm.h"
#include "random.h"
#include "syscall.h"
#include "uts.h"

/* struct new_utsname: six NUL-terminated fields of 65 bytes. */
#define UTS_LEN 65
struct linux_utsname {
	char field[6][UTS_LEN];
};

long sys_uname(struct kernel_task *t, const struct syscall_args *args)
{
	static const char *const values[6] = {
		UTS_SYSNAME, UTS_NODENAME, UTS_RELEASE, UTS_VERSION,
		UTS_MACHINE, UTS_DOMAINNAME,
	};
	struct linux_utsname u;
	size_t i;

	ostd_mem_set(&u, 0, sizeof(u));
	for (i = 0; i < 6; i++)
		ostd_bytes_copy(ostd_bytes_cstr(values[i]), 0, &u.field[i][0],
				UTS_LEN - 1);
	if (mm_copy_to_user(t->mm, args->a[0], &u, sizeof(u)) < 0)
		return -EFAULT;
	return 0;
}

/* getrandom(2) flags. */
#define GRND_NONBLOCK 0x1U
#define GRND_RANDOM 0x2U
#define GRND_INSECURE 0x4U
/* Linux caps one request like a read. */
#define MAX_RW_COUNT 0x7ffff000UL

/* A page of generator output. */
static void random_page(struct vfs_kbuf *kb)
{
	struct random_chunk c;
	size_t i;

	for (i = 0; i < OSTD_PAGE_SIZE / RANDOM_CHUNK; i++) {
		random_get(&c);
		ostd_mem_copy(&kb->data[i * RANDOM_CHUNK], &c.bytes[0],
			      RANDOM_CHUNK);
	}
}

/*
 * getrandom(2). The generator is seeded before the first process runs,
 * so it never blocks and GRND_NONBLOCK never fails; GRND_RANDOM draws
 * from the same generator, as on Linux since 5.6. A fault returns the
 * bytes copied before it (EFAULT if none).
 */
long sys_getrandom(struct kernel_task *t, const struct syscall_args *args)
{
	ostd_uaddr_t buf = args->a[0];
	uint64_t len = args->a[1];
	uint32_t flags = args->a[2];
	struct io_target io;
	struct vfs_kbuf *kb;
	size_t done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > MAX_RW_COUNT)
		len = MAX_RW_COUNT;
	if (!fsargs_range_ok(buf, len))
		return -EFAULT;
	kb = OSTD_NEW(struct vfs_kbuf);
	if (kb == NULL)
		return -ENOMEM;
	io = fsargs_io(t, buf);
	while (done < len) {
		size_t n = len - done < OSTD_PAGE_SIZE ? len - done
						       : OSTD_PAGE_SIZE;
		size_t got;

		random_page(kb);
		got = io_from_kbuf(&io, kb, 0, n);
		done += got;
		if (got < n)
			break;
	}
	/* The output must not linger in freed heap memory. */
	ostd_mem_set(&kb->data[0], 0, OSTD_PAGE_SIZE);
	ostd_heap_free(kb);
	return io_result(&io, done);
}

/* <linux/reboot.h> */
#define REBOOT_MAGIC1 0xfee1deadU
#define REBOOT_MAGIC2 672274793U
#define REBOOT_MAGIC2A 85072278U
#define REBOOT_MAGIC2B 369367448U
#define REBOOT_MAGIC2C 537993216U
#define REBOOT_CMD_RESTART 0x01234567U
#define REBOOT_CMD_HALT 0xCDEF0123U
#define REBOOT_CMD_CAD_ON 0x89ABCDEFU
#define REBOOT_CMD_CAD_OFF 0x00000000U
#define REBOOT_CMD_POWER_OFF 0x4321FEDCU
#define REBOOT_CMD_RESTART2 0xA1B2C3D4U

/*
 * reboot(2). Every process is root, so EPERM never happens. Halt powers
 * off too: QEMU has nothing better to do, and the machine must not hang.
 * Ctrl-Alt-Del has no key to come from, so CAD_ON/OFF change nothing.
 */
long sys_reboot(struct kernel_task *t, const struct syscall_args *args)
{
	uint32_t magic1 = args->a[0];
	uint32_t magic2 = args->a[1];
	uint32_t cmd = args->a[2];

	(void)t;
	if (magic1 != REBOOT_MAGIC1 ||
	    (magic2 != REBOOT_MAGIC2 && magic2 != REBOOT_MAGIC2A &&
	     magic2 != REBOOT_MAGIC2B && magic2 != REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case REBOOT_CMD_RESTART:
	case REBOOT_CMD_RESTART2:
		ostd_printk("[kernel] reboot: Restarting system\n");
		ostd_power_reboot();
	case REBOOT_CMD_HALT:
	case REBOOT_CMD_POWER_OFF:
		ostd_printk("[kernel] reboot: Power down\n");
		ostd_power_off(false);
	case REBOOT_CMD_CAD_ON:
	case REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
