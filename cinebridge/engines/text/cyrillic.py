"""Russian names in every Latin spelling people type, and text typed on the wrong layout.

latin_spellings
    A name as written -> its Latin spellings in every transliteration scheme of Russian:
    the 28 schemas of iuliia 0.13 (ALA-LC, BGN/PCGN, BS 2979, the GOSTs, ICAO, ISO 9, MVD with
    its French-based mvd_310_fr, scientific, telegram, UNGEGN, Wikipedia, Yandex, and
    uz, Uzbekistan's spelling of Cyrillic) plus the German (Duden) and French
    transcriptions, which iuliia lacks: they are data in iuliia's own schema format,
    ``data/russian_schemas.json``, so one library knows every scheme. Each spelling is
    reduced the way ``normalise.romanise`` leaves text: lower case, diacritics stripped
    (ISO 9 "Čehov" is "cehov"), apostrophes and the soft and hard signs ʹ ʺ deleted, every
    other non [a-z0-9] a space. BGN/PCGN's middle dot (``t·s`` for тс, ``y·a`` for йа)
    marks a letter boundary inside a word, so it is deleted too rather than splitting
    the word. Non-Cyrillic parts of a name come out as romanise writes them.

    One rule of the German and French transcriptions looks at both neighbours of a
    letter, which iuliia's mappings cannot (they see one): с between two vowels is "ss"
    (Wassili, Vassili). Before translating with those two schemas, such с is rewritten
    to ҫ (Cyrillic es with descender), which their mappings spell "ss".

distinct_skeletons
    The spellings whose skeleton tokens (``normalise.skeleton`` of each word) differ from
    those of the plain romanisation: what indexing must add so that every scheme's
    spelling is found. The skeleton merges most schemes already; German (w, sch, z for
    ц, s for з), French (ou, j for ж), scientific (x for х) and uz mostly remain.

layout_swapped
    Text typed on the wrong keyboard layout -> the text as meant: Latin letters and the
    punctuation keys that are letters on the Russian ЙЦУКЕН layout (``ghbdtn`` ->
    "привет", ``;`` -> ж, ``[`` -> х, `` ` `` -> ё) or Cyrillic typed on the Russian
    layout when English was meant (``руддщ`` -> "hello"). Every other key follows its
    physical position too (``?`` is "," on ЙЦУКЕН, ``/`` is "."). The key table is
    ``data/keyboard_layouts.json`` (Windows US and Russian layouts). Each word
    (whitespace-separated) is swapped to the other layout: a word with Latin letters to
    Cyrillic, a word with Cyrillic letters to Latin, a word with neither the way of the
    first word that has one; a word holding a letter of neither layout (é, і, 长) is kept.
    None when no character becomes a letter, or when one word mixes Latin and Cyrillic.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import iuliia
from iuliia.schema import TranslitSchema
from iuliia.validator import Validator

from cinebridge.engines.text.normalise import fold, romanise, skeleton

_DATA = Path(__file__).parent / "data"

_CYRILLIC = re.compile("[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_WORD = re.compile(r"(\w+)")
_VOWELS = frozenset("аеёиоуыэюя")
_INTERVOCALIC = "ҫ"  # stands for с between two vowels in the German and French schemas
# Apostrophe-like marks as normalise deletes them, plus BGN/PCGN's middle dot.
_DELETE_MARKS = str.maketrans(
    "", "", "'\u2018\u2019\u201b\u02b9\u02ba\u02bb\u02bc\u0060\u00b4\u2032\u2033\uff07\u00b7"
)
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9]+")
# The accents of the schemes' letters (ISO 9 č ŝ ë, ALA-LC ĭ and its t͡s ligature ties).
_COMBINING = re.compile("[\u0300-\u036f\ufe20-\ufe2f]")


def _definitions() -> list[dict[str, Any]]:
    """Every scheme's definition in iuliia's format: iuliia's own files, then ours."""
    definitions = []
    for _, schema in iuliia.schemas.items():
        with open(schema.path, encoding="utf-8") as file:
            definitions.append(json.load(file))
    with open(_DATA / "russian_schemas.json", encoding="utf-8") as file:
        definitions.extend(json.load(file)["schemas"])
    return definitions


def _translit_schema(definition: dict[str, Any]) -> TranslitSchema:
    """One schema definition in iuliia's format -> the schema, as iuliia's FileSchema loads it."""
    Validator(definition).run()
    return TranslitSchema(
        name=definition["name"],
        description=definition.get("description"),
        mapping=definition["mapping"],
        prev_mapping=definition.get("prev_mapping"),
        next_mapping=definition.get("next_mapping"),
        ending_mapping=definition.get("ending_mapping"),
        samples=definition.get("samples"),
    )


