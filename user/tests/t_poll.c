// SPDX-License-Identifier: GPL-2.0
/*
 * user/tests/t_poll.c - poll/ppoll and select/pselect6 over pipes, a
 * regular file, /dev/null and the console: readiness, POLLHUP/POLLERR/
 * POLLNVAL, timeouts (and ppoll's remaining time), a wait ended by a
 * child's write, and Linux's EINVAL/EFAULT/EBADF rules.
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define MS 1000000LL
#define UNMAPPED 0x12345000UL

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int poll1(int fd, short events, int timeout, short *revents)
{
	struct pollfd p = { fd, events, 0 };
	int r = poll(&p, 1, timeout);

	*revents = p.revents;
	return r;
}

static void test_pipe_poll(void)
{
	int p[2];
	short re = -1;
	long long t0, t1;
	char buf[8];

	pipe(p);
	CHECK("poll.pipe.empty", poll1(p[0], POLLIN, 0, &re) == 0 && re == 0,
	      "revents 0x%x", re);
	CHECK("poll.pipe.writable", poll1(p[1], POLLOUT, 0, &re) == 1 &&
	      re == POLLOUT, "revents 0x%x", re);
	write(p[1], "ab", 2);
	CHECK("poll.pipe.readable", poll1(p[0], POLLIN | POLLOUT, 0, &re) == 1 &&
	      re == POLLIN, "revents 0x%x", re);
	read(p[0], buf, 2);
	t0 = now_ns();
	CHECK_EQ("poll.pipe.timeout", poll1(p[0], POLLIN, 50, &re), 0);
	t1 = now_ns();
	CHECK("poll.pipe.timeout.duration", t1 - t0 >= 50 * MS && t1 - t0 < 600 * MS,
	      "took %lld ns", t1 - t0);
	write(p[1], "c", 1);
	close(p[1]);
	CHECK("poll.pipe.data_and_hup", poll1(p[0], POLLIN, 0, &re) == 1 &&
	      re == (POLLIN | POLLHUP), "revents 0x%x", re);
	read(p[0], buf, 1);
	CHECK("poll.pipe.hup", poll1(p[0], POLLIN, 0, &re) == 1 && re == POLLHUP,
	      "revents 0x%x", re);
	CHECK("poll.pipe.hup_unrequested", poll1(p[0], 0, 0, &re) == 1 && re == POLLHUP,
	      "revents 0x%x", re);
	close(p[0]);

	pipe(p);
	close(p[0]);
	CHECK("poll.pipe.err", poll1(p[1], POLLOUT, 0, &re) == 1 &&
	      re == (POLLOUT | POLLERR), "revents 0x%x", re);
	close(p[1]);
}

static void test_other_files(void)
{
	int fd = open("/dev/null", O_RDWR);
	struct pollfd ps[3];
	short re = -1;

	CHECK("poll.devnull", poll1(fd, POLLIN | POLLOUT, 0, &re) == 1 &&
	      re == (POLLIN | POLLOUT), "revents 0x%x", re);
	close(fd);
	fd = open("/tmp/poll_file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK("poll.regular", poll1(fd, POLLIN | POLLOUT | POLLPRI, 0, &re) == 1 &&
	      re == (POLLIN | POLLOUT), "revents 0x%x", re);
	close(fd);
	unlink("/tmp/poll_file");
	CHECK("poll.console.writable", poll1(1, POLLOUT, 0, &re) == 1 &&
	      (re & POLLOUT), "revents 0x%x", re);
	CHECK("poll.closed_fd", poll1(200, POLLIN, 0, &re) == 1 && re == POLLNVAL,
	      "revents 0x%x", re);
	ps[0] = (struct pollfd){ -1, POLLIN, 7 };
	ps[1] = (struct pollfd){ 1, POLLOUT, 0 };
	ps[2] = (struct pollfd){ 200, POLLIN, 0 };
	CHECK("poll.negative_fd_ignored", poll(ps, 3, 0) == 2 && ps[0].revents == 0 &&
	      ps[2].revents == POLLNVAL, "revents 0x%x 0x%x", ps[0].revents, ps[2].revents);
	CHECK_EQ("poll.none", poll(NULL, 0, 10), 0);
	CHECK_ERR("poll.efault", poll((struct pollfd *)UNMAPPED, 1, 0), EFAULT);
	{
		struct rlimit rl;

		getrlimit(RLIMIT_NOFILE, &rl);
		CHECK_ERR("poll.einval_nfds", poll(ps, rl.rlim_cur + 1, 0), EINVAL);
	}
}

static void test_ppoll(void)
{
	int p[2];
	struct pollfd pf;
	struct timespec ts = { 0, 30 * MS };
	sigset_t s;

	pipe(p);
	pf = (struct pollfd){ p[0], POLLIN, 0 };
	CHECK_EQ("poll.ppoll.timeout", syscall(SYS_ppoll, &pf, 1, &ts, NULL, 8), 0);
	CHECK("poll.ppoll.remaining_zero", ts.tv_sec == 0 && ts.tv_nsec == 0,
	      "{%lld, %ld}", (long long)ts.tv_sec, ts.tv_nsec);
	ts.tv_nsec = 1000000000;
	CHECK_ERR("poll.ppoll.einval_ts", syscall(SYS_ppoll, &pf, 1, &ts, NULL, 8), EINVAL);
	ts.tv_nsec = 0;
	sigemptyset(&s);
	CHECK_ERR("poll.ppoll.einval_sigsetsize",
		  syscall(SYS_ppoll, &pf, 1, &ts, &s, 4), EINVAL);
	CHECK_EQ("poll.ppoll.sigmask", syscall(SYS_ppoll, &pf, 1, &ts, &s, 8), 0);
	write(p[1], "x", 1);
	ts.tv_sec = 5;
	CHECK_EQ("poll.ppoll.ready", syscall(SYS_ppoll, &pf, 1, &ts, NULL, 8), 1);
	CHECK("poll.ppoll.remaining", ts.tv_sec >= 4 && ts.tv_sec <= 5,
	      "{%lld, %ld}", (long long)ts.tv_sec, ts.tv_nsec);
	close(p[0]);
	close(p[1]);
}

/* A blocked poll ends when a child writes. */
static void test_wakeup(void)
{
	int p[2], st;
	pid_t pid;
	short re = 0;

	pipe(p);
	pid = fork();
	if (pid == 0) {
		struct timespec ts = { 0, 50 * MS };

		nanosleep(&ts, NULL);
		write(p[1], "x", 1);
		_exit(0);
	}
	CHECK("poll.wakeup", poll1(p[0], POLLIN, 5000, &re) == 1 && re == POLLIN,
	      "revents 0x%x", re);
	waitpid(pid, &st, 0);
	close(p[0]);
	close(p[1]);
}

