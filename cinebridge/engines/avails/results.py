"""What ``AvailsIndex.query`` returns: statuses per (title, holder), why-not in bulk on demand."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from cinebridge.engines.avails.languages import leaves_named
from cinebridge.engines.avails.records import (
    OPEN_END,
    AvailsQuery,
    Block,
    LanguageVersion,
    Reason,
    Status,
    TitleAvails,
)

if TYPE_CHECKING:
    from cinebridge.engines.avails.index import AvailsIndex

Ints = npt.NDArray[np.int64]
STATUSES = (Status.UNAVAILABLE, Status.PARTIAL, Status.AVAILABLE)
WHY_REASONS = (
    Reason.NOT_HELD,
    Reason.HELD_NON_EXCLUSIVE,
    Reason.EXCLUSIVE_LICENCE,
    Reason.NON_EXCLUSIVE_LICENCE,
    Reason.HOLDBACK,
    Reason.NO_LANGUAGE_VERSION,
)
"""Why-not reasons by code (the kernel's WHY_* numbers, then the language check)."""


@dataclass(frozen=True)
class Entries:
    """Why-not entries as parallel columns: title, holder, reason (index into WHY_REASONS),
    record (0 if none), deal (0 if none), until (day number, OPEN_END when open, 0 if none),
    provisional, and the record's language mask id (-1: none named)."""

    title: Ints
    holder: Ints
    reason: Ints
    record: Ints
    deal: Ints
    until: Ints
    provisional: npt.NDArray[np.bool_]
    languages: Ints


class WhyNot:
    """Every reason for every title a query did not find available, as columns.

    One entry per (title, holder, reason, record), sorted by title, holder, reason and
    record; ``blocks`` gives one title's entries as the Block values the readable path
    (``explain``) names.
    """

    def __init__(
        self,
        entries: Entries,
        deal_refs: Mapping[int, str],
        language_sets: Mapping[int, frozenset[LanguageVersion]],
        detail: Callable[[int], str],
    ) -> None:
        e = entries
        order = np.lexsort((e.record, e.reason, e.holder, e.title))
        self.title = e.title[order]
        self.holder = e.holder[order]
        self.reason = e.reason[order]
        self.record = e.record[order]
        self.deal = e.deal[order]
        self.until = e.until[order]
        self.provisional = e.provisional[order]
        self.languages = e.languages[order]
        self._refs = deal_refs
        self._language_sets = language_sets
        self._detail = detail

    def __len__(self) -> int:
        return len(self.title)

    def blocks(self, title_id: int, holder_id: int | None = None) -> tuple[Block, ...]:
        """One title's reasons (of one holder, in the whole-market answer), sorted by
        (reason, record)."""
        lo, hi = np.searchsorted(self.title, [title_id, title_id + 1])
        out = []
        for i in range(int(lo), int(hi)):
            if holder_id is not None and int(self.holder[i]) != holder_id:
                continue
            out.append(self._block(i))
        return tuple(sorted(set(out), key=lambda b: (b.reason.value, b.record_id or 0)))

    def _block(self, i: int) -> Block:
        reason = WHY_REASONS[int(self.reason[i])]
        if reason is Reason.NOT_HELD:
            return Block(reason)
        if reason is Reason.NO_LANGUAGE_VERSION:
            return Block(reason, detail=self._detail(int(self.title[i])))
        until = until_date(int(self.until[i]))
        if reason is Reason.HELD_NON_EXCLUSIVE:
            return Block(reason, record_id=int(self.record[i]), until=until)
        deal = int(self.deal[i]) or None
        return Block(
            reason,
            record_id=int(self.record[i]),
            deal_id=deal,
            deal_ref=self._refs.get(deal, "") if deal else "",
            until=until,
            provisional=bool(self.provisional[i]),
            languages=leaves_named(self._language_sets.get(int(self.languages[i]), ())),
        )

    def counts(self) -> dict[Reason, int]:
        """How many entries give each reason."""
        found = np.bincount(self.reason, minlength=len(WHY_REASONS))
        return {reason: int(found[i]) for i, reason in enumerate(WHY_REASONS) if found[i]}


def until_date(day: int) -> date | None:
    """A why-not entry's end as a date (None when open or absent)."""
    return None if day <= 0 or day >= OPEN_END else date.fromordinal(day)


class AvailsResult:
    """Statuses for every (title, holder) of a query; the exact cells of a title on demand.

    In the answer for one holder, holder_ids is that holder throughout; in the whole-market
    answer (``AvailsQuery.holder_id`` None), one entry per title and holder with rights in it.
    """

    def __init__(
        self,
        index: AvailsIndex,
        query: AvailsQuery,
        title_ids: Ints,
        status: npt.NDArray[np.int8],
        holder_ids: Ints | None = None,
        why: Callable[[AvailsResult], WhyNot] | None = None,
    ):
        self.index = index
        self.query = query
        self.title_ids = title_ids
        self.status_codes = status
        if holder_ids is None:
            holder_ids = np.full(len(title_ids), query.holder_id or 0, dtype=np.int64)
        self.holder_ids = holder_ids
        self._why = why
        self._why_not: WhyNot | None = None

    def __len__(self) -> int:
        return len(self.title_ids)

    def items(self) -> Iterator[tuple[int, Status]]:
        """(title id, status) for every entry, in title id order."""
        for title_id, code in zip(self.title_ids.tolist(), self.status_codes.tolist(), strict=True):
            yield title_id, STATUSES[code]

    def pairs(self) -> Iterator[tuple[int, int, Status]]:
        """(title id, holder id, status) for every entry, by title id then holder."""
        for t, h, code in zip(
            self.title_ids.tolist(),
            self.holder_ids.tolist(),
            self.status_codes.tolist(),
            strict=True,
        ):
            yield t, h, STATUSES[code]

    def counts(self) -> dict[Status, int]:
        """How many entries have each status."""
        found = np.bincount(self.status_codes, minlength=3)
        return {status: int(found[i]) for i, status in enumerate(STATUSES)}

    def titles(self, status: Status | None = None) -> list[int]:
        """Title ids, optionally only those with one status."""
        if status is None:
            return [int(t) for t in self.title_ids]
        return [int(t) for t in self.title_ids[self.status_codes == STATUSES.index(status)]]

    def status(self, title_id: int) -> Status:
        """One title's status (UNAVAILABLE for titles outside the query)."""
        found = np.flatnonzero(self.title_ids == title_id)
        return STATUSES[int(self.status_codes[found[0]])] if len(found) else Status.UNAVAILABLE

    def explain(self, title_id: int, holder_id: int | None = None) -> TitleAvails:
        """The exact cells and reasons for one title (of one holder in a whole-market answer)."""
        return self.index.title_avails(title_id, self.query, holder_id=holder_id)

    def why_not(self) -> WhyNot:
        """Every reason for every entry that is not AVAILABLE, computed in bulk (once)."""
        if self._why_not is None:
            assert self._why is not None
            self._why_not = self._why(self)
        return self._why_not
