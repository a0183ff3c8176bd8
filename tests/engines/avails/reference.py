"""A slow, obviously correct avails reference the engine is checked against.

Everything is expanded to single cells (territory leaf, medium leaf, language leaf, day) and
every record is tested against every cell; nothing is shared with the engine but its record
types. The language rule is written out here again: a language leaf is a tag's language
subtag and script subtag if it names one (lower case, region dropped) times the usage; a
record without languages covers every leaf, including OTHER, which stands for every language
no record names; a query without languages asks every leaf, OTHER included.
Taxonomies and dates are small so the expansion stays cheap: records and queries live in
[BASE, BASE + SPAN days]. An open end is clipped at HORIZON: the single day HORIZON stands
for every day from there to the open end (nothing changes after the last finite date).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cinebridge.engines.avails import (
    OPEN_END,
    AvailsQuery,
    Cell,
    Grant,
    Holdback,
    LanguageVersion,
    Match,
    Node,
    Period,
    Reason,
    RightsIn,
    Status,
    Taxonomy,
)

BASE = date(2030, 1, 1)
SPAN = 60
HORIZON = BASE.toordinal() + SPAN + 40
"""Stands for every day from HORIZON to the open end: later than any finite date used."""

# Six territory leaves in a three-level tree, plus a group that cuts across it.
TERRITORIES = Taxonomy(
    [
        Node("W", None, "World"),
        Node("EUR", "W", "Europe"),
        Node("WEU", "EUR", "Western Europe"),
        Node("FR", "WEU"),
        Node("DE", "WEU"),
        Node("EEU", "EUR", "Eastern Europe"),
        Node("RU", "EEU"),
        Node("BY", "EEU"),
        Node("ASIA", "W", "Asia"),
        Node("VN", "ASIA"),
        Node("TH", "ASIA"),
    ],
    groups={"FRANCOPHONE": ["FR", "VN"]},
)

# Four media leaves in two levels.
MEDIA = Taxonomy(
    [
        Node("ALL", None, "All media"),
        Node("TV", "ALL"),
        Node("FTV", "TV"),
        Node("PAYTV", "TV"),
        Node("VOD", "ALL"),
        Node("SVOD", "VOD"),
        Node("AVOD", "VOD"),
    ]
)

Leaf = tuple[str, str]
"""A language leaf: (language[-script], usage), lower case."""
OTHER: Leaf = ("*", "*")
"""The leaf of every language no record names."""
Key = tuple[int, int, Leaf, int]
"""One cell: (territory leaf, medium leaf, language leaf, day number)."""
Reasons = frozenset[tuple[Reason, int | None]]


def day(offset: int) -> date:
    """The date offset days after BASE."""
    return BASE + timedelta(days=offset)


def leaves(mask: int) -> list[int]:
    """Leaf positions of a mask."""
    return [i for i in range(mask.bit_length()) if mask >> i & 1]


def days_of(period: Period) -> list[int]:
    """The days of a period; HORIZON stands for all the days of an open end from there on."""
    first, stop = period.first_day, period.stop_day
    assert first < HORIZON, "periods start before the horizon"
    assert stop <= HORIZON or stop == OPEN_END, "finite periods end before the horizon"
    out = list(range(first, min(stop, HORIZON)))
    if stop == OPEN_END:
        out.append(HORIZON)
    return out


def language_leaf(tag: str, usage: str) -> Leaf:
    """The leaf of a (tag, usage): language and script subtags, lower case, no region."""
    found = _TAG.match(tag.lower())
    assert found is not None, tag
    script = found["script"]
    return (f"{found['lang']}-{script}" if script else found["lang"], usage)


def record_leaves(languages: Iterable[LanguageVersion]) -> frozenset[Leaf]:
    """The leaves a set of (tag, usage) pairs names (empty for none: every language)."""
    return frozenset(language_leaf(tag, usage) for tag, usage in languages)


def language_universe(world: World, query: AvailsQuery) -> frozenset[Leaf]:
    """The language leaves a query asks: its own, or every leaf any record names plus OTHER."""
    if query.languages:
        return record_leaves(query.languages)
    records: list[RightsIn | Grant | Holdback] = [*world.rights, *world.grants, *world.holdbacks]
    return frozenset({OTHER}).union(*(record_leaves(r.languages) for r in records))


def cells_of(cell: Cell, universe: frozenset[Leaf], named: frozenset[Leaf]) -> list[Key]:
    """Every single cell in an engine cell. Its languages () are every leaf of the universe;
    OTHER in them is every leaf of the universe that no cell of the same answer names."""
    if not cell.languages:
        languages = set(universe)
    else:
        languages = set()
        for leaf in cell.languages:
            if leaf == OTHER:
                languages |= universe - named
            else:
                assert leaf in universe, (leaf, universe)
                languages.add(leaf)
    days = days_of(cell.period)
    return [
        (t, m, lang, d)
        for t in leaves(cell.territories)
        for m in leaves(cell.media)
        for lang in sorted(languages)
        for d in days
    ]


def in_lane(record: RightsIn | Grant | Holdback, t: int, m: int, lang: Leaf) -> bool:
    """Does the record cover the territory, medium and language leaf?"""
    in_language = not record.languages or lang in record_leaves(record.languages)
    return bool(record.territories >> t & 1 and record.media >> m & 1 and in_language)


def in_time(record: RightsIn | Grant | Holdback, d: int) -> bool:
    """Does the record's period hold the day?"""
    period = record.period
    return period.start.toordinal() <= d and (period.end is None or d < period.end.toordinal())


