// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/mm/mm_copy.c - copies between kernel and user memory that see
 * demand paging and copy-on-write.
 *
 * ostd's checked copies stop at the first page that is absent or lacks
 * the permission and report its address. Each loop here resolves that
 * page with mm_handle_fault() and tries again; the copy restarts from the
 * beginning (the kernel side is an opaque buffer), which only repeats
 * bytes already copied. Faults are met in increasing address order, so a
 * second fault at the same address means the fix did not help: -EFAULT.
 *
 * mm_read_anon() reads another process's memory (/proc/<pid>/cmdline)
 * the same way, limited to its private anonymous areas like Linux's
 * FOLL_ANON, so faulting there never reaches the VFS.
 */
#include "../errno.h"
#include "mm_internal.h"

/* Copy directions, for the one retry loop below. */
enum mm_copy_op {
	MM_FROM_USER,
	MM_TO_USER,
	MM_FRAME_TO_USER,
	MM_FRAME_FROM_USER,
};

struct mm_copy {
	enum mm_copy_op op;
	ostd_uaddr_t uaddr;
	void *kdst;
	const void *ksrc;
	struct ostd_frame *fdst;
	const struct ostd_frame *fsrc;
	size_t off;
	size_t n;
};

static int mm_copy_once(struct mm *mm, const struct mm_copy *c,
			ostd_uaddr_t *fault)
{
	switch (c->op) {
	case MM_FROM_USER:
		return ostd_vmspace_read(mm->vs, c->uaddr, c->kdst, c->n, fault);
	case MM_TO_USER:
		return ostd_vmspace_write(mm->vs, c->uaddr, c->ksrc, c->n, fault);
	case MM_FRAME_TO_USER:
		return ostd_vmspace_write_frame(mm->vs, c->uaddr, c->fsrc,
						c->off, c->n, fault);
	case MM_FRAME_FROM_USER:
		return ostd_vmspace_read_frame(mm->vs, c->uaddr, c->fdst,
					       c->off, c->n, fault);
	}
	return -EINVAL;
}

/* The faults a retry loop has resolved so far (only the last matters). */
struct mm_retry {
	ostd_uaddr_t last;
	bool tried;
};

/*
 * Resolves the fault at @fault for @access so the copy can be tried
 * again: 0 to retry, or the errno to give up with (the same fault twice,
 * or one that cannot be resolved).
 */
static int mm_retry_fault(struct mm *mm, struct mm_retry *r,
			  ostd_uaddr_t fault, unsigned access)
{
	int err;

	if (r->tried && fault == r->last)
		return -EFAULT;
	err = mm_handle_fault(mm, fault, access);
	if (err == -ENOMEM)
		return err;
	if (err < 0)
		return -EFAULT;
	r->last = fault;
	r->tried = true;
	return 0;
}

/*
 * Runs @c, resolving faults. Returns 0 or a negative errno; *stop gets
 * the address of an unresolvable fault.
 */
static int mm_copy_run(struct mm *mm, const struct mm_copy *c,
		       ostd_uaddr_t *stop)
{
	bool to_user = c->op == MM_TO_USER || c->op == MM_FRAME_TO_USER;
	unsigned access = to_user ? OSTD_PROT_WRITE : OSTD_PROT_READ;
	struct mm_retry r = { 0 };

	for (;;) {
		ostd_uaddr_t fault = c->uaddr;
		int err = mm_copy_once(mm, c, &fault);

		if (err != -EFAULT)
			return err;
		*stop = fault;
		err = mm_retry_fault(mm, &r, fault, access);
		if (err < 0)
			return err;
	}
}

int mm_copy_from_user(struct mm *mm, void *dst, ostd_uaddr_t src, size_t n)
{
	struct mm_copy c = { .op = MM_FROM_USER, .uaddr = src, .kdst = dst,
			     .n = n };
	ostd_uaddr_t stop;

	return mm_copy_run(mm, &c, &stop);
}

int mm_copy_to_user(struct mm *mm, ostd_uaddr_t dst, const void *src, size_t n)
{
	struct mm_copy c = { .op = MM_TO_USER, .uaddr = dst, .ksrc = src,
			     .n = n };
	ostd_uaddr_t stop;

	return mm_copy_run(mm, &c, &stop);
}

size_t mm_copy_from_user_upto(struct mm *mm, void *dst, ostd_uaddr_t src,
			      size_t n)
{
	struct mm_copy c = { .op = MM_FROM_USER, .uaddr = src, .kdst = dst,
			     .n = n };
	ostd_uaddr_t stop = src;

	if (mm_copy_run(mm, &c, &stop) == 0)
		return n;
	/* ostd copied every byte below the faulting address. */
	if (stop <= src)
		return 0;
	return stop - src < n ? stop - src : n;
}

int mm_copy_frame_to_user(struct mm *mm, ostd_uaddr_t dst,
			  const struct ostd_frame *f, size_t off, size_t n)
{
	struct mm_copy c = { .op = MM_FRAME_TO_USER, .uaddr = dst, .fsrc = f,
			     .off = off, .n = n };
	ostd_uaddr_t stop;

	return mm_copy_run(mm, &c, &stop);
}

int mm_copy_frame_from_user(struct mm *mm, struct ostd_frame *f, size_t off,
			    ostd_uaddr_t src, size_t n)
{
	struct mm_copy c = { .op = MM_FRAME_FROM_USER, .uaddr = src, .fdst = f,
			     .off = off, .n = n };
	ostd_uaddr_t stop;

	return mm_copy_run(mm, &c, &stop);
}

long mm_strncpy_from_user(struct mm *mm, char *dst, ostd_uaddr_t src,
			  size_t max)
{
	struct mm_retry r = { 0 };

	for (;;) {
		ostd_uaddr_t fault = src;
		long len = ostd_vmspace_read_str(mm->vs, src, dst, max, &fault);
		int err;

		if (len == -ERANGE)
			return -ENAMETOOLONG;
		if (len != -EFAULT)
			return len;
		err = mm_retry_fault(mm, &r, fault, OSTD_PROT_READ);
		if (err < 0)
			return err;
	}
}

/*
 * Whether a remote read may fault in @v: Linux's check_vma_flags() for
 * FOLL_ANON without FOLL_FORCE: private anonymous, with VM_READ itself
 * (a write-only area is refused, though its pages are readable).
 */
static bool mm_remote_ok(const struct vma *v)
{
	return !v->file && !(v->flags & VMA_SHARED) && (v->prot & VMA_READ);
}

size_t mm_read_anon(struct mm *mm, void *dst, ostd_uaddr_t src, size_t n)
{
	const struct vma *v = vma_find(&mm->areas, src);
	uint64_t end = src;

	if (src >= OSTD_USER_END)
		return 0;
	if (n > OSTD_USER_END - src)
		n = OSTD_USER_END - src;
	/* The contiguous run of suitable areas from @src on. */
	for (; v && v->start <= end && mm_remote_ok(v) && end < src + n;
	     v = vma_next(v))
		end = v->end;
	if (end <= src)
		return 0;
	if (end - src < n)
		n = end - src;
	return mm_copy_from_user_upto(mm, dst, src, n);
}
