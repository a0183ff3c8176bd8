# ruff: noqa: SIM110
# (numba compiles loops, not the generator expressions that rule suggests)
"""Interval lists for the avails kernel: sorted, merged, half-open day intervals in arrays.

Each function reads and writes caller-owned numpy buffers with explicit counts, so the kernel
allocates nothing per title. Compiled with numba (inlined into the kernel) when it is
installed; plain Python otherwise.
"""

from __future__ import annotations

from cinebridge.engines.avails.numba_or_python import njit


@njit(cache=True, inline="always")
def union_of(lo, hi, n, out_lo, out_hi):  # type: ignore[no-untyped-def]
    """Sorted, merged union of n half-open intervals (sorted in place); returns its length."""
    for i in range(1, n):  # insertion sort: a lane has a handful of rows
        a, b = lo[i], hi[i]
        j = i - 1
        while j >= 0 and lo[j] > a:
            lo[j + 1], hi[j + 1] = lo[j], hi[j]
            j -= 1
        lo[j + 1], hi[j + 1] = a, b
    m = 0
    for i in range(n):
        if m and lo[i] <= out_hi[m - 1]:
            if hi[i] > out_hi[m - 1]:
                out_hi[m - 1] = hi[i]
        else:
            out_lo[m], out_hi[m] = lo[i], hi[i]
            m += 1
    return m


@njit(cache=True, inline="always")
def minus_of(a_lo, a_hi, na, b_lo, b_hi, nb, out_lo, out_hi):  # type: ignore[no-untyped-def]
    """Sorted merged intervals a minus sorted merged intervals b; returns the count."""
    m = 0
    j = 0
    for i in range(na):
        start, end = a_lo[i], a_hi[i]
        while j < nb and b_hi[j] <= start:
            j += 1
        k = j
        while start < end:
            if k < nb and b_lo[k] < end:
                if b_lo[k] > start:
                    out_lo[m], out_hi[m] = start, b_lo[k]
                    m += 1
                if b_hi[k] > start:
                    start = b_hi[k]
                k += 1
            else:
                out_lo[m], out_hi[m] = start, end
                m += 1
                start = end
    return m


@njit(cache=True, inline="always")
def meets_of(lo, hi, n, a, b):  # type: ignore[no-untyped-def]
    """Does [a, b) meet one of n sorted merged intervals?"""
    for i in range(n):
        if lo[i] < b and hi[i] > a:
            return True
    return False


@njit(cache=True, inline="always")
def covers_of(lo, hi, n, a, b):  # type: ignore[no-untyped-def]
    """Do n sorted merged intervals cover [a, b)?"""
    for i in range(n):
        if lo[i] <= a and hi[i] >= b:
            return True
    return False


@njit(cache=True, inline="always")
def intersect_of(a_lo, a_hi, na, b_lo, b_hi, nb, out_lo, out_hi):  # type: ignore[no-untyped-def]
    """Intersection of two sorted merged interval lists; returns the count."""
    i = j = m = 0
    while i < na and j < nb:
        start = max(a_lo[i], b_lo[j])
        end = min(a_hi[i], b_hi[j])
        if start < end:
            out_lo[m], out_hi[m] = start, end
            m += 1
        if a_hi[i] < b_hi[j]:
            i += 1
        else:
            j += 1
    return m
