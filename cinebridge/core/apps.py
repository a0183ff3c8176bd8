from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "cinebridge.core"
    label = "core"
    verbose_name = "Platform"
