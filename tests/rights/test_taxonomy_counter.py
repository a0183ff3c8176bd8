"""The taxonomy data version is read once per request, and a change by another process is seen
on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cinebridge.core.models import ChangeCounter
from cinebridge.rights import taxonomy

pytestmark = pytest.mark.django_db


def _counter_reads(queries):
    return [q["sql"] for q in queries.captured_queries if "core_changecounter" in q["sql"]]


def test_the_media_list_reads_the_counter_once(client):
    client.get("/api/media/")  # builds this process's taxonomies
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/media/").status_code == 200
    assert len(_counter_reads(queries)) == 1


def test_a_change_by_another_process_is_seen_on_the_next_request(client):
    client.get("/api/media/")
    built = taxonomy.taxonomies()
    # another process moves the data version (a plain UPDATE: no bump in this process)
    ChangeCounter.objects.filter(name=taxonomy.DATA_COUNTER).update(value=99)
    assert client.get("/api/media/").status_code == 200
    assert taxonomy.taxonomies() is not built
    assert list(taxonomy._cache) == ["99"]


def test_outside_a_request_every_call_reads_the_counter():
    taxonomy.taxonomies()
    with CaptureQueriesContext(connection) as queries:
        taxonomy.taxonomies()
        taxonomy.taxonomies()
    assert len(_counter_reads(queries)) == 2
