"""What a name or a query becomes before matching: fold, romanise, skeleton, index text.

The database matches every query term as a substring of one string per object,
`index_text`. Everything here decides what that string holds so that a query typed in
any script or any common romanisation lands on a substring of it.

fold
    NFKC, casefold, Traditional (including Taiwan and Hong Kong variant characters) ->
    Simplified Chinese, diacritics stripped (so
    Vietnamese "Việt" is "viet", Russian "ё" is "е" and "й" is "и", pinyin loses its tone
    marks), apostrophes deleted ("chang'an" -> "changan"), every other non letter/digit a
    space. The script is kept. Diacritics are the generic combining marks (U+0300..036F
    and their extension blocks, the ALA-LC ligature halves) and the Cyrillic, Hebrew and
    Arabic points; the vowel signs of Indic and South-East Asian scripts and the Japanese
    voicing marks are kept, because there they are letters, not accents: stripping them
    would turn "नमस्ते" into "nmst" and "ポケモン" into "hokemon".

romanise
    Han runs -> toneless pinyin syllables (pypinyin, which knows phrase readings),
    everything else -> anyascii; only [a-z0-9] and single spaces remain.

skeleton
    One romanised token -> a key on which the common romanisations of one Russian word
    agree (BGN/PCGN, ISO 9 with or without its diacritics, ALA-LC, the ICAO passport
    system, popular spellings). Rules, in this order:

    1. Multi-letter sounds become one letter: shch, sch -> s; tch -> c; zh -> z; kh -> h;
       ch -> c; ts, tz -> c; sh -> s; ph -> f; x -> ks; w -> v.
       Why: BGN writes "zh", "kh", "ts", "ch", "sh", "shch" where ISO 9 writes ž, h, c, č,
       š, ŝ, and fold has already turned those into z, h, c, c, s, s.
    2. Glides: y/j/i (one or more) before o or e -> e; before a -> a; before u -> u; then
       any remaining y or j -> i.
       Why: я ю ё е are ya/ja/ia/â, yu/ju/iu/û, yo/jo/io/ë/e, ye/je/e depending on the
       system, and ISO 9 without diacritics keeps only the vowel; й is y/j/i/ĭ.
    3. After a sibilant (s, z, c) o -> e.
       Why: ё after ж ш ч щ ц is popularly written "o" (Gorbachov, sholk) while every
       system writes e or ë (Gorbachev, šëlk). Fold turns š into s, so the rule cannot be
       limited to "sh": it applies after any s, z or c.
    4. Runs of one letter collapse ("ii" -> "i", "nn" -> "n").
       Why: "Dostoevskii" vs "Dostoevskij", "Mayakovsky" (ma-ya) vs ISO "Maâkovskij".

    Without rule 3 "Krasny sholk" and "Krasnyj šëlk" (Красный шёлк) could not share a
    key. The rules run identically on the index and on the query, so the only cost of
    their lossiness is false positives, never misses.

index_text
    Per name: its folded tokens, its skeleton tokens, then the compact skeleton (the
    skeleton of the whole romanised name without spaces, and the joined per-token
    skeletons when they differ), so "nupogodi" and "changan" match as substrings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

import opencc
from anyascii import anyascii
from pypinyin import Style, lazy_pinyin, pinyin

# Apostrophe-like marks join the parts of one word (d'Artagnan, Chang'an, the soft and
# hard signs ʹ ʺ of ISO 9 and BGN): deleting them keeps the word one token.
_APOSTROPHES = "'\u2018\u2019\u201b\u02b9\u02ba\u02bb\u02bc\u0060\u00b4\u2032\u2033\uff07"
_DELETE_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)

# Letters users type as a base letter that no Unicode decomposition reaches: Vietnamese
# đ, Turkish dotless ı (its uppercase I casefolds to i); ё and ß are spelled out for clarity.
_BASE_LETTERS = str.maketrans({"ё": "е", "đ": "d", "ß": "ss", "ı": "i"})

HAN = re.compile(
    "[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+",
)
_NOT_ASCII_ALNUM = re.compile("[^a-z0-9]+")

_SOUNDS = re.compile("shch|sch|tch|zh|kh|ch|ts|tz|sh|ph|x|w")
_SOUND_LETTER = {
    "shch": "s",
    "sch": "s",
    "tch": "c",
    "zh": "z",
    "kh": "h",
    "ch": "c",
    "ts": "c",
    "tz": "c",
    "sh": "s",
    "ph": "f",
    "x": "ks",
    "w": "v",
}
_GLIDE = re.compile("[yji]+([oeau])")
_GLIDE_VOWEL = {"o": "e", "e": "e", "a": "a", "u": "u"}
_SIBILANT_O = re.compile("([szc])o")
_RUN = re.compile(r"(.)\1+")


@lru_cache(maxsize=1)
def _traditional_to_simplified() -> tuple[opencc.OpenCC, ...]:
    """The OpenCC converters, built once on first use (they load dictionaries).

    Plain t2s leaves the Taiwan and Hong Kong variant characters alone (著 for 着 in
    "等著瞧", 衞 for 卫). The tw2s and hk2s configurations are t2s preceded by those
    variant tables only (with exceptions such as 著名), without regional vocabulary.
    """
    return opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s")


def _simplify_han(text: str) -> str:
    """Convert Traditional (any region) to Simplified Chinese until stable (idempotent fold)."""
    for _ in range(3):
        simplified = text
        for converter in _traditional_to_simplified():
            simplified = str(converter.convert(simplified))
        if simplified == text:
            break
        text = simplified
    return text


_DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),  # Combining Diacritical Marks: Latin, Greek, Cyrillic, Vietnamese, pinyin
    (0x0483, 0x0489),  # Cyrillic titlo and number signs
    (0x0591, 0x05C7),  # Hebrew points and cantillation
    (0x0610, 0x061A),  # Arabic honorifics and small vowels
    (0x064B, 0x065F),  # Arabic harakat
    (0x0670, 0x0670),  # Arabic superscript alef
    (0x06D6, 0x06ED),  # Arabic Quranic marks
    (0x1AB0, 0x1AFF),  # Combining Diacritical Marks Extended
    (0x1DC0, 0x1DFF),  # Combining Diacritical Marks Supplement
    (0x20D0, 0x20FF),  # Combining Diacritical Marks for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks (ALA-LC "t͡s" ligature halves)
)


def _is_diacritic(char: str) -> bool:
    """True for a combining mark that is an accent on a letter, not part of it."""
    if unicodedata.category(char)[0] != "M":
        return False
    code = ord(char)
    return any(first <= code <= last for first, last in _DIACRITIC_BLOCKS)


def _is_word_char(char: str) -> bool:
    """True for letters (L*), numbers (N*) and the marks fold keeps (Indic vowel signs)."""
    return unicodedata.category(char)[0] in "LNM"


def fold(text: str) -> str:
    """Any text -> lower-case, mark-free, simplified-Chinese tokens separated by single spaces."""
    # Delete apostrophes before NFKC too: it turns the acute accent ´ into a space + mark.
    text = text.translate(_DELETE_APOSTROPHES)
    text = unicodedata.normalize("NFKC", text).casefold().translate(_DELETE_APOSTROPHES)
    if HAN.search(text):
        text = _simplify_han(text)
    decomposed = unicodedata.normalize("NFD", text.translate(_BASE_LETTERS))
    unmarked = "".join(char for char in decomposed if not _is_diacritic(char))
    text = unicodedata.normalize("NFC", unmarked)
    spaced = "".join(char if _is_word_char(char) else " " for char in text)
    return " ".join(spaced.split())


# Other readings kept per name beyond the phrase reading (each differs from it in one
# character), so a long title of polyphonic characters cannot explode combinatorially.
MAX_OTHER_READINGS = 8


@lru_cache(maxsize=8192)
def _pinyin(han_run: str) -> str:
    """A run of Han characters -> its toneless pinyin syllables separated by spaces."""
    syllables = lazy_pinyin(han_run, style=Style.NORMAL, v_to_u=True)
    return " ".join(anyascii(syllable) for syllable in syllables)


@lru_cache(maxsize=8192)
def _character_readings(han: str) -> tuple[str, ...]:
    """One Han character -> every toneless reading pypinyin knows for it (heteronyms)."""
    (choices,) = pinyin(han, style=Style.NORMAL, heteronym=True, v_to_u=True)
    return tuple(dict.fromkeys(anyascii(choice) for choice in choices))


@lru_cache(maxsize=8192)
def _han_slots(han_run: str) -> tuple[tuple[str, ...], ...]:
    """A Han run -> per character (the phrase reading, then its other readings)."""
    syllables = _pinyin(han_run).split()
    if len(syllables) != len(han_run):  # characters pypinyin cannot read: keep them whole
        return ((_pinyin(han_run),),)
    return tuple(
        (syllable, *(r for r in _character_readings(han) if r != syllable))
        for syllable, han in zip(syllables, han_run, strict=True)
    )


def _slots(folded: str) -> list[tuple[str, ...]]:
    """fold() output -> pieces to concatenate, each with its alternatives (first: romanise's)."""
    slots: list[tuple[str, ...]] = []
    position = 0
    for han in HAN.finditer(folded):
        slots.append((anyascii(folded[position : han.start()]),))
        slots.extend(tuple(f" {c} " for c in choices) for choices in _han_slots(han.group()))
        position = han.end()
    slots.append((anyascii(folded[position:]),))
    return slots


def _latin_clean(latin: str) -> str:
    # anyascii spells the soft and hard signs as apostrophes: delete them like fold does.
    latin = latin.lower().translate(_DELETE_APOSTROPHES)
    return " ".join(_NOT_ASCII_ALNUM.sub(" ", latin).split())


def romanise(folded: str) -> str:
    """fold() output -> [a-z0-9] tokens separated by single spaces (Han as pinyin syllables)."""
    return _latin_clean("".join(slot[0] for slot in _slots(folded)))


def readings(folded: str) -> tuple[str, ...]:
    """fold() output -> its romanised readings: ``romanise(folded)`` (pypinyin's phrase
    reading) first, then readings where one polyphonic character is read another way
    (长 "chang" -> "zhang"), at most ``MAX_OTHER_READINGS`` of them."""
    slots = _slots(folded)
    first = [slot[0] for slot in slots]
    found = [_latin_clean("".join(first))]
    for index, slot in enumerate(slots):
        for other in slot[1:]:
            if len(found) > MAX_OTHER_READINGS:
                break
            found.append(_latin_clean("".join([*first[:index], other, *first[index + 1 :]])))
    return tuple(dict.fromkeys(found))


def other_syllables(folded: str) -> tuple[str, ...]:
    """Every reading of a polyphonic character other than its phrase reading (unbounded:
    one per character and reading), so each is found word by word."""
    return tuple(
        dict.fromkeys(_latin_clean(other) for slot in _slots(folded) for other in slot[1:])
    )


READING_SEPARATOR = " | "


def skeleton(latin_token: str) -> str:
    """One romanised [a-z0-9]+ token -> its transliteration-collapsing key (rules above)."""
    key = _SOUNDS.sub(lambda match: _SOUND_LETTER[match.group()], latin_token)
    key = _GLIDE.sub(lambda match: _GLIDE_VOWEL[match.group(1)], key)
    key = key.replace("y", "i").replace("j", "i")
    key = _SIBILANT_O.sub(r"\1e", key)
    return _RUN.sub(r"\1", key)


def has_han(text: str) -> bool:
    """True if text contains at least one Han (Chinese) character."""
    return HAN.search(text) is not None


class NameForms(NamedTuple):
    """The searchable forms of one name, shared by index_text and ranking.

    A NamedTuple rather than a frozen dataclass: ranking rebuilds thousands of these from
    stored rows per broad query, and tuples are several times cheaper to make.
    """

    folded: str
    folded_tokens: tuple[str, ...]
    skeleton_tokens: tuple[str, ...]
    compacts: tuple[str, ...]  # skeleton of the spaceless romanisation, then joined skeletons
    readings: tuple[str, ...]  # romanised readings (tokens joined by spaces), romanise's first

    def reading_compacts(self) -> tuple[str, ...]:
        """Each reading without its spaces ("nu pogodi" -> "nupogodi")."""
        return tuple(reading.replace(" ", "") for reading in self.readings)


def compact_skeletons(romanised: str) -> tuple[str, str]:
    """A romanised spelling's compacts: the skeleton of it without spaces, and its words'
    skeletons joined (they differ where a rule spans two words: "xi an" -> "ksan", "ksian")."""
    words = romanised.split()
    return skeleton("".join(words)), "".join(skeleton(word) for word in words)


@lru_cache(maxsize=16384)
def name_forms(name: str) -> NameForms:
    """A name in any script -> its folded tokens, skeleton tokens and compact skeletons."""
    folded = fold(name)
    name_readings = readings(folded)
    skeleton_tokens = tuple(skeleton(token) for token in name_readings[0].split())
    compacts = compact_skeletons(name_readings[0])
    # Other readings of polyphonic characters: each syllable as a word, each whole reading
    # (bounded) as a compact, after the phrase reading's.
    other_tokens = (skeleton(syllable) for syllable in other_syllables(folded))
    other_compacts = (skeleton(reading.replace(" ", "")) for reading in name_readings[1:])
    # Then the spellings of other systems (Wade-Giles, Cantonese, Sino-Vietnamese, every
    # Russian scheme, numbers the other way: variants.py, which builds on this module), as
    # compacts only: their syllables as words of their own would let every short syllable
    # typed in one system match countless titles through the others.
    from cinebridge.engines.text.variants import variant_compacts

    return NameForms(
        folded=folded,
        folded_tokens=tuple(folded.split()),
        skeleton_tokens=tuple(dict.fromkeys((*skeleton_tokens, *other_tokens))),
        compacts=tuple(
            dict.fromkeys(
                c
                for c in (*compacts, *other_compacts, *variant_compacts(name, folded, compacts))
                if c
            )
        ),
        readings=tuple(reading for reading in name_readings if reading),
    )


def name_segment(forms: NameForms) -> str:
    """One name's forms -> its part of an index text (folded, skeleton, compact; no repeats)."""
    parts = (*forms.folded_tokens, *forms.skeleton_tokens, *forms.compacts)
    return " ".join(dict.fromkeys(parts))


def index_text_of_forms(all_forms: Iterable[NameForms]) -> str:
    """The index text of names already turned into forms (same result as ``index_text``)."""
    segments: list[str] = []
    for forms in all_forms:
        segment = name_segment(forms)
        if segment and segment not in segments:
            segments.append(segment)
    return " | ".join(segments)


def index_text(names: Iterable[str]) -> str:
    """Names of one object -> the one deterministic string the database indexes for it."""
    return index_text_of_forms(name_forms(name) for name in names)


def forms_to_plain(forms: NameForms) -> list[str]:
    """A name's forms as four JSON-ready strings, for storing beside the index text:
    the folded name, its skeleton tokens and its compacts (each space-separated), and its
    readings (separated by " | ")."""
    return [
        forms.folded,
        " ".join(forms.skeleton_tokens),
        " ".join(forms.compacts),
        READING_SEPARATOR.join(forms.readings),
    ]


def forms_from_plain(plain: Sequence[str]) -> NameForms:
    """The inverse of ``forms_to_plain`` (folded tokens are the folded name's words); forms
    stored before readings were (three strings) get them computed from the folded name."""
    folded, skeletons, compacts = plain[:3]
    stored = plain[3].split(READING_SEPARATOR) if len(plain) > 3 else readings(folded)
    return NameForms(
        folded,
        tuple(folded.split()),
        tuple(skeletons.split()),
        tuple(compacts.split()),
        tuple(reading for reading in stored if reading),
    )
