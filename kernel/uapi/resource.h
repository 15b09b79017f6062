/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/uapi/resource.h - resource limits, usage and system information
 * as riscv64 Linux lays them out: RLIMIT_* numbers, struct rusage (144
 * bytes), struct tms (32 bytes), struct sysinfo (112 bytes), and the
 * clone(2) flags.
 */
#ifndef KERNEL_UAPI_RESOURCE_H
#define KERNEL_UAPI_RESOURCE_H

#include <stdint.h>

/* include/uapi/asm-generic/resource.h */
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_INFINITY UINT64_MAX

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1

/* USER_HZ: the unit of times(2) and AT_CLKTCK. */
#define USER_HZ 100

struct rusage_timeval {
	int64_t tv_sec;
	int64_t tv_usec;
};

struct linux_rusage {
	struct rusage_timeval ru_utime;
	struct rusage_timeval ru_stime;
	int64_t ru_maxrss;
	int64_t ru_ixrss;
	int64_t ru_idrss;
	int64_t ru_isrss;
	int64_t ru_minflt;
	int64_t ru_majflt;
	int64_t ru_nswap;
	int64_t ru_inblock;
	int64_t ru_oublock;
	int64_t ru_msgsnd;
	int64_t ru_msgrcv;
	int64_t ru_nsignals;
	int64_t ru_nvcsw;
	int64_t ru_nivcsw;
};
_Static_assert(sizeof(struct linux_rusage) == 144, "struct rusage");

struct linux_tms {
	int64_t tms_utime;
	int64_t tms_stime;
	int64_t tms_cutime;
	int64_t tms_cstime;
};

/* include/uapi/linux/sysinfo.h on a 64-bit kernel. */
struct linux_sysinfo {
	int64_t uptime;
	uint64_t loads[3]; /* 1, 5, 15 minutes, fixed point << 16 */
	uint64_t totalram;
	uint64_t freeram;
	uint64_t sharedram;
	uint64_t bufferram;
	uint64_t totalswap;
	uint64_t freeswap;
	uint16_t procs;
	uint16_t pad;
	uint32_t pad2; /* the compiler's padding, made explicit */
	uint64_t totalhigh;
	uint64_t freehigh;
	uint32_t mem_unit;
	uint32_t pad3;
};
_Static_assert(sizeof(struct linux_sysinfo) == 112, "struct sysinfo");

/* include/uapi/linux/sched.h: clone(2) flags. */
#define CSIGNAL 0x000000ffULL
#define CLONE_VM 0x00000100ULL
#define CLONE_FS 0x00000200ULL
#define CLONE_FILES 0x00000400ULL
#define CLONE_SIGHAND 0x00000800ULL
#define CLONE_PIDFD 0x00001000ULL
#define CLONE_PTRACE 0x00002000ULL
#define CLONE_VFORK 0x00004000ULL
#define CLONE_PARENT 0x00008000ULL
#define CLONE_THREAD 0x00010000ULL
#define CLONE_NEWNS 0x00020000ULL
#define CLONE_SYSVSEM 0x00040000ULL
#define CLONE_SETTLS 0x00080000ULL
#define CLONE_PARENT_SETTID 0x00100000ULL
#define CLONE_CHILD_CLEARTID 0x00200000ULL
#define CLONE_DETACHED 0x00400000ULL
#define CLONE_UNTRACED 0x00800000ULL
#define CLONE_CHILD_SETTID 0x01000000ULL

#endif
