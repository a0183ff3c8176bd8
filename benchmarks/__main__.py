"""``python -m benchmarks`` (``make bench``): time the catalog search on a synthetic catalog.

    python -m benchmarks [--titles 100000] [--rebuild] [--repeat 7] [--verify] [--profile]
    python -m benchmarks avails [options]   # the avails benchmark only (benchmarks/avails.py)
    python -m benchmarks avails --scaling   # avails engine + numpy scan at 100k, 1M, 3M grants
    python -m benchmarks ema [options]      # the EMA export only (benchmarks/ema_export.py)

Without arguments (``make bench``) the avails and EMA export benchmarks run after the
catalog search; with catalog options, only the catalog search runs, as before.

Without ``DATABASE_URL`` the catalog lives in
``benchmarks/results/catalog-<titles>-v<generator version>.sqlite3``: built on first use
(a few minutes for 100,000 titles) and reused afterwards. With ``DATABASE_URL`` (PostgreSQL,
say) it runs on that database, which must be empty or hold a catalog this tool built.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import GENERATOR_VERSION

RESULTS = Path(__file__).resolve().parent / "results"


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--titles", type=int, default=100_000, help="catalog size (100,000)")
    parser.add_argument("--rebuild", action="store_true", help="build the catalog again")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each query (7)")
    parser.add_argument(
        "--verify",
        action="store_true",
        help="first check that the bulk builder writes what the catalog services write",
    )
    parser.add_argument(
        "--profile",
        nargs="?",
        const="slowest",
        metavar="CATEGORY",
        help="cProfile the engine path on one query category (default: the slowest)",
    )
    return parser.parse_args(argv)


def _sqlite_path(titles: int) -> Path:
    return RESULTS / f"catalog-{titles}-v{GENERATOR_VERSION}.sqlite3"


def _sqlite_delete(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _database_prepare(titles: int, rebuild: bool) -> bool:
    """Point ``DATABASE_URL`` at the cached SQLite file unless the user chose a database.

    Returns True if the user chose it.
    """
    if os.environ.get("DATABASE_URL"):
        return True
    RESULTS.mkdir(parents=True, exist_ok=True)
    if rebuild:
        _sqlite_delete(_sqlite_path(titles))
    os.environ["DATABASE_URL"] = f"sqlite:///{_sqlite_path(titles)}"
    return False


def _catalog_ready(args: argparse.Namespace, chosen_database: bool) -> tuple[Any, dict[str, Any]]:
    """The synthetic catalog in the database, built now if missing, asked for, or stale.

    Returns (the generated catalog if built in this run else None, what the build recorded).
    """
    from django.core.management import call_command
    from django.db import connections

    from benchmarks import synthetic
    from cinebridge.catalog.models import Person, Title

    call_command("migrate", interactive=False, verbosity=0)
    info = synthetic.catalog_info()
    if info is not None:
        reason = ""
        if (info["titles"], info["generator_version"]) != (args.titles, GENERATOR_VERSION):
            if not args.rebuild:
                raise SystemExit(
                    f"This database holds a synthetic catalog of {info['titles']:,} titles "
                    f"(generator v{info['generator_version']}): add --rebuild to replace it."
                )
            reason = "--rebuild"
        elif args.rebuild:
            reason = "--rebuild"
        elif stale := synthetic.entries_stale():
            reason = f"{stale} sampled search entries differ from what the text engine writes now"
        if reason:
            print(f"Rebuilding the synthetic catalog ({reason}).", flush=True)
            if chosen_database:
                call_command("flush", interactive=False, verbosity=0)
            else:
                connections.close_all()
                _sqlite_delete(_sqlite_path(args.titles))
                call_command("migrate", interactive=False, verbosity=0)
            info = None
    if info is not None:
        return None, info
    if Title.objects.exists() or Person.objects.exists():
        raise SystemExit(
            "This database holds titles or people this tool did not write: "
            "point DATABASE_URL at an empty database."
        )
    print(f"Building the synthetic catalog ({args.titles:,} titles)...", flush=True)
    catalog, info = synthetic.catalog_build(args.titles)
    return catalog, {**info, "built_now": True}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["avails"]:
        from benchmarks import avails

        return avails.main(argv[1:])
    if argv[:1] == ["ema"]:
        from benchmarks import ema_export

        return ema_export.main(argv[1:])
    args = _arguments(argv)
    chosen_database = _database_prepare(args.titles, args.rebuild)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinebridge.settings")
    os.environ["CINEBRIDGE_DEBUG"] = "0"  # as in production: no query log kept in memory

    import django

    django.setup()

    from django.db import connections

    from benchmarks import catalog_search, synthetic

    catalog, info = _catalog_ready(args, chosen_database)
    if args.verify:
        started = time.perf_counter()
        problems = synthetic.catalog_verify(catalog or synthetic.catalog_generate(args.titles))
        for problem in problems:
            print(f"VERIFY FAILED: {problem}")
        if problems:
            return 1
        print(f"Verified: bulk rows equal service rows ({time.perf_counter() - started:.1f} s).")
    command = " ".join(["python -m benchmarks", *argv])
    catalog_search.run(command=command, build=info, repeat=args.repeat, profile=args.profile)
    connections.close_all()  # lets SQLite fold and delete the -wal file
    if not argv:
        from benchmarks import avails, ema_export

        return avails.main([]) or ema_export.main([])
    return 0


if __name__ == "__main__":
    sys.exit(main())
