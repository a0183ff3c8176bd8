"""Russian names in every scheme's Latin spelling, and text typed on the wrong layout."""

import json
import re
from pathlib import Path

import iuliia
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.engines.text import cyrillic
from cinebridge.engines.text.cyrillic import distinct_skeletons, latin_spellings, layout_swapped
from cinebridge.engines.text.normalise import fold, romanise, skeleton

DATA = Path(cyrillic.__file__).parent / "data"
RUSSIAN_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
SPELLING = re.compile("[a-z0-9]+( [a-z0-9]+)*")


def spelling_in(name: str, scheme: str) -> str:
    """latin_spellings(name)'s spelling in one scheme (through the engine's own path)."""
    per_word = [cyrillic._word_spellings(word.lower()) for word in name.split()]
    index = cyrillic.schema_names().index(scheme)
    return " ".join(spellings[index] for spellings in per_word)


@pytest.mark.parametrize(
    ("name", "german", "french"),
    [
        ("Чехов", "tschechow", "tchekhov"),
        ("Хрущёв", "chruschtschow", "khrouchtchev"),
        ("Достоевский", "dostojewski", "dostoievski"),
        ("Жуков", "schukow", "joukov"),
        ("Солженицын", "solschenizyn", "soljenitsyne"),
        ("Чебурашка", "tscheburaschka", "tchebourachka"),
        ("Ёжик в тумане", "joschik w tumane", "iojik v toumane"),
        ("Иван Грозный", "iwan grosny", "ivan grozny"),
        ("Андрей Тарковский", "andrei tarkowski", "andrei tarkovski"),
        ("Москва слезам не верит", "moskwa slesam ne werit", "moskva slezam ne verit"),
        ("Ирония судьбы", "ironija sudby", "ironia soudby"),
        ("Василий Шукшин", "wassili schukschin", "vassili choukchine"),
        ("Пётр Ильич Чайковский", "pjotr iljitsch tschaikowski", "piotr ilitch tchaikovski"),
        ("Майя Плисецкая", "maja plissezkaja", "maia plissetskaia"),
        ("Ельцин", "jelzin", "eltsine"),
    ],
)
def test_german_and_french_spellings(name: str, german: str, french: str) -> None:
    spellings = latin_spellings(name)
    assert german in spellings
    assert french in spellings
    assert spelling_in(name, "german_duden") == german
    assert spelling_in(name, "french") == french


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("Чехов", {"chekhov", "cehov", "chexov", "tchekhov", "tschechow", "chehov"}),
        ("Хлеб", {"khleb", "hleb", "xleb", "chleb"}),
        ("Хрущёв", {"khrushchev", "hruscev", "xruscev", "khrushchyov", "chruschtschow"}),
        ("Достоевский", {"dostoevskii", "dostoyevskiy", "dostoevskij", "dostoevsky"}),
        ("Андрей Тарковский", {"andrei tarkovsky", "andrey tarkovskiy", "andrej tarkovskij"}),
    ],
)
def test_iuliia_schemes_are_included(name: str, spellings: set[str]) -> None:
    assert spellings <= set(latin_spellings(name))


def test_scientific_writes_x_for_kha() -> None:
    assert spelling_in("Чехов", "scientific") == "cexov"
    assert spelling_in("Хлеб", "scientific") == "xleb"
    assert spelling_in("Хрущёв", "iso_9_1968") == "hruscev"


def test_every_iuliia_schema_and_ours_are_used() -> None:
    names = cyrillic.schema_names()
    assert [name for name, _ in iuliia.schemas.items()] == list(names[:-2])
    assert names[-2:] == ("german_duden", "french")
    assert len(set(names)) == len(names) == 30


def test_our_schemas_are_valid_iuliia_schemas_and_pass_their_samples() -> None:
    document = json.loads((DATA / "russian_schemas.json").read_text(encoding="utf-8"))
    required = {"name", "description", "url", "mapping", "samples"}
    allowed = required | {"comments", "prev_mapping", "next_mapping", "ending_mapping"}
    for definition in document["schemas"]:
        assert required <= set(definition) <= allowed
    for schema in cyrillic.added_schemas():
        assert len(schema.samples) >= 10
        for source, expected in schema.samples:
            assert cyrillic.transcribe(schema.name, source) == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=RUSSIAN_LOWER + "ҫ", min_size=1, max_size=12))
def test_fast_translation_is_iuliias(word: str) -> None:
    """The compiled schemas give exactly what iuliia's Schema.translate gives."""
    schemas = [schema for _, schema in iuliia.schemas.items()] + list(cyrillic.added_schemas())
    for schema, compiled in zip(schemas, cyrillic._compiled(), strict=True):
        assert cyrillic._translate(compiled, word) == schema.translate(word)


def test_names_without_cyrillic_have_no_spellings() -> None:
    assert latin_spellings("The Irony of Fate") == ()
    assert latin_spellings("长安三万里") == ()
    assert latin_spellings("") == ()
    assert distinct_skeletons("Tarkovsky") == ()


def test_non_cyrillic_parts_are_kept_as_romanise_writes_them() -> None:
    assert "brat 2" in latin_spellings("Брат 2")
    assert "chang an moskva" in latin_spellings("长安 Москва")
    assert "dartanian i tri mushketera" in latin_spellings("Д'Артаньян и три мушкетёра")
    assert "amelie iz monmartra" in latin_spellings("Amélie из Монмартра")


