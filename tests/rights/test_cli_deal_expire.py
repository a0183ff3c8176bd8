"""`cinebridge deal expire`, as cron runs it: a subprocess against a fresh database."""

import json
import subprocess
import sys

import pytest

from tests.catalog.test_cli_search import cli_env, run

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from tests.rights.test_cli_deal_expire import build
build()
"""


def build():
    """Signed deals that ended in 2027, end in 2030 and never end; an ended draft."""
    from tests.factories import OrganisationFactory, make_title
    from tests.rights.factories import make_deal, make_rights_in

    smf = OrganisationFactory(name="Soyuzmultfilm", slug="soyuzmultfilm")
    vtv = OrganisationFactory(name="Vietnam Television", slug="vtv", kind="broadcaster")
    wolf = make_title(smf, kind="animation", original_title="Ну, погоди!", reference="SMF-0001")
    make_rights_in(smf, wolf)
    grant = {"titles": [wolf.pk], "media": ["SVOD"], "start": "2026-01-01"}
    make_deal(
        smf,
        vtv,
        [{**grant, "territories": ["VN"], "end": "2027-01-01"}],
        sign=True,
        reference="ENDED",
    )
    make_deal(
        smf,
        vtv,
        [{**grant, "territories": ["TH"], "end": "2030-01-01"}],
        sign=True,
        reference="RUNNING",
    )
    make_deal(smf, vtv, [{**grant, "territories": ["LA"]}], sign=True, reference="OPEN")
    make_deal(smf, vtv, [{**grant, "territories": ["KH"], "end": "2027-01-01"}], reference="DRAFT")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = cli_env(tmp_path_factory.mktemp("deal-expire-cli"))
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
    return env


def statuses(env):
    result = run(["deal", "list", "--org", "soyuzmultfilm", "--json"], env)
    assert result.returncode == 0, result.stderr
    return {row["reference"]: row["status"] for row in json.loads(result.stdout)}


@pytest.mark.django_db(transaction=True)
def test_a_dry_run_lists_and_writes_nothing_then_the_run_expires(env):
    before = statuses(env)
    assert before == {"ENDED": "signed", "RUNNING": "signed", "OPEN": "signed", "DRAFT": "draft"}

    dry = run(["deal", "expire", "--today", "2028-01-01", "--dry-run"], env)
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "would expire soyuzmultfilm ENDED (licensee: vtv, licensed until 2027-01-01)",
        "1 deal(s) would expire on 2028-01-01 (dry run: nothing written)",
    ]
    assert statuses(env) == before

    done = run(["deal", "expire", "--today", "2028-01-01"], env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "expired soyuzmultfilm ENDED (licensee: vtv, licensed until 2027-01-01)",
        "1 deal(s) expired on 2028-01-01",
    ]
    assert statuses(env) == {**before, "ENDED": "expired"}

    again = run(["deal", "expire", "--today", "2028-01-01"], env)  # cron runs it every day
    assert again.stdout.splitlines() == ["0 deal(s) expired on 2028-01-01"]


@pytest.mark.django_db(transaction=True)
def test_a_bad_day_exits_2_and_says_why(env):
    result = run(["deal", "expire", "--today", "01/01/2028"], env)
    assert result.returncode == 2
    assert "today: '01/01/2028' is not a date in the form YYYY-MM-DD" in result.stderr
