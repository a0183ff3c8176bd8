"""Queries: parse, match against index_text, widen with typo alternatives.

A query is a conjunction of terms (one per whitespace token of its folded form; a run
of Chinese characters is one term). A term matches an object when any of its
alternatives (its folded form, its skeleton, the typo expansions) is a substring of the
object's index_text. `query_matches` is the slow, obviously-correct reference: the
database query (FTS5 trigram or pg_trgm, one substring test per alternative, OR within a
term, AND across terms) must select exactly the objects it selects. A lone Chinese
character matches only as itself, not by its pinyin syllable.

Ranking lives in ``ranking.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from cinebridge.engines.text.fuzzy import allowed_typos, prefix_typo_distance
from cinebridge.engines.text.han import toneless
from cinebridge.engines.text.normalise import fold, has_han, romanise, skeleton


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


def _skeleton_of(folded_token: str) -> str:
    return "".join(skeleton(token) for token in romanise(folded_token).split())


def _term(folded_token: str, read: str = "") -> QueryTerm:
    """A folded token -> its term with (folded, skeleton) as alternatives; ``read``: the
    token as read otherwise (without tone numbers), whose spelling and skeleton are
    alternatives too, and whose skeleton is the term's (the skeleton tiers rank by it)."""
    term_skeleton = _skeleton_of(read or folded_token)
    candidates: tuple[str, ...] = (folded_token, _skeleton_of(folded_token))
    if read:
        candidates = (read, term_skeleton, *candidates)
    if len(folded_token) == 1 and has_han(folded_token):
        # A lone character's reading is ambiguous (长 is chang or zhang) and one pinyin
        # syllable ("an") is a substring of countless words: it matches by itself only.
        candidates = (folded_token,)
    alternatives = tuple(dict.fromkeys(alt for alt in candidates if alt))
    return QueryTerm(folded_token, term_skeleton, alternatives, frozenset())


# Pinyin typed on a keyboard without ü: "u:" (CEDICT's spelling) or "v" (see toneless).
_U_COLON = re.compile("(?<=[a-zA-Z])[uU]:")


def _read(token: str) -> str:
    """``token`` without its tone numbers (``han.toneless``), or "" when it has none or is
    read as one letter ("m1", "a1": names and codes more often than 唔 or 啊)."""
    read = toneless(token)
    return read if read and len(read) > 1 else ""


def parse_query(text: str) -> Query:
    """Raw user text -> Query with one term per folded token; empty text -> no terms.

    A token typed as romanised Chinese with tone numbers or ``v``/``u:`` for ü
    (``xi1 you2 ji4``, ``shang4hai3``, ``lv4``) is also read without them
    (``han.toneless``): both spellings are its term's alternatives.
    """
    typed = fold(_U_COLON.sub("ü", text)).split()
    read = [_read(token) for token in typed]
    # The literal tiers compare what was typed; the skeleton tiers what it was read as.
    spoken = " ".join(r or t for r, t in zip(read, typed, strict=True))
    compact = skeleton("".join(romanise(spoken).split()))
    terms = tuple(_term(token, reading) for token, reading in zip(typed, read, strict=True))
    return Query(text=text, folded=" ".join(typed), compact_skeleton=compact, terms=terms)


# A four-digit number in this range typed beside other words is taken as a year.
YEARS = range(1870, 2101)


def year_split(query: Query) -> tuple[int, str] | None:
    """(the year, the query's other words) when a term is a year (``YEARS``, four digits)
    and other terms remain: ``Мимино 1977`` -> (1977, "мимино"); of several, the last
    (``1917 2019``: the film "1917" of 2019). None otherwise."""
    years = [
        index
        for index, term in enumerate(query.terms)
        if len(term.folded) == 4
        and term.folded.isascii()
        and term.folded.isdigit()
        and int(term.folded) in YEARS
    ]
    if not years or len(query.terms) < 2:
        return None
    last = years[-1]
    rest = " ".join(term.folded for index, term in enumerate(query.terms) if index != last)
    return int(query.terms[last].folded), rest


def term_matches(term: QueryTerm, text: str) -> bool:
    """True if any alternative of term is a substring of text (an index_text)."""
    return any(alternative in text for alternative in term.alternatives)


def query_matches(query: Query, text: str) -> bool:
    """True if every term matches text (AND); a query without terms matches everything."""
    return all(term_matches(term, text) for term in query.terms)


@lru_cache(maxsize=4096)  # asked for every typo alternative of every candidate ranked
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
    return _cost_from(typo_sources(term), word)


@lru_cache(maxsize=16384)  # one query asks again for each candidate ranked and its bounds
def _cost_from(sources: tuple[tuple[str, int], ...], word: str) -> int | None:
    costs = [
        cost for form, budget in sources if (cost := prefix_typo_distance(form, word)) <= budget
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
