"""The coach pool: adding coaches, matching them with practices, and logging their hours."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from microsystems.people.models import Membership, User
from microsystems.people.roles import Role
from microsystems.people.scope import forget_scope

from ..engagement import EngagementState
from ..facts import coach_facts
from ..followup_schedule import add_months
from ..matching import sole_new_coach_warnings
from ..models import (
    Coach,
    CoachAssignment,
    CoachExperience,
    CoachHours,
    CoachNote,
    CoachTraining,
    Enrolment,
    Programme,
    TrainingKind,
)


@transaction.atomic
def add_coach(
    *,
    programme: Programme,
    by: Any,
    name: str,
    email: str,
    experience: str,
    trained_on: date | None = None,
    background: str = "",
    topics: list[str] | None = None,
    protected_hours_per_month: int = 0,
    mentor: Coach | None = None,
) -> Coach:
    """Add someone to the coach pool: a commissioner role, and the coach's record. An existing user (a
    GP who also coaches) keeps their account."""
    email = email.strip().lower()
    user = User.objects.filter(email=email).first() or User.objects.create_user(email, full_name=name.strip())
    if Coach.objects.filter(programme=programme, user=user).exists():
        raise ValidationError({"email": f"{user.full_name} is already in the coach pool"})
    if (
        not Membership.objects.active()
        .filter(user=user, organisation=programme.commissioner, role=Role.COACH)
        .exists()
    ):
        Membership.objects.create(user=user, organisation=programme.commissioner, role=Role.COACH)
    coach = Coach.objects.create(
        programme=programme,
        user=user,
        experience=experience,
        trained_on=trained_on,
        background=background.strip(),
        topics=topics or [],
        protected_hours_per_month=protected_hours_per_month,
        mentor=mentor,
    )
    if trained_on:
        CoachTraining.objects.create(coach=coach, kind=TrainingKind.INITIAL, on=trained_on)
    return coach


@transaction.atomic
def match_coach(
    *,
    enrolment: Enrolment,
    coach: Coach,
    part: str,
    by: Any,
    on: date | None = None,
    override_note: str = "",
) -> CoachAssignment:
    """Match a coach with a practice. A newly trained coach who would coach alone is refused unless the
    programme lead says why they go ahead (seed 001 rec 1.ii.c)."""
    if coach.programme_id != enrolment.programme_id:
        raise ValidationError({"coach": "Choose a coach from this programme's pool"})
    if coach.left_on:
        raise ValidationError({"coach": f"{coach.user.full_name} has left the coach pool"})
    active = list(
        CoachAssignment.objects.filter(enrolment=enrolment, ended_on__isnull=True).select_related("coach")
    )
    if any(a.coach_id == coach.pk for a in active):
        raise ValidationError({"coach": f"{coach.user.full_name} already coaches this practice"})
    if EngagementState(enrolment.state).has_left:
        raise ValidationError({"coach": "The practice has left the programme"})
    experienced_already = any(a.coach.experience != CoachExperience.NEWLY_TRAINED for a in active)
    warnings = sole_new_coach_warnings(coach_facts(coach), has_experienced_co_coach=experienced_already)
    if warnings and not override_note.strip():
        raise ValidationError(
            {
                "override_note": "This coach is newly trained. Add an experienced coach first, or say why "
                "the "
                "match should go ahead"
            }
        )
    if part == CoachAssignment.Part.LEAD and any(a.part == CoachAssignment.Part.LEAD for a in active):
        part = CoachAssignment.Part.CO_COACH
    assignment = CoachAssignment.objects.create(
        coach=coach,
        enrolment=enrolment,
        part=part,
        started_on=on or timezone.localdate(),
        override_note=override_note.strip() if warnings else "",
    )
    forget_scope(coach.user)
    return assignment


@transaction.atomic
def end_assignment(*, assignment: CoachAssignment, by: Any, on: date | None = None) -> CoachAssignment:
    assignment.ended_on = on or timezone.localdate()
    assignment.save(update_fields=["ended_on"])
    forget_scope(assignment.coach.user)
    return assignment


@transaction.atomic
def log_hours(
    *,
    coach: Coach,
    enrolment: Enrolment,
    by: Any,
    on: date,
    kind: str,
    hours: Decimal,
    project: Any = None,
    note: str = "",
) -> CoachHours:
    if hours <= 0 or hours > 24:
        raise ValidationError({"hours": "Enter the hours as a number between 0.25 and 24"})
    if on > timezone.localdate():
        raise ValidationError({"on": "The date must be today or in the past"})
    if project is not None and project.practice_id != enrolment.practice_id:
        raise ValidationError({"project": "Choose one of this practice's projects"})
    return CoachHours.objects.create(
        coach=coach,
        enrolment=enrolment,
        project=project,
        on=on,
        kind=kind,
        hours=hours,
        note=note.strip(),
        recorded_by=by,
    )


@transaction.atomic
def post_note(
    *,
    programme: Programme,
    author: Coach,
    body: str,
    title: str = "",
    asks_for_help: bool = False,
    reply_to: CoachNote | None = None,
) -> CoachNote:
    if not body.strip():
        raise ValidationError({"body": "Write your note"})
    return CoachNote.objects.create(
        programme=programme,
        author=author,
        body=body.strip(),
        title=title.strip(),
        asks_for_help=asks_for_help,
        reply_to=reply_to,
    )


@transaction.atomic
def record_training(*, coach: Coach, by: Any, kind: str, on: date, note: str = "") -> CoachTraining:
    """A line in the coach's development record. A refresher sets the next one due a year on (the
    evaluation asked for protected time "to review and update their skills", seed 001 rec 1.ii.a)."""
    if on > timezone.localdate():
        raise ValidationError({"on": "The date must be today or in the past"})
    training = CoachTraining.objects.create(coach=coach, kind=kind, on=on, note=note.strip())
    if kind in (TrainingKind.REFRESHER, TrainingKind.INITIAL):
        coach.refresher_due_on = add_months(on, 12)
        if kind == TrainingKind.INITIAL and coach.trained_on is None:
            coach.trained_on = on
        coach.save(update_fields=["refresher_due_on", "trained_on"])
    return training
