// SPDX-License-Identifier: GPL-2.0
/*
 * user/apps/tty_echo.c - reads two lines from the console (fd 0) and
 * prints what read(2) returned, with control bytes escaped.
 *
 * It waits for input, so it is not in the default app set (the boot test
 * expects every app to finish on its own): build with -Dtty_echo_app=true
 * and run tests/boot/run_tty.py, which types the lines. The first line
 * arrives while other apps run (the UART interrupt comes in from user
 * mode), the second once the hart is idle (it comes in the idle loop).
 */
#include "ulib.h"

#define SYS_read 63

static long read(int fd, void *buf, size_t len)
{
	return syscall6(SYS_read, fd, (long)buf, (long)len, 0, 0, 0);
}

/* @buf[0..n) as text, with \n and other control bytes spelled out. */
static void escape(char *dst, size_t size, const char *buf, long n)
{
	size_t o = 0;

	for (long i = 0; i < n && o + 5 < size; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n') {
			dst[o++] = '\\';
			dst[o++] = 'n';
		} else if (c < 32 || c == 127) {
			static const char hex[] = "0123456789abcdef";

			dst[o++] = '\\';
			dst[o++] = 'x';
			dst[o++] = hex[c >> 4];
			dst[o++] = hex[c & 15];
		} else {
			dst[o++] = (char)c;
		}
	}
	dst[o] = 0;
}

int main(int argc, char **argv)
{
	char buf[128], text[600];

	(void)argc;
	(void)argv;
	for (int round = 1; round <= 2; round++) {
		long n;

		printf("tty_echo: ready %d\n", round);
		n = read(0, buf, sizeof(buf));
		if (n < 0) {
			printf("tty_echo: read failed (%ld)\n", n);
			return 1;
		}
		escape(text, sizeof(text), buf, n);
		printf("tty_echo: got %ld bytes [%s]\n", n, text);
	}
	printf("Test tty_echo OK!\n");
	return 0;
}