static void test_select(void)
{
	int p[2], n;
	fd_set r, w;
	struct timeval tv = { 0, 0 };
	long long t0, t1;

	pipe(p);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	n = select(p[1] + 1, &r, &w, NULL, &tv);
	CHECK("poll.select.write_only", n == 1 && !FD_ISSET(p[0], &r) &&
	      FD_ISSET(p[1], &w), "n %d", n);
	write(p[1], "x", 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	CHECK("poll.select.readable", n == 1 && FD_ISSET(p[0], &r), "n %d", n);
	read(p[0], &n, 1);
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv.tv_usec = 40000;
	t0 = now_ns();
	n = select(p[0] + 1, &r, NULL, NULL, &tv);
	t1 = now_ns();
	CHECK("poll.select.timeout", n == 0 && !FD_ISSET(p[0], &r) &&
	      t1 - t0 >= 40 * MS, "n %d after %lld ns", n, t1 - t0);
	FD_ZERO(&r);
	/* A closed fd below the table size (Linux ignores fds past it). */
	FD_SET(50, &r);
	tv.tv_usec = 0;
	CHECK_ERR("poll.select.ebadf", select(51, &r, NULL, NULL, &tv), EBADF);
	CHECK_ERR("poll.select.einval", select(-1, NULL, NULL, NULL, &tv), EINVAL);
	CHECK_ERR("poll.select.efault", select(p[0] + 1, (fd_set *)UNMAPPED, NULL, NULL, &tv),
		  EFAULT);
	CHECK_EQ("poll.select.sleep", select(0, NULL, NULL, NULL, &tv), 0);
	close(p[0]);
	close(p[1]);
}

int test_poll(void)
{
	harness_begin("poll");
	test_pipe_poll();
	test_other_files();
	test_ppoll();
	test_wakeup();
	test_select();
	return harness_end();
}
