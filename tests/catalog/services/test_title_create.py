import pytest

from cinebridge.catalog.models import SearchEntry, Title
from cinebridge.catalog.services import title_create
from cinebridge.catalog.specs import SpecInvalid, title_spec_from_raw
from cinebridge.core.audit import audit_history
from tests.factories import make_title

pytestmark = pytest.mark.django_db


def test_creates_title_with_everything_and_records_who(studio, studio_sales):
    title = make_title(
        studio,
        actor=studio_sales,
        kind="series",
        original_title="Маша и Медведь",
        localised_titles=[("en", "Masha and the Bear"), ("zh-hans", "玛莎和熊")],
        credits=[{"role": "director", "name": "Олег Кузовков"}],
        episodes=[
            {"season": 1, "number": 1, "original_title": "Первая встреча"},
            {"season": 1, "number": 2},
            {"season": 2, "number": 1},
        ],
    )
    assert title.localised_titles.get(language="zh-Hans").text == "玛莎和熊"
    assert [s.number for s in title.seasons.all()] == [1, 2]
    assert title.seasons.get(number=1).episodes.count() == 2
    assert title.credits.get().person.name == "Олег Кузовков"
    entry = audit_history(title).get()
    assert (entry.action, entry.actor, entry.organisation) == ("title.create", studio_sales, studio)
    assert entry.changes["original_title"] == "Маша и Медведь"


def test_search_entry_is_written_with_the_title(nu_pogodi):
    entry = SearchEntry.objects.get(title=nu_pogodi)
    assert entry.names[0] == "Ну, погоди!"
    assert "погоди" in entry.text and "pogodi" in entry.text


def test_a_person_is_reused_across_the_owners_titles(studio):
    first = make_title(studio, credits=[("director", "Юрий Норштейн")])
    second = make_title(studio, credits=[("director", "Юрий Норштейн")])
    assert first.credits.get().person == second.credits.get().person


def test_invalid_spec_lists_every_problem():
    with pytest.raises(SpecInvalid) as error:
        title_spec_from_raw(
            {
                "kind": "opera",
                "original_title": "",
                "original_language": "xx",
                "year": "19x5",
                "countries": ["RU", "ZZ"],
                "asking_price": "12.345",
            }
        )
    fields = {p.field for p in error.value.problems}
    # an unreadable price is one problem; "a price needs a currency" would only be noise
    assert fields == {
        "kind",
        "original_title",
        "original_language",
        "year",
        "countries",
        "asking_price",
    }
    assert "unknown language tag 'xx'" in str(error.value)


def test_nothing_is_written_when_a_nested_write_fails(studio, monkeypatch):
    from cinebridge.catalog import services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services.search_index, "entry_refresh_title", broken)
    spec = title_spec_from_raw(
        {"kind": "feature", "original_title": "X", "original_language": "en"}
    )
    with pytest.raises(RuntimeError):
        title_create(actor=None, owner=studio, spec=spec)
    assert not Title.objects.exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "unknown language tag 'xx'"),
        ("vi", "mã ngôn ngữ không xác định 'xx'"),
        ("ru", "неизвестный код языка 'xx'"),
        ("zh-hans", "未知的语言代码 'xx'"),
    ],
)
def test_problems_are_told_in_the_users_language(language, expected):
    from django.utils import translation

    with translation.override(language), pytest.raises(SpecInvalid) as error:
        title_spec_from_raw({"kind": "feature", "original_title": "X", "original_language": "xx"})
    assert error.value.problems[0].message.startswith(expected)
