"""Property-based checks of fold, index_text, query_matches and rank on mixed-script names."""

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, pinyin

from cinebridge.engines.text import (
    Candidate,
    Hit,
    Query,
    fold,
    index_text,
    parse_query,
    query_matches,
    rank,
    romanise,
)
from cinebridge.engines.text.normalise import MAX_OTHER_READINGS, name_forms, readings
from cinebridge.engines.text.ranking import TIER_SUBSTRING

VIETNAMESE_LATIN = (
    "abcdefghijklmnopqrstuvwxyzăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
# Simplified and traditional variants, including ones OpenCC converts by phrase (乾, 髮, 後).
HAN = "长長安三万萬里红紅丝絲绸綢国國电電影中华華乾干发發髮后後台臺颱面麵裏隆天地人大小山水行银銀"
LETTERS = VIETNAMESE_LATIN + VIETNAMESE_LATIN.upper() + CYRILLIC + CYRILLIC.upper() + HAN + "0123"
SEPARATORS = " ,.!'’-:"

names = st.text(alphabet=LETTERS + SEPARATORS, min_size=1, max_size=24)
name_lists = st.lists(names, min_size=1, max_size=3)
queries = st.text(alphabet=LETTERS + SEPARATORS, max_size=8)


def candidates_from(name_groups: list[list[str]]) -> list[Candidate]:
    return [
        Candidate(key=key, names=tuple(group), boost=float(key % 3))
        for key, group in enumerate(name_groups)
    ]


def reference_rank_filter(query: Query, candidates: list[Candidate]) -> list[int]:
    """The slow, obvious filter rank must agree with."""
    keys = []
    for candidate in candidates:
        if query_matches(query, index_text(candidate.names)):
            keys.append(candidate.key)
    return keys


@given(st.text())
def test_fold_is_idempotent_on_any_text(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(names)
def test_fold_is_idempotent_on_mixed_scripts(name: str) -> None:
    assert fold(fold(name)) == fold(name)


@given(name_lists)
def test_index_text_is_deterministic(group: list[str]) -> None:
    first = index_text(group)
    name_forms.cache_clear()
    assert index_text(list(group)) == first
    assert index_text(tuple(group)) == first


@settings(max_examples=200)
@given(st.lists(name_lists, min_size=1, max_size=5), st.data())
def test_any_whole_word_of_a_name_finds_it(groups: list[list[str]], data: st.DataObject) -> None:
    candidates = candidates_from(groups)
    target = data.draw(st.sampled_from(candidates))
    name = data.draw(st.sampled_from(target.names))
    words = name.split()
    if not words:
        return
    query = parse_query(data.draw(st.sampled_from(words)))
    assert query_matches(query, index_text(target.names))
    assert target.key in [hit.key for hit in rank(query, candidates)]


@given(name_lists)
def test_the_romanised_name_without_spaces_finds_it(group: list[str]) -> None:
    for name in group:
        compact = "".join(romanise(fold(name)).split())
        assert query_matches(parse_query(compact), index_text(group)), (name, compact)


@given(name_lists)
def test_the_romanised_name_with_spaces_finds_it(group: list[str]) -> None:
    for name in group:
        romanised = romanise(fold(name))
        assert query_matches(parse_query(romanised), index_text(group)), (name, romanised)


@settings(max_examples=200)
@given(st.lists(name_lists, min_size=1, max_size=6), queries)
def test_rank_is_exactly_the_query_matches_filter(groups: list[list[str]], text: str) -> None:
    candidates = candidates_from(groups)
    query = parse_query(text)
    hits = rank(query, candidates)
    assert sorted(hit.key for hit in hits) == reference_rank_filter(query, candidates)
    boost = {candidate.key: candidate.boost for candidate in candidates}
    order = [(hit.tier, hit.typos, -boost[hit.key], hit.key) for hit in hits]
    assert order == sorted(order)
    assert all(isinstance(hit, Hit) and 0 <= hit.tier <= 8 and hit.typos == 0 for hit in hits)


@settings(max_examples=200)
@given(st.lists(name_lists, min_size=1, max_size=4), queries)
def test_uppercasing_the_query_changes_nothing(groups: list[list[str]], text: str) -> None:
    candidates = candidates_from(groups)
    assert rank(parse_query(text.upper()), candidates) == rank(parse_query(text), candidates)


@given(name_lists, st.data())
def test_a_whole_name_ranks_at_tier_0(group: list[str], data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(group))
    if not fold(name):
        return
    (hit,) = rank(parse_query(name.upper()), [Candidate(1, tuple(group))])
    assert hit.tier == 0


def reference_literal(query: Query, names: tuple[str, ...]) -> bool:
    """Every term, folded or romanised, is a substring of a name folded or of one of its
    readings (with or without spaces)."""
    texts = []
    for name in names:
        folded = fold(name)
        texts.append(folded)
        for reading in readings(folded):
            texts += [reading, reading.replace(" ", "")]
    literal = " | ".join(texts)
    return all(
        term.folded in literal or "".join(romanise(term.folded).split()) in literal
        for term in query.terms
    )


@settings(max_examples=200, deadline=None)  # no wall-clock limit: see issue 8, item 22
@given(st.lists(name_lists, min_size=1, max_size=6), queries)
def test_a_skeleton_only_match_never_ties_with_or_outranks_a_literal_one(
    groups: list[list[str]], text: str
) -> None:
    candidates = candidates_from(groups)
    query = parse_query(text)
    if not query.terms:
        return
    hits = rank(query, candidates)
    names = {candidate.key: candidate.names for candidate in candidates}
    literal = [reference_literal(query, names[hit.key]) for hit in hits]
    assert [hit.tier <= TIER_SUBSTRING for hit in hits] == literal
    # so, hits being sorted by tier, every literal hit comes before every skeleton-only one
    assert literal == sorted(literal, reverse=True)


POLYPHONIC = "长行重万发干和了的着还"


@settings(deadline=None)
@given(st.text(alphabet=POLYPHONIC + "安三里天地人", min_size=1, max_size=30), st.data())
def test_each_reading_of_each_character_finds_the_name(name: str, data: st.DataObject) -> None:
    readings_of_name = readings(fold(name))
    assert readings_of_name[0] == romanise(fold(name))
    assert len(readings_of_name) <= 1 + MAX_OTHER_READINGS
    text = index_text([name])
    for reading in readings_of_name:
        assert query_matches(parse_query(reading), text)
    # any other reading of any one character, typed syllable by syllable
    syllables = readings_of_name[0].split()
    index = data.draw(st.integers(min_value=0, max_value=len(syllables) - 1))
    (others,) = pinyin(name[index], style=Style.NORMAL, heteronym=True, v_to_u=True)
    for other in others:
        typed = " ".join([*syllables[:index], other, *syllables[index + 1 :]])
        assert query_matches(parse_query(typed), text), typed
