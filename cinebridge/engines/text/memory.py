"""The stored search columns of a whole catalog held in memory: matches and rank bounds of
every entry at once, as numpy masks.

The database answers a broad query (``night``: 9,000 matches) by visiting every match, and a
two-character Chinese word (爱情) by scanning every entry, because a trigram index cannot look
up shorter strings. This index answers from the *words* of the stored columns instead:

- every distinct word of the ``text`` and ``literal`` columns (``index_text``,
  ``bounds.literal_text``) is kept once, with the sorted positions of the entries that hold it
  (postings, one array per column);
- a word-level n-gram table (1, 2 and 3 characters) finds the words containing a string, so
  "this term is a substring of the text" becomes "the entry holds one of these words" (a term
  and its alternatives have no spaces, so an occurrence lies inside one word);
- ``literal``'s segments (each name's folded form and readings, ``| x |``) are kept whole and
  sorted, for the bound conditions "a name is the query" and "a name starts with it".

``matching(query)`` is ``query_matches`` and ``bounds(query)`` is ``bounds.lower_bound`` for
every entry, as arrays; the property tests compare them with those references entry by entry.
Changed entries go in an overlay (``changed``) that the same calls evaluate with the
references, so a write costs no rebuild; the owner rebuilds when the overlay grows.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Mapping, Sequence
from itertools import repeat
from typing import Any

import numpy as np

from cinebridge.engines.text.bounds import (
    AllOf,
    AnyOf,
    Condition,
    Contains,
    lower_bound,
    query_bounds,
)
from cinebridge.engines.text.grams import Grams, gather, postings
from cinebridge.engines.text.query import Query, query_matches
from cinebridge.engines.text.ranking import TIER_TYPO

Columns = tuple[str, str]  # (text, literal) of one entry
_Memo = dict[Any, np.ndarray]  # one query's lookups: words containing a string, conditions
_LAST = "\U0010ffff"
_GRAM = 3  # characters of a gram
_CHECK = 64  # entries few enough to check one by one rather than look a term up
_CHECK_SHORT = 1000  # the same for a term shorter than a gram (its look-up costs more)
_READ = 1024  # entries few enough to read a costly bound test on, one by one


class TextIndex:
    """The ``(text, literal)`` columns of entries at positions 0..size-1, searchable at once.

    Build it with ``build``; ``changed`` returns an index with some entries replaced, added
    (positions from ``size`` on) or removed, sharing this one's arrays.
    """

    def __init__(self, columns: Sequence[Columns]) -> None:
        # Each position's distinct words (and literal segments), flat, with their positions.
        flat: dict[str, tuple[list[str], array[int]]] = {
            name: ([], array("q")) for name in ("text", "literal", "segments")
        }
        for position, (text, literal) in enumerate(columns):
            for name, strings in (
                ("text", set(text.split())),
                ("literal", set(literal.split()) - {"|"}),
                ("segments", set(_segments(literal))),
            ):
                flat[name][0].extend(strings)
                flat[name][1].extend(repeat(position, len(strings)))
        # Words and segments numbered in sorted order: a prefix is a range of ids.
        self._words = sorted({*flat["text"][0], *flat["literal"][0]})
        self._ids = dict(zip(self._words, range(len(self._words)), strict=True))
        self._segments = sorted(set(flat["segments"][0]))
        self._segment_ids = dict(zip(self._segments, range(len(self._segments)), strict=True))
        self._size = len(columns)
        self._columns = list(columns)
        self._postings = {name: postings(*flat[name], self._ids) for name in ("text", "literal")}
        self._segment_postings = postings(*flat["segments"], self._segment_ids)
        self._empty_literal = np.fromiter(
            (not literal for _, literal in columns), dtype=bool, count=len(columns)
        )
        self._grams = Grams.build(self._words)
        self._overlay: dict[int, Columns] = {}  # replaced or added positions
        self._removed: frozenset[int] = frozenset()
        self._extent = self._size  # positions in use: base and added

    @classmethod
    def build(cls, columns: Iterable[Columns]) -> TextIndex:
        """The index of entries whose columns are ``columns``, by position."""
        return cls(list(columns))

    @property
    def size(self) -> int:
        """Positions in use (the built entries and those added since)."""
        return self._extent

    @property
    def changes(self) -> int:
        """How many positions the overlay replaces, adds or removes."""
        return len(self._overlay) + len(self._removed - self._overlay.keys())

    def changed(self, changes: Mapping[int, Columns | None]) -> TextIndex:
        """This index with each position of ``changes`` replaced by new columns (a position
        from ``size`` on adds an entry) or removed (``None``)."""
        other = object.__new__(TextIndex)
        other.__dict__.update(self.__dict__)
        overlay = dict(self._overlay)
        removed = set(self._removed)
        for position, columns in changes.items():
            if columns is None:
                overlay.pop(position, None)
                removed.add(position)
            else:
                overlay[position] = columns
                removed.discard(position)
        other._overlay = overlay
        other._removed = frozenset(removed)
        other._extent = max([self._extent, *(p + 1 for p in changes)])
        return other

    def columns(self, position: int) -> Columns | None:
        """The (text, literal) at ``position`` (None if removed or never set)."""
        if position in self._removed:
            return None
        if position in self._overlay:
            return self._overlay[position]
        return self._columns[position] if position < self._size else None

    # --- words -------------------------------------------------------------------------------

    def _words_containing(self, piece: str, memo: _Memo) -> np.ndarray:
        return self._words_containing_all([piece], memo)[0]

    def _words_containing_all(self, pieces: Sequence[str], memo: _Memo) -> list[np.ndarray]:
        missing = [piece for piece in dict.fromkeys(pieces) if ("words", piece) not in memo]
        for piece, words in zip(missing, self._grams.words_of(missing), strict=True):
            memo["words", piece] = words
        return [memo["words", piece] for piece in pieces]

    def _words_starting(self, piece: str) -> np.ndarray:
        low = bisect.bisect_left(self._words, piece)
        high = bisect.bisect_left(self._words, piece + _LAST, lo=low)
        return np.arange(low, high)

    def _words_equal(self, piece: str) -> np.ndarray:
        found = self._ids.get(piece)
        return np.array([found] if found is not None else [], dtype=np.int64)

    def _mask(self, column: str, words: np.ndarray) -> np.ndarray:
        mask = np.zeros(self._extent, dtype=bool)
        starts, members = self._postings[column]
        mask[gather(starts, members, words)] = True
        return mask

    def _segment_mask(self, body: str, whole: bool) -> np.ndarray:
        mask = np.zeros(self._extent, dtype=bool)
        if whole:
            found = self._segment_ids.get(body)
            segments = np.array([found] if found is not None else [], dtype=np.int64)
        else:
            low = bisect.bisect_left(self._segments, body)
            high = bisect.bisect_left(self._segments, body + _LAST, lo=low)
            segments = np.arange(low, high)
        starts, members = self._segment_postings
        mask[gather(starts, members, segments)] = True
        return mask

    def _contains(self, column: str, needle: str, memo: _Memo) -> np.ndarray:
        """Base entries where ``needle`` occurs in the column padded with a space each side
        (overlay positions are wrong here: the caller replaces them)."""
        if column == "literal" and needle.startswith("| ") and "|" not in needle[2:-1]:
            if needle.endswith(" |") and len(needle) >= 4:  # a whole segment
                return self._segment_mask(needle[2:-2], whole=True)
            if not needle.endswith("|"):  # a segment's beginning
                return self._segment_mask(needle[2:], whole=False)
        pieces = needle.split(" ")
        plain = "|" not in needle  # "|" separates names: not a word the postings hold
        if _word(needle):
            return self._mask(column, self._words_containing(needle, memo))
        if len(pieces) == 3 and pieces[0] == pieces[2] == "" and pieces[1] and plain:
            return self._mask(column, self._words_equal(pieces[1]))
        if len(pieces) == 2 and pieces[0] == "" and pieces[1] and plain:
            return self._mask(column, self._words_starting(pieces[1]))
        # Anything else (several words; no query makes these): the entries holding every
        # word piece, each then checked whole.
        mask = self._base()
        for piece in pieces:
            if piece and "|" not in piece:
                mask &= self._mask(column, self._words_containing(piece, memo))
        index = 0 if column == "text" else 1
        for position in np.flatnonzero(mask[: self._size]).tolist():
            value = self._columns[position][index]
            mask[position] = needle in f" {value} "
        return mask

    def _containing_any(self, column: str, needles: Sequence[str], memo: _Memo) -> np.ndarray:
        """Base entries whose column holds one of ``needles`` (strings without spaces)."""
        needles = _innermost(needles)
        if len(needles) == 1:
            return self._holds(Contains(column, needles[0]), memo)  # type: ignore[arg-type]
        chosen = np.zeros(len(self._words), dtype=bool)
        for words in self._words_containing_all(needles, memo):
            chosen[words] = True
        return self._mask(column, np.flatnonzero(chosen))

    def _holds(
        self, condition: Condition, memo: _Memo, among: np.ndarray | None = None
    ) -> np.ndarray:
        """Mask of the base entries where ``condition`` holds; given ``among`` (the positions
        that matter, sorted), a costly test (``_costly``) is read on those entries only when
        they are few, and the mask is then right at those positions only."""
        if isinstance(condition, Contains):
            if among is not None and len(among) <= _READ and _costly(condition.needle):
                return self._read(condition, among)
            if condition not in memo:
                memo[condition] = self._contains(condition.column, condition.needle, memo)
            return memo[condition]
        if isinstance(condition, AnyOf):
            # Substrings of one column: the union of the words holding any, one mask.
            plain = [
                p
                for p in condition.parts
                if isinstance(p, Contains) and _word(p.needle) and not _costly(p.needle)
            ]
            parts = [self._holds(p, memo, among) for p in condition.parts if p not in plain]
            for column in {part.column for part in plain}:
                needles = [part.needle for part in plain if part.column == column]
                parts.append(self._containing_any(column, needles, memo))
            return np.logical_or.reduce(parts) if parts else np.zeros(self._extent, dtype=bool)
        parts = [self._holds(part, memo, among) for part in condition.parts]
        assert isinstance(condition, AllOf)
        return np.logical_and.reduce(parts) if parts else np.ones(self._extent, dtype=bool)

    def _read(self, condition: Contains, among: np.ndarray) -> np.ndarray:
        """``condition`` read on the stored column of each position of ``among``."""
        mask = np.zeros(self._extent, dtype=bool)
        index = 0 if condition.column == "text" else 1
        columns, needle = self._columns, condition.needle
        padded = needle.startswith(" ") or needle.endswith(" ")
        for position in among.tolist():
            if position < self._size:
                value = columns[position][index]
                mask[position] = needle in (f" {value} " if padded else value)
        return mask

    # --- queries -----------------------------------------------------------------------------

    def _base(self) -> np.ndarray:
        """Positions answered from the arrays (built, neither replaced nor removed)."""
        base = np.zeros(self._extent, dtype=bool)
        base[: self._size] = True
        changed = [p for p in (*self._overlay, *self._removed) if p < self._size]
        base[changed] = False
        return base

    def matching(self, query: Query) -> np.ndarray:
        """For every position, ``query_matches(query, text)`` (False for removed ones)."""
        return self._matching(query, None, {})

    def bounds(self, query: Query, among: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(tier, typos) of ``bounds.lower_bound`` for the positions of the mask ``among``
        (zeros elsewhere)."""
        return self._bounds(query, among, {})

    def search(
        self, query: Query, among: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(matching, tiers, typos): ``matching(query)`` (only positions of the mask ``among``,
        if given) and the ``bounds`` of those matches, computed together (they look up the
        same words)."""
        memo: _Memo = {}
        mask = self._matching(query, among, memo)
        return (mask, *self._bounds(query, mask, memo))

    def _matching(self, query: Query, among: np.ndarray | None, memo: _Memo) -> np.ndarray:
        mask = self._base()
        if among is not None:
            mask &= among
        # Long terms first: they are looked up; a short one (a lookup of every word holding
        # "an") is checked on the entries left, when they are few.
        for term in sorted(query.terms, key=lambda t: -min(map(len, t.alternatives))):
            left = np.count_nonzero(mask)
            short = min(map(len, term.alternatives)) < _GRAM
            if left <= _CHECK or (short and left <= _CHECK_SHORT):
                columns = self._columns
                for position in np.flatnonzero(mask).tolist():
                    text = columns[position][0]
                    mask[position] = any(a in text for a in term.alternatives)
                continue
            mask &= self._containing_any("text", term.alternatives, memo)
        for position, (text, _) in self._overlay.items():
            mask[position] = (among is None or among[position]) and query_matches(query, text)
        return mask

    def _bounds(
        self, query: Query, among: np.ndarray, memo: _Memo
    ) -> tuple[np.ndarray, np.ndarray]:
        bounds = query_bounds(query)
        tiers = np.zeros(self._extent, dtype=np.int64)
        typos = np.zeros(self._extent, dtype=np.int64)
        undecided = among & self._base()
        if np.count_nonzero(undecided) <= _CHECK:  # a few: the reference, one by one
            for position in np.flatnonzero(undecided).tolist():
                text, literal = self._columns[position]
                bound = lower_bound(bounds, {"text": text, "literal": literal})
                tiers[position], typos[position] = bound
            undecided[:] = False
        undecided[: self._size] &= ~self._empty_literal  # no literal column: tier 0
        for tier, condition in bounds.bands:
            if not undecided.any():
                break
            hold = self._holds(condition, memo, np.flatnonzero(undecided)) & undecided
            tiers[hold] = tier
            undecided &= ~hold
        tiers[undecided] = TIER_TYPO
        for groups in bounds.typos:
            left = undecided.copy()
            for edits, test in groups:
                if not left.any():
                    break
                hold = left if test is None else self._holds(test, memo, np.flatnonzero(left))
                hold &= left
                typos[hold] += edits
                left &= ~hold
        for position, (text, literal) in self._overlay.items():
            if among[position]:
                tier, typo = lower_bound(bounds, {"text": text, "literal": literal})
                tiers[position], typos[position] = tier, typo
        return tiers, typos


def _innermost(needles: Sequence[str]) -> list[str]:
    """``needles`` without those that contain another one: a word holding the longer holds
    the shorter, so the words holding any are the same (typo alternatives such as
    ``homecoming`` and ``homecomingday``: one look-up instead of two)."""
    kept: list[str] = []
    for needle in sorted(dict.fromkeys(needles), key=len):
        if not any(shorter in needle for shorter in kept):
            kept.append(needle)
    return kept


def _costly(needle: str) -> bool:
    """True for a needle whose look-up may visit a large part of the index: a substring, or
    the beginning of a word or name, of fewer than 3 characters (every word holding "an")."""
    core = needle.strip(" |")
    if len(core) >= 3 or not core:
        return False
    whole = (needle.startswith(" ") and needle.endswith(" ")) or (
        needle.startswith("| ") and needle.endswith(" |")
    )
    return not whole


def _word(needle: str) -> bool:
    """True for a needle that can only occur inside one word (looked up by its grams)."""
    return bool(needle) and " " not in needle and "|" not in needle


def _segments(literal: str) -> list[str]:
    """The segments of a ``literal_text``: ``"| a b | | c |"`` -> ``["a b", "c"]``."""
    return literal[2:-2].split(" | | ") if literal else []
