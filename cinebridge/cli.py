"""The ``cinebridge`` command: a thin front over Django's management commands.

cinebridge serve [--port 8000] [--host 127.0.0.1]   serve the web UI and API
cinebridge demo                                     load the demo data set (idempotent)
cinebridge import titles FILE [--owner SLUG]        import titles from CSV or XLSX
cinebridge export titles FILE [--owner SLUG]        export titles to CSV or XLSX
cinebridge search QUERY [--json] [filters]          search the catalog
cinebridge deal list|sign|expire ...                list, sign or expire deals
cinebridge token revoke USERNAME                    revoke a user's API tokens
cinebridge axes_reset [--username NAME]             lift sign-in lockouts
cinebridge <any Django management command>          e.g. migrate, createsuperuser
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

# Words that map onto a management command of another name.
ALIASES = {"demo": "demo", "search": "search"}
SUBCOMMANDS = {
    ("import", "titles"): "import_titles",
    ("export", "titles"): "export_titles",
    ("deal", "sign"): "deal_sign",
    ("deal", "list"): "deal_list",
    ("deal", "expire"): "deal_expire",
    ("import", "avails"): "import_avails",
    ("export", "avails"): "export_avails",
    ("token", "revoke"): "token_revoke",
}


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cinebridge.settings")
    from django.conf import settings

    data_dir = settings.DATA_DIR
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        data_dir.mkdir(parents=True, exist_ok=True)


def translate(argv: Sequence[str]) -> list[str]:
    """Turn ``cinebridge`` arguments into ``django-admin`` arguments."""
    args = list(argv)
    if not args:
        return ["help"]
    if args[0] == "serve":
        rest = args[1:]
        host, port, extra = "127.0.0.1", os.environ.get("PORT", "8000"), []
        i = 0
        while i < len(rest):
            if rest[i] == "--port" and i + 1 < len(rest):
                port, i = rest[i + 1], i + 2
            elif rest[i] == "--host" and i + 1 < len(rest):
                host, i = rest[i + 1], i + 2
            else:
                extra.append(rest[i])
                i += 1
        return ["runserver", f"{host}:{port}", *extra]
    if len(args) >= 2 and (args[0], args[1]) in SUBCOMMANDS:
        return [SUBCOMMANDS[(args[0], args[1])], *args[2:]]
    if args[0] in {"import", "export"}:
        raise SystemExit(
            f"cinebridge {args[0]}: say what to {args[0]}, e.g. 'cinebridge {args[0]} titles FILE'"
        )
    return [ALIASES.get(args[0], args[0]), *args[1:]]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``cinebridge`` console script."""
    argv = list(sys.argv[1:] if argv is None else argv)
    manage = bool(argv) and argv[0] == "manage"
    if manage:
        argv = argv[1:]
    _setup()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["cinebridge", *(argv if manage else translate(argv))])
    return 0


if __name__ == "__main__":
    sys.exit(main())
