"""The programme's regular email: a weekly digest for programme leads and coaches (what moved, what is
stuck, what is due) and a monthly update for each practice's champion. Seed 001 rec 4: the programme must
"remain visible with regular reminders so that it becomes normalised"."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse

from microsystems.core.jinja import nice_date
from microsystems.people.models import Membership
from microsystems.people.roles import Role

from . import followup_schedule
from .decay import Health
from .engagement import EngagementState
from .models import (
    ApplicationStatus,
    CoachAssignment,
    CoachHours,
    CoachingAgreement,
    DigestSent,
    EngagementEvent,
    FollowUpReview,
    FundingApplication,
    Payment,
    PaymentState,
    Programme,
    ProjectHealth,
)
from .notifications import absolute, send


@dataclass
class Digest:
    moved: list[str] = field(default_factory=list)
    stuck: list[str] = field(default_factory=list)
    due: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.moved or self.stuck or self.due)


def week_start(today: date) -> date:
    return today - timedelta(days=today.weekday())


def programme_digest(programme: Programme, today: date, practice_ids: set[int] | None) -> Digest:
    """The week to `today` in the programme, for everyone (`practice_ids` None) or one coach's practices."""
    since = today - timedelta(days=7)
    digest = Digest()
    events = EngagementEvent.objects.filter(
        enrolment__programme=programme, on__gt=since, on__lte=today
    ).select_related("enrolment__practice")
    reviews = FollowUpReview.objects.filter(project__programme=programme).select_related("project__practice")
    health = ProjectHealth.objects.filter(
        project__programme=programme, colour__in=["amber", "red"]
    ).select_related("project__practice")
    if practice_ids is not None:
        events = events.filter(enrolment__practice_id__in=practice_ids)
        reviews = reviews.filter(project__practice_id__in=practice_ids)
        health = health.filter(project__practice_id__in=practice_ids)
    for event in events.order_by("on", "id"):
        state = EngagementState(event.state).label.lower()
        digest.moved.append(f"{event.enrolment.practice.name}: {state} ({nice_date(event.on)})")
    for review in reviews:
        if review.held_on and since < review.held_on <= today:
            digest.moved.append(f"{review.project.practice.name}: {review.get_kind_display()} held")
        status = followup_schedule.status(review.due_on, review.held_on, today)
        if status in ("open", "due", "overdue"):
            when = "overdue since" if status == "overdue" else "due"
            digest.due.append(
                f"{review.project.practice.name}: {review.get_kind_display()} of “{review.project.title}”, "
                f"{when} {nice_date(review.due_on)}"
            )
    for record in sorted(health, key=lambda h: (h.colour != "red", h.project.practice.name)):
        reasons = "; ".join(s["text"] for s in record.signals)
        label = Health(record.colour).label.lower()
        digest.stuck.append(f"{record.project.practice.name}: “{record.project.title}”, {label}. {reasons}")
    if practice_ids is None:
        digest.due += for_the_lead(programme, since, today)
    return digest


def for_the_lead(programme: Programme, since: date, today: date) -> list[str]:
    """What waits for the programme lead: payments that fell due this week (a milestone reached), the
    others still to approve, and funding applications to decide."""
    lines = []
    waiting = list(
        Payment.objects.filter(programme=programme, state=PaymentState.DUE, due_on__lte=today)
        .select_related("project__practice")
        .order_by("due_on", "id")
    )
    for payment in waiting:
        if payment.due_on > since:
            what = payment.milestone or payment.get_route_display()
            lines.append(
                f"{payment.project.practice.name}: £{payment.amount:,.2f} for “{payment.project.title}” "
                f"({what}) fell due on {nice_date(payment.due_on)}: approve it on the payments ledger"
            )
    earlier = [p for p in waiting if p.due_on <= since]
    if earlier:
        total = sum(p.amount for p in earlier)
        lines.append(
            f"{len(earlier)} earlier payment{'s' if len(earlier) != 1 else ''} (£{total:,.2f}) still "
            "waiting to be approved"
        )
    for application in FundingApplication.objects.filter(
        project__programme=programme, status=ApplicationStatus.SUBMITTED
    ).select_related("project__practice"):
        lines.append(
            f"{application.project.practice.name}: a funding application for “{application.project.title}” "
            f"(£{application.requested_amount:,.2f}, sent {nice_date(application.submitted_on)}) waits for "
            "your decision"
        )
    return lines


