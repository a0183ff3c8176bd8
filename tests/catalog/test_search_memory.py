"""Search from the in-memory snapshot of the search entries (``catalog.search_memory``).

The snapshot is read only outside a transaction, so these tests use ``transactional_db``:
their writes commit and their searches run in autocommit, as a server's do. The reference is
the database path (``search_memory.enabled(False)``, FTS5 or LIKE) and ranking every match
(``rank_everything=True``): the memory path must answer exactly as they do, for every user,
and stay true after writes of this process and of others.
"""

from __future__ import annotations

import multiprocessing
import threading
from dataclasses import replace

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cinebridge.catalog import search_index, search_memory, search_ranking, services
from cinebridge.catalog.models import Person, SearchEntry, Title
from cinebridge.catalog.selectors import catalog_search
from cinebridge.core.audit import counter_stamp, counter_value
from cinebridge.core.models import ChangeCounter
from cinebridge.engines.text import grams, memory
from tests.factories import OrganisationFactory, make_title, member_of
from tests.processes import TIMEOUT, processes_database

pytestmark = pytest.mark.django_db(transaction=True)

EIDR = "10.5240/7791-8534-2C23-9030-8610-5"

QUERIES = [
    # exact names, in their scripts and romanised
    "Ну, погоди!",
    "nu pogodi",
    "well just you wait",
    "兔子，等着瞧",
    "长安三万里",
    "Đất rừng phương Nam",
    "dat rung phuong nam",
    "Ёжик в тумане",
    "Секретный проект",
    "Mùa hè bí mật",
    "Снежная королева",
    # single words
    "погоди",
    "night",
    "secret",
    "snow",
    "hedgehog",
    "south",
    # two-character Chinese words, and one character
    "兔子",
    "爱情",
    "黎明",
    "明",
    # pinyin
    "changan",
    "chang an",
    "tuzi",
    "aiqing",
    # prefixes
    "ну",
    "ni",
    "sec",
    "hedge",
    "đất",
    # typos
    "hedgehgo",
    "well, just you wiat",
    "sekret",
    # people
    "Котёночкин",
    "kotenochkin",
    "ivan",
    "Секретов",
    "nguyen",
    "bi mat",
    # several words, out of order, punctuation, digits, one letter
    "ну погоди выпуск",
    "queen snow",
    "兔子 等着瞧",
    "长安 三万",
    "Này, đợi đấy!",
    "nupogodi",
    "chang'an",
    "ёжик тумане",
    "the",
    "20",
    "a",
    # nothing
    "zzqxwv",
]


def _hits(hits):
    return [(h.key, h.tier, h.typos, h.matched_name) for h in hits]


def _outcome(result):
    return {
        "titles": _hits(result.title_hits),
        "count": len(result.title_hits),
        "people": _hits(result.person_hits),
        "people_count": len(result.person_hits),
        "typo_corrected": result.typo_corrected,
        "also": result.also,
    }


def _from_database(user, text, **options):
    search_memory.enabled(False)
    try:
        return catalog_search(user=user, text=text, **options)
    finally:
        search_memory.enabled(True)


def _title_keys(text, user=None):
    return [h.key for h in catalog_search(user=user, text=text).title_hits]


def _person_keys(text, user=None):
    return [h.key for h in catalog_search(user=user, text=text).person_hits]


@pytest.fixture(autouse=True)
def fresh_snapshot():
    """Each test starts with no snapshot in this process, the memory path on."""
    search_memory._current = None
    search_memory.enabled(True)
    yield
    search_memory.rebuild_wait()  # no thread may read the database while it is flushed
    search_memory._current = None
    search_memory.enabled(True)


@pytest.fixture
def memory_calls(monkeypatch):
    """How many times the memory path ranked a query (a list, one item per call)."""
    calls = []
    original = search_ranking.ranked_from_memory

    def counting(query, snap, wanted):
        calls.append(query)
        return original(query, snap, wanted)

    monkeypatch.setattr(search_ranking, "ranked_from_memory", counting)
    return calls


@pytest.fixture
def org_a(transactional_db):
    return OrganisationFactory(name="Soyuzmultfilm", slug="smf", kind="studio", country="RU")


