"""The avails benchmark on one database, in one process: index, engine, SQL baseline, update.

Run by ``benchmarks.avails`` once per database (``DATABASE_URL`` set by the caller), after
``django.setup()``. Steps: the synthetic data set (built if missing), the baseline's indexes,
the index build (time, ``memory_bytes()``, RSS and tracemalloc), then for each query shape the
engine's whole-catalog query (``AvailsIndex.query`` and ``selectors.avails_for``, which also
checks the change log) against the SQL baseline, with every title's status compared, then one
deal signed through the services: the index catching up against a full rebuild. The update
runs in a transaction that is rolled back, so the cached database stays as built.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import gc
import os
import platform
import pstats
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from math import ceil
from typing import Any

import django
from django.core.management import call_command
from django.db import connection, transaction

from benchmarks import avails_store, avails_synthetic
from benchmarks.avails_baseline import (
    FORMS,
    BaselineQuery,
    baseline_avails,
    baseline_indexes_ensure,
    explain,
)
from cinebridge.catalog.models import Title
from cinebridge.engines.avails import AvailsIndex, AvailsQuery, Match, Period
from cinebridge.organisations.models import Organisation
from cinebridge.rights import engine_adapters, selectors, services
from cinebridge.rights.models import Deal, Grant, GrantScope, Holdback, RightsIn
from cinebridge.rights.spec_readers import deal_spec_from_raw
from cinebridge.rights.taxonomy import taxonomies

PERIOD = (dt.date(2027, 3, 1), dt.date(2029, 3, 1))
NEW_DEAL_TITLES = 10


@dataclass(frozen=True)
class Shape:
    """One query shape, as the engine and the baseline each ask it."""

    name: str
    description: str
    territory: str  # a node code: its leaves are the baseline's cells
    medium: str
    exclusive: bool
    match: Match = Match.ENTIRE
    min_days: int = 0
    forms: tuple[str, ...] = FORMS  # the baseline formulations to time

    def engine(self, holder: int) -> AvailsQuery:
        territories, media = taxonomies()
        return AvailsQuery(
            holder_id=holder, territories=territories.mask(self.territory),
            media=media.mask(self.medium), period=Period(*PERIOD), exclusive=self.exclusive,
            match=self.match, min_days=self.min_days,
        )  # fmt: skip

    def baseline(self, holder: int) -> BaselineQuery:
        territories, media = taxonomies()
        return BaselineQuery(
            holder=holder,
            territories=territories.leaf_codes(territories.mask(self.territory)),
            media=media.leaf_codes(media.mask(self.medium)),
            first=PERIOD[0], stop=PERIOD[1], exclusive=self.exclusive,
            overlap=self.match is Match.OVERLAP, min_days=self.min_days,
        )  # fmt: skip


SHAPES = (
    Shape("Q1", "Viet Nam x SVOD, 2027-03-01 to 2029-03-01, exclusive, free for the entire "
          "period (1 cell)", "VN", "SVOD", exclusive=True),
    Shape("Q2", "South-eastern Asia (035) x VOD, 2027-03-01 to 2029-03-01, non-exclusive, "
          "a free window of at least 180 days (11 countries x 5 media = 55 cells)",
          "035", "VOD", exclusive=False, match=Match.OVERLAP, min_days=180,
          forms=("join",)),  # one statement per cell: 29 to 33 s a run, measured once
)  # fmt: skip


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, ceil(0.95 * len(ordered)) - 1)]


def _timed(call: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[list[float], Any]:
    """Seconds of ``repeat`` calls after ``warmup`` untimed ones; the last answer."""
    answer = None
    for _ in range(warmup):
        answer = call()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        answer = call()
        samples.append(time.perf_counter() - started)
    return samples, answer


def _figures(samples: list[float]) -> dict[str, Any]:
    return {
        "median_ms": round(statistics.median(samples) * 1000, 2),
        "p95_ms": round(p95(samples) * 1000, 2),
        "runs": len(samples),
    }


def _rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def _engine_statuses(index: AvailsIndex, query: AvailsQuery) -> dict[int, str]:
    return {title: status.value for title, status in index.query(query).items()}


# -- the data set ---------------------------------------------------------------------------------


def dataset_ready(titles: int, grants: int, rebuild: bool) -> dict[str, Any]:
    """The synthetic data set in this database, built now if missing, stale or asked for."""
    call_command("migrate", interactive=False, verbosity=0)
    info = avails_store.dataset_info()
    wanted = (titles, grants, avails_synthetic.GENERATOR_VERSION)
    if info is not None and (rebuild or (info["titles"], info["grants"],
                                         info["generator_version"]) != wanted):  # fmt: skip
        print("Emptying the database to build the data set again.", flush=True)
        call_command("flush", interactive=False, verbosity=0)  # reloads the taxonomies
        info = None
    if info is not None:
        return {**info, "built_now": False}
    if Title.objects.exists() or Deal.objects.exists() or Organisation.objects.exists():
        raise SystemExit(
            "this database holds organisations, titles or deals the avails benchmark did not "
            "write: point it at an empty database"
        )
    print(f"Building the synthetic data set ({titles:,} titles, {grants:,} grants)...", flush=True)
    return {**avails_store.dataset_write(titles, grants), "built_now": True}


def _database() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            version = f"SQLite {cursor.fetchone()[0]}"
            size = os.path.getsize(connection.settings_dict["NAME"])
        else:
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            cursor.execute("SELECT pg_database_size(current_database())")
            size = cursor.fetchone()[0]
    return f"{version}, {size / 2**20:,.0f} MiB"


# -- steps ------------------------------------------------------------------------------------------


def index_build_measure(tracemalloc_too: bool) -> tuple[AvailsIndex, dict[str, Any]]:
    """Build this process's index as the product does (first ``avails_index()``), measured."""
    engine_adapters.index_forget()
    gc.collect()
    rss_before = _rss_bytes()
    started = time.perf_counter()
    index = engine_adapters.avails_index()
    seconds = time.perf_counter() - started
    gc.collect()
    out: dict[str, Any] = {
        "seconds": round(seconds, 2),
        "rows": index.rows,
        "memory_bytes": index.memory_bytes(),
        "rss_delta_bytes": _rss_bytes() - rss_before,
    }
    if tracemalloc_too:
        tracemalloc.start()
        before, _ = tracemalloc.get_traced_memory()
        other = engine_adapters.index_build()
        after, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out["tracemalloc_retained_bytes"] = after - before
        out["tracemalloc_peak_bytes"] = peak - before
        del other
        gc.collect()
    return index, out


