"""The per-process typo vocabulary stays true when another process writes."""

import pytest

from cinebridge.catalog import search_index
from cinebridge.catalog.models import SearchTerm
from cinebridge.core.audit import counter_bump, counter_value
from tests.factories import make_title

pytestmark = pytest.mark.django_db


def test_vocabulary_reloads_when_another_process_adds_words(studio):
    make_title(studio, original_title="Sunflower")
    first = search_index.vocabulary()
    assert "sunflover" in first.near("sunflover", 1) or "sunflower" in first.near("sunflover", 1)
    assert first.near("moonrise", 1) == []
    # Another server process writes a title: its words reach the table and the counter moves.
    SearchTerm.objects.create(term="moonrise")
    counter_bump(search_index.VOCABULARY_COUNTER)
    assert "moonrise" in search_index.vocabulary().near("monrise", 1)


def test_new_words_move_the_counter_known_words_do_not(studio):
    before = counter_value(search_index.VOCABULARY_COUNTER)
    make_title(studio, original_title="Brave Heart")
    after_new = counter_value(search_index.VOCABULARY_COUNTER)
    make_title(studio, original_title="Brave Heart")
    assert after_new == before + 1
    assert counter_value(search_index.VOCABULARY_COUNTER) == after_new