def longest_run(days: Iterable[int]) -> float:
    """The longest run of consecutive days; a run reaching HORIZON never ends."""
    best = 0.0
    run = 0
    previous = None
    for d in sorted(days):
        run = run + 1 if previous is not None and d == previous + 1 else 1
        previous = d
        best = max(best, math.inf if d == HORIZON else run)
    return best


_TAG = re.compile(
    r"^(?P<lang>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|[0-9]{3}))?"
)


def lacks_language(wanted: Iterable[LanguageVersion], versions: Iterable[LanguageVersion]) -> bool:
    """Is a wanted (tag, usage) pair met by no version? Each subtag the wanted tag names
    (language, script, region) must be the version's: "vi" is met by "vi-VN", "zh-Hans" not
    by "zh-Hant", "zh-CN" by "zh-Hans-CN"."""
    for tag, usage in wanted:
        want = _TAG.match(tag.lower())
        assert want is not None
        met = False
        for version, version_usage in versions:
            have = _TAG.match(version.lower())
            if version_usage != usage or have is None:
                continue
            if all(want[k] is None or want[k] == have[k] for k in ("lang", "script", "region")):
                met = met or want["lang"] == have["lang"]
        if not met:
            return True
    return False


@dataclass
class Expected:
    """The reference answer for one title.

    blocked maps a cell to its (reason, record id) pairs: a cell held only non-exclusively
    names each rights-in row of the holder there (HELD_NON_EXCLUSIVE). warnings maps held
    cells to their soft holdbacks. universe: the language leaves asked.
    """

    status: Status
    universe: frozenset[Leaf] = frozenset()
    free: set[Key] = field(default_factory=set)
    blocked: dict[Key, Reasons] = field(default_factory=dict)
    warnings: dict[Key, Reasons] = field(default_factory=dict)

    def reasons(self) -> Reasons:
        """Every (reason, record id) of every blocked cell."""
        return frozenset().union(*self.blocked.values())


@dataclass
class World:
    """Every record of a catalog, plus the language versions of its titles."""

    rights: list[RightsIn] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    holdbacks: list[Holdback] = field(default_factory=list)
    versions: dict[int, frozenset[LanguageVersion]] = field(default_factory=dict)

    def titles_held(self, holder_id: int) -> set[int]:
        """Titles the holder has any rights-in row for."""
        return {r.title_id for r in self.rights if r.holder_id == holder_id}

    def without(self, deal_ids: Iterable[int] = (), rights_ids: Iterable[int] = ()) -> World:
        """The same world without the grants and holdbacks of some deals and some rights in."""
        deals, rights = set(deal_ids), set(rights_ids)
        return World(
            [r for r in self.rights if r.id not in rights],
            [g for g in self.grants if g.deal_id not in deals],
            [h for h in self.holdbacks if h.deal_id not in deals],
            self.versions,
        )


