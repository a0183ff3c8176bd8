# ruff: noqa: SIM110, SIM114
# (numba compiles loops, not the generator expressions these rules suggest)
"""The compiled core of ``AvailsIndex.query``: every subject's status and why-not in one pass.

A subject is a (title, holder) pair. For each one the kernel reads the title's rows (merged
columns and the delta, both grouped by title), keeps those that can change the answer, and
decides it with no structure larger than the title itself:

1. Lanes are the title's own: the query's territories, media and languages are refined by
   the masks of that title's relevant rows only (most titles need one lane: rows that cover
   the whole query never split it). Each atom gets a signature, the bit set of the rows that
   cover it; a lane is a distinct AND of a territory, a media and a language signature, so
   lanes the rows never tell apart are one.
2. In each lane, time is one dimension: free = (union of held intervals) minus (union of
   blocking intervals). A lane has a free run of ``need`` days, or is free for the entire
   period; every lane free at once is the intersection of the lanes' free lists.
3. Why-not comes from the same pass: a blocking row is named where it meets a held interval of
   a lane it covers; NOT_HELD where a lane has a moment held by nothing; a non-exclusive
   rights-in row where it is not covered by an exclusive one (the readable path's rules).

Compiled with numba when it is installed (``COMPILED``); the functions are plain Python too,
which the property tests run on small catalogs. A title with more than MAX_ROWS relevant rows
is left to the readable path (status -1).
"""

from __future__ import annotations

import numpy as np

from cinebridge.engines.avails.intervals import (
    covers_of,
    intersect_of,
    meets_of,
    minus_of,
    union_of,
)
from cinebridge.engines.avails.numba_or_python import COMPILED, njit

MAX_ROWS = 62
"""Relevant rows of one title the kernel decides (one bit each in a signature)."""

# Roles of a relevant row, and why-not reasons (indexes into index.WHY_REASONS).
HELD, WEAK, BLOCK = 0, 1, 2
WHY_NOT_HELD, WHY_WEAK, WHY_EXCLUSIVE, WHY_NON_EXCLUSIVE, WHY_HOLDBACK = 0, 1, 2, 3, 4
RIGHTS, GRANT, HOLDBACK = 1, 2, 3


@njit(cache=True, inline="always")
def _refine(words, query, ids, full, k, atoms):  # type: ignore[no-untyped-def]
    """Atoms of the query's mask cut by the masks ids[:k] (rows marked full never cut);
    writes them to atoms, returns how many."""
    nw = query.shape[0]
    for w in range(nw):
        atoms[0, w] = query[w]
    n = 1
    for j in range(k):
        if full[j]:
            continue
        row = ids[j]
        current = n
        for a in range(current):
            inside = False
            outside = False
            for w in range(nw):
                if atoms[a, w] & words[row, w]:
                    inside = True
                if atoms[a, w] & ~words[row, w]:
                    outside = True
            if inside and outside:
                for w in range(nw):
                    atoms[n, w] = atoms[a, w] & ~words[row, w]
                    atoms[a, w] = atoms[a, w] & words[row, w]
                n += 1
    return n


@njit(cache=True, inline="always")
def _signatures(words, ids, full, k, atoms, n, sigs):  # type: ignore[no-untyped-def]
    """For each atom, the bit set of rows whose mask covers it."""
    nw = atoms.shape[1]
    for a in range(n):
        sig = np.int64(0)
        for j in range(k):
            if full[j]:
                sig |= np.int64(1) << j
                continue
            row = ids[j]
            for w in range(nw):
                if atoms[a, w] & words[row, w]:
                    sig |= np.int64(1) << j
                    break
        sigs[a] = sig


