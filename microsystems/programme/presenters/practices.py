"""The list of practices in a programme, for its lead: engagement, adopter category and coaches."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Min, Prefetch
from django.urls import reverse

from ..engagement import JOINED, JOURNEY, AdopterCategory, EngagementState, ExitReason
from ..models import CoachAssignment, EngagementEvent, Enrolment, Programme
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
    described: str = ""  # the filters the portfolio's figure carried, in words


def practice_list_page(programme: Programme, query: Mapping[str, str]) -> PracticeListPage:
    """The practices, narrowed by engagement now, adopter category, the furthest stage reached, a reason
    for declining or withdrawing, the coach coaching them now, and the portfolio's filters (network, coach,
    year invited)."""
    from .portfolio import filtered_enrolments, read_filters

    chosen = query.get("state", "")
    if chosen not in EngagementState.values:
        chosen = ""
    adopter = query.get("adopter", "")
    if adopter not in [*AdopterCategory.values, "none"]:
        adopter = ""
    reached = query.get("reached", "")
    if reached not in [s.value for s in JOURNEY]:
        reached = ""
    reason = query.get("reason", "")
    if reason not in ExitReason.values:
        reason = ""
    left = query.get("left", "")
    if left not in (EngagementState.DECLINED, EngagementState.WITHDREW):
        left = ""
    filters = read_filters(programme, query)
    joined_in, joined_by = month_of(query.get("joined", "")), month_of(query.get("joined_by", ""))
    coaching = query.get("coaching", "")
    coaching_name = dict(filters.coach_choices).get(coaching, "")
    if not coaching_name:
        coaching = ""
    described = [
        text
        for text, on in (
            (f"reached “{EngagementState(reached).label.lower()}”" if reached else "", reached),
            (f"coached now by {coaching_name}", coaching),
            (f"joined in {joined_in:%B %Y}" if joined_in else "", joined_in),
            (f"joined by the end of {joined_by:%B %Y}" if joined_by else "", joined_by),
            (
                f"{EngagementState(left).label.lower() if left else 'declined or withdrew'}: "
                f"{ExitReason(reason).label.lower() if reason else ''}",
                reason,
            ),
            *[
                (f"{label}: {dict(choices)[value]}", value)
                for label, choices, value in filters.described
                if value
            ],
        )
        if on
    ]
    enrolments = (
        filtered_enrolments(programme, filters)
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
        enrolments = enrolments.filter(adopter_category="" if adopter == "none" else adopter)
    if coaching:
        enrolments = enrolments.filter(
            coach_assignments__coach__public_id=coaching, coach_assignments__ended_on__isnull=True
        ).distinct()
    if joined_in:
        enrolments = enrolments.filter(pk__in=first_joined(joined_in, next_month(joined_in)))
    if joined_by:
        enrolments = enrolments.filter(pk__in=first_joined(None, next_month(joined_by)))
    if left:
        enrolments = enrolments.filter(state=left)
    elif reason:
        enrolments = enrolments.filter(state__in=[EngagementState.DECLINED, EngagementState.WITHDREW])
    chosen_enrolments = [
        e
        for e in enrolments
        if (not reached or reached in stages_reached(e))
        and (not reason or reason in (e.exit_reasons or ([e.exit_reason] if e.exit_reason else [])))
    ]
    suggestions = adopter_suggestions(programme)
    rows = []
    for enrolment in chosen_enrolments:
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
        ("Adopter category not set" if adopter == "none" else AdopterCategory(adopter).label)
        if adopter
        else "",
        "; ".join(described),
    )


def month_of(text: str) -> date | None:
    """The first day of a month written YYYY-MM, or None for anything else."""
    try:
        year, month = text.split("-")
        return date(int(year), int(month), 1) if len(year) == 4 and len(month) == 2 else None
    except ValueError:
        return None


def next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def first_joined(since: date | None, before: date) -> Any:
    """The enrolments whose practice first joined the programme (as the adoption curve counts it) in
    [since, before): a subquery."""
    joined = (
        EngagementEvent.objects.filter(state__in=list(JOINED))
        .values("enrolment_id")
        .annotate(first=Min("on"))
        .filter(first__lt=before)
    )
    if since is not None:
        joined = joined.filter(first__gte=since)
    return joined.values("enrolment_id")


def stages_reached(enrolment: Enrolment) -> list[str]:
    """Every stage of the journey the practice has reached (a practice that left, up to where it left)."""
    state = EngagementState(enrolment.state)
    furthest = enrolment.exit_stage if state.has_left else enrolment.state
    if not furthest:
        return []
    return [s.value for s in JOURNEY[: JOURNEY.index(EngagementState(furthest)) + 1]]
