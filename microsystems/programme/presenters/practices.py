"""The list of practices in a programme, for its lead: engagement, adopter category and coaches."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch
from django.urls import reverse

from ..engagement import AdopterCategory, EngagementState
from ..models import CoachAssignment, Enrolment, Programme
from .enrolments import adopter_suggestions


@dataclass(frozen=True)
class PracticeLine:
    name: str
    href: str
    ods_code: str
    pcn: str
    state: str
    colour: str
    since: date
    adopter: str
    suggested: str
    coaches: str


@dataclass(frozen=True)
class PracticeListPage:
    rows: list[PracticeLine]
    states: list[dict[str, Any]]
    chosen_state: str
    recruit_href: str
    adopter: str = ""


def practice_list_page(programme: Programme, query: Mapping[str, str]) -> PracticeListPage:
    chosen = query.get("state", "")
    if chosen not in EngagementState.values:
        chosen = ""
    adopter = query.get("adopter", "")
    if adopter not in AdopterCategory.values:
        adopter = ""
    enrolments = (
        Enrolment.objects.filter(programme=programme)
        .select_related("practice__pcn")
        .prefetch_related(
            Prefetch(
                "coach_assignments",
                queryset=CoachAssignment.objects.filter(ended_on__isnull=True).select_related("coach__user"),
            )
        )
        .order_by("practice__name")
    )
    if chosen:
        enrolments = enrolments.filter(state=chosen)
    if adopter:
        enrolments = enrolments.filter(adopter_category=adopter)
    suggestions = adopter_suggestions(programme)
    rows = []
    for enrolment in enrolments:
        state = EngagementState(enrolment.state)
        suggestion = suggestions.get(enrolment.pk)
        rows.append(
            PracticeLine(
                name=enrolment.practice.name,
                href=reverse("programme-enrolment", args=[programme.public_id, enrolment.practice.public_id]),
                ods_code=enrolment.practice.ods_code or "",
                pcn=enrolment.practice.pcn.name if enrolment.practice.pcn else "",
                state=state.label,
                colour=state.tag_colour,
                since=enrolment.state_since,
                adopter=AdopterCategory(enrolment.adopter_category).label
                if enrolment.adopter_category
                else "Not set",
                suggested=AdopterCategory(suggestion.category).label if suggestion else "",
                coaches=", ".join(a.coach.user.full_name for a in enrolment.coach_assignments.all()),
            )
        )
    base = reverse("programme-practices", args=[programme.public_id])
    states = [{"text": "All", "href": base, "current": not chosen}] + [
        {"text": s.label, "href": f"{base}?state={s.value}", "current": chosen == s.value}
        for s in EngagementState
    ]
    return PracticeListPage(
        rows,
        states,
        chosen,
        reverse("programme-recruit", args=[programme.public_id]),
        AdopterCategory(adopter).label if adopter else "",
    )
