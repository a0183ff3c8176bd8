"""Avails benchmark: the avails engine's whole-catalog query against SQL, on SQLite and PostgreSQL.

    python -m benchmarks avails [--titles 50000] [--grants 1000000] [--rebuild] [--repeat 30]
        [--baseline-repeat 10] [--baseline-repeat-q2 5] [--postgres URL | --no-postgres]
        [--no-sqlite] [--no-tracemalloc] [--profile]

Each database runs in its own process (``benchmarks.avails_measure``): the synthetic data set
(``benchmarks.avails_synthetic``; on SQLite cached in
``benchmarks/results/avails-<titles>-<grants>-v<generator version>.sqlite3``, on PostgreSQL
kept in the database and rebuilt when stale), the index build, each query shape on the engine
and on the SQL baseline (``benchmarks.avails_baseline``) with every title's status compared,
and one deal signed. This process prints both runs' figures side by side with the ratios and
writes them to ``benchmarks/results/avails.json``. It imports no Django itself.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.avails_synthetic import GENERATOR_VERSION

RESULTS = Path(__file__).resolve().parent / "results"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/cinebridge_bench"
TARGET_MS = 50.0
TARGET_RATIO = 20.0


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks avails", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--titles", type=int, default=50_000, help="titles (50,000)")
    parser.add_argument("--grants", type=int, default=1_000_000, help="grants (1,000,000)")
    parser.add_argument("--rebuild", action="store_true", help="build the data sets again")
    parser.add_argument("--repeat", type=int, default=30, help="timed engine queries (30)")
    parser.add_argument(
        "--baseline-repeat", type=int, default=10, help="timed baseline runs of Q1 (10)"
    )
    parser.add_argument(
        "--baseline-repeat-q2", type=int, default=5, help="timed baseline runs of Q2 (5)"
    )
    parser.add_argument("--postgres", default=POSTGRES_URL, help=f"database URL ({POSTGRES_URL})")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument(
        "--no-tracemalloc", action="store_true", help="skip the second, traced index build"
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the engine's queries")
    parser.add_argument("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def sqlite_path(titles: int, grants: int) -> Path:
    return RESULTS / f"avails-{titles}-{grants}-v{GENERATOR_VERSION}.sqlite3"


def _sqlite_delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _postgres_ready(url: str) -> str | None:
    """Create the database if missing; why PostgreSQL cannot be used, or None."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError as error:
        return f"psycopg is not installed ({error})"
    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", connect_timeout=5, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if found is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                print(f"Created the PostgreSQL database {name}.", flush=True)
    except psycopg.Error as error:
        return f"{url} is not reachable: {str(error).strip().splitlines()[0]}"
    return None


def _child(
    database: str, url: str, args: argparse.Namespace, argv: Sequence[str]
) -> dict[str, Any]:
    """Run the benchmark on one database in a fresh process; its figures or why it failed."""
    output = RESULTS / f"avails-{database}.json"
    output.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": url, "CINEBRIDGE_DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "cinebridge.settings"}  # fmt: skip
    command = [sys.executable, "-m", "benchmarks", "avails", *argv,
               "--child", database, "--output", str(output)]  # fmt: skip
    finished = subprocess.run(command, env=env, check=False)
    if finished.returncode != 0 or not output.exists():
        return {"failed": f"the {database} run stopped (exit status {finished.returncode})"}
    result: dict[str, Any] = json.loads(output.read_text())
    return result


def child_main(args: argparse.Namespace) -> int:
    """Inside the per-database process: set Django up, measure, write the figures."""
    os.environ["CINEBRIDGE_DEBUG"] = "0"  # as in production: no query log kept in memory
    import django

    django.setup()
    from django.db import connections

    from benchmarks import avails_measure

    try:
        result = avails_measure.run(args)
    except SystemExit as stop:
        if isinstance(stop.code, str) and stop.code.startswith("this database holds"):
            result = {"skipped": stop.code}
            print(f"Skipped: {stop.code}", flush=True)
        else:
            raise
    finally:
        connections.close_all()  # lets SQLite fold and delete the -wal file
    Path(args.output).write_text(json.dumps(result, indent=2, default=str))
    return 0


# -- report ---------------------------------------------------------------------------------------


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    return "\n".join(
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in (headers, ["-" * w for w in widths], *rows)
    )


def _ms(value: float) -> str:
    return f"{value:,.1f}"


def _ratio(baseline: float, engine: float) -> str:
    return f"{baseline / engine:,.0f}x" if engine else "-"


def _mib(value: int) -> str:
    return f"{value / 2**20:,.0f}"


