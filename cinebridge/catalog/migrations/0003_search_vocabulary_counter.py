"""Create the vocabulary change counter up front, so concurrent writers only ever UPDATE it."""

from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("core", "ChangeCounter").objects.get_or_create(name="catalog.search_vocabulary")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_search_indexes"), ("core", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
