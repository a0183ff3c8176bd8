"""Writes for rights and deals. Each runs in one transaction, is audited, and logs the change
the avails indexes of every process replay.

Signing is the rule that matters most: the conflict check runs inside the transaction that
signs, on rows read from the database after locking the deal's titles, so two people
signing overlapping exclusive deals at the same moment cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from contextlib import nullcontext
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from cinebridge.catalog.models import Title
from cinebridge.catalog.specs import Problem, SpecInvalid
from cinebridge.core.audit import audit_record
from cinebridge.engines.avails import GrantConflict
from cinebridge.organisations.models import Organisation
from cinebridge.rights import engine_adapters
from cinebridge.rights.checks import (
    deal_check,
    signed_grants_kept_covered,
    titles_lock,
)
from cinebridge.rights.errors import RightsError, message
from cinebridge.rights.models import (
    AvailsChangeKind,
    Axis,
    Deal,
    DealStatus,
    Grant,
    GrantScope,
    Holdback,
    HoldbackScope,
    ReleaseEvent,
    RightsIn,
    RightsInScope,
)
from cinebridge.rights.selectors import deals_ended
from cinebridge.rights.specs import (
    DealSpec,
    EventDates,
    PeriodSpec,
    RightsInSpec,
    ScopeSpec,
    resolve_period,
)

EDITABLE = (DealStatus.DRAFT, DealStatus.OFFERED)


class DealConflict(Exception):
    """Signing was refused: the deal's grants are blocked. Carries every conflict."""

    def __init__(self, conflicts: Sequence[GrantConflict]):
        super().__init__(message(RightsError.CONFLICT))
        self.conflicts = list(conflicts)


class DealStateError(Exception):
    """The deal's status does not allow this action."""

    def __init__(self, code: RightsError, **params: Any):
        super().__init__(message(code, **params))
        self.code = code


def _today() -> dt.date:
    return timezone.localdate()


def _events(title_ids: Iterable[int]) -> EventDates:
    return {
        (t, k, terr): d
        for t, k, terr, d in ReleaseEvent.objects.filter(title_id__in=list(title_ids)).values_list(
            "title_id", "kind", "territory", "date"
        )
    }


def _period_fields(period: PeriodSpec, title_id: int, events: EventDates) -> dict[str, Any]:
    resolved = resolve_period(period, title_id, events, _today())
    return {
        "start": resolved.start,
        "end": resolved.end,
        "provisional": resolved.provisional,
        "start_given": period.start,
        "end_given": period.end,
        "start_event": period.start_event,
        "start_event_territory": period.start_event_territory,
        "start_offset_days": period.start_offset_days,
        "end_event": period.end_event,
        "end_event_territory": period.end_event_territory,
        "end_offset_days": period.end_offset_days,
        "duration_days": period.duration_days,
    }


def _scope_rows(territories: ScopeSpec, media: ScopeSpec) -> list[tuple[str, str, bool]]:
    rows = [(Axis.TERRITORY, k, False) for k in territories.include]
    rows += [(Axis.TERRITORY, k, True) for k in territories.exclude]
    rows += [(Axis.MEDIUM, k, False) for k in media.include]
    rows += [(Axis.MEDIUM, k, True) for k in media.exclude]
    return rows  # type: ignore[return-value]


def _period_spec(obj: Any) -> PeriodSpec:
    return PeriodSpec(
        start=obj.start_given,
        start_event=obj.start_event,
        start_event_territory=obj.start_event_territory,
        start_offset_days=obj.start_offset_days,
        end=obj.end_given,
        end_event=obj.end_event,
        end_event_territory=obj.end_event_territory,
        end_offset_days=obj.end_offset_days,
        duration_days=obj.duration_days,
    )


# -- rights in ------------------------------------------------------------------------------


def rights_in_create(*, actor: Any, holder: Organisation, spec: RightsInSpec) -> RightsIn:
    """Record rights the holder owns or represents for one title."""
    with transaction.atomic():
        rights = RightsIn.objects.create(
            owner=holder,
            title_id=spec.title_id,
            exclusive=spec.exclusive,
            source_contract=spec.source_contract,
            licensor_name=spec.licensor_name,
            external_id=spec.external_id,
            notes=spec.notes,
            ema_terms=list(spec.ema_terms),
            ema_asset=dict(spec.ema_asset),
            **_period_fields(spec.period, spec.title_id, _events([spec.title_id])),
        )
        RightsInScope.objects.bulk_create(
            RightsInScope(rights=rights, axis=a, key=k, excluded=x)
            for a, k, x in _scope_rows(spec.territories, spec.media)
        )
        engine_adapters.changes_log(AvailsChangeKind.RIGHTS, [spec.title_id])
        audit_record(
            actor=actor, action="rights_in.create", obj=rights, changes=_spec_changes(spec)
        )
    return rights


