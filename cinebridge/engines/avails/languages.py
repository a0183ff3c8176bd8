"""Which language version meets a wanted one: by language, script and region, not by prefix.

Tags are BCP 47 (language[-Script][-REGION]...), compared case-insensitively. The adapter
hands the engine resolved tags: a bare wanted language gets the script likely in the
territories asked (zh for CN is zh-Hans, for TW zh-Hant), and each version gets its likely
script when it names none (zh-CN is zh-Hans-CN), both from CLDR likely subtags. So a
request for zh subtitles in China is not met by zh-Hant, which a prefix match allowed.
"""

from __future__ import annotations

from collections.abc import Iterable

from cinebridge.engines.avails.records import LanguageVersion

OTHER: LanguageVersion = ("*", "*")
"""The language leaf of every (language, usage) that no record names."""
LANGUAGE_LEAVES = 256
"""Language leaves an index numbers; leaf 0 is OTHER. Past this many distinct named leaves a
new one is counted as OTHER: a record limited to it then blocks every unnamed language too
(over-cautious, never selling what is sold)."""


def subtags(tag: str) -> tuple[str, str, str]:
    """(language, script, region) of a tag, lower case; "" for a subtag it does not name."""
    parts = tag.replace("_", "-").lower().split("-")
    script = region = ""
    rest = parts[1:]
    if rest and len(rest[0]) == 4 and rest[0].isalpha():
        script = rest.pop(0)
    if rest and (
        len(rest[0]) == 2 and rest[0].isalpha() or len(rest[0]) == 3 and rest[0].isdigit()
    ):
        region = rest[0]
    return parts[0], script, region


def version_meets(wanted: str, version: str) -> bool:
    """Does a version tagged ``version`` meet the wanted tag? The languages are equal, and
    a script or region the wanted tag names is the version's too ("vi" is met by "vi-VN";
    "vi-VN" is not met by "vi"; "zh-Hans" is not met by "zh-Hant")."""
    w_lang, w_script, w_region = subtags(wanted)
    v_lang, v_script, v_region = subtags(version)
    return (
        w_lang == v_lang
        and (not w_script or w_script == v_script)
        and (not w_region or w_region == v_region)
    )


def meeting_version(wanted: LanguageVersion, versions: Iterable[LanguageVersion]) -> str | None:
    """The version tag (the first in sorted order) that meets a wanted (tag, usage), or None."""
    tag, usage = wanted
    found = sorted(v for v, u in versions if u == usage and version_meets(tag, v))
    return found[0] if found else None


def language_leaf(tag: str, usage: str) -> LanguageVersion:
    """The leaf a (tag, usage) falls in: language and script subtags, lower case, the region
    dropped ("zh-Hans-CN" and "zh-Hans-SG" are one language), times the usage as stated:
    subtitled, dubbed (audio) and voice-over versions of a language are distinct leaves."""
    language, script, _region = subtags(tag)
    return (f"{language}-{script}" if script else language, usage)


def leaves_named(languages: Iterable[LanguageVersion]) -> tuple[LanguageVersion, ...]:
    """The leaves a record's languages cover, sorted: how a Block names them, whatever
    spelling each record used ("zh-CN" and "zh-Hans" are both ("zh-hans", usage))."""
    return tuple(sorted({language_leaf(tag, usage) for tag, usage in languages}))


class LanguageLeaves:
    """Language leaves numbered as they are met, and record language sets as bit masks.

    Bit 0 is OTHER; the mask of an empty set (every language) has every bit set, so leaves
    numbered later are inside it too.
    """

    ALL = (1 << LANGUAGE_LEAVES) - 1

    def __init__(self) -> None:
        self.bit: dict[LanguageVersion, int] = {OTHER: 0}
        self.leaves: list[LanguageVersion] = [OTHER]

    def leaf_bit(self, tag: str, usage: str) -> int:
        """The bit of a (tag, usage)'s leaf, numbering it if it is new."""
        leaf = language_leaf(tag, usage)
        found = self.bit.get(leaf)
        if found is None:
            if len(self.leaves) >= LANGUAGE_LEAVES:
                return 0
            found = self.bit[leaf] = len(self.leaves)
            self.leaves.append(leaf)
        return found

    def mask(self, languages: Iterable[LanguageVersion]) -> int:
        """The mask of a record's or a query's languages; every bit when there are none."""
        mask = 0
        for tag, usage in languages:
            mask |= 1 << self.leaf_bit(tag, usage)
        return mask or self.ALL

    def asked(self, languages: Iterable[LanguageVersion]) -> int:
        """A query's mask, numbering nothing: a leaf no record names is OTHER."""
        mask = 0
        for tag, usage in languages:
            mask |= 1 << self.bit.get(language_leaf(tag, usage), 0)
        return mask or self.ALL

    def leaves_of(self, mask: int) -> tuple[LanguageVersion, ...]:
        """The leaves in a mask, sorted (OTHER last); () for the mask of every language."""
        if mask == self.ALL:
            return ()
        found = [leaf for i, leaf in enumerate(self.leaves) if i and mask >> i & 1]
        return (*sorted(found), *((OTHER,) if mask & 1 else ()))


__all__ = [
    "LANGUAGE_LEAVES",
    "OTHER",
    "LanguageLeaves",
    "language_leaf",
    "leaves_named",
    "meeting_version",
    "subtags",
    "version_meets",
]