@pytest.fixture
def org_b(transactional_db):
    return OrganisationFactory(name="Vietnam Television", slug="vtv", kind="broadcaster")


@pytest.fixture
def member_a(org_a):
    return member_of(org_a, "sales", username="a-sales")


@pytest.fixture
def member_b(org_b):
    return member_of(org_b, "acquisitions", username="b-acq")


@pytest.fixture
def catalog(org_a, org_b):
    """A small catalog in four scripts, made through the services: drafts and private people
    of both organisations, and one work listed by both (a shared EIDR)."""
    agency = OrganisationFactory(name="Roskino", slug="roskino", kind="agency")
    made = {
        "nu": make_title(
            org_a,
            kind="animation",
            original_title="Ну, погоди!",
            year=1969,
            popularity=50,
            localised_titles=[
                ("en", "Well, Just You Wait!"),
                ("ru-Latn", "Nu, pogodi!", "romanisation"),
                ("vi", "Này, đợi đấy!"),
                ("zh-Hans", "兔子，等着瞧"),
            ],
            credits=[
                {
                    "role": "director",
                    "name": "Вячеслав Котёночкин",
                    "names": [("en", "Vyacheslav Kotyonochkin")],
                }
            ],
        ),
        "nu20": make_title(org_a, original_title="Ну, погоди! Выпуск 20", popularity=1000),
        "changan": make_title(
            org_a,
            kind="animation",
            original_title="长安三万里",
            original_language="zh-Hans",
            localised_titles=[("en", "Chang'an")],
        ),
        "south": make_title(
            org_b,
            original_title="Đất rừng phương Nam",
            original_language="vi",
            localised_titles=[("en", "Song of the South")],
        ),
        "hedgehog": make_title(
            org_a,
            kind="animation",
            original_title="Ёжик в тумане",
            localised_titles=[("en", "Hedgehog in the Fog")],
            popularity=5,
        ),
        "ming1": make_title(org_b, original_title="黎明之前", original_language="zh-Hans"),
        "ming2": make_title(org_b, original_title="光明大道", original_language="zh-Hans"),
        "love": make_title(
            org_b,
            original_title="爱情神话",
            original_language="zh-Hans",
            localised_titles=[("en", "B for Busy")],
        ),
        "love_draft": make_title(
            org_a, status="draft", original_title="爱情公寓", original_language="zh-Hans"
        ),
        "secret_a": make_title(
            org_a,
            status="draft",
            original_title="Секретный проект",
            localised_titles=[("en", "Secret Project")],
        ),
        "secret_b": make_title(
            org_b,
            status="draft",
            original_title="Mùa hè bí mật",
            original_language="vi",
            localised_titles=[("en", "Secret Summer")],
        ),
        "night": make_title(
            org_b, original_title="The Night Watch", original_language="en", popularity=7
        ),
        "night2": make_title(
            org_a, original_title="Night of the Hunter", original_language="en", popularity=7
        ),
        "snow": make_title(
            org_a,
            original_title="Снежная королева",
            eidr=EIDR,
            localised_titles=[("en", "The Snow Queen")],
        ),
        "snow_agency": make_title(
            agency,
            original_title="The Snow Queen",
            original_language="en",
            eidr=EIDR,
            popularity=100,
        ),
    }
    made["ivan"] = services.person_create(
        actor=None,
        owner=org_a,
        name="Иван Секретов",
        names=[("en", "Ivan Sekretov")],
        is_public=False,
    )
    made["nguyen"] = services.person_create(
        actor=None, owner=org_b, name="Nguyễn Bí Mật", is_public=False
    )
    made["ivan_public"] = services.person_create(actor=None, owner=org_b, name="Ivan Petrov")
    return made


# --- 1. the memory path answers as the database does ------------------------------------------


@pytest.fixture(params=["one by one", "word tables"])
def index_mode(request, monkeypatch):
    """A small catalog is checked entry by entry; with the thresholds at 0 every term is
    looked up in the index's word tables instead (both must give the same answer)."""
    if request.param == "word tables":
        monkeypatch.setattr(memory, "_CHECK", 0)
        monkeypatch.setattr(memory, "_CHECK_SHORT", 0)
        monkeypatch.setattr(memory, "_READ", 0)
        monkeypatch.setattr(grams, "FEW", 0)
    return request.param