def _baseline_measure(
    shape: Shape, baseline: BaselineQuery, form: str, repeat: int, found: dict[int, str]
) -> dict[str, Any]:
    """One baseline formulation: its plan, timings and answer (which must equal the engine's)."""
    print(f"\nBaseline plan, {form} form ({connection.vendor}):\n")
    plan = explain(baseline, form)
    print(plan, flush=True)
    spent: list[dict[str, float]] = []

    def run() -> dict[int, str]:
        spent.append({})
        return baseline_avails(baseline, spent[-1], form)

    samples, expected = _timed(run, repeat)
    spent = spent[1:]  # not the warm-up
    differ = sorted(t for t in found.keys() | expected.keys() if found.get(t) != expected.get(t))
    if differ:
        sample = [(t, found.get(t), expected.get(t)) for t in differ[:10]]
        sys.exit(f"ANSWERS DIFFER for {shape.name} ({form} form) on {len(differ)} titles, e.g. "
                 f"(title, engine, baseline): {sample}")  # fmt: skip
    sql_ms = statistics.median(s["sql"] for s in spent) * 1000
    sweep_ms = statistics.median(s["sweep"] for s in spent) * 1000
    print(
        f"\nbaseline, {form} form: statuses identical to the engine's; "
        f"{int(spent[0]['rows']):,} interval rows; median {statistics.median(samples) * 1000:,.1f}"
        f" ms = {sql_ms:,.1f} ms in SQL (execute + fetch) + {sweep_ms:,.1f} ms in the sweep",
        flush=True,
    )
    return {
        **_figures(samples),
        "rows": int(spent[0]["rows"]),
        "sql_median_ms": round(sql_ms, 1),
        "sweep_median_ms": round(sweep_ms, 1),
        "plan": plan,
    }


