// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_vfs_pipe.c - pipes and FIFOs (kernel/fs/pipe.c) without
 * blocking (every file is O_NONBLOCK, so the scheduler is never needed),
 * anonymous files, scattered user I/O targets (io_user_segs), file system
 * types and tmpfs mount options (kernel/fs/fstype.c).
 */
#include <string.h>

#include <ostd/task.h>
#include <ostd/vm.h>

#include "fs/fs_internal.h"
#include "fs/pipe.h"
#include "host_ostd.h"
#include "host_uspace.h"
#include "task.h"
#include "test_vfs.h"

/* ---- what pipe.c needs from the rest of the kernel ---- */

struct ostd_task *ostd_task_current(void)
{
	return NULL;
}

struct kernel_task *task_current(void)
{
	return NULL;
}

void task_block(struct kernel_task *t)
{
	(void)t;
	fprintf(stderr, "test_vfs_pipe: a pipe blocked\n");
	abort();
}

void ostd_sched_wake(struct ostd_task *t)
{
	(void)t;
}

/* kernel/signal.c: remembers the last signal the pipe sent. */
static int last_signal;

void signal_send(struct kernel_task *t, int sig)
{
	(void)t;
	last_signal = sig;
}

bool signal_pending(struct kernel_task *t)
{
	(void)t;
	return false;
}

/* ioctl arguments: "user" addresses are host pointers here. */
int io_put_user(ostd_uaddr_t dst, const void *src, size_t n)
{
	memcpy((void *)(uintptr_t)dst, src, n);
	return 0;
}

int io_get_user(void *dst, ostd_uaddr_t src, size_t n)
{
	memcpy(dst, (const void *)(uintptr_t)src, n);
	return 0;
}

static struct vfs_kbuf kb;

static long p_write(struct file *f, const void *data, size_t n)
{
	struct io_target t = io_kbuf(&kb, 0);

	memcpy(kb.data, data, n);
	return vfs_write(f, &t, n);
}

static long p_read(struct file *f, void *buf, size_t n)
{
	struct io_target t = io_kbuf(&kb, 0);
	long r = vfs_read(f, &t, n);

	if (r > 0)
		memcpy(buf, kb.data, r);
	return r;
}

