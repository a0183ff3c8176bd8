"""Password guessing is stopped: after the failure limit the right password is refused too,
on the token endpoint (429, JSON) and on the sign-in page (429, a page in the user's language);
the token endpoint is also rate-limited; an administrator clears a lockout with axes_reset."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def user():
    return UserFactory(username="smf-sales")


def _token(client, password, **extra):
    return client.post("/api/token/", {"username": "smf-sales", "password": password}, **extra)


def test_the_token_endpoint_locks_out_after_the_failure_limit(user):
    client = APIClient()
    for _ in range(LIMIT - 1):
        assert _token(client, "wrong").status_code == 400
    response = _token(client, "wrong")
    assert response.status_code == 429
    # the right password no longer helps
    response = _token(client, PASSWORD)
    assert response.status_code == 429
    assert "token" not in response.json()
    assert "Too many failed sign-in attempts" in response.json()["detail"]


def test_the_api_lockout_answers_in_the_users_language(user):
    client = APIClient()
    for _ in range(LIMIT):
        _token(client, "wrong")
    response = _token(client, PASSWORD, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 429
    assert response.json()["code"] == "locked_out"
    assert response["Content-Language"] == "ru"
    assert int(response["Retry-After"]) > 0


def test_the_login_lockout_page_is_in_the_users_language(client, user):
    for _ in range(LIMIT):
        client.post("/login/", {"username": "smf-sales", "password": "wrong"})
    response = client.post(
        "/login/", {"username": "smf-sales", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 429
    assert '<html lang="ru">' in response.content.decode()


def test_the_login_page_locks_out_after_the_failure_limit(client, user):
    for _ in range(LIMIT - 1):
        response = client.post("/login/", {"username": "smf-sales", "password": "wrong"})
        assert "did not match" in response.content.decode()
    client.post("/login/", {"username": "smf-sales", "password": "wrong"})
    response = client.post("/login/", {"username": "smf-sales", "password": PASSWORD})
    assert response.status_code == 429
    body = response.content.decode()
    assert "Too many failed sign-in attempts" in body
    assert '<html lang="en">' in body  # a whole page of the site, not a bare message
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_cleared_with_axes_reset(client, user):
    for _ in range(LIMIT):
        client.post("/login/", {"username": "smf-sales", "password": "wrong"})
    assert (
        client.post("/login/", {"username": "smf-sales", "password": PASSWORD}).status_code == 429
    )
    call_command("axes_reset", verbosity=0)
    assert (
        client.post("/login/", {"username": "smf-sales", "password": PASSWORD}).status_code == 302
    )


def test_a_lockout_does_not_lock_the_same_user_out_from_another_address(client, user):
    for _ in range(LIMIT):
        client.post("/login/", {"username": "smf-sales", "password": "wrong"})
    response = client.post(
        "/login/", {"username": "smf-sales", "password": PASSWORD}, REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 302


def test_the_token_endpoint_is_rate_limited(settings, user):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] | {"token": "2/minute"}
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": rates}
    settings.AXES_FAILURE_LIMIT = 100
    client = APIClient()
    assert _token(client, "wrong").status_code == 400
    assert _token(client, PASSWORD).status_code == 200
    response = _token(client, PASSWORD)
    assert response.status_code == 429
    assert "Retry-After" in response
