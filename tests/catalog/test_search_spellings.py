"""Titles and people found by the spellings of other systems (issue 10), on a real database:
Chinese in Wade-Giles, Cantonese and Sino-Vietnamese, tone-numbered pinyin, Russian in
German and French, numbers the other way; literal matches rank first, and a query that
names nothing still finds nothing."""

import pytest

from cinebridge.catalog.selectors import catalog_search
from tests.factories import make_title

pytestmark = pytest.mark.django_db


def keys(text, user=None):
    return [h.key for h in catalog_search(user=user, text=text).title_hits]


@pytest.fixture
def shelf(studio):
    def film(title, language, **fields):
        return make_title(studio, original_title=title, original_language=language, **fields)

    return {
        "journey": film("西遊記", "zh-Hant", year=1986),
        "infernal": film("無間道", "zh-Hant", year=2002),
        "chungking": film("重慶森林", "zh-Hant", year=1994),
        "three_kingdoms": film("三國演義", "zh-Hant", year=1994),
        "thirty_three": film("Тридцать три", "ru", year=1965),
        "apollo": film("Apollo 13", "en", year=1995),
        "ninth": film("9 рота", "ru", year=2005),
        "chekhov": film("Чехов и Ко", "ru", year=1998),
        "khrushchev": film("Хрущёв", "ru", year=2010),
        "vietnamese": film("Tây du ký", "vi", year=2020),
    }


@pytest.mark.parametrize(
    "query",
    [
        "Hsi-yu chi",  # Wade-Giles
        "hsi yu chi",
        "sai jau gei",  # Jyutping
        "sai yau kei",  # Hong Kong spelling
        "xi1 you2 ji4",  # tone numbers
        "xi1you2ji4",
    ],
)
def test_journey_to_the_west_in_every_romanisation(shelf, query):
    assert shelf["journey"].pk in keys(query)


def test_a_vietnamese_reading_finds_the_chinese_title_after_the_literal_one(shelf):
    found = keys("Tây du ký")
    assert found[:2] == [shelf["vietnamese"].pk, shelf["journey"].pk]


@pytest.mark.parametrize(
    ("title", "queries"),
    [
        ("infernal", ["mou gaan dou", "mo kan to", "wu chien tao", "Vô gián đạo"]),
        ("chungking", ["chung hing sam lam", "cung hing sam lam", "chung ching sen lin"]),
        ("three_kingdoms", ["Tam quốc diễn nghĩa", "tam quoc dien nghia", "sam kwok yin yi"]),
    ],
)
def test_hong_kong_films_by_cantonese_and_vietnamese_names(shelf, title, queries):
    for query in queries:
        assert shelf[title].pk in keys(query), query


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("thirty_three", "33"),
        ("thirty_three", "thirty three"),
        ("apollo", "Apollo thirteen"),
        ("apollo", "apollo тринадцать"),
        ("apollo", "apollo trinadtsat"),
        ("ninth", "девять рота"),
        ("ninth", "nine rota"),
    ],
)
def test_numbers_as_digits_or_words(shelf, title, query):
    assert shelf[title].pk in keys(query)


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("chekhov", "Tschechow"),  # German
        ("chekhov", "Tchekhov"),  # French
        ("khrushchev", "Chruschtschow"),
        ("khrushchev", "Khrouchtchev"),
        ("khrushchev", "xruscev"),  # scientific, diacritics dropped
    ],
)
def test_russian_in_german_french_and_scholarly_spellings(shelf, title, query):
    assert keys(query)[:1] == [shelf[title].pk]


@pytest.mark.parametrize(
    "query", ["qxzv wkjq", "44", "Chruschtschow Gorbatschow", "hsi yu chi ma", "mou gaan paris"]
)
def test_queries_that_name_nothing_find_nothing(shelf, query):
    assert keys(query) == []


def test_the_new_spellings_are_typo_corrected_like_the_others(shelf):
    result = catalog_search(user=None, text="Tschechiw")
    assert [h.key for h in result.title_hits][:1] == [shelf["chekhov"].pk]
    assert result.typo_corrected