def send_weekly_digests(today: date) -> int:
    """One digest per programme lead and per coach with something to say; once a week each."""
    sent = 0
    period = week_start(today)
    for programme in Programme.objects.select_related("commissioner"):
        link = absolute(reverse("programme-detail", args=[programme.public_id]))
        everything = programme_digest(programme, today, None)
        leads = (
            Membership.objects.active()
            .filter(organisation=programme.commissioner, role=Role.PROGRAMME_LEAD, user__is_active=True)
            .select_related("user")
        )
        for membership in leads:
            sent += _send_once("weekly", period, membership.user, programme, everything, link)
        coached: dict[Any, set[int]] = {}
        for assignment in CoachAssignment.objects.filter(
            coach__programme=programme, ended_on__isnull=True, coach__user__is_active=True
        ).select_related("coach__user", "enrolment"):
            coached.setdefault(assignment.coach.user, set()).add(assignment.enrolment.practice_id)
        for user, practice_ids in coached.items():
            digest = programme_digest(programme, today, practice_ids)
            sent += _send_once("weekly", period, user, programme, digest, link)
    return sent


def _send_once(kind: str, period: date, user: Any, programme: Programme, digest: Digest, link: str) -> int:
    if digest.empty:
        return 0
    try:
        with transaction.atomic():
            DigestSent.objects.create(kind=kind, period=period, recipient=user.email)
            send(
                f"{programme.name}: the week to {nice_date(period + timedelta(days=6))}",
                "programme/email/weekly_digest.txt",
                {"name": user.get_short_name(), "digest": digest, "link": link, "programme": programme},
                [user.email],
            )
    except IntegrityError:
        return 0  # already sent this week
    return 1


def send_monthly_updates(today: date) -> int:
    """A monthly update for each practice's champion: their projects, how each is going, coaching given
    last month and the next review."""
    from microsystems.projects.models import Project

    period = today.replace(day=1)
    last_month_start = (period - timedelta(days=1)).replace(day=1)
    sent = 0
    agreements = (
        CoachingAgreement.objects.filter(
            champion__isnull=False, champion__is_active=True, signed_on__isnull=False
        )
        .select_related("champion", "enrolment__practice", "enrolment__programme")
        .order_by("enrolment_id", "-signed_on")
    )
    seen: set[int] = set()
    for agreement in agreements:
        enrolment = agreement.enrolment
        if enrolment.pk in seen or EngagementState(enrolment.state).has_left:
            continue
        seen.add(enrolment.pk)
        projects = list(
            Project.objects.filter(programme=enrolment.programme, practice=enrolment.practice)
            .exclude(status="stopped")
            .select_related("health")
        )
        if not projects:
            continue
        lines = []
        for project in projects:
            record = getattr(project, "health", None)
            status = Health(record.colour).label if record else project.get_status_display()
            review = (
                FollowUpReview.objects.filter(project=project, held_on__isnull=True)
                .order_by("due_on")
                .first()
            )
            next_review = f"; next review due {nice_date(review.due_on)}" if review else ""
            lines.append(f"“{project.title}”: {status.lower()}{next_review}")
        hours = sum(
            CoachHours.objects.filter(
                enrolment=enrolment, on__gte=last_month_start, on__lt=period
            ).values_list("hours", flat=True)
        )
        user = agreement.champion
        if user is None:
            continue
        try:
            with transaction.atomic():
                DigestSent.objects.create(kind="monthly", period=period, recipient=user.email)
                send(
                    f"{enrolment.practice.name}: your improvement work this month",
                    "programme/email/monthly_update.txt",
                    {
                        "name": user.get_short_name(),
                        "practice": enrolment.practice,
                        "lines": lines,
                        "hours": hours,
                        "month": f"{last_month_start:%B %Y}",
                    },
                    [user.email],
                )
        except IntegrityError:
            continue
        sent += 1
    return sent
