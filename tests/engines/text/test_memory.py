"""The in-memory index (memory.py) against the references it stands for: ``query_matches``
for which entries match and ``bounds.lower_bound`` for their rank bounds, entry by entry.

Catalogs here are small, so with its own constants the index would answer every query by
checking each entry one by one; most tests also set ``_CHECK``, ``_CHECK_SHORT``, ``_READ`` and ``grams.FEW``
to 0 (every term looked up in the word tables) or to a huge value, so both paths are compared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cinebridge.engines.text import (
    Query,
    allowed_typos,
    expand_with_typos,
    fold,
    grams,
    memory,
    parse_query,
    query_matches,
    romanise,
)
from cinebridge.engines.text.bounds import (
    AllOf,
    AnyOf,
    Bounds,
    Column,
    Contains,
    holds,
    literal_text,
    lower_bound,
    query_bounds,
)
from cinebridge.engines.text.memory import TextIndex
from cinebridge.engines.text.normalise import has_han, index_text_of_forms, name_forms
from tests.engines.text.test_properties import LETTERS, names

Columns = tuple[str, str]
Entries = Mapping[int, Columns | None]  # position -> columns (None: removed or never set)

HUGE = 10**9
DEFAULTS = {
    "_CHECK": memory._CHECK,
    "_CHECK_SHORT": memory._CHECK_SHORT,
    "_READ": memory._READ,
    "_FEW": grams.FEW,
}

# Words the names are made of, so that names of one catalog share words, prefixes and
# substrings: one- and two-letter words, digits, words inside other words.
LATIN_WORDS = [
    "night", "midnight", "nightmare", "knight", "nights", "a", "i", "x", "of", "the", "an",
    "on", "go", "star", "stars", "wars", "war", "peace", "2", "10", "1984", "blade", "runner",
    "shchuka", "zhivago", "tsar", "chang", "an2",
]  # fmt: skip
VIETNAMESE_WORDS = [
    "đêm", "trắng", "người", "mẹ", "tôi", "ở", "á", "đi", "mùa", "hè", "chiều", "nghiêng",
]  # fmt: skip
CYRILLIC_WORDS = [
    "ночь", "и", "я", "мы", "война", "мир", "ёлки", "ну", "погоди", "царь", "жизнь", "щука",
]  # fmt: skip
HAN_WORDS = [
    "爱情", "爱", "情书", "爱情公寓", "长安", "長安", "三万里", "重庆森林", "花样年华", "无间道",
    "大话西游", "天地", "人", "行", "银行", "中华", "电影", "长", "发", "髮", "后天",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", ", ", "-", ": ", "'", ""]

words = st.sampled_from(LATIN_WORDS + VIETNAMESE_WORDS + CYRILLIC_WORDS + HAN_WORDS)


@st.composite
def word_names(draw: st.DrawFn) -> str:
    """A name of 1 to 4 catalog words, sometimes capitalised, with assorted separators (none
    between two Chinese words makes a longer Chinese word)."""
    parts = draw(st.lists(words, min_size=1, max_size=4))
    name = parts[0]
    for part in parts[1:]:
        name += draw(st.sampled_from(SEPARATORS)) + part
    if draw(st.booleans()):
        name = name.title()
    return name


any_names = st.one_of(word_names(), word_names(), names)
name_lists = st.lists(any_names, min_size=0, max_size=3)


def columns_of(group: Sequence[str], literal: bool = True) -> Columns:
    """The stored columns of an entry with these names, as the catalog makes them
    (``literal=False``: stored before the literal column existed)."""
    forms = [name_forms(name) for name in group]
    return index_text_of_forms(forms), literal_text(forms) if literal else ""


entry_columns = st.builds(
    columns_of, name_lists, st.sampled_from([True, True, True, True, True, True, False])
)


@st.composite
def catalogs(draw: st.DrawFn) -> list[tuple[list[str], Columns]]:
    """(names, columns) of 0 to 12 entries; entries may repeat."""
    groups = draw(st.lists(name_lists, min_size=0, max_size=12))
    # One entry in eight stored before the literal column existed.
    catalog = [(group, columns_of(group, draw(st.integers(0, 7)) > 0)) for group in groups]
    if catalog and draw(st.booleans()):
        catalog += draw(st.lists(st.sampled_from(catalog), max_size=3))
    return catalog


def _mistyped(word: str, where: int, how: int) -> str:
    """``word`` with one typo at ``where``: a deletion, a swap, a doubled or a wrong letter."""
    if not word:
        return "qx"
    where %= len(word)
    if how == 0 and len(word) > 1:
        return word[:where] + word[where + 1 :]
    if how == 1 and where + 1 < len(word):
        return word[:where] + word[where + 1] + word[where] + word[where + 2 :]
    if how == 2:
        return word[: where + 1] + word[where:]
    return word[:where] + "q" + word[where + 1 :]


def with_typos(query: Query, texts: Sequence[str]) -> Query:
    """The query widened with the catalog's words as the search's typo pass does
    (test_first_page's ``_with_typos``)."""
    vocabulary = sorted({w for t in texts for w in t.split() if w.isascii() and w.isalnum()})
    typed = [w for w in vocabulary if allowed_typos(w) > 0]
    return expand_with_typos(query, {term.skeleton: typed for term in query.terms})


@st.composite
def queries_for(draw: st.DrawFn, groups: Sequence[Sequence[str]], texts: Sequence[str]) -> Query:
    """A query drawn from the catalog's names (whole, a word, a beginning, a short substring,
    a Chinese piece, the pinyin, two words), random text, or one of these mistyped and
    widened with the catalog's words."""
    all_names = [name for group in groups for name in group] or ["night"]
    name = draw(st.sampled_from(all_names))
    folded = fold(name)
    folded_words = folded.split() or ["night"]
    word = draw(st.sampled_from(folded_words))
    start = draw(st.integers(0, max(0, len(word) - 1)))
    romanised = romanise(folded)
    han = [i for i, char in enumerate(folded) if has_han(char)]
    choices = [
        name,
        name.upper(),
        word,
        folded[: draw(st.integers(1, max(1, len(folded))))],
        word[start : start + draw(st.integers(1, 3))],
        romanised,
        romanised.replace(" ", ""),
        " ".join(draw(st.permutations(folded_words))[:2]),
        draw(st.text(alphabet=LETTERS + " ", max_size=8)),
        "zzqqxx",
        "",
    ]
    if han:
        at = draw(st.sampled_from(han))
        piece = folded[at : at + draw(st.integers(1, 2))]
        choices += [piece, piece, " ".join(romanise(piece).split())]
    text = draw(st.sampled_from(choices))
    kind = draw(st.sampled_from(["exact", "exact", "widened", "mistyped"]))
    if kind == "exact":
        return parse_query(text)
    if kind == "mistyped":
        tokens = text.split() or ["night"]
        index = draw(st.integers(0, len(tokens) - 1))
        where, how = draw(st.integers(0, 20)), draw(st.integers(0, 3))
        tokens[index] = _mistyped(tokens[index], where, how)
        text = " ".join(tokens)
    return with_typos(parse_query(text), texts)


constants = st.fixed_dictionaries(
    {key: st.sampled_from([0, 1, default, HUGE]) for key, default in DEFAULTS.items()}
)


def _set(monkeypatch: pytest.MonkeyPatch, name: str, value: int) -> None:
    """One threshold: ``_FEW`` is the gram table's ``FEW``, the rest are memory's."""
    if name == "_FEW":
        monkeypatch.setattr(grams, "FEW", value)
    else:
        monkeypatch.setattr(memory, name, value)


@contextmanager
def patched(values: Mapping[str, int]) -> Iterator[None]:
    """The module's size thresholds set to ``values`` for the duration."""
    few = {"FEW": values["_FEW"]} if "_FEW" in values else {}
    others = {key: value for key, value in values.items() if key != "_FEW"}
    with mock.patch.multiple(memory, **others), mock.patch.multiple(grams, **few):
        yield


def _expected_matching(query: Query, entries: Entries, size: int) -> list[bool]:
    return [
        (columns := entries.get(p)) is not None and query_matches(query, columns[0])
        for p in range(size)
    ]


@lru_cache(maxsize=4096)
def _reference_bound(query: Query, columns: Columns) -> tuple[int, int]:
    text, literal = columns
    return lower_bound(_query_bounds(query), {"text": text, "literal": literal})


@lru_cache(maxsize=256)
def _query_bounds(query: Query) -> Bounds:
    return query_bounds(query)


def assert_agrees(index: TextIndex, entries: Entries, query: Query, among: Sequence[bool]) -> None:
    """``matching``, ``search`` and ``bounds`` (for every present entry and for ``among``)
    are the references at every position."""
    size = index.size
    expected = _expected_matching(query, entries, size)
    matching = index.matching(query)
    assert matching.dtype == bool and matching.shape == (size,)
    assert matching.tolist() == expected

    mask, tiers, typos = index.search(query)
    assert mask.tolist() == expected
    assert tiers.shape == typos.shape == (size,)
    for position in np.flatnonzero(mask).tolist():
        columns = entries[position]
        assert columns is not None
        got = (int(tiers[position]), int(typos[position]))
        assert got == _reference_bound(query, columns), (position, columns)

    present = np.array([entries.get(p) is not None for p in range(size)], dtype=bool)
    chosen = present & np.array(list(among)[:size] + [False] * (size - len(among)), dtype=bool)
    # Matches among some positions only: the same, restricted to them.
    mask, tiers, typos = index.search(query, chosen.copy())
    assert mask.tolist() == (np.array(expected, dtype=bool) & chosen).tolist()
    for position in np.flatnonzero(mask).tolist():
        columns = entries[position]
        assert columns is not None
        got = (int(tiers[position]), int(typos[position]))
        assert got == _reference_bound(query, columns), (position, columns)
    for mask_ in (present, chosen, mask):
        tiers, typos = index.bounds(query, mask_.copy())
        for position in range(size):
            got = (int(tiers[position]), int(typos[position]))
            if mask_[position]:
                columns = entries[position]
                assert columns is not None
                assert got == _reference_bound(query, columns), (position, columns)
            else:
                assert got == (0, 0), position


# --- 1. the references, on random catalogs and queries ------------------------------------


@st.composite
def searches(draw: st.DrawFn) -> tuple[list[tuple[list[str], Columns]], Query]:
    catalog = draw(catalogs())
    query = draw(queries_for([g for g, _ in catalog], [c[0] for _, c in catalog]))
    return catalog, query


@settings(max_examples=200, deadline=None)
@given(searches(), constants, st.lists(st.booleans(), max_size=16))
def test_matching_and_bounds_are_the_references(
    search: tuple[list[tuple[list[str], Columns]], Query],
    values: dict[str, int],
    among: list[bool],
) -> None:
    catalog, query = search
    columns = [c for _, c in catalog]
    with patched(values):
        index = TextIndex.build(columns)
        assert index.size == len(columns) and index.changes == 0
        assert_agrees(index, dict(enumerate(columns)), query, among)


# --- 2. after changes ----------------------------------------------------------------------


@st.composite
def changes_of(draw: st.DrawFn, size: int) -> dict[int, Columns | None]:
    """Replacements and removals of some of ``size`` positions and additions after them
    (possibly leaving a gap of positions never set)."""
    positions = st.integers(0, size + 3)
    return draw(st.dictionaries(positions, st.one_of(st.none(), entry_columns), max_size=6))


@settings(max_examples=100, deadline=None)
@given(catalogs(), st.data(), constants)
def test_a_changed_index_answers_for_its_new_columns_and_the_old_one_is_unchanged(
    catalog: list[tuple[list[str], Columns]], data: st.DataObject, values: dict[str, int]
) -> None:
    columns = [c for _, c in catalog]
    before: dict[int, Columns | None] = dict(enumerate(columns))
    first = data.draw(changes_of(len(columns)), label="first changes")
    second = data.draw(changes_of(len(columns) + 2), label="second changes")
    after = {**before, **first}
    later = {**after, **second}
    groups = [g for g, _ in catalog] + [["night"], ["爱情"]]
    texts = [c[0] for c in (*columns, *(v for v in (*first.values(), *second.values()) if v))]
    query = data.draw(queries_for(groups, texts), label="query")
    among = data.draw(st.lists(st.booleans(), max_size=20), label="among")
    with patched(values):
        index = TextIndex.build(columns)
        changed = index.changed(first)
        again = changed.changed(second)
        assert changed.size == max([len(columns), *(p + 1 for p in first)])
        assert again.size == max([changed.size, *(p + 1 for p in second)])
        for version, entries in ((index, before), (changed, after), (again, later)):
            for position in range(version.size):
                assert version.columns(position) == entries.get(position)
            assert_agrees(version, entries, query, among)
        # The originals answer as before, whichever was asked first.
        assert_agrees(changed, after, query, among)
        assert_agrees(index, before, query, among)
        assert index.size == len(columns) and index.changes == 0


# --- 3. examples ---------------------------------------------------------------------------


def _index(groups: Sequence[Sequence[str]]) -> tuple[TextIndex, dict[int, Columns | None]]:
    columns = [columns_of(group) for group in groups]
    return TextIndex.build(columns), dict(enumerate(columns))


LOOKUP = dict.fromkeys(DEFAULTS, 0)
CHECK = dict.fromkeys(DEFAULTS, HUGE)


@pytest.mark.parametrize("values", [DEFAULTS, LOOKUP, CHECK], ids=["default", "lookup", "check"])
class TestExamples:
    def test_a_two_character_chinese_word_is_found_inside_longer_titles(
        self, values: dict[str, int]
    ) -> None:
        groups = [["爱情公寓"], ["我的爱情故事"], ["爱"], ["情书"], ["爱", "情"], ["Love", "爱情"]]
        index, entries = _index(groups)
        query = parse_query("爱情")
        with patched(values):
            assert index.matching(query).tolist() == [True, True, False, False, False, True]
            assert_agrees(index, entries, query, [True] * len(groups))
            _, tiers, _ = index.search(query)
            assert tiers[5] == 0  # a name is the query
            assert tiers[0] < tiers[1]  # a name starts with it, or only holds it

    def test_a_one_letter_term(self, values: dict[str, int]) -> None:
        groups = [["A"], ["Ax"], ["I, Robot"], ["Malcolm X"], ["Ночь"], [], ["x"]]
        index, entries = _index(groups)
        with patched(values):
            for text in ["a", "x", "i", "н", "я"]:
                assert_agrees(index, entries, parse_query(text), [True] * len(groups))
            assert index.matching(parse_query("x")).tolist() == [
                False,
                True,
                False,
                True,
                False,
                False,
                True,
            ]

    def test_a_whole_word_ranks_before_a_substring(self, values: dict[str, int]) -> None:
        groups = [["Midnight"], ["Nightmare"], ["Night"], ["The Night of the Hunter"], ["Day"]]
        index, entries = _index(groups)
        query = parse_query("night")
        with patched(values):
            mask, tiers, typos = index.search(query)
            assert mask.tolist() == [True, True, True, True, False]
            assert tiers[2] == 0 and tiers[3] < tiers[0] and tiers[1] < tiers[0]
            assert typos.tolist() == [0] * 5
            assert_agrees(index, entries, query, [True] * 5)

    def test_a_query_matching_nothing_gives_an_all_false_mask(self, values: dict[str, int]) -> None:
        index, entries = _index([["Night"], ["爱情"], ["Ночь"], ["Đêm trắng"]])
        with patched(values):
            for text in ["zzqqxx", "爱情x", "ночьночь", "đêm trắngx"]:
                query = parse_query(text)
                mask, _, _ = index.search(query)
                assert not mask.any() and mask.shape == (4,)
                assert not index.matching(query).any()
                assert_agrees(index, entries, query, [True] * 4)

    def test_an_empty_index(self, values: dict[str, int]) -> None:
        index = TextIndex.build([])
        with patched(values):
            for text in ["night", "爱情", "a", ""]:
                query = parse_query(text)
                mask, tiers, typos = index.search(query)
                assert mask.shape == tiers.shape == typos.shape == (0,)
                assert index.matching(query).shape == (0,)
                tiers, typos = index.bounds(query, np.zeros(0, dtype=bool))
                assert tiers.shape == typos.shape == (0,)
            added = index.changed({0: columns_of(["Night"]), 2: columns_of(["爱情"])})
            assert added.size == 3 and index.size == 0
            entries = {0: columns_of(["Night"]), 2: columns_of(["爱情"])}
            for text in ["night", "爱情", "a", ""]:
                assert_agrees(added, entries, parse_query(text), [True] * 3)

    def test_an_entry_without_a_literal_column_is_bounded_by_tier_0(
        self, values: dict[str, int]
    ) -> None:
        columns = [columns_of(["Midnight"], literal=False), columns_of(["Midnight"])]
        index = TextIndex.build(columns)
        query = parse_query("night")
        with patched(values):
            mask, tiers, typos = index.search(query)
            assert mask.tolist() == [True, True]
            assert (tiers[0], typos[0]) == (0, 0)
            assert tiers[1] > 0
            assert_agrees(index, dict(enumerate(columns)), query, [True, True])
            changed = index.changed({1: columns_of(["Night"], literal=False)})
            _, tiers, _ = changed.search(query)
            assert tiers.tolist() == [0, 0]

    def test_only_the_entry_holding_every_word_matches_several_words(
        self, values: dict[str, int]
    ) -> None:
        groups = [["Star Wars"], ["Star Trek"], ["Wars of the Roses"], ["Stars", "Wars"]]
        index, entries = _index(groups)
        with patched(values):
            for text, expected in [
                ("star wars", [True, False, False, True]),
                ("wars star", [True, False, False, True]),
                ("star trek", [False, True, False, False]),
                ("trek wars", [False, False, False, False]),
            ]:
                query = parse_query(text)
                assert index.matching(query).tolist() == expected, text
                assert_agrees(index, entries, query, [True] * 4)


# --- 4. checking one by one and looking up agree -------------------------------------------


def _big_catalog() -> list[list[str]]:
    """Some hundreds of entries sharing words (more than ``_CHECK`` match a broad term)."""
    firsts = ["night", "midnight", "a", "of the", "star", "chang", "1984", "爱情", "长安"]
    seconds = CYRILLIC_WORDS + VIETNAMESE_WORDS + ["war", "x", "花样年华"]
    groups = [
        [f"{first} {second}", f"{HAN_WORDS[k % len(HAN_WORDS)]}{k % 7}"]
        for k, (first, second) in enumerate((a, b) for a in firsts for b in seconds)
    ]
    return groups + [["Midnight"], ["Nightmare"], ["Night"], ["爱情公寓"], ["我的爱情故事"], []]


BIG_QUERIES = [
    "night", "nigth", "ni", "n", "ght", "a", "爱情", "爱", "情", "长安", "chang an", "changan",
    "zhang", "ночь", "н", "đêm", "dem", "star wars", "the night", "1984", "2", "zzqqxx", "",
    "爱情 ночь", "an", "midnight", "ightm",
]  # fmt: skip


@pytest.mark.parametrize("text", BIG_QUERIES)
def test_checking_one_by_one_and_looking_up_agree(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    groups = _big_catalog()
    columns = [columns_of(group, literal=k % 11 != 3) for k, group in enumerate(groups)]
    entries: dict[int, Columns | None] = dict(enumerate(columns))
    query = with_typos(parse_query(text), [c[0] for c in columns])
    base = TextIndex.build(columns)
    changes = {3: columns_of(["Night"]), 5: None, len(columns) + 1: columns_of(["爱情"])}
    changed = base.changed(changes)
    changed_entries = {**entries, **changes}
    answers = []
    for values in (LOOKUP, CHECK, DEFAULTS):
        for name, value in values.items():
            _set(monkeypatch, name, value)
        answers.append(
            [
                [array.tolist() for array in index.search(query)]
                for index in (base, changed, TextIndex.build(columns))
            ]
        )
        assert_agrees(base, entries, query, [])
        assert_agrees(changed, changed_entries, query, [])
    assert answers[0] == answers[1] == answers[2]


def test_a_short_piece_held_by_thousands_of_words_is_looked_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A one-character term found in more words than the look-up reads one by one."""
    columns = [columns_of([f"a{k} b{k % 3}"]) for k in range(4200)] + [columns_of(["爱情"])]
    entries: dict[int, Columns | None] = dict(enumerate(columns))
    index = TextIndex.build(columns)
    for name, value in LOOKUP.items():
        _set(monkeypatch, name, value)
    for text in ["a", "a1", "b2 a", "a10"]:
        query = parse_query(text)
        expected = [query_matches(query, entry_text) for entry_text, _ in columns]
        mask, tiers, typos = index.search(query)
        assert mask.tolist() == expected
        for position in np.flatnonzero(mask).tolist()[::7]:
            got = (int(tiers[position]), int(typos[position]))
            assert got == _reference_bound(query, columns[position]), position
    assert_agrees(
        index.changed({5: None, 4300: columns_of(["a"])}),
        {**entries, 5: None, 4300: columns_of(["a"])},
        parse_query("a"),
        [],
    )


# --- the conditions the bounds are made of ---------------------------------------------------


@st.composite
def needles(draw: st.DrawFn, columns: Sequence[Columns]) -> tuple[Column, str]:
    """A column and a needle of a shape ``query_bounds`` makes, from a piece of some entry's
    column: ``"| form |"``, ``"| form"`` (a form may hold spaces), ``" word "``, ``" word"`` or
    ``"piece"`` (no spaces), and a few shapes no query makes (empty, bars elsewhere)."""
    column: Column = draw(st.sampled_from(["text", "literal"]))
    values = [c[0 if column == "text" else 1] for c in columns]
    value = " ".join(draw(st.sampled_from(values or [""])).replace("|", " ").split()) or "x"
    start = draw(st.integers(0, len(value) - 1))
    piece = value[start : start + draw(st.integers(1, 14))]
    form = " ".join(piece.split()) or "x"
    word = draw(st.sampled_from(form.split()))
    if draw(st.booleans()):
        word = draw(st.text(LETTERS, min_size=1, max_size=3))
    shapes = [f" {word} ", f" {word}", word]
    if column == "literal":
        shapes += [f"| {form} |", f"| {form}", f"| {word} |", f"| {word}"]
    # Shapes no query makes, which must still be right: empty, blank, bars elsewhere.
    shapes += ["", " ", " |", "| ", f"{word} | ", f"| {form} | |"]
    return column, draw(st.sampled_from(shapes))


@settings(max_examples=100, deadline=None)
@given(catalogs(), st.data(), constants)
def test_each_condition_holds_where_the_reference_says(
    catalog: list[tuple[list[str], Columns]], data: st.DataObject, values: dict[str, int]
) -> None:
    """What the bounds' conditions are made of, ``Contains(column, needle)``, on every entry
    (private: ``_holds`` is what ``bounds`` evaluates each band with)."""
    columns = [c for _, c in catalog]
    conditions = data.draw(st.lists(needles(columns), min_size=1, max_size=4))
    contains = [Contains(column, needle) for column, needle in conditions]
    with patched(values):
        index = TextIndex.build(columns)
        for condition in [*contains, AnyOf(tuple(contains)), AllOf(tuple(contains))]:
            got = index._holds(condition, {})[: len(columns)].tolist()
            expected = [holds(condition, {"text": t, "literal": lit}) for t, lit in columns]
            assert got == expected, condition
