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


__all__ = ["meeting_version", "subtags", "version_meets"]
