/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/fs/vfs.h - the virtual file system: inodes, mounts, open files,
 * and the calls the syscall layer makes.
 *
 * The model is Linux's, made small:
 *   - struct inode is a file (any type). There are no dentries: a directory
 *     maps names to inodes itself (tmpfs keeps the list), and every
 *     directory knows its parent, which is how `..` works.
 *   - struct super_block is one file system instance; struct mount attaches
 *     a super block's root on top of an inode (the mountpoint) of a parent
 *     mount. A place in the tree is a struct path = (mount, inode), so path
 *     walks cross mounts both ways.
 *   - struct file is an open file description (offset, status flags), shared
 *     by dup()ed fds and across fork(); fds live in struct fdtable
 *     (fdtable.h).
 *   - struct fs_context is a process's root, working directory and umask.
 *
 * Lifetimes: inode->refcount counts in-memory references (paths held by
 * files, fs contexts, mounts, and child directories through their `..`).
 * nlink counts directory entries. An inode is freed when both are zero,
 * so an unlinked file stays readable while it is open.
 *
 * Locking: one VFS lock (fs_internal.h) protects all metadata: inodes,
 * directories, page indexes, mounts, fs contexts. Every vfs_* function
 * below takes it itself: call them with no VFS lock held. File data is
 * copied outside the lock, with a frame reference held, because user copies
 * may fault. struct file has its own small lock for its offset and flags.
 *
 * Errors are negative Linux errno values (errno.h).
 */
#ifndef KERNEL_FS_VFS_H
#define KERNEL_FS_VFS_H

#include <ostd/bytes.h>
#include <ostd/cpu.h>
#include <ostd/frame.h>
#include <ostd/types.h>

#include "fs/io.h"
#include "mm/mm.h"
#include "uapi/stat.h"
#include "uapi/statfs.h"

struct inode;
struct file;
struct mount;
struct super_block;
struct dir_emit;
struct tmpfs_node; /* tmpfs's private part of an inode */
struct pipe;       /* a driver's private part of a file: add more as needed */
struct tty;
struct procfs_buf; /* procfs: the text generated at open */

struct vfs_time {
	int64_t sec;
	int64_t nsec;
};

/* What a file system does for its inodes. Called with the VFS lock held. */
struct inode_ops {
	/* "." and ".." included; -ENOENT if @name is absent. */
	int (*lookup)(struct inode *dir, struct ostd_bytes name,
		      struct inode **out);
	/* A new inode of type and mode @mode (any type but symlinks). */
	int (*create)(struct inode *dir, struct ostd_bytes name, uint32_t mode,
		      uint64_t rdev, struct inode **out);
	int (*symlink)(struct inode *dir, struct ostd_bytes name,
		       struct ostd_bytes target, struct inode **out);
	int (*link)(struct inode *dir, struct ostd_bytes name,
		    struct inode *target);
	/* Removes the entry @name -> @victim (unlink and rmdir alike). */
	int (*unlink)(struct inode *dir, struct ostd_bytes name,
		      struct inode *victim);
	/*
	 * Moves @oname (-> @old) to @nname in @ndir, replacing @victim (NULL
	 * if absent), or swaps the two with RENAME_EXCHANGE. The VFS has
	 * checked every rule; this must not fail.
	 */
	void (*rename)(struct inode *odir, struct ostd_bytes oname,
		       struct inode *old, struct inode *ndir,
		       struct ostd_bytes nname, struct inode *victim,
		       unsigned flags);
	/* A view of the link target, valid while the VFS lock is held. */
	int (*readlink)(struct inode *link, struct ostd_bytes *out);
	int (*setsize)(struct inode *ino, uint64_t size);
	/* The frame of page @idx with a reference (vfs_file_get_page). */
	int (*get_page)(struct inode *ino, uint64_t idx, bool fill,
			struct ostd_frame **out);
	/* Emits the entries after position @pos (vfs_dir_emit). */
	void (*iterate)(struct inode *dir, uint64_t pos, struct dir_emit *d);
	bool (*dir_empty)(struct inode *dir);
	/* The name of directory @child in @dir (getcwd); -ENOENT if none. */
	int (*name_of)(struct inode *dir, struct inode *child,
		       struct ostd_bytes *out);
};

struct super_ops {
	/*
	 * Frees @ino's private data. Returns an inode whose reference @ino
	 * held (a directory's parent), for the caller to drop, or NULL.
	 */
	struct inode *(*evict)(struct inode *ino);
	void (*statfs)(struct super_block *sb, struct linux_statfs *st);
};

