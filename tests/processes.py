"""Run test code in separate processes on the test database, for races only processes show.

On PostgreSQL every process connects to the test database. SQLite's test database lives in
the test process's memory, which other processes cannot open, so ``processes_database``
copies it to a file and points every child process at that file (with the project's
SQLite settings: WAL and ``BEGIN IMMEDIATE``), just as separate server processes share one
file in production. The children are forked, so monkeypatches and fixtures' rows made
before the copy are theirs too; what they write stays in the file (or in PostgreSQL), so
read the outcome in a child as well.
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, connections

TIMEOUT = 120  # seconds a child may take before the test fails (a hang, not a slow machine)


class ChildFailed(AssertionError):
    """A child process raised; carries its traceback."""


def _child(
    index: int, call: Callable[[], Any], database: str | None, results: multiprocessing.Queue
) -> None:
    for conn in connections.all():
        conn.connection = None  # the parent's handle: never used (nor closed) from here
        if database is not None:
            conn.settings_dict["NAME"] = database
    try:
        results.put((index, True, call()))
    except BaseException:
        results.put((index, False, traceback.format_exc()))
    finally:
        connections.close_all()


@contextmanager
def processes_database() -> Iterator[Callable[..., list[Any]]]:
    """Yields ``run(*calls)``: each call runs at once in its own process; returns their results
    in order, or raises ChildFailed with a child's traceback."""
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as folder:
        database = None
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            database = os.path.join(folder, "test.sqlite3")
            connection.ensure_connection()
            copy = sqlite3.connect(database)
            connection.connection.backup(copy)
            # WAL now, in one process: two children switching the journal mode at once
            # (their connection's init_command) can fail with "database is locked" at once,
            # since SQLite does not wait on the lock that switch takes.
            copy.execute("PRAGMA journal_mode=WAL")
            copy.close()
        connections.close_all()  # no open PostgreSQL socket may be shared with a child

        def run(*calls: Callable[[], Any]) -> list[Any]:
            results: multiprocessing.Queue = context.Queue()
            children = [
                context.Process(target=_child, args=(i, call, database, results))
                for i, call in enumerate(calls)
            ]
            for child in children:
                child.start()
            answers: dict[int, Any] = {}
            try:
                for _ in children:
                    index, ok, value = results.get(timeout=TIMEOUT)
                    if not ok:
                        raise ChildFailed(value)
                    answers[index] = value
            finally:
                for child in children:
                    child.join(timeout=TIMEOUT)
                    if child.is_alive():
                        child.kill()
            return [answers[i] for i in range(len(calls))]

        yield run