@njit(cache=True, inline="always")
def _lanes(  # type: ignore[no-untyped-def]  # noqa: PLR0913
    t_words,
    m_words,
    l_words,
    q_t,
    q_m,
    q_l,
    tid,
    mid,
    lid,
    tf,
    mf,
    lf,
    k,
    t_atoms,
    m_atoms,
    l_atoms,
    t_sig,
    m_sig,
    l_sig,
    lanes,
):
    """The distinct row sets of one title's own territory x media x language atoms, written
    to lanes; returns how many (-1 when lanes is too small). Arguments are single arrays,
    never tuples: numba counts references of arrays unpacked from tuples, per title."""
    nt = _refine(t_words, q_t, tid, tf, k, t_atoms)
    nm = _refine(m_words, q_m, mid, mf, k, m_atoms)
    nl = _refine(l_words, q_l, lid, lf, k, l_atoms)
    _signatures(t_words, tid, tf, k, t_atoms, nt, t_sig)
    _signatures(m_words, mid, mf, k, m_atoms, nm, m_sig)
    _signatures(l_words, lid, lf, k, l_atoms, nl, l_sig)
    n_lanes = 0
    for a in range(nt):
        for b in range(nm):
            for g in range(nl):
                members = t_sig[a] & m_sig[b] & l_sig[g]
                seen = False
                for i in range(n_lanes):
                    if lanes[i] == members:
                        seen = True
                        break
                if not seen:
                    if n_lanes == lanes.shape[0]:
                        return -1
                    lanes[n_lanes] = members
                    n_lanes += 1
    return n_lanes


@njit(cache=True, inline="always")
def _untouched(q_t, q_m, q_l, t_or, m_or, l_or):  # type: ignore[no-untyped-def]
    """Does the query have a territory, medium or language leaf outside every OR?"""
    for w in range(q_t.shape[0]):
        if q_t[w] & ~t_or[w]:
            return True
    for w in range(q_m.shape[0]):
        if q_m[w] & ~m_or[w]:
            return True
    for w in range(q_l.shape[0]):
        if q_l[w] & ~l_or[w]:
            return True
    return False


