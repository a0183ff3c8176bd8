"""Ranking: order the candidates a query matches, best first, in strict tiers.

A candidate takes the best tier any of its names reaches. Tiers 0..4 are literal: the
query's words are found as typed (folded) or as romanised (pinyin, anyascii), in one of
the candidate's readings. Tiers 5..8 repeat 1..4 on the lossy transliteration skeleton
only, so a skeleton-only match ("in" as the skeleton of "jin") never ties with or
outranks a literal one. Tier 9 needed a typo.

0. a name folds to exactly the query ("ну погоди" for «Ну, погоди!»);
1. a name's romanised reading, without spaces, equals the query's ("nu pogodi", "nupogodi",
   "Chang'an San Wan Li"); the phrase reading only (see normalise.readings);
2. a name starts with the query, folded or as any romanised reading ("Miracle" for
   "mira"), or another reading of its polyphonic characters equals it ("zhang an san wan
   li" for 长安三万里);
3. every term is a whole word (folded or of a reading) of one name;
4. every term is a substring of the candidate's folded names or readings;
5. a name's compact skeleton equals the query's ("Iozhik v tumane" for «Ёжик в тумане»);
6. a name's compact skeleton starts with the query's;
7. every term is a whole skeleton word of one name;
8. every term is a substring of the index text without typo alternatives;
9. some term needed a typo alternative; `typos` then sums the edits used.

Ties break on fewer typos, then higher boost (popularity), then key, so the order is
deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from cinebridge.engines.text.normalise import (
    NameForms,
    index_text_of_forms,
    name_forms,
    name_segment,
    romanise,
)
from cinebridge.engines.text.query import Query, query_matches, typo_cost


@dataclass(frozen=True)
class Candidate:
    """An object the database preselected: its key, its names (primary first), a popularity."""

    key: int
    names: tuple[str, ...]
    boost: float = 0.0
    # The names' forms as stored beside the index text (same order as names); when given,
    # ranking uses them instead of folding and romanising every name again.
    forms: tuple[NameForms, ...] = ()
    # The stored index text of these names (index_text(names)); computed when not given.
    text: str = ""

    def name_forms(self) -> tuple[NameForms, ...]:
        """The forms of each name, stored or computed."""
        return self.forms if self.forms else tuple(name_forms(name) for name in self.names)


@dataclass(frozen=True)
class Hit:
    """A ranked match: the tier (0 best), typo edits used and the name it was found by."""

    key: int
    tier: int
    typos: int
    matched_name: str


TIER_EXACT = 0
TIER_EXACT_ROMANISED = 1
TIER_PREFIX = 2
TIER_WHOLE_WORDS = 3
TIER_SUBSTRING = 4
TIER_SKELETON_EXACT = 5
TIER_SKELETON_PREFIX = 6
TIER_SKELETON_WHOLE_WORDS = 7
TIER_SKELETON_SUBSTRING = 8
TIER_TYPO = 9


@dataclass(frozen=True)
class _Spelling:
    """What the query literally says: folded, romanised without spaces, and per term."""

    folded: str
    romanised: str
    terms: tuple[tuple[str, str], ...]  # (folded, romanised without spaces) per term


def _compact(folded: str) -> str:
    return "".join(romanise(folded).split())


def spelling_of(query: Query) -> _Spelling:
    """What ``query`` literally says (folded, romanised without spaces, per term)."""
    terms = tuple((term.folded, _compact(term.folded)) for term in query.terms)
    return _Spelling(query.folded, _compact(query.folded), terms)


def _without_typos(query: Query) -> Query:
    """The query with every typo alternative removed."""
    terms = tuple(
        replace(
            term,
            alternatives=tuple(a for a in term.alternatives if a not in term.typo_alternatives),
            typo_alternatives=frozenset(),
        )
        for term in query.terms
    )
    return replace(query, terms=terms)


def _literal_name_tier(spelling: _Spelling, forms: NameForms) -> int | None:
    """The literal tier 0..3 one name reaches for a non-empty query, or None."""
    if forms.folded == spelling.folded:
        return TIER_EXACT
    compacts = forms.reading_compacts()
    romanised = spelling.romanised
    if romanised and compacts and romanised == compacts[0]:
        return TIER_EXACT_ROMANISED
    # Other readings of polyphonic characters rank after the phrase reading: as prefixes.
    if forms.folded.startswith(spelling.folded) or (
        romanised and any(compact.startswith(romanised) for compact in compacts)
    ):
        return TIER_PREFIX
    words = {word for reading in forms.readings for word in reading.split()}
    if all(folded in forms.folded_tokens or typed in words for folded, typed in spelling.terms):
        return TIER_WHOLE_WORDS
    return None


def _literal_text(forms: NameForms) -> str:
    """One name's folded form and readings, with and without spaces."""
    return " ".join((forms.folded, *forms.readings, *forms.reading_compacts()))