/* Open-file operations. Called without the VFS lock. */
struct file_ops {
	/* Driver setup after the file exists; may block (FIFOs). Optional. */
	int (*open)(struct inode *ino, struct file *f);
	/* Move up to @len bytes at *@pos; advance *@pos by what moved. */
	long (*read)(struct file *f, struct io_target *t, size_t len,
		     uint64_t *pos);
	long (*write)(struct file *f, struct io_target *t, size_t len,
		      uint64_t *pos);
	/* Optional; NULL means regular-file seeking for files and dirs, else
	 * -ESPIPE. */
	int64_t (*llseek)(struct file *f, int64_t off, int whence);
	long (*ioctl)(struct file *f, unsigned cmd, uint64_t arg);
	/*
	 * poll(2): the POLL* events (uapi/poll.h) that hold now; never
	 * blocks. Optional: NULL means always ready to read and write
	 * (Linux's DEFAULT_POLLMASK), right for files and most devices.
	 */
	unsigned (*poll)(struct file *f);
	/* Last reference gone. Optional. */
	void (*release)(struct file *f);
};

struct inode {
	uint64_t ino;
	uint32_t mode; /* S_IFMT type bits | permission bits */
	uint32_t uid;
	uint32_t gid;
	uint32_t nlink;
	uint64_t size;
	uint64_t blocks; /* 512-byte units of storage held */
	struct vfs_time atime;
	struct vfs_time mtime;
	struct vfs_time ctime;
	uint64_t rdev;     /* Linux dev_t encoding (major << 8 | minor ...) */
	uint32_t refcount; /* in-memory references, see above */
	uint32_t mounted;  /* mounts whose mountpoint this is */
	struct super_block *sb;
	const struct inode_ops *iops;
	const struct file_ops *fops; /* for regular files and directories */
	struct inode *sb_prev;       /* every inode of sb, for umount */
	struct inode *sb_next;
	struct tmpfs_node *tmpfs;    /* fs-private */
	struct pipe *pipe;           /* FIFOs: the pipe while open (pipe.c) */
	/*
	 * Linux's i_writecount: > 0, open that many times for writing;
	 * < 0, denied to writers by that many executables (exec, and every
	 * address space running it). Either excludes the other: -ETXTBSY.
	 */
	int32_t writecount;
	struct vma_mapping mapping;  /* its pages in address spaces (mm.h) */
};

struct super_block {
	uint64_t dev; /* st_dev */
	uint32_t mounts; /* mounts of it; umount of the last one kills it */
	bool keep;       /* never killed: the fs keeps it (devtmpfs, pipes) */
	int64_t magic;
	const char *fstype; /* "tmpfs", "proc"...: for /proc/mounts */
	const struct super_ops *ops;
	struct inode *root;
	struct inode *inodes; /* list through sb_next */
	uint64_t next_ino;
	uint64_t ninodes;
};

struct mount {
	struct super_block *sb;
	struct inode *root;        /* holds a reference */
	struct mount *parent;      /* NULL for the root mount */
	struct inode *mountpoint;  /* in parent; holds a reference */
	uint32_t refcount;         /* paths held in files and fs contexts */
	uint32_t children;         /* mounts on inodes of this one */
	unsigned long flags;       /* MS_* from mount(2), reported by statfs */
	struct mount *next;        /* all mounts, newest first */
};

struct path {
	struct mount *mnt;
	struct inode *inode;
};

struct fs_context {
	uint32_t refcount; /* tasks sharing it (CLONE_FS) */
	uint32_t umask;
	struct path root;  /* both hold references */
	struct path cwd;
};

/*
 * What a memory area holds on to for a mapped file (kernel/mm/mm.h): the
 * open file itself. It is embedded in struct file, so &f->vma and
 * vma->file convert between the two without a cast, and its reference
 * count is the file's.
 */
struct vma_file {
	struct file *file;
};

struct file {
	struct ostd_spinlock lock; /* protects: refcount, pos, flags */
	uint32_t refcount;
	uint32_t flags;            /* O_ACCMODE, O_APPEND, O_NONBLOCK, O_PATH.. */
	uint64_t pos;
	struct path path;          /* holds references; immutable */
	struct inode *inode;       /* == path.inode */
	const struct file_ops *fops; /* NULL for O_PATH files */
	struct pipe *pipe;         /* driver-private, owned by fops */
	struct tty *tty;
	struct procfs_buf *procfs;
	struct vma_file vma;       /* .file == this file */
	bool writer;               /* counted in inode->writecount; immutable */
};

/* ---- boot and process contexts ---- */

/* Creates the root tmpfs. Once, before anything else here. */
int vfs_init(void);
/* A context with root and cwd at "/" and umask 022, or NULL. */
struct fs_context *fs_context_new_root(void);
/* fork() without CLONE_FS: an independent copy, or NULL. */
struct fs_context *fs_context_copy(struct fs_context *ctx);
void fs_context_get(struct fs_context *ctx);
void fs_context_put(struct fs_context *ctx);
/* Sets the umask; returns the old one. */
uint32_t fs_context_umask(struct fs_context *ctx, uint32_t mask);

