// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched.c - round-robin scheduling policy.
 *
 * ostd owns the mechanism (context switch, task states, the idle loop) and
 * asks this file two questions through struct ostd_sched_ops: "this task is
 * runnable, queue it" and "what runs next?". The answer is a FIFO run queue
 * threaded through each task's TASK_LINK_RUN links.
 *
 * Time slices are one tick long: the task loop (task.c) yields whenever
 * user code was interrupted by a tick, and a yielding task goes to the
 * tail of the queue.
 */
#include <ostd/log.h>
#include <ostd/task.h>

#include "sched.h"
#include "task.h"
#include "tasklist.h"

/*
 * protects: run_queue. ostd calls enqueue/pick_next with its own run-queue
 * lock held (see <ostd/task.h>), so this list needs no lock of its own and
 * is touched nowhere else.
 */
static struct task_list run_queue;

static void rr_enqueue(struct ostd_task *ot)
{
	struct kernel_task *t = ostd_task_data(ot);

	/* Only kernel tasks are scheduled here; ostd's idle task never is. */
	if (!t || t->task != ot)
		ostd_panic("sched: enqueue of a task the kernel does not own");
	task_list_push_tail(&run_queue, t);
}

static struct ostd_task *rr_pick_next(void)
{
	struct kernel_task *t = task_list_pop_head(&run_queue);

	return t ? t->task : NULL;
}

static const struct ostd_sched_ops rr_ops = {
	.enqueue = rr_enqueue,
	.pick_next = rr_pick_next,
};

size_t sched_nr_queued(void)
{
	return run_queue.len;
}

void sched_init(void)
{
	task_list_init(&run_queue, TASK_LINK_RUN);
	ostd_sched_register(&rr_ops);
}
