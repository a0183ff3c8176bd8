"""Signing language-limited licences: a grant covers and blocks only its languages
(language and script x usage, the region dropped; no languages = every language)."""

import pytest

from cinebridge.engines.avails import Reason
from cinebridge.rights.models import DealStatus
from cinebridge.rights.services import DealConflict, deal_sign
from tests.factories import OrganisationFactory
from tests.rights.factories import make_deal, make_rights_in

CA_SVOD = {
    "territories": ["CA"],
    "media": ["SVOD"],
    "start": "2027-03-01",
    "end": "2029-03-01",
    "exclusive": True,
}


@pytest.fixture
def held(studio, nu_pogodi):
    return make_rights_in(studio, nu_pogodi)


@pytest.fixture
def okko(db):
    return OrganisationFactory(name="Okko", slug="okko", kind="vod")


def _licence(studio, licensee, title, languages, sign=False, **grant):
    terms = {"titles": [title.pk], **CA_SVOD, "languages": languages, **grant}
    return make_deal(studio, licensee, [terms], sign=sign)


def _refused(deal) -> list:
    with pytest.raises(DealConflict) as refused:
        deal_sign(actor=None, deal=deal)
    deal.refresh_from_db()
    assert deal.status == DealStatus.DRAFT
    return [b for c in refused.value.conflicts for cell in c.blocked for b in cell.blocks]


@pytest.mark.django_db
def test_french_and_english_language_licences_in_canada_both_sign(
    studio, broadcaster, okko, nu_pogodi, held
):
    _licence(studio, broadcaster, nu_pogodi, "fr:audio, fr:subtitles", sign=True)
    english = _licence(studio, okko, nu_pogodi, "en:audio, en:subtitles")
    signed, warnings = deal_sign(actor=None, deal=english)
    assert signed.status == DealStatus.SIGNED and warnings == []


@pytest.mark.django_db
def test_the_same_language_conflicts_whatever_region_it_names(
    studio, broadcaster, okko, nu_pogodi, held
):
    first = _licence(studio, broadcaster, nu_pogodi, "fr:audio, fr:subtitles", sign=True)
    blocks = _refused(_licence(studio, okko, nu_pogodi, "fr-CA:audio"))
    assert {(b.reason, b.deal_ref) for b in blocks} == {(Reason.EXCLUSIVE_LICENCE, first.reference)}
    # the blocking licence's languages, for the why-not text
    assert {b.languages for b in blocks} == {(("fr", "audio"), ("fr", "subtitles"))}


@pytest.mark.django_db
def test_a_licence_without_languages_blocks_and_is_blocked_by_every_language(
    studio, broadcaster, okko, nu_pogodi, held
):
    _licence(studio, broadcaster, nu_pogodi, "fr:audio", sign=True)
    blocks = _refused(_licence(studio, okko, nu_pogodi, ""))
    assert {b.reason for b in blocks} == {Reason.EXCLUSIVE_LICENCE}
    crave = OrganisationFactory(name="Crave", slug="crave", kind="vod")
    everything = _licence(studio, okko, nu_pogodi, "", territories=["US"])
    deal_sign(actor=None, deal=everything)
    blocks = _refused(_licence(studio, crave, nu_pogodi, "es:audio", territories=["US"]))
    assert {(b.reason, b.languages) for b in blocks} == {(Reason.EXCLUSIVE_LICENCE, ())}


@pytest.mark.django_db
def test_subtitled_and_dubbed_versions_are_distinct_rights(
    studio, broadcaster, okko, nu_pogodi, held
):
    _licence(studio, broadcaster, nu_pogodi, "fr:subtitles", sign=True)
    dubbed, _ = deal_sign(actor=None, deal=_licence(studio, okko, nu_pogodi, "fr:audio"))
    assert dubbed.status == DealStatus.SIGNED
    voice_over = OrganisationFactory(name="Voice", slug="voice", kind="vod")
    blocks = _refused(_licence(studio, voice_over, nu_pogodi, "fr:subtitles, fr:voice_over"))
    assert {b.languages for b in blocks} == {(("fr", "subtitles"),)}


@pytest.mark.django_db
def test_a_bare_language_is_the_script_likely_where_the_licence_runs(
    studio, broadcaster, okko, nu_pogodi, held
):
    # In Viet Nam, exclusive Vietnamese-language SVOD rights and a Chinese-language service.
    vn = {"territories": ["VN"]}
    _licence(studio, broadcaster, nu_pogodi, "vi:subtitles", sign=True, **vn)
    chinese, _ = deal_sign(actor=None, deal=_licence(studio, okko, nu_pogodi, "zh:subtitles", **vn))
    assert chinese.status == DealStatus.SIGNED
    # zh in Taiwan is Traditional Chinese: a zh-Hant licence there meets it, zh-Hans does not.
    tw = {"territories": ["TW"]}
    _licence(studio, broadcaster, nu_pogodi, "zh:subtitles", sign=True, **tw)
    blocks = _refused(_licence(studio, okko, nu_pogodi, "zh-Hant-TW:subtitles", **tw))
    assert {b.languages for b in blocks} == {(("zh-hant", "subtitles"),)}  # the leaf
    simplified, _ = deal_sign(
        actor=None, deal=_licence(studio, okko, nu_pogodi, "zh-Hans:subtitles", **tw)
    )
    assert simplified.status == DealStatus.SIGNED
