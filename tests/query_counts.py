"""Query-count checks that compare a page at N rows and at 2N rows.

A fixed cap passes as long as the test data is small, whatever the page does per row, and
fails when an unrelated change adds one query; the count at 2N rows against the count at N
rows says what matters: the number of queries must not grow with the rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_at_n_and_2n(
    add_rows: Callable[[Iterable[int]], Any], fetch: Callable[[], Any], *, n: int
) -> tuple[list[str], list[str]]:
    """The SQL that ``fetch()`` runs after ``add_rows(range(0, n))`` and after ``range(n, 2n)``.

    ``fetch`` runs once before each count, so a per-process cache built on first use (the
    avails index, the taxonomies) is not mistaken for a query per row.
    """
    captured = []
    for batch in range(2):
        add_rows(range(batch * n, (batch + 1) * n))
        fetch()
        with CaptureQueriesContext(connection) as queries:
            fetch()
        captured.append([query["sql"] for query in queries.captured_queries])
    return captured[0], captured[1]


def assert_queries_do_not_grow_with_rows(
    add_rows: Callable[[Iterable[int]], Any], fetch: Callable[[], Any], *, n: int
) -> int:
    """Fail if ``fetch()`` runs more queries at 2N rows than at N; return the count at N."""
    at_n, at_2n = queries_at_n_and_2n(add_rows, fetch, n=n)
    extra = "\n".join(sql for sql in at_2n if sql not in at_n)
    assert len(at_2n) <= len(at_n), (
        f"{len(at_n)} queries at {n} rows but {len(at_2n)} at {2 * n} rows:\n{extra}"
    )
    return len(at_n)
