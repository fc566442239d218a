"""Recruiting practices and moving them through the programme."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from microsystems.people.models import Organisation, OrganisationKind

from ..engagement import (
    JOURNEY,
    AdopterCategory,
    EngagementState,
    ExitReason,
    allowed_next_states,
    exit_questions,
)
from ..models import EngagementEvent, Enrolment, Programme, ReadinessCheck
from ..notifications import send_invitation, send_withdrawal_notice


def _record(enrolment: Enrolment, state: str, on: date, by: Any, note: str = "") -> None:
    enrolment.state = state
    enrolment.state_since = on
    EngagementEvent.objects.create(enrolment=enrolment, state=state, on=on, recorded_by=by, note=note)


def advance_to(enrolment: Enrolment, state: EngagementState, *, on: date, by: Any, note: str = "") -> bool:
    """Move the practice forward to `state` because something happened (an agreement signed, a project
    started); never backwards, and never for a practice that has left. True if it moved."""
    current = EngagementState(enrolment.state)
    if current.has_left or JOURNEY.index(current) >= JOURNEY.index(state):
        return False
    _record(enrolment, state, on, by, note)
    enrolment.save(update_fields=["state", "state_since"])
    return True


@transaction.atomic
def recruit_practice(
    *,
    programme: Programme,
    by: Any,
    practice: Organisation | None = None,
    name: str = "",
    ods_code: str = "",
    pcn: Organisation | None = None,
    list_size: int | None = None,
    invited_on: date | None = None,
    contact_email: str = "",
) -> Enrolment:
    """Invite a practice into the programme: one already known to the commissioner, or a new one."""
    invited_on = invited_on or timezone.localdate()
    if practice is None:
        if not name.strip():
            raise ValidationError({"name": "Enter the practice's name"})
        if ods_code and Organisation.objects.filter(ods_code=ods_code.upper()).exists():
            raise ValidationError({"ods_code": "A practice with this ODS code is already recorded"})
        practice = Organisation.objects.create(
            kind=OrganisationKind.PRACTICE,
            name=name.strip(),
            ods_code=ods_code.upper() or None,
            pcn=pcn,
            list_size=list_size,
            commissioner=programme.commissioner,
        )
    if Enrolment.objects.filter(programme=programme, practice=practice).exists():
        raise ValidationError({"practice": f"{practice.name} is already in the programme"})
    enrolment = Enrolment.objects.create(
        programme=programme,
        practice=practice,
        state=EngagementState.INVITED,
        state_since=invited_on,
        invited_on=invited_on,
    )
    EngagementEvent.objects.create(
        enrolment=enrolment, state=EngagementState.INVITED, on=invited_on, recorded_by=by, note="Invited"
    )
    if contact_email:
        transaction.on_commit(lambda: send_invitation(enrolment, contact_email, by))
    return enrolment


@transaction.atomic
def change_engagement(
    *,
    enrolment: Enrolment,
    state: str,
    on: date,
    by: Any,
    note: str = "",
    exit_reason: str = "",
    exit_reasons: list[str] | None = None,
    exit_detail: str = "",
    exit_answers: dict[str, str] | None = None,
) -> Enrolment:
    """The programme lead moves a practice to another state. Declining or withdrawing needs a coded
    reason and an account in the practice's words; the exit questions are kept with it."""
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    target = EngagementState(state)
    if target not in allowed_next_states(enrolment.state):
        raise ValidationError(
            {"state": f"A practice cannot move from “{enrolment.get_state_display()}” to “{target.label}”"}
        )
    if on > timezone.localdate():
        raise ValidationError({"on": "The date must be today or in the past"})
    last = enrolment.events.order_by("-on", "-id").first()
    if last and on < last.on:
        raise ValidationError({"on": f"The date must be on or after the last change, {last.on:%d/%m/%Y}"})
    previous = enrolment.state
    if target.has_left:
        errors = {}
        if exit_reason not in ExitReason.values:
            errors["exit_reason"] = "Choose the main reason"
        if not exit_detail.strip():
            errors["exit_detail"] = "Say in the practice's words why it " + (
                "declined" if target == EngagementState.DECLINED else "withdrew"
            )
        if errors:
            raise ValidationError(errors)
        keys = {key for key, _ in exit_questions(target)}
        enrolment.exit_reason = exit_reason
        enrolment.exit_reasons = sorted(
            {exit_reason, *(r for r in exit_reasons or [] if r in ExitReason.values)}
        )
        enrolment.exit_detail = exit_detail.strip()
        enrolment.exit_stage = previous
        enrolment.exit_answers = {
            k: v.strip() for k, v in (exit_answers or {}).items() if k in keys and v.strip()
        }
    elif EngagementState(previous).has_left:
        # Coming back: the reasons it left stay in the history, not on the enrolment.
        note = note or f"Returned after it {EngagementState(previous).label.lower()}: {enrolment.exit_detail}"
        enrolment.exit_reason, enrolment.exit_reasons, enrolment.exit_detail = "", [], ""
        enrolment.exit_stage, enrolment.exit_answers = "", {}
    _record(enrolment, target, on, by, note.strip())
    enrolment.save()
    return enrolment


