"""Full-text indexes for SearchEntry.text, per database.

SQLite: an external-content FTS5 table with the trigram tokenizer (substring MATCH for
strings of 3+ characters), kept in step with catalog_searchentry by triggers.
PostgreSQL: pg_trgm and a GIN trigram index, which serves ``LIKE '%term%'``.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE catalog_searchentry_fts USING fts5(
        text, content='catalog_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER catalog_searchentry_fts_insert AFTER INSERT ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER catalog_searchentry_fts_delete AFTER DELETE ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(catalog_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER catalog_searchentry_fts_update AFTER UPDATE ON catalog_searchentry BEGIN
        INSERT INTO catalog_searchentry_fts(catalog_searchentry_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO catalog_searchentry_fts(rowid, text) VALUES (new.id, new.text); END""",
    "INSERT INTO catalog_searchentry_fts(catalog_searchentry_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_update",
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_delete",
    "DROP TRIGGER IF EXISTS catalog_searchentry_fts_insert",
    "DROP TABLE IF EXISTS catalog_searchentry_fts",
]
POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_searchentry_text_trgm "
    "ON catalog_searchentry USING gin (text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS catalog_searchentry_text_trgm"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
