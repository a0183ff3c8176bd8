"""Signing deals during the avails benchmark: the index catching up against a rebuild."""

from __future__ import annotations

import statistics
import sys
import time
from typing import Any

from django.db import transaction

from benchmarks.avails_baseline import baseline_avails
from benchmarks.avails_shapes import PERIOD, SHAPES
from cinebridge.organisations.models import Organisation
from cinebridge.rights import engine_adapters, services
from cinebridge.rights.models import Deal
from cinebridge.rights.spec_readers import deal_spec_from_raw

NEW_DEAL_TITLES = 10
UPDATE_ROUNDS = 3
CATCH_UP_TARGET_MS = 10.0


def _deal_sign(holder: int, licensee: int, title_ids: list[int], reference: str) -> Deal:
    raw = {
        "licensee": licensee,
        "reference": reference,
        "grants": [
            {
                "titles": title_ids,
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": PERIOD[0].isoformat(),
                "end": PERIOD[1].isoformat(),
                "exclusive": True,
            }
        ],
    }
    spec = deal_spec_from_raw(
        raw, licensor_id=holder, organisations=lambda v: v, titles=lambda v: v, on=PERIOD[0]
    )
    deal = services.deal_create(actor=None, licensor=Organisation.objects.get(pk=holder), spec=spec)
    signed, _ = services.deal_sign(actor=None, deal=deal)
    return signed


def update_measure(holder: int, *, check_baseline: bool = True) -> dict[str, Any]:
    """Sign deals one after another, timing the index catching up (and the next query) after
    each, against a rebuild.

    Each deal grants Viet Nam x SVOD exclusively over the Q1 period for the next titles Q1
    finds available, so they must turn unavailable; the rebuilt index, and the baseline (not
    in a scaling run), check every title again. Everything runs in a transaction that is
    rolled back.
    """
    shape = SHAPES[0]
    query = shape.engine(holder)
    index = engine_adapters.avails_index()
    before = {t: s.value for t, s in index.query(query).items()}
    free = [t for t, s in sorted(before.items()) if s == "available"]
    licensee = holder + 1
    signed_ms, caught_up_ms, with_query_ms = [], [], []
    with transaction.atomic():
        for round_ in range(UPDATE_ROUNDS):
            titles = free[round_ * NEW_DEAL_TITLES : (round_ + 1) * NEW_DEAL_TITLES]
            started = time.perf_counter()
            deal = _deal_sign(holder, licensee, titles, f"BENCH-NEW-DEAL-{round_ + 1}")
            signed_ms.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            updated = engine_adapters.avails_index()
            caught_up_ms.append((time.perf_counter() - started) * 1000)
            answer = updated.query(query)
            with_query_ms.append((time.perf_counter() - started) * 1000)
            after = {t: s.value for t, s in answer.items()}
            if updated is not index:
                sys.exit("the index was rebuilt instead of catching up")
            if any(after[t] != "unavailable" for t in titles):
                sys.exit("the newly signed titles are still available")
        started = time.perf_counter()
        rebuilt = engine_adapters.index_build()
        rebuilt_answer = rebuilt.query(query)
        rebuild_and_query = time.perf_counter() - started
        if after != {t: s.value for t, s in rebuilt_answer.items()}:
            sys.exit("the index that caught up and the rebuilt one differ")
        if check_baseline and after != baseline_avails(shape.baseline(holder), form="join"):
            sys.exit("after the update, the engine and the baseline differ")
        transaction.set_rollback(True)
    engine_adapters.index_forget()
    catch_up = statistics.median(caught_up_ms)
    print(
        f"\nSigned {UPDATE_ROUNDS} deals one after another ({NEW_DEAL_TITLES} titles each, "
        f"Viet Nam x SVOD, exclusive, last {deal.reference}): services "
        f"{statistics.median(signed_ms):,.0f} ms; index caught up in {catch_up:,.1f} ms "
        f"(median; max {max(caught_up_ms):,.1f}; + query: {statistics.median(with_query_ms):,.1f}"
        f" ms); target under {CATCH_UP_TARGET_MS:.0f} ms: "
        f"{'met' if catch_up < CATCH_UP_TARGET_MS else 'MISSED'}; full rebuild + query "
        f"{rebuild_and_query:,.1f} s; statuses after the updates identical to the rebuild's"
        f"{' and to the baseline' if check_baseline else ''}'s (rolled back).",
        flush=True,
    )
    return {
        "deal_titles": NEW_DEAL_TITLES,
        "deals": UPDATE_ROUNDS,
        "sign_ms": round(statistics.median(signed_ms), 1),
        "catch_up_ms": round(catch_up, 2),
        "catch_up_max_ms": round(max(caught_up_ms), 2),
        "catch_up_and_query_ms": round(statistics.median(with_query_ms), 2),
        "rebuild_and_query_s": round(rebuild_and_query, 2),
    }