@transaction.atomic
def withdraw_practice(
    *,
    enrolment: Enrolment,
    by: Any,
    exit_reason: str,
    exit_reasons: list[str] | None = None,
    exit_detail: str = "",
    exit_answers: dict[str, str] | None = None,
) -> Enrolment:
    """The practice withdraws itself (its manager or senior partner, `by`), today: the same change of
    engagement the programme lead records, with its history; its projects are kept as they are. The
    programme leads and the practice's coaches are told by email once it is saved."""
    from microsystems.people.models import Membership

    membership = Membership.objects.active().filter(user=by, organisation_id=enrolment.practice_id).first()
    role = f", {membership.title.lower()}" if membership else ""
    enrolment = change_engagement(
        enrolment=enrolment,
        state=EngagementState.WITHDREW,
        on=timezone.localdate(),
        by=by,
        note=f"The practice withdrew itself: {by.full_name}{role}",
        exit_reason=exit_reason,
        exit_reasons=exit_reasons,
        exit_detail=exit_detail,
        exit_answers=exit_answers,
    )
    transaction.on_commit(lambda: send_withdrawal_notice(enrolment, by))
    return enrolment


@transaction.atomic
def set_adopter_category(*, enrolment: Enrolment, category: str, by: Any) -> Enrolment:
    if category and category not in AdopterCategory.values:
        raise ValidationError({"category": "Choose an adopter category"})
    enrolment.adopter_category = category
    enrolment.save(update_fields=["adopter_category"])
    label = AdopterCategory(category).label if category else "not set"
    EngagementEvent.objects.create(
        enrolment=enrolment,
        state=enrolment.state,
        on=timezone.localdate(),
        recorded_by=by,
        note=f"Adopter category: {label}",
    )
    return enrolment


@transaction.atomic
def record_readiness(
    *,
    enrolment: Enrolment,
    by: Any,
    stable_staffing: bool,
    leadership_change: bool,
    competing_projects: bool,
    senior_partner_support: bool,
    notes: str = "",
    on: date | None = None,
) -> ReadinessCheck:
    """Record the readiness check; a practice that was invited or interested is now "readiness checked"."""
    on = on or timezone.localdate()
    check = ReadinessCheck.objects.create(
        enrolment=enrolment,
        checked_on=on,
        checked_by=by,
        stable_staffing=stable_staffing,
        leadership_change=leadership_change,
        competing_projects=competing_projects,
        senior_partner_support=senior_partner_support,
        notes=notes.strip(),
    )
    advance_to(enrolment, EngagementState.READINESS_CHECKED, on=on, by=by, note="Readiness checked")
    return check