/* Character devices by major number, and the FIFO implementation. */
int vfs_register_chrdev(uint32_t major, const struct file_ops *fops);
void vfs_set_fifo_ops(const struct file_ops *fops);
uint32_t vfs_dev_major(uint64_t dev);
uint32_t vfs_dev_minor(uint64_t dev);
uint64_t vfs_mkdev(uint32_t major, uint32_t minor);

/* ---- open files ---- */

/*
 * Most calls below name a file by (@dirf, @path) as the *at() calls do:
 * @path relative to the directory open as @dirf, or to the working
 * directory when @dirf is NULL (AT_FDCWD). Absolute paths ignore @dirf.
 */

/* open(2): on success *@out holds a new file with one reference. The fd
 * flag O_CLOEXEC is the caller's business (fd_install). */
int vfs_open(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	     uint32_t flags, uint32_t mode, struct file **out);
/*
 * A new open file on what @f (any file, O_PATH too) is open on, with
 * open(2) @flags but no O_CREAT (-EINVAL): Linux's open of an empty path
 * with AT_EMPTY_PATH (execveat, fexecve). The same checks as vfs_open()
 * on the file's inode; -ELOOP for a symlink unless O_PATH.
 */
int vfs_reopen(struct file *f, uint32_t flags, struct file **out);
struct file *file_get(struct file *f);
void file_put(struct file *f);
uint32_t vfs_file_flags(struct file *f);
/* F_SETFL: only O_APPEND, O_NONBLOCK, O_NOATIME and (pipes only: else
 * -EINVAL, nothing changed) O_DIRECT change. */
int vfs_file_set_flags(struct file *f, uint32_t flags);

/*
 * Linux's deny_write_access()/allow_write_access() for executables:
 * while @f's inode is denied, opening it for writing, truncate(2) and
 * open(O_TRUNC) fail with -ETXTBSY; denying fails with -ETXTBSY while it
 * is open for writing. Every successful deny is undone by one allow.
 */
int vfs_deny_write(struct file *f);
void vfs_allow_write(struct file *f);

/* Whether @f has an offset (pread/pwrite work; lseek is not ESPIPE). */
bool vfs_file_seekable(struct file *f);

long vfs_read(struct file *f, struct io_target *t, size_t len);
long vfs_write(struct file *f, struct io_target *t, size_t len);
long vfs_pread(struct file *f, struct io_target *t, size_t len, int64_t off);
long vfs_pwrite(struct file *f, struct io_target *t, size_t len, int64_t off);
int64_t vfs_lseek(struct file *f, int64_t off, int whence);
long vfs_ioctl(struct file *f, unsigned cmd, uint64_t arg);
/*
 * For file mappings (mmap): the frame holding page @pgoff of @f's data,
 * with a new reference for the caller, shared with read() and write().
 * NULL with *@err = 0 for a hole inside the file when @fill is false (map
 * a zero page); with @fill a hole gets a new zeroed frame first (shared
 * mappings). NULL with *@err = -ENXIO past the end of the file (SIGBUS),
 * -ENOSPC, or -ENODEV for files that cannot be mapped.
 * Truncating a file unmaps its pages past the new end from every address
 * space (mm_unmap_mapping), so a mapping never outlives the file's data.
 */
struct ostd_frame *vfs_file_get_page(struct file *f, uint64_t pgoff,
				     bool fill, int *err);
/* getdents64(2): linux_dirent64 records into @t, at most @len bytes. */
long vfs_getdents64(struct file *f, struct io_target *t, size_t len);

/* mmap(2): the mm's handle for @f (see struct vma_file). */
struct vma_file *file_vma(struct file *f);
/* Whether @f has pages to map (Linux: an mmap op); else mmap is ENODEV. */
bool vfs_file_mappable(struct file *f);

/*
 * Files that live on no path of the tree (pipes, the early console):
 * each gets a fresh inode of type and mode @mode on an internal pseudo
 * file system that is never mounted. The inode has one link, as Linux's
 * pipes report; the owner calls anon_inode_unlink() when it is done, so
 * the inode goes with the last file. *@out holds one reference.
 */
int anon_file_new(uint32_t mode, uint64_t rdev, uint32_t flags,
		  const struct file_ops *fops, struct file **out);
/* Another open file on @f's inode (the other end of a pipe), or NULL. */
struct file *anon_file_sibling(struct file *f, uint32_t flags,
			       const struct file_ops *fops);
void anon_inode_unlink(struct inode *ino);

/* ---- names ---- */

int vfs_mkdir(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode);
/* mknod(2): regular files, FIFOs, character and block devices. */
int vfs_mknod(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode, uint64_t dev);
/* unlinkat(2): AT_REMOVEDIR in @atflags makes it rmdir. */
int vfs_unlink(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, unsigned atflags);
/* linkat(2): AT_SYMLINK_FOLLOW, AT_EMPTY_PATH. */
int vfs_link(struct fs_context *ctx, struct file *odirf, struct ostd_bytes opath,
	     struct file *ndirf, struct ostd_bytes npath, unsigned atflags);
