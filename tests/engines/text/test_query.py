"""parse_query and substring AND matching against index_text."""

import pytest

from cinebridge.engines.text import (
    QueryTerm,
    index_text,
    parse_query,
    query_matches,
    term_matches,
)
from cinebridge.engines.text.query import year_split

NU_POGODI = ("Ну, погоди!", "Well, Just You Wait!")
VIET_NAM = ("Việt Nam",)
DAT_RUNG = ("Đất rừng phương Nam",)
CHANG_AN = ("长安三万里",)
RED_SILK_HAN = ("紅絲綢",)
RED_SILK = ("Красный шёлк", "Red Silk")
HEDGEHOG = ("Ёжик в тумане", "Hedgehog in the Fog")
UNRELATED = (
    ("Чебурашка",),
    ("Hedgehog in the Fog",),
    ("The Wizard of the Emerald City: Part 1",),
    ("流浪地球",),
)


def matches(query: str, names: tuple[str, ...]) -> bool:
    return query_matches(parse_query(query), index_text(names))


def test_parse_query_makes_one_term_per_folded_token() -> None:
    query = parse_query("  Nu,  POGODI! ")
    assert query.text == "  Nu,  POGODI! "
    assert query.folded == "nu pogodi"
    assert query.compact_skeleton == "nupogodi"
    assert [term.folded for term in query.terms] == ["nu", "pogodi"]
    assert all(term.typo_alternatives == frozenset() for term in query.terms)


def test_a_han_run_is_one_term_with_a_pinyin_skeleton() -> None:
    query = parse_query("長安")
    assert query.terms == (QueryTerm("长安", "cangan", ("长安", "cangan"), frozenset()),)
    assert query.compact_skeleton == "cangan"


def test_a_single_han_character_matches_only_as_itself() -> None:
    (term,) = parse_query("安").terms
    assert term.skeleton == "an"
    assert term.alternatives == ("安",)
    assert matches("安", CHANG_AN)
    assert not matches("安", ("Ivan the Terrible",))


def test_term_alternatives_are_distinct_and_non_empty() -> None:
    (term,) = parse_query("pogodi").terms
    assert term.alternatives == ("pogodi",)
    (term,) = parse_query("Ёжик").terms
    assert term.alternatives == ("ежик", "ezik")


def test_an_empty_query_has_no_terms_and_matches_everything() -> None:
    for text in ("", "   ", "!?"):
        query = parse_query(text)
        assert query.terms == ()
        assert query_matches(query, index_text(NU_POGODI))
        assert query_matches(query, "")


def test_term_matches_any_alternative_as_substring() -> None:
    term = QueryTerm("ежик", "ezik", ("ежик", "ezik"), frozenset())
    assert term_matches(term, "x ezikvtumane y")
    assert term_matches(term, "ежики")
    assert not term_matches(term, "ezi k")


@pytest.mark.parametrize(
    "query",
    [
        "nu pogodi",
        "Nu, Pogodi",
        "NU POGODI",
        "ну погоди",
        "НУ, ПОГОДИ",
        "nupogodi",
        "pogodi",
        "Nu, pogodi!",
        "well just you wait",
        "WAIT",
    ],
)
def test_nu_pogodi_is_found(query: str) -> None:
    assert matches(query, NU_POGODI)


@pytest.mark.parametrize("query", ["Viet Nam", "việt nam", "VIET NAM", "VIỆT NAM", "vietnam"])
def test_viet_nam_is_found_with_or_without_diacritics(query: str) -> None:
    assert matches(query, VIET_NAM)


@pytest.mark.parametrize("query", ["dat rung phuong nam", "Đất rừng phương Nam", "DAT RUNG"])
def test_dat_rung_phuong_nam_is_found(query: str) -> None:
    assert matches(query, DAT_RUNG)


