/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/tasklist.h - intrusive doubly linked lists of kernel tasks.
 *
 * A list threads through one link kind of struct kernel_task (see task.h),
 * so a task can be on the run queue and in the process table at once. The
 * list itself has no lock: its owner names the lock that protects it.
 */
#ifndef KERNEL_TASKLIST_H
#define KERNEL_TASKLIST_H

#include "task.h"

void task_list_init(struct task_list *l, enum task_link_kind kind);
/* Appends @t, which must not be on any list of this kind. */
void task_list_push_tail(struct task_list *l, struct kernel_task *t);
/*
 * Inserts @t, which must not be on any list of this kind, just before
 * @pos, which must be on @l; a NULL @pos appends (sorted lists).
 */
void task_list_insert_before(struct task_list *l, struct kernel_task *pos,
			     struct kernel_task *t);
/* Removes and returns the first task, or NULL if the list is empty. */
struct kernel_task *task_list_pop_head(struct task_list *l);
/* Removes @t, which must be on @l. */
void task_list_remove(struct task_list *l, struct kernel_task *t);
/* True if @t is on some list of @l's kind. */
bool task_list_linked(const struct task_list *l, const struct kernel_task *t);
/* Iteration: the first task and the one after @t (NULL at the end). */
struct kernel_task *task_list_first(const struct task_list *l);
struct kernel_task *task_list_next(const struct task_list *l,
				   const struct kernel_task *t);

#endif
