"""`cinebridge avails` and `cinebridge deal`: as a person runs them (subprocesses against a
fresh database) for the JSON answer and the exit status, and in-process for the rest."""

import io
import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from cinebridge.cli import translate
from cinebridge.rights import engine_adapters
from cinebridge.rights.models import Deal, DealStatus
from tests.catalog.test_cli_search import cli_env, run
from tests.factories import OrganisationFactory, make_title
from tests.rights.factories import make_deal, make_rights_in

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from tests.rights.test_cli_avails import build
build()
"""
ASK = ["--territory", "VN", "--media", "SVOD", "--from", "2027-03-01", "--to", "2029-02-28",
       "--exclusive"]  # fmt: skip
VN = {"territories": ["VN"], "media": ["SVOD"], "exclusive": True}


def build():
    """Two held titles; one licensed exclusively to VTV for VN SVOD until 2028-03-01."""
    smf = OrganisationFactory(name="Soyuzmultfilm", slug="soyuzmultfilm")
    vtv = OrganisationFactory(name="Vietnam Television", slug="vtv", kind="broadcaster")
    wolf = make_title(
        smf,
        kind="animation",
        original_title="Ну, погоди!",
        reference="SMF-0001",
        versions=[("vi", "subtitles")],
    )
    hedgehog = make_title(smf, original_title="Ёжик в тумане", reference="SMF-0002")
    make_rights_in(smf, wolf)
    make_rights_in(smf, hedgehog)
    make_deal(
        smf,
        vtv,
        [{"titles": [wolf.pk], "start": "2027-03-01", "end": "2028-03-01", **VN}],
        sign=True,
        reference="VTV-2027",
    )
    make_deal(
        smf,
        vtv,
        [{"titles": [wolf.pk], "start": "2027-06-01", "end": "2027-09-01", **VN}],
        reference="VTV-CLASH",
    )
    make_deal(
        smf,
        vtv,
        [
            {
                "titles": [hedgehog.pk],
                "start": "2027-01-01",
                "territories": ["TH"],
                "media": ["SVOD"],
            }
        ],
        reference="VTV-TH",
    )


# -- as a person runs it ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = cli_env(tmp_path_factory.mktemp("avails-cli"))
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
    return env


@pytest.mark.django_db(transaction=True)
def test_json_answer_and_report(env, tmp_path):
    report = tmp_path / "avails.xlsx"
    result = run(
        [
            "avails",
            "--org",
            "soyuzmultfilm",
            *ASK,
            "--language",
            "vi:subtitles",
            "--json",
            "--report",
            str(report),
        ],
        env,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["counts"] == {"available": 0, "partial": 1, "unavailable": 1}
    wolf, hedgehog = payload["titles"]
    assert (wolf["reference"], wolf["status"]) == ("SMF-0001", "partial")
    assert [(c["start"], c["end"]) for c in wolf["free"]] == [("2028-03-01", "2029-02-28")]
    [cell] = wolf["blocked"]
    assert (cell["territories"], cell["media"]) == ("Vietnam", "SVOD")
    [reason] = cell["reasons"]
    assert (reason["code"], reason["deal_reference"], reason["until"]) == (
        "exclusive_licence",
        "VTV-2027",
        "2028-03-01",
    )
    assert hedgehog["blocked"][0]["reasons"][0]["text"] == "No language version: vi subtitles"
    assert report.read_bytes()[:2] == b"PK"


@pytest.mark.django_db(transaction=True)
def test_bad_input_exits_2_with_every_problem(env):
    result = run(["avails", *ASK, "--territory", "XX", "--to", "2026-01-01"], env)
    assert result.returncode == 2
    assert "territories: unknown territory 'XX'" in result.stderr
    assert "end: the period ends on 2026-01-01" in result.stderr


# -- in-process, on the test database -------------------------------------------------------


@pytest.fixture
def data(db):
    engine_adapters.index_forget()
    build()
    yield
    engine_adapters.index_forget()


def cinebridge(*args):
    """Run ``cinebridge ARGS`` in this process; returns what it printed."""
    name, *rest = translate(args)
    out = io.StringIO()
    call_command(name, *rest, stdout=out)
    return out.getvalue()


def test_table_says_why(data):
    lines = cinebridge("avails", *ASK, "--why").splitlines()  # --org omitted: one holder
    assert lines[0] == "soyuzmultfilm: 1 available, 1 partial, 0 unavailable"
    assert lines[1].split() == ["partial", "SMF-0001", "Ну,", "погоди!", "2028-03-01..2029-02-28"]
    assert lines[2].split(": ", 1) == [
        "    2027-03-01..2028-03-01 Vietnam; SVOD",
        "Exclusive licence VTV-2027 until 2028-03-01",
    ]
    assert lines[3].split() == [
        "available",
        "SMF-0002",
        "Ёжик",
        "в",
        "тумане",
        "2027-03-01..2029-02-28",
    ]


def test_status_title_and_territory_filters(data):
    out = cinebridge(
        "avails",
        "--org",
        "soyuzmultfilm",
        "--territory",
        "VN,TH",
        "--media",
        "SVOD",
        "--from",
        "2027-03-01",
        "--status",
        "partial",
        "--title",
        "SMF-0001",
    )
    assert out.splitlines()[1:] == [
        "partial      SMF-0001       Ну, погоди!  2027-03-01..open (Thailand; SVOD), "
        "2028-03-01..open (Vietnam; SVOD)"
    ]
    with pytest.raises(CommandError, match="title: unknown title 'NOPE'") as refused:
        cinebridge("avails", *ASK, "--title", "NOPE")
    assert refused.value.returncode == 2


def test_deal_list_and_sign(data):
    listed = cinebridge("deal", "list", "--org", "soyuzmultfilm").splitlines()
    assert [line.split()[:3] for line in listed[1:]] == [
        ["VTV-TH", "draft", "licensor"],
        ["VTV-CLASH", "draft", "licensor"],
        ["VTV-2027", "signed", "licensor"],
    ]
    listed = cinebridge("deal", "list", "--org", "vtv").splitlines()  # drafts are not offered
    assert [line.split()[:3] for line in listed[1:]] == [["VTV-2027", "signed", "licensee"]]
    out = io.StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("deal_sign", "--org", "soyuzmultfilm", "VTV-CLASH", stdout=out)
    assert refused.value.returncode == 1
    assert "Exclusive licence VTV-2027 until 2028-03-01" in out.getvalue()
    assert "signed VTV-TH" in cinebridge("deal", "sign", "--org", "soyuzmultfilm", "VTV-TH")
    assert Deal.objects.get(reference="VTV-TH").status == DealStatus.SIGNED


def test_a_minimum_window_longer_than_the_period_exits_2_saying_why(data):
    with pytest.raises(CommandError, match="min_days: the shortest window") as refused:
        cinebridge(
            "avails",
            "--territory",
            "VN",
            "--media",
            "SVOD",
            "--from",
            "2027-03-01",
            "--to",
            "2027-04-01",
            "--min-days",
            "60",
        )
    assert refused.value.returncode == 2
