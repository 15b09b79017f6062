// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/sleep.c - rCore-Tutorial ch3 sleep: waits 3 s of wall-clock
 * time by yielding in a loop, so the other apps keep running meanwhile.
 */
#include "ulib.h"

int main(int argc, char **argv)
{
	int64_t current_time = get_time();
	int64_t wait_for = current_time + 3000;

	(void)argc;
	(void)argv;
	while (get_time() < wait_for)
		yield();
	printf("Test sleep OK!\n");
	return 0;
}
