import dataclasses

import pytest

from cinebridge.catalog.models import TitleStatus
from cinebridge.catalog.selectors import catalog_search, title_spec
from cinebridge.catalog.services import title_status_set
from cinebridge.core.audit import audit_history

pytestmark = pytest.mark.django_db


def test_publishing_changes_only_the_status_and_is_audited(draft, studio_sales):
    before = title_spec(draft)
    title = title_status_set(actor=studio_sales, title=draft, status=TitleStatus.PUBLISHED)
    assert title.status == TitleStatus.PUBLISHED
    assert title_spec(title) == dataclasses.replace(before, status="published")
    entry = audit_history(draft).first()
    assert (entry.action, entry.actor, entry.changes) == (
        "title.update",
        studio_sales,
        {"status": ["draft", "published"]},
    )
    assert [h.key for h in catalog_search(user=None, text="secret project").title_hits] == [
        draft.pk
    ]


def test_back_to_draft_hides_the_title_from_the_public(nu_pogodi, studio_sales):
    title_status_set(actor=studio_sales, title=nu_pogodi, status=TitleStatus.DRAFT)
    assert catalog_search(user=None, text="nu pogodi").title_hits == []
