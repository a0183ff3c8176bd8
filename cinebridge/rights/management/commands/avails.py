"""``cinebridge avails``: what an organisation can still license, from the shell.

    cinebridge avails --org soyuzmultfilm --territory VN --media SVOD \\
        --from 2027-03-01 --to 2029-02-28 --exclusive [--language vi:subtitles] [--why]

Prints the status counts, then one line per title with its free windows (``--why`` adds
the reasons where it is blocked), or JSON (``--json``), and can write the report file
(``--report out.xlsx`` or ``.csv``). The answer is given as the organisation's members see
it: its own and published titles, and references only of deals it is party to. Bad input
exits with status 2 and every problem.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Q

from cinebridge.catalog.models import Title, TitleStatus
from cinebridge.catalog.specs import SpecInvalid
from cinebridge.engines.avails import AvailsQuery, AvailsResult, Cell, Match, Status
from cinebridge.organisations.models import Organisation
from cinebridge.rights import selectors
from cinebridge.rights.models import RightsIn
from cinebridge.rights.reports import BLOCKED, FORMATS, FREE, AvailsRow, avails_report, avails_rows

USAGE_ERROR = 2


def problem(text: str) -> CommandError:
    """Bad input: exit status 2, like argparse."""
    return CommandError(text, returncode=USAGE_ERROR)


def organisation_named(value: str | None) -> Organisation:
    """The organisation by slug or id; without one, the only organisation holding rights."""
    if value:
        found = Organisation.objects.filter(slug=value).first()
        if found is None and value.isdigit():
            found = Organisation.objects.filter(pk=int(value)).first()
        if found is None:
            raise problem(f"org: unknown organisation {value!r}")
        return found
    holders = list(RightsIn.objects.values_list("owner_id", flat=True).distinct()[:2])
    if len(holders) != 1:
        raise problem(
            "org: say which organisation (--org SLUG); "
            f"{len(holders) or 'no'} organisations hold rights"
        )
    return Organisation.objects.get(pk=holders[0])


def titles_seen_by(organisation: Organisation, ids: list[int]) -> dict[int, Title]:
    """Titles of the answer the organisation's members may see: its own and published ones."""
    visible = Q(status=TitleStatus.PUBLISHED) | Q(owner=organisation)
    out: dict[int, Title] = {}
    for i in range(0, len(ids), 2000):
        out.update(Title.objects.filter(visible, pk__in=ids[i : i + 2000]).in_bulk())
    return out


def _split(values: list[str] | None) -> str:
    return ",".join(v.strip() for value in values or [] for v in value.split(",") if v.strip())


