"""Other spellings people type for a name, as compacts (words) of its index text.

Besides its own romanisation (``normalise.romanise``: pinyin, anyascii), a name is found by

- its Chinese characters read in the other systems people type (``han.han_readings``):
  Wade-Giles (``Hsi-yu chi``), Jyutping and the Hong Kong spellings of Cantonese
  (``Mou Gaan Dou``), Sino-Vietnamese (``Tây du ký``);
- its Cyrillic in every transliteration scheme of Russian, German and French included
  (``cyrillic.distinct_skeletons``: ``Tschechow``, ``Tchekhov``);
- its numbers written the other way (``numbers.number_variants``: «Тридцать три» by
  ``33``, "Apollo 13" by ``thirteen`` or ``тринадцать``).

Each spelling becomes one word of the name's index text, a compact (see
``variant_compacts``), never words per syllable: those would let a short syllable typed in
one system match countless titles through the others. A query matches them as substrings,
like every compact, and ranking puts such a match in the skeleton tiers, below every
literal match of the name.
"""

from __future__ import annotations

from collections.abc import Collection

from cinebridge.engines.text.cyrillic import distinct_skeletons
from cinebridge.engines.text.han import han_readings
from cinebridge.engines.text.normalise import HAN, compact_skeletons, romanise, skeleton
from cinebridge.engines.text.numbers import number_variants

# At most this many other spellings per name: a long title cannot explode.
MAX_VARIANTS = 12


def variant_compacts(name: str, folded: str, own: Collection[str]) -> tuple[str, ...]:
    """The other spellings of ``name`` (``folded`` is ``fold(name)``, ``own`` the compacts of
    its own romanisation) as compacts, distinct, at most ``MAX_VARIANTS`` spellings.

    Readings of Chinese characters in other systems are kept as spelled, without spaces
    (``hsiyuchi``, ``coengonsaammaanlei``), not reduced to skeletons: the skeleton rules are
    made for Russian, and on Cantonese they would merge ``coeng`` with pinyin's ``cheng``
    (both ``ceng``), so a pinyin query would find every title holding 长 through its
    Jyutping. Russian in other schemes and numbers the other way are skeletons, so that
    every transliteration of them matches.
    """
    spellings: list[tuple[str, ...]] = []
    for run in HAN.finditer(folded):  # one run at a time; the others stay pinyin
        for reading in han_readings(run.group()):
            text = f"{folded[: run.start()]} {reading} {folded[run.end() :]}"
            spelled = "".join(romanise(text).split())
            if skeleton(spelled) not in own:  # pinyin's already (Wade-Giles "an")
                spellings.append((spelled,))
    for spelling in distinct_skeletons(name):
        spellings.append(("".join(spelling.split()),))
    for variant in number_variants(folded):
        spellings.append(compact_skeletons(romanise(variant)))
    kept = [c for c in dict.fromkeys(spellings) if not set(own).issuperset(c)][:MAX_VARIANTS]
    return tuple(dict.fromkeys(c for compacts in kept for c in compacts if c))
