// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_pipe.c - pipes and FIFOs: pipe2 flags, reads that return
 * what is there, EOF, EAGAIN, the 64 KiB capacity, EPIPE, FIONREAD,
 * ESPIPE, readv across segments, blocking readers and writers (with a
 * child process), and FIFO open rules (ENXIO, O_RDWR, blocking opens).
 *
 * EPIPE: on Linux a write with no reader also raises SIGPIPE, which kills
 * the writer unless the signal is ignored; the test ignores it first
 * (racho has no signals yet, so there only the EPIPE matters).
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "scratch.h"

#define PIPE_CAPACITY 65536
#define UNMAPPED ((void *)0x12345000UL)

static char big[PIPE_CAPACITY + 8192];

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static void test_basics(void)
{
	char buf[16];
	struct stat st;
	int p[2], n = -1;

	CHECK_EQ("pipe.pipe2", pipe2(p, 0), 0);
	CHECK_EQ("pipe.write", write(p[1], "abc", 3), 3);
	CHECK_EQ("pipe.fionread", ioctl(p[0], FIONREAD, &n) == 0 ? n : -1, 3);
	CHECK_EQ("pipe.read.short", read(p[0], buf, sizeof(buf)), 3);
	CHECK_EQ("pipe.read.zero_len", read(p[0], buf, 0), 0);
	CHECK_EQ("pipe.write.zero_len", write(p[1], buf, 0), 0);
	CHECK("pipe.fstat.fifo", fstat(p[0], &st) == 0 && st.st_mode == (S_IFIFO | 0600),
	      "mode %o", st.st_mode);
	CHECK_EQ("pipe.getfl.read_end", fcntl(p[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ("pipe.getfl.write_end", fcntl(p[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_EQ("pipe.no_cloexec", fcntl(p[0], F_GETFD), 0);
	CHECK_ERR("pipe.lseek.espipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR("pipe.pread.espipe", pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR("pipe.pwrite.espipe", pwrite(p[1], buf, 1, 0), ESPIPE);
	CHECK_ERR("pipe.read.ebadf_write_end", read(p[1], buf, 1), EBADF);
	CHECK_ERR("pipe.write.ebadf_read_end", write(p[0], "x", 1), EBADF);
	CHECK_ERR("pipe.fsync.einval", fsync(p[0]), EINVAL);
	CHECK_EQ("pipe.readv.write", write(p[1], "abcdef", 6), 6);
	{
		char a[3], b[10];
		struct iovec iov[2] = { { a, sizeof(a) }, { b, sizeof(b) } };

		/* one read over both segments; it must not wait for more */
		CHECK_EQ("pipe.readv.across_segments", readv(p[0], iov, 2), 6);
		CHECK("pipe.readv.data", memcmp(a, "abc", 3) == 0 && memcmp(b, "def", 3) == 0,
		      "got %.3s %.3s", a, b);
	}
	close(p[1]);
	CHECK_EQ("pipe.read.eof", read(p[0], buf, sizeof(buf)), 0);
	close(p[0]);

	CHECK_ERR("pipe.pipe2.einval_flags", pipe2(p, O_APPEND), EINVAL);
	CHECK_ERR("pipe.pipe2.efault", syscall(SYS_pipe2, UNMAPPED, 0), EFAULT);
	CHECK_EQ("pipe.pipe2.cloexec", pipe2(p, O_CLOEXEC), 0);
	CHECK("pipe.pipe2.cloexec_both", fcntl(p[0], F_GETFD) == FD_CLOEXEC &&
	      fcntl(p[1], F_GETFD) == FD_CLOEXEC, "fd flags %d %d",
	      fcntl(p[0], F_GETFD), fcntl(p[1], F_GETFD));
	close(p[0]);
	close(p[1]);
}

static void test_nonblock_and_capacity(void)
{
	char buf[16];
	int p[2];

	CHECK_EQ("pipe.pipe2.nonblock", pipe2(p, O_NONBLOCK), 0);
	CHECK("pipe.pipe2.nonblock_flag", (fcntl(p[0], F_GETFL) & O_NONBLOCK) &&
	      (fcntl(p[1], F_GETFL) & O_NONBLOCK), "flags %x", fcntl(p[0], F_GETFL));
	CHECK_ERR("pipe.read.eagain", read(p[0], buf, sizeof(buf)), EAGAIN);
	CHECK_EQ("pipe.capacity.fill", write(p[1], big, PIPE_CAPACITY), PIPE_CAPACITY);
	CHECK_ERR("pipe.capacity.full_eagain", write(p[1], "x", 1), EAGAIN);
	CHECK_EQ("pipe.capacity.drain_page", read(p[0], big, 4096), 4096);
	CHECK_EQ("pipe.capacity.room_again", write(p[1], "x", 1), 1);
	close(p[0]);
	close(p[1]);

	pipe2(p, O_NONBLOCK);
	CHECK_EQ("pipe.write.partial_nonblock", write(p[1], big, sizeof(big)), PIPE_CAPACITY);
	close(p[0]);
	close(p[1]);

	/* F_SETFL turns blocking off on a blocking pipe */
	pipe2(p, 0);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	CHECK_ERR("pipe.setfl.nonblock", read(p[0], buf, 1), EAGAIN);
	close(p[0]);
	close(p[1]);
}

static void test_epipe(void)
{
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	int p[2];

	pipe2(p, 0);
	close(p[0]);
	CHECK_ERR("pipe.write.epipe", write(p[1], "x", 1), EPIPE);
	close(p[1]);
	signal(SIGPIPE, old == SIG_ERR ? SIG_DFL : old);
}

/* A child that runs @fn(@arg) and exits with its result. */
static pid_t spawn(int (*fn)(int), int arg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn(arg));
	return pid;
}

static int late_writer(int fd)
{
	sleep_ms(50);
	return write(fd, "late", 4) == 4 ? 0 : 1;
}

static int bulk_writer(int fd)
{
	static char chunk[10000];

	for (int i = 0; i < 26; i++) {
		memset(chunk, 'a' + i, sizeof(chunk));
		for (size_t off = 0; off < sizeof(chunk);) {
			ssize_t n = write(fd, chunk + off, sizeof(chunk) - off);

			if (n <= 0)
				return 1;
			off += (size_t)n;
		}
	}
	return 0;
}

static int wait_status(pid_t pid)
{
	int st = -1;

	return waitpid(pid, &st, 0) == pid ? st : -1;
}

static void test_blocking(void)
{
	char buf[4096];
	unsigned long total = 0, sum = 0;
	int p[2];
	pid_t pid;
	ssize_t n;

	pipe2(p, 0);
	pid = spawn(late_writer, p[1]);
	CHECK("pipe.fork", pid > 0, "fork: %s", harness_errname(errno));
	if (pid <= 0)
		return;
	close(p[1]);
	CHECK_EQ("pipe.block.read_waits", read(p[0], buf, sizeof(buf)), 4);
	CHECK_EQ("pipe.block.eof_after_writer_exit", read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ("pipe.block.child_status", wait_status(pid), 0);
	close(p[0]);

	pipe2(p, 0);
	pid = spawn(bulk_writer, p[1]);
	close(p[1]);
	sleep_ms(20); /* let the writer fill the pipe and block */
	while ((n = read(p[0], buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++)
			sum += (unsigned char)buf[i];
		total += (unsigned long)n;
	}
	CHECK_EQ("pipe.block.bulk_bytes", total, 260000);
	CHECK_EQ("pipe.block.bulk_sum", sum, 10000UL * (97 + 122) * 26 / 2);
	CHECK_EQ("pipe.block.bulk_status", wait_status(pid), 0);
	close(p[0]);
}

static int fifo_writer(int unused)
{
	int fd = open("fifo", O_WRONLY); /* waits for the reader */

	(void)unused;
	if (fd < 0)
		return 1;
	return write(fd, "x", 1) == 1 ? 0 : 2;
}

static void test_fifo(void)
{
	char buf[8];
	struct stat st;
	int r, w, rw;
	pid_t pid;

	CHECK_EQ("pipe.mkfifo", mkfifo("fifo", 0644), 0);
	CHECK("pipe.mkfifo.stat", stat("fifo", &st) == 0 && st.st_mode == (S_IFIFO | 0644) &&
	      st.st_size == 0, "mode %o", st.st_mode);
	CHECK_ERR("pipe.fifo.enxio", open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	r = open("fifo", O_RDONLY | O_NONBLOCK);
	CHECK("pipe.fifo.open_reader_nonblock", r >= 0, "open: %s", harness_errname(errno));
	CHECK_EQ("pipe.fifo.read_no_writer_eof", read(r, buf, sizeof(buf)), 0);
	w = open("fifo", O_WRONLY | O_NONBLOCK);
	CHECK("pipe.fifo.open_writer", w >= 0, "open: %s", harness_errname(errno));
	CHECK_ERR("pipe.fifo.read_eagain", read(r, buf, sizeof(buf)), EAGAIN);
	CHECK_EQ("pipe.fifo.write", write(w, "hi", 2), 2);
	CHECK_EQ("pipe.fifo.read", read(r, buf, sizeof(buf)), 2);
	close(w);
	CHECK_EQ("pipe.fifo.eof", read(r, buf, sizeof(buf)), 0);
	close(r);
	rw = open("fifo", O_RDWR);
	CHECK("pipe.fifo.rdwr_no_wait", rw >= 0, "open: %s", harness_errname(errno));
	CHECK_EQ("pipe.fifo.rdwr_write", write(rw, "abc", 3), 3);
	CHECK_EQ("pipe.fifo.rdwr_read", read(rw, buf, sizeof(buf)), 3);
	close(rw);
	/* data does not outlive the opens */
	rw = open("fifo", O_RDWR);
	write(rw, "zz", 2);
	close(rw);
	r = open("fifo", O_RDONLY | O_NONBLOCK);
	CHECK_EQ("pipe.fifo.data_dropped_on_last_close", read(r, buf, sizeof(buf)), 0);
	close(r);

	pid = spawn(fifo_writer, 0);
	if (pid <= 0)
		return;
	sleep_ms(20);
	r = open("fifo", O_RDONLY); /* the writer is waiting: no wait here */
	CHECK("pipe.fifo.blocking_open", r >= 0, "open: %s", harness_errname(errno));
	CHECK_EQ("pipe.fifo.blocking_read", read(r, buf, sizeof(buf)), 1);
	CHECK_EQ("pipe.fifo.writer_status", wait_status(pid), 0);
	close(r);
	unlink("fifo");
}

int test_pipe(void)
{
	harness_begin("pipe");
	test_basics();
	test_nonblock_and_capacity();
	test_epipe();
	test_blocking();
	if (scratch_begin("pipe")) {
		test_fifo();
		scratch_end("pipe");
	}
	return harness_end();
}