class Command(BaseCommand):
    help = "What an organisation can still license: titles x territories x media x period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="rights holder slug or id (default: the only holder)")
        parser.add_argument(
            "--territory", action="append", help="VN, 035, CIS... (repeat or commas)"
        )
        parser.add_argument("--exclude-territory", action="append")
        parser.add_argument("--media", action="append", help="SVOD, VOD, ALL... (repeat or commas)")
        parser.add_argument("--exclude-media", action="append")
        parser.add_argument("--from", dest="start", help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", help="YYYY-MM-DD, exclusive (default: open)")
        parser.add_argument("--exclusive", action="store_true")
        parser.add_argument("--language", action="append", help="tag:usage, e.g. vi:subtitles")
        parser.add_argument("--match", choices=[m.value for m in Match], default=Match.ENTIRE)
        parser.add_argument("--min-days", default="0", help="shortest free window that counts")
        parser.add_argument("--status", choices=[s.value for s in Status])
        parser.add_argument("--title", action="append", help="only this title (reference or id)")
        parser.add_argument("--why", action="store_true", help="say why where not available")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--report", help="also write the report to FILE (.csv or .xlsx)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = organisation_named(options["org"])
        raw = {
            "territories": _split(options["territory"]),
            "exclude_territories": _split(options["exclude_territory"]),
            "media": _split(options["media"]),
            "exclude_media": _split(options["exclude_media"]),
            "start": options["start"],
            "end": options["end"],
            "exclusive": options["exclusive"],
            "languages": _split(options["language"]),
            "match": options["match"],
            "min_days": options["min_days"],
            "title_ids": self._title_ids(options["title"]),
        }
        report = Path(options["report"]) if options["report"] else None
        if report and report.suffix.lower().lstrip(".") not in FORMATS:
            raise problem(f"report: {report.name!r} must end in .csv or .xlsx")
        try:
            query = selectors.avails_query_from_raw(raw, holder_id=organisation.pk)
        except SpecInvalid as error:
            raise problem("\n".join(f"{p.field}: {p.message}" for p in error.problems)) from error
        result = selectors.avails_for(query=query)
        visible = titles_seen_by(organisation, [t for t, _ in result.items()])
        wanted = options["status"]
        titles = {
            t: visible[t] for t, s in result.items() if t in visible and (not wanted or s == wanted)
        }
        viewer = {organisation.pk}
        if report:
            fmt = report.suffix.lower().lstrip(".")
            content, _, _ = avails_report(
                result=result, titles=titles, viewer_org_ids=viewer, fmt=fmt
            )
            report.write_bytes(content)
        detailed = options["why"] or options["json"]
        explained = {
            t: title
            for t, title in titles.items()
            if detailed or result.status(t) is not Status.UNAVAILABLE
        }
        rows: dict[int, list[AvailsRow]] = defaultdict(list)
        for row in avails_rows(result=result, titles=explained, viewer_org_ids=viewer):
            rows[row.title_id].append(row)
        counts = {s.value: 0 for s in Status}
        for title_id, found in result.items():
            counts[found.value] += title_id in visible
        if options["json"]:
            self._print_json(organisation, counts, result, titles, rows)
        else:
            self.stdout.write(
                f"{organisation.slug}: " + ", ".join(f"{n} {s}" for s, n in counts.items())
            )
            self._print_table(result, titles, rows, why=options["why"])
        if report:
            self.stderr.write(f"report written to {report}")

    def _title_ids(self, values: list[str] | None) -> list[int] | None:
        if not values:
            return None
        ids = []
        for value in _split(values).split(","):
            found = Title.objects.filter(reference=value).values_list("pk", flat=True).first()
            if found is None and value.isdigit():
                found = Title.objects.filter(pk=int(value)).values_list("pk", flat=True).first()
            if found is None:
                raise problem(f"title: unknown title {value!r}")
            ids.append(found)
        return ids

    def _print_table(
        self,
        result: AvailsResult,
        titles: dict[int, Title],
        rows: dict[int, list[AvailsRow]],
        *,
        why: bool,
    ) -> None:
        whole = _whole(result.query)
        for title_id, found in result.items():
            title = titles.get(title_id)
            if title is None:
                continue
            windows = []
            for row in rows.get(title_id, []):
                if row.state != FREE:
                    continue
                window = f"{row.cell.start}..{row.cell.end or 'open'}"
                if (row.cell.territories, row.cell.media) != whole:
                    window += f" ({row.cell.territories}; {row.cell.media})"
                windows.append(window)
            self.stdout.write(
                f"{found.value:<12} {title.reference or '#' + str(title_id):<14} "
                f"{title.original_title}  {', '.join(windows) or '-'}".rstrip()
            )
            if why:
                for row in rows.get(title_id, []):
                    if row.state != FREE:
                        where = f"{row.cell.territories}; {row.cell.media}"
                        if row.cell.languages:
                            where += f"; {row.cell.languages_text}"
                        self.stdout.write(
                            f"    {row.cell.start}..{row.cell.end or 'open'} {where}: {row.reasons}"
                        )

    def _print_json(
        self,
        organisation: Organisation,
        counts: dict[str, int],
        result: AvailsResult,
        titles: dict[int, Title],
        rows: dict[int, list[AvailsRow]],
    ) -> None:
        def cell(row: AvailsRow) -> dict[str, Any]:
            view = row.cell
            return {
                "territories": view.territories,
                "media": view.media,
                "start": view.start.isoformat(),
                "end": view.end.isoformat() if view.end else None,
                "languages": [list(leaf) for leaf in view.languages],
                "reasons": [
                    {
                        "code": r.code,
                        "text": r.text,
                        "deal_id": r.deal_id,
                        "deal_reference": r.deal_reference,
                        "until": r.until.isoformat() if r.until else None,
                        "provisional": r.provisional,
                        "languages": [list(leaf) for leaf in r.languages],
                    }
                    for r in view.reasons
                ],
            }

        payload: dict[str, Any] = {
            "organisation": organisation.slug,
            "counts": counts,
            "titles": [],
        }
        for title_id, found in result.items():
            title = titles.get(title_id)
            if title is None:
                continue
            mine = rows.get(title_id, [])
            payload["titles"].append(
                {
                    "id": title_id,
                    "reference": title.reference,
                    "original_title": title.original_title,
                    "status": found.value,
                    "free": [cell(r) for r in mine if r.state == FREE],
                    "blocked": [cell(r) for r in mine if r.state == BLOCKED],
                    "warnings": [cell(r) for r in mine if r.state not in (FREE, BLOCKED)],
                }
            )
        self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))


def _whole(query: AvailsQuery) -> tuple[str, str]:
    """The query's own territories and media in words: a free cell that covers all of them."""
    cell = Cell(query.territories, query.media, query.period)
    [view] = selectors.cell_views([cell], set())
    return view.territories, view.media