def rights_in_update(*, actor: Any, rights: RightsIn, spec: RightsInSpec) -> RightsIn:
    """Replace a rights-in record's title, scope, period and contract with ``spec``'s.

    ``spec`` comes from the validator ``rights_in_create`` takes; the holder stays the same.
    """
    with transaction.atomic():
        locked = RightsIn.objects.select_for_update().get(pk=rights.pk)
        titles = {locked.title_id, spec.title_id}
        with signed_grants_kept_covered(locked.owner_id, titles):
            _rights_in_write(locked, spec)
        engine_adapters.changes_log(AvailsChangeKind.RIGHTS, titles)
        audit_record(
            actor=actor, action="rights_in.update", obj=locked, changes=_spec_changes(spec)
        )
    return locked


def _rights_in_write(locked: RightsIn, spec: RightsInSpec) -> None:
    """Write the spec's title, scope, period and contract onto a locked record."""
    locked.title_id = spec.title_id
    locked.exclusive = spec.exclusive
    locked.source_contract, locked.licensor_name = spec.source_contract, spec.licensor_name
    locked.external_id, locked.notes = spec.external_id, spec.notes
    for name, value in _period_fields(spec.period, spec.title_id, _events([spec.title_id])).items():
        setattr(locked, name, value)
    locked.save()
    locked.scopes.all().delete()
    RightsInScope.objects.bulk_create(
        RightsInScope(rights=locked, axis=a, key=k, excluded=x)
        for a, k, x in _scope_rows(spec.territories, spec.media)
    )


def rights_in_delete(*, actor: Any, rights: RightsIn, check: bool = True) -> None:
    """Remove a rights-in record; refused (RightsInStillNeeded) while signed grants need it.

    check=False is for a caller that checks its whole change at once (an import replacing
    records), inside the same transaction.
    """
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="rights_in.delete",
            obj=rights,
            changes={"title": rights.title_id, "source_contract": rights.source_contract},
        )
        engine_adapters.changes_log(AvailsChangeKind.RIGHTS, [rights.title_id])
        guard = (
            signed_grants_kept_covered(rights.owner_id, [rights.title_id])
            if check
            else nullcontext()
        )
        with guard:
            # Through a queryset, so the instance keeps its pk when the guard refuses.
            RightsIn.objects.filter(pk=rights.pk).delete()


def _spec_changes(spec: Any) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(spec)


# -- deals ----------------------------------------------------------------------------------


REFERENCE_ATTEMPTS = 50
"""Numbers a creator tries before giving up: each clash means another creator just took one."""


def _next_reference(licensor: Organisation, after: int = 0) -> str:
    """D-<year>-<n>: the number after the licensor's highest this year (and after ``after``)."""
    year = _today().year
    prefix = f"D-{year}-"
    taken = Deal.objects.filter(owner=licensor, reference__startswith=prefix).values_list(
        "reference", flat=True
    )
    numbers = [int(r[len(prefix) :]) for r in taken if r[len(prefix) :].isdecimal()]
    return f"{prefix}{max([after, *numbers]) + 1:04d}"


def _reference_taken(reference: str) -> SpecInvalid:
    code = RightsError.DUPLICATE_REFERENCE
    return SpecInvalid([Problem("reference", code, message(code, value=reference))])  # type: ignore[arg-type]


