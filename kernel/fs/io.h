/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/io.h - where the bytes of a read or write go: I/O targets.
 *
 * A file operation never sees raw pointers or user addresses directly; it
 * moves bytes between its own storage (page frames, kernel buffers) and an
 * io_target, which is one of:
 *   IO_USER   a user range [addr, addr+len) of a vmspace (read/write(2)),
 *             or a list of such ranges (readv/writev(2): struct io_segs),
 *   IO_KBUF   a kernel page buffer at an offset (exec, getdents, drivers),
 *   IO_FRAME  a page frame at an offset (loading segments into user pages),
 *   IO_BYTES  a read-only byte view (unpacking the initramfs; source only).
 * The target remembers how much has been moved (done), so the next copy
 * continues where the last one stopped: callers need no pointer arithmetic.
 *
 * User copies can fault on pages that are absent or copy-on-write. Then the
 * target calls its fixup function (demand paging, COW break) and retries
 * once per address; if that fails the copy stops short and error is set to
 * -EFAULT. Linux returns the bytes moved so far in that case, and -EFAULT
 * only if nothing moved: io_result() does exactly that.
 *
 * Context: io functions may fault in user memory, so callers must not hold
 * the VFS lock while calling them (the fixup may need the file system).
 */
#ifndef KERNEL_FS_IO_H
#define KERNEL_FS_IO_H

#include <ostd/bytes.h>
#include <ostd/frame.h>
#include <ostd/types.h>
#include <ostd/vm.h>

struct kernel_task;

/* One page of kernel bytes that I/O can address by offset. */
struct vfs_kbuf {
	uint8_t data[OSTD_PAGE_SIZE];
};

/* A path copied in from user space: at most PATH_MAX bytes with the NUL. */
#define VFS_PATH_MAX 4096
#define VFS_NAME_MAX 255
struct vfs_pathbuf {
	char s[VFS_PATH_MAX];
};

/*
 * Resolves a fault at @addr needing @prot (OSTD_PROT_READ or _WRITE) in
 * @task's address space. Returns 0 if the page is now accessible.
 */
typedef int (*io_fixup_fn)(struct kernel_task *task, ostd_uaddr_t addr,
			   unsigned prot);

/*
 * The user ranges of one readv/writev(2), in order: they behave as one
 * buffer, so a driver moves bytes across them in one operation (a pipe or
 * TTY read must not block between two segments). IOV_MAX is Linux's
 * UIO_MAXIOV; a struct io_segs is 16 KiB, so it lives on the heap.
 */
#define IO_MAX_SEGS 1024
struct io_seg {
	ostd_uaddr_t base;
	size_t len;
};
struct io_segs {
	size_t n;
	struct io_seg seg[IO_MAX_SEGS];
};

enum io_kind {
	IO_USER,
	IO_KBUF,
	IO_FRAME,
	IO_BYTES,
};

struct io_target {
	enum io_kind kind;
	size_t done; /* bytes moved so far */
	int error;   /* 0, or why the last copy stopped short */
	/* IO_USER */
	struct ostd_vmspace *vs;
	ostd_uaddr_t uaddr;
	const struct io_segs *segs; /* non-NULL: scattered, uaddr unused */
	struct kernel_task *task; /* passed to fixup; may be NULL */
	io_fixup_fn fixup;        /* NULL: every fault is -EFAULT */
	/* IO_KBUF */
	struct vfs_kbuf *kbuf;
	size_t koff;
	/* IO_FRAME */
	struct ostd_frame *frame;
	size_t foff;
	/* IO_BYTES */
	struct ostd_bytes bytes;
};

struct io_target io_user(struct ostd_vmspace *vs, ostd_uaddr_t addr,
			 struct kernel_task *task, io_fixup_fn fixup);
/* The ranges of @segs (borrowed: kept alive by the caller) as one buffer;
 * copies past their total length fail with -EFAULT. */
struct io_target io_user_segs(struct ostd_vmspace *vs,
			      const struct io_segs *segs,
			      struct kernel_task *task, io_fixup_fn fixup);
/* @kb is borrowed; bytes go to or come from kb->data[off...]. */
struct io_target io_kbuf(struct vfs_kbuf *kb, size_t off);
/* @f is borrowed (the caller keeps its reference). */
struct io_target io_frame(struct ostd_frame *f, size_t off);
/* A read-only source: data can be written from it, never read into it. */
struct io_target io_bytes(struct ostd_bytes b);

/*
 * Each copy moves up to @n bytes and returns how many it moved; a short
 * count sets t->error. @off + @n must lie inside the frame or kbuf.
 */
/* frame[off..off+n) -> target (the read(2) direction) */
size_t io_from_frame(struct io_target *t, const struct ostd_frame *f,
		     size_t off, size_t n);
/* target -> frame[off..off+n) (the write(2) direction) */
size_t io_to_frame(struct io_target *t, struct ostd_frame *f, size_t off,
		   size_t n);
/* @n zero bytes -> target (holes in sparse files) */
size_t io_zero(struct io_target *t, size_t n);
/* kb->data[off..off+n) -> target */
size_t io_from_kbuf(struct io_target *t, const struct vfs_kbuf *kb,
		    size_t off, size_t n);
/* target -> kb->data[off..off+n) */
size_t io_to_kbuf(struct io_target *t, struct vfs_kbuf *kb, size_t off,
		  size_t n);

/*
 * Page-at-a-time copies through one kernel bounce page, for devices that
 * make or consume bytes themselves. Each stops at the first short copy
 * and returns the bytes moved (0 with t->error = -ENOMEM if there is no
 * bounce page). io_from_pages: @len bytes -> target, each page made by
 * @fill(kb, n) into kb->data[0..n) first (NULL: zeros); the page is wiped
 * before it is freed. io_to_pages: target -> @len bytes, each page's
 * kb->data[0..got) handed to @drain (NULL: dropped), a short last one too.
 */
typedef void (*io_page_fn)(struct vfs_kbuf *kb, size_t n);
size_t io_from_pages(struct io_target *t, size_t len, io_page_fn fill);
size_t io_to_pages(struct io_target *t, size_t len, io_page_fn drain);

/* The syscall return value after moving @done bytes in total. */
long io_result(const struct io_target *t, size_t done);

/*
 * Copies a NUL-terminated path from user space into @pb and sets @out to
 * a view of it (without the NUL). -ENAMETOOLONG if it does not fit in
 * VFS_PATH_MAX bytes, -EFAULT if unreadable after @fixup.
 */
int io_path_from_user(struct ostd_vmspace *vs, ostd_uaddr_t addr,
		      struct kernel_task *task, io_fixup_fn fixup,
		      struct vfs_pathbuf *pb, struct ostd_bytes *out);

/*
 * Small fixed-size user copies for ioctl(2) arguments, on the calling
 * task's address space (with its fault fixup): 0 or -EFAULT. Defined by
 * the system call layer (kernel/task_files.c), which knows the task.
 */
int io_put_user(ostd_uaddr_t dst, const void *src, size_t n);
int io_get_user(void *dst, ostd_uaddr_t src, size_t n);

#endif
