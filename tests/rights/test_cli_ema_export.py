"""`cinebridge export avails` for an organisation that holds no rights in, run as a person runs it.

The EMA XML schema needs at least one ``avails:Avail`` in an ``avails:AvailList``, so an empty
XML file would be invalid: the command says why and exits with status 1, writing nothing. The
spreadsheet templates are valid with their header rows only, so XLSX gets such a file.
"""

import subprocess
import sys

from tests.catalog.test_cli_search import cli_env, run

SETUP = """
import django; django.setup()
from django.core.management import call_command
call_command('migrate', verbosity=0)
from tests.factories import OrganisationFactory
OrganisationFactory(name='Mekong Screen', slug='mekong-screen', kind='vod', country='VN')
"""


def test_export_without_rights_in_explains_itself_and_writes_a_header_only_spreadsheet(tmp_path):
    env = cli_env(tmp_path)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)

    xml = tmp_path / "avails.xml"
    refused = run(["export", "avails", str(xml), "--org", "mekong-screen"], env)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert "Mekong Screen holds no rights in" in refused.stderr
    assert "at least one avails:Avail" in refused.stderr
    assert not xml.exists()

    xlsx = tmp_path / "avails.xlsx"
    written = run(["export", "avails", str(xlsx), "--org", "mekong-screen"], env)
    assert written.returncode == 0, written.stderr
    assert "0 transactions" in written.stdout
    again = run(["import", "avails", str(xlsx), "--org", "mekong-screen", "--dry-run"], env)
    assert again.returncode == 0, again.stderr
    assert "would import 0 rows" in again.stdout
