"""Follow-up reviews: the lead's list of what is due and overdue, and one review's page."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.urls import reverse

from microsystems.core.jinja import nice_date

from .. import followup_schedule, sustainability
from ..models import (
    ChangeInPlace,
    ChartSays,
    Embedding,
    FollowUpReview,
    MeasureCollected,
    Programme,
    SlipReason,
)
from .funding import REVIEW_STATUS


@dataclass(frozen=True)
class DueLine:
    practice: str
    project: str
    kind: str
    due_on: date
    status: str
    colour: str
    href: str
    days_late: int


@dataclass(frozen=True)
class FollowUpList:
    overdue: list[DueLine]
    due: list[DueLine]
    upcoming: list[DueLine]
    held: int


def follow_up_list(programme: Programme, today: date, query: Mapping[str, str] | None = None) -> FollowUpList:
    """Every review of the programme by when it is due; narrowed by the portfolio's filters (network,
    coach, year invited) when it is reached from a filtered portfolio."""
    from .portfolio import filtered_enrolments, read_filters

    reviews = FollowUpReview.objects.filter(project__programme=programme).select_related("project__practice")
    if query:
        filters = read_filters(programme, query)
        if filters.active:
            reviews = reviews.filter(
                project__practice_id__in=filtered_enrolments(programme, filters).values("practice_id")
            )
    overdue: list[DueLine] = []
    due: list[DueLine] = []
    upcoming: list[DueLine] = []
    held = 0
    for review in reviews:
        status = followup_schedule.status(review.due_on, review.held_on, today)
        if status == "held":
            held += 1
            continue
        label, colour = REVIEW_STATUS[status]
        line = DueLine(
            review.project.practice.name,
            review.project.title,
            review.get_kind_display(),
            review.due_on,
            label,
            colour,
            reverse("programme-review", args=[programme.public_id, review.public_id]),
            (today - review.due_on).days,
        )
        {"overdue": overdue, "due": due, "open": due}.get(status, upcoming).append(line)
    return FollowUpList(overdue, due, upcoming, held)


@dataclass(frozen=True)
class FactorRow:
    number: int
    name: str
    domain: str
    earlier: str
    later: str
    change: str
    max_weight: str


@dataclass(frozen=True)
class ReviewPage:
    review: FollowUpReview
    project: Any
    status: str
    colour: str
    answers: list[dict[str, Any]]
    factors: list[FactorRow]
    earlier_label: str
    sustainability_warnings: list[str]
    no_total_reason: str
    may_record: bool
    known: list[dict[str, Any]]


def review_page(review: FollowUpReview, user: Any, today: date) -> ReviewPage:
    project = review.project
    label, colour = REVIEW_STATUS[followup_schedule.status(review.due_on, review.held_on, today)]
    ratings = dict(review.ratings.values_list("factor", "level"))
    earlier_review = (
        FollowUpReview.objects.filter(project=project, held_on__isnull=False, due_on__lt=review.due_on)
        .order_by("-due_on")
        .first()
    )
    earlier = dict(earlier_review.ratings.values_list("factor", "level")) if earlier_review else {}
    comparisons = sustainability.compare(earlier, ratings)
    factors = [
        FactorRow(
            c.factor.number,
            c.factor.name,
            c.factor.domain,
            sustainability.LEVEL_LABELS.get(c.earlier, "—") if c.earlier else "—",
            sustainability.LEVEL_LABELS.get(c.later, "—") if c.later else "—",
            c.change,
            f"{c.factor.max_weight}" if c.factor.max_weight is not None else "not published",
        )
        for c in comparisons
    ]
    answers = []
    if review.held_on:

        def show(value: str, choices: Any) -> str:
            return choices(value).label if value else "Not answered"

        answers = [
            ("Held on", nice_date(review.held_on)),
            ("Is the change still in place?", show(review.change_in_place, ChangeInPlace)),
            ("Adaptations", review.adaptations or "None recorded"),
            ("Is the measure still collected?", show(review.measure_collected, MeasureCollected)),
            ("What the chart shows since completion", show(review.chart_says, ChartSays)),
            ("Who left", review.who_left or "Nobody recorded"),
            (
                "Why things slipped",
                "; ".join(SlipReason(r).label for r in review.slip_reasons) or "Nothing recorded",
            ),
            ("What slipped", review.what_slipped or "Nothing recorded"),
            ("Refresher wanted", {True: "Yes", False: "No", None: "Not answered"}[review.refresher_wanted]),
            ("What next", review.what_next or "Not recorded"),
            ("Embedding", show(review.embedding, Embedding)),
            (
                "Progress score",
                f"{review.progress_score}" if review.progress_score is not None else "Not scored",
            ),
        ]
    return ReviewPage(
        known=[{"key": {"text": k}, "value": {"text": v}} for k, v in known_before_review(review, today)],
        review=review,
        project=project,
        status=label,
        colour=colour,
        answers=[{"key": {"text": k}, "value": {"text": v}} for k, v in answers],
        factors=factors,
        earlier_label=earlier_review.get_kind_display() if earlier_review else "",
        sustainability_warnings=sustainability.warnings(earlier, ratings) if ratings else [],
        no_total_reason=sustainability.NO_TOTAL_REASON,
        may_record=user.has_perm("programme.record_review", review),
    )


def known_before_review(review: FollowUpReview, today: date) -> list[tuple[str, str]]:
    """What the app already knows before the review, so the meeting starts from facts
    (shared/toolkit/FOLLOWUP_INSTRUMENTS.md §5 A): who left the lead team, the meetings held since
    completion, the signals of stall or decay, the resources, and the last score."""
    from microsystems.projects.leavers import left_the_team
    from microsystems.projects.models import Meeting, TeamMember

    from ..decay import health
    from ..facts import projects_health_facts
    from ..gates import needs_ongoing_resources

    project = review.project
    since = project.completed_on or project.started_on
    gone = {user_id: day for user_id, day in left_the_team(project, today).items() if day >= since}
    left = [
        f"{m.user.full_name} ({m.get_part_display().lower()}), left on {gone[m.user_id]:%-d %B %Y}"
        for m in TeamMember.objects.filter(project=project, user_id__in=list(gone))
        .select_related("user")
        .order_by("user__full_name")
    ]
    meetings = Meeting.objects.filter(project=project, held=True, starts_at__date__gte=since).count()
    status = health(projects_health_facts([project], today)[project.pk])
    earlier = (
        FollowUpReview.objects.filter(project=project, held_on__isnull=False, due_on__lt=review.due_on)
        .order_by("-due_on")
        .first()
    )
    return [
        ("Lead team members who have left since completion", "; ".join(left) or "None recorded"),
        ("Lead-team meetings held since completion", str(meetings)),
        ("Signals of stall or decay", "; ".join(s.text for s in status.signals) or "None"),
        (
            "Will the change need ongoing resources?",
            "Yes, says the coaching agreement"
            if needs_ongoing_resources(project)
            else "Not according to the coaching agreement",
        ),
        ("At the last review", last_review_summary(earlier)),
    ]


def last_review_summary(review: FollowUpReview | None) -> str:
    if review is None:
        return "This is the first review"
    embedding = Embedding(review.embedding).label.lower() if review.embedding else "no rating"
    score = f", progress score {review.progress_score}" if review.progress_score is not None else ""
    return f"{review.get_kind_display()}: {embedding}{score}"
