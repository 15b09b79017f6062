// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_mm.c - memory system calls: brk, mmap, munmap, mprotect,
 * madvise, mremap, msync.
 *
 * This file only decodes Linux's arguments and applies Linux's argument
 * checks, in Linux's order where it is visible (mm/mmap.c, mm/mprotect.c,
 * mm/madvise.c, mm/mremap.c, mm/msync.c); kernel/mm does the work.
 * File mappings map the open file's own pages (struct vma_file is the
 * struct file, kernel/fs/vma_file.c).
 */
#include "errno.h"
#include "fsargs.h"
#include "mlock.h"
#include "mm/mm.h"
#include "syscall.h"
#include "uapi/fcntl.h"

/* <asm-generic/mman-common.h> and <linux/mman.h>, riscv64 values. */
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define PROT_SEM 0x8
#define PROT_GROWSDOWN 0x01000000
#define PROT_GROWSUP 0x02000000

#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_SHARED_VALIDATE 0x03
#define MAP_TYPE 0x0f
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_DENYWRITE 0x0800
#define MAP_EXECUTABLE 0x1000
#define MAP_LOCKED 0x2000
#define MAP_NORESERVE 0x4000
#define MAP_POPULATE 0x8000
#define MAP_NONBLOCK 0x10000
#define MAP_STACK 0x20000
#define MAP_HUGETLB 0x40000
#define MAP_SYNC 0x80000
#define MAP_FIXED_NOREPLACE 0x100000

#define MREMAP_MAYMOVE 1
#define MREMAP_FIXED 2
#define MREMAP_DONTUNMAP 4

#define MS_ASYNC 1
#define MS_INVALIDATE 2
#define MS_SYNC 4

/* madvise advice values that Linux accepts without CONFIG-dependent ones. */
#define MADV_DONTNEED 4
#define MADV_FREE 8
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#define MADV_DONTNEED_LOCKED 24

#define PAGE_MASK_LOW (OSTD_PAGE_SIZE - 1)

static bool page_aligned(uint64_t a)
{
	return (a & PAGE_MASK_LOW) == 0;
}

/* PAGE_ALIGN(); 0 when rounding up overflows past the top. */
static uint64_t page_align_up(uint64_t len)
{
	if (len > UINT64_MAX - PAGE_MASK_LOW)
		return 0;
	return (len + PAGE_MASK_LOW) & ~PAGE_MASK_LOW;
}

long sys_brk(struct kernel_task *t, const struct syscall_args *args)
{
	/* A heap locked by mlockall(MCL_FUTURE) must fit RLIMIT_MEMLOCK. */
	if (mlock_refuses_brk(t, args->a[0]))
		return mm_brk(t->mm, 0);
	return mm_brk(t->mm, args->a[0]);
}

/* MAP_* to MM_MAP_*, with Linux's MAP_TYPE rules for anonymous memory. */
static int mmap_decode_anon(uint64_t flags, unsigned *out)
{
	unsigned f = 0;

	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (flags & MAP_GROWSDOWN)
			return -EINVAL;
		f |= MM_MAP_SHARED;
		break;
	case MAP_PRIVATE:
		if (flags & MAP_GROWSDOWN)
			f |= MM_MAP_GROWSDOWN;
		break;
	default:
		return -EINVAL;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		f |= MM_MAP_FIXED;
	if (flags & MAP_FIXED_NOREPLACE)
		f |= MM_MAP_NOREPLACE;
	/* MAP_NONBLOCK turns MAP_POPULATE off, as in Linux. */
	if ((flags & MAP_POPULATE) && !(flags & MAP_NONBLOCK))
		f |= MM_MAP_POPULATE;
	if (flags & MAP_LOCKED)
		f |= MM_MAP_LOCKED;
	*out = f;
	return 0;
}

/* The flags MAP_SHARED_VALIDATE accepts: Linux's LEGACY_MAP_MASK (no
 * file here supports MAP_SYNC). */
#define LEGACY_MAP_MASK (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
			 MAP_ANONYMOUS | MAP_DENYWRITE | MAP_EXECUTABLE | \
			 MAP_GROWSDOWN | MAP_LOCKED | MAP_NORESERVE | \
			 MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | \
			 0x4000000 /* MAP_UNINITIALIZED */)

