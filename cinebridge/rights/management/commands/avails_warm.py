"""``cinebridge avails_warm``: compile the avails kernel once, so no visitor waits for it.

numba compiles the kernel on its first use (several seconds) and caches it next to the
module; every later process loads it in about 0.1 s. ``make run`` runs this before the
server starts; deployments run it after installing (``gunicorn`` with
``CINEBRIDGE_WARM_AVAILS=1`` does it too, see ``cinebridge/wsgi.py``).
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from cinebridge.engines.avails import kernel, warm_up


class Command(BaseCommand):
    help = "Compile the avails kernel (cached on disk for later processes)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        warm_up()
        took = time.perf_counter() - started
        how = "compiled or loaded" if kernel.COMPILED else "numba missing: numpy path"
        self.stdout.write(f"avails kernel ready ({how}) in {took:.1f} s")