def test_the_memory_path_answers_as_the_database_for_every_user(
    catalog, member_a, member_b, memory_calls, index_mode
):
    found = 0
    for user in (None, member_a, member_b):
        for text in QUERIES:
            before = len(memory_calls)
            fast = _outcome(catalog_search(user=user, text=text))
            assert len(memory_calls) > before, text  # really answered from memory
            assert search_memory.snapshot() is not None
            database = _outcome(_from_database(user, text))
            everything = _outcome(catalog_search(user=user, text=text, rank_everything=True))
            assert fast == database, (user, text)
            assert fast == everything, (user, text)
            found += fast["count"] + fast["people_count"]
            # a page read before the whole (as a view reads it) is the whole's beginning
            page = catalog_search(user=user, text=text).title_hits[:2]
            assert _hits(page) == database["titles"][:2], (user, text)
    assert found > 100  # the queries do find things
    # the work listed twice is one hit, its owner's listing, with the other as "also"
    snow = catalog_search(user=None, text="snow queen")
    assert [h.key for h in snow.title_hits] == [catalog["snow"].pk]
    assert snow.also == {catalog["snow"].pk: [catalog["snow_agency"].pk]}
    assert catalog_search(user=None, text="hedgehgo").typo_corrected


def test_the_memory_path_answers_as_the_database_for_titles_or_people_alone(
    catalog, member_a, memory_calls
):
    for text in ("ivan", "secret", "ну", "kotenochkin", "sekret"):
        for options in ({"people": False}, {"titles": False}):
            fast = _outcome(catalog_search(user=member_a, text=text, **options))
            assert fast == _outcome(_from_database(member_a, text, **options)), (text, options)
    assert memory_calls


# --- 2. tenancy ------------------------------------------------------------------------------


def test_drafts_and_private_people_are_found_only_by_their_organisations_members(
    catalog, member_a, member_b, memory_calls
):
    draft, person = catalog["secret_a"].pk, catalog["ivan"].pk
    assert _title_keys("Секретный проект", member_a) == [draft]
    assert _title_keys("Секретный проект", member_b) == []
    assert _title_keys("Секретный проект") == []
    assert draft in _title_keys("secret", member_a)
    assert draft not in _title_keys("secret", member_b)
    assert _title_keys("secret", member_b) == [catalog["secret_b"].pk]
    assert _title_keys("secret") == []
    assert _person_keys("Секретов", member_a) == [person]
    assert _person_keys("Секретов", member_b) == []
    assert _person_keys("Секретов") == []
    assert sorted(_person_keys("ivan", member_a)) == sorted([person, catalog["ivan_public"].pk])
    assert _person_keys("ivan", member_b) == [catalog["ivan_public"].pk]
    assert _person_keys("ivan") == [catalog["ivan_public"].pk]
    assert sorted(_title_keys("爱情", member_a)) == sorted(
        [catalog["love"].pk, catalog["love_draft"].pk]
    )
    assert _title_keys("爱情", member_b) == [catalog["love"].pk]
    assert _title_keys("爱情") == [catalog["love"].pk]
    assert len(memory_calls) >= 15


# --- 3. writes of this process ----------------------------------------------------------------


def _rename(title, original, localised=()):
    spec = replace(
        services.title_spec_of(title), original_title=original, localised_titles=tuple(localised)
    )
    return services.title_update(actor=None, title=title, spec=spec)


def _assert_as_database(texts, users):
    for user in users:
        for text in texts:
            fast = _outcome(catalog_search(user=user, text=text))
            assert fast == _outcome(_from_database(user, text)), (user, text)


