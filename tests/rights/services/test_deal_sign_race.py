"""Two sales people sign overlapping exclusive deals at the same moment: only one may win.

Each signer runs in its own thread with its own database connection. The conflict check is
slowed down inside the signing transaction, so without the titles' row locks (PostgreSQL)
or the immediate write transaction (SQLite) both would pass the check and both would sign.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection

from cinebridge.rights import services
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.services import DealConflict, deal_sign
from tests.factories import OrganisationFactory
from tests.rights.factories import make_deal, make_rights_in

ROUNDS = 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_only_one_of_two_simultaneous_overlapping_exclusive_signings_succeeds(
    studio, broadcaster, nu_pogodi, monkeypatch
):
    if connection.vendor == "sqlite":
        pytest.skip("the test database is SQLite in memory, whose shared-cache table locks do not "
                    "wait; a file database serialises signers with BEGIN IMMEDIATE")  # fmt: skip
    make_rights_in(studio, nu_pogodi)
    okko = OrganisationFactory(name="Okko", slug="okko")
    checked = deal_check = services.deal_check

    def slow_check(deal):  # read, then give the other signer time to read too
        conflicts = deal_check(deal)
        time.sleep(0.3)
        return conflicts

    monkeypatch.setattr(services, "deal_check", slow_check)
    for round_number in range(ROUNDS):
        start = f"{2030 + 3 * round_number}-01-01"
        end = f"{2032 + 3 * round_number}-01-01"
        first = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], "territories": ["VN"],
                          "media": ["SVOD"], "start": start, "end": end, "exclusive": True}])  # fmt: skip
        second = make_deal(studio, okko, [{"titles": [nu_pogodi.pk], "territories": ["035"],
                           "media": ["VOD"], "start": start, "end": end, "exclusive": True}])  # fmt: skip
        barrier = threading.Barrier(2)
        outcome: dict[str, str] = {}

        def sign(deal: Deal, barrier: threading.Barrier, outcome: dict[str, str]) -> None:
            try:
                barrier.wait(timeout=10)
                deal_sign(actor=None, deal=deal)
                outcome[deal.reference] = "signed"
            except DealConflict:
                outcome[deal.reference] = "refused"
            except Exception as error:  # any other failure shows in the assert
                outcome[deal.reference] = repr(error)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=sign, args=(d, barrier, outcome)) for d in (first, second)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(outcome.values()) == ["refused", "signed"], outcome
        signed = Deal.objects.filter(pk__in=[first.pk, second.pk], status=DealStatus.SIGNED)
        assert signed.count() == 1
    assert checked is deal_check
