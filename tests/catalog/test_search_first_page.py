"""Search ranks a page at a time: on any small catalog, every page and count equal those of
ranking every match, and the database computes exactly the engine's bounds."""

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cinebridge.catalog import search_index
from cinebridge.catalog.models import SearchEntry
from cinebridge.catalog.search_ranking import TIER_WEIGHT, _bound_sql
from cinebridge.catalog.selectors import catalog_search
from cinebridge.engines.text import parse_query
from cinebridge.engines.text.bounds import lower_bound, query_bounds
from tests.engines.text.test_first_page import queries_for
from tests.engines.text.test_properties import name_lists
from tests.factories import make_title

pytestmark = pytest.mark.django_db

# Titles the catalog accepts: every name holds more than white space (the spec refuses it).
stored_names = name_lists.filter(lambda group: all(name.strip() for name in group))
catalogs = st.lists(st.tuples(stored_names, st.integers(0, 2)), min_size=1, max_size=8)
SLOW_EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _hits(hits):
    return [(h.key, h.tier, h.typos, h.matched_name) for h in hits]


def _store(studio, catalog) -> None:
    for names, popularity in catalog:
        localised = [("en", name) for name in dict.fromkeys(names[1:]) if name != names[0]]
        make_title(
            studio, original_title=names[0], localised_titles=localised, popularity=popularity
        )
    search_index._vocabulary = None  # the rolled-back examples rewind the vocabulary counter


@SLOW_EXAMPLES
@given(data=st.data())
def test_every_page_equals_the_page_of_ranking_every_match(studio, data):
    catalog = data.draw(catalogs)
    text = data.draw(queries_for([group for group, _ in catalog]))
    size = data.draw(st.integers(1, 4))
    with transaction.atomic():
        _store(studio, catalog)
        reference = catalog_search(user=None, text=text, rank_everything=True)
        for start in range(0, reference.total + size, size):
            fast = catalog_search(user=None, text=text)  # a fresh search per page, as a view
            page = fast.title_hits[start : start + size]
            assert _hits(page) == _hits(reference.title_hits[start : start + size])
            assert fast.total == reference.total
            assert fast.typo_corrected == reference.typo_corrected
            assert _hits(fast.person_hits[:size]) == _hits(reference.person_hits[:size])
        assert _hits(catalog_search(user=None, text=text).title_hits) == _hits(reference.title_hits)
        transaction.set_rollback(True)


@SLOW_EXAMPLES
@given(data=st.data())
def test_the_database_computes_the_engines_bound_of_every_entry(studio, data):
    catalog = data.draw(catalogs)
    text = data.draw(queries_for([group for group, _ in catalog]))
    with transaction.atomic():
        _store(studio, catalog)
        for query in (parse_query(text), search_index.query_with_typos(parse_query(text))):
            bounds = query_bounds(query)
            rows = SearchEntry.objects.annotate(
                bound=_bound_sql(bounds, connection.vendor)
            ).values_list("literal", "text", "bound")
            for literal, index_text, bound in rows:
                tier, typos = lower_bound(bounds, {"literal": literal, "text": index_text})
                assert bound == tier * TIER_WEIGHT + typos, (literal, index_text)
        transaction.set_rollback(True)


def test_a_page_of_a_broad_search_ranks_about_a_page(studio):
    for n in range(60):
        make_title(studio, original_title=f"Night {n}", popularity=n % 7)
    make_title(studio, original_title="Night", popularity=0)
    result = catalog_search(user=None, text="night")
    page = result.title_hits[:10]
    assert result.total == 61
    assert page[0].tier == 0 and [h.tier for h in page[1:]] == [2] * 9
    assert result.title_hits.candidates_ranked <= 24  # the first batch: no more was needed
    assert _hits(page) == _hits(
        catalog_search(user=None, text="night", rank_everything=True).title_hits[:10]
    )
