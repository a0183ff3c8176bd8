"""Every page is sent with a Content-Security-Policy it can live with: no inline script, no
event-handler attribute, no htmx expression that needs eval; scripts come from /static/."""

import re

import pytest
from django.urls import reverse

from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
# an event filter (`input[...]`, evaluated by htmx as code) or a js: value
HTMX_EVAL = re.compile(
    r'hx-trigger="(?:[^"]*,\s*)?[\w:.-]+\[|hx-va(?:ls|rs)="\s*(?:js|javascript):'
)


@pytest.fixture
def pages(client, studio, broadcaster, studio_sales, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    grant = {
        "titles": [nu_pogodi.pk],
        "territories": ["VN"],
        "media": ["SVOD"],
        "start": "2027-03-01",
    }
    deal = make_deal(studio, broadcaster, [grant], sign=True)
    client.force_login(studio_sales)
    ask = {"territories": "VN", "media": "SVOD", "start": "2028-01-01", "end": "2030-01-01"}
    return {
        "/titles/": {},
        reverse("catalog:title-detail", args=[nu_pogodi.pk]): {},
        "/avails/": ask,
        reverse("rights:avails-why", args=[nu_pogodi.pk]): ask | {"_htmx": True},
        "/deals/": {},
        reverse("rights:deal-detail", args=[deal.pk]): {},
        "/rights-in/": {},
        reverse("rights:title-rights", args=[nu_pogodi.pk]): {},
        "/organisations/": {},
    }


def test_pages_carry_a_policy_and_nothing_it_would_block(client, pages):
    for url, query in pages.items():
        headers = {"HTTP_HX_REQUEST": "true"} if query.pop("_htmx", False) else {}
        response = client.get(url, query, **headers)
        assert response.status_code == 200, url
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-eval" not in policy
        body = response.content.decode()
        assert not INLINE_SCRIPT.search(body), (url, INLINE_SCRIPT.search(body).group())
        assert not HANDLER.search(body), (url, body[HANDLER.search(body).start() - 80 :][:160])
        assert not HTMX_EVAL.search(body), (url, HTMX_EVAL.search(body).group())


def test_the_sign_in_page_has_no_inline_script(client):
    body = client.get("/login/").content.decode()
    assert not INLINE_SCRIPT.search(body) and not HANDLER.search(body)


def test_htmx_is_told_not_to_inject_styles_or_evaluate_code(client):
    body = client.get("/titles/").content.decode()
    assert '"includeIndicatorStyles": false' in body and '"allowEval": false' in body
