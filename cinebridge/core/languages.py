"""Which language version meets a request, for the avails and the catalog search alike.

One rule (``engines.avails.languages.version_meets``: language, script and region, not tag
prefix) on tags resolved here with CLDR likely subtags (babel). For a language whose likely
script depends on the territory (zh, sr, uz, pa...), a bare wanted language gets
the script likely in the territory asked (zh for CN is zh-Hans, for TW and HK zh-Hant; sr
for RS sr-Cyrl), and a version that names no script gets its likely one (zh-CN is
zh-Hans-CN, zh-TW zh-Hant-TW, a bare zh zh-Hans). Without a territory a bare language
keeps any script (the catalog filter ``zh`` lists every Chinese version).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel.core import get_global

from cinebridge.engines.avails import version_meets
from cinebridge.engines.avails.languages import subtags


@lru_cache(maxsize=4096)
def _likely_script(language: str, region: str) -> str:
    """The CLDR likely script of language (in region, when given), "" if CLDR has none."""
    likely = get_global("likely_subtags")
    for key in (f"{language}_{region.upper()}" if region else "", language):
        if key and key in likely:
            parts = likely[key].split("_")
            return parts[1] if len(parts) > 2 and len(parts[1]) == 4 else ""
    return ""


@lru_cache(maxsize=1024)
def _regional_scripts(language: str) -> bool:
    """Whether CLDR gives the language different likely scripts in different territories
    (zh: Hans in CN, Hant in TW; sr: Cyrl in RS, Latn in ME). Only such languages get a
    script filled in: vi stays vi, and a request for it is named as asked."""
    likely = get_global("likely_subtags")
    found = set()
    for key, value in likely.items():
        head, _, region = key.partition("_")
        if head == language and (not region or len(region) == 2 or region.isdigit()):
            parts = value.split("_")
            if len(parts) > 2:
                found.add(parts[1])
    return len(found) > 1


def _with_script(tag: str, script: str) -> str:
    if not script or not _regional_scripts(subtags(tag)[0]):
        return tag
    parts = tag.split("-")
    return "-".join([parts[0], script, *parts[1:]])


def version_tag(tag: str) -> str:
    """A version's tag with its likely script filled in: "zh-CN" -> "zh-Hans-CN"."""
    language, script, region = subtags(tag)
    return tag if script else _with_script(tag, _likely_script(language, region))


def wanted_tag(tag: str, territory: str | None = None) -> str:
    """A wanted language resolved for a territory: ("zh", "CN") -> "zh-Hans", ("zh", "TW")
    -> "zh-Hant"; a tag that names a region resolves for it ("zh-TW" -> "zh-Hant-TW"); one
    that names a script, or a bare one without territory, stays as it is."""
    language, script, region = subtags(tag)
    if script or not (region or territory):
        return tag
    return _with_script(tag, _likely_script(language, region or territory or ""))


def wanted_tags(tag: str, territories: Iterable[str]) -> list[str]:
    """The distinct resolutions of a wanted tag over the territories asked, sorted; a query
    for zh over CN and TW needs both zh-Hans and zh-Hant."""
    return sorted({wanted_tag(tag, t) for t in territories} or {tag})


def tags_meeting(wanted: str, tags: Iterable[str]) -> list[str]:
    """The version tags (as stored) among ``tags`` that meet the wanted tag."""
    return [t for t in tags if version_meets(wanted, version_tag(t))]


__all__ = ["tags_meeting", "version_meets", "version_tag", "wanted_tag", "wanted_tags"]
