"""The database objects behind search that Django's models do not describe.

SQLite: an FTS5 trigram table over ``catalog_searchentry.text`` and the triggers that keep it
in step. Django's SQLite schema editor rebuilds a table for many ``ALTER`` operations, which
drops its triggers, so ``search_schema_ensure`` runs after every ``migrate`` (post_migrate):
it recreates whatever is missing and then rebuilds the index from the table.
PostgreSQL: the pg_trgm GIN index (created by migration 0002) survives such changes.
"""

from __future__ import annotations

from typing import Any

FTS_TABLE = "catalog_searchentry_fts"
TRIGGERS = {
    "catalog_searchentry_fts_insert": """CREATE TRIGGER catalog_searchentry_fts_insert
        AFTER INSERT ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
    "catalog_searchentry_fts_delete": """CREATE TRIGGER catalog_searchentry_fts_delete
        AFTER DELETE ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(catalog_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    "catalog_searchentry_fts_update": """CREATE TRIGGER catalog_searchentry_fts_update
        AFTER UPDATE OF text ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(catalog_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO catalog_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
}
CREATE_FTS = f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
    text, content='catalog_searchentry', content_rowid='id', tokenize='trigram')"""


def search_schema_ensure(connection: Any) -> list[str]:
    """Create the missing SQLite search objects; returns what it created (empty if none)."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        if "catalog_searchentry" not in present:
            return []
        created = []
        if FTS_TABLE not in present:
            cursor.execute(CREATE_FTS)
            created.append(FTS_TABLE)
        for name, statement in TRIGGERS.items():
            if name not in present:
                cursor.execute(statement)
                created.append(name)
        if created:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    return created
