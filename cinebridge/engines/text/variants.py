"""Other spellings people type for a name, as skeleton tokens for its index text.

Besides its own romanisation (``normalise.romanise``: pinyin, anyascii), a name is found by

- its Chinese characters read in the other systems people type (``han.han_readings``):
  Wade-Giles (``Hsi-yu chi``), Jyutping and the Hong Kong spellings of Cantonese
  (``Mou Gaan Dou``), Sino-Vietnamese (``Tây du ký``);
- its Cyrillic in every transliteration scheme of Russian, German and French included
  (``cyrillic.distinct_skeletons``: ``Tschechow``, ``Tchekhov``);
- its numbers written the other way (``numbers.number_variants``: «Тридцать три» by
  ``33``, "Apollo 13" by ``thirteen`` or ``тринадцать``).

Each spelling becomes skeleton tokens (``normalise.skeleton``, so any transliteration of
the spelling matches too) and compacts; ranking puts a match on them in the skeleton tiers,
below every literal match of the name.
"""

from __future__ import annotations

from cinebridge.engines.text.cyrillic import distinct_skeletons
from cinebridge.engines.text.han import han_readings
from cinebridge.engines.text.normalise import HAN, romanise, skeleton
from cinebridge.engines.text.numbers import number_variants

# At most this many other spellings per name: a long title cannot explode.
MAX_VARIANTS = 12


def _of_romanised(romanised: str) -> tuple[tuple[str, ...], str]:
    words = romanised.split()
    return tuple(skeleton(word) for word in words), skeleton("".join(words))


def variant_skeletons(name: str, folded: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The other spellings of ``name`` (``folded`` is ``fold(name)``), each as (skeleton
    tokens, compact skeleton); distinct, at most ``MAX_VARIANTS``, none equal to the name's
    own romanisation."""
    found: list[tuple[tuple[str, ...], str]] = []
    for run in HAN.finditer(folded):  # one run at a time; the others stay pinyin
        for reading in han_readings(run.group()):
            text = f"{folded[: run.start()]} {reading} {folded[run.end() :]}"
            found.append(_of_romanised(romanise(text)))
    for spelling in distinct_skeletons(name):
        tokens = tuple(spelling.split())
        found.append((tokens, "".join(tokens)))
    for variant in number_variants(folded):
        found.append(_of_romanised(romanise(variant)))
    own = _of_romanised(romanise(folded))
    return tuple(v for v in dict.fromkeys(found) if v != own and v[0])[:MAX_VARIANTS]
