import pytest

from cinebridge.catalog.specs import SpecInvalid
from cinebridge.engines.avails import Reason
from cinebridge.rights.errors import RightsError
from cinebridge.rights.models import DealStatus
from cinebridge.rights.services import DealConflict, DealStateError, deal_sign
from tests.rights.factories import make_deal, make_rights_in

VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}


@pytest.fixture
def held(studio, nu_pogodi):
    return make_rights_in(studio, nu_pogodi)


@pytest.mark.django_db
def test_signing_a_free_exclusive_deal(studio, broadcaster, nu_pogodi, held, studio_sales):
    deal = make_deal(
        studio, broadcaster, [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}]
    )
    signed, warnings = deal_sign(actor=studio_sales, deal=deal)
    assert signed.status == DealStatus.SIGNED
    assert signed.signed_by == studio_sales
    assert warnings == []


@pytest.mark.django_db
def test_a_second_exclusive_deal_over_the_same_rights_is_refused(
    studio, broadcaster, nu_pogodi, held
):
    first = make_deal(
        studio, broadcaster, [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}], sign=True
    )
    from tests.factories import OrganisationFactory

    other = OrganisationFactory(name="Okko", slug="okko")
    second = make_deal(
        studio,
        other,
        [
            {
                "titles": [nu_pogodi.pk],
                "exclusive": True,
                "territories": ["035"],
                "media": ["VOD"],
                "start": "2028-01-01",
                "end": "2030-01-01",
            }
        ],
    )
    with pytest.raises(DealConflict) as refused:
        deal_sign(actor=None, deal=second)
    [conflict] = refused.value.conflicts
    reasons = {b.reason for cell in conflict.blocked for b in cell.blocks}
    assert reasons == {Reason.EXCLUSIVE_LICENCE}
    assert {b.deal_ref for cell in conflict.blocked for b in cell.blocks} == {first.reference}
    second.refresh_from_db()
    assert second.status == DealStatus.DRAFT


@pytest.mark.django_db
def test_rights_not_held_block_signing(studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi, territories=["001"], exclude_territories=["VN"])
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    with pytest.raises(DealConflict) as refused:
        deal_sign(actor=None, deal=deal)
    blocks = [b for c in refused.value.conflicts for cell in c.blocked for b in cell.blocks]
    assert [b.reason for b in blocks] == [Reason.NOT_HELD]


@pytest.mark.django_db
def test_a_signed_deal_cannot_be_signed_again(studio, broadcaster, nu_pogodi, held):
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}], sign=True)
    with pytest.raises(DealStateError):
        deal_sign(actor=None, deal=deal)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("grant", "field", "code"),
    [
        ({"end": "2027-01-01"}, "grants[1].end", RightsError.PERIOD_ENDS_BEFORE_START),
        ({"territories": ["XX"]}, "grants[1].territories", RightsError.UNKNOWN_TERRITORY),
        ({"media": ["CINEMA"]}, "grants[1].media", RightsError.UNKNOWN_MEDIUM),
        (
            {"territories": ["VN"], "exclude_territories": ["035"]},
            "grants[1].territories",
            RightsError.EMPTY_SCOPE,
        ),
        (
            {"languages": [["xx-invalid-", "subtitles"]]},
            "grants[1].languages",
            RightsError.UNKNOWN_LANGUAGE,
        ),
        (
            {"start": None, "start_event": "theatrical_release", "start_event_territory": "XX"},
            "grants[1].start_event_territory",
            RightsError.UNKNOWN_TERRITORY,
        ),
        (
            {"start": None, "start_event": "theatrical_release"},
            "grants[1].start_event_territory",
            RightsError.REQUIRED,
        ),
    ],
)
def test_bad_grants_are_refused_with_clear_messages(
    studio, broadcaster, nu_pogodi, grant, field, code
):
    with pytest.raises(SpecInvalid) as refused:
        make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD, **grant}])
    assert [(p.field, p.code) for p in refused.value.problems] == [(field, code)]


@pytest.mark.django_db
def test_overlapping_grants_in_one_deal_are_refused(studio, broadcaster, nu_pogodi):
    with pytest.raises(SpecInvalid) as refused:
        make_deal(
            studio,
            broadcaster,
            [
                {"titles": [nu_pogodi.pk], **VN_SVOD},
                {
                    "titles": [nu_pogodi.pk],
                    "territories": ["035"],
                    "media": ["VOD"],
                    "start": "2028-06-01",
                },
            ],
        )
    [problem] = refused.value.problems
    assert problem.code == RightsError.OVERLAPPING_GRANTS
    assert "grants 1 and 2" in problem.message
