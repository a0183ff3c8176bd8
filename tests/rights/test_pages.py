"""The rights pages: avails search and "why not?", a title's timeline, rights in, deals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.forms_deals import grant_lines_parse
from cinebridge.rights.models import Deal, DealStatus
from cinebridge.rights.services import deal_offer
from tests.factories import OrganisationFactory, make_title, member_of
from tests.query_counts import assert_queries_do_not_grow_with_rows
from tests.rights.factories import make_deal, make_rights_in

pytestmark = pytest.mark.django_db

VN_SVOD = {"territories": ["VN"], "media": ["SVOD"], "start": "2027-03-01", "end": "2029-03-01"}
ASK = {"territories": "VN", "media": "SVOD", "start": "2028-01-01", "end": "2030-01-01",
       "exclusive": "1"}  # fmt: skip


@pytest.fixture
def signed_in(client, studio_sales):
    client.force_login(studio_sales)
    return studio_sales


@pytest.fixture
def licensed(studio, broadcaster, nu_pogodi):
    """nu_pogodi held worldwide by the studio, licensed exclusively to VTV for VN SVOD."""
    make_rights_in(studio, nu_pogodi)
    return make_deal(
        studio,
        broadcaster,
        [{"titles": [nu_pogodi.pk], "exclusive": True, **VN_SVOD}],
        sign=True,
        fee_amount="15000",
        fee_currency="USD",
    )


@pytest.fixture
def agency():
    return OrganisationFactory(name="Roskino", slug="roskino", kind="agency")


# Sign-in and tenancy


@pytest.mark.parametrize("url", ["/avails/", "/deals/", "/rights-in/", "/deals/new/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_without_an_organisation_gets_404(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("loner", password="x"))
    assert client.get("/avails/").status_code == 404


def test_another_organisation_cannot_be_acted_for(client, signed_in, broadcaster):
    assert client.get("/avails/", {"organisation": broadcaster.slug}).status_code == 404


# Avails


def test_the_avails_page_renders_its_trees_without_a_search(client, signed_in):
    response = client.get("/avails/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="territory-tree"' in body and 'value="VN"' in body
    assert 'value="CIS"' in body and 'value="GREATER_CHINA"' in body and 'value="ASEAN"' in body
    assert 'data-testid="media-tree"' in body and 'value="SVOD"' in body
    assert "Ask what you can still license." in body


def test_avails_show_counts_free_windows_and_report_links(client, signed_in, licensed, nu_pogodi):
    response = client.get("/avails/", ASK)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="count-partial">Partly available <strong>1</strong>' in body
    assert 'data-status="partial"' in body and "Ну, погоди!" in body
    assert "VN</abbr> · <abbr" in body and "2029-03-01 → 2030-01-01" in body
    assert "/api/avails/report.xlsx?territories=VN&amp;media=SVOD" in body
    assert "organisation=soyuzmultfilm" in body
    why = reverse("rights:avails-why", args=[nu_pogodi.pk])
    assert f'href="{why}?' in body and f'hx-get="{why}?' in body


def test_ticked_codes_and_typed_codes_are_one_search(client, signed_in, licensed):
    ticked = {**ASK, "territories": "", "t": ["VN"], "m": ["SVOD"], "media": ""}
    body = client.get("/avails/", ticked).content.decode()
    assert 'data-status="partial"' in body
    assert '<input type="checkbox" name="t" value="VN" checked>' in body


def test_the_status_filter_keeps_the_counts(client, signed_in, licensed, studio):
    make_rights_in(studio, make_title(studio, original_title="Ёжик в тумане"))
    body = client.get("/avails/", {**ASK, "status": "available"}).content.decode()
    assert "Ёжик в тумане" in body and "Ну, погоди!" not in body
    assert 'data-testid="count-partial">Partly available <strong>1</strong>' in body


def test_htmx_gets_just_the_results(client, signed_in, licensed):
    response = client.get("/avails/", ASK, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and 'data-testid="avails-row"' in body
    assert 'id="avails-errors-territories" class="field-errors" hx-swap-oob="true"' in body


def test_bad_input_shows_the_problems_next_to_the_form(client, signed_in):
    response = client.get("/avails/", {**ASK, "territories": "XX", "end": "2027-01-01"})
    assert response.status_code == 400
    body = response.content.decode()
    assert message(RightsError.UNKNOWN_TERRITORY, value="XX").replace("'", "&#x27;") in body
    assert 'data-testid="avails-error-end"' in body and "not after its start" in body


def test_why_not_names_the_deal_to_its_party(client, signed_in, licensed, nu_pogodi):
    url = reverse("rights:avails-why", args=[nu_pogodi.pk])
    response = client.get(url, ASK, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    link = reverse("rights:deal-detail", args=[licensed.pk])
    assert f'Exclusive licence <a href="{link}">{licensed.reference}</a> until 2029-03-01' in body
    assert "<html" not in body
    full = client.get(url, ASK).content.decode()  # without JS: a page of its own
    assert "<html" in full and f'<a href="{link}">{licensed.reference}</a>' in full


def test_why_not_hides_the_deal_from_a_holder_who_is_not_party(client, licensed, nu_pogodi, agency):
    make_rights_in(agency, nu_pogodi, source_contract="Representation 2024")
    client.force_login(member_of(agency, "sales", username="roskino-sales"))
    url = reverse("rights:avails-why", args=[nu_pogodi.pk])
    body = client.get(url, ASK).content.decode()
    assert "Exclusive licence a deal you are not party to until 2029-03-01" in body
    assert licensed.reference not in body


def test_why_not_is_404_for_a_title_the_user_cannot_see(client, outsider, draft):
    client.force_login(outsider)
    assert client.get(reverse("rights:avails-why", args=[draft.pk]), ASK).status_code == 404


def test_the_avails_list_keeps_a_sane_number_of_queries(client, signed_in, licensed, studio):
    def add_titles(numbers):
        for n in numbers:
            make_rights_in(studio, make_title(studio, original_title=f"Title {n}"))

    def fetch():
        assert client.get("/avails/", ASK).status_code == 200

    assert assert_queries_do_not_grow_with_rows(add_titles, fetch, n=12) <= 20


# Timeline and rights in


def test_the_timeline_shows_own_licences_with_names(client, signed_in, licensed, nu_pogodi):
    response = client.get(reverse("rights:title-rights", args=[nu_pogodi.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="gantt"' in body and "gantt__today" in body
    assert f"{licensed.reference} · Vietnam Television" in body
    assert 'data-testid="rights-table"' in body and "Rights in · exclusive" in body


def test_the_timeline_shows_others_exclusive_licences_without_names(
    client, licensed, nu_pogodi, agency
):
    make_rights_in(agency, nu_pogodi, source_contract="Representation 2024")
    client.force_login(member_of(agency, "sales", username="roskino-sales"))
    body = client.get(reverse("rights:title-rights", args=[nu_pogodi.pk])).content.decode()
    assert "Exclusive licence" in body
    assert licensed.reference not in body and "Vietnam Television" not in body


def test_the_timeline_is_404_for_a_title_the_user_cannot_see(client, outsider, draft):
    client.force_login(outsider)
    assert client.get(reverse("rights:title-rights", args=[draft.pk])).status_code == 404


def test_the_title_page_links_members_to_the_timeline(client, signed_in, nu_pogodi):
    body = client.get(reverse("catalog:title-detail", args=[nu_pogodi.pk])).content.decode()
    assert reverse("rights:title-rights", args=[nu_pogodi.pk]) in body


def test_rights_in_lists_the_holders_records(client, signed_in, licensed, nu_pogodi):
    response = client.get("/rights-in/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ну, погоди!" in body and "Original production" in body and "All media" in body


# Deals


def test_the_deal_list_shows_fee_parties_and_titles(client, signed_in, licensed):
    response = client.get("/deals/")
    body = response.content.decode()
    assert licensed.reference in body and "Vietnam Television" in body
    assert "$15,000.00" in body and '<td class="num">1</td>' in body
    assert licensed.reference not in client.get("/deals/", {"role": "licensee"}).content.decode()
    assert licensed.reference in client.get("/deals/", {"status": "signed"}).content.decode()


def test_the_deal_list_does_not_query_per_deal(client, signed_in, studio, broadcaster):
    def add_deals(numbers):
        for n in numbers:
            title = make_title(studio, original_title=f"Title {n}")
            make_rights_in(studio, title)
            grant = {"titles": [title.pk], **VN_SVOD}
            make_deal(
                studio, broadcaster, [grant], sign=n % 2 == 0, fee_amount="1000", fee_currency="USD"
            )

    def fetch():
        assert client.get("/deals/").status_code == 200

    assert assert_queries_do_not_grow_with_rows(add_deals, fetch, n=4) <= 8


def test_both_parties_see_the_deal_and_outsiders_get_404(client, licensed, outsider, agency):
    client.force_login(outsider)  # a member of the licensee
    response = client.get(reverse("rights:deal-detail", args=[licensed.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Viet Nam" in body or "Vietnam" in body
    assert 'data-testid="deal-actions"' not in body  # the licensee cannot change it
    client.force_login(member_of(agency, "sales", username="roskino-sales"))
    for name in ("deal-detail", "deal-edit", "deal-check"):
        assert client.get(reverse(f"rights:{name}", args=[licensed.pk])).status_code == 404
    assert client.post(reverse("rights:deal-sign", args=[licensed.pk])).status_code == 404


def test_the_licensees_members_cannot_sign(client, outsider, studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    deal_offer(actor=None, deal=deal)  # a draft is a 404 to the licensee
    client.force_login(outsider)
    assert client.post(reverse("rights:deal-sign", args=[deal.pk])).status_code == 403


def test_signing_through_the_page(client, signed_in, studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    page = client.get(reverse("rights:deal-detail", args=[deal.pk])).content.decode()
    assert 'data-testid="sign"' in page and "Check conflicts" in page
    check = client.get(reverse("rights:deal-check", args=[deal.pk]), headers={"HX-Request": "true"})
    assert 'data-testid="no-conflicts"' in check.content.decode()
    response = client.post(reverse("rights:deal-sign", args=[deal.pk]), follow=True)
    assert response.status_code == 200
    deal.refresh_from_db()
    assert deal.status == DealStatus.SIGNED and deal.signed_by == signed_in
    body = response.content.decode()
    assert "The deal is signed." in body and "deal.signed" in body  # message and history


def test_a_conflicting_sign_shows_the_reasons_and_leaves_the_deal_unsigned(
    client, signed_in, licensed, studio, nu_pogodi
):
    okko = OrganisationFactory(name="Okko", slug="okko", kind="vod")
    second = make_deal(
        studio,
        okko,
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
    response = client.post(reverse("rights:deal-sign", args=[second.pk]))
    assert response.status_code == 409
    body = response.content.decode()
    assert 'data-testid="sign-refused"' in body
    link = reverse("rights:deal-detail", args=[licensed.pk])
    assert f'Exclusive licence <a href="{link}">{licensed.reference}</a> until 2029-03-01' in body
    second.refresh_from_db()
    assert second.status == DealStatus.DRAFT


def test_offer_and_terminate(client, signed_in, studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    client.post(reverse("rights:deal-offer", args=[deal.pk]))
    deal.refresh_from_db()
    assert deal.status == DealStatus.OFFERED
    client.post(reverse("rights:deal-sign", args=[deal.pk]))
    client.post(reverse("rights:deal-terminate", args=[deal.pk]), {"on": "2028-01-01"})
    deal.refresh_from_db()
    assert deal.status == DealStatus.TERMINATED and str(deal.terminated_on) == "2028-01-01"


def test_a_viewer_of_the_licensor_cannot_sign(client, studio, broadcaster, nu_pogodi):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(studio, broadcaster, [{"titles": [nu_pogodi.pk], **VN_SVOD}])
    client.force_login(member_of(studio, "viewer", username="smf-viewer"))
    assert client.post(reverse("rights:deal-sign", args=[deal.pk])).status_code == 403


# The deal form


@pytest.fixture
def referenced(studio):
    return make_title(studio, original_title="Ёжик в тумане", reference="SMF-0002")


def test_a_deal_is_created_from_lines(client, signed_in, broadcaster, referenced):
    response = client.post(
        "/deals/new/",
        {
            "licensee": broadcaster.slug,
            "fee_kind": "licence_fee",
            "fee_amount": "9000",
            "fee_currency": "usd",
            "grants": "SMF-0002 | VN,TH | SVOD,AVOD | 2027-03-01 | 2029-03-01 | exclusive | vi:subtitles\n"
            "# a comment\nSMF-0002 | 001,-VN,-TH | TV | theatrical_release VN +90 | +365 days",
            "holdbacks": "* | VN | FREE_TV | 2027-03-01 | 2027-09-01 | soft | no free TV yet",
        },
    )
    deal = Deal.objects.get(licensee=broadcaster)
    assert response.status_code == 302 and response["Location"] == f"/deals/{deal.pk}/"
    assert deal.status == DealStatus.DRAFT and deal.fee_currency == "USD"
    first, second = deal.grants.order_by("position")
    assert first.exclusive and first.languages == [["vi", "subtitles"]]
    assert second.start_event == "theatrical_release" and second.start_offset_days == 90
    assert second.duration_days == 365 and second.provisional
    [holdback] = deal.holdbacks.all()
    assert not holdback.hard and holdback.note == "no free TV yet"
    page = client.get(f"/deals/{deal.pk}/").content.decode()
    assert "Theatrical release VN + 90 days → 365 days after the start" in page
    assert "provisional" in page
    edit = client.get(f"/deals/{deal.pk}/edit/").content.decode()
    assert "SMF-0002 | 001,-VN,-TH | TV | theatrical_release VN +90 | +365 days" in edit


def test_the_form_shows_clear_errors_by_line(client, signed_in, broadcaster, referenced):
    response = client.post(
        "/deals/new/",
        {
            "licensee": broadcaster.slug,
            "fee_kind": "licence_fee",
            "grants": "SMF-0002 | VN | SVOD | 2027-03-01 | 2027-01-01\n"
            "\nSMF-0002 | XX | SVOD | 2030-01-01 | 2031-01-01 | maybe\nSMF-0002 | VN",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved" in body
    ends = message(RightsError.PERIOD_ENDS_BEFORE_START, start="2027-03-01", end="2027-01-01")
    assert f"Line 1, end: {ends}" in body
    unknown = message(RightsError.UNKNOWN_TERRITORY, value="XX").replace("'", "&#x27;")
    assert f"Line 3, territories: {unknown}" in body
    assert "Line 3, exclusivity: write “exclusive” or “non-exclusive”, not maybe" in body
    assert "Line 4: needs at least 4 parts" in body
    assert body.index("Line 1, end") < body.index("Line 3, ") < body.index("Line 4: ")
    assert not Deal.objects.exists()


def test_grant_lines_are_read_into_the_raw_spec():
    lines = grant_lines_parse("A-1, A-2 | 001 -RU | ALL,-THEATRICAL | 2027-01-01 | open | x")
    [grant] = lines.items
    assert grant["titles"] == ["A-1", "A-2"]
    assert (grant["territories"], grant["exclude_territories"]) == (["001"], ["RU"])
    assert (grant["media"], grant["exclude_media"]) == (["ALL"], ["THEATRICAL"])
    assert grant["exclusive"] and "end" not in grant and lines.line_of == [1]


def test_only_editable_deals_can_be_edited(client, signed_in, licensed):
    response = client.get(reverse("rights:deal-edit", args=[licensed.pk]))
    assert response.status_code == 302


ROWS = [
    ("CIS", "TV"),
    ("ASEAN", "VOD"),
    ("150", "AVOD"),
    ("JP", "TV"),
    ("KR", "VOD"),
    ("BR", "AVOD"),
]


@pytest.fixture
def add_rights_rows(studio, broadcaster, nu_pogodi):
    """Rows for the rights pages: per number a title with rights in, rights in on nu_pogodi
    and a signed deal on it; then a signed deal with one grant per title so far."""
    titles = []
    latest = {}

    def add_rows(numbers):
        for n in numbers:
            territories, media = ROWS[n]
            title = make_title(studio, original_title=f"Title {n}")
            titles.append(title)
            make_rights_in(studio, title, territories=[territories], media=[media])
            make_rights_in(
                studio,
                nu_pogodi,
                territories=[territories],
                media=[media],
                start=f"203{n}-01-01",
                exclusive=False,
            )
            grant = {
                "titles": [nu_pogodi.pk],
                "territories": [territories],
                "media": [media],
                "start": "2040-01-01",
            }
            make_deal(studio, broadcaster, [grant], sign=True)
        grants = [
            {
                "titles": [title.pk],
                "territories": [territories],
                "media": [media],
                "start": "2041-01-01",
                "exclusive": False,
            }
            for title, (territories, media) in zip(titles, ROWS, strict=False)
        ]
        latest["deal"] = make_deal(studio, broadcaster, grants, sign=True)

    add_rows.latest = latest
    return add_rows


def _fetch(client, url):
    def fetch():
        assert client.get(url() if callable(url) else url).status_code == 200

    return fetch


def test_rights_in_does_not_query_per_row(client, signed_in, licensed, add_rights_rows):
    fetch = _fetch(client, "/rights-in/")
    assert assert_queries_do_not_grow_with_rows(add_rights_rows, fetch, n=3) <= 14


def test_the_timeline_does_not_query_per_row(
    client, signed_in, licensed, nu_pogodi, add_rights_rows
):
    fetch = _fetch(client, reverse("rights:title-rights", args=[nu_pogodi.pk]))
    assert assert_queries_do_not_grow_with_rows(add_rights_rows, fetch, n=3) <= 16


def test_a_deal_page_does_not_query_per_grant(client, signed_in, licensed, add_rights_rows):
    latest = add_rights_rows.latest
    fetch = _fetch(client, lambda: reverse("rights:deal-detail", args=[latest["deal"].pk]))
    assert assert_queries_do_not_grow_with_rows(add_rights_rows, fetch, n=3) <= 16
    assert latest["deal"].status == DealStatus.SIGNED and latest["deal"].grants.count() == 6


def test_a_release_in_an_unknown_territory_is_refused_at_its_line(
    client, signed_in, broadcaster, referenced
):
    response = client.post(
        "/deals/new/",
        {
            "licensee": broadcaster.slug,
            "fee_kind": "licence_fee",
            "grants": "SMF-0002 | VN | SVOD | theatrical_release XX +90 | +365 days",
        },
    )
    assert response.status_code == 400
    unknown = message(RightsError.UNKNOWN_TERRITORY, value="XX").replace("'", "&#x27;")
    assert f"Line 1, start: {unknown}" in response.content.decode()
    assert not Deal.objects.exists()


def test_the_why_panel_names_the_version_that_met_each_language(client, signed_in, studio):
    film = make_title(
        studio, original_title="Film", versions=[{"language": "zh-TW", "kind": "subtitles"}]
    )
    make_rights_in(studio, film)
    ask = {**ASK, "territories": "TW", "languages": "zh:subtitles"}
    body = client.get(f"/avails/titles/{film.pk}/why/", ask).content.decode()
    assert 'data-testid="languages-met"' in body
    assert "zh-Hant subtitles: met by the zh-TW version" in body
    china = client.get(f"/avails/titles/{film.pk}/why/", {**ask, "territories": "CN"})
    assert "No language version: zh-Hans subtitles" in china.content.decode()


def test_the_why_panel_names_a_licence_s_languages_and_the_cells_they_split(
    client, signed_in, studio, broadcaster, nu_pogodi
):
    make_rights_in(studio, nu_pogodi)
    grant = {"titles": [nu_pogodi.pk], **VN_SVOD, "exclusive": True, "languages": "vi:subtitles"}
    make_deal(studio, broadcaster, [grant], sign=True, reference="VTV-VI")
    url = reverse("rights:avails-why", args=[nu_pogodi.pk])
    body = client.get(url, ASK, headers={"HX-Request": "true"}).content.decode()
    assert "until 2029-03-01 (for vi subtitles only)" in body
    assert 'data-testid="cell-languages">Languages: vi subtitles<' in body
    assert "other languages" in body  # the free window: every language the licence leaves
