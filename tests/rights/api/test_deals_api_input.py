"""Malformed deal input is a 400 naming the field, never a 500, on SQLite and PostgreSQL alike.

Each case was a server error (or, for the reference, accepted on SQLite and a 500 on
PostgreSQL) before the spec readers checked every field's type, length and range.
"""

import json

import pytest

from cinebridge.rights.models import Deal
from tests.rights.api.test_deals_api import VN_SVOD, raw_deal
from tests.rights.factories import make_rights_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(studio, nu_pogodi):
    return make_rights_in(studio, nu_pogodi)


def _grant(**changes):
    return [{"titles": ["NP"], **VN_SVOD, **changes}]


CASES = [
    ({"grants": _grant(duration_days=3_000_000, end=None)}, "grants[1].duration_days"),
    (
        {
            "grants": _grant(
                start_offset_days=10**12,
                start_event="theatrical_release",
                start_event_territory="RU",
                start=None,
            )
        },
        "grants[1].start_offset_days",
    ),
    ({"grants": _grant(start="9999-12-31", end=None, duration_days=30)}, "grants[1].start"),
    ({"grants": _grant(languages=[5])}, "grants[1].languages"),
    ({"grants": _grant(languages=[[]])}, "grants[1].languages"),
    ({"grants": _grant(languages={"vi": "subtitles"})}, "grants[1].languages"),
    ({"grants": "x"}, "grants"),
    ({"grants": [5]}, "grants[1]"),
    ({"holdbacks": "x"}, "holdbacks"),
    ({"holdbacks": [[1]]}, "holdbacks[1]"),
    ({"grants": _grant(titles=5)}, "grants[1].titles"),
    ({"grants": _grant(titles=["9" * 30])}, "grants[1].titles"),
    ({"grants": _grant(titles=["²"])}, "grants[1].titles"),
    ({"grants": _grant(territories=5)}, "grants[1].territories"),
    ({"grants": _grant(media={"a": 1})}, "grants[1].media"),
    ({"grants": _grant(end=["2029-01-01"])}, "grants[1].end"),
    ({"reference": "R" * 41}, "reference"),
    ({"reference": ["a"]}, "reference"),
    ({"internal_notes": "n" * 5001}, "internal_notes"),
    ({"shared_notes": ["n"]}, "shared_notes"),
    ({"fee_amount": "1e30"}, "fee_amount"),
    ({"fee_currency": "US" * 50}, "fee_currency"),
    ({"licensee": "9" * 30}, "licensee"),
    ({"licensee": {"slug": "vtv"}}, "licensee"),
    (
        {
            "grants": _grant(
                note="x",
                start_event_territory="R" * 500,
                start_event="theatrical_release",
                start=None,
            )
        },
        "grants[1].start_event_territory",
    ),
]


@pytest.mark.parametrize(
    ("changes", "field"), CASES, ids=[c[1] + str(i) for i, c in enumerate(CASES)]
)
def test_malformed_fields_are_400_naming_the_field(
    api,
    studio_sales,
    broadcaster,
    nu_pogodi,
    held,
    changes,
    field,
):
    nu_pogodi.reference = "NP"
    nu_pogodi.save(update_fields=["reference"])
    raw = raw_deal(nu_pogodi) | changes
    response = api(studio_sales).post("/api/deals/", raw, format="json")
    assert response.status_code == 400, response.content[:300]
    assert field in [p["field"] for p in response.json()["problems"]], response.json()
    assert not Deal.objects.exists()


@pytest.mark.parametrize("body", [[1, 2], "a string", 5])
def test_a_body_that_is_not_an_object_is_400(api, studio_sales, body):
    response = api(studio_sales).post("/api/deals/?organisation=soyuzmultfilm", body, format="json")
    assert response.status_code == 400, response.content[:300]


def test_a_taken_reference_is_400_naming_it(api, studio_sales, broadcaster, nu_pogodi, held):
    client = api(studio_sales)
    assert client.post("/api/deals/", raw_deal(nu_pogodi), format="json").status_code == 201
    again = client.post("/api/deals/", raw_deal(nu_pogodi), format="json")
    assert again.status_code == 400, again.content[:300]
    [problem] = again.json()["problems"]
    assert problem["field"] == "reference" and "VTV-API" in problem["message"]
    other = raw_deal(nu_pogodi) | {"reference": "VTV-OTHER"}
    created = client.post("/api/deals/", other, format="json").json()
    renamed = client.patch(f"/api/deals/{created['id']}/", {"reference": "VTV-API"}, format="json")
    assert renamed.status_code == 400, renamed.content[:300]
    assert renamed.json()["problems"][0]["field"] == "reference"


@pytest.mark.parametrize("text", ["\x00", "VTV\ud800"])
def test_text_no_database_can_store_is_400(api, studio_sales, broadcaster, nu_pogodi, held, text):
    raw = raw_deal(nu_pogodi) | {"reference": text}
    raw["grants"][0]["titles"] = [text]
    body = json.dumps(raw)  # ASCII with \u escapes, as a client sends a lone surrogate
    response = api(studio_sales).post("/api/deals/", body, content_type="application/json")
    assert response.status_code == 400, response.content[:300]
    fields = {p["field"] for p in response.json()["problems"]}
    # core.parsers names the path of each bad string (items from 1), before the spec reader
    assert "reference" in fields
    assert any(f.startswith("grants[1].titles") for f in fields), fields
