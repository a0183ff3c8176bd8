"""EMA export benchmark: the compact, streamed export against the old one-element-per-country one.

    python -m benchmarks ema [--holder roskino] [--repeat 5] [--rebuild]

The data are the demo's, built the demo's way (``cinebridge demo``) in
``benchmarks/results/ema-demo.sqlite3`` (kept; ``--rebuild`` builds it again) or in the
database ``DATABASE_URL`` names; the holder is Roskino, with 85 rights in (World but Russia
and the CIS, all media: five EMA licence types each). In one process, runs interleaved after
a warm-up, it times:

- ``GET /api/rights-in/ema.xml`` as a member of the holder (Django's test client, the
  streamed answer read to the end), and ``ema.xlsx``;
- the XML stream alone (``ema_export.rights_in_export_ema_stream``), the validated XML
  (``rights_in_export_ema``) and the XLSX workbook;
- the baseline: the old records (``ema_export_baseline``: every territory expanded to its
  countries, read with prefetch) through the whole-document writer ``avails_to_xml``, which
  validates as the old export did, and through ``avails_to_xlsx``.

It counts the database queries of the new export, and imports the new XML and XLSX and the
baseline XML into three new organisations (rolled back afterwards): the three must hold the
same cells (title, countries, medium, dates, exclusivity, licensor, contract), or the
benchmark fails.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
DATABASE = RESULTS / "ema-demo.sqlite3"


def _arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks ema", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--holder", default="roskino", help="organisation slug (roskino)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each path (5)")
    parser.add_argument("--rebuild", action="store_true", help="build the demo database again")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    """Run the benchmark in a process of its own (Django set up on the benchmark's database)."""
    args = _arguments(argv)
    if args.child:
        return _child_main(args)
    env = dict(os.environ)
    if not env.get("DATABASE_URL"):
        RESULTS.mkdir(parents=True, exist_ok=True)
        if args.rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{DATABASE}{suffix}").unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    env |= {"DJANGO_SETTINGS_MODULE": "cinebridge.settings", "CINEBRIDGE_DEBUG": "0"}
    command = [sys.executable, "-m", "benchmarks", "ema", "--child", *argv]
    return subprocess.run(command, env=env, check=False).returncode


def _child_main(args: argparse.Namespace) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from cinebridge.organisations.models import Organisation

    call_command("migrate", interactive=False, verbosity=0)
    if not Organisation.objects.filter(slug=args.holder).exists():
        print("Building the demo data (cinebridge demo)...", flush=True)
        call_command("demo", verbosity=0, stdout=io.StringIO())
    holder = Organisation.objects.get(slug=args.holder)
    return _measure(holder, args.repeat, " ".join(["python -m benchmarks ema", *sys.argv[3:]]))


def _median_ms(timings: list[float]) -> str:
    return f"{statistics.median(timings) * 1000:,.0f} ms"


def _measure(holder: Any, repeat: int, command: str) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from benchmarks.ema_export_baseline import baseline_records
    from cinebridge.organisations.models import Membership
    from cinebridge.rights.ema import avails_to_xlsx, avails_to_xml, get_schema
    from cinebridge.rights.ema_export import rights_in_export_ema, rights_in_export_ema_stream
    from cinebridge.rights.models import RightsIn
    from cinebridge.rights.taxonomy import taxonomies

    member = Membership.objects.filter(organisation=holder).select_related("user").first()
    if member is None:
        print(f"{holder.name} has no member to call the API as.")
        return 1
    client = Client(SERVER_NAME="localhost")
    client.force_login(member.user)
    query = f"?organisation={holder.slug}"

    def api(fmt: str) -> bytes:
        response = client.get(f"/api/rights-in/ema.{fmt}{query}")
        assert response.status_code == 200, response.status_code
        return b"".join(response.streaming_content) if response.streaming else response.content

    paths: dict[str, Callable[[], bytes]] = {
        "API GET ema.xml (streamed)": lambda: api("xml"),
        "API GET ema.xlsx": lambda: api("xlsx"),
        "XML stream": lambda: b"".join(rights_in_export_ema_stream(holder=holder)),
        "XML, validated (CLI, tests)": lambda: rights_in_export_ema(holder=holder, fmt="xml"),
        "XLSX": lambda: rights_in_export_ema(holder=holder, fmt="xlsx"),
        "baseline XML (expanded, validated)": lambda: avails_to_xml(baseline_records(holder)),
        "baseline XLSX (expanded)": lambda: avails_to_xlsx(baseline_records(holder)),
    }
    taxonomies()
    get_schema()
    outputs = {name: run() for name, run in paths.items()}  # warm-up, and the files compared
    timings: dict[str, list[float]] = {name: [] for name in paths}
    for round_number in range(repeat):
        order = list(paths) if round_number % 2 == 0 else list(reversed(paths))
        for name in order:
            started = time.perf_counter()
            paths[name]()
            timings[name].append(time.perf_counter() - started)
    with CaptureQueriesContext(connection) as queries:
        b"".join(rights_in_export_ema_stream(holder=holder))
    records = RightsIn.objects.filter(owner=holder).count()

    problems = _same_records(
        {
            "XML": outputs["XML stream"],
            "XLSX": outputs["XLSX"],
            "baseline XML": outputs["baseline XML (expanded, validated)"],
        }
    )
    print(f"\n# EMA export benchmark: {holder.name}, {records} rights in\n")
    print(f"command: {command}")
    print(f"database: {connection.vendor}; median of {repeat} runs after a warm-up\n")
    print("| path | median | size | vs baseline |\n|---|---:|---:|---:|")
    baseline = {"xml": "baseline XML (expanded, validated)", "xlsx": "baseline XLSX (expanded)"}
    for name in paths:
        kind = "xlsx" if "XLSX" in name or "xlsx" in name else "xml"
        ratio = statistics.median(timings[baseline[kind]]) / statistics.median(timings[name])
        versus = "" if name in baseline.values() else f"{ratio:,.0f}x faster"
        print(f"| {name} | {_median_ms(timings[name])} | {len(outputs[name]):,} B | {versus} |")
    print(f"\nqueries of the XML stream: {len(queries)} (the same for any number of records)")
    for problem in problems:
        print(f"FAILED: {problem}")
    if not problems:
        print("re-imported: the XML, the XLSX and the baseline XML give the same cells")
    return 1 if problems else 0


def _same_records(files: dict[str, bytes]) -> list[str]:
    """Import each file into a new organisation (rolled back) and compare what they hold."""
    from django.db import transaction

    from cinebridge.organisations.models import Organisation
    from cinebridge.rights.ema_exchange import rights_in_import_ema

    cells: dict[str, set[tuple[Any, ...]]] = {}
    with transaction.atomic():
        for number, (name, data) in enumerate(files.items()):
            buyer = Organisation.objects.create(
                name=f"EMA buyer {number}", slug=f"ema-buyer-{number}"
            )
            extension = "xlsx" if name.endswith("XLSX") else "xml"
            rights_in_import_ema(actor=None, holder=buyer, data=data, filename=f"f.{extension}")
            cells[name] = _cells(buyer)
        transaction.set_rollback(True)
    first, *others = cells
    problems = [
        f"{name} re-imports to other records than {first}"
        for name in others
        if cells[name] != cells[first]
    ]
    if not cells[first]:
        problems.append("nothing was re-imported")
    return problems


def _cells(holder: Any) -> set[tuple[Any, ...]]:
    from cinebridge.rights.models import RightsIn
    from cinebridge.rights.taxonomy import taxonomies

    territories, media = taxonomies()
    out = set()
    rights = (
        RightsIn.objects.filter(owner=holder).select_related("title").prefetch_related("scopes")
    )
    for r in rights:
        keys: dict[tuple[str, bool], list[str]] = {(a, x): [] for a in "tm" for x in (False, True)}
        for scope in r.scopes.all():
            keys[scope.axis, scope.excluded].append(scope.key)
        t = territories.selection(keys["t", False], keys["t", True])
        for medium in media.leaf_codes(media.selection(keys["m", False], keys["m", True])):
            cell = (r.title.original_title, t, medium, r.start, r.end, r.exclusive)
            out.add((*cell, r.licensor_name, r.source_contract))
    return out
