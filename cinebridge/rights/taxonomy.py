"""Territory and media trees: loading the shipped data, naming nodes, and the engine's view.

The trees live in the database (``Territory``, ``Medium``, ``TerritoryGroup*``) and are
loaded from ``rights/data`` after every migrate when the data version moved. Each process
keeps the engine's ``Taxonomy`` objects and rebuilds them when the data version changes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import get_language, gettext

from cinebridge.core.audit import counter_value, counter_value_for_request
from cinebridge.core.models import ChangeCounter
from cinebridge.engines.avails import Node, Taxonomy

DATA_DIR = Path(__file__).resolve().parent / "data"
DATA_VERSION = 1
DATA_COUNTER = "rights.taxonomy"
WORLD = "001"
ALL_MEDIA = "ALL"
UNPLACED = {"TW": "030"}  # M49 gives Taiwan no region: Eastern Asia, see data/README.md


@dataclass(frozen=True)
class TerritoryRow:
    code: str
    name: str
    kind: str
    parent: str | None


def territory_rows() -> list[TerritoryRow]:
    """World > region > sub-region > intermediate region > country, from the M49 file."""
    rows = [TerritoryRow(WORLD, "World", "world", None)]
    seen = {WORLD}
    with (DATA_DIR / "countries-m49.csv").open(encoding="utf-8") as handle:
        for line in csv.DictReader(handle):
            parent = WORLD
            levels = (
                ("region-code", "region", "region"),
                ("sub-region-code", "sub-region", "subregion"),
                ("intermediate-region-code", "intermediate-region", "intermediate"),
            )
            for code_col, name_col, kind in levels:
                code = line[code_col].strip()
                if not code:
                    continue
                if code not in seen:
                    rows.append(TerritoryRow(code, line[name_col], kind, parent))
                    seen.add(code)
                parent = code
            alpha2 = line["alpha-2"].strip()
            if parent == WORLD and alpha2 in UNPLACED:
                parent = UNPLACED[alpha2]
            rows.append(TerritoryRow(alpha2, line["name"], "country", parent))
    countries = [r for r in rows if r.kind == "country"]
    return [r for r in rows if r.kind != "country"] + countries


def media_rows() -> list[tuple[str, str | None, str]]:
    """(code, parent, English name) for every medium."""
    return [tuple(row) for row in json.loads((DATA_DIR / "media.json").read_text())]  # type: ignore[misc]


def group_rows() -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / "territory_groups.json").read_text())  # type: ignore[no-any-return]


def taxonomy_ensure(force: bool = False) -> bool:
    """Load the shipped trees and groups if the database holds an older version."""
    from cinebridge.rights.models import (
        Medium,
        MediumLeaf,
        Territory,
        TerritoryGroup,
        TerritoryGroupVersion,
        TerritoryLeaf,
    )

    if not force and counter_value(DATA_COUNTER) >= DATA_VERSION and Territory.objects.exists():
        return False
    with transaction.atomic():
        existing = set(Territory.objects.values_list("code", flat=True))
        for position, row in enumerate(territory_rows()):
            Territory.objects.update_or_create(
                code=row.code,
                defaults={
                    "name": row.name,
                    "kind": row.kind,
                    "parent_id": row.parent,
                    "position": position,
                },
            )
            existing.discard(row.code)
        for position, (code, parent, name) in enumerate(media_rows()):
            Medium.objects.update_or_create(
                code=code, defaults={"name": name, "parent_id": parent, "position": position}
            )
        for group in group_rows():
            TerritoryGroup.objects.update_or_create(
                code=group["code"],
                defaults={"name": group["name"], "description": group.get("description", "")},
            )
            for version in group["versions"]:
                TerritoryGroupVersion.objects.update_or_create(
                    group_id=group["code"],
                    version=version["version"],
                    defaults={
                        "valid_from": dt.date.fromisoformat(version["valid_from"]),
                        "members": version["members"],
                        "note": version.get("note", ""),
                    },
                )
        territories, media = _build_taxonomies()
        TerritoryLeaf.objects.all().delete()
        TerritoryLeaf.objects.bulk_create(
            TerritoryLeaf(key=key, leaf=leaf)
            for key in [*territories.nodes, *territories.groups]
            for leaf in territories.leaf_codes(territories.mask(key))
        )
        MediumLeaf.objects.all().delete()
        MediumLeaf.objects.bulk_create(
            MediumLeaf(key=key, leaf=leaf)
            for key in media.nodes
            for leaf in media.leaf_codes(media.mask(key))
        )
        ChangeCounter.objects.update_or_create(name=DATA_COUNTER, defaults={"value": DATA_VERSION})
    _cache.clear()
    return True


def _build_taxonomies() -> tuple[Taxonomy, Taxonomy]:
    from cinebridge.rights.models import Medium, Territory, TerritoryGroupVersion

    nodes = [
        Node(c, p, n) for c, p, n in Territory.objects.values_list("code", "parent_id", "name")
    ]
    groups: dict[str, list[str]] = {}
    for version in TerritoryGroupVersion.objects.order_by("group_id", "version"):
        groups[version.key] = list(version.members)
    territories = Taxonomy(nodes, groups)
    media_nodes = [
        Node(c, p, n) for c, p, n in Medium.objects.values_list("code", "parent_id", "name")
    ]
    return territories, Taxonomy(media_nodes)


_cache: dict[str, tuple[Taxonomy, Taxonomy]] = {}


def taxonomies() -> tuple[Taxonomy, Taxonomy]:
    """(territories, media) as engine taxonomies, cached per process and data version.

    The data version is read once per request: a change by another process shows from the
    next request on.
    """
    key = str(counter_value_for_request(DATA_COUNTER))
    found = _cache.get(key)
    if found is None:
        _cache.clear()
        found = _cache[key] = _build_taxonomies()
    return found


def group_key(code: str, on: dt.date | None = None) -> str | None:
    """The versioned key ("CIS@4") of a group's membership valid on a date, or None."""
    from cinebridge.rights.models import TerritoryGroupVersion

    versions = TerritoryGroupVersion.objects.filter(group_id=code)
    if on is not None:
        versions = versions.filter(valid_from__lte=on)
    version = versions.order_by("-version").first()
    return version.key if version else None


def territory_label(key: str, language: str | None = None) -> str:
    """A territory key's name in the UI language: "Viet Nam", "South-eastern Asia", "CIS (v4)"."""
    from babel import Locale

    language = (language or get_language() or "en").replace("-", "_")
    if "@" in key:
        code, version = key.split("@", 1)
        from cinebridge.rights.models import TerritoryGroup

        group = TerritoryGroup.objects.filter(code=code).values_list("name", flat=True).first()
        return f"{gettext(group) if group else code} ({gettext('membership')} {version})"
    try:
        locale = Locale.parse(language if language != "zh_hans" else "zh_Hans")
        name = locale.territories.get(key)
    except (ValueError, LookupError):
        name = None
    if name:
        return str(name)[:1].upper() + str(name)[1:]  # CLDR writes "world" in lower case
    from cinebridge.rights.models import Territory

    return Territory.objects.filter(code=key).values_list("name", flat=True).first() or key


def medium_label(code: str) -> str:
    """A medium's name in the UI language."""
    _, media = taxonomies()
    node = media.nodes.get(code)
    return gettext(node.name) if node else code