def shape_measure(
    shape: Shape, index: AvailsIndex, holder: int, repeat: int, baseline_repeat: int
) -> dict[str, Any]:
    """Engine and baseline on one query shape; stops the run if any title's status differs.

    The baseline figure is that of its fastest formulation on this database.
    """
    query, baseline = shape.engine(holder), shape.baseline(holder)
    print(f"\n## {shape.name}: {shape.description}", flush=True)
    engine_samples, _ = _timed(lambda: index.query(query), repeat, warmup=2)
    selector_samples, _ = _timed(lambda: selectors.avails_for(query=query), repeat, warmup=1)
    found = _engine_statuses(index, query)
    forms = {
        form: _baseline_measure(shape, baseline, form, baseline_repeat, found)
        for form in shape.forms
    }
    best = min(forms, key=lambda form: forms[form]["median_ms"])
    counts = Counter(found.values())
    print(
        f"\n{len(found):,} titles: "
        + ", ".join(f"{counts[s]:,} {s}" for s in ("available", "partial", "unavailable"))
        + f"; fastest baseline here: {best} form",
        flush=True,
    )
    return {
        "description": shape.description,
        "titles": len(found),
        "counts": {s: counts[s] for s in ("available", "partial", "unavailable")},
        "engine": _figures(engine_samples),
        "engine_selector": _figures(selector_samples),
        "baseline_form": best,
        "baseline": forms[best],
        "baseline_forms": forms,
    }


def _deal_sign(holder: int, licensee: int, title_ids: list[int]) -> Deal:
    raw = {
        "licensee": licensee, "reference": "BENCH-NEW-DEAL",
        "grants": [{"titles": title_ids, "territories": ["VN"], "media": ["SVOD"],
                    "start": PERIOD[0].isoformat(), "end": PERIOD[1].isoformat(),
                    "exclusive": True}],
    }  # fmt: skip
    spec = deal_spec_from_raw(
        raw, licensor_id=holder, organisations=lambda v: v, titles=lambda v: v, on=PERIOD[0]
    )
    deal = services.deal_create(actor=None, licensor=Organisation.objects.get(pk=holder), spec=spec)
    signed, _ = services.deal_sign(actor=None, deal=deal)
    return signed


def update_measure(holder: int) -> dict[str, Any]:
    """Sign one deal, then time the index catching up (and the next query) against a rebuild.

    The deal grants Viet Nam x SVOD exclusively over the Q1 period for the first titles Q1
    finds available, so they must turn unavailable; the baseline checks every title again.
    Everything runs in a transaction that is rolled back.
    """
    shape = SHAPES[0]
    query = shape.engine(holder)
    index = engine_adapters.avails_index()
    before = _engine_statuses(index, query)
    titles = [t for t, s in sorted(before.items()) if s == "available"][:NEW_DEAL_TITLES]
    licensee = holder + 1
    with transaction.atomic():
        started = time.perf_counter()
        deal = _deal_sign(holder, licensee, titles)
        signed = time.perf_counter() - started
        started = time.perf_counter()
        updated = engine_adapters.avails_index()
        caught_up = time.perf_counter() - started
        answer = updated.query(query)
        caught_up_and_query = time.perf_counter() - started
        started = time.perf_counter()
        rebuilt = engine_adapters.index_build()
        rebuilt_answer = rebuilt.query(query)
        rebuild_and_query = time.perf_counter() - started
        after = {t: s.value for t, s in answer.items()}
        if updated is not index:
            sys.exit("the index was rebuilt instead of catching up")
        if any(after[t] != "unavailable" for t in titles):
            sys.exit("the newly signed titles are still available")
        if after != {t: s.value for t, s in rebuilt_answer.items()}:
            sys.exit("the index that caught up and the rebuilt one differ")
        if after != baseline_avails(shape.baseline(holder), form="join"):
            sys.exit("after the update, the engine and the baseline differ")
        transaction.set_rollback(True)
    engine_adapters.index_forget()
    print(
        f"\nSigned {deal.reference} ({len(titles)} titles, Viet Nam x SVOD, exclusive): "
        f"services {signed * 1000:,.0f} ms; index caught up in {caught_up * 1000:,.1f} ms "
        f"(+ query: {caught_up_and_query * 1000:,.1f} ms); full rebuild + query "
        f"{rebuild_and_query:,.1f} s; statuses after the update identical to the rebuild's "
        "and to the baseline's (rolled back).",
        flush=True,
    )
    return {
        "deal_titles": len(titles),
        "sign_ms": round(signed * 1000, 1),
        "catch_up_ms": round(caught_up * 1000, 2),
        "catch_up_and_query_ms": round(caught_up_and_query * 1000, 2),
        "rebuild_and_query_s": round(rebuild_and_query, 2),
    }


