"""One work, several holders: standard identifiers, validated, and search grouping by them."""

import pytest

from cinebridge.catalog.identifiers import eidr_normalise, imdb_normalise, isan_normalise
from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import catalog_search
from cinebridge.catalog.specs import SpecInvalid, title_spec_from_raw
from cinebridge.catalog.visibility import ACCESS_OWNER, title_view
from tests.factories import OrganisationFactory, make_title, member_of

EIDR = "10.5240/7791-8534-2C23-9030-8610-5"
ISAN = "ISAN 0000-0000-3A8D-0000-Z-0000-0000-6"


def test_identifiers_are_checked_with_their_check_characters():
    assert eidr_normalise(" 10.5240/7791-8534-2c23-9030-8610-5 ") == EIDR
    assert eidr_normalise("7791853421C2390308610"[:0] + "779185342C23903086105") == EIDR
    assert eidr_normalise("10.5240/7791-8534-2C23-9030-8610-6") is None  # wrong check
    assert isan_normalise("0000-0000-3A8D-0000-Z-0000-0000-6") == ISAN
    assert isan_normalise("ISAN 0000-0000-3A8D-0000-Y") is None
    assert isan_normalise("ISAN 0000-0000-3A8D-0000-Z") == "ISAN 0000-0000-3A8D-0000-Z"
    assert imdb_normalise("TT0076759") == "tt0076759" and imdb_normalise("tt123") is None


def test_the_title_validator_names_a_bad_identifier():
    base = {"kind": "feature", "original_title": "X", "original_language": "ru"}
    with pytest.raises(SpecInvalid) as error:
        title_spec_from_raw(
            {**base, "eidr": "10.5240/7791-8534-2C23-9030-8610-6", "isan": "nope", "imdb": "tt1"}
        )
    assert {(p.field, p.code) for p in error.value.problems} == {
        ("eidr", "bad_identifier"),
        ("isan", "bad_identifier"),
        ("imdb", "bad_identifier"),
    }
    spec = title_spec_from_raw({**base, "eidr": EIDR.lower(), "imdb": "tt0076759"})
    assert (spec.eidr, spec.imdb) == (EIDR, "tt0076759")


@pytest.fixture
def agency(db):
    return OrganisationFactory(name="Roskino", slug="roskino", kind="agency", country="RU")


@pytest.mark.django_db
def test_an_identifier_is_unique_per_owner(studio, agency):
    make_title(studio, original_title="A", eidr=EIDR)
    with pytest.raises(SpecInvalid) as error:
        make_title(studio, original_title="B", eidr=EIDR)
    assert error.value.problems[0].code == "identifier_taken"
    make_title(agency, original_title="A", eidr=EIDR)  # another holder of the same work


@pytest.mark.django_db
def test_listings_sharing_an_identifier_are_one_work_represented_by_the_owner(
    studio, agency, nu_pogodi
):
    make_title(agency, original_title="Ну, погоди!", kind="animation", eidr=EIDR, popularity=10_000)
    nu_pogodi.eidr = EIDR
    nu_pogodi.save()
    imdb_only = make_title(agency, original_title="Ну, погоди! Выпуск 2", imdb="tt0000002")
    result = catalog_search(user=None, text="nu pogodi")
    keys = [h.key for h in result.title_hits]
    assert keys.count(nu_pogodi.pk) == 1 and len(keys) == 2  # one work and the other film
    assert keys[0] == nu_pogodi.pk  # the studio's listing stands for the work
    [agency_listing] = result.also[nu_pogodi.pk]
    assert agency_listing != imdb_only.pk


@pytest.mark.django_db
def test_a_draft_listing_of_another_organisation_is_never_revealed(studio, agency, nu_pogodi):
    nu_pogodi.eidr = EIDR
    nu_pogodi.save()
    draft = make_title(agency, original_title="Ну, погоди!", eidr=EIDR, status="draft")
    for user in (None, member_of(studio, "sales")):
        result = catalog_search(user=user, text="nu pogodi")
        assert [h.key for h in result.title_hits] == [nu_pogodi.pk]
        assert result.also == {}
    agent = member_of(agency, "sales")
    result = catalog_search(user=agent, text="nu pogodi")
    assert [h.key for h in result.title_hits] == [nu_pogodi.pk]
    assert result.also == {nu_pogodi.pk: [draft.pk]}


@pytest.mark.django_db
def test_the_page_and_the_api_list_every_visible_holder(client, studio, agency, nu_pogodi):
    nu_pogodi.eidr = EIDR
    nu_pogodi.save()
    other = make_title(agency, original_title="Ну, погоди!", eidr=EIDR)
    page = client.get("/titles/", {"q": "nu pogodi"}).content.decode()
    assert page.count('data-testid="title-card"') == 1
    assert 'data-testid="work-holders"' in page and "Roskino" in page
    assert f"/titles/{other.pk}/" in page
    data = client.get("/api/search/", {"q": "nu pogodi"}).json()
    [work] = data["titles"]
    assert work["id"] == nu_pogodi.pk
    assert [(h["organisation"], h["title_id"]) for h in work["holders"]] == [
        ("soyuzmultfilm", nu_pogodi.pk),
        ("roskino", other.pk),
    ]
    created = client.get(f"/api/titles/{other.pk}/").json()
    assert created["eidr"] == EIDR


