"""Builders for rights tests: they go through the same specs and services as the product."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cinebridge.catalog.models import Title
from cinebridge.organisations.models import Organisation
from cinebridge.rights.models import Deal, RightsIn
from cinebridge.rights.services import deal_create, deal_sign, rights_in_create
from cinebridge.rights.spec_readers import deal_spec_from_raw, rights_in_spec_from_raw
from cinebridge.rights.specs import DealSpec

TODAY = dt.date(2026, 11, 24)


def _title_lookup(value: Any) -> int | None:
    if isinstance(value, Title):
        return value.pk
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return Title.objects.filter(pk=int(value)).values_list("pk", flat=True).first()
    return Title.objects.filter(reference=value).values_list("pk", flat=True).first()


def _org_lookup(value: Any) -> int | None:
    if isinstance(value, Organisation):
        return value.pk
    if isinstance(value, int):
        return value
    return Organisation.objects.filter(slug=value).values_list("pk", flat=True).first()


def make_rights_in(holder: Organisation, title: Title, actor: Any = None, **raw: Any) -> RightsIn:
    """Rights in with defaults: World, all media, from 2020, exclusive."""
    data = {
        "title": title.pk,
        "territories": ["001"],
        "media": ["ALL"],
        "start": "2020-01-01",
        "source_contract": "Original production",
    } | raw
    spec = rights_in_spec_from_raw(data, titles=_title_lookup, on=TODAY)
    return rights_in_create(actor=actor, holder=holder, spec=spec)


def deal_spec(
    licensor: Organisation, licensee: Organisation, grants: list[dict[str, Any]], **raw: Any
) -> DealSpec:
    """A deal's terms read by the product's validator, as the API and forms read them."""
    data = {"licensee": licensee.pk, "grants": grants} | raw
    return deal_spec_from_raw(
        data, licensor_id=licensor.pk, organisations=_org_lookup, titles=_title_lookup, on=TODAY
    )


def make_deal(
    licensor: Organisation,
    licensee: Organisation,
    grants: list[dict[str, Any]],
    *,
    actor: Any = None,
    sign: bool = False,
    **raw: Any,
) -> Deal:
    """A draft deal (signed when sign=True) through the product's validator and services."""
    spec = deal_spec(licensor, licensee, grants, **raw)
    deal = deal_create(actor=actor, licensor=licensor, spec=spec)
    if sign:
        deal, _ = deal_sign(actor=actor, deal=deal)
    return deal
