"""The server-rendered pages: who sees what, htmx fragments, translations, search box."""

from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from cinebridge.catalog.services import title_create
from cinebridge.catalog.specs import title_spec_from_raw
from cinebridge.organisations import services as org_services
from tests.query_counts import assert_queries_do_not_grow_with_rows

PASSWORD = "a-long-test-password"
LIST_URL = "/titles/"


def _title(owner, **raw):
    fields = {"kind": "feature", "original_language": "ru", "status": "published"}
    fields.update(raw)
    return title_create(actor=None, owner=owner, spec=title_spec_from_raw(fields))


@pytest.fixture
def soyuzmultfilm(db):
    return org_services.organisation_create(
        actor=None, name="Soyuzmultfilm", name_local="Союзмультфильм", kind="studio", country="RU"
    )


@pytest.fixture
def vtv(db):
    return org_services.organisation_create(
        actor=None,
        name="Vietnam Television",
        name_local="Đài Truyền hình Việt Nam",
        kind="broadcaster",
        country="VN",
    )


@pytest.fixture
def smf_member(soyuzmultfilm):
    user = org_services.user_create(username="smf-sales", password=PASSWORD)
    org_services.membership_add(actor=None, organisation=soyuzmultfilm, user=user, role="sales")
    return user


@pytest.fixture
def vtv_member(vtv):
    user = org_services.user_create(username="vtv-buyer", password=PASSWORD)
    org_services.membership_add(actor=None, organisation=vtv, user=user, role="acquisitions")
    return user


@pytest.fixture
def published(soyuzmultfilm):
    return _title(
        soyuzmultfilm,
        kind="animation",
        original_title="Ну, погоди!",
        year=1969,
        runtime_minutes=10,
        countries=["RU"],
        genres=["comedy", "family"],
        localised_titles=[
            {"language": "en", "text": "Well, Just You Wait!"},
            {"language": "vi", "text": "Này, đợi đấy!"},
            {"language": "zh-Hans", "text": "兔子，等着瞧"},
        ],
        synopses=[
            {"language": "en", "text": "A wolf keeps chasing a hare, and keeps failing."},
            {"language": "ru", "text": "Волк гоняется за зайцем."},
        ],
        credits=[
            {
                "role": "director",
                "name": "Вячеслав Котёночкин",
                "names": [("en", "Vyacheslav Kotyonochkin")],
            },
            {"role": "voice", "name": "Анатолий Папанов", "character": "Волк"},
        ],
        versions=[{"language": "vi", "kind": "dub"}, {"language": "en", "kind": "subtitles"}],
        assets=[
            {"kind": "trailer", "url": "https://media.example.org/trailer/nu-pogodi"},
            {"kind": "screener", "url": "https://media.example.org/screener/nu-pogodi-s3cret"},
            {"kind": "press_kit", "url": "https://media.example.org/press/nu-pogodi.pdf"},
        ],
        episodes=[
            {
                "season": 1,
                "number": 1,
                "original_title": "Выпуск 1",
                "english_title": "Episode 1",
                "runtime_minutes": 10,
            }
        ],
        internal_notes="Floor price agreed with Roskino",
        asking_price="25000",
        asking_currency="USD",
        reference="SMF-0001",
    )


@pytest.fixture
def draft(soyuzmultfilm):
    return _title(
        soyuzmultfilm,
        status="draft",
        original_title="Секретный проект",
        localised_titles=[{"language": "en", "text": "Secret Project"}],
    )


def _cards(response) -> int:
    return response.content.decode().count('data-testid="title-card"')


# The catalog list


