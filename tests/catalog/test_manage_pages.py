"""The catalog management pages: import, export, title create/edit, publish, delete."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from cinebridge.catalog import columns
from cinebridge.catalog.forms import MAX_UPLOAD_BYTES
from cinebridge.catalog.models import Title, TitleStatus
from cinebridge.catalog.selectors import title_spec
from cinebridge.core.audit import audit_history
from cinebridge.core.models import AuditEntry
from tests.factories import make_title, member_of

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
TEMPLATE_CSV = (
    Path(__file__).parents[2] / "cinebridge" / "static" / "catalog" / "titles-template.csv"
)


def upload(path: Path | None = None, *, name: str = "", content: bytes = b"") -> SimpleUploadedFile:
    if path is not None:
        return SimpleUploadedFile(name or path.name, path.read_bytes())
    return SimpleUploadedFile(name, content)


def import_url(org) -> str:
    return reverse("catalog:title-import", args=[org.slug])


@pytest.fixture
def editor(client, studio_sales):
    client.force_login(studio_sales)
    return studio_sales


@pytest.fixture
def viewer(studio):
    return member_of(studio, "viewer", username="smf-viewer")


# Import


def test_an_editor_imports_a_good_csv(client, editor, studio):
    response = client.post(
        import_url(studio), {"file": upload(DATA / "titles_good.csv"), "action": "import"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-testid="import-done"' in body
    assert "4 titles created, 0 updated." in body
    assert set(Title.objects.filter(owner=studio).values_list("reference", flat=True)) == {
        "SMF-0001",
        "CP-0002",
        "VTV-0042",
        "CFG-0007",
    }
    title = Title.objects.get(owner=studio, reference="SMF-0001")
    assert audit_history(title).first().actor == editor
    entry = AuditEntry.objects.get(action="titles.import")
    assert entry.actor == editor and entry.changes["file"] == "titles_good.csv"


def test_a_bad_csv_shows_every_error_by_row_and_column_and_writes_nothing(client, editor, studio):
    response = client.post(
        import_url(studio), {"file": upload(DATA / "titles_bad.csv"), "action": "import"}
    )
    body = response.content.decode()
    assert 'data-testid="import-errors"' in body
    assert "nothing was imported" in body
    assert '<td class="num">3</td><td><code>original_language</code></td>' in body
    assert "unknown language tag &#x27;xx&#x27;" in body
    assert '<td class="num">1</td><td><code>rating</code></td>' in body
    assert not Title.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="title").exists()


def test_check_only_writes_nothing(client, editor, studio):
    response = client.post(
        import_url(studio), {"file": upload(DATA / "titles_good.csv"), "action": "check"}
    )
    body = response.content.decode()
    assert 'data-testid="import-checked"' in body
    assert "would create 4 and update 0 titles" in body
    assert not Title.objects.exists()
    assert not AuditEntry.objects.exists()


def test_an_xlsx_file_is_imported(client, editor, studio, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["kind", "original_title", "original_language", "year"])
    workbook.active.append(["animation", "Ёжик в тумане", "ru", 1975])
    path = tmp_path / "titles.xlsx"
    workbook.save(path)
    response = client.post(import_url(studio), {"file": upload(path), "action": "import"})
    assert "1 titles created" in response.content.decode()
    assert Title.objects.get(owner=studio).year == 1975


def test_the_upload_must_be_csv_or_xlsx_and_at_most_10_mb(client, editor, studio, monkeypatch):
    response = client.post(import_url(studio), {"file": upload(name="titles.txt", content=b"a")})
    assert "Only .csv and .xlsx files can be imported" in response.content.decode()
    monkeypatch.setattr("cinebridge.catalog.forms.MAX_UPLOAD_BYTES", 10)
    response = client.post(
        import_url(studio), {"file": upload(name="t.csv", content=b"kind,original_title\n")}
    )
    assert "The file is larger than 10 MB" in response.content.decode()
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    assert not AuditEntry.objects.exists()


def test_the_import_page_lists_the_columns_and_links_the_template(client, editor, studio):
    body = client.get(import_url(studio)).content.decode()
    assert "<code>original_language</code>" in body and "<code>title_&lt;lang&gt;</code>" in body
    assert "/static/catalog/titles-template.csv" in body
    assert "<code>&lt;lang&gt;</code> is a language tag" in body
    assert 'value="check"' in body and 'value="import"' in body


def test_the_template_csv_is_a_header_and_one_row_that_import(studio):
    from cinebridge.catalog.imports import titles_import

    rows = list(csv.reader(io.StringIO(TEMPLATE_CSV.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2
    assert all(columns.column_for(name) for name in rows[0])
    report = titles_import(actor=None, owner=studio, path_or_file=TEMPLATE_CSV, dry_run=True)
    assert report.ok and report.created == 1


# Who may use the pages


@pytest.mark.parametrize("who", ["viewer", "outsider", "anonymous"])
def test_only_editors_reach_the_management_pages(client, who, viewer, outsider, nu_pogodi, studio):
    if who != "anonymous":
        client.force_login(viewer if who == "viewer" else outsider)
    # A viewer of the owner sees the title, so is told "forbidden"; others "not found".
    refused = 403 if who == "viewer" else 404
    pk = nu_pogodi.pk
    assert client.get(import_url(studio)).status_code == refused
    assert client.post(import_url(studio), {"action": "import"}).status_code == refused
    assert client.get(f"/titles/new/?owner={studio.slug}").status_code == refused
    assert client.post(f"/titles/new/?owner={studio.slug}", {}).status_code == refused
    assert client.get(f"/titles/{pk}/edit/").status_code == refused
    assert client.post(f"/titles/{pk}/edit/", {}).status_code == refused
    assert client.post(f"/titles/{pk}/status/", {"status": "draft"}).status_code == refused
    assert client.get(f"/titles/{pk}/delete/").status_code == refused
    assert client.post(f"/titles/{pk}/delete/").status_code == refused
    assert Title.objects.get(pk=pk).status == TitleStatus.PUBLISHED
    body = client.get(f"/titles/{pk}/").content.decode()
    assert 'data-testid="editor-actions"' not in body
    assert (
        'data-testid="import-titles"'
        not in client.get("/organisations/soyuzmultfilm/").content.decode()
    )


def test_the_organisation_and_title_pages_link_the_management_pages(client, editor, nu_pogodi):
    body = client.get("/organisations/soyuzmultfilm/").content.decode()
    assert 'href="/titles/new/?owner=soyuzmultfilm"' in body
    assert 'href="/organisations/soyuzmultfilm/import/"' in body
    assert 'href="/organisations/soyuzmultfilm/export.csv"' in body
    body = client.get(f"/titles/{nu_pogodi.pk}/").content.decode()
    assert f'href="/titles/{nu_pogodi.pk}/edit/"' in body
    assert f'href="/titles/{nu_pogodi.pk}/delete/"' in body
    assert 'name="status" value="draft"' in body and "Unpublish" in body


# Create and edit


def form_data(client, url: str) -> dict[str, object]:
    """The values a browser would send back from the form at ``url``, unchanged."""
    form = client.get(url).context["form"]
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        data[name] = list(value) if name == "genres" else ("" if value is None else value)
    return data


def test_an_editor_creates_a_draft_title(client, editor, studio):
    response = client.post(
        f"/titles/new/?owner={studio.slug}",
        {
            "original_title": "Красный шёлк",
            "original_language": "ru",
            "kind": "feature",
            "status": "draft",
            "year": "2025",
            "countries": "RU; cn",
            "genres": ["action", "period"],
            "localised_titles": "en: Red Silk\r\nzh-Hans: 红丝绸\r\nzh-Latn-pinyin (romanisation): Hóng sīchóu",
            "credits": "director: Андрей Волгин\ncast: Милош Бикович (Алексей Бегунов)",
            "person_names": "Милош Бикович = en: Miloš Biković",
            "versions": "ru: original\nzh-Hans: dub, subtitles",
            "assets": "trailer (ru): https://example.org/red-silk.mp4 Teaser",
            "synopses": "en: A period drama.\n\nSecond paragraph.\nru: Историческая драма.",
            "asking_price": "5900000",
            "asking_currency": "usd",
        },
    )
    title = Title.objects.get(owner=studio)
    assert response.status_code == 302 and response["Location"] == f"/titles/{title.pk}/"
    spec = title_spec(title)
    assert (spec.status, spec.year, spec.countries) == ("draft", 2025, ("RU", "CN"))
    assert [(t.language, t.text, t.kind) for t in spec.localised_titles] == [
        ("en", "Red Silk", "official"),
        ("zh-Hans", "红丝绸", "official"),
        ("zh-Latn-pinyin", "Hóng sīchóu", "romanisation"),
    ]
    assert spec.synopses == (
        ("en", "A period drama.\n\nSecond paragraph."),
        ("ru", "Историческая драма."),
    )
    assert [(c.role, c.name, c.character, c.names) for c in spec.credits] == [
        ("director", "Андрей Волгин", "", ()),
        ("cast", "Милош Бикович", "Алексей Бегунов", (("en", "Miloš Biković"),)),
    ]
    assert [(v.language, v.kind) for v in spec.versions] == [
        ("ru", "original"),
        ("zh-Hans", "dub"),
        ("zh-Hans", "subtitles"),
    ]
    assert [(a.kind, a.language, a.url, a.label) for a in spec.assets] == [
        ("trailer", "ru", "https://example.org/red-silk.mp4", "Teaser")
    ]
    assert (str(spec.asking_price), spec.asking_currency) == ("5900000.00", "USD")
    entry = audit_history(title).first()
    assert entry.action == "title.create" and entry.actor == editor


def test_the_edit_form_shows_the_title_in_the_line_syntax(client, editor, nu_pogodi):
    form = client.get(f"/titles/{nu_pogodi.pk}/edit/").context["form"]
    assert form["localised_titles"].value() == (
        "en: Well, Just You Wait!\nru-Latn (romanisation): Nu, pogodi!\n"
        "vi: Này, đợi đấy!\nzh-Hans: 兔子，等着瞧"
    )
    assert form["credits"].value() == "director: Вячеслав Котёночкин"
    assert form["person_names"].value() == "Вячеслав Котёночкин = en: Vyacheslav Kotyonochkin"
    assert form["versions"].value() == "vi: subtitles\nen: dub"
    assert form["countries"].value() == "RU"
    assert form["asking_price"].value() == "15000.00"
    body = client.get(f"/titles/{nu_pogodi.pk}/edit/").content.decode()
    assert "ru-Latn (romanisation): Nu, pogodi!" in body


def test_saving_an_unchanged_form_changes_nothing(client, editor, nu_pogodi, studio):
    make_title(
        studio,
        original_title="Серия",
        kind="series",
        episodes=[{"season": 1, "number": 1, "original_title": "Первая"}],
    )
    for title in Title.objects.filter(owner=studio):
        before = title_spec(title)
        url = f"/titles/{title.pk}/edit/"
        response = client.post(url, form_data(client, url))
        assert response.status_code == 302, response.context["form"].errors
        assert title_spec(Title.objects.get(pk=title.pk)) == before  # episodes kept too
        entry = audit_history(title).first()
        assert entry.action == "title.update" and entry.changes == {}


def test_a_bad_language_is_shown_at_its_field_and_line_and_nothing_is_saved(
    client, editor, nu_pogodi
):
    url = f"/titles/{nu_pogodi.pk}/edit/"
    data = form_data(client, url)
    data["localised_titles"] += "\nxx: Zzz"
    data["original_language"] = "klingon"
    data["year"] = "19x5"
    before = title_spec(nu_pogodi)
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["localised_titles"] == [
        "Line 5: unknown language tag 'xx'; use a BCP 47 tag such as ru, vi, zh-Hans, en"
    ]
    assert "klingon" in form.errors["original_language"][0]
    assert form.errors["year"] == ["year '19x5' is not a year between 1880 and 2100"]
    body = response.content.decode()
    assert 'data-testid="error-localised_titles"' in body and "Line 5: unknown language" in body
    assert title_spec(Title.objects.get(pk=nu_pogodi.pk)) == before
    assert [e.action for e in audit_history(nu_pogodi)] == ["title.create"]


def test_malformed_lines_uncredited_names_and_taken_references(client, editor, nu_pogodi, studio):
    make_title(studio, original_title="Другой", reference="SMF-0099")
    url = f"/titles/{nu_pogodi.pk}/edit/"
    data = form_data(client, url)
    data.update(
        reference="SMF-0099",
        credits="director Котёночкин\nproducer: Иван",
        person_names="Пётр = en: Pyotr",
        versions="vi: subtitles\nvi: subtitles",
    )
    form = client.post(url, data).context["form"]
    assert form.errors["credits"][0].startswith("Line 1: “director Котёночкин” is not in the form")
    assert form.errors["person_names"] == ["Line 1: Пётр is not in the credits"]
    assert form.errors["versions"] == ["Line 2: 'vi:subtitles' is given twice"]
    assert form.errors["reference"] == ["Another title in your catalog has this reference."]


def test_new_title_without_owner_uses_the_editors_only_organisation(client, editor, studio):
    response = client.get("/titles/new/")
    assert response.status_code == 200 and response.context["organisation"] == studio


# Publish, delete


def test_publishing_a_draft_shows_it_to_anonymous_visitors(client, editor, draft):
    assert client.post(f"/titles/{draft.pk}/status/", {"status": "published"}).status_code == 302
    entry = audit_history(draft).first()
    assert entry.changes == {"status": ["draft", "published"]} and entry.actor == editor
    client.logout()
    assert client.get(f"/titles/{draft.pk}/").status_code == 200
    assert "Секретный проект" in client.get("/titles/", {"q": "secret project"}).content.decode()


def test_unpublishing_hides_the_title_again(client, editor, nu_pogodi):
    client.post(f"/titles/{nu_pogodi.pk}/status/", {"status": "draft"})
    client.logout()
    assert client.get(f"/titles/{nu_pogodi.pk}/").status_code == 404


def test_the_status_must_be_a_known_one_and_posted(client, editor, draft):
    assert client.post(f"/titles/{draft.pk}/status/", {"status": "gone"}).status_code == 400
    assert client.get(f"/titles/{draft.pk}/status/").status_code == 405


def test_delete_asks_then_deletes_and_the_audit_remembers(client, editor, nu_pogodi, studio):
    pk = nu_pogodi.pk
    response = client.get(f"/titles/{pk}/delete/")
    assert "Delete “Ну, погоди!”?" in response.content.decode()
    assert Title.objects.filter(pk=pk).exists()
    response = client.post(f"/titles/{pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/organisations/soyuzmultfilm/"
    assert client.get(f"/titles/{pk}/").status_code == 404
    entry = AuditEntry.objects.get(action="title.delete", object_id=str(pk))
    assert entry.actor == editor and entry.changes["original_title"] == "Ну, погоди!"


# Export


def exported_rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_outsiders_export_published_titles_without_private_columns(
    client, outsider, nu_pogodi, draft
):
    client.force_login(outsider)
    response = client.get("/organisations/soyuzmultfilm/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="soyuzmultfilm-titles.csv"' in response["Content-Disposition"]
    rows = exported_rows(response)
    assert [r["original_title"] for r in rows] == ["Ну, погоди!"]
    assert "internal_notes" not in rows[0] and "asking_price" not in rows[0]
    assert "Floor price" not in response.content.decode()


def test_members_export_drafts_and_private_columns(client, viewer, nu_pogodi, draft):
    client.force_login(viewer)  # any member may read the whole catalog, editors or not
    rows = exported_rows(client.get("/organisations/soyuzmultfilm/export.csv"))
    assert sorted(r["original_title"] for r in rows) == ["Ну, погоди!", "Секретный проект"]
    by_title = {r["original_title"]: r for r in rows}
    assert by_title["Ну, погоди!"]["internal_notes"] == "Floor price agreed with Roskino"
    assert by_title["Ну, погоди!"]["asking_price"] == "15000.00"


def test_export_as_xlsx(client, nu_pogodi):
    response = client.get("/organisations/soyuzmultfilm/export.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(2, [c.value for c in sheet[1]].index("original_title") + 1).value == (
        "Ну, погоди!"
    )
    assert client.get("/organisations/soyuzmultfilm/export.pdf").status_code == 404


def test_the_catalog_list_exports_its_current_search(client, nu_pogodi, draft, studio):
    make_title(studio, original_title="Ёжик в тумане", kind="animation")
    body = client.get("/titles/", {"kind": "animation"}).content.decode()
    assert 'href="/titles/export.csv?kind=animation"' in body
    rows = exported_rows(client.get("/titles/export.csv", {"q": "nu pogodi"}))
    assert [r["original_title"] for r in rows] == ["Ну, погоди!"]
    rows = exported_rows(client.get("/titles/export.csv", {"kind": "animation"}))
    assert sorted(r["original_title"] for r in rows) == ["Ёжик в тумане", "Ну, погоди!"]
    assert "internal_notes" not in rows[0]


def test_the_pages_are_translated(client, editor, studio, nu_pogodi):
    body = client.get(import_url(studio), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Импорт произведений" in body and "Только проверить" in body
    body = client.get(f"/titles/{nu_pogodi.pk}/edit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content
    assert "保存修改" in body.decode()
    body = client.get(f"/titles/{nu_pogodi.pk}/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Hủy công bố" in body
