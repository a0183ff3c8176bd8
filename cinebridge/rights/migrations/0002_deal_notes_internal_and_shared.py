"""Split a deal's notes: internal (the licensor's members only) and shared (both parties).
Notes written before the split were the licensor's own, so they become internal notes."""

from django.db import migrations, models
from django.db.models import F


def notes_to_internal(apps, schema_editor):
    apps.get_model("rights", "Deal").objects.update(internal_notes=F("notes"))


def internal_to_notes(apps, schema_editor):
    apps.get_model("rights", "Deal").objects.update(notes=F("internal_notes"))


class Migration(migrations.Migration):

    dependencies = [
        ("rights", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="deal",
            name="internal_notes",
            field=models.TextField(blank=True, help_text="the licensor's members only"),
        ),
        migrations.AddField(
            model_name="deal",
            name="shared_notes",
            field=models.TextField(blank=True, help_text="both parties"),
        ),
        migrations.RunPython(notes_to_internal, internal_to_notes),
        migrations.RemoveField(
            model_name="deal",
            name="notes",
        ),
    ]
