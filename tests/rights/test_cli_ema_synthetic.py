"""`cinebridge import avails` with the synthetic files kept in the repository (runs in every
clone): every problem on its own line, warnings beside a successful import."""

import subprocess
import sys

from tests.catalog.test_cli_search import cli_env, run
from tests.rights.ema.conftest import SYNTHETIC_DIR
from tests.rights.test_cli_ema import SETUP


def test_import_lists_every_problem_then_imports_with_its_warnings(tmp_path):
    env = cli_env(tmp_path)
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True)
    errors = str(SYNTHETIC_DIR / "errors_v2.5.xml")
    refused = run(["import", "avails", errors, "--org", "mekong-screen"], env)
    assert refused.returncode == 1
    for line in (20, 26, 38, 40, 41, 42, 43):
        assert f"line {line}: " in refused.stderr
    assert "7 problem(s), nothing imported" in refused.stderr
    valid = tmp_path / "valid.xml"
    text = (SYNTHETIC_DIR / "valid_v2.5.xml").read_text(encoding="utf-8")
    valid.write_text(text.replace(">FSK<", ">NOPE<"), encoding="utf-8")
    done = run(["import", "avails", str(valid), "--org", "mekong-screen"], env)
    assert done.returncode == 0, done.stderr
    assert "line 26: warning: md:System" in done.stdout
    assert "imported 5 rows: 5 created" in done.stdout
