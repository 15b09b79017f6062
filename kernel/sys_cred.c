// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sys_cred.c - user and group id system calls: get{,e}{u,g}id,
 * set{,re,res,fs}{u,g}id and get{res}{u,g}id.
 *
 * The rules are Linux's (kernel/sys.c). There are no capabilities: an
 * effective uid of 0 stands for CAP_SETUID and CAP_SETGID, as it does for
 * a process that never dropped capabilities. The ids are used for
 * RLIMIT_NPROC accounting, AT_UID and friends, and what the VFS stamps on
 * new files; root may do anything, as the VFS assumes.
 */
#include "errno.h"
#include "mm/mm.h"
#include "syscall.h"

/* (uid_t)-1: "leave this id unchanged" in the set*id calls. */
#define ID_KEEP UINT32_MAX

/* The id fields one family (user or group ids) of struct task_cred. */
struct id_set {
	uint32_t *r;
	uint32_t *e;
	uint32_t *s;
	uint32_t *fs;
};

static struct id_set ids_of(struct kernel_task *t, bool group)
{
	struct task_cred *c = &t->cred;
	struct id_set u = { &c->uid, &c->euid, &c->suid, &c->fsuid };
	struct id_set g = { &c->gid, &c->egid, &c->sgid, &c->fsgid };

	return group ? g : u;
}

static bool privileged(const struct kernel_task *t)
{
	return t->cred.euid == 0;
}

/* @id is one of the current real, effective or saved ids. */
static bool is_current(const struct id_set *ids, uint32_t id)
{
	return id == *ids->r || id == *ids->e || id == *ids->s;
}

/* setuid(2) / setgid(2). */
static long set_id(struct kernel_task *t, uint64_t arg, bool group)
{
	struct id_set ids = ids_of(t, group);
	uint32_t id = arg;

	if (id == ID_KEEP)
		return -EINVAL;
	if (privileged(t)) {
		*ids.r = id;
		*ids.s = id;
	} else if (id != *ids.r && id != *ids.s) {
		return -EPERM;
	}
	*ids.e = id;
	*ids.fs = id;
	return 0;
}

/* setreuid(2) / setregid(2). */
static long set_re_id(struct kernel_task *t, uint64_t ra, uint64_t ea,
		      bool group)
{
	struct id_set ids = ids_of(t, group);
	uint32_t r = ra, e = ea, old_r = *ids.r;
	bool priv = privileged(t);

	if (r != ID_KEEP && !priv && r != *ids.r && r != *ids.e)
		return -EPERM;
	if (e != ID_KEEP && !priv && !is_current(&ids, e))
		return -EPERM;
	if (r != ID_KEEP)
		*ids.r = r;
	if (e != ID_KEEP)
		*ids.e = e;
	/* Linux: the saved id follows the effective one in these cases. */
	if (r != ID_KEEP || (e != ID_KEEP && e != old_r))
		*ids.s = *ids.e;
	*ids.fs = *ids.e;
	return 0;
}

/* setresuid(2) / setresgid(2). */
static long set_res_id(struct kernel_task *t, const struct syscall_args *a,
		       bool group)
{
	struct id_set ids = ids_of(t, group);
	uint32_t r = a->a[0], e = a->a[1], s = a->a[2];

	if (!privileged(t) &&
	    ((r != ID_KEEP && !is_current(&ids, r)) ||
	     (e != ID_KEEP && !is_current(&ids, e)) ||
	     (s != ID_KEEP && !is_current(&ids, s))))
		return -EPERM;
	if (r != ID_KEEP)
		*ids.r = r;
	if (e != ID_KEEP)
		*ids.e = e;
	if (s != ID_KEEP)
		*ids.s = s;
	*ids.fs = *ids.e;
	return 0;
}

/* getresuid(2) / getresgid(2): three 32-bit ids to three addresses. */
static long get_res_id(struct kernel_task *t, const struct syscall_args *a,
		       bool group)
{
	struct id_set ids = ids_of(t, group);
	uint32_t v[3] = { *ids.r, *ids.e, *ids.s };
	size_t i;

	for (i = 0; i < 3; i++) {
		if (mm_copy_to_user(t->mm, a->a[i], &v[i], sizeof(v[i])) < 0)
			return -EFAULT;
	}
	return 0;
}

/* setfsuid(2) / setfsgid(2): returns the old id, never an error. */
static long set_fs_id(struct kernel_task *t, uint64_t arg, bool group)
{
	struct id_set ids = ids_of(t, group);
	uint32_t id = arg, old = *ids.fs;

	if (privileged(t) || is_current(&ids, id) || id == *ids.fs)
		*ids.fs = id;
	return old;
}

long sys_getuid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->cred.uid;
}

long sys_geteuid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->cred.euid;
}

long sys_getgid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->cred.gid;
}

long sys_getegid(struct kernel_task *t, const struct syscall_args *args)
{
	(void)args;
	return t->cred.egid;
}

long sys_setuid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_id(t, args->a[0], false);
}

long sys_setgid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_id(t, args->a[0], true);
}

long sys_setreuid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_re_id(t, args->a[0], args->a[1], false);
}

long sys_setregid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_re_id(t, args->a[0], args->a[1], true);
}

long sys_setresuid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_res_id(t, args, false);
}

long sys_setresgid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_res_id(t, args, true);
}

long sys_getresuid(struct kernel_task *t, const struct syscall_args *args)
{
	return get_res_id(t, args, false);
}

long sys_getresgid(struct kernel_task *t, const struct syscall_args *args)
{
	return get_res_id(t, args, true);
}

long sys_setfsuid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_fs_id(t, args->a[0], false);
}

long sys_setfsgid(struct kernel_task *t, const struct syscall_args *args)
{
	return set_fs_id(t, args->a[0], true);
}

/* There are no supplementary groups: the list is always empty. */
long sys_getgroups(struct kernel_task *t, const struct syscall_args *args)
{
	int size = args->a[0];

	(void)t;
	return size < 0 ? -EINVAL : 0;
}
