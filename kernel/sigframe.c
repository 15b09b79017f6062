// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sigframe.c - the signal frame a user handler runs on, in Linux
 * riscv64's exact layout (arch/riscv/kernel/signal.c, struct rt_sigframe:
 * a siginfo, then a ucontext whose mcontext holds the integer registers
 * and the D-extension FP state), and rt_sigreturn(2), which reads it back.
 *
 * Linux points ra at __vdso_rt_sigreturn; racho has no vDSO, so every
 * image gets one read+exec "sigreturn page" at SIGFRAME_TRAMPOLINE (above
 * the stack top, below the end of user space) holding `li a7, 139; ecall`.
 * All processes map the same frame (made once); the area is an ordinary
 * private one, so fork shares it and copy-on-write protects the frame.
 */
#include <ostd/frame.h>
#include <ostd/user.h>
#include <ostd/vm.h>

#include "errno.h"
#include "exec.h"
#include "fault.h"
#include "mm/mm.h"
#include "proc.h"
#include "signal.h"

#define SIGFRAME_TRAMPOLINE (USER_STACK_TOP + 0x8000ULL)
#define INSN_LI_A7_139 0x08b00893U /* addi a7, zero, 139 (rt_sigreturn) */
#define INSN_ECALL 0x00000073U

#define SS_ONSTACK 1U
#define SS_DISABLE 2U
#define SS_AUTODISARM (1U << 31)

/* struct siginfo: 128 bytes; the union as 64-bit words (see fill_info). */
struct linux_siginfo {
	int32_t signo;
	int32_t errnum;
	int32_t code;
	int32_t pad;
	uint64_t w[14];
};

/*
 * struct sigcontext: sc_regs (user_regs_struct: pc, then x1..x31), and
 * union __riscv_fp_state as its D form (f[32], fcsr) padded to the Q
 * form's 528 bytes; the Q form's reserved[3] (fpad[64..66]) must be 0.
 */
struct linux_sigcontext {
	uint64_t regs[32];
	uint64_t f[32];
	uint32_t fcsr;
	uint32_t fpad[67];
};

/* struct ucontext; uc_mcontext is 16-byte aligned (offset 176). */
struct linux_ucontext {
	uint64_t flags;
	uint64_t link;
	uint64_t ss_sp; /* uc_stack (stack_t) */
	int32_t ss_flags;
	int32_t ss_pad;
	uint64_t ss_size;
	uint64_t sigmask;
	uint64_t unused[15]; /* sigset_t room up to 1024 bits */
	uint64_t align;
	struct linux_sigcontext mc;
};

struct linux_rt_sigframe {
	struct linux_siginfo info;
	struct linux_ucontext uc;
};

_Static_assert(sizeof(struct linux_siginfo) == 128, "riscv64 siginfo");
_Static_assert(sizeof(struct linux_sigcontext) == 784, "riscv64 sigcontext");
_Static_assert(sizeof(struct linux_ucontext) == 960, "riscv64 ucontext");
_Static_assert(sizeof(struct linux_rt_sigframe) == 1088, "rt_sigframe");

/* Where uc and info sit inside the frame (offsetof without a macro). */
#define FRAME_INFO_OFF 0ULL
#define FRAME_UC_OFF 128ULL

/*
 * The trampoline's frame, shared by every process: made on first use and
 * never freed (this reference is the global one). Protected by the
 * process table lock.
 */
static struct ostd_frame *trampoline;

/* The shared trampoline frame (made on first use), or NULL (ENOMEM). */
static struct ostd_frame *trampoline_frame(void)
{
	uint32_t code[2] = { INSN_LI_A7_139, INSN_ECALL };
	struct ostd_frame *f = NULL;
	struct ostd_irq_guard g = proc_lock();
	bool have = trampoline != NULL;

