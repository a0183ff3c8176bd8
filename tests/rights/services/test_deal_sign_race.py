"""Two sales people sign overlapping exclusive deals at the same moment: only one may win.

Each signer runs in its own process with its own database connection, on PostgreSQL or on
a SQLite file (``tests.processes``). The conflict check is slowed down inside the signing
transaction, so without the titles' row locks (PostgreSQL) or the immediate write
transaction (SQLite) both would pass the check and both would sign.
"""

from __future__ import annotations

import multiprocessing
import time

import pytest

from cinebridge.rights import services
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.services import DealConflict, deal_sign
from tests.factories import OrganisationFactory
from tests.processes import processes_database
from tests.rights.factories import make_deal, make_rights_in

ROUNDS = 3


def _signer(deal_id: int, barrier: multiprocessing.synchronize.Barrier):
    def sign() -> str:
        deal = Deal.objects.get(pk=deal_id)
        barrier.wait(timeout=30)
        try:
            deal_sign(actor=None, deal=deal)
        except DealConflict:
            return "refused"
        return "signed"

    return sign


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_overlapping_exclusive_signings_succeeds(
    studio, broadcaster, nu_pogodi, monkeypatch
):
    make_rights_in(studio, nu_pogodi)
    okko = OrganisationFactory(name="Okko", slug="okko")
    deal_check = services.deal_check

    def slow_check(deal):  # read, then give the other signer time to read too
        conflicts = deal_check(deal)
        time.sleep(0.3)
        return conflicts

    monkeypatch.setattr(services, "deal_check", slow_check)
    pairs = []
    for round_number in range(ROUNDS):
        start = f"{2030 + 3 * round_number}-01-01"
        end = f"{2032 + 3 * round_number}-01-01"
        first = make_deal(
            studio,
            broadcaster,
            [
                {
                    "titles": [nu_pogodi.pk],
                    "territories": ["VN"],
                    "media": ["SVOD"],
                    "start": start,
                    "end": end,
                    "exclusive": True,
                }
            ],
        )
        second = make_deal(
            studio,
            okko,
            [
                {
                    "titles": [nu_pogodi.pk],
                    "territories": ["035"],
                    "media": ["VOD"],
                    "start": start,
                    "end": end,
                    "exclusive": True,
                }
            ],
        )
        pairs.append((first.pk, second.pk))
    with processes_database() as run:
        for first_id, second_id in pairs:
            barrier = multiprocessing.get_context("fork").Barrier(2)
            outcome = run(_signer(first_id, barrier), _signer(second_id, barrier))
            assert sorted(outcome) == ["refused", "signed"], outcome
            [signed] = run(
                lambda ids=(first_id, second_id): Deal.objects.filter(
                    pk__in=ids, status=DealStatus.SIGNED
                ).count()
            )
            assert signed == 1
