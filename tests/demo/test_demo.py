"""The demo data set: what it holds, that loading it twice changes nothing, that it is
reproducible. Loading the full set takes seconds, so the database checks share one test."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from cinebridge.catalog.models import Episode, LocalisedTitle, Person, Title
from cinebridge.catalog.selectors import catalog_search
from cinebridge.catalog.services import title_update
from cinebridge.catalog.specs import TitleSpec
from cinebridge.core.management.commands.demo import REFUSED_IN_PRODUCTION
from cinebridge.demo.data import ADMIN_USERNAME, DEMO_PASSWORD, MEMBERS, ORGANISATIONS
from cinebridge.demo.generate import GENERATED_COUNT, demo_catalog, generated_titles
from cinebridge.demo.load import demo_load
from cinebridge.demo.real_titles import NU_POGODI_REFERENCE
from cinebridge.engines.avails import Status
from cinebridge.organisations.models import Membership, Organisation, OrganisationKind, Role
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.selectors import avails_for, avails_query_from_raw
from cinebridge.rights.services import deal_check


def _counts() -> dict[str, int]:
    models = (
        Organisation,
        Title,
        Person,
        LocalisedTitle,
        Episode,
        Membership,
        Deal,
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.django_db
def test_demo_loads_a_realistic_world_once_and_only_once():
    out = StringIO()
    call_command("demo", stdout=out)
    printed = out.getvalue()
    assert "roskino-sales" in printed and DEMO_PASSWORD in printed

    assert Organisation.objects.count() >= 30
    assert Title.objects.count() >= 200
    assert set(Organisation.objects.values_list("kind", flat=True)) == set(OrganisationKind.values)
    languages = set(LocalisedTitle.objects.values_list("language", flat=True))
    assert {"ru", "en", "vi", "zh-Hans", "ru-Latn", "zh-Latn-pinyin"} <= languages
    assert Title.objects.filter(status="draft").exists()

    nu_pogodi = Title.objects.get(original_title="Ну, погоди!", reference=NU_POGODI_REFERENCE)
    localised = set(nu_pogodi.localised_titles.values_list("language", "text"))
    assert {("en", "Well, Just You Wait!"), ("ru-Latn", "Nu, pogodi!")} <= localised
    assert {"vi", "zh-Hans"} <= {language for language, _ in localised}
    assert nu_pogodi.seasons.get(number=1).episodes.count() == 16
    # The studio and its sales agent both list it: search shows one work with both holders.
    found = catalog_search(user=None, text="nu pogodi")
    assert [h.key for h in found.title_hits].count(nu_pogodi.pk) == 1
    [agent_listing] = found.also[nu_pogodi.pk]
    assert Title.objects.get(pk=agent_listing).owner.slug == "roskino"
    assert not any(h.key == agent_listing for h in found.title_hits)

    roles = set(
        Membership.objects.filter(user__username__in=[m.username for m in MEMBERS]).values_list(
            "role", flat=True
        )
    )
    assert roles == set(Role.values)
    user = get_user_model().objects.get(username="roskino-sales")
    assert user.check_password(DEMO_PASSWORD)
    assert get_user_model().objects.get(username=ADMIN_USERNAME).is_superuser

    # Rights: 1,000+ signed deals and none of them breaks the rules against the others.
    assert Deal.objects.filter(status=DealStatus.SIGNED).count() >= 1000
    signed = Deal.objects.filter(status=DealStatus.SIGNED).order_by("pk")
    representation = list(signed.filter(reference__contains="-REP-"))
    assert representation  # Roskino's sub-licences draw on these: they must not count against them
    for deal in [*signed[:: max(1, signed.count() // 60)], *representation]:
        assert not [c for c in deal_check(deal) if c.blocked], deal.reference
    roskino = Organisation.objects.get(slug="roskino")
    query = avails_query_from_raw(
        {
            "territories": "VN",
            "media": "SVOD",
            "start": "2027-03-01",
            "end": "2029-03-01",
            "exclusive": True,
        },
        holder_id=roskino.pk,
    )
    counts = avails_for(query=query).counts()
    assert counts[Status.AVAILABLE] and counts[Status.PARTIAL], counts

    before = _counts()
    again = demo_load()
    assert _counts() == before
    assert (again.titles_created, again.titles_updated, again.organisations_created) == (0, 0, 0)

    # --refresh puts an edited demo title back as the data set has it, and only that one.
    spec = dict(demo_catalog())["soyuzmultfilm"]  # the last Soyuzmultfilm title
    title = Title.objects.get(owner__slug="soyuzmultfilm", reference=spec.reference)
    title_update(actor=None, title=title, spec=TitleSpec(**{**spec.__dict__, "year": 1999}))
    refreshed = demo_load(refresh=True)
    assert refreshed.titles_updated == 1
    assert Title.objects.get(pk=title.pk).year == spec.year
    assert _counts() == before


def test_generator_is_reproducible_and_well_formed():
    first, second = generated_titles(), generated_titles()
    assert first == second
    assert len(first) == GENERATED_COUNT >= 200

    catalog = demo_catalog()
    owners = {o.slug for o in ORGANISATIONS}
    assert {owner for owner, _ in catalog} <= owners
    keys = [(owner, spec.reference) for owner, spec in catalog]
    assert len(keys) == len(set(keys)) and all(reference for _, reference in keys)
    assert {spec.original_language for _, spec in catalog} == {"ru", "vi", "zh-Hans"}
    assert {spec.kind for _, spec in catalog} == {
        "feature",
        "series",
        "animation",
        "documentary",
        "tv_programme",
    }
    for _, spec in catalog[-len(first) :]:  # the generated ones: en and another language
        languages = {lt.language for lt in spec.localised_titles}
        assert "en" in languages and languages & (
            {"ru", "vi", "zh-Hans"} - {spec.original_language}
        )
    assert len({o.slug for o in ORGANISATIONS}) == len(ORGANISATIONS)


def test_demo_refuses_to_run_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
    assert "--force" in REFUSED_IN_PRODUCTION
