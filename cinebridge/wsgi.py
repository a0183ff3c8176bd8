"""WSGI entry point (``gunicorn cinebridge.wsgi``).

With ``CINEBRIDGE_WARM_AVAILS=1`` the avails index and the in-memory search snapshot are built
when this module is imported, so no visitor waits for them: under ``gunicorn --preload`` the master builds it once and every
forked worker starts with it (copy-on-write), then catches up from the change log as always.
The database connection used for the build is closed first, so workers never share it.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinebridge.settings")
application = get_wsgi_application()


def warm() -> None:
    """Build this process's avails index and search snapshot now, then close the connections
    they used."""
    from django.db import connections

    from cinebridge.catalog.search_memory import snapshot
    from cinebridge.engines.avails import warm_up
    from cinebridge.rights.engine_adapters import avails_index

    warm_up()
    try:
        avails_index()
        snapshot()
    finally:
        connections.close_all()


if os.environ.get("CINEBRIDGE_WARM_AVAILS", "").lower() in {"1", "true", "yes"}:
    warm()
