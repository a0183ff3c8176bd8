"""Lower bounds on a candidate's rank, from two stored strings, so that only the first page
needs ranking.

``rank`` (ranking.py) places a candidate in a tier by looking at each of its names; doing that
for every one of thousands of matches is what made broad queries slow. The bounds here are
conditions of the form "this string occurs in that stored column", which a database evaluates
for every match in one pass (``catalog/search_ranking.py`` writes them as SQL) and
``lower_bound`` evaluates in Python (the reference the property tests use). Each is a
*necessary* condition of a band of tiers, so the first band whose condition holds is at most
the candidate's tier: ranking candidates in order of their bound (``ranked_prefix``) can stop
as soon as the hits already ranked all beat the next candidate's bound.

The two columns:

- ``literal``: ``literal_text(forms)``, every name's folded form, readings and readings
  without spaces, each as a segment ``"| x |"`` (tiers 0..4 are tests on these);
- ``text``: the index text (``index_text``), for the skeleton tiers 5..8 and the typos.

A test ``Contains(column, needle)`` is ``needle in f" {column value} "`` (the column padded with
one space at each end, so a needle can ask for a whole word: ``" word "``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple, Union

from cinebridge.engines.text.normalise import NameForms
from cinebridge.engines.text.query import Query, QueryTerm, typo_cost
from cinebridge.engines.text.ranking import (
    TIER_PREFIX,
    TIER_SKELETON_EXACT,
    TIER_SKELETON_SUBSTRING,
    TIER_SUBSTRING,
    TIER_TYPO,
    TIER_WHOLE_WORDS,
    spelling_of,
)

Column = Literal["literal", "text"]


@dataclass(frozen=True)
class Contains:
    """True when ``needle`` occurs in the column's value padded with a space at each end."""

    column: Column
    needle: str


@dataclass(frozen=True)
class AnyOf:
    """True when one of ``parts`` is (an empty AnyOf is false)."""

    parts: tuple[Condition, ...]


@dataclass(frozen=True)
class AllOf:
    """True when every one of ``parts`` is (an empty AllOf is true)."""

    parts: tuple[Condition, ...]


Condition = Union[Contains, AnyOf, AllOf]  # noqa: UP007 (a runtime alias of a recursive type)

SEGMENT = "| {} |"


def literal_text(all_forms: Iterable[NameForms]) -> str:
    """The ``literal`` column of names already turned into forms: each name's folded form,
    its readings and its readings without spaces, as ``"| x |"`` segments (no repeats)."""
    parts: list[str] = []
    for forms in all_forms:
        parts.extend((forms.folded, *forms.readings, *forms.reading_compacts()))
    return " ".join(SEGMENT.format(part) for part in dict.fromkeys(parts))


def _any(*parts: Condition) -> AnyOf:
    return AnyOf(tuple(dict.fromkeys(parts)))


@dataclass(frozen=True)
class Bounds:
    """What the bound of any candidate of one query is computed from.

    ``bands``: (tier, condition) in tier order; the bound is the first band whose condition
    holds, else ``TIER_TYPO``. ``typos``: per term, (edits, condition) in order of edits, the
    last without a condition; a term's edits are the first whose condition holds.
    """

    bands: tuple[tuple[int, Condition], ...]
    typos: tuple[tuple[tuple[int, Condition | None], ...], ...]


