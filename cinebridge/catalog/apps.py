from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _search_schema_ensure(sender, using, **kwargs):  # type: ignore[no-untyped-def]
    from django.db import connections

    from cinebridge.catalog.search_schema import search_schema_ensure

    search_schema_ensure(connections[using])


class CatalogConfig(AppConfig):
    name = "cinebridge.catalog"
    label = "catalog"
    verbose_name = _("Catalog")

    def ready(self) -> None:
        post_migrate.connect(_search_schema_ensure, sender=self)
