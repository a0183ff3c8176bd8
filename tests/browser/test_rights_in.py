"""Rights in through the page in a real browser: a mistake shown beside its field, then the
record in the list.

Set CINEBRIDGE_SCREENSHOTS to a directory to keep a PNG of each step.
"""

import re

import pytest
from playwright.sync_api import expect

from cinebridge.rights.models import RightsIn
from tests.browser.test_avails import snap
from tests.browser.test_catalog import sign_in
from tests.factories import make_title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_records_rights_in(page, live_server, studio, studio_sales):
    make_title(studio, original_title="Ёжик в тумане", reference="SMF-0002")
    sign_in(page, live_server, studio_sales.username)
    page.goto(f"{live_server.url}/rights-in/")
    page.get_by_test_id("rights-in-new").first.click()
    page.wait_for_url(re.compile(r"/rights-in/new/\?organisation=soyuzmultfilm"))
    expect(page.locator("input[name=exclusive]")).to_be_checked()

    page.fill("input[name=title]", "SMF-0002")
    page.fill("input[name=territories]", "001,-RU,XX")
    page.fill("input[name=media]", "SVOD,AVOD")
    page.fill("input[name=start]", "2025-01-01")
    page.fill("input[name=end]", "+730 days")
    page.fill("input[name=source_contract]", "Representation 2025")
    page.get_by_test_id("rights-in-save").click()
    expect(page.get_by_test_id("error-territories")).to_contain_text("unknown territory 'XX'")
    expect(page.get_by_test_id("form-errors")).to_contain_text("Nothing was saved")
    expect(page.locator("input[name=media]")).to_have_value("SVOD,AVOD")  # kept as typed
    snap(page, "browser-rights-in-error")
    assert not RightsIn.objects.exists()

    page.fill("input[name=territories]", "001,-RU")
    page.get_by_test_id("rights-in-save").click()
    page.wait_for_url(re.compile(r"/rights-in/\?organisation=soyuzmultfilm$"))
    expect(page.locator(".messages")).to_contain_text("Rights in “Ёжик в тумане” were recorded.")
    row = page.get_by_test_id("rights-in-table").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Ёжик в тумане")
    expect(row).to_contain_text("Representation 2025")
    expect(row).to_contain_text("2025-01-01 → 730 days after the start")
    snap(page, "browser-rights-in-recorded")
    rights = RightsIn.objects.get()
    assert (rights.owner, rights.exclusive, str(rights.end)) == (studio, True, "2027-01-01")
