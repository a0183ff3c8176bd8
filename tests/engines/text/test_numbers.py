"""number_variants: numbers in names as digits, words and ordinals, in en, ru, vi and zh."""

import cn2an
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from num2words import num2words

from cinebridge.engines.text.normalise import fold
from cinebridge.engines.text.numbers import MAX_VARIANTS, _english, number_variants


def variants(name: str) -> tuple[str, ...]:
    return number_variants(fold(name))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Тридцать три", ["33", "thirty three", "ba muoi ba", "三十三"]),
        ("9 рота", ["девять рота", "nine рота", "chin рота", "九 рота"]),
        ("Ocean's Eleven", ["oceans 11", "oceans одиннадцать", "oceans 十一"]),
        ("Apollo 13", ["apollo thirteen", "apollo тринадцать", "apollo muoi ba", "apollo 十三"]),
        ("Rocky II", ["rocky 2", "rocky two", "rocky два"]),
        ("Louis XIV", ["louis 14", "louis fourteen"]),
        ("Final Fantasy XI", ["final fantasy 11"]),
        (
            "1917",
            [
                "one thousand nine hundred and seventeen",
                "одна тысяча девятьсот семнадцать",
                "mot nghin chin tram muoi bay",
                "一千九百一十七",
                "nineteen seventeen",
                "тысяча девятьсот семнадцатыи",
                "一九一七",
            ],
        ),
        ("三十三", ["33", "thirty three", "тридцать три"]),
        ("第三", ["第3", "third", "третии", "thu ba"]),
        ("第3集", ["第三集", "third 集"]),
        ("長安三萬里", ["长安30000里"]),
        ("一千零一夜", ["1001夜"]),
        ("一九四二", ["1942", "nineteen forty two"]),
        ("The Third Man", ["the 3rd man", "the третии man", "the thu ba man", "the 第三 man"]),
        ("Третья планета", ["3 планета", "third планета"]),
        ("3-я планета", ["третья планета", "third планета"]),  # the case form is kept
        ("Двадцать две", ["22"]),
        ("Тысяча девятьсот семнадцать", ["1917"]),
        ("One Hundred and One Dalmatians", ["101 dalmatians"]),
        ("Nineteen Eighty-Four", ["1984"]),
        ("Ba mươi ba", ["33", "thirty three"]),
        ("Thứ ba", ["thu 3", "third"]),
        ("2nd Chance", ["second chance", "второи chance"]),
        ("Thứ 4", ["thu tu"]),
    ],
)
def test_examples(name: str, expected: list[str]) -> None:
    found = variants(name)
    for variant in expected:
        assert variant in found, (variant, found)


@pytest.mark.parametrize(
    "name",
    [
        "Mimino",
        "Love Story",
        "Hai Phượng",  # hai: two, comedy, sea; a lone Vietnamese number word never converts
        "Mười",
        "Ba và con",
        "Nam",
        "Одна любовь",  # одна/один: also "alone" (Один дома)
        "Один дома",
        "Xi Jinping",  # xi only as the last token
        "I, Robot",  # never a lone letter
        "Henry V",
        "千与千寻",  # a lone 千 is not a number
        "统一",
        "万一",
        "三三两两",
        "007",  # leading zero
        "mp3",  # digits glued to letters
        "",
    ],
)
def test_no_number(name: str) -> None:
    assert variants(name) == ()


def test_many_numbers_are_bounded() -> None:
    found = variants("1 2 3 4 5 6 7 8 9 1917 ii three")
    assert 0 < len(found) <= MAX_VARIANTS
    assert found[0] == "1 2 3 4 5 6 7 8 9 1917 2 3"


def _english_ordinal_digits(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


numbers = st.integers(min_value=0, max_value=9999)


@settings(max_examples=100, deadline=None)
@given(numbers)
def test_words_to_digits(n: int) -> None:
    """The folded num2words of n in each language (the reference) converts back to n."""
    assert str(n) in number_variants(fold(num2words(n, lang="en")))
    assert _english_ordinal_digits(n) in number_variants(
        fold(num2words(n, lang="en", to="ordinal"))
    )
    if n != 1:  # "один": also "alone"
        assert str(n) in number_variants(fold(num2words(n, lang="ru")))
    assert str(n) in number_variants(fold(num2words(n, lang="ru", to="ordinal")))
    vietnamese = fold(num2words(n, lang="vi"))
    if " " in vietnamese:  # a lone Vietnamese number word does not convert
        assert str(n) in number_variants(vietnamese)
    chinese = str(cn2an.an2cn(str(n)))
    if len(chinese) > 1:  # nor a lone Chinese numeral without 第
        assert str(n) in number_variants(chinese)
    assert f"第{n}" in number_variants(f"第{chinese}")


@settings(max_examples=100, deadline=None)
@given(numbers)
def test_digits_to_words(n: int) -> None:
    found = number_variants(str(n))
    assert fold(num2words(n, lang="en")) in found
    assert fold(num2words(n, lang="ru")) in found
    assert fold(num2words(n, lang="vi")) in found
    assert str(cn2an.an2cn(str(n))) in found
    assert fold(num2words(n, lang="ru", to="ordinal")) in number_variants(f"{n} и")
    assert fold(num2words(n, lang="en", to="ordinal")) in number_variants(
        _english_ordinal_digits(n)
    )


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=0, max_value=999_999), st.booleans())
def test_english_composition_matches_num2words(n: int, ordinal: bool) -> None:
    assert _english(n, ordinal) == fold(
        num2words(n, lang="en", to="ordinal" if ordinal else "cardinal")
    )


_WORDS = [
    *[
        "1",
        "3",
        "13",
        "33",
        "1917",
        "2046",
        "007",
        "100000",
        "3rd",
        "21st",
        "и",
        "я",
        "thu",
        "第",
        "第3",
        "ii",
        "iv",
        "vi",
        "xi",
        "xiv",
        "i",
        "v",
        "x",
    ],
    *[
        "one",
        "three",
        "third",
        "thirty",
        "and",
        "hundred",
        "thousand",
        "nineteen",
        "eighty",
        "four",
    ],
    *["три", "третья", "тридцать", "тысяча", "одна", "один", "две", "сто"],
    *["ba", "hai", "muoi", "mot", "nam", "tram", "nghin", "le"],
    *["三", "三十三", "第三", "一九四二", "万一", "千", "长安三万里"],
    *["rocky", "love", "story", "рота", "планета"],
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=10))
def test_variants_are_folded_distinct_and_bounded(words: list[str]) -> None:
    folded = fold(" ".join(words))
    found = number_variants(folded)
    assert len(found) <= MAX_VARIANTS
    assert len(set(found)) == len(found)
    assert folded not in found
    for variant in found:
        assert fold(variant) == variant
