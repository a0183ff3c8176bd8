"""The one rule on text that any input may hold, whatever the path it comes in by.

Refused: the C0 control characters (U+0000-U+001F) but tab and line feed, and carriage
return except where a line break is allowed (``multiline``); and lone surrogates
(U+D800-U+DFFF: half of a UTF-16 pair, which JSON's ``"\\ud800"`` escape can carry but
no UTF-8 text can hold). PostgreSQL refuses NUL outright, SQLite stores it, and XML (and so
XLSX and EMA Avails XML) can hold none of them: checking at the door keeps every later
reader and writer working. This is the set XML 1.0 refuses, so a file that is XML already
obeys it.

Callers: the spec validators (``catalog.specs``, ``rights.specs``: forms, API, imports), the
DRF parsers (``core.parsers``: every API body), the query-string middleware
(``core.middleware``) and the EMA spreadsheet reader; ``without_refused`` serves the
writers of what was stored before (``core.spreadsheets.xlsx_cell``, the EMA export).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_REFUSED_ON_ONE_LINE = re.compile("[\x00-\x08\x0b-\x1f\ud800-\udfff]")


class TextError(StrEnum):
    CONTROL_CHARACTER = "control_character"
    LONE_SURROGATE = "lone_surrogate"


MESSAGES: dict[TextError, Any] = {
    TextError.CONTROL_CHARACTER: _(
        "contains the control character {character} at position {position}; remove it"
    ),
    TextError.LONE_SURROGATE: _(
        "contains {character} at position {position}, half of a surrogate pair, "
        "which is not text; send the whole character"
    ),
}


@dataclass(frozen=True)
class TextProblem:
    """The first refused character of a text: its code point (``U+0000``) and 1-based position."""

    code: TextError
    character: str
    position: int

    @property
    def message(self) -> str:
        return str(MESSAGES[self.code]).format(character=self.character, position=self.position)


def text_problem(text: str, *, multiline: bool = False) -> TextProblem | None:
    """The first character of ``text`` that no input may hold, or None when it is fine.

    ``multiline``: the field allows line breaks, so a carriage return (CR LF) is fine too.
    """
    found = (_REFUSED if multiline else _REFUSED_ON_ONE_LINE).search(text)
    if found is None:
        return None
    char = found.group()
    code = TextError.LONE_SURROGATE if "\ud800" <= char <= "\udfff" else TextError.CONTROL_CHARACTER
    return TextProblem(code, f"U+{ord(char):04X}", found.start() + 1)


def without_refused(text: str) -> str:
    """``text`` with every refused character dropped (line breaks and CR kept): for writers of
    what is already stored (XLSX cannot hold these characters at all)."""
    return _REFUSED.sub("", text)


def printable(text: str) -> str:
    """``text`` with every refused character written as an escape (``\\x01``, ``\\ud800``)."""
    return _REFUSED.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


def payload_problems(data: Any, path: str = "") -> Iterator[tuple[str, TextProblem]]:
    """(path, problem) for every string of a parsed payload (keys too) that breaks the rule.

    Paths name list items from 1, as the rights API does: ``grants[2].notes``. Line breaks
    (with CR) are allowed here; a field that must be one line says so in its own validator.
    """
    if isinstance(data, str):
        problem = text_problem(data, multiline=True)
        if problem is not None:
            yield path, problem
    elif isinstance(data, dict):
        for key, value in data.items():
            name = printable(str(key))
            if isinstance(key, str) and (problem := text_problem(key, multiline=True)):
                yield (f"{path}.{name}" if path else name), problem
            yield from payload_problems(value, f"{path}.{name}" if path else name)
    elif isinstance(data, list | tuple):
        for index, value in enumerate(data, start=1):
            yield from payload_problems(value, f"{path}[{index}]")
