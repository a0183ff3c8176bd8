"""Chinese characters in the romanisations other than pinyin, and tone-numbered query tokens.

`normalise.romanise` writes Han characters as toneless pinyin. People also type Chinese
titles and names in other systems, which this module supplies:

han_readings
    A Han run (Simplified, as fold() leaves it) -> its readings, in this order:

    1. Wade-Giles (pypinyin ``Style.WADEGILES``, from pypinyin's phrase reading, so 长安
       is *ch'ang an*): pypinyin writes ü as "v" and the aspiration mark as an apostrophe
       (once as a backtick); both go, as fold() + romanise would: *hsi yu chi* (西游记).
    2. Jyutping (ToJyutping, which knows phrase readings), tones dropped: *sai jau gei*.
    3. Hong Kong Government Cantonese romanisation, the spelling of Hong Kong place names,
       identity cards and so of Hong Kong film people and titles (Wong Ka Wai, Chan,
       Cheung, Leung, Ng, Tsui Hak), derived from the Jyutping by the tables below.
    4. Sino-Vietnamese (Hán-Việt) from the Unihan field ``kVietnamese`` (data/han_viet.tsv,
       made by data/unihan_extract.py), the first reading of each character, diacritics
       stripped and đ -> d: *tay du ki* (西游记), *tam quoc dien nghia*. kVietnamese mixes
       Sino-Vietnamese with Nôm readings in alphabetical order; the extraction puts first
       the reading that best fits the sound correspondences with Mandarin and Cantonese it
       learns from single-reading characters (沙 "nhểu sa sà xa xoà" -> "sa xa sà xoà nhểu").
       Caveat: that only reorders, so where Unihan gives a single, Nôm reading it stays (女
       "nữa", not *nữ*; 里 "lịa", 森 "chùm"), and many characters have none (刘 姬 驰),
       so the reading is sometimes missing or odd.

    Each reading is toneless lowercase syllables separated by single spaces; a reading
    equal to an earlier one is dropped; a system that cannot read every character of the
    run gives none.

Hong Kong Government romanisation
    The government has never published its system. The tables follow the spellings of the
    *Gazetteer of Place Names in Hong Kong, Kowloon and the New Territories* (1960) as
    summarised, initial by initial and final by final with place-name examples, in the
    Wikipedia article "Hong Kong Government Cantonese Romanisation": b, p -> p (Po Lam);
    d, t -> t (Tai O); g, k -> k (Kai Tak); gw, kw -> kw (Kwun Tong); j -> y (Yau Tong);
    aa -> a (Chai Wan); ou -> o (Tai Mo Shan); oe -> eu (Sheung Wan); eoi -> ui (Sham Shui
    Po); eo -> u (Shun Lee); yu -> u, yun -> uen (Tuen Mun), yut -> uet; jyu -> yu (Yu Chau).
    Where the gazetteer has two spellings for one Jyutping initial, z and c -> ch or ts and
    s -> sh or s, the choice reflects a nineteenth-century Cantonese distinction between
    retroflex and dental sibilants which Mandarin keeps (zh ch sh against z c s, and j q x
    from the dental series), so it is read off the character's pinyin: 張 zhang -> Cheung
    but 將 jiang -> Tseung (Tseung Kwan O), 陳 chen -> Chan, 徐 xu -> Tsui, 曾 zeng -> Tsang,
    上 shang -> Sheung, 西 xi -> Sai; dental zi, ci -> tsz (Tsz Wan Shan), si -> sze (Sha Tin
    ... Shap Sze Heung). Personal spellings (Kar, Hark, Chow, Lee, Wah) are not produced.

toneless
    A query token typed with tone numbers (xi1an1, hoeng1gong2) or with v for ü (lv, nv3)
    -> the token as the index holds it: toneless, ü written u. The syllable inventories
    come from the libraries' data: pinyin from pypinyin's dictionary, Wade-Giles by
    converting those with pypinyin's converter, Jyutping from Unihan's kCantonese
    (data/jyutping_syllables.txt). Pinyin and Wade-Giles tones are 1-5, Jyutping 1-6.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from pypinyin import Style, lazy_pinyin

_DATA = Path(__file__).resolve().parent / "data"
_LETTERS = re.compile("[a-z]+")
_TOKEN = re.compile("[a-z0-9]+")
_NOT_LETTER = re.compile("[^a-z]+")
_DIGITS = re.compile("[0-9]")

# Jyutping initial -> Hong Kong Government initial (z, c, s: see the sibilant rule).
_HK_INITIALS = {
    "": "",
    "b": "p",
    "p": "p",
    "m": "m",
    "f": "f",
    "d": "t",
    "t": "t",
    "n": "n",
    "l": "l",
    "g": "k",
    "k": "k",
    "ng": "ng",
    "gw": "kw",
    "kw": "kw",
    "w": "w",
    "h": "h",
    "j": "y",
}
# Sibilant initials: (retroflex in Mandarin, dental in Mandarin).
_HK_SIBILANTS = {"z": ("ch", "ts"), "c": ("ch", "ts"), "s": ("sh", "s")}
_MANDARIN_RETROFLEX = ("zh", "ch", "sh", "r")
# Jyutping final -> Hong Kong Government final; finals not listed are spelled as in Jyutping
# (ai, au, am, an, ang, e, ei, eng, ek, i, iu, im, in, ing, ip, it, ik, o, oi, on, ong, u,
# ui, un, ung, ...).
_HK_FINALS = {
    "aa": "a",
    "aai": "ai",
    "aau": "au",
    "aam": "am",
    "aan": "an",
    "aang": "ang",
    "aap": "ap",
    "aat": "at",
    "aak": "ak",
    "ou": "o",
    "oe": "eu",
    "oeng": "eung",
    "oek": "euk",
    "oen": "eun",
    "oet": "eut",
    "eoi": "ui",
    "eon": "un",
    "eot": "ut",
    "yu": "u",
    "yun": "uen",
    "yut": "uet",
}
_JYUTPING = re.compile("(gw|kw|ng|[bpmfdtnlgkhwzcsj]?)([a-z]+)")


def hong_kong_syllable(jyutping: str, pinyin: str | None = None) -> str:
    """One toneless Jyutping syllable -> its Hong Kong Government spelling; ``pinyin`` (the
    same character's toneless pinyin, if known) chooses ch/ts and sh/s (module docstring)."""
    if jyutping in ("m", "ng", "hm", "hng"):  # syllabic nasals: 唔 m, 吳 ng
        return jyutping
    match = _JYUTPING.fullmatch(jyutping)
    if match is None:
        return jyutping
    initial, final = match.groups()
    spelled_final = _HK_FINALS.get(final, final)
    if initial in _HK_SIBILANTS:
        retroflex = pinyin is None or pinyin.startswith(_MANDARIN_RETROFLEX)
        if final == "i" and (initial == "s" or not retroflex):
            return "sze" if initial == "s" else "tsz"  # 思 Sze, 子 Tsz (but 志 zhi Chi)
        return _HK_SIBILANTS[initial][0 if retroflex else 1] + spelled_final
    return _HK_INITIALS[initial] + spelled_final


def _plain(text: str) -> str:
    """Vietnamese or pinyin-like text -> lowercase ASCII letters (marks stripped, đ -> d)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def _han_viet() -> dict[str, str]:
    """Character -> its first kVietnamese reading, stripped (data/han_viet.tsv, read once)."""
    table: dict[str, str] = {}
    with (_DATA / "han_viet.tsv").open(encoding="utf-8") as lines:
        for line in lines:
            char, readings = line.rstrip("\n").split("\t")
            table[char] = _plain(readings.split()[0])
    return table


@lru_cache(maxsize=1)
def _jyutping_converter() -> Any:
    """ToJyutping's converter, imported on first use (loading its dictionary takes ~1 s)."""
    import ToJyutping  # noqa: PLC0415 (deliberately lazy)

    return ToJyutping


def _unreadable(chars: str) -> str:
    """pypinyin's ``errors`` handler: characters it cannot read become one "?" item."""
    return "?"


def _wade_giles(han_run: str) -> str | None:
    syllables = lazy_pinyin(han_run, style=Style.WADEGILES, errors=_unreadable)
    spelled = [_NOT_LETTER.sub("", _plain(s).replace("v", "u")) for s in syllables]
    if len(spelled) != len(han_run) or "?" in syllables or not all(spelled):
        return None
    return " ".join(spelled)


def _pinyin_per_character(han_run: str) -> list[str] | None:
    syllables = lazy_pinyin(han_run, style=Style.NORMAL, errors=_unreadable)
    return syllables if len(syllables) == len(han_run) and "?" not in syllables else None


def _cantonese(han_run: str) -> tuple[str, str] | None:
    """A Han run -> (Jyutping, Hong Kong Government), both toneless, or None."""
    pairs = _jyutping_converter().get_jyutping_list(han_run)
    if len(pairs) != len(han_run) or any(reading is None for _char, reading in pairs):
        return None
    pinyin = _pinyin_per_character(han_run)
    jyutping: list[str] = []
    hong_kong: list[str] = []
    for index, (_char, reading) in enumerate(pairs):
        syllables = _LETTERS.findall(str(reading))
        if not syllables:
            return None
        mandarin = pinyin[index] if pinyin is not None and len(syllables) == 1 else None
        jyutping.extend(syllables)
        hong_kong.extend(hong_kong_syllable(syllable, mandarin) for syllable in syllables)
    return " ".join(jyutping), " ".join(hong_kong)


def _sino_vietnamese(han_run: str) -> str | None:
    table = _han_viet()
    readings = [table.get(char) for char in han_run]
    if not all(readings):
        return None
    return " ".join(_NOT_LETTER.sub("", reading) for reading in readings if reading)


@lru_cache(maxsize=8192)
def han_readings(han_run: str) -> tuple[str, ...]:
    """A run of Han characters as fold() leaves it (Simplified) -> its Wade-Giles, Jyutping,
    Hong Kong Government and Sino-Vietnamese readings (module docstring), in that order,
    each toneless [a-z0-9] syllables separated by single spaces; a reading equal to an
    earlier one is dropped, and a system that cannot read every character gives none."""
    if not han_run:
        return ()
    cantonese = _cantonese(han_run) or (None, None)
    found = (_wade_giles(han_run), *cantonese, _sino_vietnamese(han_run))
    return tuple(dict.fromkeys(reading for reading in found if reading))


@lru_cache(maxsize=1)
def syllable_inventories() -> tuple[frozenset[str], frozenset[str]]:
    """(pinyin and Wade-Giles syllables, Jyutping syllables), toneless, ü as both v and u."""
    from pypinyin.contrib.tone_convert import to_normal  # noqa: PLC0415
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415
    from pypinyin.style.wadegiles import to_wade_glides  # noqa: PLC0415

    marked = {reading for value in pinyin_dict.values() for reading in value.split(",")}
    pinyin = {to_normal(reading) for reading in marked}
    wade_giles = {_NOT_LETTER.sub("", to_wade_glides(syllable)) for syllable in pinyin}
    mandarin = {s for s in pinyin | wade_giles if _LETTERS.fullmatch(s)}
    mandarin |= {syllable.replace("v", "u") for syllable in mandarin}
    lines = (_DATA / "jyutping_syllables.txt").read_text(encoding="utf-8").split()
    cantonese = frozenset(line for line in lines if _LETTERS.fullmatch(line))
    return frozenset(mandarin), cantonese


@lru_cache(maxsize=1)
def _longest_syllable() -> int:
    mandarin, cantonese = syllable_inventories()
    return max(len(syllable) for syllable in mandarin | cantonese)


def is_tone_segmentable(token: str) -> bool:
    """True if token is syllables (pinyin, Wade-Giles or Jyutping), each optionally followed
    by one tone digit (1-5; 6 after a Jyutping syllable). Dynamic programming over positions:
    ``reachable[i]`` says token[:i] splits so; each step tries every syllable length."""
    mandarin, cantonese = syllable_inventories()
    longest = _longest_syllable()
    reachable = [False] * (len(token) + 1)
    reachable[0] = True
    for start in range(len(token)):
        if not reachable[start]:
            continue
        for end in range(start + 1, min(len(token), start + longest) + 1):
            piece = token[start:end]
            in_mandarin, in_cantonese = piece in mandarin, piece in cantonese
            if not (in_mandarin or in_cantonese):
                continue
            reachable[end] = True
            tone = token[end : end + 1]
            if tone and (tone in "12345" or (tone == "6" and in_cantonese)):
                reachable[end + 1] = True
    return reachable[-1]


@lru_cache(maxsize=65536)
def toneless(token: str) -> str | None:
    """A folded query token typed with tone numbers or v for ü, made entirely of pinyin,
    Wade-Giles or Jyutping syllables each optionally followed by one tone digit -> the token
    without digits, v written u ('shang4hai3' -> 'shanghai', 'nv3' -> 'nu'); None for
    anything else ('mp3', '1917', 'love', and 'xi', which has neither digit nor v)."""
    if not _TOKEN.fullmatch(token) or not ("v" in token or _DIGITS.search(token)):
        return None
    if not is_tone_segmentable(token):
        return None
    return _DIGITS.sub("", token).replace("v", "u")
