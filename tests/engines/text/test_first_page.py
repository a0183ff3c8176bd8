"""Ranking a page at a time (bounds.py, first_page.py) against ranking every candidate."""

from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.engines.text import (
    Candidate,
    Query,
    expand_with_typos,
    fold,
    index_text,
    name_forms,
    parse_query,
    query_matches,
    rank,
    romanise,
)
from cinebridge.engines.text.bounds import (
    Bound,
    literal_text,
    lower_bound,
    query_bounds,
)
from cinebridge.engines.text.first_page import RankedPrefix
from cinebridge.engines.text.fuzzy import allowed_typos
from tests.engines.text.test_properties import name_lists, names

# Several candidates share names and boosts, so ties on tier and boost are common.
catalogs = st.lists(st.tuples(name_lists, st.integers(0, 3)), min_size=1, max_size=12)


@st.composite
def queries_for(draw: st.DrawFn, groups: list[list[str]]) -> str:
    """A query that finds some of the names at various tiers: a whole name, its beginning,
    one of its words, its romanisation with or without spaces, a piece of a word, or any text."""
    name = draw(st.sampled_from([name for group in groups for name in group]))
    folded = fold(name)
    words = folded.split() or [""]
    romanised = romanise(folded)
    choices = [
        name,
        folded[: draw(st.integers(1, max(1, len(folded))))],
        draw(st.sampled_from(words)),
        romanised,
        romanised.replace(" ", ""),
        " ".join(draw(st.permutations(words))[:2]),
    ]
    word = draw(st.sampled_from(words))
    start = draw(st.integers(0, max(0, len(word) - 1)))
    choices.append(word[start : start + draw(st.integers(1, 4))])
    choices.append(draw(names))
    return draw(st.sampled_from(choices))


def _with_typos(query: Query, texts: list[str], typo: str) -> Query:
    """The query, its last term mistyped, widened with the candidates' words as the search's
    typo pass does."""
    vocabulary = sorted({w for t in texts for w in t.split() if w.isascii() and w.isalnum()})
    if typo:
        query = parse_query(query.text + typo)
    words = [w for w in vocabulary if allowed_typos(w) > 0]
    return expand_with_typos(query, {term.skeleton: words for term in query.terms})


def _candidates(catalog: list[tuple[list[str], int]]) -> list[Candidate]:
    return [
        Candidate(key=key, names=tuple(group), boost=float(boost))
        for key, (group, boost) in enumerate(catalog)
    ]


def _columns(candidate: Candidate) -> dict[str, str]:
    forms = [name_forms(name) for name in candidate.names]
    return {"literal": literal_text(forms), "text": index_text(candidate.names)}


def _prefix(query: Query, candidates: list[Candidate]) -> RankedPrefix[int]:
    bounds = query_bounds(query)
    by_key = {c.key: c for c in candidates}
    pending = [
        (Bound(*lower_bound(bounds, _columns(c)), -c.boost, c.key), c.key)
        for c in candidates
        if query_matches(query, index_text(c.names))
    ]
    return RankedPrefix(query, pending, lambda keys: [by_key[k] for k in keys])


@st.composite
def searches(draw: st.DrawFn) -> tuple[Query, list[Candidate]]:
    catalog = draw(catalogs)
    candidates = _candidates(catalog)
    query = parse_query(draw(queries_for([group for group, _ in catalog])))
    if draw(st.booleans()):
        typo = draw(st.sampled_from(["", "x", "q"]))
        query = _with_typos(query, [index_text(c.names) for c in candidates], typo)
    return query, candidates


@settings(max_examples=300, deadline=None)
@given(searches())
def test_the_bound_never_exceeds_the_rank(search: tuple[Query, list[Candidate]]) -> None:
    query, candidates = search
    bounds = query_bounds(query)
    for hit in rank(query, candidates):
        candidate = next(c for c in candidates if c.key == hit.key)
        assert lower_bound(bounds, _columns(candidate)) <= (hit.tier, hit.typos), hit


@settings(max_examples=300, deadline=None)
@given(searches(), st.integers(0, 14))
def test_the_first_page_is_the_first_page_of_ranking_everything(
    search: tuple[Query, list[Candidate]], size: int
) -> None:
    query, candidates = search
    everything = rank(query, candidates)
    ranking = _prefix(query, candidates)
    assert len(ranking) == len(everything)
    assert ranking.prefix(size) == everything[:size]
    assert ranking.all() == everything


@settings(max_examples=100, deadline=None)
@given(searches(), st.integers(1, 5))
def test_pages_read_one_after_another_stay_in_order(
    search: tuple[Query, list[Candidate]], size: int
) -> None:
    query, candidates = search
    everything = rank(query, candidates)
    ranking = _prefix(query, candidates)
    keys = [h.key for h in everything]
    assert ranking.in_rank_order([keys[::-1], keys[:1]]) == [everything, everything[:1]]
    for stop in range(size, len(everything) + size, size):
        assert ranking.prefix(stop) == everything[:stop]


def test_a_page_ranks_few_candidates_when_the_bounds_are_tight() -> None:
    """A broad one-word query: the exact name first, then the most popular whole-word
    matches; the other hundreds of matches are never ranked."""
    candidates = [Candidate(key=0, names=("Night",), boost=0.0)] + [
        Candidate(key=k, names=(f"Night of the {n}",), boost=float(k % 50))
        for k, n in enumerate(["wolf", "sea", "moon", "city"] * 100, start=1)
    ]
    query = parse_query("night")
    ranking = _prefix(query, candidates)
    page = ranking.prefix(24)
    assert page == rank(query, candidates)[:24]
    assert page[0].key == 0 and page[0].tier == 0
    assert ranking.candidates_ranked < 100


def test_an_entry_stored_without_literal_forms_is_bounded_by_tier_0() -> None:
    bounds = query_bounds(parse_query("night"))
    assert lower_bound(bounds, {"literal": "", "text": "dark"}) == (0, 0)
