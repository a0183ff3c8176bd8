"""Why-not timings, peak memory of a query, and the engine checked against the numpy scan.

- ``why_not_measure``: the engine's bulk ``AvailsResult.why_not()`` for every title that is
  not available, timed as extra milliseconds over the query; the old per-title path
  (``result.explain(title)``) on a sample of those titles, extrapolated to all of them; on
  that sample, ``why_not().blocks(title)`` must equal the distinct blocks of ``explain``.
- ``peak_bytes``: tracemalloc's peak (numpy reports its buffers to it) while one call runs.
- ``agreement``: where the engine's question and the scan's coincide, the answers must be
  equal (see the function's docstring for exactly what is compared).
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from benchmarks.avails_scan import GRANT, HOLDBACK, ScanAnswer
from cinebridge.engines.avails import AvailsIndex, AvailsQuery, Match, Reason, Status
from cinebridge.engines.avails.results import WHY_REASONS  # WhyNot.reason indexes it

_RECORD_KIND = {
    Reason.EXCLUSIVE_LICENCE: GRANT,
    Reason.NON_EXCLUSIVE_LICENCE: GRANT,
    Reason.HOLDBACK: HOLDBACK,
}
_AVAILABLE = 2  # AvailsResult.status_codes


def peak_bytes(call: Callable[[], Any]) -> tuple[Any, int]:
    """The call's answer and the peak of traced memory above what was traced before it."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        answer = call()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return answer, peak - before


