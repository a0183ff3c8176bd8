"""Ranking matched search entries a page at a time: the engine's bounds written as SQL.

The database computes, for every entry a query matched, a lower bound on its rank from the
stored ``literal`` and ``text`` columns (``engines.text.bounds``: "this string occurs in that
column" conditions, evaluated with ``INSTR`` / ``STRPOS``), and returns only ids, keys,
boosts and bounds. The engine's ``RankedPrefix`` then ranks, with the full ranking, only the
candidates a page needs: the page is what ranking every match gives, and the count of matches
is known without ranking any.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np
from django.db import connections
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from cinebridge.catalog import search_memory
from cinebridge.catalog.models import SearchEntry, SearchKind
from cinebridge.catalog.works import works_identified, works_of
from cinebridge.engines.text import Candidate, Hit, Query, forms_from_plain, rank
from cinebridge.engines.text.bounds import (
    AnyOf,
    BoundKey,
    Bounds,
    Condition,
    Contains,
    query_bounds,
)
from cinebridge.engines.text.first_page import RankedPrefix, SortedBounds
from cinebridge.engines.text.ranking import TIER_TYPO

# One integer per entry: tier * TIER_WEIGHT + typos (typos count in the typo tier only).
TIER_WEIGHT = 1000


def _sql(condition: Condition, params: list[str], vendor: str) -> str:
    """``condition`` as a boolean SQL expression over the entry's columns (written out rather
    than built from ORM expressions: compiling those cost more than evaluating them)."""
    if isinstance(condition, Contains):
        column = f"{SearchEntry._meta.db_table}.{condition.column}"
        if condition.column != "literal":  # literal_text is padded: "| x |" segments
            column = f"' ' || {column} || ' '"
        params.append(condition.needle)
        function = "STRPOS" if vendor == "postgresql" else "INSTR"
        return f"{function}({column}, %s) > 0"
    parts = [_sql(part, params, vendor) for part in condition.parts]
    if isinstance(condition, AnyOf):
        return "(" + " OR ".join(parts) + ")" if parts else "1 = 0"
    return "(" + " AND ".join(parts) + ")" if parts else "1 = 1"


def _bound_sql(bounds: Bounds, vendor: str) -> RawSQL:
    """The engine's ``lower_bound`` as one integer: tier * TIER_WEIGHT + typos."""
    params: list[str] = []
    # An entry written before the literal column existed has none: bound it by tier 0.
    whens = [f"WHEN {SearchEntry._meta.db_table}.literal = '' THEN 0"]
    whens += [
        f"WHEN {_sql(condition, params, vendor)} THEN {tier * TIER_WEIGHT}"
        for tier, condition in bounds.bands
    ]
    typos = [str(TIER_TYPO * TIER_WEIGHT)]
    for groups in bounds.typos:
        *tested, (last, _) = groups
        term = " ".join(
            f"WHEN {_sql(condition, params, vendor)} THEN {edits}"
            for edits, condition in tested
            if condition is not None
        )
        typos.append(f"(CASE {term} ELSE {last} END)" if term else str(last))
    sql = f"CASE {' '.join(whens)} ELSE {' + '.join(typos)} END"
    return RawSQL(sql, params, output_field=IntegerField())


def _candidate(
    key: int, names: list[str], forms: list[list[str]], text: str, boost: float
) -> Candidate:
    """A stored entry as the engine ranks it (forms stored before every name had them are
    left out: the engine computes them)."""
    return Candidate(
        key=key,
        names=tuple(names),
        boost=float(boost),
        forms=tuple(map(forms_from_plain, forms)) if len(forms) == len(names) else (),
        text=text,
    )


def _candidates(entries: QuerySet[SearchEntry], key: str, boost: str | None) -> list[Candidate]:
    rows = entries.values_list(key, "names", "forms", "text", boost or Value(0))
    return [_candidate(*row) for row in rows]


def _candidates_in_memory(
    snap: search_memory.Snapshot,
) -> Callable[[Sequence[int]], list[Candidate]]:
    """The candidates at these positions of the snapshot, as ``_candidates`` reads them
    from the database (a person's boost is 0: its popularity is held as 0)."""
    entries, index, stored = snap.entries, snap.index, snap.stored

    def load(positions: Sequence[int]) -> list[Candidate]:
        found = []
        for position in positions:
            names, forms = stored.at(position)
            columns = index.columns(position)
            assert columns is not None  # a match is never a removed entry
            found.append(
                _candidate(
                    int(entries.refs[position]),
                    json.loads(names),
                    json.loads(forms),
                    columns[0],
                    entries.popularity[position],
                )
            )
        return found

    return load


@dataclass(frozen=True)
class Matches:
    """The titles and people a query matched, each ranked a page at a time."""

    titles: RankedPrefix[int]
    people: RankedPrefix[int]
    identified: list[int]  # the matched titles that carry a standard identifier


