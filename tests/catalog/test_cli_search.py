"""`cinebridge search` run as a person would: a subprocess against a fresh database."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli")
    env = cli_env(path)
    run(["migrate", "--noinput", "-v0"], env)
    script = (
        "import django; django.setup()\n"
        "from tests.factories import OrganisationFactory, make_title\n"
        "org = OrganisationFactory(name='Soyuzmultfilm', slug='smf')\n"
        "make_title(org, kind='animation', original_title='Ну, погоди!', year=1969,"
        " localised_titles=[('en', 'Well, Just You Wait!')])\n"
        "make_title(org, original_title='Секрет', status='draft')\n"
    )
    subprocess.run([sys.executable, "-c", script], env=env, check=True)
    return path


def cli_env(path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CINEBRIDGE_")}
    env.pop("DATABASE_URL", None)
    return env | {"CINEBRIDGE_DATA_DIR": str(path), "DJANGO_SETTINGS_MODULE": "cinebridge.settings"}


def run(args, env):
    return subprocess.run(
        [sys.executable, "-m", "cinebridge.cli", *args], env=env, capture_output=True, text=True
    )


def test_search_prints_ranked_titles(data_dir):
    result = run(["search", "nu", "pogodi"], cli_env(data_dir))
    assert result.returncode == 0, result.stderr
    assert "1 title(s)" in result.stdout and "Ну, погоди! (1969)" in result.stdout


def test_search_json(data_dir):
    result = run(["search", "well just you wait", "--json"], cli_env(data_dir))
    payload = json.loads(result.stdout)
    assert [t["original_title"] for t in payload["titles"]] == ["Ну, погоди!"]
    assert payload["titles"][0]["matched_name"] == "Well, Just You Wait!"


def test_search_never_shows_drafts_to_the_shell(data_dir):
    result = run(["search", "Секрет", "--json"], cli_env(data_dir))
    assert json.loads(result.stdout)["titles"] == []


def test_bad_filter_is_a_clear_error(data_dir):
    result = run(["search", "pogodi", "--version-language", "xx-!!"], cli_env(data_dir))
    assert result.returncode != 0
    assert "version_language" in result.stderr and "xx-!!" in result.stderr
