"""deal_create numbers references so that concurrent creators never collide; a reference the
client chose that is taken is refused naming it."""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from typing import Any

import pytest

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.organisations.models import Organisation
from cinebridge.rights import services
from cinebridge.rights.models import Deal
from tests.processes import processes_database
from tests.rights.factories import deal_spec, make_deal, make_rights_in

pytestmark = pytest.mark.django_db

EACH = 8
VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}


def _creator(studio_id: int, licensee_id: int, title_id: int, barrier: Any) -> Callable[[], Any]:
    def create() -> list[str]:
        studio = Organisation.objects.get(pk=studio_id)
        licensee = Organisation.objects.get(pk=licensee_id)
        barrier.wait(timeout=30)
        return [
            make_deal(studio, licensee, [{"titles": [title_id], **VN_SVOD}]).reference
            for _ in range(EACH)
        ]

    return create


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_processes_creating_drafts_at_once_get_distinct_references(
    studio, broadcaster, nu_pogodi, monkeypatch
):
    make_rights_in(studio, nu_pogodi)
    pick = services._next_reference

    def slow_pick(*args, **kwargs):  # pick, then let the other creator pick the same number
        reference = pick(*args, **kwargs)
        time.sleep(0.05)
        return reference

    monkeypatch.setattr(services, "_next_reference", slow_pick)
    barrier = multiprocessing.get_context("fork").Barrier(2)
    with processes_database() as run:
        first, second = run(*[_creator(studio.pk, broadcaster.pk, nu_pogodi.pk, barrier)] * 2)
        [stored] = run(lambda: sorted(Deal.objects.values_list("reference", flat=True)))
    assert len(first) == len(second) == EACH
    assert sorted(first + second) == stored and len(set(stored)) == 2 * EACH


def test_a_reference_the_client_chose_that_is_taken_is_refused_naming_it(
    studio, broadcaster, nu_pogodi
):
    make_rights_in(studio, nu_pogodi)
    make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], reference="VTV-1")
    with pytest.raises(SpecInvalid) as refused:
        make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], reference="VTV-1")
    [problem] = refused.value.problems
    assert (problem.field, problem.code) == ("reference", "duplicate_reference")
    assert "VTV-1" in problem.message
    assert Deal.objects.count() == 1


def test_numbers_follow_the_highest_taken_this_year(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    year = services._today().year
    make_deal(
        studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], reference=f"D-{year}-0002"
    )
    made = [
        make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}]).reference
        for _ in range(3)
    ]
    assert made == [f"D-{year}-0003", f"D-{year}-0004", f"D-{year}-0005"]


def test_changing_a_deal_to_a_taken_reference_is_refused_naming_it(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    grants = [{"titles": [nu_pogodi.pk], **VN_SVOD}]
    make_deal(studio, broadcaster, grants, reference="VTV-1")
    other = make_deal(studio, broadcaster, grants, reference="VTV-2")
    spec = deal_spec(studio, broadcaster, grants, reference="VTV-1")
    with pytest.raises(SpecInvalid) as refused:
        services.deal_update(actor=None, deal=other, spec=spec)
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("reference", "duplicate_reference")
    ]
    assert Deal.objects.get(pk=other.pk).reference == "VTV-2"
