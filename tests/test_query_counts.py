"""The N-versus-2N query check catches a query per row that a fixed cap lets through."""

import pytest

from cinebridge.organisations.models import Organisation
from tests.factories import OrganisationFactory
from tests.query_counts import assert_queries_do_not_grow_with_rows

pytestmark = pytest.mark.django_db


def _add_organisations(numbers):
    for n in numbers:
        OrganisationFactory(name=f"Studio {n}", slug=f"studio-{n}")


def test_a_query_per_row_is_caught_although_it_is_under_any_small_cap():
    def fetch_one_by_one():
        for pk in Organisation.objects.values_list("pk", flat=True):
            Organisation.objects.get(pk=pk)

    with pytest.raises(AssertionError, match="3 queries at 2 rows but 5 at 4 rows"):
        assert_queries_do_not_grow_with_rows(_add_organisations, fetch_one_by_one, n=2)


def test_a_constant_number_of_queries_passes_and_is_returned():
    def fetch_all():
        list(Organisation.objects.all())

    assert assert_queries_do_not_grow_with_rows(_add_organisations, fetch_all, n=2) == 1
