"""The SQLite trigram index survives migrations that rebuild the search table."""

import pytest
from django.db import connection

from cinebridge.catalog.search_schema import TRIGGERS, search_schema_ensure
from cinebridge.catalog.selectors import catalog_search
from tests.factories import make_title

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers are SQLite's"),
]


def test_lost_triggers_are_recreated_and_the_index_rebuilt(studio):
    before = make_title(studio, original_title="Hase und Wolf")
    with connection.cursor() as cursor:  # what Django's table rebuild does to them
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    during = make_title(studio, original_title="Wolf im Schafspelz")  # written while lost
    assert sorted(search_schema_ensure(connection)) == sorted(TRIGGERS)
    after = make_title(studio, original_title="Wolf und Fuchs")
    found = {h.key for h in catalog_search(user=None, text="wolf").title_hits}
    assert found == {before.pk, during.pk, after.pk}
    assert search_schema_ensure(connection) == []
