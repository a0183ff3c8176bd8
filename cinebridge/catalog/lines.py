"""The title form's lists as text, one item per line (the syntax is shown on the form).

``<field>_text(spec)`` writes a ``TitleSpec`` list as lines; ``<field>_parse(text)`` reads the
lines back into the raw items ``specs.title_spec_from_raw`` takes, with the line each item
came from, so a problem the validator finds is reported at its line. Writing then reading
gives the same spec, so saving an unchanged form changes nothing.

    localised titles   lang: text           en: Well, Just You Wait!
                       lang (kind): text    ru-Latn (romanisation): Nu, pogodi!
    synopses           lang: text           en: A wolf chases a hare.  (may run on for lines,
                                            until a line starting with the next "lang:")
    credits            role: Name           director: Вячеслав Котёночкин
                       role: Name (Char.)   voice: Анатолий Папанов (Волк)  (cast and voice)
    other names        Name = lang: text    Анатолий Папанов = en: Anatoli Papanov
    versions           lang: kind           vi: subtitles
    links              kind: url [label]    trailer: https://example.org/trailer.mp4
                       kind (lang): url     trailer (en): https://example.org/t.mp4 Teaser
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cinebridge.catalog.columns import CHARACTER_COLUMNS, CREDIT_COLUMNS, split_character
from cinebridge.catalog.models import LocalisedTitleKind
from cinebridge.catalog.specs import AssetSpec, CreditSpec, LocalisedTitleSpec, VersionSpec

LOCALISED_FORM = "lang: title, e.g. en: Well, Just You Wait!"
SYNOPSIS_FORM = "lang: text, e.g. en: A wolf chases a hare."
CREDIT_FORM = "role: Name, e.g. director: Вячеслав Котёночкин"
PERSON_NAME_FORM = "Name = lang: name, e.g. Юрий Норштейн = en: Yuri Norstein"
VERSION_FORM = "lang: kind, e.g. vi: subtitles"
ASSET_FORM = "kind: url, e.g. trailer: https://example.org/trailer.mp4"

# "lang: text", "lang (detail): text"; the first colon ends the head, so texts keep theirs.
_HEAD = re.compile(r"^(?P<head>[^\s:()]+)\s*(?:\((?P<detail>[^()]*)\))?\s*:\s*(?P<rest>.*)$")
# A synopsis starts at a line that begins with a language tag (lower-case language) and ":".
_SYNOPSIS_HEAD = re.compile(r"^(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*)\s*:\s*(?P<rest>.*)$")
_CHARACTER_ROLES = frozenset(CREDIT_COLUMNS[c] for c in CHARACTER_COLUMNS)


@dataclass
class ParsedLines:
    """Raw items for the validator, the line (1-based) of each, and lines not in the form."""

    items: list[Any] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    malformed: list[tuple[int, str, str]] = field(default_factory=list)  # (line, text, form)

    def add(self, line: int, item: Any) -> None:
        self.items.append(item)
        self.lines.append(line)


def _lines(text: str) -> list[tuple[int, str]]:
    """Numbered, stripped, non-empty lines (any newline convention)."""
    rows = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [(n, row.strip()) for n, row in enumerate(rows, start=1) if row.strip()]


def _head(line: str) -> tuple[str, str, str] | None:
    match = _HEAD.match(line)
    if match is None or not match["rest"].strip():
        return None
    return match["head"], (match["detail"] or "").strip(), match["rest"].strip()


# Localised titles


def localised_titles_text(items: Sequence[LocalisedTitleSpec]) -> str:
    lines = []
    for lt in items:
        detail = "" if lt.kind == LocalisedTitleKind.OFFICIAL else f" ({lt.kind})"
        lines.append(f"{lt.language}{detail}: {lt.text}")
    return "\n".join(lines)


def localised_titles_parse(text: str) -> ParsedLines:
    parsed = ParsedLines()
    for number, line in _lines(text):
        head = _head(line)
        if head is None:
            parsed.malformed.append((number, line, LOCALISED_FORM))
            continue
        language, kind, title = head
        parsed.add(number, {"language": language, "text": title, "kind": kind or "official"})
    return parsed


# Synopses


def synopses_text(items: Sequence[tuple[str, str]]) -> str:
    return "\n\n".join(f"{language}: {text}" for language, text in items)


def synopses_parse(text: str) -> ParsedLines:
    parsed = ParsedLines()
    rows = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    current: dict[str, Any] | None = None
    for number, row in enumerate(rows, start=1):
        match = _SYNOPSIS_HEAD.match(row.strip())
        if match is not None:
            current = {"language": match["lang"], "text": match["rest"]}
            parsed.add(number, current)
        elif current is not None:
            current["text"] += "\n" + row.rstrip()
        elif row.strip():
            parsed.malformed.append((number, row.strip(), SYNOPSIS_FORM))
    for item in parsed.items:
        item["text"] = item["text"].strip()
    return parsed


# Credits and people's names in other scripts


def credits_text(items: Sequence[CreditSpec]) -> str:
    lines = []
    for credit in items:
        name = f"{credit.name} ({credit.character})" if credit.character else credit.name
        lines.append(f"{credit.role}: {name}")
    return "\n".join(lines)


def person_names_text(items: Sequence[CreditSpec]) -> str:
    """Each credited person's names in other scripts, once per person."""
    lines, seen = [], set()
    for credit in items:
        if credit.name in seen:
            continue
        seen.add(credit.name)
        lines += [f"{credit.name} = {language}: {text}" for language, text in credit.names]
    return "\n".join(lines)


