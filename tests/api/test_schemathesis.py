"""Schemathesis over the whole API (``/api/schema/``): no input, as no role, is a server error.

Every operation is called with generated input as an organisation's admin, sales,
acquisitions and viewer members, a member of another organisation, and anonymously.
In the test suite the run is small and derandomised (a regression guard that stays fast);
``make fuzz`` runs it with every phase and 100 examples per operation and role
(``CINEBRIDGE_FUZZ_EXAMPLES``), with fresh random input each time.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from cinebridge.rights.services import deal_offer
from cinebridge.wsgi import application
from tests.factories import OrganisationFactory, make_title, member_of
from tests.rights.factories import make_deal, make_rights_in

EXAMPLES = int(os.environ.get("CINEBRIDGE_FUZZ_EXAMPLES", "3"))
FULL = "CINEBRIDGE_FUZZ_EXAMPLES" in os.environ
ROLES = ("admin", "sales", "acquisitions", "viewer", "other", "anonymous")

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
schema.config.generation.update(max_examples=EXAMPLES, deterministic=not FULL)
if not FULL:  # the coverage phase's hundreds of boundary cases belong to make fuzz
    schema.config.phases.update(phases=["examples", "fuzzing"])


@pytest.fixture(autouse=True)
def connection_kept():
    """Keep the test's transaction open across requests, as Django's test client does: the
    WSGI app closes the connection after each request otherwise (PostgreSQL)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def headers(studio, broadcaster, nu_pogodi, settings):
    """Authorization headers by role, over a catalog with rights in and two deals."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_rights_in(studio, nu_pogodi)
    grant = {
        "titles": [nu_pogodi.pk],
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-01-01",
        "end": "2029-01-01",
    }
    make_deal(studio, broadcaster, [grant], reference="DRAFT-1", internal_notes="floor 9000")
    deal_offer(actor=None, deal=make_deal(studio, broadcaster, [grant], reference="OFFER-1"))
    users = {
        role: member_of(studio, role, username=f"fuzz-{role}")
        for role in ("admin", "sales", "acquisitions", "viewer")
    }
    okko = OrganisationFactory(slug="okko", name="Okko")
    users["other"] = member_of(okko, "admin", username="fuzz-other")
    # Okko holds rights in too: an EMA export with none is issue 8 item 21 (another branch).
    make_rights_in(okko, make_title(okko, original_title="Okko Original"))
    out = {"anonymous": {}}
    for role, user in users.items():
        out[role] = {"Authorization": f"Token {Token.objects.create(user=user).key}"}
    return out


@pytest.mark.django_db
@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None, database=None)
def test_no_input_is_a_server_error(case, headers):
    for role in ROLES:
        response = case.call(headers=headers[role])
        assert response.status_code < 500, (
            role,
            case.method,
            case.formatted_path,
            case.body,
            case.query,
            response.text[:500],
        )
