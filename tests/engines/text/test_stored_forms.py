"""Ranking from stored forms and texts gives what ranking from the names gives."""

from hypothesis import given
from hypothesis import strategies as st

from cinebridge.engines.text import (
    Candidate,
    forms_from_plain,
    forms_to_plain,
    index_text,
    name_forms,
    parse_query,
    rank,
)
from tests.engines.text.test_properties import name_lists, names, queries


@given(names)
def test_forms_survive_storage(name: str) -> None:
    forms = name_forms(name)
    assert forms_from_plain(forms_to_plain(forms)) == forms


@given(st.lists(name_lists, min_size=1, max_size=6), queries)
def test_rank_on_stored_forms_equals_rank_on_names(groups: list[list[str]], text: str) -> None:
    query = parse_query(text)
    plain = [Candidate(key=i, names=tuple(g)) for i, g in enumerate(groups)]
    stored = [
        Candidate(
            key=i,
            names=tuple(g),
            forms=tuple(forms_from_plain(forms_to_plain(name_forms(n))) for n in g),
            text=index_text(g),
        )
        for i, g in enumerate(groups)
    ]
    assert rank(query, stored) == rank(query, plain)
