"""The avails benchmark's query shapes, as the engine, the SQL baseline and the numpy scan ask
them: Q1 (one country x one medium), Q2 (a sub-region x VOD, a window of 180 days), Q3 (World
x all media, one year, exclusive)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from benchmarks.avails_baseline import ENTIRE_FORMS, FORMS, BaselineQuery
from benchmarks.avails_scan import ScanAnswer, ScanRows, scan_query
from cinebridge.engines.avails import AvailsQuery, Match, Period
from cinebridge.rights.taxonomy import taxonomies

PERIOD = (dt.date(2027, 3, 1), dt.date(2029, 3, 1))


@dataclass(frozen=True)
class Shape:
    """One query shape, as the engine and the baseline each ask it."""

    name: str
    description: str
    territory: str  # a node code: its leaves are the baseline's cells
    medium: str
    exclusive: bool
    match: Match = Match.ENTIRE
    min_days: int = 0
    forms: tuple[str, ...] = FORMS  # the baseline formulations to time
    period: tuple[dt.date, dt.date] = PERIOD

    def engine(self, holder: int | None) -> AvailsQuery:
        territories, media = taxonomies()
        return AvailsQuery(
            holder_id=holder,  # None: every holder at once (the whole market)
            territories=territories.mask(self.territory),
            media=media.mask(self.medium),
            period=Period(*self.period),
            exclusive=self.exclusive,
            match=self.match,
            min_days=self.min_days,
        )

    def baseline(self, holder: int) -> BaselineQuery:
        territories, media = taxonomies()
        return BaselineQuery(
            holder=holder,
            territories=territories.leaf_codes(territories.mask(self.territory)),
            media=media.leaf_codes(media.mask(self.medium)),
            first=self.period[0],
            stop=self.period[1],
            exclusive=self.exclusive,
            overlap=self.match is Match.OVERLAP,
            min_days=self.min_days,
        )

    def scan(self, rows: ScanRows, holder: int) -> ScanAnswer:
        territories, media = taxonomies()
        return scan_query(
            rows,
            holder=holder,
            territories=territories.mask(self.territory),
            media=media.mask(self.medium),
            first=self.period[0].toordinal(),
            stop=self.period[1].toordinal(),
            exclusive=self.exclusive,
        )


SHAPES = (
    Shape(
        "Q1",
        "Viet Nam x SVOD, 2027-03-01 to 2029-03-01, exclusive, free for the entire period (1 cell)",
        "VN",
        "SVOD",
        exclusive=True,
    ),
    Shape(
        "Q2",
        "South-eastern Asia (035) x VOD, 2027-03-01 to 2029-03-01, non-exclusive, "
        "a free window of at least 180 days (11 countries x 5 media = 55 cells)",
        "035",
        "VOD",
        exclusive=False,
        match=Match.OVERLAP,
        min_days=180,
        forms=("join",),
    ),  # one statement per cell: 29 to 33 s a run, measured once
    Shape(
        "Q3",
        "World x all media, 2027-01-01 to 2028-01-01, exclusive, free for the entire "
        "period (249 countries x 17 media = 4,233 cells)",
        "001",
        "ALL",
        exclusive=True,
        forms=ENTIRE_FORMS,
        period=(dt.date(2027, 1, 1), dt.date(2028, 1, 1)),
    ),
)
