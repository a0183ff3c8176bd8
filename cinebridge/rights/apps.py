from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _taxonomy_ensure(sender, using, **kwargs):  # type: ignore[no-untyped-def]
    from cinebridge.rights.taxonomy import taxonomy_ensure

    taxonomy_ensure()


class RightsConfig(AppConfig):
    name = "cinebridge.rights"
    label = "rights"
    verbose_name = _("Rights and deals")

    def ready(self) -> None:
        post_migrate.connect(_taxonomy_ensure, sender=self)
