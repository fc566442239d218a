"""Background tasks (Django's tasks framework; the database-backed worker runs them in production, and
`microsystems send-reminders`, called by a scheduler each day, enqueues them)."""

from datetime import date

from django.db import transaction
from django.tasks import task

from . import followup_schedule
from .models import FollowUpReview
from .notifications import send_review_reminder


@task
def send_follow_up_reminders(today: str) -> dict[str, int]:
    """Send each review reminder that is due by `today` (an ISO date, so the clock can be moved in tests and
    a late run catches up). Returns how many emails of each kind went out."""
    day = date.fromisoformat(today)
    counts = {followup_schedule.BEFORE: 0, followup_schedule.DUE: 0, followup_schedule.OVERDUE: 0}
    reviews = (
        FollowUpReview.objects.filter(held_on__isnull=True, due_on__lte=day + followup_schedule.WINDOW_OPENS)
        .select_related("project__practice", "project__programme")
        .prefetch_related("reminders")
    )
    for review in reviews:
        # "Already sent" means sent to everyone; a recipient added later still gets the current reminder.
        kinds_sent = {r.kind for r in review.reminders.all()}
        kind = followup_schedule.reminder_to_send(review.due_on, review.held_on, day, set())
        if kind is None or _later_kind_sent(kind, kinds_sent):
            continue
        with transaction.atomic():
            counts[kind] += len(send_review_reminder(review, kind, day))
    return counts


def _later_kind_sent(kind: str, sent: set[str]) -> bool:
    order = (followup_schedule.BEFORE, followup_schedule.DUE, followup_schedule.OVERDUE)
    return any(order.index(s) > order.index(kind) for s in sent if s in order)


@task
def check_project_health(today: str) -> dict[str, int]:
    """The daily stall and decay check (see refresh_health)."""
    return refresh_health(date.fromisoformat(today), notify=True)


def refresh_health(day: date, *, notify: bool) -> dict[str, int]:
    """Compute each active or completed project's stall and decay status (decay.py) and keep it; tell the
    coaches when a project has had no activity for 14 days, and the coaches and the programme lead when
    a project turns red. Each is told once, until the project changes again."""
    from microsystems.projects.models import Project

    from .decay import health
    from .facts import projects_health_facts
    from .models import ProjectHealth
    from .notifications import send_health_alert

    projects = list(
        Project.objects.filter(status__in=["active", "completed"]).select_related("practice", "programme")
    )
    facts = projects_health_facts(projects, day)
    kept = {h.project_id: h for h in ProjectHealth.objects.filter(project__in=projects)}
    counts = {"green": 0, "amber": 0, "red": 0, "told": 0}
    from .actions.followups import schedule_early_review
    from .actions.funding import release_milestone_payments

    for project in projects:
        release_milestone_payments(project=project, today=day)  # a milestone reached since yesterday
        result = health(facts[project.pk])
        counts[result.colour] += 1
        record = kept.get(project.pk) or ProjectHealth(project=project, computed_on=day, colour=result.colour)
        was_red = record.pk is not None and record.colour == "red"
        record.colour = result.colour
        record.signals = [{"code": s.code, "text": s.text} for s in result.signals]
        record.computed_on = day
        last_activity = facts[project.pk].last_activity
        with transaction.atomic():
            if result.inactive and (
                record.inactive_told_on is None or (last_activity and record.inactive_told_on < last_activity)
            ):
                if notify:
                    counts["told"] += send_health_alert(project, result, day, leads=False)
                record.inactive_told_on = day
            if result.colour == "red" and not was_red:
                early = schedule_early_review(project=project, today=day)
                if notify:
                    counts["told"] += send_health_alert(project, result, day, leads=True, early_review=early)
                record.red_told_on = day
            record.save()
    return counts


@task
def send_digests(today: str, weekly: bool = False, monthly: bool = False) -> dict[str, int]:
    """The weekly digest (on Mondays, or when asked) and the monthly update (on the 1st, or when asked)."""
    from .digests import send_monthly_updates, send_weekly_digests

    day = date.fromisoformat(today)
    counts = {"weekly": 0, "monthly": 0}
    if weekly or day.weekday() == 0:
        counts["weekly"] = send_weekly_digests(day)
    if monthly or day.day == 1:
        counts["monthly"] = send_monthly_updates(day)
    return counts
