"""Production settings refuse to start unsafe."""

import os
import re
import subprocess
import sys
from pathlib import Path

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
    result = start(PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key",
    [
        "s" * 50,  # long enough, but 1 distinct character
        "abcd" * 13,  # 4 distinct characters
        "k7#Qz!9vW2@mL4$pX8^rT1&yU6*eB3(nD5)hG0-fJ=aS+c",  # 46 characters
        "django-insecure-" + "k7#Qz!9vW2@mL4$pX8^rT1&yU6*eB3(nD5)hG0-fJ=aS+c",
    ],
)
def test_production_refuses_a_secret_key_that_django_calls_weak(key):
    result = start(PRODUCTION | {"CINEBRIDGE_SECRET_KEY": key})
    assert result.returncode != 0
    assert "CINEBRIDGE_SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    # the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment does not
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CINEBRIDGE_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    result = subprocess.run(
        [sys.executable, "-m", "cinebridge.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=base | PRODUCTION,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_redirects_to_https_and_a_csp():
    assert setting("SECURE_SSL_REDIRECT", PRODUCTION) is True
    assert setting("SECURE_HSTS_SECONDS", PRODUCTION) == 31536000
    assert setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION) is True
    assert setting("SESSION_COOKIE_SECURE", PRODUCTION) is True
    policy = setting("CONTENT_SECURITY_POLICY", PRODUCTION)["DIRECTIVES"]
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_https_settings_follow_the_environment():
    env = PRODUCTION | {"CINEBRIDGE_HSTS_SECONDS": "0", "CINEBRIDGE_SSL_REDIRECT": "0"}
    assert setting("SECURE_HSTS_SECONDS", env) == 0
    assert setting("SECURE_SSL_REDIRECT", env) is False


def test_the_csp_is_set_from_the_environment():
    env = {
        "CINEBRIDGE_CSP": "default-src 'self'; img-src 'self' https://posters.example.org",
        "CINEBRIDGE_CSP_REPORT_ONLY": "1",
    }
    assert setting("CONTENT_SECURITY_POLICY", env) is None
    report_only = setting("CONTENT_SECURITY_POLICY_REPORT_ONLY", env)
    assert report_only["DIRECTIVES"] == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "https://posters.example.org"],
    }


def test_debug_is_off_unless_asked_for():
    assert setting("DEBUG", {}) is False
    assert setting("DEBUG", {"CINEBRIDGE_DEBUG": "1"}) is True


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


def test_every_environment_variable_is_documented():
    root = Path(__file__).resolve().parents[2]
    read = set()
    for module in ("settings.py", "wsgi.py", "cli.py"):
        read |= set(
            re.findall(
                r"\b(CINEBRIDGE_[A-Z_]+|DATABASE_URL)\b", (root / "cinebridge" / module).read_text()
            )
        )
    documented = (root / "docs" / "configuration.md").read_text()
    assert read and not {name for name in read if f"`{name}`" not in documented}
