// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/main.c - the kernel's entry point, racho_main().
 *
 * ostd has brought the machine up (paging, frames, heap, traps, timer,
 * console) and calls racho_main() on the boot hart, in a task, with
 * interrupts off. The kernel reads its command line, tests the services
 * it relies on, starts one process per embedded app, and hands the hart
 * to the scheduler.
 */
#include <ostd/boot.h>
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/power.h>
#include <ostd/task.h>

#include "apps.h"
#include "cmdline.h"
#include "init.h"
#include "proc.h"
#include "random.h"
#include "sched.h"
#include "selftest.h"
#include "sleep.h"
#include "task.h"
#include "task_files.h"
#include "tty/console.h"

static void start_apps(void)
{
	size_t i;

	ostd_printk("[kernel] num_app = %zu\n", app_count);
	for (i = 0; i < app_count; i++) {
		const struct app_image *app = &app_images[i];
		int pid = task_spawn(app->name,
				     ostd_bytes_of(app->data, app->size));

		if (pid < 0)
			ostd_log(OSTD_LOG_ERROR, "app_%zu %s: not started (error %d)",
				 i, app->name, -pid);
		else
			ostd_printk("[kernel] app_%zu: %s (pid %d, %zu bytes)\n",
				    i, app->name, pid, app->size);
	}
}

_Noreturn void racho_main(void)
{
	ostd_printk("[kernel] Hello, world!\n");
	cmdline_apply();
	selftest_run_all();

	sched_init();
	sleep_init();
	random_init();
	proc_init();
	console_tty_init();
	if (files_boot_init() < 0)
		ostd_panic("no root file system");
	/* With an initrd, its init is pid 1; without, the built-in demo. */
	if (!init_boot())
		start_apps();
	if (task_live_count() == 0) {
		ostd_printk("All applications completed!\n");
		ostd_power_off(false);
	}
	ostd_sched_start();
}
