import os

import pytest
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck, settings

from tests.factories import OrganisationFactory, make_title, member_of

# No test may depend on the machine's speed (speed belongs to `make bench`): property tests
# run without hypothesis' per-example deadline and its too-slow health check. On CI the
# examples are derandomised, so a red build replays the same examples. The profile is loaded
# here, before any test module is imported, so every @settings(...) in a test inherits it.
_NO_WALL_CLOCK = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("cinebridge", **_NO_WALL_CLOCK)
settings.register_profile("ci", derandomize=True, print_blob=True, **_NO_WALL_CLOCK)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "cinebridge")
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache: each test starts with none, however fast it runs."""
    cache.clear()


@pytest.fixture
def studio(db):
    return OrganisationFactory(
        name="Soyuzmultfilm", slug="soyuzmultfilm", kind="studio", country="RU"
    )


@pytest.fixture
def broadcaster(db):
    return OrganisationFactory(
        name="Vietnam Television", slug="vtv", kind="broadcaster", country="VN"
    )


@pytest.fixture
def studio_sales(studio):
    return member_of(studio, "sales", username="smf-sales")


@pytest.fixture
def outsider(broadcaster):
    """A signed-in member of another organisation."""
    return member_of(broadcaster, "acquisitions", username="vtv-acq")


@pytest.fixture
def nu_pogodi(studio):
    return make_title(
        studio,
        kind="animation",
        original_title="Ну, погоди!",
        year=1969,
        countries=["RU"],
        genres=["comedy", "family"],
        localised_titles=[
            ("en", "Well, Just You Wait!"),
            ("ru-Latn", "Nu, pogodi!", "romanisation"),
            ("vi", "Này, đợi đấy!"),
            ("zh-Hans", "兔子，等着瞧"),
        ],
        synopses=[("en", "A wolf chases a hare."), ("ru", "Волк гоняется за зайцем.")],
        credits=[
            {
                "role": "director",
                "name": "Вячеслав Котёночкин",
                "names": [("en", "Vyacheslav Kotyonochkin")],
            }
        ],
        versions=[("vi", "subtitles"), ("en", "dub")],
        assets=[
            ("trailer", "https://example.org/trailer/nu-pogodi"),
            ("screener", "https://example.org/screener/nu-pogodi-secret"),
        ],
        internal_notes="Floor price agreed with Roskino",
        asking_price="15000",
        asking_currency="USD",
    )


@pytest.fixture
def draft(studio):
    return make_title(
        studio,
        status="draft",
        original_title="Секретный проект",
        localised_titles=[("en", "Secret Project")],
        internal_notes="not announced",
    )


@pytest.fixture(autouse=True)
def fresh_search_vocabulary():
    """Forget the process's cached typo vocabulary between tests.

    In production the change counter only moves forward (a rolled-back bump also rolls back
    its words), but each test's rollback rewinds it, so a cache keyed by its value could
    outlive the words it was built from.
    """
    from cinebridge.catalog import search_index

    search_index._vocabulary = None
    yield
    search_index._vocabulary = None


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request with Accept-Language leaves its language active
    in the worker's thread, and the next test (in another file) would inherit it."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_avails_index():
    """Each test's rollback (or flush) rewinds the change log the per-process avails index
    follows, and SQLite hands the same ids out again: start every test from a new index."""
    from cinebridge.rights import engine_adapters

    engine_adapters.index_forget()
    yield
    engine_adapters.index_forget()
