"""API tokens expire after CINEBRIDGE_TOKEN_DAYS and can be revoked (by their holder through
the API, for a user by an administrator on the command line)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = "/api/rights-in/"  # answers 401 to a request without valid credentials


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user():
    return UserFactory(username="smf-sales")


def _client(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _age(token, days):
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(days=days))


def test_a_fresh_token_is_accepted(user):
    token = Token.objects.create(user=user)
    assert _client(token.key).get(PRIVATE).status_code == 200


def test_a_token_past_its_lifetime_is_refused(settings, user):
    settings.API_TOKEN_LIFETIME = dt.timedelta(days=30)
    token = Token.objects.create(user=user)
    _age(token, 29)
    assert _client(token.key).get(PRIVATE).status_code == 200
    _age(token, 31)
    response = _client(token.key).get(PRIVATE)
    assert response.status_code == 401
    assert response.json()["detail"] == "Token has expired."


def test_the_lifetime_is_a_setting(settings, user):
    settings.API_TOKEN_LIFETIME = dt.timedelta(hours=1)
    token = Token.objects.create(user=user)
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - dt.timedelta(hours=2))
    assert _client(token.key).get(PRIVATE).status_code == 401


def test_asking_again_replaces_an_expired_token(user):
    old = Token.objects.create(user=user)
    _age(old, 365)
    response = APIClient().post("/api/token/", {"username": "smf-sales", "password": PASSWORD})
    assert response.status_code == 200
    key = response.json()["token"]
    assert key != old.key
    assert _client(key).get(PRIVATE).status_code == 200
    assert _client(old.key).get(PRIVATE).status_code == 401


def test_asking_again_keeps_a_valid_token(user):
    token = Token.objects.create(user=user)
    response = APIClient().post("/api/token/", {"username": "smf-sales", "password": PASSWORD})
    assert response.json()["token"] == token.key


def test_the_holder_revokes_the_current_token(user):
    token = Token.objects.create(user=user)
    client = _client(token.key)
    response = client.post("/api/token/revoke/")
    assert response.status_code == 204
    assert client.get(PRIVATE).status_code == 401
    assert not Token.objects.filter(user=user).exists()


def test_revoking_needs_a_token(user):
    assert APIClient().post("/api/token/revoke/").status_code == 401


def test_an_administrator_revokes_a_users_tokens_from_the_command_line(user, capsys):
    token = Token.objects.create(user=user)
    call_command("token_revoke", "smf-sales")
    assert "smf-sales" in capsys.readouterr().out
    assert _client(token.key).get(PRIVATE).status_code == 401


def test_revoking_for_an_unknown_user_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nobody"):
        call_command("token_revoke", "nobody")


def test_the_cli_names_the_command():
    from cinebridge.cli import translate

    assert translate(["token", "revoke", "smf-sales"]) == ["token_revoke", "smf-sales"]