def test_the_snapshot_follows_this_processes_title_writes(
    catalog, org_a, org_b, member_a, member_b, memory_calls
):
    hedgehog = catalog["hedgehog"]
    assert _title_keys("hedgehog") == [hedgehog.pk]
    assert _title_keys("cheburashka") == []
    built = search_memory.snapshot()

    _rename(hedgehog, "Чебурашка")
    assert _title_keys("hedgehog") == []
    assert _title_keys("Ёжик") == []
    assert _title_keys("cheburashka") == [hedgehog.pk]
    assert search_memory.snapshot().built == built.built  # caught up, not rebuilt

    services.title_status_set(actor=None, title=Title.objects.get(pk=hedgehog.pk), status="draft")
    assert _title_keys("cheburashka") == []
    assert _title_keys("cheburashka", member_b) == []
    assert _title_keys("cheburashka", member_a) == [hedgehog.pk]
    services.title_status_set(
        actor=None, title=Title.objects.get(pk=hedgehog.pk), status="published"
    )
    assert _title_keys("cheburashka", member_b) == [hedgehog.pk]

    popular = Title.objects.get(pk=catalog["nu"].pk)
    assert _title_keys("ну")[:2] == [catalog["nu20"].pk, popular.pk]  # by popularity
    services.title_update(
        actor=None, title=popular, spec=replace(services.title_spec_of(popular), popularity=5000)
    )
    assert _title_keys("ну")[:2] == [popular.pk, catalog["nu20"].pk]

    services.title_delete(actor=None, title=Title.objects.get(pk=catalog["changan"].pk))
    assert _title_keys("changan") == []
    assert _title_keys("长安") == []

    created = make_title(
        org_a, original_title="Крокодил Гена", localised_titles=[("en", "Gena the Crocodile")]
    )
    assert _title_keys("gena") == [created.pk]
    assert _title_keys("крокодил") == [created.pk]

    # a title gaining the work's identifier joins the work
    other = make_title(org_b, original_title="Snow Queen Live", original_language="en")
    assert len(_title_keys("snow queen")) == 2
    services.title_update(
        actor=None, title=other, spec=replace(services.title_spec_of(other), eidr=EIDR)
    )
    result = catalog_search(user=None, text="snow queen")
    [shown] = [h.key for h in result.title_hits]  # one work of three listings
    assert {shown, *result.also[shown]} == {catalog["snow"].pk, catalog["snow_agency"].pk, other.pk}
    assert _outcome(result) == _outcome(_from_database(None, "snow queen"))

    _assert_as_database(QUERIES + ["gena", "cheburashka"], (None, member_a, member_b))
    assert memory_calls


def test_a_page_is_ranked_without_reading_the_entries(catalog, memory_calls):
    """The candidates a page ranks (names, stored forms, index text, popularity) come from
    the snapshot, written ones from its overlay: the search reads no entry row."""
    search_memory.snapshot()
    _rename(catalog["hedgehog"], "Ёжик и медвежонок")
    search_memory.snapshot()  # caught up: the renamed entry is in the overlay
    for text in ("ёжик", "ну", "night", "pgoodi"):
        with CaptureQueriesContext(connection) as queries:
            result = catalog_search(user=None, text=text)
            page = _outcome(result)
        assert page["titles"], text
        assert not [q for q in queries if SearchEntry._meta.db_table in q["sql"]], text
        assert page == _outcome(_from_database(None, text)), text
    assert memory_calls


def test_the_snapshot_follows_this_processes_person_writes(
    catalog, org_a, member_a, member_b, memory_calls
):
    ivan = catalog["ivan_public"]
    assert _person_keys("petrov") == [ivan.pk]
    services.person_update(
        actor=None, person=ivan, name="Иван Сидоров", names=[("en", "Ivan Sidorov")]
    )
    assert _person_keys("petrov") == []
    assert _person_keys("sidorov") == [ivan.pk]

    services.person_update(actor=None, person=ivan, name="Иван Сидоров", is_public=False)
    assert _person_keys("sidorov") == []
    assert _person_keys("sidorov", member_a) == []
    assert _person_keys("sidorov", member_b) == [ivan.pk]

    new = services.person_create(
        actor=None, owner=org_a, name="Юрий Норштейн", names=[("en", "Yuri Norstein")]
    )
    assert _person_keys("norstein") == [new.pk]

    # a credit naming someone new creates the person with the title
    titled = make_title(
        org_a,
        original_title="Сказка сказок",
        credits=[{"role": "director", "name": "Франческа Ярбусова"}],
    )
    [credit] = titled.credits.all()
    assert _person_keys("yarbusova") == [credit.person_id]

    Person.objects.filter(pk=new.pk).delete()  # no service deletes people: the entry goes too
    assert _person_keys("norstein") == []
    _assert_as_database(
        ["ivan", "sidorov", "yarbusova", "norstein", "Котёночкин"], (None, member_a, member_b)
    )
    assert memory_calls


