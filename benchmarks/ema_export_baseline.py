"""The EMA export as it was before the compact export (commit c155354): every territory
expanded to its countries, one ``md:country`` each, rights in read with prefetch. Kept only
as the baseline of ``benchmarks/ema_export.py``."""

from __future__ import annotations

from typing import Any

from cinebridge.catalog.models import TitleKind
from cinebridge.rights.ema import MEDIUM_TO_LICENSE_TYPE, EmaAvail
from cinebridge.rights.models import RightsIn
from cinebridge.rights.taxonomy import taxonomies


def baseline_records(holder: Any) -> list[EmaAvail]:
    """The holder's rights in as the old export made them: one record per VOD medium, with
    the countries of the territories minus the countries of the exclusions."""
    rights = (
        RightsIn.objects.filter(owner=holder)
        .select_related("title", "owner")
        .prefetch_related("scopes")
        .order_by("title_id", "pk")
    )
    territories, media = taxonomies()
    out = []
    for item in rights:
        scopes = list(item.scopes.all())
        include = [s.key for s in scopes if s.axis == "t" and not s.excluded]
        exclude = [s.key for s in scopes if s.axis == "t" and s.excluded]
        countries = territories.leaf_codes(territories.selection(include))
        excluded = territories.leaf_codes(territories.selection(exclude)) if exclude else ()
        media_mask = media.selection(
            [s.key for s in scopes if s.axis == "m" and not s.excluded],
            [s.key for s in scopes if s.axis == "m" and s.excluded],
        )
        leaves = media.leaf_codes(media_mask)
        alid, _, transaction_id = item.external_id.partition("#")
        title = item.title
        series = title.kind == TitleKind.SERIES
        for leaf in leaves:
            license_type = MEDIUM_TO_LICENSE_TYPE.get(leaf)
            if license_type is None:
                continue
            suffix = "" if len(leaves) == 1 else f"-{leaf}"
            out.append(
                EmaAvail(
                    alid=alid or f"md:alid:org:cinebridge:{title.pk}",
                    licensor=item.licensor_name or item.owner.name,
                    avail_type="series" if series else "single",
                    work_type="Series" if series else "Movie",
                    title=title.original_title,
                    series_title=title.original_title if series else None,
                    alt_id=title.reference or None,
                    content_id=f"md:cid:org:cinebridge:{title.reference or title.pk}",
                    format_profile="HD",
                    series_content_id=(title.reference or None) if series else None,
                    release_year=title.year,
                    license_type=license_type,
                    territories=tuple(c for c in countries if c not in excluded),
                    start=item.start,
                    end=item.end,
                    exclusive=item.exclusive,
                    transaction_id=(transaction_id or str(item.pk)) + suffix,
                    contract_id=item.source_contract,
                    asset_language=title.original_language,
                )
            )
    return out
