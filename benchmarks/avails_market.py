"""The whole-market query: one question asked for every holder at once.

``AvailsQuery(holder_id=None, ...)`` (ENGINE_API.md) answers one entry per (title, holder)
pair, the holder being an organisation with rights in the title: what is free in Viet Nam x
SVOD over the Q1 period, across every seller. Timed like the other queries, with its peak
memory and the bulk why-not; the answer for the benchmark's holder must equal the
single-holder query's (Q1), title by title.
"""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

import numpy as np

from benchmarks import avails_synthetic
from benchmarks.avails_whynot import peak_bytes, peak_rss_bytes
from cinebridge.engines.avails import AvailsIndex
from cinebridge.rights.models import RightsIn


def market_measure(index: AvailsIndex, shape: Any, *, repeat: int) -> dict[str, Any]:
    """Time ``shape`` asked for every holder; the figures, or why this engine cannot."""
    print(f"\n## Whole market: {shape.description}, every holder at once", flush=True)
    holder = avails_synthetic.holder_id()
    query = shape.engine(None)
    try:
        result = index.query(query)
        result.holder_ids  # noqa: B018  # the new engine's answer has one
    except (AttributeError, TypeError, ValueError) as error:
        print(f"skipped: this engine has no whole-market query ({error!r})", flush=True)
        return {"missing": f"no whole-market query in this engine ({error!r})"}
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = index.query(query)
        samples.append(time.perf_counter() - started)
    _, peak = peak_bytes(lambda: index.query(query))
    rss_peak = peak_rss_bytes(lambda: index.query(query))
    holders = np.asarray(result.holder_ids)
    titles = np.asarray(result.title_ids)
    codes = np.asarray(result.status_codes)
    single = index.query(shape.engine(holder))
    mine = holders == holder
    order = np.argsort(titles[mine], kind="stable")
    if not (
        np.array_equal(titles[mine][order], np.asarray(single.title_ids))
        and np.array_equal(codes[mine][order], np.asarray(single.status_codes))
    ):
        sys.exit(f"the whole-market answer for organisation {holder} differs from its own query")
    out: dict[str, Any] = {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(sorted(samples)[max(0, int(0.95 * len(samples) + 0.999) - 1)] * 1000, 2),
        "runs": len(samples),
        "peak_bytes": peak,
        "rss_peak_bytes": rss_peak,
        "pairs": len(titles),
        "holders": len(np.unique(holders)),
        "available_pairs": int((codes == 2).sum()),
        "partial_pairs": int((codes == 1).sum()),
        "rights_pairs_in_database": RightsIn.objects.values("title_id", "owner_id")
        .distinct()
        .count(),
    }
    if hasattr(result, "why_not"):
        started = time.perf_counter()
        why = index.query(query).why_not()
        out["query_and_why_not_ms"] = round((time.perf_counter() - started) * 1000, 2)
        out["why_not_rows"] = len(why)
    print(
        f"{out['pairs']:,} (title, holder) answers over {out['holders']:,} holders "
        f"({out['available_pairs']:,} available, {out['partial_pairs']:,} partial): median "
        f"{out['median_ms']:,.1f} ms, p95 {out['p95_ms']:,.1f} ms, peak "
        f"{peak / 2**20:,.1f} MiB; organisation {holder}'s answers equal its own query's",
        flush=True,
    )
    return out
