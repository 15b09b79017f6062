#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Stands in for a clang-tidy that drops the query-based checks: it runs
# clang-tidy-22 without --experimental-custom-checks, which then ignores
# CustomChecks silently and exits 0. The audit's canary must notice.
for arg; do
	shift
	[ "$arg" = --experimental-custom-checks ] || set -- "$@" "$arg"
done
exec clang-tidy-22 "$@"
