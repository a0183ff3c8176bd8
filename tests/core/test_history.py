"""History tables name each recorded action in words, in the reader's language."""

import pytest
from django.utils import translation

from cinebridge.core.audit import ACTION_LABELS
from cinebridge.core.templatetags.cinebridge import action_label
from tests.rights.factories import make_deal, make_rights_in


def test_known_actions_have_words_and_unknown_ones_keep_their_code():
    assert action_label("deal.signed") == "Signed"
    assert action_label("rights_in.update") == "Rights in changed"
    assert action_label("something.new") == "something.new"


@pytest.mark.parametrize("language", ["ru", "vi", "zh-hans"])
def test_every_label_is_translated(language):
    with translation.override(language):
        translated = {code: str(label) for code, label in ACTION_LABELS.items()}
    english = {code: str(label) for code, label in ACTION_LABELS.items()}
    assert all(translated[code] != english[code] for code in english), language


@pytest.mark.django_db
def test_the_deal_page_shows_the_words_beside_the_code(
    client, studio, broadcaster, studio_sales, nu_pogodi
):
    make_rights_in(studio, nu_pogodi)
    deal = make_deal(
        studio,
        broadcaster,
        [
            {
                "titles": [nu_pogodi.pk],
                "territories": ["VN"],
                "media": ["SVOD"],
                "start": "2027-01-01",
            }
        ],
        sign=True,
    )
    client.force_login(studio_sales)
    with translation.override("ru"):
        page = client.get(f"/deals/{deal.pk}/", headers={"Accept-Language": "ru"}).content.decode()
    assert 'data-testid="history"' in page
    assert 'Подписана <code class="muted small">deal.signed</code>' in page
