"""``cinebridge search QUERY [--json] [filters]``: search the catalog from the shell.

Without ``--as USERNAME`` it searches as an anonymous visitor (published titles only).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cinebridge.catalog import selectors
from cinebridge.catalog.filters import CatalogFilterForm


class Command(BaseCommand):
    help = "Search titles and people in any language or script (e.g. 'nu pogodi')."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query", nargs="+", help="search text")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--as", dest="username", help="search as this user (sees their drafts)")
        parser.add_argument("--limit", type=int, default=20)
        for name in ("kind", "country", "genre", "version-language", "version-kind"):
            parser.add_argument(f"--{name}", default="")
        parser.add_argument("--year-from", type=int)
        parser.add_argument("--year-to", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        user: Any = AnonymousUser()
        if options["username"]:
            user = get_user_model().objects.filter(username=options["username"]).first()
            if user is None:
                raise CommandError(f"no user named {options['username']!r}")
        form = CatalogFilterForm(
            {
                "q": " ".join(options["query"]),
                "kind": options["kind"],
                "country": options["country"].upper(),
                "genre": options["genre"],
                "year_from": options["year_from"] or "",
                "year_to": options["year_to"] or "",
                "version_language": options["version_language"],
                "version_kind": options["version_kind"],
            }
        )
        if not form.is_valid():
            problems = "; ".join(
                f"{field}: {' '.join(errs)}" for field, errs in form.errors.items()
            )
            raise CommandError(problems)
        result = selectors.catalog_search(
            user=user, text=form.cleaned_data["q"], filters=form.filters()
        )
        hits = result.title_hits[: options["limit"]]
        titles = {t.pk: t for t in selectors.titles_for_hits(hits)}
        people_hits = result.person_hits[: options["limit"]]
        people = {p.pk: p for p in selectors.people_for_hits(people_hits)}
        if options["json"]:
            payload = {
                "query": result.query,
                "total": result.total,
                "typo_corrected": result.typo_corrected,
                "titles": [
                    {
                        "id": h.key,
                        "original_title": titles[h.key].original_title,
                        "year": titles[h.key].year,
                        "kind": titles[h.key].kind,
                        "matched_name": h.matched_name,
                        "tier": h.tier,
                        "typos": h.typos,
                    }
                    for h in hits
                    if h.key in titles
                ],
                "people": [
                    {"id": h.key, "name": people[h.key].name, "matched_name": h.matched_name}
                    for h in people_hits
                    if h.key in people
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        note = " (with typo corrections)" if result.typo_corrected else ""
        self.stdout.write(f"{result.total} title(s){note}")
        for h in hits:
            title = titles.get(h.key)
            if title is None:
                continue
            via = (
                f"  [found via {h.matched_name}]" if h.matched_name != title.original_title else ""
            )
            self.stdout.write(f"  #{h.key:<6} {title.original_title} ({title.year or '?'}){via}")
        if people_hits:
            self.stdout.write(f"{len(result.person_hits)} person(s)")
            for h in people_hits:
                if h.key in people:
                    self.stdout.write(f"  #{h.key:<6} {people[h.key].name}")