def report(results: dict[str, dict[str, Any]]) -> str:
    """The side-by-side tables (markdown), and whether the targets are met."""
    ran = {name: r for name, r in results.items() if "shapes" in r}
    lines = []
    for name, r in ran.items():
        rows = r["dataset"]["rows"]
        lines.append(
            f"{name}: {r['database']}; {r['machine']}, Python {r['python']}, Django "
            f"{r['django']}; load average {r['load_average'][0]} at the start, "
            f"{r['load_average'][1]} at the end"
        )
    if ran:
        r = next(iter(ran.values()))
        rows = r["dataset"]["rows"]
        lines.append(
            f"data set (identical in each database): {rows['title']:,} titles, "
            f"{rows['rights_in']:,} rights in, {rows['deal']:,} deals, {rows['grant']:,} grants, "
            f"{rows['holdback']:,} holdbacks; query holder: organisation {r['holder']} "
            f"({r['shapes']['Q1']['titles']:,} titles)\n"
        )
    query_rows = []
    for name, r in ran.items():
        for shape, s in r["shapes"].items():
            e, sel, b = s["engine"], s["engine_selector"], s["baseline"]
            counts = s["counts"]
            query_rows.append([
                shape, name, _ms(e["median_ms"]), _ms(e["p95_ms"]), _ms(sel["median_ms"]),
                _ms(sel["p95_ms"]), _ms(b["median_ms"]), _ms(b["p95_ms"]),
                f"{s['baseline_form']}: {b['sql_median_ms']:,.0f} + {b['sweep_median_ms']:,.0f}",
                _ratio(b["median_ms"], e["median_ms"]), _ratio(b["median_ms"], sel["median_ms"]),
                f"{counts['available']:,} / {counts['partial']:,} / {counts['unavailable']:,}",
            ])  # fmt: skip
    lines.append(_table(
        ["query", "database", "engine median", "engine p95", "avails_for median",
         "avails_for p95", "SQL median", "SQL p95", "SQL form: statements + sweep", "ratio",
         "ratio (avails_for)",
         "available / partial / unavailable (identical)"],
        query_rows,
    ))  # fmt: skip
    for name, r in ran.items():
        for shape, s in r["shapes"].items():
            if len(s["baseline_forms"]) > 1:
                each = ", ".join(
                    f"{form} {f['median_ms']:,.0f} ms ({f['sql_median_ms']:,.0f} in SQL)"
                    for form, f in s["baseline_forms"].items()
                )
                lines.append(f"\n{shape} on {name}, baseline medians by formulation: {each}.")
    lines.append(
        "\nms; engine = AvailsIndex.query on the built index; avails_for = the selector the "
        "pages call (also checks the change log: 3 small queries); SQL = the faster baseline "
        "formulation here (join: one statement; cell: one per cell), execute + fetch, then the "
        "per-title sweep in Python; ratio = SQL median / engine median."
    )
    index_rows = []
    for name, r in ran.items():
        b, u = r["build"], r["update"]
        index_rows.append([
            name, f"{r['dataset']['build_seconds']:,.0f} s", f"{b['seconds']:,.1f} s",
            f"{b['rows']:,}", _mib(b["memory_bytes"]), _mib(b["rss_delta_bytes"]),
            _mib(b["tracemalloc_peak_bytes"]) if "tracemalloc_peak_bytes" in b else "-",
            _ms(u["catch_up_ms"]), _ms(u["catch_up_and_query_ms"]),
            f"{u['rebuild_and_query_s']:,.1f} s",
            f"{u['rebuild_and_query_s'] * 1000 / u['catch_up_and_query_ms']:,.0f}x",
        ])  # fmt: skip
    lines.append("")
    lines.append(_table(
        ["database", "data set build", "index build", "index rows", "memory_bytes() MiB",
         "RSS delta MiB", "tracemalloc peak MiB", "catch-up ms", "catch-up + query ms",
         "rebuild + query", "ratio"],
        index_rows,
    ))  # fmt: skip
    lines.append(
        "\ncatch-up = avails_index() replaying the change log after one deal (10 titles) was "
        "signed through services.deal_sign; rebuild = index_build() from the database."
    )
    for name, r in results.items():
        if "skipped" in r or "failed" in r:
            lines.append(f"\n{name}: {'skipped' if 'skipped' in r else 'FAILED'}: "
                         f"{r.get('skipped') or r.get('failed')}")  # fmt: skip
    for name, r in ran.items():
        q1 = r["shapes"]["Q1"]
        engine, selector = q1["engine"]["median_ms"], q1["engine_selector"]["median_ms"]
        ratio = q1["baseline"]["median_ms"] / engine
        lines.append(
            f"\nTargets on {name}, Q1: under {TARGET_MS:.0f} ms: "
            f"{'met' if selector < TARGET_MS else 'MISSED'} ({selector:.1f} ms through "
            f"avails_for, {engine:.1f} ms index.query); at least {TARGET_RATIO:.0f}x: "
            f"{'met' if ratio >= TARGET_RATIO else 'MISSED'} ({ratio:,.0f}x); answers identical."
        )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    if args.child:
        return child_main(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    passed = [a for a in argv if a not in ("--no-postgres", "--no-sqlite")]
    passed = [a for i, a in enumerate(passed) if a != "--postgres"
              and (i == 0 or passed[i - 1] != "--postgres")]  # fmt: skip
    started = time.perf_counter()
    path = sqlite_path(args.titles, args.grants)
    if args.rebuild:
        _sqlite_delete(path)
    results = {
        "SQLite": {"skipped": "--no-sqlite"}
        if args.no_sqlite
        else _child("sqlite", f"sqlite:///{path}", args, passed)
    }
    if args.no_postgres:
        results["PostgreSQL"] = {"skipped": "--no-postgres"}
    else:
        problem = _postgres_ready(args.postgres)
        if problem:
            print(f"\nPostgreSQL part skipped: {problem}", flush=True)
            results["PostgreSQL"] = {"skipped": problem}
        else:
            results["PostgreSQL"] = _child("postgresql", args.postgres, args, passed)
    text = report(results)
    print(f"\n# Avails benchmark: summary ({time.perf_counter() - started:,.0f} s)\n")
    print(f"command: python -m benchmarks avails {' '.join(argv)}".rstrip())
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}\n")
    print(text)
    summary = {
        "command": ["python", "-m", "benchmarks", "avails", *argv],
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "results": results,
    }
    (RESULTS / "avails.json").write_text(json.dumps(summary, indent=2, default=str))
    return 1 if any("failed" in r for r in results.values()) else 0