# --- 4. writes of other processes -------------------------------------------------------------


def _reader(ready, written):
    """Search (the snapshot is built or caught up), let the writer write, search again."""

    def read():
        before = {
            "hedgehog": _title_keys("hedgehog"),
            "cheburashka": _title_keys("cheburashka"),
            "gena": _title_keys("gena"),
        }
        first = search_memory.snapshot()
        ready.set()
        assert written.wait(TIMEOUT)
        after = {
            "hedgehog": _title_keys("hedgehog"),
            "cheburashka": _title_keys("cheburashka"),
            "gena": _title_keys("gena"),
            "nu pogodi": _title_keys("nu pogodi"),
            "kotenochkin": _person_keys("kotenochkin"),
        }
        second = search_memory.snapshot()
        return before, after, first.built == second.built, second.version > first.version

    return read


def _writer(ready, written, hedgehog_id, nu_id):
    def write():
        assert ready.wait(TIMEOUT)
        hedgehog = Title.objects.get(pk=hedgehog_id)
        _rename(hedgehog, "Чебурашка")
        created = make_title(hedgehog.owner, original_title="Крокодил Гена")
        services.title_delete(actor=None, title=Title.objects.get(pk=nu_id))
        written.set()
        return created.pk

    return write


def test_a_process_sees_the_writes_of_another_after_building_its_snapshot(catalog, memory_calls):
    hedgehog, nu = catalog["hedgehog"].pk, catalog["nu"].pk
    director = catalog["nu"].credits.get().person_id
    assert _title_keys("hedgehog") == [hedgehog]  # this process's snapshot: the children's too
    built = search_memory.snapshot()
    context = multiprocessing.get_context("fork")
    ready, written = context.Event(), context.Event()
    with processes_database() as run:
        (before, after, caught_up, moved), created = run(
            _reader(ready, written), _writer(ready, written, hedgehog, nu)
        )
        [fresh] = run(lambda: (search_memory._current is None, _title_keys("gena")))
    assert before == {"hedgehog": [hedgehog], "cheburashka": [], "gena": []}
    assert after == {
        "hedgehog": [],
        "cheburashka": [hedgehog],
        "gena": [created],
        "nu pogodi": [catalog["nu20"].pk],
        "kotenochkin": [director],  # people outlive their titles
    }
    assert caught_up and moved
    assert fresh == (False, [created])  # a child forked from the stale snapshot catches up
    if connection.vendor == "postgresql":  # SQLite's children wrote to a copy of the database
        assert search_memory._current is built
        assert _title_keys("gena") == [created]
        assert _title_keys("hedgehog") == []
        assert _title_keys("cheburashka") == [hedgehog]
        assert _title_keys("nu pogodi") == [catalog["nu20"].pk]
        assert search_memory.snapshot().built == built.built


@pytest.mark.postgres
def test_this_process_sees_a_child_processes_writes(catalog, org_a, memory_calls):
    if connection.vendor != "postgresql":
        pytest.skip("on SQLite the children write to a copy of the test database")
    assert _title_keys("hedgehog") == [catalog["hedgehog"].pk]
    built = search_memory.snapshot()
    with processes_database() as run:
        [created] = run(lambda: make_title(org_a, original_title="Крокодил Гена").pk)
        assert _title_keys("gena") == [created]
        run(lambda: _rename(Title.objects.get(pk=created), "Старуха Шапокляк"))
        assert _title_keys("gena") == []
        assert _title_keys("shapoklyak") == [created]
    assert search_memory.snapshot().built == built.built


# --- 5. inside a transaction ------------------------------------------------------------------


