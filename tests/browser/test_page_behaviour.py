"""The small behaviours moved out of inline scripts and handlers still work under the CSP."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_avails import licensed  # noqa: F401  (fixture)
from tests.browser.test_catalog import sign_in
from tests.factories import make_title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_catalog_searches_as_you_type(page, live_server, studio, nu_pogodi):
    make_title(studio, original_title="Ёжик в тумане", localised_titles=[("en", "Hedgehog")])
    page.goto(f"{live_server.url}/titles/")
    page.locator("input[name=q]").press_sequentially("pogodi", delay=20)
    page.wait_for_url(re.compile(r"q=pogodi"))
    expect(page.locator("[data-testid=title-card]")).to_have_count(1)


def test_the_language_menu_switches_on_choice(page, live_server, db):
    page.goto(f"{live_server.url}/titles/")
    with page.expect_navigation():
        page.select_option("#language-select", "ru")
    expect(page.locator("html")).to_have_attribute("lang", "ru")


def test_a_broken_poster_is_removed(page, live_server, studio):
    poster = ("poster", f"{live_server.url}/static/no-such-poster.jpg")
    title = make_title(studio, original_title="Без афиши", assets=[poster])
    response = page.goto(f"{live_server.url}/titles/{title.pk}/")
    assert response.status == 200 and "data-remove-if-broken" in response.text()
    expect(page.locator("img[data-remove-if-broken]")).to_have_count(0)


def test_the_why_panel_closes(page, live_server, studio_sales, licensed):  # noqa: F811
    sign_in(page, live_server, studio_sales.username)
    query = "territories=VN&media=SVOD&start=2028-01-01&end=2030-01-01&exclusive=1"
    page.goto(f"{live_server.url}/avails/?{query}")
    row = page.locator("[data-testid=avails-row]").first
    row.get_by_test_id("why-not").click()
    expect(row.get_by_test_id("why-panel")).to_be_visible()
    row.locator("[data-close-why]").click()
    expect(row.get_by_test_id("why-panel")).to_have_count(0)


def test_the_api_docs_render_from_this_server(page, live_server, db):
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(live_server.url) and not r.url.startswith("data:")
            else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    assert outside == []
