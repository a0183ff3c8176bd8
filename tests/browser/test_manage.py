"""An editor in a real browser: create a title with a Chinese name, publish it, find it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_catalog import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_creates_and_publishes_a_title_that_anyone_finds(
    page, browser, live_server, studio, studio_sales
):
    sign_in(page, live_server, studio_sales.username)
    page.goto(f"{live_server.url}/organisations/{studio.slug}/")
    page.get_by_test_id("new-title").click()
    page.wait_for_url(re.compile(r"/titles/new/\?owner=soyuzmultfilm"))

    page.fill("input[name=original_title]", "Красный шёлк")
    page.fill("input[name=original_language]", "ru")
    page.select_option("select[name=kind]", "feature")
    page.fill("textarea[name=localised_titles]", "zh-Hans: 红丝绸")
    page.get_by_role("button", name="Create title").click()
    page.wait_for_url(re.compile(r"/titles/\d+/$"))
    expect(page.locator("h1")).to_contain_text("Красный шёлк")
    expect(page.locator(".badge--draft")).to_be_visible()

    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_role("button", name="Unpublish")).to_be_visible()
    expect(page.locator(".badge--draft")).to_have_count(0)

    anonymous = browser.new_context(locale="en-US").new_page()
    try:
        anonymous.goto(f"{live_server.url}/titles/?q=hong+si+chou")
        cards = anonymous.locator("[data-testid=title-card]")
        expect(cards).to_have_count(1)
        expect(cards.first).to_contain_text("Красный шёлк")
    finally:
        anonymous.context.close()
