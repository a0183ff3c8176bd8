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
from math import ceil
from typing import Any

import django
from django.core.management import call_command
from django.db import connection

from benchmarks import avails_store, avails_synthetic
from benchmarks.avails_baseline import (
    AVAILABLE,
    ENTIRE_FORMS,
    NOT_AVAILABLE,
    BaselineQuery,
    baseline_avails,
    baseline_indexes_ensure,
    explain,
)
from benchmarks.avails_market import market_measure
from benchmarks.avails_scan import ScanRows, scan_load
from benchmarks.avails_shapes import SHAPES, Shape
from benchmarks.avails_update import update_measure
from benchmarks.avails_whynot import agreement, peak_bytes, why_not_measure
from cinebridge.catalog.models import Title
from cinebridge.engines.avails import AvailsIndex, AvailsQuery
from cinebridge.organisations.models import Organisation
from cinebridge.rights import engine_adapters, selectors
from cinebridge.rights.models import Deal, Grant, GrantScope, Holdback, RightsIn


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


def dataset_ready(titles: int, grants: int, rebuild: bool, holders: int) -> dict[str, Any]:
    """The synthetic data set in this database, built now if missing, stale or asked for."""
    call_command("migrate", interactive=False, verbosity=0)
    info = avails_store.dataset_info()
    wanted = (titles, grants, holders, avails_synthetic.GENERATOR_VERSION)
    found = (
        None
        if info is None
        else (info["titles"], info["grants"], info["holders"], info["generator_version"])
    )
    if info is not None and (rebuild or found != wanted):
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
    print(
        f"Building the synthetic data set ({titles:,} titles, {grants:,} grants, "
        f"{holders:,} organisations)...",
        flush=True,
    )
    return {**avails_store.dataset_write(titles, grants, holders), "built_now": True}


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
    if form in ENTIRE_FORMS:  # answers available or not
        found = {t: s if s == AVAILABLE else NOT_AVAILABLE for t, s in found.items()}
    differ = sorted(t for t in found.keys() | expected.keys() if found.get(t) != expected.get(t))
    if differ:
        sample = [(t, found.get(t), expected.get(t)) for t in differ[:10]]
        sys.exit(
            f"ANSWERS DIFFER for {shape.name} ({form} form) on {len(differ)} titles, e.g. "
            f"(title, engine, baseline): {sample}"
        )
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
    shape: Shape, index: AvailsIndex, holder: int, args: Any, scan_rows: ScanRows
) -> dict[str, Any]:
    """Engine, numpy scan and baseline on one query shape; stops the run on any difference.

    The baseline figure is that of its fastest formulation on this database; the baseline
    is skipped in a scaling run.
    """
    query = shape.engine(holder)
    print(f"\n## {shape.name}: {shape.description}", flush=True)
    engine_samples, _ = _timed(lambda: index.query(query), args.repeat, warmup=2)
    _, engine_peak = peak_bytes(lambda: index.query(query))
    selector_samples, _ = _timed(lambda: selectors.avails_for(query=query), args.repeat, warmup=1)
    scan_samples, scanned = _timed(lambda: shape.scan(scan_rows, holder), args.repeat)
    _, scan_peak = peak_bytes(lambda: shape.scan(scan_rows, holder))
    agreed = agreement(query, index, scanned)
    why = why_not_measure(index, query, repeat=min(args.repeat, 10), sample=args.why_not_sample)
    found = _engine_statuses(index, query)
    counts = Counter(found.values())
    engine_ms = statistics.median(engine_samples) * 1000
    print(
        f"engine {engine_ms:,.1f} ms (peak {engine_peak / 2**20:,.1f} MiB); numpy scan "
        f"{statistics.median(scan_samples) * 1000:,.1f} ms (peak {scan_peak / 2**20:,.1f} MiB): "
        f"{agreed}\nwhy-not: {why}",
        flush=True,
    )
    out = {
        "description": shape.description,
        "titles": len(found),
        "counts": {s: counts[s] for s in ("available", "partial", "unavailable")},
        "engine": {**_figures(engine_samples), "peak_bytes": engine_peak},
        "engine_selector": _figures(selector_samples),
        "scan": {**_figures(scan_samples), "peak_bytes": scan_peak},
        "agreement": agreed,
        "why_not": why,
    }
    if args.scaling:
        return out
    baseline = shape.baseline(holder)
    forms = {
        form: _baseline_measure(shape, baseline, form, _baseline_repeat(shape, args), found)
        for form in shape.forms
    }
    best = min(forms, key=lambda form: forms[form]["median_ms"])
    print(
        f"\n{len(found):,} titles: "
        + ", ".join(f"{counts[s]:,} {s}" for s in ("available", "partial", "unavailable"))
        + f"; fastest baseline here: {best} form",
        flush=True,
    )
    return {**out, "baseline_form": best, "baseline": forms[best], "baseline_forms": forms}


