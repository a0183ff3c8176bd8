"""``cinebridge import titles`` as a user runs it: a separate process on its own database.

No ``django_db`` mark: these tests never touch the pytest test database; each process uses
a SQLite file in a temporary ``CINEBRIDGE_DATA_DIR``, migrated the same way.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
GOOD_CSV = DATA / "titles_good.csv"
BAD_CSV = DATA / "titles_bad.csv"
REPO = Path(__file__).resolve().parents[2]
ORGANISATIONS = {"mosfilm": "Mosfilm", "lenfilm": "Lenfilm", "gorky": "Gorky Film Studio"}


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """Run ``cinebridge ARGS...`` in a subprocess against a fresh, migrated database."""
    env = {**os.environ, "CINEBRIDGE_DATA_DIR": str(tmp_path_factory.mktemp("data"))}
    env.pop("DATABASE_URL", None)  # never a shared server database

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cinebridge.cli", *args],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
        )

    migrated = run("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    create = "; ".join(
        f"organisation_create(actor=None, name={name!r}, slug={slug!r}, kind='studio', country='RU')"
        for slug, name in ORGANISATIONS.items()
    )
    created = run(
        "shell",
        "--no-imports",
        "-c",
        f"from cinebridge.organisations.services import organisation_create; {create}",
    )
    assert created.returncode == 0, created.stderr
    return run


def title_count(cli, slug: str) -> int:
    shown = cli(
        "shell",
        "--no-imports",
        "-c",
        "from cinebridge.catalog.models import Title; "
        f"print(Title.objects.filter(owner__slug={slug!r}).count())",
    )
    assert shown.returncode == 0, shown.stderr
    return int(shown.stdout.strip())


def test_good_file_imports_and_prints_the_counts(cli):
    first = cli("import", "titles", str(GOOD_CSV), "--owner", "mosfilm")

    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "titles_good.csv for Mosfilm: created 4, updated 0"
    assert title_count(cli, "mosfilm") == 4

    again = cli("import", "titles", str(GOOD_CSV), "--owner", "mosfilm")
    assert again.returncode == 0, again.stderr
    assert "created 0, updated 4" in again.stdout
    assert title_count(cli, "mosfilm") == 4


def test_bad_file_exits_1_prints_every_row_and_column_and_writes_nothing(cli):
    result = cli("import", "titles", str(BAD_CSV), "--owner", "lenfilm")

    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:5] == [
        "row 1, column rating: unknown column 'rating'; docs/formats.md lists the columns",
        "row 3, column original_language: unknown language tag 'xx'; "
        "use a BCP 47 tag such as ru, vi, zh-Hans, en",
        "row 5, column year: year '19x5' is not a year between 1880 and 2100",
        "row 5, column countries: unknown country code 'ZZ'; "
        "use ISO 3166-1 alpha-2 such as RU, VN, CN",
        "row 7, column original_title: is required",
    ]
    assert "rejected: 5 errors in 4 rows; nothing was written" in result.stderr
    assert result.stdout == ""
    assert title_count(cli, "lenfilm") == 0


def test_dry_run_counts_and_writes_nothing(cli):
    result = cli("import", "titles", str(GOOD_CSV), "--owner", "gorky", "--dry-run")

    assert result.returncode == 0, result.stderr
    assert "dry run: would create 4, update 0; nothing was written" in result.stdout
    assert title_count(cli, "gorky") == 0


def test_xlsx_format_can_be_forced_and_a_wrong_one_is_a_clear_error(cli, tmp_path):
    disguised = tmp_path / "titles.data"
    disguised.write_bytes(GOOD_CSV.read_bytes())

    as_csv = cli(
        "import", "titles", str(disguised), "--owner", "gorky", "--dry-run", "--format", "csv"
    )
    as_xlsx = cli("import", "titles", str(disguised), "--owner", "gorky", "--format", "xlsx")

    assert as_csv.returncode == 0, as_csv.stderr
    assert as_xlsx.returncode == 1
    assert "file: cannot read the file as XLSX" in as_xlsx.stderr


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        (["titles.txt", "--owner", "mosfilm"], "cannot tell the format of 'titles.txt' ('.txt')"),
        (["missing.csv", "--owner", "mosfilm"], "file not found: missing.csv"),
        ([str(GOOD_CSV), "--owner", "nobody"], "no organisation with slug 'nobody'"),
    ],
)
def test_command_errors_are_clear(cli, arguments, expected):
    result = cli("import", "titles", *arguments)
    assert result.returncode == 1
    assert expected in result.stderr