def expected(world: World, title_id: int, query: AvailsQuery) -> Expected:
    """The answer for one title, cell by cell."""
    universe = language_universe(world, query)
    lanes = [
        (t, m, lang)
        for t in leaves(query.territories)
        for m in leaves(query.media)
        for lang in sorted(universe)
    ]
    days = days_of(query.period)
    if lacks_language(query.languages, world.versions.get(title_id, ())):
        answer = Expected(Status.UNAVAILABLE, universe)
        for t, m, lang in lanes:
            for d in days:
                answer.blocked[(t, m, lang, d)] = frozenset({(Reason.NO_LANGUAGE_VERSION, None)})
        return answer

    mine = [r for r in world.rights if r.title_id == title_id and r.holder_id == query.holder_id]
    grants = [
        g for g in world.grants if g.title_id == title_id and g.licensee_id != query.holder_id
    ]
    holdbacks = [
        h for h in world.holdbacks if h.title_id == title_id and h.licensee_id != query.holder_id
    ]
    answer = Expected(Status.UNAVAILABLE, universe)
    free_by_lane: list[set[int]] = []
    for t, m, lang in lanes:
        lane_mine = [r for r in mine if in_lane(r, t, m, lang)]
        lane_grants = [g for g in grants if in_lane(g, t, m, lang)]
        lane_holdbacks = [h for h in holdbacks if in_lane(h, t, m, lang)]
        lane_free: set[int] = set()
        for d in days:
            key = (t, m, lang, d)
            covering = [r for r in lane_mine if in_time(r, d)]
            strong = [r for r in covering if r.exclusive or not query.exclusive]
            if not strong:
                if covering:
                    answer.blocked[key] = frozenset(
                        (Reason.HELD_NON_EXCLUSIVE, r.id) for r in covering
                    )
                else:
                    answer.blocked[key] = frozenset({(Reason.NOT_HELD, None)})
                continue
            reasons: set[tuple[Reason, int | None]] = set()
            warnings: set[tuple[Reason, int | None]] = set()
            for g in lane_grants:
                if in_time(g, d):
                    if g.exclusive:
                        reasons.add((Reason.EXCLUSIVE_LICENCE, g.id))
                    elif query.exclusive:
                        reasons.add((Reason.NON_EXCLUSIVE_LICENCE, g.id))
            for h in lane_holdbacks:
                if in_time(h, d):
                    if h.hard:
                        reasons.add((Reason.HOLDBACK, h.id))
                    else:
                        warnings.add((Reason.SOFT_HOLDBACK, h.id))
            if warnings:
                answer.warnings[key] = frozenset(warnings)
            if reasons:
                answer.blocked[key] = frozenset(reasons)
            else:
                answer.free.add(key)
                lane_free.add(d)
        free_by_lane.append(lane_free)

    need = max(query.min_days, 1)
    full = set(days)
    for lane_free in free_by_lane:
        full &= lane_free
    available = {
        Match.ENTIRE: full == set(days),  # every day of the period, in every lane
        Match.OVERLAP: longest_run(full) >= need,  # a long enough window, in every lane
    }
    if available[query.match]:
        answer.status = Status.AVAILABLE
    elif any(longest_run(lane_free) >= need for lane_free in free_by_lane):
        answer.status = Status.PARTIAL
    return answer


def holders_of(world: World, title_id: int) -> set[int]:
    """Every organisation with a rights-in row for the title."""
    return {r.holder_id for r in world.rights if r.title_id == title_id}


def expected_titles(world: World, query: AvailsQuery) -> list[int]:
    """The titles a query answers for: the ones asked, else every title the holder holds."""
    if query.title_ids is not None:
        return sorted(query.title_ids)
    return sorted(world.titles_held(query.holder_id))


def records_by_id(world: World) -> dict[int, RightsIn | Grant | Holdback]:
    """Every record by id (ids are unique across kinds in these tests)."""
    found: Sequence[RightsIn | Grant | Holdback] = [*world.rights, *world.grants, *world.holdbacks]
    by_id = {r.id: r for r in found}
    assert len(by_id) == len(found), "record ids are unique across kinds"
    return by_id
