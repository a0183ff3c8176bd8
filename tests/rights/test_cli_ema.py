"""`cinebridge import avails` and `export avails`, run as a person runs them."""

import subprocess
import sys

import pytest

from tests.catalog.test_cli_search import cli_env, run
from tests.shared_data import shared_data

EMA = shared_data("ema")
SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from tests.factories import OrganisationFactory
OrganisationFactory(name='Mekong Screen', slug='mekong-screen', kind='vod', country='VN')
"""


@pytest.mark.skipif(not EMA.is_dir(), reason=f"golden EMA files not found at {EMA}")
def test_import_refuses_the_error_file_then_imports_and_exports(tmp_path):
    env = cli_env(tmp_path)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
    refused = run(
        [
            "import",
            "avails",
            str(EMA / "Avails_Structure_Tests_v2.3_errors.xml"),
            "--org",
            "mekong-screen",
        ],
        env,
    )
    assert refused.returncode == 1
    assert "line 73" in refused.stderr and "avails:Metadata" in refused.stderr
    assert "nothing imported" in refused.stderr
    done = run(["import", "avails", str(EMA / "Movies_v1.9.xlsx"), "--org", "mekong-screen"], env)
    assert done.returncode == 0, done.stderr
    assert "imported 26 rows: 26 created" in done.stdout
    out = tmp_path / "avails.xlsx"
    exported = run(["export", "avails", str(out), "--org", "mekong-screen"], env)
    assert exported.returncode == 0, exported.stderr
    again = run(["import", "avails", str(out), "--org", "mekong-screen", "--dry-run"], env)
    assert again.returncode == 0, again.stderr
    assert "would import 26 rows: 0 created, 0 updated, 26 unchanged" in again.stdout