@njit(cache=True)
def decide(  # type: ignore[no-untyped-def]  # noqa: PLR0912, PLR0913, PLR0915, C901
    subj_title,
    subj_holder,
    offsets,
    rows,
    d_offsets,
    d_pos,
    t_words,
    m_words,
    l_words,
    q_t,
    q_m,
    q_l,
    t_full,
    m_full,
    l_full,
    shape_masks,
    shape_hit,
    shape_full,
    qa,
    qb,
    exclusive,
    entire,
    need,
    want_why,
    status,
    why_subject,
    why_reason,
    why_row,
):
    """Every subject's status (0 unavailable, 1 partial, 2 available, -1 too many rows) and,
    if want_why, its why-not entries (subject, reason, row or -1); returns how many entries
    were written.

    rows: the store's columns (kind, party, shape, first, stop, exclusive, hard, alive),
    unpacked once; shape_masks: each shape's (tmask, mmask, lmask) ids; shape_hit: does the
    shape meet the query on every axis; shape_full: does it cover all of the query; rows of dense title i are [offsets[i], offsets[i + 1])
    (merged) and d_pos[d_offsets[i]:d_offsets[i + 1]] (delta); a title past the end of
    either has none there.
    """
    k_max = MAX_ROWS
    role = np.empty(k_max, np.int64)
    lo = np.empty(k_max, np.int64)
    hi = np.empty(k_max, np.int64)
    tid = np.empty(k_max, np.int64)
    mid = np.empty(k_max, np.int64)
    lid = np.empty(k_max, np.int64)
    tf = np.empty(k_max, np.bool_)
    mf = np.empty(k_max, np.bool_)
    lf = np.empty(k_max, np.bool_)
    pos = np.empty(k_max, np.int64)
    shp = np.empty(k_max, np.int64)
    reason = np.empty(k_max, np.int64)
    t_atoms = np.empty((t_words.shape[1] * 64 + 1, t_words.shape[1]), np.uint64)
    m_atoms = np.empty((m_words.shape[1] * 64 + 1, m_words.shape[1]), np.uint64)
    l_atoms = np.empty((l_words.shape[1] * 64 + 1, l_words.shape[1]), np.uint64)
    t_or = np.zeros(t_words.shape[1], np.uint64)  # leaves some blocking row covers
    m_or = np.zeros(m_words.shape[1], np.uint64)
    l_or = np.zeros(l_words.shape[1], np.uint64)
    t_sig = np.empty(t_atoms.shape[0], np.int64)
    m_sig = np.empty(m_atoms.shape[0], np.int64)
    l_sig = np.empty(l_atoms.shape[0], np.int64)
    lanes = np.empty(4096, np.int64)
    size = 2 * k_max + 2
    held_lo, held_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    block_lo, block_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    weak_lo, weak_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    hu_lo, hu_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    bu_lo, bu_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    free_lo, free_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    every_lo, every_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    next_lo, next_hi = np.empty(size, np.int64), np.empty(size, np.int64)
    kinds, parties, shapes, firsts, stops, exclusives, hards, alives = rows
    shape_t, shape_m, shape_l = shape_masks[:, 0], shape_masks[:, 1], shape_masks[:, 2]
    n_why = 0
    n_titles = offsets.shape[0] - 1
    d_titles = d_offsets.shape[0] - 1
    for s in range(subj_title.shape[0]):
        title = subj_title[s]
        holder = subj_holder[s]
        # 1. The title's relevant rows.
        k = 0
        overflow = split = blocked = covered = False
        start = end = d_start = d_end = 0
        if 0 <= title < n_titles:
            start, end = offsets[title], offsets[title + 1]
        if 0 <= title < d_titles:
            d_start, d_end = d_offsets[title], d_offsets[title + 1]
        n_main = end - start
        total = n_main + d_end - d_start
        q = 0
        while q < total:
            r = start + q if q < n_main else d_pos[d_start + q - n_main]
            q += 1
            stop = stops[r]
            if stop <= qa:
                if q <= n_main:  # merged rows come latest end first: the rest ended too
                    q = n_main
                continue
            first = firsts[r]
            if first >= qb or not alives[r]:
                continue
            shape = shapes[r]
            if not shape_hit[shape]:
                continue
            kind, party = kinds[r], parties[r]
            if kind == RIGHTS:
                if party != holder:
                    continue
                this = HELD if exclusives[r] or not exclusive else WEAK
                why = WHY_WEAK
            elif party == holder:
                continue
            elif kind == GRANT:
                if exclusives[r]:
                    this, why = BLOCK, WHY_EXCLUSIVE
                elif exclusive:
                    this, why = BLOCK, WHY_NON_EXCLUSIVE
                else:
                    continue
            elif hards[r]:
                this, why = BLOCK, WHY_HOLDBACK
            else:
                continue  # a soft holdback warns, never blocks
            if k == k_max:
                overflow = True
                break
            role[k], reason[k], pos[k], shp[k] = this, why, r, shape
            lo[k], hi[k] = max(first, qa), min(stop, qb)
            whole = shape_full[shape]
            if not whole:
                split = True
            if this == BLOCK:
                blocked = True
            elif this == HELD and whole and lo[k] == qa and hi[k] == qb:
                covered = True
            k += 1
        if overflow:
            status[s] = -1
            continue
        if covered and not blocked:  # held everywhere, all the time, blocked nowhere
            status[s] = 2
            continue
        if covered and entire and not want_why:
            for w in range(t_or.shape[0]):
                t_or[w] = 0
            for w in range(m_or.shape[0]):
                m_or[w] = 0
            for w in range(l_or.shape[0]):
                l_or[w] = 0
            for j in range(k):
                if role[j] == BLOCK:
                    shape = shp[j]
                    for w in range(t_or.shape[0]):
                        t_or[w] |= t_words[shape_t[shape], w]
                    for w in range(m_or.shape[0]):
                        m_or[w] |= m_words[shape_m[shape], w]
                    for w in range(l_or.shape[0]):
                        l_or[w] |= l_words[shape_l[shape], w]
            untouched = _untouched(q_t, q_m, q_l, t_or, m_or, l_or)
        else:
            untouched = False
        if untouched:
            # Held everywhere all the time, blocked somewhere, and some territory, medium or
            # language no blocking row touches: its lanes are free throughout. Partial.
            status[s] = 1
            continue
        if k == 0:  # nothing held
            status[s] = 0
            if want_why:
                why_subject[n_why], why_reason[n_why] = s, WHY_NOT_HELD
                why_row[n_why] = -1
                n_why += 1
            continue
        # 2. Lanes: distinct row sets of the title's own atoms.
        if not split:  # every row covers the whole query: one lane
            lanes[0] = (np.int64(1) << k) - 1
            n_lanes = 1
        else:
            for j in range(k):
                shape = shp[j]
                tid[j], mid[j], lid[j] = shape_t[shape], shape_m[shape], shape_l[shape]
                tf[j], mf[j], lf[j] = t_full[tid[j]], m_full[mid[j]], l_full[lid[j]]
            n_lanes = _lanes(
                t_words,
                m_words,
                l_words,
                q_t,
                q_m,
                q_l,
                tid,
                mid,
                lid,
                tf,
                mf,
                lf,
                k,
                t_atoms,
                m_atoms,
                l_atoms,
                t_sig,
                m_sig,
                l_sig,
                lanes,
            )
        if n_lanes < 0:
            status[s] = -1
            continue
        # 3. Each lane in time.
        some = False
        every = True
        n_every = 1
        every_lo[0], every_hi[0] = qa, qb
        not_held = False
        named = np.int64(0)
        for i in range(n_lanes):
            members = lanes[i]
            nh = nw = nb = 0
            for j in range(k):
                if not (members >> j) & 1:
                    continue
                if role[j] == HELD:
                    held_lo[nh], held_hi[nh] = lo[j], hi[j]
                    nh += 1
                elif role[j] == WEAK:
                    weak_lo[nw], weak_hi[nw] = lo[j], hi[j]
                    nw += 1
                else:
                    block_lo[nb], block_hi[nb] = lo[j], hi[j]
                    nb += 1
            nh = union_of(held_lo, held_hi, nh, hu_lo, hu_hi)
            nb = union_of(block_lo, block_hi, nb, bu_lo, bu_hi)
            nf = minus_of(hu_lo, hu_hi, nh, bu_lo, bu_hi, nb, free_lo, free_hi)
            for x in range(nf):
                if free_hi[x] - free_lo[x] >= need:
                    some = True
            if every:
                n_next = intersect_of(
                    every_lo, every_hi, n_every, free_lo, free_hi, nf, next_lo, next_hi
                )
                for x in range(n_next):
                    every_lo[x], every_hi[x] = next_lo[x], next_hi[x]
                n_every = n_next
                if n_every == 0:
                    every = False
            if want_why:
                for j in range(k):
                    if not (members >> j) & 1:
                        continue
                    if role[j] == BLOCK and meets_of(hu_lo, hu_hi, nh, lo[j], hi[j]):
                        named |= np.int64(1) << j
                    elif role[j] == WEAK and not covers_of(hu_lo, hu_hi, nh, lo[j], hi[j]):
                        named |= np.int64(1) << j
                if not not_held:
                    # Held by nothing somewhere: the exclusive and the weak rows together
                    # leave a gap.
                    for x in range(nh):
                        held_lo[x], held_hi[x] = hu_lo[x], hu_hi[x]
                    for x in range(nw):
                        held_lo[nh + x], held_hi[nh + x] = weak_lo[x], weak_hi[x]
                    n_any = union_of(held_lo, held_hi, nh + nw, block_lo, block_hi)
                    if not covers_of(block_lo, block_hi, n_any, qa, qb):
                        not_held = True
        if every:
            if entire:
                every = n_every == 1 and every_lo[0] == qa and every_hi[0] == qb
            else:
                found = False
                for x in range(n_every):
                    if every_hi[x] - every_lo[x] >= need:
                        found = True
                every = found
        status[s] = 2 if every else (1 if some else 0)
        if want_why and status[s] != 2:
            if not_held:
                why_subject[n_why], why_reason[n_why] = s, WHY_NOT_HELD
                why_row[n_why] = -1
                n_why += 1
            for j in range(k):
                if (named >> j) & 1:
                    why_subject[n_why], why_reason[n_why] = s, reason[j]
                    why_row[n_why] = pos[j]
                    n_why += 1
    return n_why


__all__ = ["COMPILED", "MAX_ROWS", "decide"]
