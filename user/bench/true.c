// SPDX-License-Identifier: GPL-2.0
/*
 * user/bench/true.c - /bench/true, the tiny static program that the
 * fork+execve benchmark (b_exec.c) runs: musl's startup, then exit(0).
 */
int main(void)
{
	return 0;
}