def query_bounds(query: Query) -> Bounds:
    """The bands and typo conditions of ``query`` (see the module docstring and ``rank``)."""
    if not query.terms:  # rank puts every candidate in one tier: no band to tell apart
        return Bounds(((0, AllOf(())),), ())
    spelling = spelling_of(query)
    typed = [(folded, romanised) for folded, romanised in spelling.terms]
    # Tiers 0 and 1: a name (folded) or a reading (without spaces) is the query.
    # Tier 2: one starts with it (or another reading equals it: a prefix too).
    forms = [spelling.folded, *([spelling.romanised] if spelling.romanised else [])]
    equal = _any(*(Contains("literal", f"| {form} |") for form in forms))
    starts = _any(*(Contains("literal", f"| {form}") for form in forms))
    # Tier 3: every term is a whole word (folded or of a reading); the bound does not ask
    # that they be words of one name.
    whole_words = AllOf(
        tuple(
            _any(*(Contains("literal", f" {form} ") for form in (folded, romanised) if form))
            for folded, romanised in typed
        )
    )
    # Tier 4: every term, folded or romanised, is a substring of the literal forms.
    literally = AllOf(
        tuple(
            _any(*(Contains("literal", form) for form in (folded, romanised) if form))
            for folded, romanised in typed
        )
    )
    # Tiers 5..7: a compact skeleton starts with the query's, or every term is a whole
    # skeleton word (each is a word of the index text).
    skeletal: list[Condition] = []
    if query.compact_skeleton:
        skeletal.append(Contains("text", " " + query.compact_skeleton))
    skeletal.append(
        AllOf(
            tuple(
                _any(*((Contains("text", f" {term.skeleton} "),) if term.skeleton else ()))
                for term in query.terms
            )
        )
    )
    exact = [
        _any(*(Contains("text", a) for a in term.alternatives if a not in term.typo_alternatives))
        for term in query.terms
    ]
    bands: tuple[tuple[int, Condition], ...] = (
        (0, equal),
        (TIER_PREFIX, starts),
        (TIER_WHOLE_WORDS, whole_words),
        (TIER_SUBSTRING, literally),
        (TIER_SKELETON_EXACT, _any(*skeletal)),
        (TIER_SKELETON_SUBSTRING, AllOf(tuple(exact))),
    )
    return Bounds(
        bands, tuple(_term_typos(term, ok) for term, ok in zip(query.terms, exact, strict=True))
    )


def _term_typos(term: QueryTerm, exact: Condition) -> tuple[tuple[int, Condition | None], ...]:
    """(edits, condition) for one term: 0 if an exact alternative occurs, else the fewest
    edits of a typo alternative that occurs (the last group needs no test)."""
    by_cost: dict[int, list[str]] = {}
    for alternative in term.typo_alternatives:
        by_cost.setdefault(typo_cost(term, alternative) or 0, []).append(alternative)
    if not by_cost:
        return ((0, None),)
    costs = sorted(by_cost)
    groups: list[tuple[int, Condition | None]] = [(0, exact)]
    groups += [
        (cost, _any(*(Contains("text", a) for a in sorted(by_cost[cost])))) for cost in costs
    ]
    groups[-1] = (groups[-1][0], None)
    return tuple(groups)


def holds(condition: Condition, columns: Mapping[str, str]) -> bool:
    """``condition`` evaluated on the stored ``columns`` (the reference for the SQL)."""
    if isinstance(condition, Contains):
        return condition.needle in f" {columns[condition.column]} "
    if isinstance(condition, AnyOf):
        return any(holds(part, columns) for part in condition.parts)
    return all(holds(part, columns) for part in condition.parts)


# (tier, typos, -boost, key): what a Bound is, as a plain tuple (cheaper to make by thousands).
BoundKey = tuple[int, int, float, int]


class Bound(NamedTuple):
    """A candidate's lower bound on (tier, typos) and its exact tie-breaks, in rank order
    (a tuple: thousands are sorted per query)."""

    tier: int
    typos: int
    neg_boost: float
    key: int


def lower_bound(bounds: Bounds, columns: Mapping[str, str]) -> tuple[int, int]:
    """(tier, typos) at most the candidate's: its first band whose condition holds (typos
    count in the typo tier only). Without a literal column (an entry stored before it
    existed) the bound is tier 0."""
    if not columns["literal"]:
        return 0, 0
    for tier, condition in bounds.bands:
        if holds(condition, columns):
            return tier, 0
    typos = 0
    for groups in bounds.typos:
        typos += next(
            edits for edits, condition in groups if condition is None or holds(condition, columns)
        )
    return TIER_TYPO, typos