def _literally_in(spelling: _Spelling, text: str) -> bool:
    """True if every term, folded or romanised, is a substring of text."""
    return all(folded in text or (typed and typed in text) for folded, typed in spelling.terms)


def _skeleton_name_tier(query: Query, forms: NameForms) -> int | None:
    """The skeleton tier 5..7 one name reaches for a non-empty query, or None."""
    compact = query.compact_skeleton
    if compact and compact in forms.compacts:
        return TIER_SKELETON_EXACT
    if compact and any(name_compact.startswith(compact) for name_compact in forms.compacts):
        return TIER_SKELETON_PREFIX
    if all(term.skeleton in forms.skeleton_tokens for term in query.terms):
        return TIER_SKELETON_WHOLE_WORDS
    return None


def _typos_used(query: Query, text: str) -> int:
    """Sum over terms of the fewest edits among the typo alternatives that made it match."""
    total = 0
    for term in query.terms:
        exact = [a for a in term.alternatives if a not in term.typo_alternatives]
        if any(alternative in text for alternative in exact):
            continue
        total += min(
            typo_cost(term, alternative) or 0
            for alternative in term.typo_alternatives
            if alternative in text
        )
    return total


def _first_name_matching(query: Query, names: tuple[str, ...], forms: tuple[NameForms, ...]) -> str:
    """The first name that matches the query on its own, else the primary name."""
    for name, one in zip(names, forms, strict=True):
        if query_matches(query, name_segment(one)):
            return name
    return names[0] if names else ""


def _best_name(
    names: tuple[str, ...],
    forms: tuple[NameForms, ...],
    tier_of: Callable[[NameForms], int | None],
) -> tuple[int, str] | None:
    """(best tier, its first name) over the names, by the function ``tier_of(forms)``."""
    best: tuple[int, str] | None = None
    for name, one in zip(names, forms, strict=True):
        tier = tier_of(one)
        if tier is not None and (best is None or tier < best[0]):
            best = (tier, name)
    return best


def _hit(
    query: Query,
    spelling: _Spelling,
    candidate: Candidate,
    forms: tuple[NameForms, ...],
    text: str,
    exact_query: Query,
) -> Hit:
    """The Hit of a candidate already known to match query on its index text."""
    names = candidate.names
    if query.terms:
        best = _best_name(names, forms, lambda one: _literal_name_tier(spelling, one))
        if best is not None:
            return Hit(candidate.key, best[0], 0, best[1])
        literal = [_literal_text(one) for one in forms]
        if _literally_in(spelling, " | ".join(literal)):
            own = [
                name
                for name, lit in zip(names, literal, strict=True)
                if _literally_in(spelling, lit)
            ]
            name = own[0] if own else _first_name_matching(exact_query, names, forms)
            return Hit(candidate.key, TIER_SUBSTRING, 0, name)
        best = _best_name(names, forms, lambda one: _skeleton_name_tier(query, one))
        if best is not None:
            return Hit(candidate.key, best[0], 0, best[1])
    if query_matches(exact_query, text):
        name = _first_name_matching(exact_query, names, forms)
        tier = TIER_SKELETON_SUBSTRING if query.terms else TIER_SUBSTRING
        return Hit(candidate.key, tier, 0, name)
    name = _first_name_matching(query, names, forms)
    return Hit(candidate.key, TIER_TYPO, _typos_used(query, text), name)


def rank(query: Query, candidates: Iterable[Candidate]) -> list[Hit]:
    """Candidates -> Hits of those matching the query, by (tier, typos, -boost, key)."""
    spelling = spelling_of(query)
    exact_query = _without_typos(query)
    ranked: list[tuple[Hit, float]] = []
    for candidate in candidates:
        forms = candidate.name_forms()
        text = candidate.text or index_text_of_forms(forms)
        if query_matches(query, text):
            hit = _hit(query, spelling, candidate, forms, text, exact_query)
            ranked.append((hit, candidate.boost))
    ranked.sort(key=lambda pair: (pair[0].tier, pair[0].typos, -pair[1], pair[0].key))
    return [hit for hit, _ in ranked]