def _deal_insert(licensor: Organisation, spec: DealSpec) -> Deal:
    """The deal's row under the client's reference (taken: SpecInvalid naming it) or the next
    free number. Each insert runs in a savepoint: a number another creator took meanwhile
    (PostgreSQL waits for its transaction, then reports the clash) is retried with the next,
    inside the caller's transaction, so concurrent creators never collide."""
    fields = {
        "owner": licensor,
        "licensee_id": spec.licensee_id,
        "fee_kind": spec.fee_kind,
        "fee_amount": spec.fee_amount,
        "fee_currency": spec.fee_currency,
        "internal_notes": spec.internal_notes,
        "shared_notes": spec.shared_notes,
    }
    if spec.reference:
        if Deal.objects.filter(owner=licensor, reference=spec.reference).exists():
            raise _reference_taken(spec.reference)
        try:
            with transaction.atomic():
                return Deal.objects.create(reference=spec.reference, **fields)
        except IntegrityError as error:
            raise _reference_taken(spec.reference) from error
    after = 0
    for _ in range(REFERENCE_ATTEMPTS):
        reference = _next_reference(licensor, after)
        try:
            with transaction.atomic():
                return Deal.objects.create(reference=reference, **fields)
        except IntegrityError:
            after = int(reference.rsplit("-", 1)[1])
    raise RuntimeError(f"no free deal reference after {REFERENCE_ATTEMPTS} attempts")


def _write_terms(deal: Deal, spec: DealSpec) -> None:
    deal.grants.all().delete()
    deal.holdbacks.all().delete()
    all_titles = sorted({t for g in spec.grants for t in g.title_ids})
    events = _events(all_titles)
    position = 0
    for grant_spec in spec.grants:
        scopes = _scope_rows(grant_spec.territories, grant_spec.media)
        for title_id in grant_spec.title_ids:
            grant = Grant.objects.create(
                deal=deal,
                title_id=title_id,
                exclusive=grant_spec.exclusive,
                languages=[list(pair) for pair in grant_spec.languages],
                position=position,
                **_period_fields(grant_spec.period, title_id, events),
            )
            position += 1
            GrantScope.objects.bulk_create(
                GrantScope(grant=grant, axis=a, key=k, excluded=x) for a, k, x in scopes
            )
    for hb_spec in spec.holdbacks:
        scopes = _scope_rows(hb_spec.territories, hb_spec.media)
        for title_id in hb_spec.title_ids or tuple(all_titles):
            holdback = Holdback.objects.create(
                deal=deal,
                title_id=title_id,
                hard=hb_spec.hard,
                note=hb_spec.note,
                **_period_fields(hb_spec.period, title_id, events),
            )
            HoldbackScope.objects.bulk_create(
                HoldbackScope(holdback=holdback, axis=a, key=k, excluded=x) for a, k, x in scopes
            )


def _deal_changes(spec: DealSpec) -> dict[str, Any]:
    changes = _spec_changes(spec)
    changes["grants"] = len(spec.grants)
    changes["holdbacks"] = len(spec.holdbacks)
    return changes


def deal_create(*, actor: Any, licensor: Organisation, spec: DealSpec) -> Deal:
    """A draft deal with its grants and holdbacks; a reference the client gave that is taken
    raises SpecInvalid naming it, an empty one gets the next number (``_deal_insert``)."""
    with transaction.atomic():
        deal = _deal_insert(licensor, spec)
        _write_terms(deal, spec)
        audit_record(actor=actor, action="deal.create", obj=deal, changes=_deal_changes(spec))
    return deal


def deal_update(*, actor: Any, deal: Deal, spec: DealSpec) -> Deal:
    """Replace a draft or offered deal's terms."""
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status not in EDITABLE:
            raise DealStateError(RightsError.NOT_EDITABLE, status=locked.get_status_display())
        locked.licensee_id = spec.licensee_id
        if spec.reference and spec.reference != locked.reference:
            taken = Deal.objects.filter(owner_id=locked.owner_id, reference=spec.reference)
            if taken.exists():
                raise _reference_taken(spec.reference)
            locked.reference = spec.reference
        locked.fee_kind, locked.fee_amount = spec.fee_kind, spec.fee_amount
        locked.fee_currency = spec.fee_currency
        locked.internal_notes, locked.shared_notes = spec.internal_notes, spec.shared_notes
        try:
            with transaction.atomic():  # another change may take the reference meanwhile
                locked.save()
        except IntegrityError as error:
            raise _reference_taken(spec.reference) from error
        _write_terms(locked, spec)
        audit_record(actor=actor, action="deal.update", obj=locked, changes=_deal_changes(spec))
    return locked


def deal_offer(*, actor: Any, deal: Deal) -> Deal:
    """Mark a draft as offered to the licensee."""
    return _transition(
        actor=actor, deal=deal, allowed=(DealStatus.DRAFT,), to=DealStatus.OFFERED, action="offered"
    )


