"""Recompute every search entry for the other spellings a name is typed in (issue 10):
Wade-Giles, Cantonese and Sino-Vietnamese readings of Chinese characters, every
transliteration scheme of Russian, numbers as digits and as words (engines/text/variants.py).
The search counters start a new generation, so every process builds its snapshot and typo
vocabulary again instead of catching up entry by entry."""

import uuid

from django.db import migrations
from django.db.models import F

COUNTERS = ("catalog.search_entries", "catalog.search_vocabulary")


def reindex(apps, schema_editor):
    """Recompute the index text, stored name forms and literal forms of every entry."""
    from cinebridge.engines.text import allowed_typos, forms_to_plain, name_forms
    from cinebridge.engines.text.bounds import literal_text
    from cinebridge.engines.text.normalise import index_text_of_forms

    SearchEntry = apps.get_model("catalog", "SearchEntry")
    SearchTerm = apps.get_model("catalog", "SearchTerm")
    ChangeCounter = apps.get_model("core", "ChangeCounter")
    batch, words = [], set()
    for entry in SearchEntry.objects.only("id", "names").iterator(chunk_size=1000):
        all_forms = [name_forms(name) for name in entry.names]
        entry.text = index_text_of_forms(all_forms)
        entry.forms = [forms_to_plain(forms) for forms in all_forms]
        entry.literal = literal_text(all_forms)
        words |= {
            w for w in entry.text.split() if w.isascii() and w.isalnum() and allowed_typos(w) > 0
        }
        batch.append(entry)
        if len(batch) == 1000:
            SearchEntry.objects.bulk_update(batch, ["text", "forms", "literal"])
            batch = []
    SearchEntry.objects.bulk_update(batch, ["text", "forms", "literal"])
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=w) for w in sorted(words)], ignore_conflicts=True, batch_size=1000
    )
    ChangeCounter.objects.filter(name__in=COUNTERS).update(
        value=F("value") + 1, generation=uuid.uuid4()
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0008_search_entry_version"), ("core", "0002_change_counter_generation")]
    operations = [migrations.RunPython(reindex, migrations.RunPython.noop)]
