"""A person in a real browser: sign in, search `nu pogodi`, open the title page."""

import re

import pytest

from tests.factories import PASSWORD, make_title

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seeded(studio, nu_pogodi, outsider):
    make_title(studio, original_title="Ёжик в тумане", kind="animation", year=1975,
               localised_titles=[("en", "Hedgehog in the Fog")])  # fmt: skip
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
    cards = page.locator("[data-testid=title-card]")
    cards.first.wait_for()
    assert cards.count() == 1
    assert "Ну, погоди!" in cards.first.inner_text()
    assert "q=nu+pogodi" in page.url or "q=nu%20pogodi" in page.url

    cards.first.locator("a").first.click()
    page.wait_for_url(re.compile(rf"/titles/{seeded['title'].pk}/"))
    assert page.locator("h1").inner_text().strip() == "Ну, погоди!"
    body = page.content()
    assert "Well, Just You Wait!" in body
    assert "Вячеслав Котёночкин" in body  # trade detail, visible because signed in
    assert "Floor price agreed" not in body  # private to the owner


def test_results_update_as_you_type(page, live_server, seeded):
    page.goto(f"{live_server.url}/titles/")
    page.fill("input[name=q]", "hedgehog")
    page.wait_for_function(
        "document.querySelector('#results') && document.querySelector('#results').innerText.includes('Ёжик')"
    )
    assert "Ну, погоди!" not in page.locator("#results").inner_text()