	proc_unlock(&g);
	if (!have) {
		f = ostd_frame_alloc();
		if (f == NULL ||
		    ostd_frame_write(f, 0, code, sizeof(code)) < 0) {
			if (f != NULL)
				ostd_frame_put(f);
			return NULL;
		}
	}
	g = proc_lock();
	if (trampoline == NULL) {
		trampoline = f;
		f = NULL;
	}
	proc_unlock(&g);
	if (f != NULL)
		ostd_frame_put(f); /* lost a race: someone made it first */
	return trampoline;
}

int sigframe_map_trampoline(struct mm *mm)
{
	struct ostd_frame *f = trampoline_frame();
	int err;

	if (f == NULL)
		return -ENOMEM;
	/*
	 * A private read+exec area with the shared frame already in place:
	 * fork shares it like any page, and since the frame is always
	 * mapped more than once, mprotect(PROT_WRITE) can only ever lead
	 * to a private copy (mm's copy-on-write rule), never to a write
	 * into the shared frame.
	 */
	err = mm_map_anon_fixed(mm, SIGFRAME_TRAMPOLINE, OSTD_PAGE_SIZE,
				OSTD_PROT_READ | OSTD_PROT_EXEC);
	if (err == 0)
		err = ostd_vmspace_map(mm_vmspace(mm), SIGFRAME_TRAMPOLINE, f,
				       OSTD_PROT_READ | OSTD_PROT_EXEC) < 0 ?
			      -ENOMEM :
			      0;
	return err;
}

bool sigframe_on_altstack(const struct kernel_task *t, uint64_t sp)
{
	return t->sig.ss_size != 0 && sp > t->sig.ss_sp &&
	       sp - t->sig.ss_sp <= t->sig.ss_size;
}

/* Linux's sas_ss_flags(). */
static int32_t altstack_flags(const struct kernel_task *t, uint64_t sp)
{
	if (t->sig.ss_size == 0)
		return SS_DISABLE;
	return sigframe_on_altstack(t, sp) ? SS_ONSTACK : 0;
}

/* The frame address (Linux's get_sigframe), or 0 if it would overflow. */
static uint64_t frame_addr(struct kernel_task *t,
			   const struct task_sigaction *act)
{
	uint64_t sp = t->ctx.regs[OSTD_REG_SP];
	uint64_t size = sizeof(struct linux_rt_sigframe);

	if (sigframe_on_altstack(t, sp)) {
		if (!sigframe_on_altstack(t, sp - size))
			return 0;
	} else if ((act->flags & SA_ONSTACK) != 0 && t->sig.ss_size != 0) {
		sp = t->sig.ss_sp + t->sig.ss_size;
	}
	if (sp < size)
		return 0;
	return (sp - size) & ~0xfULL;
}

/* The siginfo union: kill (pid, uid), SIGCHLD (+ status, times), faults. */
static void fill_info(struct linux_siginfo *si, int sig,
		      const struct task_siginfo *info)
{
	uint32_t pid = info->pid;
	uint64_t uid = info->uid;
	uint32_t status = info->status;

	si->signo = sig;
	si->code = info->code;
	if (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL ||
	    sig == SIGTRAP) {
		if (info->code > 0) { /* from the kernel: a fault */
			si->w[0] = info->addr;
			return;
		}
	}
	si->w[0] = pid | (uid << 32);
	if (sig == SIGCHLD) {
		si->w[1] = status;
		si->w[2] = info->utime;
		si->w[3] = info->stime;
	}
}

static void fill_context(struct linux_sigcontext *mc,
			 const struct ostd_user_ctx *ctx)
{
	size_t i;

	mc->regs[0] = ctx->pc;
	for (i = 1; i < 32; i++)
		mc->regs[i] = ctx->regs[i];
	for (i = 0; i < 32; i++)
		mc->f[i] = ctx->fregs[i];
	mc->fcsr = ctx->fcsr & 0xffffffffU;
}

int sigframe_copy_info(struct kernel_task *t, ostd_uaddr_t dst, int sig,
		       const struct task_siginfo *info)
{
	struct linux_siginfo si = { 0 };

	fill_info(&si, sig, info);
	return mm_copy_to_user(t->mm, dst, &si, sizeof(si));
}

