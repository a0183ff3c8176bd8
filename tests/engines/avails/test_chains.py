"""Rights chains in the conflict check: a licensee's sub-licences draw on its licence."""

from __future__ import annotations

from datetime import date

from cinebridge.engines.avails import Grant, Period, Reason, deal_conflicts, row_of
from tests.engines.avails.test_examples import FILM, FPT, STUDIO, SVOD, VN, VTV, rights

AGENT = 4  # a sales agent the studio gives exclusive representation
YEARS = Period(date(2030, 1, 1), date(2035, 1, 1))
LATER = Period(date(2031, 1, 1), date(2033, 1, 1))


def grant(record_id: int, deal_id: int, licensor: int, licensee: int, period: Period) -> Grant:
    return Grant(
        record_id,
        deal_id,
        f"D-{deal_id}",
        FILM,
        licensor,
        licensee,
        VN,
        SVOD,
        period,
        exclusive=True,
    )


REPRESENTATION = grant(1, 100, STUDIO, AGENT, YEARS)
SALE = grant(2, 200, AGENT, VTV, LATER)  # the agent's sale, inside the representation
STRAY = grant(3, 300, FPT, VTV, LATER)  # somebody else's licence over the same rights


def test_a_signed_representation_deal_is_not_blocked_by_the_agents_own_sales() -> None:
    rows = {FILM: [row_of(rights()), row_of(SALE)]}
    assert deal_conflicts([REPRESENTATION], rows, sublicences={SALE.deal_id}) == []


def test_without_the_chain_the_same_sale_blocks_the_representation_deal() -> None:
    rows = {FILM: [row_of(rights()), row_of(SALE)]}
    [conflict] = deal_conflicts([REPRESENTATION], rows)
    [blocked] = conflict.blocked
    assert blocked.cell.period == LATER
    assert [(b.reason, b.deal_ref) for b in blocked.blocks] == [(Reason.EXCLUSIVE_LICENCE, "D-200")]


def test_other_licensors_licences_still_block() -> None:
    rows = {FILM: [row_of(rights()), row_of(SALE), row_of(STRAY)]}
    [conflict] = deal_conflicts([REPRESENTATION], rows, sublicences={SALE.deal_id})
    [blocked] = conflict.blocked
    assert [b.deal_ref for b in blocked.blocks] == ["D-300"]