def _baseline_repeat(shape: Shape, args: Any) -> int:
    return int(args.baseline_repeat if shape.name == "Q1" else args.baseline_repeat_q2)


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
    dataset = dataset_ready(args.titles, args.grants, args.rebuild, args.holders)
    created = [] if args.scaling or args.market else baseline_indexes_ensure()
    holder = avails_synthetic.holder_id()
    holder_titles = RightsIn.objects.filter(owner_id=holder).values("title_id").distinct().count()
    print(
        f"data set: {Title.objects.count():,} titles, {RightsIn.objects.count():,} rights in, "
        f"{Deal.objects.count():,} deals, {Grant.objects.count():,} grants "
        f"({GrantScope.objects.count():,} scope rows), {Holdback.objects.count():,} holdbacks, "
        f"{dataset['holders']:,} organisations; {_database()}\n"
        f"built {'in this run' if dataset['built_now'] else 'earlier'} ({dataset['built_at']}): "
        f"{dataset['build_seconds']:.0f} s = draw {dataset['draw_seconds']:.0f} s + write "
        f"{dataset['write_seconds']:.0f} s + (VACUUM) ANALYZE {dataset['analyze_seconds']:.0f} s\n"
        f"baseline indexes: {', '.join(created) + ' created now' if created else 'present'}\n"
        f"holder: organisation {holder} (rights in {holder_titles:,} titles)",
        flush=True,
    )
    load_before = os.getloadavg()[0]
    index, build = index_build_measure(tracemalloc_too=not args.no_tracemalloc)
    print(
        f"index: built in {build['seconds']:.1f} s, {build['rows']:,} rows, memory_bytes() "
        f"{build['memory_bytes'] / 2**20:,.1f} MiB, RSS +{build['rss_delta_bytes'] / 2**20:,.0f} MiB"
        + (
            f", tracemalloc retained {build['tracemalloc_retained_bytes'] / 2**20:,.0f} MiB, "
            f"peak {build['tracemalloc_peak_bytes'] / 2**20:,.0f} MiB"
            if "tracemalloc_peak_bytes" in build
            else ""
        ),
        flush=True,
    )
    out: dict[str, Any] = {
        "database": _database(),
        "vendor": vendor,
        "python": platform.python_version(),
        "django": django.get_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "dataset": dataset,
        "holder": holder,
        "holder_titles": holder_titles,
        "build": build,
    }
    if args.market:
        out["market"] = market_measure(index, SHAPES[0], repeat=args.repeat)
    else:
        scan_rows, load_seconds = scan_load()
        out["scan_load"] = {"seconds": round(load_seconds, 2), "bytes": scan_rows.nbytes}
        print(
            f"numpy scan: {len(scan_rows.kind):,} rows loaded once in {load_seconds:.1f} s "
            f"({scan_rows.nbytes / 2**20:,.0f} MiB), not counted in its query times",
            flush=True,
        )
        out["shapes"] = {
            shape.name: shape_measure(shape, index, holder, args, scan_rows) for shape in SHAPES
        }
        del scan_rows
        out["market"] = market_measure(index, SHAPES[0], repeat=args.repeat)
        if args.profile:
            _profile(index, holder)
        out["update"] = update_measure(holder, check_baseline=not args.scaling)
    out["load_average"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
    return out