static void test_pipe_ring(void)
{
	struct file *rd, *wr;
	struct linux_stat st;
	char buf[4096], want[4096];
	int32_t n = -1;
	size_t heap0, frames0;
	long total = 0;
	int i;

	/* The first pipe also makes the pseudo file system, for good. */
	CHECK_EQ(pipe_create(O_NONBLOCK, &rd, &wr), 0);
	file_put(rd);
	file_put(wr);
	heap0 = host_heap_live();
	frames0 = host_frame_live();
	CHECK_EQ(pipe_create(O_NONBLOCK, &rd, &wr), 0);
	CHECK_EQ(vfs_fstat(rd, &st), 0);
	CHECK_EQ(st.st_mode, S_IFIFO | 0600);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(vfs_file_flags(rd) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(vfs_file_flags(wr) & O_ACCMODE, O_WRONLY);
	CHECK_EQ(p_read(rd, buf, 10), -EAGAIN);
	CHECK_EQ(p_write(rd, "x", 1), -EBADF);
	CHECK_EQ(vfs_lseek(rd, 0, SEEK_SET), -ESPIPE);
	/* Odd-sized chunks wrap around the 64 KiB ring many times. */
	for (i = 0; i < 200; i++) {
		size_t len = 1000 + (i * 37) % 3000;

		memset(want, 'a' + i % 26, len);
		CHECK_EQ(p_write(wr, want, len), len);
		CHECK_EQ(vfs_ioctl(rd, 0x541B, (uintptr_t)&n), 0);
		CHECK_EQ(n, len);
		CHECK_EQ(p_read(rd, buf, sizeof(buf)), len);
		CHECK(memcmp(buf, want, len) == 0);
		total += len;
	}
	CHECK(total > 4 * 65536);
	/* Capacity, and atomic small writes. */
	for (i = 0; i < 16; i++)
		CHECK_EQ(p_write(wr, want, 4096), 4096);
	CHECK_EQ(p_write(wr, want, 1), -EAGAIN);
	CHECK_EQ(p_read(rd, buf, 100), 100);
	CHECK_EQ(p_write(wr, want, 200), -EAGAIN); /* <= PIPE_BUF: all or none */
	CHECK_EQ(p_write(wr, want, 100), 100);
	CHECK_EQ(vfs_ioctl(rd, 0x5401, 0), -ENOTTY);
	/* EOF once the writer is gone, after the data. */
	file_put(wr);
	CHECK_EQ(p_read(rd, buf, 4096), 4096);
	for (i = 0; i < 15; i++)
		CHECK(p_read(rd, buf, 4096) > 0);
	CHECK_EQ(p_read(rd, buf, 4096), 0);
	file_put(rd);
	CHECK_EQ(host_heap_live(), heap0);
	CHECK_EQ(host_frame_live(), frames0);

	/* EPIPE once the reader is gone. */
	CHECK_EQ(pipe_create(0, &rd, &wr), 0);
	file_put(rd);
	last_signal = 0;
	CHECK_EQ(p_write(wr, "x", 1), -EPIPE);
	CHECK_EQ(last_signal, 13); /* SIGPIPE goes with EPIPE */
	file_put(wr);
	CHECK_EQ(host_heap_live(), heap0);
}

static int fifo_open(uint32_t flags, struct file **f)
{
	return vfs_open(ctx, NULL, B("/fifo/f"), flags, 0, f);
}

static void test_fifo(void)
{
	struct file *r, *w, *rw;
	struct inode *ino;
	char buf[16];

	CHECK_EQ(t_mkdir("/fifo"), 0);
	CHECK_EQ(vfs_mknod(ctx, NULL, B("/fifo/f"), S_IFIFO | 0600, 0), 0);
	CHECK_EQ(fifo_open(O_WRONLY | O_NONBLOCK, &w), -ENXIO);
	CHECK_EQ(fifo_open(O_RDONLY | O_NONBLOCK, &r), 0);
	ino = r->inode;
	CHECK(ino->pipe != NULL);
	CHECK_EQ(p_read(r, buf, 4), 0); /* no writer: EOF */
	CHECK_EQ(fifo_open(O_WRONLY | O_NONBLOCK, &w), 0);
	CHECK(w->pipe == r->pipe);
	CHECK_EQ(p_read(r, buf, 4), -EAGAIN);
	CHECK_EQ(p_write(w, "hey", 3), 3);
	CHECK_EQ(p_read(r, buf, sizeof(buf)), 3);
	CHECK(memcmp(buf, "hey", 3) == 0);
	file_put(w);
	CHECK_EQ(p_read(r, buf, 4), 0);
	file_put(r);
	CHECK(ino->pipe == NULL);
	/* Read-write opens never wait; data goes with the last close. */
	CHECK_EQ(fifo_open(O_RDWR, &rw), 0);
	CHECK_EQ(p_write(rw, "abc", 3), 3);
	file_put(rw);
	CHECK(ino->pipe == NULL);
	CHECK_EQ(fifo_open(O_RDWR | O_NONBLOCK, &rw), 0);
	CHECK_EQ(p_read(rw, buf, 4), -EAGAIN);
	file_put(rw);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/fifo/f"), 0), 0);
}

static void test_anon(void)
{
	static const struct file_ops none = { 0 };
	struct file *f, *g;
	struct linux_stat st, st2;
	size_t heap0 = host_heap_live();

	CHECK_EQ(anon_file_new(S_IFCHR | 0600, vfs_mkdev(5, 1), O_RDWR, &none,
			       &f), 0);
	CHECK_EQ(vfs_fstat(f, &st), 0);
	CHECK_EQ(st.st_mode, S_IFCHR | 0600);
	CHECK_EQ(vfs_dev_major(st.st_rdev), 5);
	g = anon_file_sibling(f, O_RDONLY, &none);
	CHECK(g != NULL);
	CHECK_EQ(vfs_fstat(g, &st2), 0);
	CHECK_EQ(st2.st_ino, st.st_ino);
	CHECK(file_vma(f)->file == f);
	anon_inode_unlink(f->inode);
	file_put(f);
	file_put(g);
	/* The pseudo file system itself stays; the inode is gone. */
	CHECK(host_heap_live() <= heap0);
}

#define UB 0x40000UL

static void test_segments(void)
{
	struct ostd_vmspace *vs = host_vmspace_new(UB, 4);
	uint8_t *u = host_vmspace_ptr(vs, UB);
	struct io_segs *segs = calloc(1, sizeof(*segs));
	struct io_target t;
	struct file *f;
	char buf[32];

	memcpy(u, "abc", 3);
	memcpy(u + 5000, "defgh", 5);
	memcpy(u + 4090, "XYZ", 3);
	segs->n = 3;
	segs->seg[0] = (struct io_seg){ UB, 3 };
	segs->seg[1] = (struct io_seg){ UB + 5000, 0 };
	segs->seg[2] = (struct io_seg){ UB + 5000, 5 };
	CHECK_EQ(t_open("/segs", O_CREAT | O_RDWR, &f), 0);
	t = io_user_segs(vs, segs, NULL, NULL);
	CHECK_EQ(vfs_write(f, &t, 8), 8);
	CHECK_EQ(t_pread(f, buf, sizeof(buf), 0), 8);
	CHECK(memcmp(buf, "abcdefgh", 8) == 0);
	/* Reading back scatters across a page boundary. */
	segs->n = 2;
	segs->seg[0] = (struct io_seg){ UB + 4094, 4 };
	segs->seg[1] = (struct io_seg){ UB + 100, 4 };
	t = io_user_segs(vs, segs, NULL, NULL);
	CHECK_EQ(vfs_pread(f, &t, 8, 0), 8);
	CHECK(memcmp(u + 4094, "abcd", 4) == 0 && memcmp(u + 100, "efgh", 4) == 0);
	/* More than the segments hold: the copy stops at their end. */
	t = io_user_segs(vs, segs, NULL, NULL);
	CHECK_EQ(vfs_write(f, &t, 20), 8);
	/* A bad second segment: the first one's bytes count. */
	segs->seg[1] = (struct io_seg){ 0x1000, 4 };
	t = io_user_segs(vs, segs, NULL, NULL);
	CHECK_EQ(vfs_pwrite(f, &t, 8, 0), 4);
	file_put(f);
	CHECK_EQ(vfs_unlink(ctx, NULL, B("/segs"), 0), 0);
	free(segs);
	host_vmspace_free(vs);
}

static struct super_block *kept_sb;

static int kept_get_sb(struct ostd_bytes source, unsigned long flags,
		       struct ostd_bytes data, struct super_block **out)
{
	(void)source;
	(void)flags;
	(void)data;
	*out = kept_sb;
	return 0;
}

static const struct fs_type kept_type = { "keptfs", kept_get_sb };

static void test_fstypes(void)
{
	struct linux_stat st, st2;

	CHECK_EQ(t_mkdir("/m1"), 0);
	CHECK_EQ(t_mkdir("/m2"), 0);
	CHECK_EQ(vfs_mount_opts(ctx, B(""), NULL, B("/m1"), B("tmpfs"), 0,
				B("mode=0700,uid=5,,gid=6,size=10m")), 0);
	CHECK_EQ(t_stat("/m1", &st), 0);
	CHECK_EQ(st.st_mode, S_IFDIR | 0700);
	CHECK_EQ(st.st_uid, 5);
	CHECK_EQ(st.st_gid, 6);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/m1"), 0), 0);
	CHECK_EQ(vfs_mount_opts(ctx, B(""), NULL, B("/m1"), B("tmpfs"), 0,
				B("bogus=1")), -EINVAL);
	CHECK_EQ(vfs_mount_opts(ctx, B(""), NULL, B("/m1"), B("tmpfs"), 0,
				B("mode=9")), -EINVAL);
	CHECK_EQ(vfs_mount_opts(ctx, B(""), NULL, B("/m1"), B("tmpfs"), 0,
				B("size")), -EINVAL);
	CHECK_EQ(vfs_mount(ctx, B(""), NULL, B("/m1"), B("nosuchfs"), 0),
		 -ENODEV);
	/* A type that mounts one kept super block twice. */
	kept_sb = tmpfs_create_sb(0755);
	kept_sb->keep = true;
	CHECK_EQ(vfs_register_fs(&kept_type), 0);
	CHECK_EQ(vfs_register_fs(&kept_type), -EBUSY);
	CHECK_EQ(vfs_mount(ctx, B(""), NULL, B("/m1"), B("keptfs"), 0), 0);
	CHECK_EQ(vfs_mount(ctx, B(""), NULL, B("/m2"), B("keptfs"), 0), 0);
	CHECK_EQ(t_mkfile("/m1/shared", "s"), 0);
	CHECK_EQ(t_stat("/m1/shared", &st), 0);
	CHECK_EQ(t_stat("/m2/shared", &st2), 0);
	CHECK_EQ(st.st_ino, st2.st_ino);
	CHECK_EQ(st.st_dev, st2.st_dev);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/m1"), 0), 0);
	CHECK_EQ(vfs_umount(ctx, NULL, B("/m2"), 0), 0);
	CHECK_EQ(kept_sb->mounts, 0);
	CHECK(kept_sb->root->refcount == 0 && kept_sb->root->nlink == 2);
}

void test_pipes(void)
{
	pipe_init();
	test_pipe_ring();
	test_fifo();
	test_anon();
	test_segments();
	test_fstypes();
	printf("test_vfs_pipe: ok\n");
}
