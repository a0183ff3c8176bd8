"""The plain records the avails engine takes and returns.

Territories and media are masks over a taxonomy's leaves. Periods are half-open date
intervals [start, end); an end of None is open. Records come resolved: a period that
starts relative to an event arrives with dates, flagged provisional when the event date
was not known and a conservative date stood in for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

OPEN_END = date.max.toordinal() + 1
"""Day number used for an open end inside the engine: later than any real date."""


LanguageVersion = tuple[str, str]
"""(BCP 47 tag, usage) with usage one of "audio", "subtitles", "voice_over". On a record, a
set of them limits what it covers (and blocks) to those languages; an empty set is every
language (``languages.language_leaf`` says when two tags are the same language)."""


class PeriodInvalid(ValueError):
    """A period that ends on or before it starts."""


@dataclass(frozen=True, slots=True)
class Period:
    """A half-open date interval [start, end); end None means open-ended."""

    start: date
    end: date | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise PeriodInvalid(f"period ends on {self.end}, not after its start {self.start}")

    @property
    def first_day(self) -> int:
        """The start as a day number (date.toordinal)."""
        return self.start.toordinal()

    @property
    def stop_day(self) -> int:
        """The end as a day number, OPEN_END when open."""
        return OPEN_END if self.end is None else self.end.toordinal()

    @property
    def days(self) -> int | None:
        """Length in days, None when open."""
        return None if self.end is None else (self.end - self.start).days

    @classmethod
    def from_days(cls, first: int, stop: int) -> Period:
        """The period [first, stop) of day numbers; stop OPEN_END is an open end."""
        return cls(date.fromordinal(first), None if stop >= OPEN_END else date.fromordinal(stop))


@dataclass(frozen=True, slots=True)
class RightsIn:
    """What a holder owns or represents of one title, from a source contract."""

    id: int
    title_id: int
    holder_id: int
    territories: int
    media: int
    period: Period
    exclusive: bool = True
    source: str = ""
    languages: frozenset[LanguageVersion] = frozenset()


@dataclass(frozen=True, slots=True)
class Grant:
    """One title of a signed licence: licensor to licensee, territories x media x period.

    A grant binds everyone but its licensee: it blocks other sales of the same rights.
    """

    id: int
    deal_id: int
    deal_ref: str
    title_id: int
    licensor_id: int
    licensee_id: int
    territories: int
    media: int
    period: Period
    exclusive: bool
    provisional: bool = False
    languages: frozenset[LanguageVersion] = frozenset()


@dataclass(frozen=True, slots=True)
class Holdback:
    """A period in which a medium may not be exploited in some territories, from a deal.

    Hard holdbacks block a sale; soft ones only warn. The deal's licensee is not bound.
    """

    id: int
    deal_id: int
    deal_ref: str
    title_id: int
    licensee_id: int
    territories: int
    media: int
    period: Period
    hard: bool = True
    provisional: bool = False
    languages: frozenset[LanguageVersion] = frozenset()


class Match(StrEnum):
    """Whether a title must be free for the entire period or for a window inside it."""

    ENTIRE = "entire"
    OVERLAP = "overlap"


@dataclass(frozen=True, slots=True)
class AvailsQuery:
    """What can the holder license: titles x territories x media x period, and how.

    title_ids None means every title the holder has rights in. min_days is the shortest
    free window that counts (0: any).
    """

    holder_id: int
    territories: int
    media: int
    period: Period
    exclusive: bool = False
    languages: frozenset[LanguageVersion] = frozenset()
    match: Match = Match.ENTIRE
    min_days: int = 0
    title_ids: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if not self.territories:
            raise ValueError("an avails query needs at least one territory")
        if not self.media:
            raise ValueError("an avails query needs at least one medium")
        if self.min_days < 0:
            raise ValueError("the minimum window cannot be negative")
        days = self.period.days
        if days is not None and self.min_days > days:
            raise ValueError(f"the minimum window ({self.min_days} days) is longer than the period")


class Status(StrEnum):
    """A title's answer to a query."""

    AVAILABLE = "available"
    PARTIAL = "partial"
    UNAVAILABLE = "unavailable"


class Reason(StrEnum):
    """Why a cell is not available."""

    NOT_HELD = "not_held"
    HELD_NON_EXCLUSIVE = "held_non_exclusive"
    EXCLUSIVE_LICENCE = "exclusive_licence"
    NON_EXCLUSIVE_LICENCE = "non_exclusive_licence"
    HOLDBACK = "holdback"
    SOFT_HOLDBACK = "soft_holdback"
    NO_LANGUAGE_VERSION = "no_language_version"


@dataclass(frozen=True, slots=True)
class Block:
    """One reason a cell is blocked (or, for a soft holdback, warned about).

    record_id is the rights-in, grant or holdback row; until is that record's end.
    """

    reason: Reason
    record_id: int | None = None
    deal_id: int | None = None
    deal_ref: str = ""
    until: date | None = None
    provisional: bool = False
    detail: str = ""
    languages: tuple[LanguageVersion, ...] = ()
    """The leaves (``languages.language_leaf``) the blocking record is limited to, sorted;
    () when it covers every language."""


@dataclass(frozen=True, slots=True)
class Cell:
    """A block of territories x media x period, all with the same answer."""

    territories: int
    media: int
    period: Period
    languages: tuple[LanguageVersion, ...] = ()
    """The language leaves (``languages.language_leaf``) of the cell, sorted; () when the
    rows never split the languages asked. ``languages.OTHER`` stands for every language no row names."""


@dataclass(frozen=True, slots=True)
class BlockedCell:
    """A cell and every reason it is blocked."""

    cell: Cell
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class TitleAvails:
    """One title's answer: its status, the free cells and the blocked ones with reasons,
    and which version met each wanted language: (wanted tag, usage, version tag)."""

    title_id: int
    status: Status
    free: tuple[Cell, ...] = ()
    blocked: tuple[BlockedCell, ...] = ()
    warnings: tuple[BlockedCell, ...] = field(default=())
    languages: tuple[tuple[str, str, str], ...] = ()
