"""The programme as its lead, its coaches and its evaluators see it. A fixed number of queries,
however many practices the programme has."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.people.presenters import PracticeRow, practice_rows

from ..engagement import AdopterCategory, EngagementState
from ..models import Coach, Enrolment, Programme


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    colour: str
    count: int


@dataclass(frozen=True)
class CoachRow:
    name: str
    experience: str
    mentor: str
    practices: int


@dataclass(frozen=True)
class ProgrammeSummary:
    programme: Programme
    href: str
    practices: int
    active: int
    completed: int
    left: int
    coaches: int
    by_state: list[StateCount]
    by_adopter: list[tuple[str, int]]


def summaries(programme_ids: frozenset[int]) -> list[ProgrammeSummary]:
    """Headline figures for each programme: two queries in all."""
    programmes = list(
        Programme.objects.filter(id__in=programme_ids).annotate(coach_count=Count("coaches", distinct=True))
    )
    counts: dict[int, dict[str, int]] = {}
    adopters: dict[int, dict[str, int]] = {}
    for programme_id, state, adopter, number in (
        Enrolment.objects.filter(programme_id__in=programme_ids)
        .values_list("programme_id", "state", "adopter_category")
        .annotate(number=Count("id"))
        .order_by()
    ):
        counts.setdefault(programme_id, {}).setdefault(state, 0)
        counts[programme_id][state] += number
        if adopter:
            adopters.setdefault(programme_id, {}).setdefault(adopter, 0)
            adopters[programme_id][adopter] += number
    result = []
    for programme in programmes:
        state_counts = counts.get(programme.id, {})
        by_state = [
            StateCount(state.value, state.label, state.tag_colour, state_counts.get(state.value, 0))
            for state in EngagementState
        ]
        result.append(
            ProgrammeSummary(
                programme=programme,
                href=reverse("programme-detail", args=[programme.public_id]),
                practices=sum(state_counts.values()),
                active=state_counts.get(EngagementState.PROJECT_ACTIVE, 0),
                completed=sum(
                    state_counts.get(s, 0)
                    for s in (
                        EngagementState.PROJECT_COMPLETED,
                        EngagementState.FOLLOWED_UP_6_MONTHS,
                        EngagementState.FOLLOWED_UP_12_MONTHS,
                    )
                ),
                left=sum(
                    state_counts.get(s, 0) for s in (EngagementState.DECLINED, EngagementState.WITHDREW)
                ),
                coaches=programme.coach_count,
                by_state=by_state,
                by_adopter=[
                    (category.label, adopters.get(programme.id, {}).get(category.value, 0))
                    for category in AdopterCategory
                ],
            )
        )
    return result


def coach_rows(programme: Programme) -> list[CoachRow]:
    coaches = (
        Coach.objects.filter(programme=programme)
        .select_related("user", "mentor__user")
        .annotate(practice_count=Count("assignments", filter=Q(assignments__ended_on__isnull=True)))
    )
    return [
        CoachRow(
            name=coach.user.full_name,
            experience=coach.get_experience_display(),
            mentor=coach.mentor.user.full_name if coach.mentor else "",
            practices=coach.practice_count,
        )
        for coach in coaches
    ]


def enrolled_practices(programme: Programme) -> list[PracticeRow]:
    return practice_rows(Organisation.objects.filter(enrolments__programme=programme))


def programme_links(programme: Programme, user: Any) -> list[dict[str, str]]:
    """What the user can do in the programme, by their part in it."""
    pid = programme.public_id
    links = []
    if user.has_perm("programme.change_programme", programme):
        links += [
            {
                "text": "Practices",
                "href": reverse("programme-practices", args=[pid]),
                "description": "Invite practices, record their engagement, readiness and agreements.",
            },
            {
                "text": "Projects",
                "href": reverse("programme-projects", args=[pid]),
                "description": "Every project: typology, status, funding, how it is going, the next review.",
            },
            {
                "text": "Coach pool",
                "href": reverse("programme-coaches", args=[pid]),
                "description": "Experience, training, mentors, conflicts of interest and hours.",
            },
            {
                "text": "Programme settings",
                "href": reverse("programme-settings", args=[pid]),
                "description": "The first-project payment, its milestones, and the agreement gate.",
            },
            {
                "text": "Payments",
                "href": reverse("programme-payments", args=[pid]),
                "description": "The ledger of enhanced service payments and approved applications.",
            },
            {
                "text": "Follow-up reviews",
                "href": reverse("programme-follow-ups", args=[pid]),
                "description": "Reviews at 6 and 12 months: what is due and what is overdue.",
            },
        ]
    if user.has_perm("programme.view_portfolio", programme):
        links.append(
            {
                "text": "Portfolio",
                "href": reverse("programme-portfolio", args=[pid]),
                "description": "The whole programme in figures: engagement, adoption, outcomes, money.",
            }
        )
    coach = Coach.objects.filter(programme=programme, user_id=user.id).first()
    if coach is not None:
        links += [
            {
                "text": "Your coaching record",
                "href": reverse("programme-coach", args=[pid, coach.public_id]),
                "description": "The practices and projects you have supported, and your hours.",
            },
            {
                "text": "Log coaching hours",
                "href": reverse("programme-log-hours", args=[pid]),
                "description": "Preparation and sessions, for each practice you coach.",
            },
            {
                "text": "Coaches' space",
                "href": reverse("programme-coach-space", args=[pid]),
                "description": "Share notes with other coaches and ask for help.",
            },
        ]
    return links


@dataclass(frozen=True)
class AttentionRow:
    practice: str
    title: str
    href: str
    label: str
    colour: str
    signals: list[str]


def needing_attention(programme: Programme, user: Any) -> list[AttentionRow]:
    """Projects the daily check found amber or red: every one for the programme lead, those of the
    practices they coach for a coach. Red first."""
    from microsystems.people.scope import scope_for

    from ..decay import Health
    from ..models import ProjectHealth

    records = ProjectHealth.objects.filter(
        project__programme=programme, colour__in=["amber", "red"]
    ).select_related("project__practice")
    if not user.has_perm("programme.change_programme", programme):
        records = records.filter(project__practice_id__in=scope_for(user).coached_practice_ids)
    rows = []
    for record in sorted(records, key=lambda r: (r.colour != "red", r.project.practice.name)):
        status = Health(record.colour)
        rows.append(
            AttentionRow(
                record.project.practice.name,
                record.project.title,
                reverse("programme-project", args=[programme.public_id, record.project.public_id]),
                status.label,
                status.tag_colour,
                [signal["text"] for signal in record.signals],
            )
        )
    return rows


def programme_page(programme: Programme, user: Any) -> dict[str, Any]:
    may_manage = user.has_perm("programme.change_programme", programme)
    (summary,) = summaries(frozenset({programme.id}))
    return {
        "summary": summary,
        "links": programme_links(programme, user),
        "attention": needing_attention(programme, user),
        "may_manage": may_manage,
        "coaches": coach_rows(programme) if may_manage else [],
        "practices": enrolled_practices(programme) if may_manage else [],
    }
