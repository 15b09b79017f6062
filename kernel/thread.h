/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/thread.h - thread groups (CLONE_THREAD): the process-wide half
 * of exit, signals and execve for a process with several threads.
 *
 * A process is a thread group: the leader (pid == tgid) and the threads
 * clone(CLONE_THREAD) made. Every thread is in the process table under
 * its own tid; only leaders are children of anybody, and only they show
 * in walks of the table (/proc, kill(-1)). The group shares one address
 * space (freed by the last thread to let go of it), the fd table and fs
 * context (CLONE_FILES, CLONE_FS) and the signal handlers: a handler
 * change is copied to every thread, which is CLONE_SIGHAND's sharing
 * without a separate table. Each thread has its own tid, mask, pending
 * set, registers and TLS.
 *
 * All of it is protected by the process table lock (proc.h).
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "task.h"

/* Makes @t the leader of a group of one. Lock held. */
void thread_group_init(struct kernel_task *t);

/*
 * exit_group, a fatal signal or fault in @t: records @status as the
 * group's and kills the other threads (SIGKILL). No-op for the other
 * threads dying of it, and while an execve is killing them.
 */
void thread_group_exit(struct kernel_task *t, int status);

/* @t lets go of the address space: true if it was the last user. */
bool thread_mm_put(struct kernel_task *t);

/*
 * Linux's de_thread() for execve in @t: kills the other threads, waits
 * for them to exit, and makes @t the leader (it takes the leader's pid,
 * parent and children). Returns once @t is the only thread.
 */
void thread_de_thread(struct kernel_task *t);

/*
 * The thread of @t's process to hand a process-directed @sig to: @t if
 * it can take it, else one not blocking it, else any live one. Lock held.
 */
struct kernel_task *thread_pick_locked(struct kernel_task *t, int sig);

/* CLONE_SIGHAND: copies @t's action for @sig to its other threads. */
void thread_share_action_locked(struct kernel_task *t, int sig);

/* setpgid/setsid changed the leader @l's ids: its threads get them. */
void thread_sync_ids_locked(struct kernel_task *l);

/* Threads of @t's process (the "Threads:" of /proc/<pid>/status). */
int thread_count_locked(const struct kernel_task *t);

#endif