@pytest.mark.django_db
def test_catalog_lists_a_published_title(client, published):
    response = client.get(LIST_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ну, погоди!" in body
    assert "Well, Just You Wait!" in body  # the English title in the English UI
    assert f'href="/titles/{published.pk}/"' in body
    assert 'id="results"' in body and 'name="q"' in body
    assert "1 title" in body


@pytest.mark.django_db
def test_catalog_works_without_javascript_as_a_get_form(client, published):
    body = client.get(LIST_URL).content.decode()
    assert 'method="get"' in body
    assert 'type="submit"' in body
    assert 'hx-get="/titles/"' in body and 'hx-target="#results"' in body
    assert "/static/vendor/htmx.min.js" in body
    assert "https://" not in body.split("<body")[0]  # nothing in <head> comes from the internet


def test_the_stylesheet_and_htmx_are_served_from_our_own_static_files():
    # cinebridge/static/ is not an app's static folder: settings must list it in STATICFILES_DIRS.
    assert finders.find("css/cinebridge.css") is not None
    assert finders.find("vendor/htmx.min.js") is not None


@pytest.mark.django_db
def test_a_draft_is_hidden_from_anonymous_visitors(client, published, draft):
    body = client.get(LIST_URL).content.decode()
    assert "Секретный проект" not in body
    assert _cards(client.get(LIST_URL)) == 1
    assert client.get(f"/titles/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_draft_is_hidden_from_members_of_other_organisations(
    client, published, draft, vtv_member
):
    client.force_login(vtv_member)
    assert "Секретный проект" not in client.get(LIST_URL).content.decode()
    assert client.get(f"/titles/{draft.pk}/").status_code == 404


@pytest.mark.django_db
def test_the_owners_member_sees_the_draft_with_a_badge(client, published, draft, smf_member):
    client.force_login(smf_member)
    body = client.get(LIST_URL).content.decode()
    assert "Секретный проект" in body
    assert _cards(client.get(LIST_URL)) == 2
    response = client.get(f"/titles/{draft.pk}/")
    assert response.status_code == 200
    assert "badge--draft" in response.content.decode()


@pytest.mark.django_db
def test_htmx_request_gets_the_results_fragment_only(client, published):
    response = client.get(LIST_URL, {"q": "pogodi"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'name="q"' not in body  # the form is not re-sent
    assert 'data-testid="title-card"' in body
    assert "Ну, погоди!" in body


@pytest.mark.django_db
def test_filters_narrow_the_list(client, published, soyuzmultfilm):
    _title(
        soyuzmultfilm,
        original_title="Красный шёлк",
        kind="feature",
        year=2025,
        countries=["RU", "CN"],
    )
    body = client.get(LIST_URL, {"kind": "feature"}).content.decode()
    assert "Красный шёлк" in body and "Ну, погоди!" not in body
    body = client.get(LIST_URL, {"country": "CN"}).content.decode()
    assert "Красный шёлк" in body and "Ну, погоди!" not in body
    assert "China" in body  # country names shown on the card


@pytest.mark.django_db
def test_invalid_filters_are_reported(client, published):
    body = client.get(LIST_URL, {"year_from": "2000", "year_to": "1990"}).content.decode()
    assert "The first year must not be after the last." in body


@pytest.mark.django_db
def test_the_list_does_not_query_once_per_card(client, soyuzmultfilm):
    def add_titles(numbers):
        for n in numbers:
            _title(
                soyuzmultfilm,
                original_title=f"Фильм {n}",
                countries=["RU"],
                localised_titles=[{"language": "en", "text": f"Film {n}"}],
                assets=[{"kind": "poster", "url": f"https://media.example.org/poster/{n}.jpg"}],
            )

    # 12 and 24 cards: both fit on the first page
    assert (
        assert_queries_do_not_grow_with_rows(add_titles, lambda: client.get(LIST_URL), n=12) <= 12
    )
    response = client.get(LIST_URL)
    assert _cards(response) == 24
    assert "https://media.example.org/poster/23.jpg" in response.content.decode()


@pytest.mark.django_db
def test_pagination_keeps_the_query(client, soyuzmultfilm):
    for n in range(26):
        _title(soyuzmultfilm, original_title=f"Мультфильм {n:02d}", kind="animation")
    response = client.get(LIST_URL, {"kind": "animation"})
    assert _cards(response) == 24
    body = response.content.decode()
    assert "?kind=animation&amp;page=2" in body
    assert _cards(client.get(LIST_URL, {"kind": "animation", "page": 2})) == 2


# Search


@pytest.mark.django_db
def test_search_box_finds_a_cyrillic_title_typed_in_latin(client, published, soyuzmultfilm):
    _title(soyuzmultfilm, original_title="Ёжик в тумане", kind="animation", year=1975)
    response = client.get(LIST_URL, {"q": "nu pogodi"})
    assert response.status_code == 200
    body = response.content.decode()
    assert _cards(response) == 1
    assert "Ну, погоди!" in body
    assert "Ёжик в тумане" not in body


@pytest.mark.django_db
def test_search_shows_the_name_a_title_was_found_by(client, published):
    body = client.get(LIST_URL, {"q": "兔子"}).content.decode()
    assert "Ну, погоди!" in body
    assert "found via" in body and "兔子，等着瞧" in body


@pytest.mark.django_db
def test_typo_corrections_are_announced(client, soyuzmultfilm):
    _title(
        soyuzmultfilm,
        original_title="Ёжик в тумане",
        localised_titles=[{"language": "en", "text": "Hedgehog in the Fog"}],
    )
    body = client.get(LIST_URL, {"q": "hedgehg fog"}).content.decode()
    assert 'data-testid="typo-notice"' in body
    assert "Ёжик в тумане" in body
    body = client.get(LIST_URL, {"q": "hedgehog fog"}).content.decode()
    assert 'data-testid="typo-notice"' not in body


@pytest.mark.django_db
def test_search_lists_matching_people(client, published):
    body = client.get(LIST_URL, {"q": "Kotyonochkin"}).content.decode()
    assert "People" in body
    person_url = reverse("catalog:person-detail", args=[published.credits.first().person_id])
    assert person_url in body


# The title page


@pytest.mark.django_db
def test_anonymous_visitor_sees_the_public_side_only(client, published):
    response = client.get(f"/titles/{published.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1" in body and "Ну, погоди!" in body
    assert "https://media.example.org/trailer/nu-pogodi" in body
    assert "A wolf keeps chasing a hare" in body  # synopsis in the UI language
    assert "Comedy" in body and "Russia" in body
    assert "Sign in to see credits, versions and screeners" in body
    assert "Вячеслав Котёночкин" not in body
    assert "Анатолий Папанов" not in body
    assert "screener/nu-pogodi-s3cret" not in body
    assert "press/nu-pogodi.pdf" not in body
    assert 'data-testid="versions"' not in body
    assert "Floor price agreed" not in body
    assert "25,000" not in body


@pytest.mark.django_db
def test_trade_user_sees_credits_and_screeners_but_not_private_fields(
    client, published, vtv_member
):
    client.force_login(vtv_member)
    body = client.get(f"/titles/{published.pk}/").content.decode()
    assert "Вячеслав Котёночкин" in body
    assert "Vyacheslav Kotyonochkin" in body  # the name in another script
    assert "Волк" in body  # the voiced character
    assert "https://media.example.org/screener/nu-pogodi-s3cret" in body
    assert "https://media.example.org/press/nu-pogodi.pdf" in body
    assert 'data-testid="versions"' in body and "Vietnamese" in body
    assert "Выпуск 1" in body  # episodes table
    assert "Sign in to see credits" not in body
    assert "Floor price agreed" not in body
    assert "25,000" not in body
    assert "SMF-0001" not in body
    assert 'data-testid="owner-panel"' not in body


@pytest.mark.django_db
def test_owners_member_sees_notes_price_and_history(client, published, smf_member):
    client.force_login(smf_member)
    body = client.get(f"/titles/{published.pk}/").content.decode()
    assert 'data-testid="owner-panel"' in body
    assert "Floor price agreed with Roskino" in body
    assert "$25,000.00" in body
    assert "SMF-0001" in body
    assert 'data-testid="history"' in body and "title.create" in body


@pytest.mark.django_db
def test_person_page_lists_credits(client, published):
    person = published.credits.get(role="director").person
    response = client.get(f"/people/{person.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Вячеслав Котёночкин" in body and "Vyacheslav Kotyonochkin" in body
    assert f'href="/titles/{published.pk}/"' in body
    assert "Director" in body and "1969" in body


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client, db):
    response = client.get("/titles/999999/")
    assert response.status_code == 404
    assert "This page is not in the catalog" in response.content.decode()


# Organisations and the header


@pytest.mark.django_db
def test_organisation_directory_and_profile(client, published, draft, soyuzmultfilm, vtv):
    body = client.get("/organisations/").content.decode()
    assert "Soyuzmultfilm" in body and "Союзмультфильм" in body
    assert "Vietnam Television" in body and "Vietnam" in body and "Broadcaster" in body

    body = client.get(f"/organisations/{soyuzmultfilm.slug}/").content.decode()
    assert "Ну, погоди!" in body
    assert "Секретный проект" not in body
    assert "1 title" in body
    assert 'data-testid="members"' not in body


@pytest.mark.django_db
def test_members_table_is_for_members_only(client, soyuzmultfilm, smf_member, vtv_member):
    client.force_login(vtv_member)
    assert "smf-sales" not in client.get(f"/organisations/{soyuzmultfilm.slug}/").content.decode()
    client.force_login(smf_member)
    body = client.get(f"/organisations/{soyuzmultfilm.slug}/").content.decode()
    assert 'data-testid="members"' in body and "smf-sales" in body


@pytest.mark.django_db
def test_header_shows_the_users_organisations_roles_and_a_logout_form(client, smf_member):
    client.force_login(smf_member)
    body = client.get(LIST_URL).content.decode()
    assert "smf-sales" in body
    assert "Soyuzmultfilm" in body and "Sales" in body
    assert '<form action="/logout/" method="post"' in body
    response = client.post("/logout/")
    assert response.status_code == 302
    assert "Sign in" in client.get(LIST_URL).content.decode()


@pytest.mark.django_db
def test_login_page_signs_in(client, smf_member):
    response = client.get("/login/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    response = client.post("/login/", {"username": "smf-sales", "password": PASSWORD})
    assert response.status_code == 302
    response = client.post("/login/", {"username": "smf-sales", "password": "wrong"})
    assert "did not match" in response.content.decode()


# Languages


def _switch(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": LIST_URL})
    assert response.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "catalog", "country", "localised"),
    [
        # No Russian localised title (the original is Russian): the card falls back to English.
        ("ru", "Каталог", "Россия", "Well, Just You Wait!"),
        ("vi", "Danh mục phim", "Nga", "Này, đợi đấy!"),
        ("zh-hans", "片库", "俄罗斯", "兔子，等着瞧"),
    ],
)
def test_the_ui_follows_the_chosen_language(
    client, published, language, catalog, country, localised
):
    _switch(client, language)
    body = client.get(LIST_URL).content.decode()
    assert f'<html lang="{language}">' in body
    assert catalog in body
    assert ">Catalog<" not in body
    assert country in body  # country names from CLDR in the UI language
    assert f'<p class="card__subtitle">{localised}</p>' in body


@pytest.mark.django_db
def test_a_romanisation_does_not_count_as_the_ui_languages_title(client, soyuzmultfilm):
    _title(
        soyuzmultfilm,
        original_title="Ёжик в тумане",
        localised_titles=[
            {"language": "ru-Latn", "text": "Yozhik v tumane", "kind": "romanisation"},
            {"language": "en", "text": "Hedgehog in the Fog"},
        ],
    )
    body = client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<p class="card__subtitle">Hedgehog in the Fog</p>' in body
    assert "Yozhik v tumane" not in body


@pytest.mark.django_db
def test_the_browser_language_is_honoured_and_choices_are_translated(client, published):
    body = client.get(f"/titles/{published.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Мультипликация" in body  # the title kind
    assert "Войдите" in body  # the sign-in box
    assert "Волк гоняется за зайцем." in body  # the Russian synopsis


@pytest.mark.django_db
def test_language_switcher_names_each_language_in_itself(client, db):
    body = client.get(LIST_URL).content.decode()
    for name in ("English", "Русский", "Tiếng Việt", "简体中文"):
        assert name in body
    assert 'action="/i18n/setlang/"' in body
