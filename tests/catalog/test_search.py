"""The multilingual search on a real database (SQLite FTS5 or PostgreSQL pg_trgm)."""

import pytest

from cinebridge.catalog.selectors import SearchFilters, catalog_search
from tests.factories import make_title

pytestmark = pytest.mark.django_db


def keys(text, user=None, **filters):
    return [
        h.key
        for h in catalog_search(user=user, text=text, filters=SearchFilters(**filters)).title_hits
    ]


@pytest.fixture
def catalog(studio, nu_pogodi):
    chang_an = make_title(
        studio,
        kind="animation",
        original_title="长安三万里",
        original_language="zh-Hans",
        year=2023,
        countries=["CN"],
        localised_titles=[("en", "Chang'an")],
    )
    southern = make_title(
        studio,
        original_title="Đất rừng phương Nam",
        original_language="vi",
        year=2023,
        countries=["VN"],
        localised_titles=[("en", "Song of the South")],
        versions=[("ru", "dub")],
    )
    hedgehog = make_title(
        studio,
        kind="animation",
        original_title="Ёжик в тумане",
        year=1975,
        localised_titles=[("en", "Hedgehog in the Fog")],
    )
    return {"nu": nu_pogodi, "changan": chang_an, "south": southern, "hedgehog": hedgehog}


@pytest.mark.parametrize(
    "query",
    [
        "nu pogodi",
        "Nu, Pogodi!",
        "НУ, ПОГОДИ",
        "ну погоди",
        "nupogodi",
        "well just you wait",
        "này đợi đấy",
        "nay doi day",
        "兔子",
        "兔子，等著瞧",
        "tuzi deng zhe qiao",
    ],
)
def test_finds_well_just_you_wait_in_every_script(catalog, query):
    assert keys(query)[0] == catalog["nu"].pk


@pytest.mark.parametrize(
    "query",
    ["长安三万里", "長安三萬里", "changan", "chang an", "Chang'an San Wan Li", "changansanwanli"],
)
def test_finds_chinese_by_characters_and_pinyin(catalog, query):
    assert keys(query) == [catalog["changan"].pk]


@pytest.mark.parametrize("query", ["Đất rừng phương Nam", "dat rung phuong nam", "DAT RUNG"])
def test_vietnamese_with_or_without_diacritics(catalog, query):
    assert keys(query) == [catalog["south"].pk]


@pytest.mark.parametrize("query", ["yozhik v tumane", "ezhik", "jozik", "Ëžik v tumane", "iozhik"])
def test_any_common_transliteration(catalog, query):
    assert keys(query) == [catalog["hedgehog"].pk]


def test_forgives_a_typo_and_says_so(catalog):
    result = catalog_search(user=None, text="hedgehgo")
    assert [h.key for h in result.title_hits] == [catalog["hedgehog"].pk]
    assert result.typo_corrected and result.title_hits[0].typos == 1


def test_exact_title_first(studio, catalog):
    longer = make_title(studio, original_title="Ну, погоди! Выпуск 20", popularity=1000)
    assert keys("ну, погоди!")[:2] == [catalog["nu"].pk, longer.pk]


def test_filters(catalog):
    assert keys("", kind="animation") == []  # an empty query is browsing, not searching
    assert set(keys("a", kind="animation")) <= {
        catalog["nu"].pk,
        catalog["changan"].pk,
        catalog["hedgehog"].pk,
    }
    assert keys("nam", country="VN") == [catalog["south"].pk]
    assert keys("nam", country="RU") == []
    assert keys("pogodi", version_language="vi") == [catalog["nu"].pk]
    assert keys("pogodi", version_language="vi", version_kind="dub") == []
    assert keys("south", year_from=2020, year_to=2024) == [catalog["south"].pk]
    assert keys("pogodi", genre="comedy") == [catalog["nu"].pk]


def test_people_are_found_by_any_script(catalog):
    for query in ("Котёночкин", "kotenochkin", "Kotyonochkin", "vyacheslav"):
        result = catalog_search(user=None, text=query)
        assert [p.key for p in result.person_hits] == [catalog["nu"].credits.get().person_id]