/* MAP_SHARED_VALIDATE is MAP_SHARED that refuses unknown flags. */
static int mmap_validate(uint64_t *flags)
{
	if ((*flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		return 0;
	if (*flags & ~LEGACY_MAP_MASK)
		return -EOPNOTSUPP;
	*flags = (*flags & ~MAP_TYPE) | MAP_SHARED;
	return 0;
}

/* Linux's do_mmap() checks of a file against its open mode; adds
 * MM_MAP_NOWRITE to *@mflags for a shared map of a read-only file. */
static int mmap_file_check(struct file *f, uint64_t prot, unsigned *mflags)
{
	uint32_t acc = vfs_file_flags(f) & O_ACCMODE;
	bool readable = acc == O_RDONLY || acc == O_RDWR;
	bool writable = acc == O_WRONLY || acc == O_RDWR;

	if (*mflags & MM_MAP_SHARED) {
		if ((prot & PROT_WRITE) && !writable)
			return -EACCES;
		if (!writable)
			*mflags |= MM_MAP_NOWRITE;
	}
	if (!readable)
		return -EACCES;
	if (!vfs_file_mappable(f))
		return -ENODEV;
	if (*mflags & MM_MAP_GROWSDOWN)
		return -EINVAL;
	return 0;
}

static long mmap_checked(struct kernel_task *t, const struct syscall_args *args,
			 struct file *f);

long sys_mmap(struct kernel_task *t, const struct syscall_args *args)
{
	int fd = args->a[4];
	struct file *f = NULL;
	long r;

	if (!page_aligned(args->a[5]))
		return -EINVAL;
	if (!(args->a[3] & MAP_ANONYMOUS)) {
		f = fsargs_file_io(t, fd); /* Linux's fget(): no O_PATH */
		if (f == NULL)
			return -EBADF;
	}
	r = mmap_checked(t, args, f);
	if (f != NULL)
		file_put(f); /* the area took its own reference */
	return r;
}

/*
 * Whether a mapping commits memory (Linux's VM_ACCOUNT): private writable
 * memory, and shared anonymous memory (shmem), unless MAP_NORESERVE.
 */
static bool mmap_commits(uint64_t flags, uint64_t prot, const struct file *f)
{
	bool shared = (flags & MAP_TYPE) != MAP_PRIVATE;

	if (flags & MAP_NORESERVE)
		return false;
	if (shared)
		return f == NULL;
	return (prot & PROT_WRITE) != 0;
}

/* mmap(2) once the file (NULL: anonymous) is known. */
static long mmap_checked(struct kernel_task *t, const struct syscall_args *args,
			 struct file *f)
{
	uint64_t addr = args->a[0];
	uint64_t len = args->a[1];
	uint64_t prot = args->a[2];
	uint64_t flags = args->a[3];
	uint64_t off = args->a[5];
	uint64_t out = 0;
	unsigned mflags;
	int err;

	if (len == 0)
		return -EINVAL;
	len = page_align_up(len);
	if (len == 0)
		return -ENOMEM;
	if ((off >> OSTD_PAGE_SHIFT) + (len >> OSTD_PAGE_SHIFT) <
	    (off >> OSTD_PAGE_SHIFT))
		return -EOVERFLOW;
	err = f != NULL ? mmap_validate(&flags) : 0;
	if (err == 0)
		err = mmap_decode_anon(flags, &mflags);
	if (err == 0) /* MAP_LOCKED, mlockall(MCL_FUTURE): sys_mlock.c */
		err = mlock_check_mmap(t, mflags & MM_MAP_LOCKED, len);
	if (err == 0 && f != NULL)
		err = mmap_file_check(f, prot, &mflags);
	if (err == 0 && mmap_commits(flags, prot, f) && !mm_enough_memory(len))
		err = -ENOMEM; /* Linux's accountable_mapping + overcommit */
	if (err < 0)
		return err;
	if (!(mflags & MM_MAP_FIXED))
		addr &= ~PAGE_MASK_LOW; /* Linux's round_hint_to_min() */
	err = mm_mmap(t->mm, addr, len, prot & (PROT_READ | PROT_WRITE |
						  PROT_EXEC),
		      mflags, f != NULL ? file_vma(f) : NULL, f != NULL ? off : 0,
		      &out);
	return err < 0 ? err : out;
}

long sys_munmap(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len = args->a[1];

	if (!page_aligned(start) || start > OSTD_USER_END ||
	    len > OSTD_USER_END - start)
		return -EINVAL;
	len = page_align_up(len);
	if (len == 0)
		return -EINVAL;
	return mm_munmap(t->mm, start, len);
}

long sys_mprotect(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len = args->a[1];
	uint64_t prot = args->a[2];
	uint64_t grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);

	prot &= ~grows;
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (!page_aligned(start))
		return -EINVAL;
	if (len == 0)
		return 0;
	len = page_align_up(len);
	if (len == 0 || start + len <= start)
		return -ENOMEM;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	/* PROT_GROWSUP has no growing-up area on riscv to apply to. */
	if (grows == PROT_GROWSUP)
		return -EINVAL;
	if (grows == PROT_GROWSDOWN)
		return mm_mprotect_growsdown(t->mm, start, len,
					     prot & (PROT_READ | PROT_WRITE |
						     PROT_EXEC));
	return mm_mprotect(t->mm, start, len,
			   prot & (PROT_READ | PROT_WRITE | PROT_EXEC));
}

/* Linux's madvise_behavior_valid() for a kernel without KSM/THP/hwpoison. */
static bool madvise_valid(uint64_t advice)
{
	switch (advice) {
	case 0: case 1: case 2: case 3: case 4:  /* NORMAL..DONTNEED */
	case 8: case 9: case 10: case 11:        /* FREE, REMOVE, (DO|DONT)FORK */
	case 16: case 17: case 18: case 19:      /* (DO|DONT)DUMP, WIPE/KEEPONFORK */
	case 20: case 21: case 22: case 23: case 24: /* COLD..DONTNEED_LOCKED */
		return true;
	default:
		return false;
	}
}

long sys_madvise(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len_in = args->a[1];
	uint64_t advice = args->a[2] & 0xffffffffULL; /* an int */
	uint64_t len;
	bool holes;
	int err = 0;

	if (!madvise_valid(advice))
		return -EINVAL;
	if (!page_aligned(start))
		return -EINVAL;
	len = page_align_up(len_in);
	if (len_in && !len)
		return -EINVAL;
	if (start + len < start)
		return -EINVAL;
	if (len == 0)
		return 0;
	holes = !mm_range_mapped(t->mm, start, len);
	if (advice == MADV_DONTNEED)
		err = mm_dontneed(t->mm, start, len);
	else if (advice == MADV_DONTNEED_LOCKED)
		err = mm_dontneed_locked(t->mm, start, len);
	else if (advice == MADV_FREE)
		err = mm_madv_free(t->mm, start, len);
	else if ((advice == MADV_POPULATE_READ ||
		  advice == MADV_POPULATE_WRITE) && !holes)
		err = mm_populate(t->mm, start, len,
				  advice == MADV_POPULATE_WRITE ?
				  OSTD_PROT_WRITE : OSTD_PROT_READ);
	/* Other advice is a hint we may ignore. */
	if (err < 0)
		return err;
	return holes ? -ENOMEM : 0;
}

long sys_mremap(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t old = args->a[0];
	uint64_t old_len = args->a[1];
	uint64_t new_len = args->a[2];
	uint64_t flags = args->a[3];
	uint64_t new_addr = args->a[4];
	uint64_t out = 0;
	int err;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE |
				MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	/* Linux 6.1: DONTUNMAP is always a move, and never a resize. */
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (!page_aligned(old))
		return -EINVAL;
	old_len = page_align_up(old_len);
	new_len = page_align_up(new_len);
	if (new_len == 0)
		return -EINVAL;
	/* old_len 0 duplicates a shared mapping in Linux; not supported. */
	if (old_len == 0)
		return -EINVAL;
	err = mlock_check_mremap(t, old, old_len, new_len);
	if (err < 0)
		return err;
	err = mm_mremap(t->mm, old, old_len, new_len, flags, new_addr, &out);
	return err < 0 ? err : out;
}

long sys_msync(struct kernel_task *t, const struct syscall_args *args)
{
	uint64_t start = args->a[0];
	uint64_t len = args->a[1];
	uint64_t flags = args->a[2] & 0xffffffffULL;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return -EINVAL;
	if (!page_aligned(start))
		return -EINVAL;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return -EINVAL;
	len = page_align_up(len);
	if (start + len < start)
		return -ENOMEM;
	if (len == 0)
		return 0;
	/* tmpfs pages are the file: there is nothing to write back. */
	return mm_range_mapped(t->mm, start, len) ? 0 : -ENOMEM;
}
