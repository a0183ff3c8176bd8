"""Rights messages are whole sentences in every language."""

import pytest
from django.utils import translation

from cinebridge.rights.errors import TRANSITION_MESSAGES, RightsError, message
from cinebridge.rights.services import DealStateError, deal_offer
from tests.rights.factories import make_deal, make_rights_in


@pytest.mark.parametrize("action", ["offered", "signed", "terminated"])
def test_a_refused_transition_names_its_action_in_words(action):
    text = message(RightsError.BAD_TRANSITION, status="Expired", action=action)
    assert text == f"a deal with status “Expired” cannot be {action}"


@pytest.mark.parametrize("language", ["ru", "vi", "zh-hans"])
def test_each_refused_action_is_translated_whole(language):
    english = {
        a: message(RightsError.BAD_TRANSITION, status="X", action=a) for a in TRANSITION_MESSAGES
    }
    with translation.override(language):
        texts = {
            a: message(RightsError.BAD_TRANSITION, status="X", action=a)
            for a in TRANSITION_MESSAGES
        }
    for action, text in texts.items():
        assert text != english[action] and "X" in text
        assert action not in text  # no English word inside the sentence
    assert len(set(texts.values())) == len(texts)


@pytest.mark.django_db
def test_the_service_refuses_in_the_users_language(studio, broadcaster, nu_pogodi):
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
    with translation.override("ru"), pytest.raises(DealStateError) as refused:
        deal_offer(actor=None, deal=deal)
    assert refused.value.code is RightsError.BAD_TRANSITION
    assert str(refused.value) == "сделку в статусе «Подписана» нельзя предложить"
