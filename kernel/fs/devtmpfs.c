// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fs/devtmpfs.c - devtmpfs: a tmpfs whose nodes the kernel creates
 * for the devices it drives, with the names, numbers and modes Linux's
 * devtmpfs gives them (drivers/base/devtmpfs.c and each driver's devnode
 * mode): console 0600, everything else 0666, owned by root.
 *
 * As on Linux there is one instance: it is made on the first mount, kept
 * by the file system (sb->keep) and shown by every mount, so a node made
 * with mknod in one mount appears in all of them. There is no hotplug:
 * the device list is fixed at build time.
 */
#include <ostd/bytes.h>

#include "drivers/mem.h"
#include "errno.h"
#include "fs/devtmpfs.h"
#include "fs/fs_internal.h"

struct dev_node {
	const char *name;
	uint32_t mode; /* S_IFCHR | permissions */
	uint32_t major;
	uint32_t minor;
};

static const struct dev_node dev_nodes[] = {
	{ "console", S_IFCHR | 0600, TTYAUX_MAJOR, TTY_MINOR_CONSOLE },
	{ "full", S_IFCHR | 0666, MEM_MAJOR, MEM_MINOR_FULL },
	{ "null", S_IFCHR | 0666, MEM_MAJOR, MEM_MINOR_NULL },
	{ "random", S_IFCHR | 0666, MEM_MAJOR, MEM_MINOR_RANDOM },
	{ "tty", S_IFCHR | 0666, TTYAUX_MAJOR, TTY_MINOR_TTY },
	{ "urandom", S_IFCHR | 0666, MEM_MAJOR, MEM_MINOR_URANDOM },
	{ "zero", S_IFCHR | 0666, MEM_MAJOR, MEM_MINOR_ZERO },
};

/* The one instance, made on the first mount; under the VFS lock. */
static struct super_block *devtmpfs_sb;

/* The instance with its nodes, or NULL when memory runs out. Lock held. */
static struct super_block *devtmpfs_create(void)
{
	struct super_block *sb = tmpfs_create_sb(0755);
	struct inode *root;
	struct inode *node;
	size_t i;

	if (sb == NULL)
		return NULL;
	root = sb->root;
	for (i = 0; i < sizeof(dev_nodes) / sizeof(dev_nodes[0]); i++) {
		const struct dev_node *d = &dev_nodes[i];

		if (root->iops->create(root, ostd_bytes_cstr(d->name), d->mode,
				       vfs_mkdev(d->major, d->minor),
				       &node) < 0) {
			super_kill(sb);
			return NULL;
		}
	}
	sb->fstype = "devtmpfs";
	sb->keep = true;
	return sb;
}

/* Mount options (mode=, size=) are accepted and ignored, as for an
 * existing devtmpfs on Linux. */
static int devtmpfs_get_sb(struct ostd_bytes source, unsigned long flags,
			   struct ostd_bytes data, struct super_block **out)
{
	(void)source;
	(void)flags;
	(void)data;
	if (devtmpfs_sb == NULL)
		devtmpfs_sb = devtmpfs_create();
	if (devtmpfs_sb == NULL)
		return -ENOMEM;
	*out = devtmpfs_sb;
	return 0;
}

static const struct fs_type devtmpfs_type = {
	.name = "devtmpfs",
	.get_sb = devtmpfs_get_sb,
};

int devtmpfs_init(void)
{
	return vfs_register_fs(&devtmpfs_type);
}