def credits_parse(text: str) -> ParsedLines:
    """Credits without the people's other names (``person_names_parse`` reads those)."""
    parsed = ParsedLines()
    for number, line in _lines(text):
        head = _head(line)
        if head is None or head[1]:
            parsed.malformed.append((number, line, CREDIT_FORM))
            continue
        role, _, person = head
        role = CREDIT_COLUMNS.get(role.lower(), role)  # "directors", as in a file, is fine
        name, character = split_character(person) if role in _CHARACTER_ROLES else (person, "")
        parsed.add(number, {"role": role, "name": name, "character": character})
    return parsed


def person_names_parse(text: str) -> ParsedLines:
    """Items ``(name, (language, text))``: a credited person's name in another script."""
    parsed = ParsedLines()
    for number, line in _lines(text):
        person, equals, other = line.partition("=")
        language, colon, written = other.partition(":")
        if equals and colon and person.strip() and language.strip() and written.strip():
            parsed.add(number, (person.strip(), (language.strip(), written.strip())))
        else:
            parsed.malformed.append((number, line, PERSON_NAME_FORM))
    return parsed


def credits_with_names(credits: list[dict[str, Any]], names: list[Any]) -> list[dict[str, Any]]:
    """``credits`` with each person's other names from ``person_names_parse`` items."""
    by_person: dict[str, list[tuple[str, str]]] = {}
    for person, pair in names:
        by_person.setdefault(person, []).append(pair)
    return [
        {**credit, "names": by_person[credit["name"]]} if credit["name"] in by_person else credit
        for credit in credits
    ]


# Versions


def versions_text(items: Sequence[VersionSpec]) -> str:
    return "\n".join(f"{v.language}: {v.kind}" for v in items)


def versions_parse(text: str) -> ParsedLines:
    parsed = ParsedLines()
    for number, line in _lines(text):
        head = _head(line)
        if head is None or head[1]:
            parsed.malformed.append((number, line, VERSION_FORM))
            continue
        language, _, kinds = head
        for kind in (k.strip() for k in kinds.split(",")):
            if kind:
                parsed.add(number, {"language": language, "kind": kind})
    return parsed


# Links (media assets)


def assets_text(items: Sequence[AssetSpec]) -> str:
    lines = []
    for asset in items:
        detail = f" ({asset.language})" if asset.language else ""
        label = f" {asset.label}" if asset.label else ""
        lines.append(f"{asset.kind}{detail}: {asset.url}{label}")
    return "\n".join(lines)


def assets_parse(text: str) -> ParsedLines:
    parsed = ParsedLines()
    for number, line in _lines(text):
        head = _head(line)
        if head is None:
            parsed.malformed.append((number, line, ASSET_FORM))
            continue
        kind, language, rest = head
        url, _, label = rest.partition(" ")
        parsed.add(
            number,
            {"kind": kind, "url": url, "language": language, "label": label.strip()},
        )
    return parsed
