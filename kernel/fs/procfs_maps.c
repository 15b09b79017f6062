// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/procfs_maps.c - /proc/<pid>/maps, one line per memory area,
 * in Linux's format (fs/proc/task_mmu.c show_map_vma()):
 *
 *   00010000-0001d000 r--p 00000000 00:01 2          (padding)     /init
 *   3ffffd0000-3fffff0000 rw-p 00000000 00:00 0      (padding)     [stack]
 *
 * start-end of the area and the offset in hex, at least 8 digits; the
 * permissions r, w, x and s (MAP_SHARED: Linux's VM_MAYSHARE, so a
 * read-only shared mapping is 's' too) or p; for a file mapping the file
 * offset of the area's start, the file's device as stat's st_dev splits
 * it (major:minor, 2 hex digits at least) and its inode number, zeros for
 * anonymous memory. A line with a name is padded with spaces to a width
 * of 72 (seq_setwidth(25 + 6 * sizeof(void *) - 1)) and gets one more
 * space (seq_pad), so names start at offset 73; a line without a name
 * ends with the space after the inode.
 *
 * Names: a file mapping's file (procfs_path.c; a newline in it is written
 * \012, as seq_file_path() escapes it), "[heap]" for the brk area and
 * "[stack]" for the stack exec made (mm_area_kind()). Shared anonymous
 * memory is named "/dev/zero (deleted)" as on Linux, where it is a file
 * of the internal shmem mount, but keeps device and inode 0. racho has no
 * vDSO, so there are no [vdso] and [vvar] lines. The sigreturn trampoline
 * page above the stack (sigframe.c) is an anonymous r-xp area and is
 * shown without a name: calling it [vdso] would promise an ELF image
 * there, and programs that find the vDSO through maps parse it.
 *
 * Like Linux's maps, a long list is read a page of whole lines at a time
 * (procfs_file.c); reading it needs ptrace access (EACCES at open).
 *
 * Locking: the VFS lock (for the file names), then the process table
 * lock, which keeps the process from changing its areas (see mm.h).
 */
#include <ostd/bytes.h>
#include <ostd/log.h>
#include <ostd/mem.h>

#include "errno.h"
#include "fs/fs_internal.h"
#include "fs/procfs_internal.h"
#include "mm/mm.h"
#include "mm/vma.h"
#include "proc.h"
#include "task.h"

/* The padded width before the name's space (64-bit pointers): 72. */
#define MAPS_NAME_COLUMN (25 + 6 * 8 - 1)

static void put_char(struct procfs_buf *b, char c)
{
	if (b->len < PROCFS_BUF_SIZE - 1)
		b->s[b->len++] = c;
}

/* @name with Linux's mangle_path(.., "\n"): a newline becomes \012. */
static void put_escaped(struct procfs_buf *b, struct ostd_bytes name)
{
	size_t i;

	for (i = 0; i < name.len; i++) {
		int c = ostd_bytes_at(name, i);

		if (c == '\n')
			procfs_append(b, ostd_bytes_cstr("\\012"));
		else
			put_char(b, c);
	}
}

/* The name column: padding from @line_start, one space, then @name. */
static void put_name(struct procfs_buf *b, size_t line_start,
		     struct ostd_bytes name, bool escape)
{
	while (b->len < line_start + MAPS_NAME_COLUMN &&
	       b->len < PROCFS_BUF_SIZE - 1)
		put_char(b, ' ');
	put_char(b, ' ');
	if (escape)
		put_escaped(b, name);
	else
		procfs_append(b, name);
}

/* One line for area @v of @mm. Both locks held. */
static void maps_line(struct mm *mm, const struct vma *v,
		      struct procfs_buf *b, struct vfs_kbuf *kb)
{
	const struct file *f = v->file != NULL ? v->file->file : NULL;
	enum mm_area_kind kind = mm_area_kind(mm, v);
	size_t start = b->len;
	uint64_t off = 0, ino = 0, dev = 0;
	size_t name;

	if (f != NULL) {
		off = v->offset;
		ino = f->inode->ino;
		dev = f->inode->sb->dev;
	}
	procfs_advance(b, ostd_snprintf(procfs_end(b), procfs_room(b),
		"%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
		(v->prot & VMA_READ) ? 'r' : '-',
		(v->prot & VMA_WRITE) ? 'w' : '-',
		(v->prot & VMA_EXEC) ? 'x' : '-',
		(v->flags & VMA_SHARED) ? 's' : 'p', off, vfs_dev_major(dev),
		vfs_dev_minor(dev), ino));
	if (f != NULL) {
		name = procfs_file_name(f, kb);
		put_name(b, start, ostd_bytes_of(&kb->data[name],
						 OSTD_PAGE_SIZE - name), true);
	} else if (kind == MM_AREA_SHARED_ANON) {
		put_name(b, start, ostd_bytes_cstr("/dev/zero (deleted)"),
			 false);
	} else if (kind == MM_AREA_HEAP) {
		put_name(b, start, ostd_bytes_cstr("[heap]"), false);
	} else if (kind == MM_AREA_STACK) {
		put_name(b, start, ostd_bytes_cstr("[stack]"), false);
	}
	put_char(b, '\n');
}

/*
 * The lines of the areas ending above b->next, while whole lines fit. A
 * line that does not fit starts the next piece, unless it is the first
 * of this one (then it is cut off, so that reading goes on).
 */
static void maps_piece(struct mm *mm, struct procfs_buf *b,
		       struct vfs_kbuf *kb)
{
	const struct vma *v;

	for (v = mm_area_after(mm, b->next); v != NULL; v = mm_area_next(v)) {
		size_t before = b->len;

		maps_line(mm, v, b, kb);
		if (b->len >= PROCFS_BUF_SIZE - 1 && before > 0) {
			b->len = before;
			b->more = true;
			return;
		}
		b->next = v->end;
	}
}

int procfs_gen_maps(int pid, struct procfs_buf *b)
{
	struct vfs_kbuf *kb = OSTD_NEW(struct vfs_kbuf);
	struct ostd_irq_guard vg, pg;
	struct kernel_task *t;
	int r = 0;

	if (kb == NULL)
		return -ENOMEM;
	b->len = 0;
	b->more = false;
	vg = vfs_lock();
	pg = proc_lock();
	t = proc_find_locked(pid);
	if (t == NULL)
		r = -ESRCH;
	else if (!procfs_may_access_locked(t))
		r = -EACCES;
	else if (t->state != TASK_ZOMBIE && t->mm != NULL)
		maps_piece(t->mm, b, kb);
	proc_unlock(&pg);
	vfs_unlock(&vg);
	ostd_heap_free(kb);
	return r;
}
