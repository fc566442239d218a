"""The reminder job as it runs in production: the scheduler runs `send-reminders` each day with no date
given, the job is queued in the database, and the worker sends the emails. The clock is moved forward day by
day; the emails are read in the test outbox."""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from microsystems.programme.models import FollowUpReview, Programme
from tests.demo_people import LEAD
from tests.programme.test_follow_ups import completed_orchard_lane

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@contextmanager
def the_clock_at(day: date) -> Iterator[None]:
    """Every "now" in the product is this day at seven in the morning, local time."""
    moment = datetime.combine(day, time(7, 0), tzinfo=ZoneInfo(settings.TIME_ZONE))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def a_day_passes(day: date) -> int:
    """The scheduler runs the job; the worker then does everything queued. Returns the emails sent."""
    before = len(mail.outbox)
    with the_clock_at(day):
        call_command("send-reminders", stdout=io.StringIO())
        call_command("db_worker", batch=True, startup_delay=False, reload=False, stdout=io.StringIO())
    return len(mail.outbox) - before


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_the_worker_sends_each_reminder_once_as_the_days_go_by(demo: Programme) -> None:
    from django_tasks_db.models import DBTaskResult

    FollowUpReview.objects.all().delete()  # only this test's review
    completed_orchard_lane(demo, date(2026, 3, 2))  # its six-month review is due on 2 September 2026
    mail.outbox.clear()

    assert a_day_passes(date(2026, 8, 18)) == 0  # fifteen days before: nothing yet
    assert a_day_passes(date(2026, 8, 19)) == 4  # the window opens: champion, two coaches, the lead
    assert {a for m in mail.outbox for a in m.to} >= {LEAD, "priya.orchard-lane@demo.example"}
    assert all("is due on 2 September 2026" in m.subject for m in mail.outbox)
    assert a_day_passes(date(2026, 8, 20)) == 0  # not again the next day
    assert a_day_passes(date(2026, 9, 2)) == 4 and mail.outbox[-1].subject.endswith("is due today")
    assert a_day_passes(date(2026, 10, 1)) == 4 and mail.outbox[-1].subject.startswith("Overdue:")
    # Each day's job was queued in the database and done by the worker.
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 5