def _transition(
    *, actor: Any, deal: Deal, allowed: Sequence[str], to: str, action: str, **changes: Any
) -> Deal:
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status not in allowed:
            raise DealStateError(
                RightsError.BAD_TRANSITION, status=locked.get_status_display(), action=action
            )
        before = locked.status
        locked.status = to
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.save()
        engine_adapters.changes_log(AvailsChangeKind.DEAL, [locked.pk])
        audit_record(
            actor=actor,
            action=f"deal.{to}",
            obj=locked,
            changes={"status": [before, to], **changes},
        )
    return locked


def deal_sign(*, actor: Any, deal: Deal) -> tuple[Deal, list[GrantConflict]]:
    """Sign a draft or offered deal if nothing blocks it; returns it with any soft warnings.

    Raises DealConflict (nothing written) when a grant is blocked.
    """
    with transaction.atomic():
        locked = Deal.objects.select_for_update().get(pk=deal.pk)
        if locked.status not in EDITABLE:
            raise DealStateError(
                RightsError.BAD_TRANSITION, status=locked.get_status_display(), action="signed"
            )
        title_ids = sorted(
            set(locked.grants.values_list("title_id", flat=True))
            | set(locked.holdbacks.values_list("title_id", flat=True))
        )
        titles_lock(title_ids)  # the lock every signer of these titles takes, in one order
        conflicts = deal_check(locked)
        if any(c.blocked for c in conflicts):
            raise DealConflict(conflicts)
        locked.status = DealStatus.SIGNED
        locked.signed_at = timezone.now()
        locked.signed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.save()
        engine_adapters.changes_log(AvailsChangeKind.DEAL, [locked.pk])
        warnings = [str(c.grant.id) for c in conflicts if c.warnings]
        audit_record(
            actor=actor,
            action="deal.signed",
            obj=locked,
            changes={"status": ["offered/draft", "signed"], "warned_grants": warnings},
        )
    return locked, conflicts


def deal_terminate(*, actor: Any, deal: Deal, on: dt.date) -> Deal:
    """End a signed deal early: its grants and holdbacks stop on ``on``."""
    return _transition(
        actor=actor,
        deal=deal,
        allowed=(DealStatus.SIGNED,),
        to=DealStatus.TERMINATED,
        action="terminated",
        terminated_on=on,
    )


def deals_expire(*, actor: Any = None, today: dt.date | None = None) -> list[Deal]:
    """Mark signed deals whose every grant has ended by ``today`` as expired; returns them.

    The deals are those ``selectors.deals_ended`` lists; one that was terminated or expired
    meanwhile (by another process) is skipped.
    """
    expired = []
    for deal in deals_ended(today=today or _today()):
        try:
            expired.append(
                _transition(
                    actor=actor,
                    deal=deal,
                    allowed=(DealStatus.SIGNED,),
                    to=DealStatus.EXPIRED,
                    action="expired",
                )
            )
        except DealStateError:
            continue
    return expired


def release_event_record(
    *, actor: Any, owner: Organisation, title: Title, kind: str, territory: str, date: dt.date
) -> ReleaseEvent:
    """Record (or move) a release event and re-resolve every period that hangs on it."""
    with transaction.atomic():
        event, _ = ReleaseEvent.objects.update_or_create(
            title=title, kind=kind, territory=territory, defaults={"date": date, "owner": owner}
        )
        events = _events([title.pk])
        deals: set[int] = set()
        for model in (Grant, Holdback, RightsIn):
            hanging = model.objects.filter(title=title).filter(  # type: ignore[attr-defined]
                start_event=kind, start_event_territory=territory
            ) | model.objects.filter(title=title, end_event=kind, end_event_territory=territory)  # type: ignore[attr-defined]
            for obj in hanging.distinct():
                for name, value in _period_fields(_period_spec(obj), title.pk, events).items():
                    setattr(obj, name, value)
                obj.save()
                if hasattr(obj, "deal_id"):
                    deals.add(obj.deal_id)
        engine_adapters.changes_log(AvailsChangeKind.DEAL, deals)
        engine_adapters.changes_log(AvailsChangeKind.RIGHTS, [title.pk])
        audit_record(
            actor=actor,
            action="release_event.record",
            obj=event,
            changes={"title": title.pk, "kind": kind, "territory": territory, "date": date},
        )
    return event
