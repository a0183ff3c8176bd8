"""A synthetic rights catalog for the avails benchmark: drawn reproducibly, written in bulk.

``DatasetDraw`` draws, from ``random.Random(SEED)``, 50 organisations, titles (a few
organisations own most of them), the owners' rights in (World, all media, from a start
date; some end, a few are non-exclusive), sales agents' regional rights in for some titles,
and deals of 1 to 60 titles each (one grant per title) until the grant count is reached, with
scopes as contracts write them: a country, a sub-region (035), a territory group version
(CIS@4), World excluding a few countries; a medium leaf or a group (SVOD, VOD, TV, ALL);
1 to 7 years between 2015 and 2035, some open-ended; about a third exclusive. Some deals
carry holdbacks; a few are drafts or offers, some terminated, and those whose term ended
before ``REFERENCE_DATE`` are expired.

Every signed deal passes the rule ``services.deal_sign`` enforces (the licensor holds the
rights, exclusively for an exclusive grant, and no grant or hard holdback of another
licensee is in the way): titles that would conflict are left out of the deal, as a sales
team would leave them out, so the catalog is one the product could have produced.

``benchmarks.avails_store`` writes the rows. This module imports no Django model at import
time: ``GENERATOR_VERSION`` is read before Django is set up.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

GENERATOR_VERSION = 1  # part of the cached database's name: bump when the drawn data change
SEED = 2027
ORGANISATIONS = 50
HOLDER = 0  # the organisation owning the most titles: the benchmark queries its avails
REFERENCE_DATE = dt.date(2026, 11, 24)  # "today" for expired deals and signing times
CREATED_AT = dt.datetime(2026, 11, 24, 9, 0, tzinfo=dt.UTC)
MARKER_SLUG = "synthetic-avails-marker"
BATCH = 50_000

# Where grants are sold: (weight, exclusive probability, territory draws).
_COUNTRIES = (
    "US:8 GB:6 FR:6 DE:6 IT:4 ES:4 RU:6 CN:6 JP:5 KR:4 IN:4 BR:4 MX:3 VN:4 TH:3 ID:3 PH:2 "
    "MY:2 SG:2 KZ:3 UA:2 PL:3 TR:3 AU:3 CA:3 NL:2 SE:2 AR:2 EG:1 ZA:1 NG:1 SA:1 AE:1 IL:1 "
    "CZ:1 HU:1 RO:1 GR:1 PT:1 BY:1 UZ:1 KG:1 MN:1 TW:2 HK:2 KH:1 LA:1 MM:1"
)
_SUBREGIONS = "035:4 030:3 151:3 155:3 154:2 039:2 021:3 419:3 145:2 143:2 053:2 034:2"
_GROUPS = "CIS@4:4 CIS@3:1 GREATER_CHINA@1:4 ASEAN@2:3 ASEAN@1:1"
_REGIONS = "142:3 150:3 019:2 002:1 009:1"
_WORLD_EXCLUSIONS = "CN:4 RU:3 US:3 VN:1 KR:1 JP:1 IN:1 GREATER_CHINA@1:2 CIS@4:2 FR:1 BR:1"
_TERRITORY_KINDS = (  # kind, weight, exclusive probability
    ("country", 40, 0.5),
    ("subregion", 14, 0.4),
    ("group", 10, 0.4),
    ("region", 8, 0.25),
    ("world_excluding", 16, 0.2),
    ("world", 12, 0.05),
)
# Media as (include keys, exclude keys): weight.
_MEDIA = (
    (("SVOD",), (), 14), (("VOD",), (), 14), (("TVOD",), (), 5), (("EST",), (), 2),
    (("AVOD",), (), 5), (("FAST",), (), 2), (("FREE_TV",), (), 8), (("PAY_TV",), (), 6),
    (("TV",), (), 8), (("THEATRICAL",), (), 5), (("HOME_VIDEO",), (), 3), (("ALL",), (), 8),
    (("ALL",), ("THEATRICAL",), 4), (("VOD", "TV"), (), 5), (("AIRLINE",), (), 3),
    (("HOTEL",), (), 1), (("SHIP",), (), 1), (("NON_THEATRICAL",), (), 2), (("CLIPS",), (), 1),
    (("REMAKE_FORMAT",), (), 1),
)  # fmt: skip
_WORLD_MEDIA = (  # what worldwide deals sell: ancillary rights, and global streaming
    (("AIRLINE",), (), 6), (("SHIP",), (), 3), (("HOTEL",), (), 3), (("NON_THEATRICAL",), (), 3),
    (("FESTIVAL",), (), 2), (("SVOD",), (), 5), (("AVOD",), (), 3), (("FAST",), (), 2),
    (("VOD",), (), 3), (("ALL",), ("THEATRICAL",), 1), (("CLIPS",), (), 1),
)  # fmt: skip
_YEARS = ((1, 15), (2, 25), (3, 20), (4, 12), (5, 12), (6, 6), (7, 10))
_AGENT_TERRITORIES = "035:4 142:2 ASEAN@2:2 GREATER_CHINA@1:2 CIS@4:2 150:1 419:1 VN:1 TH:1"
_AGENT_MEDIA = (("ALL",), ("VOD",), ("TV",), ("VOD", "TV"))
AGENT_COUNT = 10  # the last organisations are sales agents holding regional rights


def _weighted(spec: str) -> tuple[list[str], list[int]]:
    """ "VN:4 TH:3" -> (["VN", "TH"], [4, 3])."""
    pairs = [item.rsplit(":", 1) for item in spec.split()]
    return [code for code, _ in pairs], [int(weight) for _, weight in pairs]


def _add_years(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years)


@dataclass(frozen=True, slots=True)
class Scope:
    """Selection keys of one record: territories and media, each included or excluded."""

    territories: tuple[str, ...]
    media: tuple[str, ...]
    exclude_territories: tuple[str, ...] = ()
    exclude_media: tuple[str, ...] = ()

    def rows(self) -> list[tuple[str, str, bool]]:
        """(axis, key, excluded) as the services write them."""
        return [
            *(("t", k, False) for k in self.territories),
            *(("t", k, True) for k in self.exclude_territories),
            *(("m", k, False) for k in self.media),
            *(("m", k, True) for k in self.exclude_media),
        ]


@dataclass
class _TitleState:
    """What the draw remembers of a title to keep signed deals free of conflicts."""

    owner: int
    rights: tuple[int, int, bool]  # owner's World/ALL rights: first day, stop day, exclusive
    agent: tuple[int, int, int, int, int, bool] | None = None  # org, t, m, first, stop, excl
    # Signed grants and hard holdbacks: (t mask, m mask, first, stop, blocks all, licensee).
    blockers: list[tuple[int, int, int, int, bool, int]] = field(default_factory=list)


class Sink:
    """Rows per table, handed to ``flush`` in batches of ``BATCH``."""

    def __init__(self, flush: Callable[[str, list[tuple[Any, ...]]], None]) -> None:
        self.flush = flush
        self.rows: dict[str, list[tuple[Any, ...]]] = {}
        self.counts: dict[str, int] = {}

    def add(self, table: str, row: tuple[Any, ...]) -> int:
        """Queue a row (its id is the next in the table); returns that id."""
        rows = self.rows.setdefault(table, [])
        rows.append(row)
        self.counts[table] = self.counts.get(table, 0) + 1
        if len(rows) >= BATCH:
            self.flush(table, rows)
            self.rows[table] = []
        return self.counts[table]

    def next_id(self, table: str) -> int:
        return self.counts.get(table, 0) + 1

    def close(self) -> None:
        for table, rows in self.rows.items():
            if rows:
                self.flush(table, rows)
        self.rows = {}


class DatasetDraw:
    """Draws the whole data set into a ``Sink``; the same arguments give the same rows.

    Rows are plain tuples in the column order of ``TABLE_FIELDS``; ids start at 1.
    """

    def __init__(
        self, titles: int, grants: int, seed: int = SEED, organisations: int = ORGANISATIONS
    ) -> None:
        from cinebridge.engines.avails import Node, Taxonomy
        from cinebridge.rights.taxonomy import group_rows, media_rows, territory_rows

        self.rng = random.Random(seed)
        self.title_count, self.grant_count = titles, grants
        # More organisations (--holders) change the whole draw; the default keeps it as it was.
        self.organisations = organisations
        self.agents = tuple(range(organisations - AGENT_COUNT, organisations))
        groups = {
            f"{g['code']}@{v['version']}": v["members"] for g in group_rows() for v in g["versions"]
        }
        self.territories = Taxonomy(
            [Node(r.code, r.parent, r.name) for r in territory_rows()], groups
        )
        self.media = Taxonomy([Node(c, p, n) for c, p, n in media_rows()])
        self._masks: dict[Scope, tuple[int, int]] = {}
        self.titles: list[_TitleState] = []
        self.by_owner: dict[int, list[int]] = {}
        self.by_agent: dict[int, list[int]] = {}
        self.stats: dict[str, int] = {}

    def masks(self, scope: Scope) -> tuple[int, int]:
        found = self._masks.get(scope)
        if found is None:
            found = self._masks[scope] = (
                self.territories.selection(scope.territories, scope.exclude_territories),
                self.media.selection(scope.media, scope.exclude_media),
            )
        return found

    def _count(self, key: str, n: int = 1) -> None:
        self.stats[key] = self.stats.get(key, 0) + n

    # -- organisations, titles, rights in ---------------------------------------------------

    def _organisations(self, sink: Sink) -> None:
        for i in range(self.organisations):
            kind = "distributor" if i in self.agents else ("studio" if i < 20 else "broadcaster")
            sink.add(
                "organisation",
                (
                    i + 1,
                    f"Avails Synthetic {i:02d}",
                    "",
                    f"avails-synthetic-{i:02d}",
                    kind,
                    self.rng.choice(("RU", "CN", "VN", "GB", "FR", "US", "KR")),
                    "",
                ),
            )

    def _titles(self, sink: Sink) -> None:
        rng = self.rng
        owners = list(range(self.organisations))
        weights = [1 / (i + 1) for i in owners]
        kinds = ("feature", "series", "animation", "documentary", "tv_programme")
        for index in range(self.title_count):
            owner = rng.choices(owners, weights)[0]
            title_id = sink.add(
                "title",
                (
                    index + 1,
                    owner + 1,
                    f"AV-{index + 1:06d}",
                    rng.choices(kinds, (45, 20, 15, 15, 5))[0],
                    "published",
                    f"Synthetic title {index + 1:06d}",
                    rng.choice(("ru", "vi", "zh-Hans", "en")),
                    rng.randint(1960, 2025),
                ),
            )
            self.by_owner.setdefault(owner, []).append(title_id)
            start = dt.date(
                rng.randint(2003, 2014) if rng.random() < 0.85 else rng.randint(2015, 2026),
                rng.randint(1, 12),
                1,
            )
            end = None
            if rng.random() < 0.18:
                end = dt.date(rng.randint(max(start.year + 3, 2025), 2034), rng.randint(1, 12), 1)
            exclusive = rng.random() < 0.96
            self._rights_in(
                sink,
                title_id,
                owner,
                Scope(("001",), ("ALL",)),
                start,
                end,
                exclusive,
                "Production agreement",
            )
            self.titles.append(_TitleState(owner, (start.toordinal(), _stop(end), exclusive)))
            if rng.random() < 0.12:
                self._agent_rights(sink, title_id, owner)

    def _agent_rights(self, sink: Sink, title_id: int, owner: int) -> None:
        rng = self.rng
        agent = HOLDER if rng.random() < 0.3 else rng.choice(self.agents)
        if agent == owner:
            return
        codes, weights = _weighted(_AGENT_TERRITORIES)
        scope = Scope((rng.choices(codes, weights)[0],), rng.choice(_AGENT_MEDIA))
        start = dt.date(rng.randint(2017, 2026), rng.randint(1, 12), 1)
        end = _add_years(start, rng.choice((5, 7, 10, 15)))
        exclusive = rng.random() < 0.9
        self._rights_in(sink, title_id, agent, scope, start, end, exclusive, "Sales agency")
        t, m = self.masks(scope)
        agent_rights = (agent, t, m, start.toordinal(), end.toordinal(), exclusive)
        self.titles[title_id - 1].agent = agent_rights
        self.by_agent.setdefault(agent, []).append(title_id)

    def _rights_in(
        self,
        sink: Sink,
        title_id: int,
        holder: int,
        scope: Scope,
        start: dt.date,
        end: dt.date | None,
        exclusive: bool,
        source: str,
    ) -> None:
        rights_id = sink.add(
            "rights_in",
            (
                sink.next_id("rights_in"),
                holder + 1,
                title_id,
                start,
                end,
                exclusive,
                source,
                start,
                end,
            ),
        )
        for axis, key, excluded in scope.rows():
            sink.add(
                "rights_in_scope", (sink.next_id("rights_in_scope"), rights_id, axis, key, excluded)
            )

    # -- deals --------------------------------------------------------------------------------

    def _territories(self, kind: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        rng = self.rng
        spec = {
            "country": _COUNTRIES,
            "subregion": _SUBREGIONS,
            "group": _GROUPS,
            "region": _REGIONS,
        }.get(kind)
        if spec is not None:
            codes, weights = _weighted(spec)
            return (rng.choices(codes, weights)[0],), ()
        if kind == "world":
            return ("001",), ()
        codes, weights = _weighted(_WORLD_EXCLUSIONS)
        excluded: list[str] = []
        for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
            code = rng.choices(codes, weights)[0]
            if code not in excluded:
                excluded.append(code)
        return ("001",), tuple(excluded)

    def _deal_scope(self) -> tuple[Scope, bool]:
        rng = self.rng
        kind, _, exclusive_share = rng.choices(
            _TERRITORY_KINDS, [w for _, w, _ in _TERRITORY_KINDS]
        )[0]
        include, exclude = self._territories(kind)
        media = _WORLD_MEDIA if kind.startswith("world") else _MEDIA
        m_include, m_exclude, _ = rng.choices(media, [w for *_, w in media])[0]
        return Scope(include, m_include, exclude, m_exclude), rng.random() < exclusive_share

    def _period(self, exclusive: bool) -> tuple[dt.date, dt.date | None]:
        rng = self.rng
        start = dt.date(rng.randint(2015, 2033), rng.randint(1, 12), 1)
        if rng.random() < (0.02 if exclusive else 0.08):
            return start, None
        years = rng.choices([y for y, _ in _YEARS], [w for _, w in _YEARS])[0]
        return start, min(_add_years(start, years), dt.date(2035, 12, 31))

    def _agent_scope(self, agent: int, titles: list[int]) -> tuple[Scope, bool]:
        """A scope inside what the agent represents for the first title (countries, media)."""
        rng = self.rng
        _, t, m, _, _, _ = self.titles[titles[0] - 1].agent  # type: ignore[misc]
        country = rng.choice(self.territories.leaf_codes(t))
        choices = [(inc, exc) for inc, exc, _ in _MEDIA if self.media.selection(inc, exc) & ~m == 0]
        m_include, m_exclude = rng.choice(choices)
        territories = (country,) if rng.random() < 0.6 else self.territories.cover(t)
        return Scope(territories, m_include, (), m_exclude), rng.random() < 0.5

    def _held(
        self,
        state: _TitleState,
        licensor: int,
        t: int,
        m: int,
        first: int,
        stop: int,
        exclusive: bool,
    ) -> bool:
        if licensor == state.owner:
            r_first, r_stop, r_exclusive = state.rights
            return r_first <= first and stop <= r_stop and (r_exclusive or not exclusive)
        if state.agent is None or state.agent[0] != licensor:
            return False
        _, at, am, a_first, a_stop, a_exclusive = state.agent
        return (
            t & ~at == 0
            and m & ~am == 0
            and a_first <= first
            and stop <= a_stop
            and (a_exclusive or not exclusive)
        )

    @staticmethod
    def _free(
        state: _TitleState, licensor: int, t: int, m: int, first: int, stop: int, exclusive: bool
    ) -> bool:
        for bt, bm, b_first, b_stop, blocks_all, licensee in state.blockers:
            if (
                b_first < stop
                and first < b_stop
                and bt & t
                and bm & m
                and (blocks_all or exclusive)
                and licensee != licensor
            ):
                return False
        return True

    def _deal(self, sink: Sink, grants_left: int) -> int:
        """Draw one deal and write it if any title fits; returns its grant count."""
        rng = self.rng
        if rng.random() < 0.08:
            agents = sorted(self.by_agent)
            licensor = rng.choices(agents, [len(self.by_agent[a]) for a in agents])[0]
            pool = self.by_agent[licensor]
            wanted = min(len(pool), 1 + int(rng.expovariate(1 / 3)))
            titles = rng.sample(pool, wanted)
            scope, exclusive = self._agent_scope(licensor, titles)
            self._count("agent deals drawn")
        else:
            owners = sorted(self.by_owner)
            licensor = rng.choices(owners, [len(self.by_owner[o]) for o in owners])[0]
            pool = self.by_owner[licensor]
            wanted = min(len(pool), 60, 1 + int(rng.expovariate(1 / 13)))
            titles = rng.sample(pool, wanted)
            scope, exclusive = self._deal_scope()
        start, end = self._period(exclusive)
        t, m = self.masks(scope)
        first, stop = start.toordinal(), _stop(end)
        roll = rng.random()
        status = "draft" if roll < 0.015 else "offered" if roll < 0.03 else "signed"
        terminated = None
        if status == "signed" and rng.random() < 0.03:
            span = min(stop, first + 5 * 365) - first
            terminated = dt.date.fromordinal(first + 30 + int(rng.random() * max(span - 30, 1)))
            status = "terminated"
        elif status == "signed" and end is not None and end <= REFERENCE_DATE:
            status = "expired"
        blocking = status != "draft" and status != "offered"
        cut = stop if terminated is None else min(stop, terminated.toordinal())
        kept = []
        for title_id in titles[:grants_left]:
            state = self.titles[title_id - 1]
            if self._held(state, licensor, t, m, first, stop, exclusive) and self._free(
                state, licensor, t, m, first, stop, exclusive
            ):
                kept.append(title_id)
        self._count("titles drawn for deals", min(len(titles), grants_left))
        if not kept:
            self._count("deals dropped (no title fits)")
            return 0
        licensee = rng.choice([o for o in range(self.organisations) if o != licensor])
        deal_id = sink.next_id("deal")
        signed_at = None
        if blocking:
            signed = start - dt.timedelta(days=rng.randint(10, 180))
            signed_at = dt.datetime.combine(min(signed, REFERENCE_DATE), dt.time(12), dt.UTC)
        sink.add(
            "deal",
            (
                deal_id,
                licensor + 1,
                f"AV-D{deal_id:06d}",
                licensee + 1,
                status,
                signed_at,
                terminated,
            ),
        )
        self._count(f"deals {status}")
        scope_rows = scope.rows()
        for position, title_id in enumerate(kept):
            grant_id = sink.add(
                "grant",
                (
                    sink.next_id("grant"),
                    deal_id,
                    title_id,
                    start,
                    end,
                    start,
                    end,
                    exclusive,
                    position,
                ),
            )
            for axis, key, excluded in scope_rows:
                sink.add(
                    "grant_scope", (sink.next_id("grant_scope"), grant_id, axis, key, excluded)
                )
            if blocking:
                self.titles[title_id - 1].blockers.append((t, m, first, cut, exclusive, licensee))
        if exclusive:
            self._count("grants exclusive", len(kept))
        if blocking and rng.random() < 0.1:
            self._holdbacks(sink, deal_id, kept, scope, licensor, licensee, start, cut)
        return len(kept)

    def _holdbacks(
        self,
        sink: Sink,
        deal_id: int,
        titles: list[int],
        scope: Scope,
        licensor: int,
        licensee: int,
        start: dt.date,
        cut: int,
    ) -> None:
        """The licensor keeps a nearby medium off the market for 6 to 24 months."""
        rng = self.rng
        medium = rng.choice((("FREE_TV",), ("AVOD",), ("TVOD",), ("SVOD",), ("PAY_TV",)))
        if set(medium) & set(scope.media):
            return
        held_back = Scope(scope.territories, medium, scope.exclude_territories)
        t, m = self.masks(held_back)
        end = start + dt.timedelta(days=rng.choice((182, 365, 548, 730)))
        first, stop = start.toordinal(), min(end.toordinal(), cut)
        if stop <= first:
            return
        hard = rng.random() < 0.75
        for title_id in titles:
            state = self.titles[title_id - 1]
            if not self._free(state, licensor, t, m, first, stop, True):
                continue
            holdback_id = sink.add(
                "holdback",
                (
                    sink.next_id("holdback"),
                    deal_id,
                    title_id,
                    start,
                    end,
                    start,
                    end,
                    hard,
                    "Synthetic holdback",
                ),
            )
            for axis, key, excluded in held_back.rows():
                sink.add(
                    "holdback_scope",
                    (sink.next_id("holdback_scope"), holdback_id, axis, key, excluded),
                )
            if hard:
                state.blockers.append((t, m, first, stop, True, licensee))

    def draw(self, sink: Sink) -> dict[str, int]:
        """Write every row into the sink; counters of what was drawn and dropped."""
        self._organisations(sink)
        self._titles(sink)
        written = 0
        while written < self.grant_count:
            written += self._deal(sink, self.grant_count - written)
        sink.close()
        return dict(sorted(self.stats.items()))


def _stop(end: dt.date | None) -> int:
    from cinebridge.engines.avails import OPEN_END

    return OPEN_END if end is None else end.toordinal()


def holder_id() -> int:
    """The database id of the organisation the benchmark queries for."""
    return HOLDER + 1
