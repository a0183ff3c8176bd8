"""Avails benchmark: the avails engine against a plain numpy scan and SQL, on SQLite and PostgreSQL.

    python -m benchmarks avails [--titles 50000] [--grants 1000000] [--holders 50] [--rebuild]
        [--repeat 30] [--baseline-repeat 10] [--baseline-repeat-q2 5] [--why-not-sample 200]
        [--market-holders 1000] [--postgres URL | --no-postgres] [--no-sqlite]
        [--no-tracemalloc] [--profile]
    python -m benchmarks avails --scaling [--scaling-sizes 100000,1000000,3000000]

Each database runs in its own process (``benchmarks.avails_measure``): the synthetic data set
(``benchmarks.avails_synthetic``; on SQLite cached in
``benchmarks/results/avails-<titles>-<grants>[-h<holders>]-v<generator version>.sqlite3``, on
PostgreSQL kept in the database and rebuilt when stale), the index build, each query shape
(``benchmarks.avails_shapes``) on the engine, on the plain numpy scan
(``benchmarks.avails_scan``) and on the SQL baseline (``benchmarks.avails_baseline``) with
every title's status compared, why-not timings and peak memory (``benchmarks.avails_whynot``),
the whole-market query (``benchmarks.avails_market``) and deals signed
(``benchmarks.avails_update``). A further SQLite process asks the whole-market query on a data
set with ``--market-holders`` organisations. This process prints the runs' figures side by side
(``benchmarks.avails_report``) and writes them to ``benchmarks/results/avails.json``. It
imports no Django itself.

``--scaling`` instead runs the engine and the scan only (no SQL baseline), on SQLite, at each
size of ``--scaling-sizes`` (grants; titles = grants / 20, as in the default data set), and
prints how each figure grows (``benchmarks/results/avails-scaling.json``).
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

from benchmarks.avails_report import report, scaling_report
from benchmarks.avails_synthetic import GENERATOR_VERSION, ORGANISATIONS

RESULTS = Path(__file__).resolve().parent / "results"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/cinebridge_bench"
GRANTS_PER_TITLE = 20


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks avails", description=__doc__.split("\n")[0]
    )
    add = parser.add_argument
    add("--titles", type=int, default=50_000, help="titles (50,000)")
    add("--grants", type=int, default=1_000_000, help="grants (1,000,000)")
    add("--holders", type=int, default=ORGANISATIONS, help=f"organisations ({ORGANISATIONS})")
    add("--rebuild", action="store_true", help="build the data sets again")
    add("--repeat", type=int, default=30, help="timed engine and scan queries (30)")
    add("--baseline-repeat", type=int, default=10, help="timed baseline runs of Q1 (10)")
    add("--baseline-repeat-q2", type=int, default=5, help="timed baseline runs of Q2, Q3 (5)")
    add("--why-not-sample", type=int, default=200, help="titles explained one by one (200)")
    add(
        "--market-holders",
        type=int,
        default=1000,
        help="organisations in the whole-market run's data set (1,000; 0: no such run)",
    )
    add("--postgres", default=POSTGRES_URL, help=f"database URL ({POSTGRES_URL})")
    add("--no-postgres", action="store_true", help="SQLite only")
    add("--no-sqlite", action="store_true", help="PostgreSQL only")
    add("--no-tracemalloc", action="store_true", help="skip the second, traced index build")
    add("--profile", action="store_true", help="cProfile the engine's queries")
    add("--scaling", action="store_true", help="engine and scan at each of --scaling-sizes")
    add("--scaling-sizes", default="100000,1000000,3000000", help="grants, comma-separated")
    add("--market", action="store_true", help=argparse.SUPPRESS)
    add("--child", choices=("sqlite", "postgresql"), help=argparse.SUPPRESS)
    add("--output", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def sqlite_path(titles: int, grants: int, holders: int = ORGANISATIONS) -> Path:
    """The cached SQLite data set (the default number of organisations keeps its old name)."""
    named = "" if holders == ORGANISATIONS else f"-h{holders}"
    return RESULTS / f"avails-{titles}-{grants}{named}-v{GENERATOR_VERSION}.sqlite3"


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


def _child(database: str, url: str, argv: Sequence[str], name: str) -> dict[str, Any]:
    """Run the benchmark on one database in a fresh process; its figures or why it failed."""
    output = RESULTS / f"avails-{name}.json"
    output.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "CINEBRIDGE_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "cinebridge.settings",
    }
    command = [sys.executable, "-m", "benchmarks", "avails", *argv]
    command += ["--child", database, "--output", str(output)]
    finished = subprocess.run(command, env=env, check=False)
    if finished.returncode != 0 or not output.exists():
        return {"failed": f"the {name} run stopped (exit status {finished.returncode})"}
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


def _without(argv: Sequence[str], flags: set[str], valued: set[str]) -> list[str]:
    """argv without the given flags and the given options with their values."""
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in valued:
            skip = True
        elif arg not in flags and arg.split("=", 1)[0] not in valued:
            out.append(arg)
    return out


def _sizes(argv: Sequence[str]) -> list[str]:
    return _without(argv, set(), {"--titles", "--grants", "--holders"})


def _scaling(args: argparse.Namespace, argv: Sequence[str]) -> dict[str, dict[str, Any]]:
    passed = _sizes(
        _without(argv, {"--no-postgres", "--no-sqlite"}, {"--postgres", "--scaling-sizes"})
    )
    results = {}
    for grants in (int(g) for g in args.scaling_sizes.split(",")):
        titles = grants // GRANTS_PER_TITLE
        path = sqlite_path(titles, grants)
        if args.rebuild:
            _sqlite_delete(path)
        size = ["--titles", str(titles), "--grants", str(grants)]
        results[f"{grants:,} grants"] = _child(
            "sqlite", f"sqlite:///{path}", [*passed, *size], f"scaling-{grants}"
        )
    return results


def main(argv: Sequence[str]) -> int:
    args = _arguments(argv)
    if args.child:
        return child_main(args)
    RESULTS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.scaling:
        results = _scaling(args, argv)
        text = scaling_report(results)
        name = "avails-scaling.json"
    else:
        results = _runs(args, argv)
        text = report(results)
        name = "avails.json"
    print(f"\n# Avails benchmark: summary ({time.perf_counter() - started:,.0f} s)\n")
    print(f"command: python -m benchmarks avails {' '.join(argv)}".rstrip())
    print(f"date: {time.strftime('%Y-%m-%d %H:%M %Z')}\n")
    print(text)
    summary = {
        "command": ["python", "-m", "benchmarks", "avails", *argv],
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "results": results,
    }
    (RESULTS / name).write_text(json.dumps(summary, indent=2, default=str))
    return 1 if any("failed" in r for r in results.values()) else 0


def _runs(args: argparse.Namespace, argv: Sequence[str]) -> dict[str, dict[str, Any]]:
    passed = _without(argv, {"--no-postgres", "--no-sqlite"}, {"--postgres", "--market-holders"})
    path = sqlite_path(args.titles, args.grants, args.holders)
    if args.rebuild:
        _sqlite_delete(path)
    results: dict[str, dict[str, Any]] = {}
    if args.no_sqlite:
        results["SQLite"] = {"skipped": "--no-sqlite"}
    else:
        results["SQLite"] = _child("sqlite", f"sqlite:///{path}", passed, "sqlite")
    if args.no_postgres:
        results["PostgreSQL"] = {"skipped": "--no-postgres"}
    elif problem := _postgres_ready(args.postgres):
        print(f"\nPostgreSQL part skipped: {problem}", flush=True)
        results["PostgreSQL"] = {"skipped": problem}
    else:
        results["PostgreSQL"] = _child("postgresql", args.postgres, passed, "postgresql")
    if args.market_holders and args.market_holders != args.holders:
        market = sqlite_path(args.titles, args.grants, args.market_holders)
        if args.rebuild:
            _sqlite_delete(market)
        holders = ["--holders", str(args.market_holders), "--market"]
        results[f"whole market, {args.market_holders:,} holders (SQLite)"] = _child(
            "sqlite",
            f"sqlite:///{market}",
            [*_without(passed, set(), {"--holders"}), *holders],
            "market",
        )
    return results
