"""Store each search entry's literal forms (``engines.text.bounds.literal_text``), from which
the database bounds a match's rank so that search ranks only the page it shows."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    """Compute the literal column of every existing search entry from its stored forms."""
    from cinebridge.engines.text import forms_from_plain, name_forms
    from cinebridge.engines.text.bounds import literal_text

    SearchEntry = apps.get_model("catalog", "SearchEntry")
    batch = []
    for entry in SearchEntry.objects.only("id", "names", "forms").iterator(chunk_size=2000):
        if len(entry.forms) == len(entry.names):
            all_forms = [forms_from_plain(plain) for plain in entry.forms]
        else:
            all_forms = [name_forms(name) for name in entry.names]
        entry.literal = literal_text(all_forms)
        batch.append(entry)
        if len(batch) == 2000:
            SearchEntry.objects.bulk_update(batch, ["literal"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["literal"])


def statistics_refresh(apps, schema_editor):
    """Refresh the planner's statistics: SQLite rebuilt the table to add the column and lost
    them, and without them it may plan a search by scanning titles (search_index.py)."""
    with schema_editor.connection.cursor() as cursor:
        if schema_editor.connection.vendor == "sqlite":
            cursor.execute("ANALYZE")
        elif schema_editor.connection.vendor == "postgresql":
            cursor.execute("ANALYZE catalog_searchentry")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_title_standard_identifiers")]
    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="literal",
            field=models.TextField(
                blank=True,
                default="",
                help_text=(
                    "engines.text.bounds.literal_text of the names: what the database bounds a "
                    "match's rank with, so only a page of matches is ranked"
                ),
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(statistics_refresh, migrations.RunPython.noop),
    ]
