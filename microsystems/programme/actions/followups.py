"""Completing a project, scheduling its follow-up reviews, and recording them."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import followup_schedule, progress, sustainability
from ..engagement import EngagementState
from ..models import Enrolment, FollowUpReview, ReviewKind, SlipReason, SustainabilityRating
from .engagement import advance_to

REVIEW_ANSWERS = (
    "change_in_place",
    "adaptations",
    "measure_collected",
    "chart_says",
    "who_left",
    "slip_reasons",
    "what_slipped",
    "refresher_wanted",
    "what_next",
    "embedding",
    "progress_score",
)
PROGRESS_SCORES = tuple(Decimal(n) / 2 for n in range(1, 11))  # 0.5 to 5.0


@transaction.atomic
def complete_project(*, project: Any, completed_on: date, by: Any) -> list[FollowUpReview]:
    """Mark the project complete, schedule its 6- and 12-month reviews, and move the practice to
    "project completed"."""
    from microsystems.projects.models import ProjectStatus

    if project.status == ProjectStatus.COMPLETED:
        raise ValidationError("The project is already complete")
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": "The date must be today or in the past"})
    if completed_on < project.started_on:
        raise ValidationError({"completed_on": "The project cannot complete before it started"})
    project.status = ProjectStatus.COMPLETED
    project.completed_on = completed_on
    project.save(update_fields=["status", "completed_on"])
    reviews = schedule_follow_ups(project)
    enrolment = Enrolment.objects.filter(
        programme_id=project.programme_id, practice_id=project.practice_id
    ).first()
    if enrolment:
        advance_to(
            enrolment,
            EngagementState.PROJECT_COMPLETED,
            on=completed_on,
            by=by,
            note=f"Completed “{project.title}”",
        )
    return reviews


def schedule_follow_ups(project: Any) -> list[FollowUpReview]:
    """The 6- and 12-month reviews of a completed project; idempotent."""
    if project.completed_on is None:
        return []
    reviews = []
    for kind, due_on in followup_schedule.review_dates(project.completed_on):
        review, _ = FollowUpReview.objects.get_or_create(
            project=project, kind=kind, defaults={"due_on": due_on}
        )
        reviews.append(review)
    return reviews


@transaction.atomic
def record_review(
    *, review: FollowUpReview, held_on: date, by: Any, ratings: dict[int, int] | None = None, **answers: Any
) -> FollowUpReview:
    """Record what the review found. The practice's engagement moves on to "followed up"; a 12-month review
    that finds the change only partly embedded or at risk schedules a further review."""
    unknown = set(answers) - set(REVIEW_ANSWERS)
    if unknown:
        raise TypeError(f"unknown answers: {sorted(unknown)}")
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "The date must be today or in the past"})
    project = review.project
    if project.completed_on and held_on < project.completed_on:
        raise ValidationError({"held_on": "The review cannot be before the project completed"})
    errors = {}
    if not answers.get("change_in_place"):
        errors["change_in_place"] = "Say whether the change is still in place"
    if not answers.get("embedding"):
        errors["embedding"] = "Say how embedded the change is"
    score = answers.get("progress_score")
    if score is not None and Decimal(score) not in PROGRESS_SCORES:
        errors["progress_score"] = "Choose a progress score from 0.5 to 5"
    if errors:
        raise ValidationError(errors)
    answers["slip_reasons"] = [r for r in answers.get("slip_reasons") or [] if r in SlipReason.values]
    if answers.get("progress_score") is None:
        # Nobody has to remember to set it: suggested from what the review found, changeable later.
        answers["progress_score"] = progress.suggest(
            progress.Evidence(
                completed=True,
                change_in_place=answers["change_in_place"],
                chart_says=answers.get("chart_says", ""),
                embedding=answers["embedding"],
            )
        ).score
    ratings = {int(f): int(level) for f, level in (ratings or {}).items() if level}
    try:
        sustainability.validate(ratings)
    except ValueError as error:
        raise ValidationError(str(error)) from error
    for name, value in answers.items():
        setattr(review, name, value)
    review.held_on = held_on
    review.recorded_by = by
    review.save()
    review.ratings.all().delete()
    SustainabilityRating.objects.bulk_create(
        [SustainabilityRating(review=review, factor=f, level=level) for f, level in sorted(ratings.items())]
    )
    enrolment = Enrolment.objects.filter(
        programme_id=project.programme_id, practice_id=project.practice_id
    ).first()
    if enrolment and review.kind in (ReviewKind.SIX_MONTHS, ReviewKind.TWELVE_MONTHS):
        state = (
            EngagementState.FOLLOWED_UP_6_MONTHS
            if review.kind == ReviewKind.SIX_MONTHS
            else EngagementState.FOLLOWED_UP_12_MONTHS
        )
        advance_to(
            enrolment, state, on=held_on, by=by, note=f"{review.get_kind_display()} of “{project.title}”"
        )
    if review.kind != ReviewKind.SIX_MONTHS:
        further = followup_schedule.further_review_due(review.due_on, review.embedding)
        if further and not FollowUpReview.objects.filter(project=project, due_on=further).exists():
            FollowUpReview.objects.create(project=project, kind=ReviewKind.FURTHER, due_on=further)
    from .funding import release_milestone_payments

    release_milestone_payments(project=project)
    return review


EARLY_REVIEW_IN = timedelta(days=14)
ALREADY_WAITING = timedelta(days=28)


def schedule_early_review(*, project: Any, today: date) -> FollowUpReview | None:
    """A completed project that turns red (FOLLOWUP_INSTRUMENTS.md §6: "red triggers an early review")
    gets a further review in two weeks, unless a review not yet held is overdue or due within four weeks.
    Its reminders then follow like any other review's."""
    if project.status != "completed":
        return None
    if FollowUpReview.objects.filter(
        project=project, held_on__isnull=True, due_on__lte=today + ALREADY_WAITING
    ).exists():
        return None
    return FollowUpReview.objects.create(
        project=project, kind=ReviewKind.FURTHER, due_on=today + EARLY_REVIEW_IN
    )
