"""The coach pool, a coach's record, matching suggestions and the workload view."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from .. import matching
from ..facts import coaches_facts
from ..models import Coach, CoachAssignment, CoachHours, CoachNote, Enrolment, Programme

ZERO = Value(Decimal(0), output_field=DecimalField(max_digits=9, decimal_places=2))


@dataclass(frozen=True)
class PoolRow:
    name: str
    href: str
    experience: str
    experience_colour: str
    trained_on: date | None
    refresher_due_on: date | None
    refresher_overdue: bool
    protected_hours: int
    background: str
    topics: str
    areas: str
    mentor: str
    practices: int
    hours_quarter: Decimal
    hours_year: Decimal
    left_on: date | None


EXPERIENCE_COLOURS = {"newly_trained": "aqua-green", "experienced": "blue", "mentor": "purple"}


def pool_rows(programme: Programme, today: date) -> list[PoolRow]:
    coaches = (
        Coach.objects.filter(programme=programme)
        .select_related("user", "mentor__user")
        .prefetch_related("commissions_for")
        .annotate(
            practice_count=Count("assignments", filter=Q(assignments__ended_on__isnull=True), distinct=True),
        )
        .order_by("left_on", "user__full_name")
    )
    hours = hours_by_coach(programme, today)
    rows = []
    for coach in coaches:
        quarter, year = hours.get(coach.pk, (Decimal(0), Decimal(0)))
        rows.append(
            PoolRow(
                name=coach.user.full_name,
                href=reverse("programme-coach", args=[programme.public_id, coach.public_id]),
                experience=coach.get_experience_display(),
                experience_colour=EXPERIENCE_COLOURS.get(coach.experience, "grey"),
                trained_on=coach.trained_on,
                refresher_due_on=coach.refresher_due_on,
                refresher_overdue=bool(coach.refresher_due_on and coach.refresher_due_on < today),
                protected_hours=coach.protected_hours_per_month,
                background=coach.background,
                topics=", ".join(coach.topics or []),
                areas=", ".join(area.name for area in coach.commissions_for.all()),
                mentor=coach.mentor.user.full_name if coach.mentor else "",
                practices=coach.practice_count,
                hours_quarter=quarter,
                hours_year=year,
                left_on=coach.left_on,
            )
        )
    return rows


def hours_by_coach(programme: Programme, today: date) -> dict[int, tuple[Decimal, Decimal]]:
    """Hours each coach logged in the last 3 and 12 months: one query."""
    quarter, year = today - timedelta(days=91), today - timedelta(days=365)
    return {
        coach_id: (q, y)
        for coach_id, q, y in CoachHours.objects.filter(
            coach__programme=programme, on__gt=year, on__lte=today
        )
        .values_list("coach_id")
        .annotate(
            q=Coalesce(Sum("hours", filter=Q(on__gt=quarter)), ZERO),
            y=Coalesce(Sum("hours"), ZERO),
        )
        .order_by()
    }


@dataclass(frozen=True)
class RecordLine:
    practice: str
    href: str
    part: str
    since: date
    ended: date | None
    projects: str
    hours: Decimal


@dataclass(frozen=True)
class HoursLine:
    on: date
    practice: str
    project: str
    kind: str
    hours: Decimal
    note: str


@dataclass(frozen=True)
class CoachRecord:
    coach: Coach
    experience: str
    mentees: list[str]
    practices: list[RecordLine]
    training: list[tuple[date, str, str]]
    hours: list[HoursLine]
    total_hours: Decimal
    may_manage: bool
    is_self: bool
    edit_href: str
    log_href: str
    hours_described: str = ""  # how the hours listed are narrowed, in words ("" when they are not)
    hours_listed_total: Decimal = Decimal(0)  # the hours listed, added up (every one, not only those shown)
    practices_described: str = ""  # the portfolio's filters the practices supported are narrowed by, in words


HOURS_WITHIN = {"91": "the last 3 months", "365": "the last 12 months"}


def coach_record(
    coach: Coach, user: Any, query: Mapping[str, str] | None = None, today: date | None = None
) -> CoachRecord:
    """A coach's record of the practices and projects they supported and the hours they gave: the
    recognition the evaluation found coaches missed (seed 001 L685). The hours can be narrowed to the
    last 3 or 12 months (`within`) and the portfolio's filters (network, coach, year invited), so the
    portfolio's workload figures open on the hours they added up; the practices and projects supported are
    narrowed by the same filters."""
    from microsystems.projects.models import Project

    from .portfolio import filtered_enrolments, read_filters

    programme = coach.programme
    query = query or {}
    filters = read_filters(programme, query) if query else None
    narrowed_to = (
        "; ".join(f"{label}: {dict(choices)[value]}" for label, choices, value in filters.described if value)
        if filters is not None and filters.active
        else ""
    )
    supported = CoachAssignment.objects.filter(coach=coach)
    if filters is not None and narrowed_to:
        supported = supported.filter(enrolment__in=filtered_enrolments(programme, filters).values("pk"))
    assignments = list(supported.select_related("enrolment__practice").order_by("-started_on"))
    practice_ids = {a.enrolment.practice_id for a in assignments}
    titles: dict[int, list[str]] = {}
    for practice_id, title in Project.objects.filter(
        programme=programme, practice_id__in=practice_ids
    ).values_list("practice_id", "title"):
        titles.setdefault(practice_id, []).append(title)
    hours_by_enrolment = dict(
        CoachHours.objects.filter(coach=coach)
        .values_list("enrolment_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    practices = [
        RecordLine(
            a.enrolment.practice.name,
            reverse("programme-enrolment", args=[programme.public_id, a.enrolment.practice.public_id]),
            a.get_part_display(),
            a.started_on,
            a.ended_on,
            "; ".join(titles.get(a.enrolment.practice_id, [])) or "No project yet",
            hours_by_enrolment.get(a.enrolment_id, Decimal(0)),
        )
        for a in assignments
    ]
    listed = CoachHours.objects.filter(coach=coach)
    described = []
    within = query.get("within", "")
    if within in HOURS_WITHIN and today is not None:
        listed = listed.filter(on__gt=today - timedelta(days=int(within)))
        described.append(HOURS_WITHIN[within])
    if filters is not None and narrowed_to:
        listed = listed.filter(enrolment__in=filtered_enrolments(programme, filters).values("pk"))
        described.append(narrowed_to)
    listed_total = listed.aggregate(total=Coalesce(Sum("hours"), ZERO))["total"] if described else Decimal(0)
    hours = [
        HoursLine(
            h.on,
            h.enrolment.practice.name,
            h.project.title if h.project else "",
            h.get_kind_display(),
            h.hours,
            h.note,
        )
        for h in listed.select_related("enrolment__practice", "project")[:50]
    ]
    total = CoachHours.objects.filter(coach=coach).aggregate(total=Coalesce(Sum("hours"), ZERO))["total"]
    return CoachRecord(
        coach=coach,
        experience=coach.get_experience_display(),
        mentees=[m.user.full_name for m in coach.mentees.select_related("user")],
        practices=practices,
        training=[(t.on, t.get_kind_display(), t.note) for t in coach.training.all()],
        hours=hours,
        total_hours=total,
        may_manage=user.has_perm("programme.manage_coaches", programme),
        is_self=coach.user_id == user.id,
        edit_href=reverse("programme-coach-edit", args=[programme.public_id, coach.public_id]),
        log_href=reverse("programme-log-hours", args=[programme.public_id]),
        hours_described="; ".join(described),
        hours_listed_total=listed_total,
        practices_described=narrowed_to,
    )


@dataclass(frozen=True)
class MatchPage:
    matches: matching.Matches
    theme: str


def match_page(enrolment: Enrolment, theme: str) -> MatchPage:
    current = frozenset(
        CoachAssignment.objects.filter(enrolment=enrolment, ended_on__isnull=True).values_list(
            "coach_id", flat=True
        )
    )
    facts = coaches_facts(programme_id=enrolment.programme_id)
    practice = matching.PracticeFacts(pcn_id=enrolment.practice.pcn_id, theme=theme, current_coaches=current)
    return MatchPage(matching.rank(facts, practice), theme)


def default_theme(enrolment: Enrolment) -> str:
    from microsystems.projects.models import Project

    latest = Project.objects.filter(
        programme_id=enrolment.programme_id, practice_id=enrolment.practice_id
    ).first()
    return latest.title if latest else ""


@dataclass(frozen=True)
class NoteView:
    title: str
    body: str
    author: str
    at: Any
    asks_for_help: bool
    replies: list[tuple[str, str, Any]]
    public_id: str


def coach_space(programme: Programme) -> list[NoteView]:
    notes = (
        CoachNote.objects.filter(programme=programme, reply_to__isnull=True)
        .select_related("author__user")
        .prefetch_related("replies__author__user")[:50]
    )
    return [
        NoteView(
            n.title,
            n.body,
            n.author.user.full_name,
            n.created_at,
            n.asks_for_help,
            [
                (r.author.user.full_name, r.body, r.created_at)
                for r in sorted(n.replies.all(), key=lambda r: r.created_at)
            ],
            str(n.public_id),
        )
        for n in notes
    ]