@pytest.mark.django_db
def test_identifiers_go_through_csv_export_and_import_with_row_errors(studio, agency):
    import io

    from cinebridge.catalog.exports import titles_export
    from cinebridge.catalog.imports import titles_import

    title = make_title(studio, original_title="Ну, погоди!", eidr=EIDR, isan=ISAN, imdb="tt0176050")
    out = io.BytesIO()
    titles_export(
        titles=[title],
        path_or_file=out,
        file_format="csv",
        view_for=lambda t: title_view(ACCESS_OWNER),
    )
    text = out.getvalue().decode("utf-8")
    assert "eidr,isan,imdb" in text.splitlines()[0] and EIDR in text
    report = titles_import(
        actor=None, owner=agency, path_or_file=io.BytesIO(out.getvalue()), file_format="csv"
    )
    assert report.errors == [] and report.created == 1
    assert Title.objects.get(owner=agency).isan == ISAN
    bad = text.replace(EIDR, EIDR[:-1] + "6")
    report = titles_import(
        actor=None, owner=agency, path_or_file=io.BytesIO(bad.encode()), file_format="csv"
    )
    assert [(e.row, e.column, e.code) for e in report.errors] == [(2, "eidr", "bad_identifier")]


@pytest.mark.django_db
def test_the_title_form_refuses_an_identifier_taken_in_the_catalog(client, studio):
    make_title(studio, original_title="A", imdb="tt0176050")
    editor = member_of(studio, "admin")
    client.force_login(editor)
    form = {"original_title": "B", "original_language": "ru", "kind": "feature", "status": "draft"}
    response = client.post("/titles/new/?owner=soyuzmultfilm", {**form, "imdb": "tt0176050"})
    assert response.status_code == 200
    assert "another title in your catalog has the IMDb id tt0176050" in response.content.decode()
    response = client.post("/titles/new/?owner=soyuzmultfilm", {**form, "eidr": "10.5240/0000"})
    assert response.status_code == 200 and "is not a valid EIDR" in response.content.decode()


@pytest.mark.django_db
def test_the_api_answers_a_taken_or_bad_identifier_with_a_400(studio):
    from rest_framework.test import APIClient

    make_title(studio, original_title="A", eidr=EIDR)
    client = APIClient()
    client.force_authenticate(member_of(studio, "admin"))
    base = {"kind": "feature", "original_title": "B", "original_language": "ru"}
    taken = client.post("/api/titles/", {**base, "eidr": EIDR}, format="json")
    assert taken.status_code == 400
    assert taken.json()["errors"][0]["code"] == "identifier_taken"
    bad = client.post("/api/titles/", {**base, "isan": "ISAN 1"}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "bad_identifier"
    made = client.post("/api/titles/", {**base, "imdb": "tt0176050"}, format="json")
    assert made.status_code == 201 and made.json()["imdb"] == "tt0176050"


@pytest.mark.django_db
def test_an_import_row_reusing_an_identifier_of_the_catalog_is_a_row_error(studio):
    import io

    from cinebridge.catalog.imports import titles_import

    make_title(studio, original_title="A", imdb="tt0176050")
    csv_text = (
        "kind,original_title,original_language,imdb\n"
        "feature,B,ru,tt0000001\n"
        "feature,C,ru,tt0176050\n"
    )
    report = titles_import(
        actor=None, owner=studio, path_or_file=io.BytesIO(csv_text.encode()), file_format="csv"
    )
    assert [(e.row, e.column, e.code) for e in report.errors] == [(3, "imdb", "identifier_taken")]
    assert Title.objects.filter(owner=studio).count() == 1  # all rows or none


@pytest.mark.django_db
def test_pages_of_works_equal_those_of_ranking_every_match(studio, agency):
    """Works whose listings rank far apart: every page, the count and the other listings are
    those of ranking every match and grouping them."""
    for n in range(12):
        imdb = f"tt{n + 1:07d}"
        make_title(studio, original_title=f"Night {n}", imdb=imdb, popularity=n)
        if n % 3 == 0:  # the agency's listing of the same work, far more popular
            make_title(agency, original_title=f"Night {n}", imdb=imdb, popularity=100 + n)
    reference = catalog_search(user=None, text="night", rank_everything=True)
    assert reference.total == 12 and reference.also
    for start in range(0, 15, 5):
        fast = catalog_search(user=None, text="night")
        assert list(fast.title_hits[start : start + 5]) == reference.title_hits[start : start + 5]
        assert fast.total == reference.total and fast.also == reference.also