@lru_cache(maxsize=1)
def added_schemas() -> tuple[TranslitSchema, ...]:
    """The schemas of ``data/russian_schemas.json`` (German, French), loaded once."""
    with open(_DATA / "russian_schemas.json", encoding="utf-8") as file:
        document = json.load(file)
    return tuple(_translit_schema(definition) for definition in document["schemas"])


@lru_cache(maxsize=1)
def schema_names() -> tuple[str, ...]:
    """Every scheme's name, in the order of ``latin_spellings``' translations."""
    return tuple(definition["name"] for definition in _definitions())


class _Compiled(NamedTuple):
    """A schema's lower-case mappings, for translating lower-case words fast."""

    table: dict[int, str]  # str.translate table of the letter mapping
    prev_map: dict[str, str]
    next_map: dict[str, str]
    ending_map: dict[str, str]
    marks_intervocalic: bool  # spells ҫ (с between vowels): run _mark_intervocalic first


@lru_cache(maxsize=1)
def _compiled() -> tuple[_Compiled, ...]:
    """Every scheme compiled, in the order of ``schema_names()``."""
    return tuple(
        _Compiled(
            str.maketrans(definition["mapping"]),
            definition.get("prev_mapping") or {},
            definition.get("next_mapping") or {},
            definition.get("ending_mapping") or {},
            _INTERVOCALIC in definition["mapping"],
        )
        for definition in _definitions()
    )


def _translate(schema: _Compiled, word: str) -> str:
    """One lower-case word -> ``Schema.translate(word)`` (iuliia's algorithm: the ending's
    mapping, else per letter the mapping after the previous letter, else before the next
    letter, else the letter's own), with str.translate when there is no context."""
    ending = schema.ending_map.get(word[-2:]) if len(word) > 2 and schema.ending_map else None
    stem = word[:-2] if ending else word
    if not schema.prev_map and not schema.next_map:
        return stem.translate(schema.table) + (ending or "")
    prev_map, next_map, table = schema.prev_map, schema.next_map, schema.table
    letters = []
    previous = ""
    for index, current in enumerate(stem):
        letter = prev_map.get(previous + current)
        if letter is None:
            letter = next_map.get(stem[index : index + 2] if index + 1 < len(stem) else current)
        if letter is None:
            letter = table.get(ord(current), current)
        letters.append(letter)
        previous = current
    return "".join(letters) + (ending or "")


def _mark_intervocalic(word: str) -> str:
    """с (С) between two vowels -> ҫ (Ҫ), for the schemas that spell it "ss"."""
    if "с" not in word.lower():
        return word
    lower = word.lower()
    chars = list(word)
    for index in range(1, len(word) - 1):
        if lower[index] == "с" and lower[index - 1] in _VOWELS and lower[index + 1] in _VOWELS:
            chars[index] = _INTERVOCALIC if word[index] == "с" else _INTERVOCALIC.upper()
    return "".join(chars)


def transcribe(schema_name: str, text: str) -> str:
    """Cyrillic text -> its spelling in one scheme, case kept (as ``Schema.translate``, plus
    the ss of с between vowels for the schemas of ``data/russian_schemas.json``)."""
    for schema in added_schemas():
        if schema.name == schema_name:
            return str(schema.translate(_mark_intervocalic(text)))
    return str(iuliia.schemas.get(schema_name).translate(text))


def _clean(latin: str) -> str:
    """A scheme's Latin spelling -> [a-z0-9] words separated by single spaces: what
    ``romanise(fold(latin))`` gives, without its cost when only accents are not ASCII."""
    latin = latin.translate(_DELETE_MARKS)
    if not latin.isascii():
        unaccented = _COMBINING.sub("", unicodedata.normalize("NFD", latin))
        if not unaccented.isascii():
            return romanise(fold(latin))
        latin = unaccented
    return " ".join(_NOT_ASCII_ALNUM.sub(" ", latin.lower()).split())


@lru_cache(maxsize=65536)
def _word_spellings(word: str) -> tuple[str, ...]:
    """One lower-case word with Cyrillic -> its cleaned spelling in every scheme, in the
    order of ``schema_names()``."""
    marked = _mark_intervocalic(word)
    raw = [
        _translate(schema, marked if schema.marks_intervocalic else word) for schema in _compiled()
    ]
    cleaned = {spelling: _clean(spelling) for spelling in dict.fromkeys(raw)}
    return tuple(cleaned[spelling] for spelling in raw)


