"""fold, romanise, skeleton and index_text on hand-picked names."""

import pytest

from cinebridge.engines.text import fold, index_text, romanise, skeleton
from cinebridge.engines.text.normalise import MAX_OTHER_READINGS, readings


def skeleton_tokens(text: str) -> list[str]:
    return [skeleton(token) for token in romanise(fold(text)).split()]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Việt Nam", "viet nam"),
        ("ĐẤT RỪNG PHƯƠNG NAM", "dat rung phuong nam"),
        ("Ну, погоди!", "ну погоди"),
        ("НУ, ПОГОДИ!", "ну погоди"),
        ("Ёжик в тумане", "ежик в тумане"),
        ("Straße", "strasse"),
        ("chang'an", "changan"),
        ("d'Artagnan", "dartagnan"),
        ("It’s", "its"),
        ("Ilʹich", "ilich"),
        ("podʺezd", "podezd"),
        ("d´Artagnan", "dartagnan"),
        ("長安三萬里", "长安三万里"),
        ("兔子，等著瞧！", "兔子 等着瞧"),  # Taiwan/Hong Kong 著 for 着, which t2s keeps
        ("著名導演", "著名导演"),  # but 著 "famous" stays
        ("衞生", "卫生"),  # Hong Kong variant
        ("chángān", "changan"),
        ("ＡＢＣ１２３", "abc123"),
        ("ΑΘΗΝΑ", "αθηνα"),
        ("  Well,\tJust\nYou   Wait!  ", "well just you wait"),
        ("Ëžik", "ezik"),
        ("İstanbul ıstanbul", "istanbul istanbul"),
        ("!!!", ""),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ポケモン", "ポケモン"),  # the voicing mark makes ポ (po) a different letter from ホ (ho)
        ("नमस्ते", "नमस्ते"),  # Devanagari vowel signs and virama are letters, not accents
        ("שָׁלוֹם", "שלום"),  # Hebrew points are optional vowel marks
        ("مَرْحَبًا", "مرحبا"),  # so are Arabic harakat
        ("t͡s", "ts"),  # ALA-LC ligature tie
    ],
)
def test_fold_strips_accents_but_keeps_marks_that_are_letters(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_the_script() -> None:
    assert fold("Красный Шёлк") == "красныи шелк"
    assert fold("Сказка") == "сказка"


@pytest.mark.parametrize(
    ("folded", "romanised"),
    [
        ("长安三万里", "chang an san wan li"),
        ("abc长安def", "abc chang an def"),
        ("红丝绸", "hong si chou"),
        ("绿", "lu"),
        ("ну погоди", "nu pogodi"),
        ("ильич", "ilich"),
        ("viet nam", "viet nam"),
        ("αθηνα", "athina"),
        ("", ""),
    ],
)
def test_romanise(folded: str, romanised: str) -> None:
    assert romanise(folded) == romanised


@pytest.mark.parametrize(
    ("token", "key"),
    [
        ("shchuka", "suka"),
        ("schuka", "suka"),
        ("tchaikovsky", "caikovski"),
        ("zhuk", "zuk"),
        ("khan", "han"),
        ("chai", "cai"),
        ("tsar", "car"),
        ("tzar", "car"),
        ("shuba", "suba"),
        ("philip", "filip"),
        ("maxim", "maksim"),
        ("walter", "valter"),
        ("qing", "qing"),
        ("yolka", "elka"),
        ("yelena", "elena"),
        ("yama", "ama"),
        ("yurii", "uri"),
        ("iulia", "ula"),
        ("moy", "moi"),
        ("sholk", "selk"),
        ("anna", "ana"),
        ("1812", "1812"),
        ("", ""),
    ],
)
def test_skeleton_rules(token: str, key: str) -> None:
    assert skeleton(token) == key


@pytest.mark.parametrize(
    "spellings",
    [
        # «Ёжик в тумане»: BGN, scientific, ICAO, ISO 9 (folded), ALA-LC-like
        [
            "Yozhik v tumane",
            "Jozhik v tumane",
            "Ezhik v tumane",
            "Ëžik v tumane",
            "Iozhik v tumane",
            "Ёжик в тумане",
        ],
        ["Tolstoy", "Tolstoi", "Tolstoj", "Толстой"],
        ["Dostoevsky", "Dostoyevsky", "Dostoevskiy", "Dostoevskij", "Dostoevskii", "Достоевский"],
        ["Cheburashka", "Čeburaška", "Tcheburashka", "Чебурашка"],
        ["Krasnyy shyolk", "Krasnyj šëlk", "Krasny sholk", "Krasnyi shelk", "Красный шёлк"],
        ["Gorbachev", "Gorbachyov", "Gorbachov", "Gorbačëv", "Gorbatchev", "Горбачёв"],
        ["Nu, pogodi!", "Ну, погоди!"],
        ["Mariya", "Mariia", "Marija", "Mariâ", "Мария"],
        ["Yuriy", "Jurij", "Iurii", "Ûrij", "Юрий"],
        ["Tsoy", "Coj", "Tsoi", "Цой"],
        ["Khrushchev", "Khrushchyov", "Hruŝëv", "Хрущёв"],
        ["Podyezd", "Podʺezd", "Podieezd", "Подъезд"],
    ],
)
def test_skeleton_unites_romanisations(spellings: list[str]) -> None:
    keys = {tuple(skeleton_tokens(spelling)) for spelling in spellings}
    assert len(keys) == 1, keys


def test_index_text_of_a_russian_title() -> None:
    # then the compacts of the other schemes' spellings (variants.py): French "nou pogodi"
    assert index_text(["Ну, погоди!"]) == "ну погоди nu pogodi nupogodi noupogodi"


def test_index_text_of_a_chinese_title_holds_characters_pinyin_and_compact() -> None:
    # the pinyin readings, then (variants.py) the compacts of the Cantonese (Jyutping,
    # Hong Kong) and Sino-Vietnamese readings and of the number 三万 as digits and as words
    assert index_text(["長安三萬里"]) == (
        "长安三万里 cang an san van li zang mo cangansanvanli zangansanvanli cangansanmoli "
        "coengonsaammaanlei cheungonsammanlei truongantamvanlia cangan30li "
        "canganthirtithousandli cangantridcatisacli cangantridcattisacli "
        "canganbamuoinghinli"
    )


def test_index_text_adds_joined_token_skeletons_when_they_differ() -> None:
    # skeleton("xian") glides i+a, the per-syllable skeletons do not.
    # then the compacts of Wade-Giles (hsi an), Jyutping (sai on), Sino-Vietnamese (tay an)
    assert index_text(["西安"]) == "西安 ksi an ksan ksian hsian saion tayan"


def test_index_text_separates_names_and_drops_repeats() -> None:
    assert index_text(["Mira", "Mira", "Мира"]) == "mira | мира mira"
    assert index_text(["Nu nu"]) == "nu nunu"


def test_index_text_skips_names_without_letters() -> None:
    assert index_text(["!!!", "", "Mira"]) == "mira"
    assert index_text([]) == ""


def test_index_text_is_deterministic() -> None:
    names = ["Ну, погоди!", "Well, Just You Wait!", "長安三萬里"]
    assert index_text(names) == index_text(list(names))


def test_readings_put_the_phrase_reading_first_then_each_other_reading_of_a_character() -> None:
    # pypinyin's phrase dictionary lacks 长津湖 and reads 长 "zhang"; people type "chang".
    assert readings("长津湖") == ("zhang jin hu", "chang jin hu")
    assert readings("长安三万里") == (
        "chang an san wan li",
        "zhang an san wan li",
        "chang an san mo li",
    )
    assert readings("ну погоди") == ("nu pogodi",)
    assert readings("重紫 2") == ("zhong zi 2", "chong zi 2", "tong zi 2")


def test_readings_of_a_long_title_are_bounded() -> None:
    title = "长重行" * 20
    assert len(readings(fold(title))) == 1 + MAX_OTHER_READINGS
    # every other reading of every character still reaches the index, word by word
    text = index_text([title])
    assert {"zang", "cang", "ceng", "zeng", "ksing", "hang"} <= set(text.split())


def test_index_text_holds_every_reading_of_a_polyphonic_character() -> None:
    # (then the other systems' readings: Wade-Giles, Jyutping, Sino-Vietnamese)
    assert index_text(["长津湖"]) == (
        "长津湖 zang in hu cang zanginhu canginhu changchinhu coengzeonwu cheungtsunwu"
    )
