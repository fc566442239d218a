"""A practice's place in the programme, as its programme lead (or coach) sees it."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.urls import reverse

from .. import adoption, readiness
from ..engagement import JOINED, AdopterCategory, EngagementState, ExitReason, exit_questions
from ..models import (
    CoachAssignment,
    CoachHours,
    CoachingAgreement,
    EngagementEvent,
    Enrolment,
    Programme,
    ReadinessCheck,
)


@dataclass(frozen=True)
class HistoryRow:
    on: date
    state: str
    colour: str
    note: str
    by: str


@dataclass(frozen=True)
class CoachLine:
    name: str
    part: str
    experience: str
    since: date
    ended: date | None
    override_note: str
    href: str
    end_href: str


@dataclass(frozen=True)
class ProjectLine:
    title: str
    status: str
    started_on: date
    funding: str
    href: str


@dataclass(frozen=True)
class ReadinessView:
    checked_on: date
    colour: str
    label: str
    reasons: tuple[str, ...]
    advice: str
    notes: str


@dataclass(frozen=True)
class EnrolmentPage:
    enrolment: Enrolment
    base: str
    state: str
    state_colour: str
    has_left: bool
    adopter: str
    suggestion: adoption.Suggestion | None
    suggested_label: str
    exit_reasons: list[str]
    exit_stage: str
    exit_answers: list[tuple[str, str]]
    history: list[HistoryRow]
    coaches: list[CoachLine]
    readiness: ReadinessView | None
    agreement: CoachingAgreement | None
    agreement_href: str
    projects: list[ProjectLine]
    hours: list[tuple[str, Decimal]]
    may_manage: bool
    warnings: list[str] = field(default_factory=list)


def base_href(enrolment: Enrolment) -> str:
    return reverse("programme-enrolment", args=[enrolment.programme.public_id, enrolment.practice.public_id])


def adopter_suggestions(programme: Programme) -> dict[int, adoption.Suggestion]:
    """Each practice's suggested adopter category, keyed by enrolment id: one query."""
    joined: dict[int, date | None] = dict.fromkeys(
        Enrolment.objects.filter(programme=programme).values_list("pk", flat=True)
    )
    for enrolment_id, on in EngagementEvent.objects.filter(
        enrolment__programme=programme, state__in=list(JOINED)
    ).values_list("enrolment_id", "on"):
        if joined.get(enrolment_id) is None or on < joined[enrolment_id]:  # type: ignore[operator]
            joined[enrolment_id] = on
    return adoption.suggest_categories(joined)


def readiness_view(check: ReadinessCheck | None) -> ReadinessView | None:
    if check is None:
        return None
    result = readiness.assess(
        stable_staffing=check.stable_staffing,
        leadership_change=check.leadership_change,
        competing_projects=check.competing_projects,
        senior_partner_support=check.senior_partner_support,
    )
    return ReadinessView(
        check.checked_on, result.colour, result.label, result.reasons, result.advice, check.notes
    )


def enrolment_page(enrolment: Enrolment, user: Any) -> EnrolmentPage:
    from microsystems.projects.models import Project

    programme = enrolment.programme
    state = EngagementState(enrolment.state)
    history = [
        HistoryRow(
            e.on,
            EngagementState(e.state).label,
            EngagementState(e.state).tag_colour,
            e.note,
            e.recorded_by.full_name if e.recorded_by else "",
        )
        for e in enrolment.events.select_related("recorded_by").order_by("-on", "-id")
    ]
    assignments = (
        CoachAssignment.objects.filter(enrolment=enrolment)
        .select_related("coach__user")
        .order_by("ended_on", "part", "started_on")
    )
    coaches = [
        CoachLine(
            a.coach.user.full_name,
            a.get_part_display(),
            a.coach.get_experience_display(),
            a.started_on,
            a.ended_on,
            a.override_note,
            reverse("programme-coach", args=[programme.public_id, a.coach.public_id]),
            reverse(
                "programme-end-coaching",
                args=[programme.public_id, enrolment.practice.public_id, a.coach.public_id],
            ),
        )
        for a in assignments
    ]
    suggestion = adopter_suggestions(programme).get(enrolment.pk)
    agreement = enrolment.agreements.order_by("-created_on", "-id").first()
    projects = []
    for project in Project.objects.filter(programme=programme, practice=enrolment.practice).select_related(
        "funding"
    ):
        funding = getattr(project, "funding", None)
        projects.append(
            ProjectLine(
                project.title,
                project.get_status_display(),
                project.started_on,
                funding.get_route_display() if funding else "Not decided",
                reverse("programme-project", args=[programme.public_id, project.public_id]),
            )
        )
    hours = [
        (name, total)
        for name, total in CoachHours.objects.filter(enrolment=enrolment)
        .values_list("coach__user__full_name")
        .annotate(total=Sum("hours"))
        .order_by("coach__user__full_name")
    ]
    active = [c for c in coaches if c.ended is None]
    warnings = []
    if active and all(c.experience == "Newly trained" for c in active):
        warnings.append(
            "Only newly trained coaches coach this practice. A newly trained coach should not be the sole "
            "coach on a first project: match an experienced co-coach or mentor."
        )
    return EnrolmentPage(
        enrolment=enrolment,
        base=base_href(enrolment),
        state=state.label,
        state_colour=state.tag_colour,
        has_left=state.has_left,
        adopter=AdopterCategory(enrolment.adopter_category).label
        if enrolment.adopter_category
        else "Not set",
        suggestion=suggestion,
        suggested_label=AdopterCategory(suggestion.category).label if suggestion else "",
        exit_reasons=[ExitReason(r).label for r in enrolment.exit_reasons if r in ExitReason.values]
        or ([ExitReason(enrolment.exit_reason).label] if enrolment.exit_reason else []),
        exit_stage=EngagementState(enrolment.exit_stage).label if enrolment.exit_stage else "",
        exit_answers=[
            (text, enrolment.exit_answers[key])
            for key, text in exit_questions(state)
            if enrolment.exit_answers.get(key)
        ],
        history=history,
        coaches=coaches,
        readiness=readiness_view(enrolment.readiness_checks.select_related("checked_by").first()),
        agreement=agreement,
        agreement_href=reverse("programme-agreement", args=[programme.public_id, agreement.public_id])
        if agreement
        else "",
        projects=projects,
        hours=hours,
        may_manage=user.has_perm("programme.manage_enrolment", enrolment),
        warnings=warnings,
    )
