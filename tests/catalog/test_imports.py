"""The title import pipeline: parse, validate every row, write all in one transaction, report."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook

from cinebridge.catalog import services
from cinebridge.catalog.columns import ALTERNATIVE_FORM, PERSON_NAME_FORM, UnsupportedFormat
from cinebridge.catalog.errors import CatalogError, message
from cinebridge.catalog.imports import (
    ImportCode,
    ImportProblem,
    import_message,
    titles_import,
    titles_parse,
)
from cinebridge.catalog.models import Person, Title
from cinebridge.core.models import AuditEntry
from cinebridge.organisations.services import organisation_create

DATA = Path(__file__).parent / "data"
GOOD_CSV = DATA / "titles_good.csv"
BAD_CSV = DATA / "titles_bad.csv"


@pytest.fixture
def mosfilm(db):
    return organisation_create(actor=None, name="Mosfilm", kind="studio", country="RU")


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_file(text: str, name: str = "titles.csv") -> io.BytesIO:
    data = io.BytesIO(text.encode("utf-8"))
    data.name = name
    return data


def error_tuples(errors: list[ImportProblem]) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.code) for e in errors]


@pytest.mark.django_db
def test_good_csv_imports_titles_in_every_script(mosfilm):
    report = titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV)

    assert report.errors == []
    assert (report.rows, report.created, report.updated) == (4, 4, 0)
    assert report.summary() == "created 4, updated 0"
    assert Title.objects.filter(owner=mosfilm).count() == 4

    wolf = Title.objects.get(owner=mosfilm, reference="SMF-0001")
    assert (wolf.original_title, wolf.kind, wolf.status, wolf.year) == (
        "Ну, погоди!",
        "animation",
        "published",
        1969,
    )
    localised = {(lt.language, lt.kind): lt.text for lt in wolf.localised_titles.all()}
    assert localised == {
        ("en", "official"): "Well, Just You Wait!",
        ("vi", "official"): "Này, đợi đấy!",
        ("zh-Hans", "official"): "兔子，等着瞧",
        ("ru-Latn", "romanisation"): "Nu, pogodi!",
        ("en", "alternative"): "Just You Wait!",
    }
    voices = [(c.person.name, c.role, c.character) for c in wolf.credits.order_by("position")]
    assert voices == [
        ("Вячеслав Котёночкин", "director", ""),
        ("Александр Курляндский", "writer", ""),
        ("Феликс Камов", "writer", ""),
        ("Анатолий Папанов", "voice", "Волк"),
        ("Клара Румянова", "voice", "Заяц"),
    ]
    assert sorted((v.language, v.kind) for v in wolf.versions.all()) == [
        ("en", "dub"),
        ("vi", "subtitles"),
        ("zh-Hans", "subtitles"),
    ]
    # A synopsis is one value: its semicolon is not a list separator.
    assert (
        wolf.synopses.get(language="en").text == "A wolf chases a hare; the hare always gets away."
    )
    assert (wolf.asking_price, wolf.asking_currency) == (Decimal("15000.00"), "USD")
    assert wolf.internal_notes == "Floor price agreed with Roskino"

    silk = Title.objects.get(owner=mosfilm, reference="CP-0002")
    assert [c.country for c in silk.countries.all()] == ["RU", "CN"]
    assert sorted(g.slug for g in silk.genres.all()) == ["action", "period"]
    assert silk.localised_titles.get(language="zh-Hant").text == "紅絲綢"
    assert silk.localised_titles.get(language="zh-Latn-pinyin").kind == "romanisation"
    assert silk.credits.get(person__name="Милош Бикович").character == "Алексей Бегунов"
    assert silk.credits.get(person__name="Хань Дун").character == ""
    assert silk.assets.get().url == "https://example.org/poster/red-silk.jpg"

    furie = Title.objects.get(owner=mosfilm, reference="VTV-0042")
    assert furie.original_language == "vi"
    assert furie.credits.get(role="director").person.name == "Lê Văn Kiệt"
    assert furie.versions.get(kind="voice_over").language == "ru"

    earth = Title.objects.get(owner=mosfilm, reference="CFG-0007")
    assert (earth.original_language, earth.status) == ("zh-Hans", "draft")
    assert earth.localised_titles.get(language="ru").text == "Блуждающая Земля"
    assert earth.credits.get(role="cast").character == "刘培强"


@pytest.mark.django_db
def test_import_is_audited_with_no_actor_for_the_system(mosfilm):
    titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV)

    entry = AuditEntry.objects.get(action="titles.import")
    assert (entry.actor, entry.organisation) == (None, mosfilm)
    assert entry.changes == {"file": "titles_good.csv", "rows": 4, "created": 4, "updated": 0}
    assert AuditEntry.objects.filter(action="title.create", actor=None).count() == 4


@pytest.mark.django_db
def test_good_xlsx_imports_with_numbers_in_cells(mosfilm, tmp_path):
    path = write_xlsx(
        tmp_path / "titles.xlsx",
        [
            [
                "reference",
                "kind",
                "original_title",
                "original_language",
                "year",
                "runtime_minutes",
                "title_en",
                "title_vi",
                "title_zh-Hans",
                "cast",
                "subtitles",
                "asking_price",
                "asking_currency",
            ],
            [
                "RS-1",
                "feature",
                "Красный шёлк",
                "ru",
                2025,
                125,
                "Red Silk",
                "Lụa đỏ",
                "红丝绸",
                "Милош Бикович (Алексей)",
                "vi; zh-Hans",
                5900000.5,
                "USD",
            ],
            [None] * 13,  # blank rows between titles are skipped
            [
                42,
                "animation",
                "Ёжик в тумане",
                "ru",
                1975.0,
                None,
                "Hedgehog in the Fog",
                None,
                "雾中的刺猬",
                None,
                None,
                None,
                None,
            ],
        ],
    )

    report = titles_import(actor=None, owner=mosfilm, path_or_file=path)

    assert report.errors == []
    assert (report.rows, report.created) == (2, 2)
    silk = Title.objects.get(owner=mosfilm, reference="RS-1")
    assert (silk.year, silk.runtime_minutes, silk.asking_price) == (
        2025,
        125,
        Decimal("5900000.50"),
    )
    assert silk.localised_titles.get(language="vi").text == "Lụa đỏ"
    assert silk.credits.get().person.name == "Милош Бикович"
    assert sorted(v.language for v in silk.versions.all()) == ["vi", "zh-Hans"]
    hedgehog = Title.objects.get(owner=mosfilm, reference="42")
    assert (hedgehog.year, hedgehog.runtime_minutes) == (1975, None)
    assert hedgehog.localised_titles.get(language="zh-Hans").text == "雾中的刺猬"


@pytest.mark.django_db
def test_file_with_bad_rows_writes_nothing_and_reports_exactly_those_rows(mosfilm):
    report = titles_import(actor=None, owner=mosfilm, path_or_file=BAD_CSV)

    assert error_tuples(report.errors) == [
        (1, "rating", ImportCode.UNKNOWN_COLUMN),
        (3, "original_language", CatalogError.UNKNOWN_LANGUAGE),
        (5, "year", CatalogError.BAD_YEAR),
        (5, "countries", CatalogError.UNKNOWN_COUNTRY),
        (7, "original_title", CatalogError.REQUIRED),
    ]
    assert [str(e) for e in report.errors] == [
        f"row 1, column rating: {import_message(ImportCode.UNKNOWN_COLUMN, value='rating')}",
        f"row 3, column original_language: {message(CatalogError.UNKNOWN_LANGUAGE, value='xx')}",
        f"row 5, column year: {message(CatalogError.BAD_YEAR, value='19x5')}",
        f"row 5, column countries: {message(CatalogError.UNKNOWN_COUNTRY, value='ZZ')}",
        f"row 7, column original_title: {message(CatalogError.REQUIRED)}",
    ]
    assert str(report.errors[1]).startswith(
        "row 3, column original_language: unknown language tag 'xx'; use"
    )
    assert (report.created, report.updated) == (0, 0)
    assert Title.objects.count() == 0
    assert Person.objects.count() == 0
    assert not AuditEntry.objects.filter(action="titles.import").exists()


@pytest.mark.django_db
def test_xlsx_errors_name_the_column_letter_and_the_column_a_list_item_came_from(mosfilm, tmp_path):
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            [
                "kind",
                "original_title",
                "original_language",
                "title_en",
                "title_xx",
                "alternative_titles",
                "cast",
                "person_names",
                "subtitles",
            ],
            [
                "feature",
                "Сталкер",
                "ru",
                "Stalker",
                "Zona",
                "en:The Zone; Zone",
                "Александр Кайдановский (Сталкер)",
                "Александр Кайдановский = qq:Kaidanovsky; Андрей Тарковский = en:Andrei Tarkovsky",
                "en; yy",
            ],
        ],
    )

    report = titles_import(actor=None, owner=mosfilm, path_or_file=path)

    assert error_tuples(report.errors) == [
        (2, "E (title_xx)", CatalogError.UNKNOWN_LANGUAGE),
        (2, "F (alternative_titles)", CatalogError.BAD_PAIR),
        (2, "H (person_names)", ImportCode.UNCREDITED_PERSON),
        (2, "H (person_names)", CatalogError.UNKNOWN_LANGUAGE),
        (2, "I (subtitles)", CatalogError.UNKNOWN_LANGUAGE),
    ]
    by_column = {e.column: e.message for e in report.errors}
    assert by_column["E (title_xx)"] == message(CatalogError.UNKNOWN_LANGUAGE, value="xx")
    assert by_column["F (alternative_titles)"] == import_message(
        CatalogError.BAD_PAIR, value="Zone", expected=ALTERNATIVE_FORM
    )
    assert by_column["I (subtitles)"] == message(CatalogError.UNKNOWN_LANGUAGE, value="yy")
    assert Title.objects.count() == 0


@pytest.mark.django_db
def test_a_title_given_twice_is_reported_at_the_second_column(mosfilm):
    text = (
        "kind,original_title,original_language,title_en,alternative_titles\n"
        "feature,Сталкер,ru,Stalker,en:Stalker\n"
    )
    parsed = titles_parse(path_or_file=csv_file(text))
    assert error_tuples(parsed.errors) == [(2, "alternative_titles", CatalogError.DUPLICATE)]


def test_malformed_person_names_are_reported_in_their_form():
    text = "kind,original_title,original_language,directors,person_names\nfeature,Т,ru,Я,Я en\n"
    parsed = titles_parse(path_or_file=csv_file(text))
    assert [e.message for e in parsed.errors] == [
        import_message(CatalogError.BAD_PAIR, value="Я en", expected=PERSON_NAME_FORM)
    ]


@pytest.mark.django_db
def test_duplicate_reference_in_a_file_rejects_it(mosfilm):
    text = (
        "reference,kind,original_title,original_language\n"
        "SMF-1,animation,Ну, погоди!,ru\n"
        "SMF-2,animation,Винни-Пух,ru\n"
        "SMF-1,animation,Ёжик в тумане,ru\n"
    ).replace("Ну, погоди!", '"Ну, погоди!"')

    report = titles_import(actor=None, owner=mosfilm, path_or_file=csv_file(text))

    assert error_tuples(report.errors) == [(4, "reference", ImportCode.DUPLICATE_REFERENCE)]
    assert report.errors[0].message == import_message(
        ImportCode.DUPLICATE_REFERENCE, value="SMF-1", other=2
    )
    assert Title.objects.count() == 0


def test_missing_required_column_is_reported_once_not_on_every_row():
    text = "reference,kind,original_language\nA,feature,ru\nB,feature,ru\n"
    parsed = titles_parse(path_or_file=csv_file(text))
    assert error_tuples(parsed.errors) == [(1, "original_title", ImportCode.MISSING_COLUMN)]
    assert parsed.rows == 2


def test_file_level_problems_are_reported_not_raised():
    semicolons = titles_parse(path_or_file=csv_file("kind;original_title;original_language\n"))
    assert error_tuples(semicolons.errors) == [(0, "", ImportCode.SEMICOLON_SEPARATED)]
    empty = titles_parse(path_or_file=csv_file(""))
    assert error_tuples(empty.errors) == [(0, "", ImportCode.NO_HEADER)]
    latin1 = io.BytesIO("kind,original_title,original_language\nfeature,Été,fr\n".encode("latin-1"))
    not_utf8 = titles_parse(path_or_file=latin1, file_format="csv")
    assert error_tuples(not_utf8.errors) == [(0, "", ImportCode.UNREADABLE_FILE)]
    assert str(not_utf8.errors[0]).startswith("file: cannot read the file as CSV")
    not_xlsx = titles_parse(path_or_file=csv_file("kind\n", name="titles.xlsx"))
    assert error_tuples(not_xlsx.errors) == [(0, "", ImportCode.UNREADABLE_FILE)]


def test_values_under_an_empty_header_are_reported():
    text = "kind,original_title,original_language,\nfeature,Сталкер,ru,oops\n"
    parsed = titles_parse(path_or_file=csv_file(text))
    assert error_tuples(parsed.errors) == [(2, "4", ImportCode.UNNAMED_COLUMN)]


def test_bom_and_cell_whitespace_are_ignored():
    text = "\ufeffkind , original_title,original_language, title_vi\n feature ,  Сталкер , ru ,Kẻ theo dấu \n"
    parsed = titles_parse(path_or_file=csv_file(text))
    assert parsed.errors == []
    ((row, spec),) = parsed.titles
    assert (row, spec.kind, spec.original_title) == (2, "feature", "Сталкер")
    assert spec.localised_titles[0].text == "Kẻ theo dấu"


def test_list_items_may_hold_an_escaped_semicolon():
    text = "kind,original_title,original_language,alternative_titles\nfeature,Т,ru,en:Love\\; Death; vi:Tình\n"
    ((_, spec),) = titles_parse(path_or_file=csv_file(text)).titles
    assert [lt.text for lt in spec.localised_titles] == ["Love; Death", "Tình"]


def test_unknown_format_is_refused():
    with pytest.raises(UnsupportedFormat, match=r"'\.txt'"):
        titles_parse(path_or_file="titles.txt")


@pytest.mark.django_db
def test_reimporting_the_same_file_updates_instead_of_duplicating(mosfilm):
    titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV)
    changed = GOOD_CSV.read_text(encoding="utf-8").replace("Red Silk", "Red Silk (2025)")

    report = titles_import(actor=None, owner=mosfilm, path_or_file=csv_file(changed))

    assert (report.created, report.updated) == (0, 4)
    assert Title.objects.filter(owner=mosfilm).count() == 4
    silk = Title.objects.get(owner=mosfilm, reference="CP-0002")
    assert silk.localised_titles.get(language="en").text == "Red Silk (2025)"
    assert silk.credits.count() == 3
    # People are reused, not created again.
    assert Person.objects.filter(owner=mosfilm, name="Андрей Волгин").count() == 1


@pytest.mark.django_db
def test_the_same_reference_in_another_owner_creates_a_title_of_its_own(mosfilm):
    other = organisation_create(actor=None, name="Okko", kind="vod", country="RU")
    titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV)
    report = titles_import(actor=None, owner=other, path_or_file=GOOD_CSV)
    assert (report.created, report.updated) == (4, 0)
    assert Title.objects.filter(reference="SMF-0001").count() == 2


@pytest.mark.django_db
def test_dry_run_validates_and_counts_but_writes_nothing(mosfilm):
    titles_import(
        actor=None,
        owner=mosfilm,
        path_or_file=csv_file(
            "reference,kind,original_title,original_language\nCP-0002,feature,X,ru\n"
        ),
    )

    report = titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV, dry_run=True)

    assert report.errors == []
    assert (report.created, report.updated) == (3, 1)
    assert report.summary() == "dry run: would create 3, update 1; nothing was written"
    assert Title.objects.filter(owner=mosfilm).count() == 1
    assert Title.objects.get(owner=mosfilm).original_title == "X"
    bad = titles_import(actor=None, owner=mosfilm, path_or_file=BAD_CSV, dry_run=True)
    assert len(bad.errors) == 5


@pytest.mark.django_db(transaction=True)
def test_failure_mid_write_rolls_back_every_row(mosfilm, monkeypatch):
    real_upsert = services.title_upsert
    calls = []

    def failing_on_third_row(**kwargs):
        calls.append(kwargs["spec"].reference)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real_upsert(**kwargs)

    monkeypatch.setattr(services, "title_upsert", failing_on_third_row)

    with pytest.raises(RuntimeError, match="disk full"):
        titles_import(actor=None, owner=mosfilm, path_or_file=GOOD_CSV)

    assert calls == ["SMF-0001", "CP-0002", "VTV-0042"]
    assert Title.objects.count() == 0
    assert Person.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="title").exists()


@pytest.mark.django_db
def test_the_documented_example_imports(mosfilm):
    example = Path(__file__).parents[2] / "docs" / "examples" / "titles.csv"
    report = titles_import(actor=None, owner=mosfilm, path_or_file=example)
    assert report.errors == []
    assert report.created == 3
    director = Title.objects.get(reference="SMF-0001").credits.get(role="director").person
    assert list(director.names.values_list("language", "text")) == [
        ("en", "Vyacheslav Kotyonochkin")
    ]