@pytest.mark.parametrize(
    "query",
    [
        "長安三萬里",
        "长安三万里",
        "长安",
        "長安",
        "changan",
        "chang an",
        "Chang'an San Wan Li",
        "chángān",
        "Cháng'ān sān wàn lǐ",
        "CHANGAN",
        "changansanwanli",
    ],
)
def test_chang_an_is_found_by_characters_or_pinyin(query: str) -> None:
    assert matches(query, CHANG_AN)


@pytest.mark.parametrize(
    "query", ["兔子，等著瞧", "兔子 等着瞧", "tuzi deng zhe qiao", "dengzheqiao"]
)
def test_taiwan_variant_characters_are_simplified(query: str) -> None:
    assert matches(query, ("兔子，等着瞧！",))
    assert matches(query, ("兔子，等著瞧！",))


@pytest.mark.parametrize(
    "query", ["红丝绸", "紅絲綢", "hong si chou", "hongsichou", "Hóng sī chóu"]
)
def test_red_silk_in_traditional_characters_is_found(query: str) -> None:
    assert matches(query, RED_SILK_HAN)


@pytest.mark.parametrize(
    "query",
    ["Krasnyy shyolk", "Krasnyj šëlk", "Krasny sholk", "красный шелк", "КРАСНЫЙ ШЁЛК", "red silk"],
)
def test_red_silk_in_any_romanisation_is_found(query: str) -> None:
    assert matches(query, RED_SILK)


@pytest.mark.parametrize(
    "query",
    ["Yozhik v tumane", "Jozhik", "Ezhik v tumane", "Ëžik v tumane", "Iozhik", "ежик", "hedgehog"],
)
def test_hedgehog_in_the_fog_is_found(query: str) -> None:
    assert matches(query, HEDGEHOG)


@pytest.mark.parametrize(
    "query",
    [
        "nu pogodi",
        "Nu, Pogodi",
        "nupogodi",
        "ну погоди",
        "Viet Nam",
        "dat rung phuong nam",
        "长安",
        "changan",
        "chang an",
        "hongsichou",
        "Krasny sholk",
    ],
)
@pytest.mark.parametrize("names", UNRELATED)
def test_unrelated_titles_are_not_found(query: str, names: tuple[str, ...]) -> None:
    assert not matches(query, names)


def test_all_terms_must_match() -> None:
    assert matches("pogodi wait", NU_POGODI)  # terms may match different names of one object
    assert not matches("pogodi silk", NU_POGODI)


def test_a_word_being_typed_matches_as_a_prefix() -> None:
    assert matches("pogo", NU_POGODI)
    assert matches("Tolst", ("Толстой",))
    assert matches("Gorbach", ("Горбачёв",))


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("chang an", "长安三万里"),
        ("zhang an", "长安三万里"),
        ("zhangan", "长安三万里"),
        ("chang jin hu", "长津湖"),
        ("changjinhu", "长津湖"),
        ("zhang jin hu", "长津湖"),
        ("chong zi", "重紫"),
        ("zhong zi", "重紫"),
        ("chong zou chang zheng lu", "重走长征路"),
        ("xing shi zou rou", "行尸走肉"),
        ("hang shi", "行尸走肉"),
        ("yin hang jia", "银行家"),
        ("yinxingjia", "银行家"),
    ],
)
def test_a_polyphonic_character_is_found_by_each_of_its_readings(query: str, title: str) -> None:
    assert matches(query, (title,))


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Мимино 1977", (1977, "мимино")),
        ("1977 Мимино", (1977, "мимино")),
        ("1917 2019", (2019, "1917")),
        ("Ирония судьбы 1975", (1975, "ирония судьбы")),
        ("1977", None),  # a year alone is the title's text ("1917")
        ("Мимино 77", None),
        ("Мимино 3000", None),
        ("Мимино 1869", None),
        ("Мимино ١٩٧٧", None),  # other digits are words of the title
    ],
)
def test_year_split(text, split):
    assert year_split(parse_query(text)) == split
