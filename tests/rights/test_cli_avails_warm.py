"""`cinebridge avails_warm`, as `make run` calls it before the server starts."""

import subprocess
import sys

import pytest

from tests.catalog.test_cli_search import cli_env, run


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = cli_env(tmp_path_factory.mktemp("avails-warm-cli"))
    setup = "import django; django.setup(); from django.core.management import call_command; "
    migrate = setup + "call_command('migrate', verbosity=0)"
    subprocess.run([sys.executable, "-c", migrate], env=env, check=True)
    return env


@pytest.mark.django_db(transaction=True)
def test_the_kernel_is_made_ready_and_says_so(env):
    result = run(["avails_warm"], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("avails kernel ready (")
    assert result.stdout.rstrip().endswith(" s")
