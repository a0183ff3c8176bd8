"""What a search means besides its words: a year with the title, the other keyboard layout,
a person's name leading to their titles (catalog/search_intent.py), on a real database."""

import pytest

from cinebridge.catalog.search_intent import TIER_PERSON_WORK
from cinebridge.catalog.selectors import SearchFilters, catalog_search
from tests.factories import make_title

pytestmark = pytest.mark.django_db


def keys(result):
    return [h.key for h in result.title_hits]


@pytest.fixture
def films(studio):
    def film(title, year, **fields):
        return make_title(studio, original_title=title, year=year, **fields)

    danelia = {"role": "director", "name": "Георгий Данелия", "names": [("en", "Georgiy Daneliya")]}
    return {
        "mimino": film("Мимино", 1977, credits=[danelia]),
        "mimino_remake": film("Мимино", 2027),
        "kin": film("Кин-дза-дза!", 1986, credits=[danelia]),
        "autumn": film("Осенний марафон", 1979, credits=[danelia]),
        "year_1917": film("1917", 2019, original_language="en"),
        "privet": film("Привет", 2001),
    }


def test_a_year_typed_with_the_title_narrows_to_that_year(films):
    result = catalog_search(user=None, text="Мимино 1977")
    assert keys(result)[:1] == [films["mimino"].pk]
    assert films["mimino_remake"].pk not in keys(result)
    assert result.year == 1977 and result.year_ignored is None


def test_a_year_no_title_has_is_left_out_rather_than_emptying_the_result(films):
    result = catalog_search(user=None, text="Mimino 1990")
    assert set(keys(result)[:2]) == {films["mimino"].pk, films["mimino_remake"].pk}
    assert result.year is None and result.year_ignored == 1990


def test_a_year_that_is_the_title_is_searched_as_text(films):
    assert keys(catalog_search(user=None, text="1917"))[:1] == [films["year_1917"].pk]
    result = catalog_search(user=None, text="1917 2019")
    assert keys(result) == [films["year_1917"].pk] and result.year == 2019


def test_a_year_filter_set_by_hand_is_kept(films):
    result = catalog_search(user=None, text="Мимино 1977", filters=SearchFilters(year_from=2020))
    assert keys(result) == [] and result.year is None and result.year_ignored is None


@pytest.mark.parametrize(
    ("typed", "meant"), [("ghbdtn", "привет"), ("Vbvbyj", "мимино"), ("vbvbyj 1977", "мимино 1977")]
)
def test_russian_typed_on_the_latin_layout_is_read_as_meant(films, typed, meant):
    result = catalog_search(user=None, text=typed)
    wanted = films["privet"] if meant == "привет" else films["mimino"]
    assert keys(result)[:1] == [wanted.pk]
    assert result.layout_text.lower() == meant
    assert result.query == typed


def test_a_query_that_matches_as_typed_is_not_swapped(films):
    result = catalog_search(user=None, text="привет")
    assert keys(result) == [films["privet"].pk] and result.layout_text == ""


def test_nonsense_in_either_layout_still_finds_nothing(films):
    result = catalog_search(user=None, text="qxzv wkjq")
    assert keys(result) == [] and result.layout_text == ""


@pytest.mark.parametrize("query", ["Данелия", "Georgiy Daneliya", "georgij danelija", "daneliia"])
def test_a_person_named_leads_to_their_titles(films, query):
    result = catalog_search(user=None, text=query)
    expected = {films[k].pk for k in ("mimino", "kin", "autumn")}
    assert set(keys(result)) == expected
    assert {h.tier for h in result.title_hits} == {TIER_PERSON_WORK}
    # found via the person's name that the query matched
    (person,) = result.person_hits
    assert {h.matched_name for h in result.title_hits} == {person.matched_name}
    assert result.people_named == [person.matched_name]
    assert person.matched_name in ("Георгий Данелия", "Georgiy Daneliya")


def test_titles_the_query_matches_rank_before_the_persons_titles(studio, films):
    about = make_title(studio, original_title="Данелия. Фильм о режиссёре", year=2010)
    result = catalog_search(user=None, text="Данелия")
    assert keys(result)[0] == about.pk
    assert len(result.title_hits) == 4 and result.total == 4
    assert [h.key for h in result.title_hits[1:3]] == keys(result)[1:3]


def test_a_first_name_shared_by_many_people_names_nobody(studio):
    for surname in ("Иванов", "Петров", "Сидоров", "Смирнов"):
        make_title(
            studio,
            original_title=f"Фильм {surname}а",
            credits=[{"role": "director", "name": f"Георгий {surname}"}],
        )
    result = catalog_search(user=None, text="Георгий")
    assert keys(result) == [] and result.people_named == []


def test_the_persons_titles_respect_filters_and_visibility(studio, films, outsider, studio_sales):
    hidden = make_title(
        studio,
        original_title="Черновик",
        status="draft",
        credits=[{"role": "director", "name": "Георгий Данелия"}],
    )
    assert hidden.pk not in keys(catalog_search(user=None, text="Данелия"))
    assert hidden.pk not in keys(catalog_search(user=outsider, text="Данелия"))
    assert hidden.pk in keys(catalog_search(user=studio_sales, text="Данелия"))
    narrowed = catalog_search(user=None, text="Данелия", filters=SearchFilters(year_to=1980))
    assert set(keys(narrowed)) == {films["mimino"].pk, films["autumn"].pk}


def test_the_reference_ranking_gives_the_same_titles(films):
    for text in ("Данелия", "Мимино 1977", "ghbdtn"):
        lazy = catalog_search(user=None, text=text)
        full = catalog_search(user=None, text=text, rank_everything=True)
        assert keys(lazy) == keys(full)


def test_the_api_says_what_the_text_was_taken_to_mean(films, studio_sales, outsider):
    from rest_framework.test import APIClient

    def search(text, user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client.get("/api/search/", {"q": text}).json()

    assert search("ghbdtn")["layout_text"] == "привет"
    data = search("Мимино 1977")
    assert data["year"] == 1977 and [t["id"] for t in data["titles"]] == [films["mimino"].pk]
    hidden = make_title(
        films["mimino"].owner,
        original_title="Черновик",
        status="draft",
        credits=[{"role": "director", "name": "Георгий Данелия"}],
    )
    for user, sees_draft in ((None, False), (outsider, False), (studio_sales, True)):
        data = search("Данелия", user)
        ids = {t["id"] for t in data["titles"]}
        assert {films[k].pk for k in ("mimino", "kin", "autumn")} <= ids
        assert (hidden.pk in ids) is sees_draft
        assert data["people_named"] == ["Георгий Данелия"]
    listed = APIClient().get("/api/titles/", {"q": "Данелия"}).json()["results"]
    assert {t["id"] for t in listed} == {films[k].pk for k in ("mimino", "kin", "autumn")}