def test_inside_a_transaction_search_uses_the_database(catalog, org_a, member_a, memory_calls):
    assert _title_keys("hedgehog") == [catalog["hedgehog"].pk]
    outside = search_memory.snapshot()
    assert outside is not None
    calls = len(memory_calls)
    with transaction.atomic():
        assert search_memory.snapshot() is None
        created = make_title(org_a, status="draft", original_title="Крокодил Гена")
        assert _title_keys("gena", member_a) == [created.pk]
        assert _title_keys("gena") == []
        _rename(Title.objects.get(pk=catalog["hedgehog"].pk), "Чебурашка")
        assert _title_keys("hedgehog") == []
        assert _title_keys("cheburashka") == [catalog["hedgehog"].pk]
        assert _title_keys("nu pogodi")[0] == catalog["nu"].pk
    assert len(memory_calls) == calls  # never from memory inside
    assert _title_keys("gena", member_a) == [created.pk]
    assert _title_keys("cheburashka") == [catalog["hedgehog"].pk]
    assert len(memory_calls) > calls

    with transaction.atomic():  # rolled back: the snapshot never holds it
        make_title(org_a, original_title="Старуха Шапокляк")
        assert _title_keys("shapoklyak") != []
        transaction.set_rollback(True)
    assert _title_keys("shapoklyak") == []
    assert search_memory.snapshot().built == outside.built


# --- 6. rebuilds ------------------------------------------------------------------------------


@pytest.fixture
def rebuilds(monkeypatch):
    """``REBUILD_AFTER`` at 2; yields (versions each build was asked for, an event that holds
    background rebuilds until set (set from the start), an event set when a background
    rebuild has begun)."""
    monkeypatch.setattr(search_memory, "REBUILD_AFTER", 2)
    versions = []
    go = threading.Event()
    go.set()
    begun = threading.Event()
    built = search_memory._built

    def counting(stamp, version):
        versions.append(version)
        if threading.current_thread() is not threading.main_thread():
            begun.set()
            assert go.wait(TIMEOUT)
        return built(stamp, version)

    monkeypatch.setattr(search_memory, "_built", counting)
    yield versions, go, begun
    go.set()
    search_memory.rebuild_wait()


def test_past_rebuild_after_the_snapshot_is_built_again_and_stays_true(
    catalog, org_a, org_b, member_a, member_b, rebuilds, memory_calls
):
    builds, _, _ = rebuilds
    assert _title_keys("hedgehog") == [catalog["hedgehog"].pk]
    assert len(builds) == 1
    names = ["Крокодил Гена", "Старуха Шапокляк", "Чебурашка", "Винни-Пух", "Каникулы Бонифация"]
    created = []
    for number, name in enumerate(names):
        created.append(
            make_title(
                org_a if number % 2 else org_b,
                original_title=name,
                status="draft" if number == 2 else "published",
            )
        )
        _rename(Title.objects.get(pk=catalog["hedgehog"].pk), f"Ёжик {number}")
        assert _title_keys("hedgehog") == []
        assert _title_keys(f"Ёжик {number}") == [catalog["hedgehog"].pk]
        search_memory.rebuild_wait()
        snap = search_memory.snapshot()
        assert snap.index.changes <= 2
        assert _title_keys(f"Ёжик {number}") == [catalog["hedgehog"].pk]
    assert len(builds) >= 3  # rebuilt along the way
    assert _title_keys("gena") == [created[0].pk]
    assert _title_keys("cheburashka") == []
    assert _title_keys("cheburashka", member_a) == []
    assert _title_keys("cheburashka", member_b) == [created[2].pk]

    # many writes between two searches: one catch-up past the limit
    for title in created:
        services.title_delete(actor=None, title=title)
    services.title_delete(actor=None, title=Title.objects.get(pk=catalog["nu"].pk))
    services.person_create(actor=None, owner=org_a, name="Юрий Норштейн")
    assert _title_keys("gena") == []
    assert _title_keys("nu pogodi") == [catalog["nu20"].pk]
    assert _person_keys("norstein") == [Person.objects.get(name="Юрий Норштейн").pk]
    search_memory.rebuild_wait()
    snap = search_memory.snapshot()
    assert snap.index.changes == 0
    assert snap.built == SearchEntry.objects.count()
    assert builds[-1] == snap.version
    _assert_as_database(QUERIES, (None, member_a, member_b))
    assert memory_calls