def test_drafts_are_found_only_by_their_owners(draft, studio_sales, outsider):
    assert keys("secret project") == []
    assert keys("secret project", user=outsider) == []
    assert keys("secret project", user=studio_sales) == [draft.pk]


def test_a_transposed_letter_is_one_typo(catalog):
    result = catalog_search(user=None, text="well, just you wiat")
    assert [h.key for h in result.title_hits] == [catalog["nu"].pk]
    assert result.typo_corrected and result.title_hits[0].typos == 1


@pytest.fixture
def ming_titles(studio):
    return [
        make_title(studio, original_title=name, original_language="zh-Hans", year=2020)
        for name in ("明月几时有", "黎明之前", "光明大道", "明天会更好")
    ]


def test_two_words_never_correct_onto_one(catalog, ming_titles):
    # "long" is one edit from "song", "bing" from "ming": but "song" and "ming" are the
    # other word of the query, typed as is, so neither query names a title of the catalog.
    assert keys("song") == [catalog["south"].pk]
    assert len(keys("ming")) == len(ming_titles)
    assert keys("long song") == []
    assert keys("bing ming") == []


def test_a_word_of_the_catalog_is_not_corrected(studio, catalog):
    # 漫长的灯笼 is "man chang de deng long": "long" is one of its words and "song" (skeleton
    # "seng") one edit from "deng"; both words are in the catalog as typed, so neither is
    # taken for a typo and "long song" names nothing.
    lantern = make_title(studio, original_title="漫长的灯笼", original_language="zh-Hans")
    assert keys("long") == [lantern.pk]
    assert keys("long song") == []
    result = catalog_search(user=None, text="long sogn")
    assert [h.key for h in result.title_hits] == [] and not result.typo_corrected


@pytest.mark.parametrize(
    ("title", "queries"),
    [
        ("长安三万里", ["chang an", "zhang an", "zhangan"]),
        ("长津湖", ["chang jin hu", "changjinhu", "zhang jin hu"]),
        ("重紫", ["chong zi", "zhong zi"]),
        ("行尸走肉", ["xing shi zou rou", "hang shi zou rou"]),
    ],
)
def test_a_polyphonic_character_is_found_by_each_reading(studio, title, queries):
    # no English title to fall back on: the pinyin reading typed must find it by itself
    made = make_title(studio, original_title=title, original_language="zh-Hans")
    for query in queries:
        result = catalog_search(user=None, text=query)
        assert [h.key for h in result.title_hits] == [made.pk], query
        assert not result.typo_corrected, query  # found as typed, not as a typo of "cang"


def test_a_skeleton_only_match_ranks_below_the_title_the_query_names(studio):
    # The skeleton of "jin" is "in": a popular documentary titled with the word "in" tied
    # with 金 (pinyin "jin") and won on popularity.
    gold = make_title(studio, original_title="金", original_language="zh-Hans")
    documentary = make_title(studio, kind="documentary", original_title="In", popularity=1000)
    hits = catalog_search(user=None, text="jin").title_hits
    assert [h.key for h in hits] == [gold.pk, documentary.pk]
    assert hits[0].tier < hits[1].tier


def test_the_language_filter_matches_by_script_and_region_as_the_avails_do(studio, catalog):
    taiwan = make_title(
        studio, original_title="Taiwan cut", versions=[{"language": "zh-TW", "kind": "subtitles"}]
    )
    mainland = make_title(
        studio,
        original_title="Mainland cut",
        versions=[{"language": "zh-Hans", "kind": "subtitles"}],
    )
    assert keys("cut", version_language="zh-Hant") == [taiwan.pk]  # zh-TW is Traditional
    assert keys("cut", version_language="zh-Hans") == [mainland.pk]
    assert keys("cut", version_language="zh-CN") == []  # no version names mainland China
    assert set(keys("cut", version_language="zh")) == {taiwan.pk, mainland.pk}
