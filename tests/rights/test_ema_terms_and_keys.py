"""EMA import keeps every term of a transaction and exports it back; transactions without
TransactionID are keyed by what they license, so a reordered re-delivery changes nothing."""

from __future__ import annotations

import re

import pytest

from cinebridge.rights.ema_exchange import rights_in_export_ema, rights_in_import_ema
from cinebridge.rights.models import RightsIn
from tests.factories import OrganisationFactory
from tests.rights.ema.conftest import SYNTHETIC_DIR

pytestmark = pytest.mark.django_db


def _valid_xml() -> str:
    return (SYNTHETIC_DIR / "valid_v2.5.xml").read_text(encoding="utf-8")


def _terms(holder) -> dict[str, list]:
    return {r.external_id: r.ema_terms for r in RightsIn.objects.filter(owner=holder)}


def test_prices_and_other_terms_are_kept_and_exported_back(studio):
    rights_in_import_ema(actor=None, holder=studio, data=_valid_xml().encode(), filename="a.xml")
    movie = RightsIn.objects.get(external_id="md:alid:org:example:hedgehog#HEDGEHOG-SVOD-VN")
    assert movie.ema_terms == [
        {"name": "WSP", "kind": "Price", "value": "4.99", "currency": "USD", "text": None},
        {
            "name": "SuppressionLiftDate",
            "kind": "Event",
            "value": "2027-02-15T00:00:00",
            "currency": None,
        },
        {"name": "TPR-WSP", "kind": "Money", "value": "2.49", "currency": "USD"},
    ]
    for fmt in ("xml", "xlsx"):
        exported = rights_in_export_ema(holder=studio, fmt=fmt)
        other = OrganisationFactory(name=f"Buyer {fmt}", slug=f"buyer-{fmt}")
        rights_in_import_ema(actor=None, holder=other, data=exported, filename=f"e.{fmt}")
        assert sorted(_terms(other).values(), key=repr) == sorted(_terms(studio).values(), key=repr)
    xml = rights_in_export_ema(holder=studio, fmt="xml").decode()
    assert 'termName="TPR-WSP"' in xml and 'termName="SuppressionLiftDate"' in xml


def _without_ids_two_transactions() -> tuple[str, str]:
    """The synthetic file with the movie's two transactions stripped of their IDs, in the
    original order and swapped."""
    text = _valid_xml().replace(' TransactionID="HEDGEHOG-SVOD-VN"', "")
    first, second = re.findall(r"    <avails:Transaction>.*?</avails:Transaction>\n", text, re.S)[
        :2
    ]
    swapped = text.replace(first + second, second + first)
    assert swapped != text
    return text, swapped


def test_a_reordered_re_delivery_without_transaction_ids_changes_nothing(studio):
    original, reordered = _without_ids_two_transactions()
    rights_in_import_ema(actor=None, holder=studio, data=original.encode(), filename="a.xml")
    before = {r.external_id: (r.start, r.end, r.exclusive) for r in RightsIn.objects.all()}
    again = rights_in_import_ema(
        actor=None, holder=studio, data=reordered.encode(), filename="b.xml"
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    after = {r.external_id: (r.start, r.end, r.exclusive) for r in RightsIn.objects.all()}
    assert after == before


def test_records_keyed_by_position_before_are_taken_over_not_duplicated(studio):
    original, _ = _without_ids_two_transactions()
    rights_in_import_ema(actor=None, holder=studio, data=original.encode(), filename="a.xml")
    keyed = RightsIn.objects.filter(external_id__contains="#~")
    assert keyed.count() == 2
    for number, rights in enumerate(keyed.order_by("start"), start=1):
        rights.external_id = (
            f"md:alid:org:example:hedgehog#AvailList/Avail[1]/Transaction[{number}]"
        )
        rights.save()
    again = rights_in_import_ema(
        actor=None, holder=studio, data=original.encode(), filename="a.xml"
    )
    assert (again.created, again.updated) == (0, 2)
    assert RightsIn.objects.count() == 5 and keyed.count() == 2
