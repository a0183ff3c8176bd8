from django.apps import AppConfig
from django.core.signals import request_finished, request_started


class CoreConfig(AppConfig):
    name = "cinebridge.core"
    label = "core"
    verbose_name = "Platform"

    def ready(self) -> None:
        from cinebridge.core.audit import counter_memo_end, counter_memo_start

        request_started.connect(counter_memo_start, dispatch_uid="cinebridge-counter-memo-start")
        request_finished.connect(counter_memo_end, dispatch_uid="cinebridge-counter-memo-end")
