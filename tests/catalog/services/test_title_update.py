import dataclasses

import pytest

from cinebridge.catalog.models import SearchEntry
from cinebridge.catalog.selectors import catalog_search, title_spec
from cinebridge.catalog.services import title_delete, title_update, title_upsert
from cinebridge.catalog.specs import LocalisedTitleSpec
from cinebridge.core.audit import audit_history

pytestmark = pytest.mark.django_db


def test_update_records_what_changed_and_refreshes_search(nu_pogodi, studio_sales):
    spec = title_spec(nu_pogodi)
    spec = dataclasses.replace(
        spec,
        year=1970,
        localised_titles=(*spec.localised_titles, LocalisedTitleSpec("de", "Hase und Wolf")),
    )
    title_update(actor=studio_sales, title=nu_pogodi, spec=spec)
    entry = audit_history(nu_pogodi).first()
    assert entry.action == "title.update"
    assert entry.changes["year"] == [1969, 1970]
    assert entry.changes["localised_titles"] == "changed"
    assert "kind" not in entry.changes
    assert [h.key for h in catalog_search(user=None, text="hase und wolf").title_hits] == [
        nu_pogodi.pk
    ]


def test_upsert_by_reference_updates_instead_of_duplicating(studio):
    from cinebridge.catalog.specs import title_spec_from_raw

    raw = {
        "reference": "SMF-1",
        "kind": "feature",
        "original_title": "A",
        "original_language": "ru",
    }
    first, created = title_upsert(actor=None, owner=studio, spec=title_spec_from_raw(raw))
    second, created_again = title_upsert(
        actor=None, owner=studio, spec=title_spec_from_raw(raw | {"original_title": "B"})
    )
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk and second.original_title == "B"


def test_delete_keeps_the_history_and_drops_the_search_entry(nu_pogodi):
    pk = nu_pogodi.pk
    title_delete(actor=None, title=nu_pogodi)
    assert not SearchEntry.objects.filter(title_id=pk).exists()
    nu_pogodi.pk = pk
    assert [e.action for e in audit_history(nu_pogodi)] == ["title.delete", "title.create"]
