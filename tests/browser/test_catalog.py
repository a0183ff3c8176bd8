"""A person in a real browser: sign in, search `nu pogodi`, open the title page."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(studio, nu_pogodi, outsider):
    make_title(
        studio,
        original_title="Ёжик в тумане",
        kind="animation",
        year=1975,
        localised_titles=[("en", "Hedgehog in the Fog")],
    )
    return {"title": nu_pogodi, "user": outsider}


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_sign_in_search_and_open_the_title(page, live_server, seeded):
    sign_in(page, live_server, seeded["user"].username)
    assert seeded["user"].username in page.content()

    page.goto(f"{live_server.url}/titles/")
    page.fill("input[name=q]", "nu pogodi")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=nu(\+|%20)pogodi"))
    cards = page.locator("[data-testid=title-card]")
    expect(cards).to_have_count(1)  # waits for the results to be swapped in
    expect(cards.first).to_contain_text("Ну, погоди!")

    cards.first.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/titles/{seeded['title'].pk}/"))
    assert page.locator("h1").inner_text().strip() == "Ну, погоди!"
    body = page.content()
    assert "Well, Just You Wait!" in body
    assert "Вячеслав Котёночкин" in body  # trade detail, visible because signed in
    assert "Floor price agreed" not in body  # private to the owner


def test_results_update_as_you_type(page, live_server, seeded):
    page.goto(f"{live_server.url}/titles/")
    results = page.locator("#results")
    assert "Ну, погоди!" in results.inner_text()  # the unfiltered catalog shows everything
    page.fill("input[name=q]", "hedgehog")
    # htmx swaps the results in place and pushes the query into the address bar: no reload
    page.wait_for_url(re.compile(r"q=hedgehog"))
    page.wait_for_function("!document.querySelector('#results').innerText.includes('Ну, погоди!')")
    assert "Ёжик в тумане" in results.inner_text()
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_one_latin_letter_does_not_search_but_one_chinese_character_does(page, live_server, seeded):
    page.goto(f"{live_server.url}/titles/")
    page.fill("input[name=q]", "h")
    page.wait_for_timeout(800)  # longer than the 300 ms debounce
    assert "q=h" not in page.url
    page.fill("input[name=q]", "安")
    page.wait_for_url(re.compile(r"q=%E5%AE%89"))


def test_typing_then_enter_searches_once_and_back_restores_the_form(page, live_server, seeded):
    page.goto(f"{live_server.url}/titles/")
    searches = []
    page.on("request", lambda request: "q=" in request.url and searches.append(request.url))
    page.fill("input[name=q]", "hedgehog")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=hedgehog"))
    page.wait_for_timeout(800)  # past the 300 ms debounce of the keystrokes
    assert len(searches) == 1, searches  # the debounced keystroke repeats the submit: skipped

    page.fill("input[name=q]", "nu pogodi")
    page.wait_for_url(re.compile(r"q=nu(\+|%20)pogodi"))
    expect(page.locator("[data-testid=title-card]")).to_contain_text(["Ну, погоди!"])
    page.go_back()
    page.wait_for_url(re.compile(r"q=hedgehog"))
    expect(page.locator("input[name=q]")).to_have_value("hedgehog")
    expect(page.locator("[data-testid=title-card]")).to_contain_text(["Ёжик в тумане"])


def test_the_page_says_what_a_mistyped_query_was_taken_to_mean(page, live_server, seeded):
    page.goto(f"{live_server.url}/titles/?q=Ye%3F+gjujlb")  # "Ну, погоди" on the Latin layout
    expect(page.locator("[data-testid=layout-notice]")).to_contain_text("Ну, погоди")
    expect(page.locator("[data-testid=title-card]").first).to_contain_text("Ну, погоди!")
    page.goto(f"{live_server.url}/titles/?q=kotenochkin")  # the director leads to his work
    expect(page.locator("[data-testid=people-notice]")).to_contain_text("Котёночкин")
    expect(page.locator("[data-testid=title-card]")).to_have_count(1)
    page.goto(f"{live_server.url}/titles/?q=%D0%81%D0%B6%D0%B8%D0%BA+1975")  # Ёжик 1975
    expect(page.locator("[data-testid=year-notice]")).to_contain_text("1975")