def test_case_and_decomposed_letters_do_not_matter() -> None:
    decomposed = "Андреи\u0306 Тарковскии\u0306"
    assert latin_spellings(decomposed) == latin_spellings("АНДРЕЙ ТАРКОВСКИЙ")
    assert latin_spellings(decomposed) == latin_spellings("Андрей Тарковский")


def test_bgn_middle_dot_does_not_split_a_word() -> None:
    assert "detskiy" in latin_spellings("Детский")  # BGN/PCGN writes "Det·skiy"
    assert all(" " not in spelling for spelling in latin_spellings("Детский"))


def test_distinct_skeletons_examples() -> None:
    assert distinct_skeletons("Андрей Тарковский") == ()  # every scheme meets on the skeleton
    # German "tschechow" (tsch -> cc, ch -> c, o after c -> e), scientific "cexov" (x -> ks);
    # every other scheme meets the plain skeleton "cehev".
    assert distinct_skeletons("Чехов") == ("ceksev", "cecev")
    solzhenitsyn = distinct_skeletons("Солженицын")
    assert "selsenizin" in solzhenitsyn  # German sch for ж, z for ц
    assert "selenicine" in solzhenitsyn  # French j for ж (j -> i), -yne


CYRILLIC_NAMES = st.lists(
    st.text(alphabet=RUSSIAN_LOWER + RUSSIAN_LOWER.upper(), min_size=1, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(CYRILLIC_NAMES | st.text(max_size=20))
def test_spellings_are_ascii_words(name: str) -> None:
    spellings = latin_spellings(name)
    assert len(set(spellings)) == len(spellings)
    for spelling in spellings:
        assert SPELLING.fullmatch(spelling), spelling
    plain = " ".join(skeleton(token) for token in romanise(fold(name)).split())
    skeletons = distinct_skeletons(name)
    assert plain not in skeletons
    assert len(set(skeletons)) == len(skeletons)
    for key in skeletons:
        assert SPELLING.fullmatch(key), key
        assert key in {" ".join(skeleton(t) for t in s.split()) for s in spellings}


# --- keyboard layouts -------------------------------------------------------------------


def keyboard_table() -> dict[str, dict[str, list[str]]]:
    return json.loads((DATA / "keyboard_layouts.json").read_text(encoding="utf-8"))["layouts"]


def to_qwerty(text: str) -> str:
    """Slow obvious reference: find each character's key in the ЙЦУКЕН rows, and write the
    US QWERTY character of the same key."""
    layouts = keyboard_table()
    typed = []
    for char in text:
        found = char
        for level in ("unshifted", "shifted"):
            for row_number, row in enumerate(layouts["ru_jcuken"][level]):
                if char in row:
                    found = layouts["us_qwerty"][level][row_number][row.index(char)]
        typed.append(found)
    return "".join(typed)


def test_keyboard_table_has_aligned_rows_and_every_russian_letter() -> None:
    layouts = keyboard_table()
    for level in ("unshifted", "shifted"):
        us_rows, ru_rows = layouts["us_qwerty"][level], layouts["ru_jcuken"][level]
        assert [len(row) for row in us_rows] == [len(row) for row in ru_rows]
    letters = "".join(layouts["ru_jcuken"]["unshifted"])
    assert set(RUSSIAN_LOWER) <= set(letters)
    assert set(RUSSIAN_LOWER.upper()) <= set("".join(layouts["ru_jcuken"]["shifted"]))


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ghbdtn", "привет"),
        ("vjcrdf", "москва"),
        ("Vjcrdf", "Москва"),
        ("VJCRDF", "МОСКВА"),
        (";'", "жэ"),
        (",.[]`", "бюхъё"),
        (':"<>{}~', "ЖЭБЮХЪЁ"),
        ("xt,ehfirf", "чебурашка"),
        ("`;br d nevfyt", "ёжик в тумане"),
        ("Ye? gjujlb!", "Ну, погоди!"),
        ("руддщ", "hello"),
        ("Руддщ цщкдв", "Hello world"),
        ("еру ырштштп", "the shining"),
        ("ghbdtn 2", "привет 2"),
    ],
)
def test_layout_swapped(typed: str, meant: str) -> None:
    assert layout_swapped(typed) == meant


@pytest.mark.parametrize(
    "text",
    ["", "   ", "123", "2024!", "/", "?", "-+=", "hellо", "mиr", "长安", "café"],
)
def test_nothing_to_swap_or_mixed_word_is_none(text: str) -> None:
    assert layout_swapped(text) is None


def test_each_word_swaps_to_the_other_layout() -> None:
    assert layout_swapped("ghbdtn мир") == "привет vbh"
    assert layout_swapped("café ghbdtn") == "café привет"  # é is on neither layout


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=RUSSIAN_LOWER, min_size=1, max_size=12), min_size=1, max_size=3))
def test_layout_round_trip(words: list[str]) -> None:
    meant = " ".join(words)
    assert layout_swapped(to_qwerty(meant)) == meant
    capitalised = " ".join(word.capitalize() for word in words)
    assert layout_swapped(to_qwerty(capitalised)) == capitalised


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="0123456789 !-+=()*_%/?\\|", max_size=15))
def test_text_without_letter_keys_is_none(text: str) -> None:
    assert layout_swapped(text) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_latin_words_become_cyrillic_and_back(word: str) -> None:
    swapped = layout_swapped(word)
    assert swapped is not None
    assert layout_swapped(swapped) == word