def test_searches_during_a_background_rebuild_and_after_it_stay_true(
    catalog, org_a, member_a, member_b, rebuilds, memory_calls
):
    """The rebuild reads the counter, then (held here) the entries: it ends up holding
    writes newer than its version, and misses deletes made before it reads. Searches during
    it go on from the overlay; after it, from the fresh snapshot caught up."""
    builds, go, begun = rebuilds
    assert _title_keys("hedgehog") == [catalog["hedgehog"].pk]
    go.clear()
    first = make_title(org_a, original_title="Крокодил Гена")
    second = make_title(org_a, original_title="Старуха Шапокляк", status="draft")
    _rename(Title.objects.get(pk=catalog["hedgehog"].pk), "Чебурашка")
    assert _title_keys("gena") == [first.pk]  # past the limit: a rebuild starts, and waits
    assert begun.wait(TIMEOUT)
    assert len(builds) == 2
    services.title_delete(actor=None, title=first)
    services.title_delete(actor=None, title=Title.objects.get(pk=catalog["changan"].pk))
    third = make_title(org_a, original_title="Винни-Пух")
    _rename(Title.objects.get(pk=catalog["hedgehog"].pk), "Ёжик снова")
    assert _title_keys("gena") == []
    assert _title_keys("changan") == []
    assert _title_keys("vinni") == [third.pk]
    assert _title_keys("cheburashka") == []
    assert _title_keys("ezhik snova") == [catalog["hedgehog"].pk]
    assert len(builds) == 2  # still the one rebuild, held
    go.set()
    search_memory.rebuild_wait()
    services.person_create(actor=None, owner=org_a, name="Юрий Норштейн")
    assert _title_keys("gena") == []
    assert _title_keys("changan") == []
    assert _title_keys("vinni") == [third.pk]
    assert _title_keys("shapoklyak") == []
    assert _title_keys("shapoklyak", member_a) == [second.pk]
    assert _title_keys("ezhik snova") == [catalog["hedgehog"].pk]
    assert len(_person_keys("norstein")) == 1
    search_memory.rebuild_wait()
    _assert_as_database(QUERIES + ["vinni", "shapoklyak"], (None, member_a, member_b))
    assert search_memory.snapshot().index.changes <= 2


# --- 7. a counter deleted and counted again ---------------------------------------------------


def test_a_deleted_counter_counted_back_to_the_same_value_rebuilds_the_snapshot(
    org_a, memory_calls
):
    old_names = ["Ёжик в тумане", "Ну, погоди!", "Чебурашка", "Винни-Пух"]
    old = [make_title(org_a, original_title=name) for name in old_names]
    assert _title_keys("ezhik") == [old[0].pk]
    snap = search_memory.snapshot()
    stamp, version = counter_stamp(search_memory.SEARCH_COUNTER)
    assert (snap.stamp, snap.version) == (stamp, version) and version == len(old)

    for title in old:
        services.title_delete(actor=None, title=title)
    ChangeCounter.objects.all().delete()
    new = []
    while counter_value(search_memory.SEARCH_COUNTER) < version:
        new.append(make_title(org_a, original_title=f"Крокодил Гена {len(new)}"))
    new_stamp = counter_stamp(search_memory.SEARCH_COUNTER)
    assert new_stamp[1] == version and new_stamp[0] != stamp

    for title in old:
        assert _title_keys(title.original_title) == []
    assert _title_keys("ezhik") == []
    assert _title_keys("vinni") == []
    assert sorted(_title_keys("krokodil gena")) == [t.pk for t in new]
    assert _title_keys("Крокодил Гена 2") == [new[2].pk]
    assert search_memory.snapshot().stamp == new_stamp[0]
    assert memory_calls


def test_a_deleted_vocabulary_counter_counted_back_does_not_keep_a_stale_vocabulary(org_a):
    old = [
        make_title(org_a, original_title=name, original_language="en")
        for name in ("Hedgehog", "Wolverine")
    ]
    assert _title_keys("hedgehgo") == [old[0].pk]  # the vocabulary is now held in memory
    words = counter_value(search_index.VOCABULARY_COUNTER)
    for title in old:
        services.title_delete(actor=None, title=title)
    ChangeCounter.objects.all().delete()
    new = [
        make_title(org_a, original_title=name, original_language="en")
        for name in ("Crocodile", "Cheburashka")
    ]
    assert counter_value(search_index.VOCABULARY_COUNTER) == words
    result = catalog_search(user=None, text="crocodiel")
    assert [h.key for h in result.title_hits] == [new[0].pk]
