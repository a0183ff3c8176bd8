"""Full-text indexes for SearchEntry.text, per database.

SQLite: an external-content FTS5 table with the trigram tokenizer (substring MATCH for
strings of 3+ characters), kept in step with catalog_searchentry by triggers. The statements
live in ``catalog.search_schema``, which also recreates them after every ``migrate``
(Django's SQLite table rebuilds drop triggers).
PostgreSQL: pg_trgm and a GIN trigram index, which serves ``LIKE '%term%'``.
"""

from django.db import migrations

from cinebridge.catalog.search_schema import FTS_TABLE, TRIGGERS, search_schema_ensure

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalog_searchentry_text_trgm "
    "ON catalog_searchentry USING gin (text gin_trgm_ops)",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS catalog_searchentry_text_trgm"]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        search_schema_ensure(connection)
    elif connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        for name in TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
