"""Production settings refuse to start unsafe."""

import os
import subprocess
import sys

import pytest


def start(env):
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='cinebridge.settings'; django.setup()"
    base = {k: v for k, v in os.environ.items() if not k.startswith("CINEBRIDGE_")}
    return subprocess.run(
        [sys.executable, "-c", code], env=base | env, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        (
            {
                "CINEBRIDGE_ENV": "production",
                "CINEBRIDGE_SECRET_KEY": "x" * 50,
                "CINEBRIDGE_DEBUG": "1",
            },
            "DEBUG",
        ),
        ({"CINEBRIDGE_ENV": "production"}, "CINEBRIDGE_SECRET_KEY"),
    ],
)
def test_production_refuses_unsafe_settings(env, complaint):
    result = start(env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_when_safe():
    result = start({"CINEBRIDGE_ENV": "production", "CINEBRIDGE_SECRET_KEY": "s" * 50,
                    "CINEBRIDGE_ALLOWED_HOSTS": "films.example.org"})  # fmt: skip
    assert result.returncode == 0, result.stderr