def _profile(index: AvailsIndex, holder: int) -> None:
    """cProfile 20 runs of the engine's query per shape; the top costs."""
    for shape in SHAPES:
        query = shape.engine(holder)
        profiler = cProfile.Profile()
        for _ in range(20):
            profiler.runcall(index.query, query)
        print(f"\n## Profile of AvailsIndex.query, {shape.name} (20 runs)\n")
        stats = pstats.Stats(profiler, stream=sys.stdout).strip_dirs()
        stats.sort_stats("tottime").print_stats(12)


def run(args: Any) -> dict[str, Any]:
    """The whole benchmark on this process's database; the figures as a dict."""
    vendor = connection.vendor
    print(f"\n# Avails benchmark on {vendor}\n", flush=True)
    dataset = dataset_ready(args.titles, args.grants, args.rebuild)
    created = baseline_indexes_ensure()
    holder = avails_synthetic.holder_id()
    holder_titles = RightsIn.objects.filter(owner_id=holder).values("title_id").distinct().count()
    print(
        f"data set: {Title.objects.count():,} titles, {RightsIn.objects.count():,} rights in, "
        f"{Deal.objects.count():,} deals, {Grant.objects.count():,} grants "
        f"({GrantScope.objects.count():,} scope rows), {Holdback.objects.count():,} holdbacks; "
        f"{_database()}\n"
        f"built {'in this run' if dataset['built_now'] else 'earlier'} ({dataset['built_at']}): "
        f"{dataset['build_seconds']:.0f} s = draw {dataset['draw_seconds']:.0f} s + write "
        f"{dataset['write_seconds']:.0f} s + (VACUUM) ANALYZE {dataset['analyze_seconds']:.0f} s\n"
        f"baseline indexes: {', '.join(created) + ' created now' if created else 'present'}\n"
        f"holder: organisation {holder} (rights in {holder_titles:,} titles)",
        flush=True,
    )  # fmt: skip
    load_before = os.getloadavg()[0]
    index, build = index_build_measure(tracemalloc_too=not args.no_tracemalloc)
    print(
        f"index: built in {build['seconds']:.1f} s, {build['rows']:,} rows, memory_bytes() "
        f"{build['memory_bytes'] / 2**20:,.1f} MiB, RSS +{build['rss_delta_bytes'] / 2**20:,.0f} MiB"
        + (f", tracemalloc retained {build['tracemalloc_retained_bytes'] / 2**20:,.0f} MiB, "
           f"peak {build['tracemalloc_peak_bytes'] / 2**20:,.0f} MiB"
           if "tracemalloc_peak_bytes" in build else ""),
        flush=True,
    )  # fmt: skip
    shapes = {
        shape.name: shape_measure(
            shape, index, holder, args.repeat,
            args.baseline_repeat if shape.name == "Q1" else args.baseline_repeat_q2,
        )
        for shape in SHAPES
    }  # fmt: skip
    if args.profile:
        _profile(index, holder)
    update = update_measure(holder)
    return {
        "database": _database(),
        "vendor": vendor,
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "dataset": dataset,
        "holder": holder,
        "build": build,
        "shapes": shapes,
        "update": update,
    }
