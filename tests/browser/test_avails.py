"""Rights in a real browser: search avails, ask "why not?", sign a deal.

Set CINEBRIDGE_SCREENSHOTS to a directory to keep a PNG of each step.
"""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_catalog import sign_in
from tests.rights.factories import make_deal, make_rights_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}


@pytest.fixture
def licensed(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    return make_deal(
        studio, broadcaster, [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}], sign=True
    )


def snap(page, name):
    folder = os.environ.get("CINEBRIDGE_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def test_search_avails_and_ask_why_not(page, live_server, studio_sales, licensed):
    sign_in(page, live_server, studio_sales.username)
    page.goto(f"{live_server.url}/avails/")
    page.fill("input[name=territories]", "VN")
    page.fill("input[name=media]", "SVOD")
    page.fill("input[name=start]", "2028-01-01")
    page.fill("input[name=end]", "2030-01-01")
    page.check("input[name=exclusive]")
    page.get_by_test_id("avails-submit").click()

    row = page.locator("[data-testid=avails-row][data-status=partial]")
    expect(row).to_have_count(1)  # waits for htmx to swap the results in
    expect(row).to_contain_text("Ну, погоди!")
    expect(row).to_contain_text("VN · SVOD · 2029-03-01 → 2030-01-01")
    expect(page.get_by_test_id("count-partial")).to_contain_text("1")
    page.wait_for_url(re.compile(r"territories=VN"))
    # Ticking a box searches too: let the last search land before opening a panel in its rows.
    expect(page.locator("#results.htmx-request")).to_have_count(0)
    snap(page, "browser-avails-results")

    row.get_by_test_id("why-not").click()
    panel = row.get_by_test_id("why-panel")
    expect(panel).to_contain_text(f"Exclusive licence {licensed.reference} until 2029-03-01")
    expect(panel.get_by_role("link", name=licensed.reference)).to_have_attribute(
        "href", f"/deals/{licensed.pk}/"
    )
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1  # no reload
    snap(page, "browser-avails-why-not")


def test_a_mistake_is_shown_beside_its_field(page, live_server, studio_sales, licensed):
    sign_in(page, live_server, studio_sales.username)
    page.goto(f"{live_server.url}/avails/")
    page.fill("input[name=territories]", "XX")
    page.fill("input[name=media]", "SVOD")
    page.fill("input[name=start]", "2028-01-01")
    page.get_by_test_id("avails-submit").click()
    expect(page.get_by_test_id("avails-error-territories")).to_contain_text("unknown territory")
    expect(page.get_by_test_id("avails-errors")).to_be_visible()


def test_sign_a_deal_from_its_page(page, live_server, studio, broadcaster, studio_sales, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    sign_in(page, live_server, studio_sales.username)
    page.goto(f"{live_server.url}/deals/{deal.pk}/")
    expect(page.get_by_test_id("deal-status")).to_have_text("Draft")
    page.get_by_test_id("check-conflicts").click()
    expect(page.get_by_test_id("no-conflicts")).to_be_visible()
    page.get_by_test_id("sign").click()
    expect(page.get_by_test_id("deal-status")).to_have_text("Signed")
    expect(page.locator(".messages")).to_contain_text("The deal is signed.")
    expect(page.get_by_test_id("history")).to_contain_text("deal.signed")
    snap(page, "browser-deal-signed")
