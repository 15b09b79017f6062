// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/tasklist.c - intrusive doubly linked lists of kernel tasks.
 *
 * The links live in the task (an array indexed by link kind), so linking
 * never allocates and unlinking is O(1). A task on the wrong list, or
 * linked twice, is a kernel bug and panics instead of corrupting the list.
 */
#include <ostd/log.h>

#include "tasklist.h"

void task_list_init(struct task_list *l, enum task_link_kind kind)
{
	l->head = NULL;
	l->tail = NULL;
	l->len = 0;
	l->kind = kind;
}

void task_list_push_tail(struct task_list *l, struct kernel_task *t)
{
	struct task_link *link = &t->links[l->kind];

	if (link->linked)
		ostd_panic("task %d linked twice (list kind %d)", t->pid,
			   l->kind);
	link->next = NULL;
	link->prev = l->tail;
	link->linked = true;
	if (l->tail)
		l->tail->links[l->kind].next = t;
	else
		l->head = t;
	l->tail = t;
	l->len++;
}

void task_list_insert_before(struct task_list *l, struct kernel_task *pos,
			     struct kernel_task *t)
{
	struct task_link *link = &t->links[l->kind];
	struct task_link *at;

	if (!pos) {
		task_list_push_tail(l, t);
		return;
	}
	at = &pos->links[l->kind];
	if (link->linked || !at->linked)
		ostd_panic("task %d: bad insert before task %d (list kind %d)",
			   t->pid, pos->pid, l->kind);
	link->next = pos;
	link->prev = at->prev;
	link->linked = true;
	if (at->prev)
		at->prev->links[l->kind].next = t;
	else
		l->head = t;
	at->prev = t;
	l->len++;
}

void task_list_remove(struct task_list *l, struct kernel_task *t)
{
	struct task_link *link = &t->links[l->kind];

	if (!link->linked || l->len == 0)
		ostd_panic("task %d is not linked (list kind %d)", t->pid,
			   l->kind);
	if (link->prev)
		link->prev->links[l->kind].next = link->next;
	else
		l->head = link->next;
	if (link->next)
		link->next->links[l->kind].prev = link->prev;
	else
		l->tail = link->prev;
	link->next = NULL;
	link->prev = NULL;
	link->linked = false;
	l->len--;
}

struct kernel_task *task_list_pop_head(struct task_list *l)
{
	struct kernel_task *t = l->head;

	if (t)
		task_list_remove(l, t);
	return t;
}

bool task_list_linked(const struct task_list *l, const struct kernel_task *t)
{
	return t->links[l->kind].linked;
}

struct kernel_task *task_list_first(const struct task_list *l)
{
	return l->head;
}

struct kernel_task *task_list_next(const struct task_list *l,
				   const struct kernel_task *t)
{
	return t->links[l->kind].next;
}
