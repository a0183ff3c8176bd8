"""Standard identifiers of audiovisual works: EIDR, ISAN and IMDb title ids.

The same identifier means the same work, whoever lists it. Each is checked for its form and,
for EIDR and ISAN, its ISO 7064 Mod 37,36 check characters; ``normalise`` returns the
canonical spelling or None when the text is not a valid identifier.
"""

from __future__ import annotations

import re

_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_EIDR = re.compile(r"^(?:10\.5240/)?" + r"([0-9A-F]{4})-?" * 5 + r"([0-9A-Z])$")
_ISAN = re.compile(r"^(?:ISAN)?([0-9A-F]{16})([0-9A-Z])(?:([0-9A-F]{8})([0-9A-Z]))?$")
_IMDB = re.compile(r"^tt[0-9]{7,9}$")

IDENTIFIER_FIELDS = ("eidr", "isan", "imdb")


def mod37_36(text: str) -> str:
    """The ISO 7064 Mod 37,36 check character of hex/alphanumeric text."""
    product = 36
    for char in text:
        total = (product + _ALPHABET.index(char)) % 36 or 36
        product = (2 * total) % 37
    return _ALPHABET[(37 - product) % 36]


def eidr_normalise(text: str) -> str | None:
    """``10.5240/XXXX-XXXX-XXXX-XXXX-XXXX-C`` when the text is an EIDR with a valid check."""
    found = _EIDR.match(re.sub(r"\s+", "", text).upper())
    if not found:
        return None
    groups = found.groups()
    if mod37_36("".join(groups[:5])) != groups[5]:
        return None
    return "10.5240/" + "-".join(groups)


def isan_normalise(text: str) -> str | None:
    """``ISAN XXXX-XXXX-XXXX-XXXX-C[-XXXX-XXXX-C]`` when both check characters are valid."""
    compact = re.sub(r"[\s-]+", "", text).upper()
    found = _ISAN.match(compact)
    if not found:
        return None
    work, check, version, check2 = found.groups()
    if mod37_36(work) != check or version and mod37_36(work + version) != check2:
        return None
    out = "ISAN " + "-".join(work[i : i + 4] for i in range(0, 16, 4)) + "-" + check
    if version:
        out += "-" + version[:4] + "-" + version[4:] + "-" + check2
    return out


def imdb_normalise(text: str) -> str | None:
    """``tt`` and 7 to 9 digits."""
    value = text.strip().lower()
    return value if _IMDB.match(value) else None


NORMALISERS = {"eidr": eidr_normalise, "isan": isan_normalise, "imdb": imdb_normalise}
SCHEME_NAMES = {"eidr": "EIDR", "isan": "ISAN", "imdb": "IMDb id"}
EXAMPLES = {
    "eidr": "10.5240/7791-8534-2C23-9030-8610-5",
    "isan": "ISAN 0000-0000-3A8D-0000-Z-0000-0000-6",
    "imdb": "tt0123456",
}