int vfs_symlink(struct fs_context *ctx, struct ostd_bytes target,
		struct file *dirf, struct ostd_bytes path);
/* readlinkat(2): the target (no NUL) into @t, truncated to @len. */
long vfs_readlink(struct fs_context *ctx, struct file *dirf,
		  struct ostd_bytes path, struct io_target *t, size_t len);
/* renameat2(2): RENAME_NOREPLACE, RENAME_EXCHANGE. */
int vfs_rename(struct fs_context *ctx, struct file *odirf,
	       struct ostd_bytes opath, struct file *ndirf,
	       struct ostd_bytes npath, unsigned flags);

/* ---- attributes ---- */

/* fstatat(2): AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
int vfs_stat(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	     unsigned atflags, struct linux_stat *st);
int vfs_fstat(struct file *f, struct linux_stat *st);
int vfs_truncate(struct fs_context *ctx, struct file *dirf,
		 struct ostd_bytes path, int64_t len);
int vfs_ftruncate(struct file *f, int64_t len);
/* fchmodat(2) and fchownat(2); (uint32_t)-1 leaves an id unchanged. */
int vfs_chmod(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t mode, unsigned atflags);
int vfs_fchmod(struct file *f, uint32_t mode);
int vfs_chown(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path,
	      uint32_t uid, uint32_t gid, unsigned atflags);
int vfs_fchown(struct file *f, uint32_t uid, uint32_t gid);
/*
 * utimensat(2). @atime and @mtime both NULL: set both to now; otherwise
 * each may carry UTIME_NOW or UTIME_OMIT in tv_nsec. An empty @path with
 * @dirf set (futimens) changes @dirf itself.
 */
int vfs_utimens(struct fs_context *ctx, struct file *dirf,
		struct ostd_bytes path, const struct linux_timespec *atime,
		const struct linux_timespec *mtime, unsigned atflags);
/* faccessat(2): root may do anything, so this checks existence (and
 * X_OK needs some x bit, as for root on Linux). */
int vfs_access(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, uint32_t mode, unsigned atflags);
int vfs_statfs(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path, struct linux_statfs *st);
int vfs_fstatfs(struct file *f, struct linux_statfs *st);

/* ---- the process's place in the tree ---- */

int vfs_chdir(struct fs_context *ctx, struct file *dirf, struct ostd_bytes path);
int vfs_fchdir(struct fs_context *ctx, struct file *f);
int vfs_chroot(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes path);
/* getcwd(2): the NUL-terminated path into @kb; returns its size with
 * the NUL, or -ENOENT if the directory was removed. */
long vfs_getcwd(struct fs_context *ctx, struct vfs_kbuf *kb);

/* ---- mounts ---- */

/*
 * File system types, by the name mount(2) gives. "tmpfs" (and "ramfs",
 * the same here) is built in; others (proc, devtmpfs) register at boot.
 * get_sb runs with the VFS lock held and returns the super block to
 * mount: a new one, or one the type keeps (sb->keep) and mounts again.
 * @data is mount(2)'s option string (may be empty).
 */
struct fs_type {
	const char *name;
	int (*get_sb)(struct ostd_bytes source, unsigned long flags,
		      struct ostd_bytes data, struct super_block **out);
};
/* -EBUSY if the name is taken, -ENOMEM. @type must stay valid. */
int vfs_register_fs(const struct fs_type *type);
/*
 * The names of the registered types, oldest first (Linux's
 * /proc/filesystems order); the first VFS_FS_NAMES_MAX if there are more.
 * Takes the VFS lock. The names live as long as the kernel.
 */
#define VFS_FS_NAMES_MAX 16
struct vfs_fs_names {
	const char *name[VFS_FS_NAMES_MAX];
	size_t count;
};
void vfs_fs_type_names(struct vfs_fs_names *out);

/* mount(2) of @fstype on a directory, with no option string. */
int vfs_mount(struct fs_context *ctx, struct ostd_bytes source,
	      struct file *dirf, struct ostd_bytes target,
	      struct ostd_bytes fstype, unsigned long flags);
/* mount(2) with its option string @data ("mode=755,size=1m" for tmpfs). */
int vfs_mount_opts(struct fs_context *ctx, struct ostd_bytes source,
		   struct file *dirf, struct ostd_bytes target,
		   struct ostd_bytes fstype, unsigned long flags,
		   struct ostd_bytes data);
/* umount2(2): EBUSY while files, directories or mounts use it. */
int vfs_umount(struct fs_context *ctx, struct file *dirf,
	       struct ostd_bytes target, unsigned flags);

#endif
