"""Recompute every search entry for the readings of polyphonic characters and the literal
ranking tiers: the index text gains each other reading of a polyphonic character (长 as
zhang and chang), the stored forms gain the names' readings, the vocabulary their words."""

from django.db import migrations


def reindex(apps, schema_editor):
    """Recompute the index text and the stored name forms of every existing search entry."""
    from cinebridge.engines.text import allowed_typos, forms_to_plain, index_text, name_forms

    SearchEntry = apps.get_model("catalog", "SearchEntry")
    SearchTerm = apps.get_model("catalog", "SearchTerm")
    batch, words = [], set()
    for entry in SearchEntry.objects.only("id", "names").iterator(chunk_size=1000):
        entry.text = index_text(entry.names)
        entry.forms = [forms_to_plain(name_forms(name)) for name in entry.names]
        words |= {
            w for w in entry.text.split() if w.isascii() and w.isalnum() and allowed_typos(w) > 0
        }
        batch.append(entry)
        if len(batch) == 1000:
            SearchEntry.objects.bulk_update(batch, ["text", "forms"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["text", "forms"])
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=w) for w in sorted(words)], ignore_conflicts=True, batch_size=1000
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_search_entry_forms")]
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