def ranked_lazily(query: Query, entries: QuerySet[SearchEntry]) -> Matches:
    """The matched ``entries``, titles and people apart, ranked a page at a time (titles' ties
    broken on popularity), from one query that returns ids and bounds only."""
    vendor = connections[entries.db].vendor
    flagged = Case(When(search_memory.IDENTIFIED, then=Value(1)), default=Value(0))
    rows = entries.annotate(_rank_bound=_bound_sql(query_bounds(query), vendor), _flag=flagged)
    sql, params = rows.values_list(
        "id", "kind", "title_id", "person_id", "title__popularity", "_rank_bound", "_flag"
    ).query.sql_with_params()
    with connections[entries.db].cursor() as cursor:  # plain rows: no per-row converters
        cursor.execute(sql, params)
        found = cursor.fetchall()
    titles: list[tuple[BoundKey, int]] = []
    people: list[tuple[BoundKey, int]] = []
    identified: list[int] = []
    for entry_id, kind, title_id, person_id, popularity, bound, marked in found:
        tier, typos = divmod(bound, TIER_WEIGHT)
        if kind == SearchKind.TITLE:
            titles.append(((tier, typos, -float(popularity or 0), title_id), entry_id))
            if marked:
                identified.append(title_id)
        else:
            people.append(((tier, typos, 0.0, person_id), entry_id))

    return Matches(
        RankedPrefix(query, titles, _load("title_id", "title__popularity")),
        RankedPrefix(query, people, _load("person_id", None)),
        identified,
    )


def ranked_from_memory(query: Query, snap: search_memory.Snapshot, wanted: np.ndarray) -> Matches:
    """As ``ranked_lazily``, from the in-memory snapshot: the matches among the positions of
    the mask ``wanted`` (visible entries of the kinds searched), their bounds computed by the
    engine's ``TextIndex`` instead of SQL, in one sort; the candidates a page ranks are read
    from the snapshot too."""
    matching, tiers, typos = snap.index.search(query, among=wanted)
    entries = snap.entries
    positions = np.flatnonzero(matching)
    is_title = entries.is_title[positions]
    neg_boost = np.where(is_title, -entries.popularity[positions], 0.0)
    refs = entries.refs[positions]
    order = np.lexsort((refs, neg_boost, typos[positions], tiers[positions]))
    positions, is_title, neg_boost, refs = (
        positions[order],
        is_title[order],
        neg_boost[order],
        refs[order],
    )

    def sorted_bounds(kind: np.ndarray) -> SortedBounds:
        chosen = positions[kind]
        return SortedBounds(tiers[chosen], typos[chosen], neg_boost[kind], refs[kind], chosen)

    titles, people = sorted_bounds(is_title), sorted_bounds(~is_title)
    identified = refs[is_title & entries.identified[positions]].tolist()
    load = _candidates_in_memory(snap)
    return Matches(RankedPrefix(query, titles, load), RankedPrefix(query, people, load), identified)


def _load(key: str, boost: str | None) -> Callable[[Sequence[int]], list[Candidate]]:
    return lambda ids: _candidates(SearchEntry.objects.filter(id__in=ids), key, boost)


class RankedHits(Sequence[Hit]):
    """Hits in rank order (one per work for titles), ranked only as far as they are read:
    ``hits[:24]`` ranks about a page of matches, ``len(hits)`` none."""

    def __init__(self, ranking: RankedPrefix[int], identified: Sequence[int] = ()) -> None:
        self._ranking = ranking
        rows = works_identified(identified) if len(identified) > 1 else {}
        self._works = works_of(rows, ranking.in_rank_order)
        self.also = self._works.also

    def __len__(self) -> int:
        return len(self._ranking) - len(self._works.hidden)

    def _first(self, count: int) -> list[Hit]:
        wanted = count
        while True:
            hits = self._ranking.prefix(wanted)
            works = self._works.apply(hits)
            if len(works) >= count or len(hits) < wanted:
                return works[:count]
            wanted += count - len(works)

    @overload
    def __getitem__(self, index: int) -> Hit: ...

    @overload
    def __getitem__(self, index: slice) -> list[Hit]: ...

    def __getitem__(self, index: int | slice) -> Hit | list[Hit]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step < 0:
                return self._first(len(self))[index]
            return self._first(stop)[start:stop:step]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self._first(position + 1)[position]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self._first(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<RankedHits: {len(self)} hits>"

    @property
    def candidates_ranked(self) -> int:
        """How many matches have been ranked so far (the rest were not needed)."""
        return self._ranking.candidates_ranked


def ranked_fully(
    query: Query, entries: QuerySet[SearchEntry], key: str, boost: str | None = None
) -> list[Hit]:
    """Every matched entry ranked (the reference the first-page path must agree with)."""
    return rank(query, _candidates(entries, key, boost))
