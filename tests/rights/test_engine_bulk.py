"""The bulk build's numbering of scope sets: records share a number exactly when their sets
of scope rows are equal (the database comparison is in test_engine_adapters)."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cinebridge.rights.engine_bulk import ScopeSets, _dense, _numbered

SCOPES = [
    ("t", "001", False),
    ("t", "VN", True),
    ("t", "035", False),
    ("m", "ALL", False),
    ("m", "AVOD", True),
    ("m", "SVOD", False),
]


def _sets_of(scopes, owners) -> dict[int, frozenset]:
    out: dict[int, set] = {}
    for scope, records in zip(scopes, owners, strict=True):
        for record in records.tolist():
            out.setdefault(record, set()).add(scope)
    return {record: frozenset(found) for record, found in out.items()}


def _check(scopes, owners) -> ScopeSets:
    numbered = _numbered(scopes, owners)
    expected = _sets_of(scopes, owners)
    assert numbered.records.tolist() == sorted(expected)
    by_number: dict[int, frozenset] = {}
    for record, number in zip(numbered.records.tolist(), numbered.set_of.tolist(), strict=True):
        assert frozenset(numbered.sets[number]) == expected[record]
        assert by_number.setdefault(number, expected[record]) == expected[record]
    assert len(set(by_number.values())) == len(by_number) == len(numbered.sets)
    return numbered


def test_prefixes_and_repeated_rows_are_told_apart_and_merged():
    a, b, c = (np.array(ids, np.int64) for ids in ([1, 2, 3, 3, 9], [2, 3, 4], [3, 9]))
    numbered = _check(SCOPES[:3], [a, b, c])
    # 1 {a}; 2 {a, b}; 3 {a, b, c}; 4 {b}; 9 {a, c}: five sets, none a prefix of another's number
    assert len(numbered.sets) == 5
    assert numbered.of(np.array([9, 5, 1], np.int64)).tolist() == [
        numbered.set_of[4],
        5,  # no scope rows: the extra, empty set
        numbered.set_of[0],
    ]


def test_no_scope_rows_at_all():
    numbered = _check(SCOPES, [np.zeros(0, np.int64) for _ in SCOPES])
    assert numbered.sets == [] and numbered.of(np.array([1, 2], np.int64)).tolist() == [0, 0]


@given(st.lists(st.lists(st.integers(1, 40), max_size=30), min_size=1, max_size=len(SCOPES)))
def test_equal_sets_share_a_number(owners):
    _check(SCOPES[: len(owners)], [np.array(o, np.int64) for o in owners])


def test_numbering_falls_back_to_sorting_over_a_wide_key_space():
    keys = np.array([10**12, 5, 10**12, 7], np.int64)
    assert [int(x) for x in _dense(keys, 10**12 + 1)[1]] == [2, 0, 2, 1]
    assert _dense(keys[1::2], 8)[0] == 2
