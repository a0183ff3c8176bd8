"""Queries: parse, match against index_text, widen with typo alternatives, rank candidates.

A query is a conjunction of terms (one per whitespace token of its folded form; a run
of Chinese characters is one term). A term matches an object when any of its
alternatives (its folded form, its skeleton, the typo expansions) is a substring of the
object's index_text. `query_matches` is the slow, obviously-correct reference: the
database query (FTS5 trigram or pg_trgm, one substring test per alternative, OR within a
term, AND across terms) must select exactly the objects it selects. A lone Chinese
character matches only as itself, not by its pinyin syllable.

Ranking tiers, best first (a candidate takes the best tier any of its names reaches):

0. a name folds to exactly the query ("ну погоди" for «Ну, погоди!»);
1. a name's compact skeleton equals the query's ("nu pogodi", "nupogodi");
2. a name starts with the query, folded or as compact skeletons ("Miracle" for "mira");
3. every term is a whole word (folded or skeleton token) of one name;
4. every term is a substring of the index text without typo alternatives;
5. some term needed a typo alternative; `typos` then sums the edits used.

Ties break on fewer typos, then higher boost (popularity), then key, so the order is
deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from cinebridge.engines.text.fuzzy import allowed_typos, prefix_typo_distance
from cinebridge.engines.text.normalise import (
    NameForms,
    fold,
    has_han,
    index_text_of_forms,
    name_forms,
    name_segment,
    romanise,
    skeleton,
)


@dataclass(frozen=True)
class QueryTerm:
    """One query token and the strings any of which, as a substring, makes it match."""

    folded: str
    skeleton: str
    alternatives: tuple[str, ...]
    typo_alternatives: frozenset[str]


@dataclass(frozen=True)
class Query:
    """A parsed search query: its folded text, compact skeleton and AND-ed terms."""

    text: str
    folded: str
    compact_skeleton: str
    terms: tuple[QueryTerm, ...]


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
TIER_TYPO = 5


def _term(folded_token: str) -> QueryTerm:
    """A folded token -> its term with (folded, skeleton) as alternatives."""
    term_skeleton = "".join(skeleton(token) for token in romanise(folded_token).split())
    candidates: tuple[str, ...] = (folded_token, term_skeleton)
    if len(folded_token) == 1 and has_han(folded_token):
        # A lone character's reading is ambiguous (长 is chang or zhang) and one pinyin
        # syllable ("an") is a substring of countless words: it matches by itself only.
        candidates = (folded_token,)
    alternatives = tuple(dict.fromkeys(alt for alt in candidates if alt))
    return QueryTerm(folded_token, term_skeleton, alternatives, frozenset())


def parse_query(text: str) -> Query:
    """Raw user text -> Query with one term per folded token; empty text -> no terms."""
    folded = fold(text)
    compact = skeleton("".join(romanise(folded).split()))
    terms = tuple(_term(token) for token in folded.split())
    return Query(text=text, folded=folded, compact_skeleton=compact, terms=terms)


def term_matches(term: QueryTerm, text: str) -> bool:
    """True if any alternative of term is a substring of text (an index_text)."""
    return any(alternative in text for alternative in term.alternatives)


def query_matches(query: Query, text: str) -> bool:
    """True if every term matches text (AND); a query without terms matches everything."""
    return all(term_matches(term, text) for term in query.terms)


def typo_sources(term: QueryTerm) -> tuple[tuple[str, int], ...]:
    """The spellings a term's typos are measured from, each with its budget (> 0): the term
    as typed (romanised, without spaces), then its skeleton; () for Chinese characters.

    Both count because the skeleton can be shorter than what was typed: "wiat" (a swap in
    "wait") has the skeleton "vat", too short for a typo, but 4 letters as typed.
    """
    # Typos are a property of typing letters: a wrong Chinese character is not one edit
    # away in pinyin in any useful sense, so Han terms keep their exact alternatives.
    if has_han(term.folded):
        return ()
    typed = "".join(romanise(term.folded).split())
    sources = dict.fromkeys(form for form in (typed, term.skeleton) if form)
    return tuple((form, allowed_typos(form)) for form in sources if allowed_typos(form) > 0)


def typo_cost(term: QueryTerm, word: str) -> int | None:
    """Edits from term to word (or a prefix of it) within a source's budget, else None."""
    costs = [
        cost
        for form, budget in typo_sources(term)
        if (cost := prefix_typo_distance(form, word)) <= budget
    ]
    return min(costs) if costs else None


