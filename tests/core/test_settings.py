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


def setting(name, env):
    """The value of ``settings.<name>`` in a fresh process started with ``env``."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='cinebridge.settings'; "
        f"django.setup(); from django.conf import settings; print(repr(settings.{name}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CINEBRIDGE_", "DATABASE"))}
    result = subprocess.run(
        [sys.executable, "-c", code], env=base | env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return eval(result.stdout.strip().splitlines()[-1])  # noqa: S307  # our own repr()


PRODUCTION = {
    "CINEBRIDGE_ENV": "production",
    "CINEBRIDGE_SECRET_KEY": "k7#Qz!9vW2@mL4$pX8^rT1&yU6*eB3(nD5)hG0-fJ=aS+cV_Lm2Rw",
    "CINEBRIDGE_ALLOWED_HOSTS": "films.example.org",
}


@pytest.mark.parametrize("env", [{}, PRODUCTION, {"DATABASE_URL": "postgres://u@db:5432/cb"}])
def test_database_connections_are_kept_and_checked(env):
    database = setting("DATABASES['default']", env)
    assert database["CONN_MAX_AGE"] == 60
    assert database["CONN_HEALTH_CHECKS"] is True


def test_the_connection_age_can_be_set_from_the_environment():
    database = setting("DATABASES['default']", {"CINEBRIDGE_CONN_MAX_AGE": "0"})
    assert database["CONN_MAX_AGE"] == 0