@lru_cache(maxsize=65536)
def latin_spellings(name: str) -> tuple[str, ...]:
    """A name as written (before fold(): й and ё still distinct) -> its Latin spellings in
    every transliteration scheme of Russian that people type: every iuliia schema (ALA-LC,
    BGN/PCGN, BS 2979, GOST variants, ICAO, ISO 9, MVD incl. the French-based mvd_310_fr,
    scientific, telegram, UNGEGN, Wikipedia, Yandex...) plus German (Duden) and French
    transcriptions; each lowercased and reduced to [a-z0-9] words separated by single
    spaces the way normalise's romanise leaves text (diacritics stripped, apostrophes/soft
    signs deleted, other non-alphanumerics to spaces); distinct; () for a name without
    Cyrillic. Non-Cyrillic parts of the name are kept as romanise would write them."""
    if not _CYRILLIC.search(name):
        return ()
    # NFC so that a decomposed й (и + breve) is one letter, as the schemas expect.
    pieces = _WORD.split(unicodedata.normalize("NFC", name).lower())
    columns: list[tuple[str, ...]] = []
    for index, piece in enumerate(pieces):
        if index % 2 and _CYRILLIC.search(piece):
            columns.append(_word_spellings(piece))
        else:
            columns.append((piece,))
    width = len(schema_names())
    choices = dict.fromkeys(
        tuple(column[scheme] if len(column) > 1 else column[0] for column in columns)
        for scheme in range(width)
    )
    spellings = (_clean("".join(choice)) for choice in choices)
    return tuple(dict.fromkeys(spelling for spelling in spellings if spelling))


_token_skeleton = lru_cache(maxsize=65536)(skeleton)


def _skeleton_tokens(romanised: str) -> tuple[str, ...]:
    return tuple(_token_skeleton(token) for token in romanised.split())


@lru_cache(maxsize=65536)
def distinct_skeletons(name: str) -> tuple[str, ...]:
    """The spellings of latin_spellings(name) whose skeleton tokens (normalise.skeleton of
    each word) differ from those of normalise.romanise(normalise.fold(name)), as
    space-separated skeleton tokens, distinct: what indexing must add so every scheme's
    spelling is found. Usually few (the skeleton already merges most schemes)."""
    spellings = latin_spellings(name)
    if not spellings:
        return ()
    plain = _skeleton_tokens(romanise(fold(name)))
    found = (_skeleton_tokens(spelling) for spelling in spellings)
    return tuple(dict.fromkeys(" ".join(tokens) for tokens in found if tokens != plain))


# --- keyboard layouts -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _layout_maps() -> tuple[dict[str, str], dict[str, str]]:
    """(US QWERTY character -> ЙЦУКЕН character, ЙЦУКЕН -> US) for the keys that differ."""
    with open(_DATA / "keyboard_layouts.json", encoding="utf-8") as file:
        layouts = json.load(file)["layouts"]
    us, ru = layouts["us_qwerty"], layouts["ru_jcuken"]
    to_russian: dict[str, str] = {}
    for level in ("unshifted", "shifted"):
        for us_row, ru_row in zip(us[level], ru[level], strict=True):
            for us_char, ru_char in zip(us_row, ru_row, strict=True):
                if us_char != ru_char:
                    to_russian[us_char] = ru_char
    return to_russian, {ru_char: us_char for us_char, ru_char in to_russian.items()}


_WHITESPACE = re.compile(r"(\s+)")


def _letters(word: str) -> tuple[bool, bool, bool]:
    """(has a Latin key letter, has a Cyrillic key letter, has a letter of neither layout)."""
    _, to_us = _layout_maps()
    latin = cyrillic = other = False
    for char in word:
        if not char.isalpha():
            continue
        if char.isascii():
            latin = True
        elif char in to_us:
            cyrillic = True
        else:
            other = True
    return latin, cyrillic, other


def layout_swapped(text: str) -> str | None:
    """Raw query text typed on the wrong keyboard layout -> the text as meant: Latin letters
    and the punctuation keys of the Russian ЙЦУКЕН layout typed on a US QWERTY layout
    (`ghbdtn` -> `привет`, `vjcrdf` -> `москва`, `;` -> ж, `'` -> э, `,` -> б, `.` -> ю,
    `[` -> х, `]` -> ъ, `` ` `` -> ё, upper case too), or Cyrillic typed on the Russian
    layout when English was meant (`руддщ` -> `hello`). None when the text has no letter
    to swap or mixes both scripts in one word."""
    to_russian, to_us = _layout_maps()
    parts = _WHITESPACE.split(text)
    words = parts[::2]
    kinds = [_letters(word) for word in words]
    if any(latin and cyrillic for latin, cyrillic, _ in kinds):
        return None
    first_to_russian = next(
        (latin for latin, cyrillic, _ in kinds if latin or cyrillic), not _CYRILLIC.search(text)
    )
    swapped_letter = False
    for index, (word, (latin, cyrillic, other)) in enumerate(zip(words, kinds, strict=True)):
        if other:
            continue
        table = to_russian if (latin or (not cyrillic and first_to_russian)) else to_us
        swapped = "".join(table.get(char, char) for char in word)
        swapped_letter = swapped_letter or any(table.get(char, "").isalpha() for char in word)
        parts[2 * index] = swapped
    return "".join(parts) if swapped_letter else None
