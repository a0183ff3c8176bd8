"""Title export: the import format, only the columns used, and a lossless round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cinebridge.catalog.exports import titles_export, titles_to_export
from cinebridge.catalog.imports import titles_import
from cinebridge.catalog.models import Title
from cinebridge.catalog.selectors import title_spec
from cinebridge.catalog.services import title_create
from cinebridge.catalog.specs import title_spec_from_raw
from cinebridge.catalog.visibility import ACCESS_OWNER, ACCESS_TRADE, title_view
from cinebridge.organisations.services import organisation_create

GOOD_CSV = Path(__file__).parent / "data" / "titles_good.csv"
pytestmark = pytest.mark.django_db


def OWNER(title):  # noqa: N802 - what the owner's members see
    return title_view(ACCESS_OWNER)


def TRADE(title):  # noqa: N802 - what signed-in outsiders see
    return title_view(ACCESS_TRADE)


@pytest.fixture
def soyuzmultfilm(db):
    return organisation_create(actor=None, name="Soyuzmultfilm", kind="studio", country="RU")


@pytest.fixture
def catalog(soyuzmultfilm):
    """The sample file's titles plus titles made through the service, with what a file
    can hold beyond it: people's names in other scripts, every credit role and version kind,
    every asset kind, items with semicolons and text that looks like a formula.

    Every title lists its localised titles, synopses... in one agreed order of languages:
    a file has one column per language, so conflicting orders cannot both come back."""
    titles_import(actor=None, owner=soyuzmultfilm, path_or_file=GOOD_CSV)
    specs = [
        {
            "reference": "SMF-0100",
            "kind": "animation",
            "status": "published",
            "original_title": "Ёжик в тумане",
            "original_language": "ru",
            "year": 1975,
            "localised_titles": [
                ("en", "Hedgehog in the Fog"),
                ("vi", "Nhím con trong sương mù"),
                ("ru-Latn", "Yozhik v tumane", "romanisation"),
                ("en", "Hedgehog; in the Fog", "alternative"),
            ],
            "synopses": [("en", "A hedgehog walks; fog."), ("ru", "Ёжик идёт к Медвежонку.")],
            "credits": [
                {
                    "role": "director",
                    "name": "Юрий Норштейн",
                    "names": [("en", "Yuri Norstein"), ("zh-Hans", "尤里·诺尔施泰因")],
                },
                {"role": "animator", "name": "Франческа Ярбусова"},
                {"role": "voice", "name": "Мария Виноградова", "character": "Ёжик (в тумане)"},
                {"role": "cinematographer", "name": "Александр Жуковский"},
                {"role": "editor", "name": "Надежда Трещёва"},
                {
                    "role": "producer",
                    "name": "Юрий Норштейн",
                    "names": [("en", "Yuri Norstein"), ("zh-Hans", "尤里·诺尔施泰因")],
                },
            ],
            "versions": [("ru", "original"), ("zh-Hans", "subtitles"), ("vi", "voice_over")],
            "assets": [
                ("still", "https://example.org/still/1.jpg"),
                ("still", "https://example.org/still/2.jpg"),
                ("press_kit", "https://example.org/press/hedgehog.pdf"),
            ],
            "internal_notes": "=not a formula",
            "asking_price": "2500.50",
            "asking_currency": "EUR",
        },
        {
            "reference": "SMF-0101",
            "kind": "feature",
            "status": "draft",
            "original_title": "=Равно",
            "original_language": "ru",
            "localised_titles": [("en", "Equals")],
        },
    ]
    for raw in specs:
        title_create(actor=None, owner=soyuzmultfilm, spec=title_spec_from_raw(raw))
    return soyuzmultfilm


def specs_by_reference(owner):
    return {t.reference: title_spec(t) for t in Title.objects.filter(owner=owner)}


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_round_trip_into_a_fresh_owner_gives_the_same_titles(catalog, tmp_path, extension):
    path = tmp_path / f"export.{extension}"
    count = titles_export(titles=titles_to_export(owner=catalog), path_or_file=path, view_for=OWNER)
    fresh = organisation_create(actor=None, name="Okko", kind="vod", country="RU")

    report = titles_import(actor=None, owner=fresh, path_or_file=path)

    assert report.errors == []
    assert count == report.created == 6
    before, after = specs_by_reference(catalog), specs_by_reference(fresh)
    assert sorted(after) == sorted(before)
    for reference, spec in before.items():
        assert after[reference] == spec, reference
    assert after["SMF-0100"].credits[0].names == (
        ("en", "Yuri Norstein"),
        ("zh-Hans", "尤里·诺尔施泰因"),
    )


def test_owner_export_holds_private_fields_and_drafts(catalog):
    out = io.StringIO()
    titles_export(
        titles=titles_to_export(owner=catalog),
        path_or_file=out,
        file_format="csv",
        view_for=OWNER,
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    by_reference = {r["reference"]: r for r in rows}
    assert by_reference["CFG-0007"]["status"] == "draft"
    assert by_reference["SMF-0001"]["internal_notes"] == "Floor price agreed with Roskino"
    assert (
        by_reference["SMF-0001"]["asking_price"],
        by_reference["SMF-0001"]["asking_currency"],
    ) == ("15000.00", "USD")
    assert by_reference["SMF-0001"]["voices"] == "Анатолий Папанов (Волк); Клара Румянова (Заяц)"
    assert by_reference["SMF-0100"]["alternative_titles"] == "en:Hedgehog\\; in the Fog"
    assert by_reference["SMF-0100"]["person_names"] == (
        "Юрий Норштейн = en:Yuri Norstein; Юрий Норштейн = zh-Hans:尤里·诺尔施泰因"
    )


def test_public_export_has_published_titles_and_no_private_columns(catalog):
    out = io.StringIO()
    titles_export(titles=titles_to_export(), path_or_file=out, file_format="csv", view_for=TRADE)
    text = out.getvalue()
    header = next(csv.reader(io.StringIO(text)))
    assert not {"internal_notes", "asking_price", "asking_currency"} & set(header)
    assert "Floor price" not in text
    references = [r["reference"] for r in csv.DictReader(io.StringIO(text))]
    assert sorted(references) == ["CP-0002", "SMF-0001", "SMF-0100", "VTV-0042"]


def test_only_the_columns_used_are_written_and_always_the_required_ones(soyuzmultfilm):
    spec = title_spec_from_raw(
        {
            "kind": "feature",
            "original_title": "Сталкер",
            "original_language": "ru",
            "localised_titles": [("zh-Hans", "潜行者"), ("en", "Stalker")],
        }
    )
    title = title_create(actor=None, owner=soyuzmultfilm, spec=spec)
    out = io.BytesIO()

    titles_export(titles=[title], path_or_file=out, file_format="csv", view_for=OWNER)

    text = out.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs then read it as UTF-8
    assert text.removeprefix("\ufeff").splitlines() == [
        "kind,status,original_title,original_language,title_zh-Hans,title_en",
        "feature,draft,Сталкер,ru,潜行者,Stalker",
    ]


def test_columns_of_one_list_keep_the_order_of_every_title(soyuzmultfilm):
    first = {
        "kind": "feature",
        "original_title": "A",
        "original_language": "ru",
        "localised_titles": [("vi", "A-vi"), ("en", "A-en")],
    }
    second = {
        "kind": "feature",
        "original_title": "B",
        "original_language": "ru",
        "localised_titles": [("en", "B-en"), ("zh-Hans", "B-zh")],
    }
    titles = [
        title_create(actor=None, owner=soyuzmultfilm, spec=title_spec_from_raw(raw))
        for raw in (second, first)
    ]
    out = io.StringIO()
    titles_export(titles=titles, path_or_file=out, file_format="csv", view_for=OWNER)
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[header.index("title_vi") :] == ["title_vi", "title_en", "title_zh-Hans"]


def test_xlsx_export_keeps_formula_like_text_as_text(catalog, tmp_path):
    path = tmp_path / "titles.xlsx"
    titles_export(titles=titles_to_export(owner=catalog), path_or_file=path, view_for=OWNER)
    sheet = load_workbook(path).worksheets[0]
    header = [c.value for c in sheet[1]]
    cells = [row[header.index("original_title")] for row in sheet.iter_rows(min_row=2)]
    equals = next(c for c in cells if c.value == "=Равно")
    assert equals.data_type == "s"


def test_export_command_exports_an_owners_titles_with_private_fields(catalog, tmp_path):
    owner_file, public_file = tmp_path / "owner.csv", tmp_path / "public.csv"
    out = io.StringIO()
    call_command("export_titles", str(owner_file), owner="soyuzmultfilm", stdout=out)
    call_command("export_titles", str(public_file), stdout=io.StringIO())

    assert out.getvalue().strip() == f"exported 6 Soyuzmultfilm's titles to {owner_file}"
    assert "Floor price agreed with Roskino" in owner_file.read_text(encoding="utf-8-sig")
    assert "Floor price" not in public_file.read_text(encoding="utf-8-sig")
    assert "流浪地球" not in public_file.read_text(encoding="utf-8-sig")  # a draft


@pytest.mark.parametrize("original_title", ["=1+2", "-Minus", "+7", "@SUM(A1)", "'=quoted"])
def test_csv_cells_that_would_run_as_formulas_are_escaped_and_read_back(
    soyuzmultfilm, original_title
):
    raw = {
        "reference": "F-1",
        "kind": "feature",
        "original_title": original_title,
        "original_language": "en",
        "credits": [{"role": "director", "name": "=Director"}],
        "internal_notes": "-1 is the floor",
    }
    title_create(actor=None, owner=soyuzmultfilm, spec=title_spec_from_raw(raw))
    out = io.BytesIO()
    titles_export(
        titles=titles_to_export(owner=soyuzmultfilm),
        path_or_file=out,
        file_format="csv",
        view_for=OWNER,
    )
    [row] = csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig")))
    assert row["original_title"] == "'" + original_title
    assert row["directors"] == "'=Director" and row["internal_notes"] == "'-1 is the floor"

    fresh = organisation_create(actor=None, name="Okko", kind="vod", country="RU")
    report = titles_import(
        actor=None, owner=fresh, path_or_file=io.BytesIO(out.getvalue()), file_format="csv"
    )
    assert report.errors == []
    assert specs_by_reference(fresh) == specs_by_reference(soyuzmultfilm)