# A correction shorter than this must equal another term's word to be the same word; from
# this length on, one starting with the other is enough ("son" and "song").
SAME_WORD_PREFIX = 3


def _same_word(a: str, b: str) -> bool:
    """True if a and b name the same indexed word: equal, or one starts with the other."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return shorter == longer or (len(shorter) >= SAME_WORD_PREFIX and longer.startswith(shorter))


def _typo_costs(term: QueryTerm, words: Iterable[str]) -> dict[str, int]:
    """The vocabulary words within the term's typo budget (1 edit or more) -> their edits;
    none when the term, as typed or as its skeleton, is itself one of the words."""
    costs: dict[str, int] = {}
    sources = typo_sources(term)
    words = list(words)
    # A word of the catalog typed as is is taken as meant, not as a typo (Elasticsearch's
    # term suggester does the same by default, suggest_mode "missing").
    if not sources or any(form in words for form, _ in sources):
        return costs
    for word in words:
        if not word or word in term.alternatives or word in costs:
            continue
        cost = typo_cost(term, word)
        if cost is not None and cost >= 1:
            costs[word] = cost
    return costs


def expand_with_typos(query: Query, vocabulary: Mapping[str, Iterable[str]]) -> Query:
    """Query + {term skeleton: indexed words sharing trigrams} -> query with typo alternatives.

    A term that is itself one of its words gets no correction. A correction that is the
    same word (``_same_word``) as an alternative of another term,
    as typed or as that term's own correction, is dropped: two query words never name one
    word of a title ("long song" is not "song song").
    """
    all_costs = [_typo_costs(term, vocabulary.get(term.skeleton, ())) for term in query.terms]
    terms = []
    for index, (term, costs) in enumerate(zip(query.terms, all_costs, strict=True)):
        others = [
            word
            for other_index, other in enumerate(query.terms)
            if other_index != index
            for word in (*other.alternatives, *all_costs[other_index])
        ]
        kept = {w: c for w, c in costs.items() if not any(_same_word(w, o) for o in others)}
        if kept:
            added = tuple(sorted(kept, key=lambda word: (kept[word], word)))
            term = replace(
                term,
                alternatives=term.alternatives + added,
                typo_alternatives=term.typo_alternatives | frozenset(added),
            )
        terms.append(term)
    return replace(query, terms=tuple(terms))


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


def _name_tier(query: Query, forms: NameForms) -> int | None:
    """The tier 0..3 one name reaches for a non-empty query, or None if only 4..5."""
    if forms.folded == query.folded:
        return TIER_EXACT
    compact = query.compact_skeleton
    if compact and compact in forms.compacts:
        return TIER_EXACT_ROMANISED
    if forms.folded.startswith(query.folded) or (
        compact and any(name_compact.startswith(compact) for name_compact in forms.compacts)
    ):
        return TIER_PREFIX
    if all(
        term.folded in forms.folded_tokens or term.skeleton in forms.skeleton_tokens
        for term in query.terms
    ):
        return TIER_WHOLE_WORDS
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


def _hit(query: Query, candidate: Candidate, forms: tuple[NameForms, ...], text: str) -> Hit:
    """The Hit of a candidate already known to match query on its index text."""
    if query.terms:
        best: tuple[int, str] | None = None
        for name, one in zip(candidate.names, forms, strict=True):
            tier = _name_tier(query, one)
            if tier is not None and (best is None or tier < best[0]):
                best = (tier, name)
        if best is not None:
            return Hit(candidate.key, best[0], 0, best[1])
    exact_query = _without_typos(query)
    if query_matches(exact_query, text):
        name = _first_name_matching(exact_query, candidate.names, forms)
        return Hit(candidate.key, TIER_SUBSTRING, 0, name)
    name = _first_name_matching(query, candidate.names, forms)
    return Hit(candidate.key, TIER_TYPO, _typos_used(query, text), name)


def rank(query: Query, candidates: Iterable[Candidate]) -> list[Hit]:
    """Candidates -> Hits of those matching the query, by (tier, typos, -boost, key)."""
    ranked: list[tuple[Hit, float]] = []
    for candidate in candidates:
        forms = candidate.name_forms()
        text = candidate.text or index_text_of_forms(forms)
        if query_matches(query, text):
            ranked.append((_hit(query, candidate, forms, text), candidate.boost))
    ranked.sort(key=lambda pair: (pair[0].tier, pair[0].typos, -pair[1], pair[0].key))
    return [hit for hit, _ in ranked]