bool sigframe_setup(struct kernel_task *t, int sig,
		    const struct task_sigaction *act,
		    const struct task_siginfo *info, uint64_t mask)
{
	struct linux_rt_sigframe f = { 0 };
	uint64_t sp = t->ctx.regs[OSTD_REG_SP];
	uint64_t addr = frame_addr(t, act);

	if (addr == 0)
		return false;
	fill_info(&f.info, sig, info);
	f.uc.ss_sp = t->sig.ss_sp;
	f.uc.ss_flags = altstack_flags(t, sp);
	f.uc.ss_size = t->sig.ss_size;
	f.uc.sigmask = mask;
	ostd_user_fp_sync(&t->ctx); /* the live FP registers into t->ctx */
	fill_context(&f.uc.mc, &t->ctx);
	if (mm_copy_to_user(t->mm, addr, &f, sizeof(f)) < 0)
		return false;
	/* SS_AUTODISARM: the handler may longjmp away; forget the stack. */
	if ((t->sig.ss_flags & SS_AUTODISARM) != 0 &&
	    sigframe_on_altstack(t, addr + 1)) {
		t->sig.ss_sp = 0;
		t->sig.ss_size = 0;
		t->sig.ss_flags = SS_DISABLE;
	}
	t->ctx.pc = act->handler;
	t->ctx.regs[OSTD_REG_RA] = SIGFRAME_TRAMPOLINE;
	t->ctx.regs[OSTD_REG_SP] = addr;
	t->ctx.regs[OSTD_REG_A0] = sig;
	t->ctx.regs[OSTD_REG_A1] = addr + FRAME_INFO_OFF;
	t->ctx.regs[OSTD_REG_A2] = addr + FRAME_UC_OFF;
	return true;
}

/* Linux's restore_altstack(): a valid uc_stack replaces the current one. */
static void restore_altstack(struct kernel_task *t,
			     const struct linux_ucontext *uc)
{
	uint32_t flags = uc->ss_flags;
	uint32_t mode = flags & ~SS_AUTODISARM;

	/* Changing it is refused while on it (EPERM), as Linux. */
	if (sigframe_on_altstack(t, t->ctx.regs[OSTD_REG_SP]))
		return;
	if (mode == SS_DISABLE) {
		t->sig.ss_sp = 0;
		t->sig.ss_size = 0;
		t->sig.ss_flags = SS_DISABLE;
	} else if ((mode == 0 || mode == SS_ONSTACK) && uc->ss_size >= 2048) {
		t->sig.ss_sp = uc->ss_sp;
		t->sig.ss_size = uc->ss_size;
		t->sig.ss_flags = flags & SS_AUTODISARM;
	}
}

bool sigframe_restore(struct kernel_task *t)
{
	struct linux_ucontext uc;
	uint64_t addr = t->ctx.regs[OSTD_REG_SP] + FRAME_UC_OFF;
	struct ostd_irq_guard g;
	size_t i;

	if (mm_copy_from_user(t->mm, &uc, addr, sizeof(uc)) < 0)
		return false;
	for (i = 64; i < 67; i++)
		if (uc.mc.fpad[i] != 0)
			return false;
	g = proc_lock();
	t->sig.blocked = uc.sigmask & ~signal_unblockable();
	signal_recalc_locked(t); /* unblocked ones arrive now */
	proc_unlock(&g);
	t->ctx.pc = uc.mc.regs[0];
	for (i = 1; i < 32; i++)
		t->ctx.regs[i] = uc.mc.regs[i];
	for (i = 0; i < 32; i++)
		t->ctx.fregs[i] = uc.mc.f[i];
	t->ctx.fcsr = uc.mc.fcsr;
	ostd_user_fp_changed(&t->ctx);
	restore_altstack(t, &uc);
	return true;
}