def _status_bytes(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    return 0


def peak_rss_bytes(call: Callable[[], Any]) -> int:
    """How far the process's resident memory rose above its level before the call, at most,
    while it ran (Linux: the high-water mark reset through /proc/self/clear_refs). Unlike
    tracemalloc it sees what compiled code (numba) allocates; pages the allocators already
    held do not count."""
    gc.collect()
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        return -1
    before = _status_bytes("VmRSS:")
    call()
    return max(0, _status_bytes("VmHWM:") - before)


def has_why_not(index: AvailsIndex, query: AvailsQuery) -> bool:
    """Whether this engine has the bulk why-not (ENGINE_API.md)."""
    return hasattr(index.query(query), "why_not")


def _timed_ms(call: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    answer = call()  # warm-up
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, answer


def _why_not_ms(index: AvailsIndex, query: AvailsQuery, repeat: int) -> tuple[float, Any]:
    """Median ms of ``why_not()`` on a fresh answer (it is computed on first call, after the
    query), and the last why-not."""
    why = index.query(query).why_not()  # warm-up
    samples = []
    for _ in range(repeat):
        result = index.query(query)
        started = time.perf_counter()
        why = result.why_not()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000, why


def why_not_measure(
    index: AvailsIndex, query: AvailsQuery, *, repeat: int, sample: int
) -> dict[str, Any]:
    """Bulk why-not over the query, and the per-title explain path on a sample."""
    result = index.query(query)
    out: dict[str, Any] = {}
    blocked = result.title_ids[result.status_codes != _AVAILABLE]
    out["titles_not_available"] = len(blocked)
    if hasattr(result, "why_not"):
        query_ms, _ = _timed_ms(lambda: index.query(query), repeat)
        extra_ms, why = _why_not_ms(index, query, repeat)
        (_, peak) = peak_bytes(lambda: index.query(query).why_not())
        out["rss_peak_bytes"] = peak_rss_bytes(lambda: index.query(query).why_not())
        out.update(
            query_ms=round(query_ms, 2),
            query_and_why_not_ms=round(query_ms + extra_ms, 2),
            why_not_extra_ms=round(extra_ms, 2),
            reasons=len(why),
            peak_bytes=peak,
        )
    else:
        why = None
        out["bulk"] = "missing: this engine has no AvailsResult.why_not()"
    chosen = sorted(random.Random(9).sample(blocked.tolist(), min(sample, len(blocked))))
    started = time.perf_counter()
    explained = {t: result.explain(t) for t in chosen}
    seconds = time.perf_counter() - started
    per_title = seconds / len(chosen) if chosen else 0.0
    out.update(
        explain_sample=len(chosen),
        explain_sample_ms=round(seconds * 1000, 1),
        explain_per_title_ms=round(per_title * 1000, 3),
        explain_all_extrapolated_ms=round(per_title * len(blocked) * 1000, 0),
    )
    if why is not None:
        differ = []
        for title, avails in explained.items():
            expected = sorted(
                {b for cell in avails.blocked for b in cell.blocks},
                key=lambda b: (b.reason.value, b.record_id or 0),
            )
            if list(why.blocks(title)) != expected:
                differ.append(title)
        if differ:
            sys.exit(
                f"why_not().blocks differs from explain() on {len(differ)} of the sampled "
                f"titles, e.g. {differ[:5]}"
            )
        out["why_not_equals_explain_on_sample"] = True
    return out


def agreement(query: AvailsQuery, index: AvailsIndex, scan: ScanAnswer) -> dict[str, Any]:
    """Compare the engine with the scan where their questions coincide; stop on a difference.

    - The titles asked: the engine's titles are the scan's (the holder has rights in them).
    - ENTIRE queries: the engine's AVAILABLE titles are exactly the titles the scan finds
      held for the whole period in every cell and met by no blocking row. OVERLAP queries:
      those titles are AVAILABLE for the engine too (the engine may find more: a window).
    - Why-not (when the engine has ``why_not``): for every title the engine does not find
      available, its blocking records (reasons exclusive_licence and non_exclusive_licence:
      grants; holdback: hard holdbacks) are a subset of the scan's blocking (title, record)
      pairs; for those of them the scan finds held for the whole period in every cell, the
      two sets are equal (where the holder does not hold a piece, the engine reports
      not_held or held_non_exclusive there instead of the blocks).
    """
    result = index.query(query)
    titles = np.asarray(result.title_ids, dtype=np.int64)
    if not np.array_equal(np.sort(titles), scan.titles):
        sys.exit(f"the engine asks {len(titles):,} titles, the scan {len(scan.titles):,}")
    available = np.sort(titles[result.status_codes == _AVAILABLE])
    whole = scan.titles[scan.available]
    if query.match is Match.ENTIRE:
        ok = np.array_equal(available, whole)
    else:
        ok = bool(np.isin(whole, available).all())
    if not ok:
        only_engine = np.setdiff1d(available, whole)[:5].tolist()
        only_scan = np.setdiff1d(whole, available)[:5].tolist()
        sys.exit(
            f"ENGINE AND SCAN DIFFER ({query.match.value}): available only for the engine "
            f"{only_engine}, only for the scan {only_scan}"
        )
    out: dict[str, Any] = {
        "titles": len(titles),
        "engine_available": len(available),
        "scan_available_whole_period": len(whole),
        "scan_held_whole_period": int(scan.held.sum()),
        "scan_blocking_pairs": len(scan.blocking_record),
    }
    if not hasattr(result, "why_not"):
        return out
    why = result.why_not()
    reasons = np.asarray([WHY_REASONS[r] in _RECORD_KIND for r in range(len(WHY_REASONS))])
    kinds = np.asarray([_RECORD_KIND.get(r, -1) for r in WHY_REASONS], dtype=np.int8)
    at = reasons[why.reason]
    engine_pairs = _pair_set(why.title[at], kinds[why.reason[at]], why.record[at])
    scan_pairs = _pair_set(scan.blocking_title, scan.blocking_kind, scan.blocking_record)
    extra = engine_pairs - scan_pairs
    if extra:
        sys.exit(
            f"the engine's why-not names {len(extra)} blocking records the scan does not "
            f"find, e.g. {sorted(extra)[:5]}"
        )
    not_available = set(titles[result.status_codes != _AVAILABLE].tolist())
    held = set(scan.titles[scan.held].tolist()) & not_available
    expected = {p for p in scan_pairs if p[0] in held}
    found = {p for p in engine_pairs if p[0] in held}
    if found != expected:
        missing = sorted(expected - found)[:5]
        sys.exit(
            f"the engine's why-not misses {len(expected - found)} blocking records the scan "
            f"finds on titles held for the whole period, e.g. {missing}"
        )
    out.update(
        engine_why_not_rows=len(why),
        engine_blocking_pairs=len(engine_pairs),
        pairs_compared_equal_on_titles=len(held),
        pairs_equal=len(expected),
    )
    return out


def _pair_set(title: np.ndarray, kind: np.ndarray, record: np.ndarray) -> set[tuple[int, int, int]]:
    return set(zip(title.tolist(), kind.tolist(), record.tolist(), strict=True))


def status_name(code: int) -> str:
    return (Status.UNAVAILABLE, Status.PARTIAL, Status.AVAILABLE)[code].value
