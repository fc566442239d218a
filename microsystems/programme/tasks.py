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
