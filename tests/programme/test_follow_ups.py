"""Completing a project schedules its reviews; recording them moves the practice on; the reminder job,
run with the clock moved forward, emails the champion, the coach and the programme lead once each."""

import io
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from microsystems.programme import actions
from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.followup_schedule import add_months
from microsystems.programme.models import FollowUpReview, Programme, ReminderSent
from microsystems.programme.presenters.followups import follow_up_list
from tests.demo_people import LEAD
from tests.programme.helpers import enrolment_of, lead, start_project

TODAY = timezone.localdate()
ANSWERS: dict[str, Any] = {
    "change_in_place": "as_designed",
    "measure_collected": "yes",
    "chart_says": "held",
    "refresher_wanted": False,
    "embedding": "embedded",
    "progress_score": Decimal("4.5"),
}


def completed_orchard_lane(programme: Programme, completed_on: date) -> list[FollowUpReview]:
    orchard = enrolment_of(programme, "Z90001")
    project = start_project(
        programme, orchard.practice, "Calls answered in two minutes", completed_on - timedelta(days=120)
    )
    return actions.complete_project(project=project, completed_on=completed_on, by=lead())


def test_completing_schedules_reviews_at_six_and_twelve_months(demo: Programme) -> None:
    six, twelve = completed_orchard_lane(demo, date(2026, 8, 31))
    assert (six.kind, six.due_on) == ("six_months", date(2027, 2, 28))
    assert (twelve.kind, twelve.due_on) == ("twelve_months", date(2027, 8, 31))
    orchard = enrolment_of(demo, "Z90001")
    assert orchard.state == S.PROJECT_COMPLETED and orchard.state_since == date(2026, 8, 31)


def test_a_project_completed_in_the_workbook_gets_its_reviews_too(demo: Programme) -> None:
    orchard = enrolment_of(demo, "Z90001")
    project = start_project(demo, orchard.practice, "Done elsewhere", date(2026, 1, 5))
    project.status, project.completed_on = "completed", date(2026, 6, 30)
    project.save()
    assert sorted(FollowUpReview.objects.filter(project=project).values_list("due_on", flat=True)) == [
        date(2026, 12, 30),
        date(2027, 6, 30),
    ]


def test_completion_cannot_be_in_the_future_or_twice(demo: Programme) -> None:
    with pytest.raises(ValidationError):
        completed_orchard_lane(demo, TODAY + timedelta(days=1))
    (six, _) = completed_orchard_lane(demo, TODAY)
    with pytest.raises(ValidationError, match="already complete"):
        actions.complete_project(project=six.project, completed_on=TODAY, by=lead())


def test_recording_the_reviews_moves_the_practice_on_and_a_partial_embedding_asks_for_another(
    demo: Programme,
) -> None:
    six, twelve = completed_orchard_lane(demo, TODAY - timedelta(days=400))
    with pytest.raises(ValidationError) as refused:
        actions.record_review(review=six, held_on=TODAY, by=lead())
    assert {"change_in_place", "embedding"} <= set(refused.value.message_dict)
    actions.record_review(
        review=six, held_on=TODAY - timedelta(days=200), by=lead(), ratings={1: 4, 10: 3}, **ANSWERS
    )
    assert enrolment_of(demo, "Z90001").state == S.FOLLOWED_UP_6_MONTHS
    actions.record_review(
        review=twelve,
        held_on=TODAY,
        by=lead(),
        ratings={1: 3, 10: 1},
        **{**ANSWERS, "embedding": "partial", "slip_reasons": ["staff_turnover", "made-up"]},
    )
    twelve.refresh_from_db()
    assert twelve.slip_reasons == ["staff_turnover"]
    assert enrolment_of(demo, "Z90001").state == S.FOLLOWED_UP_12_MONTHS
    further = FollowUpReview.objects.get(project=twelve.project, kind="further")
    assert further.due_on == add_months(twelve.due_on, 6)


def test_a_sustainability_score_is_shown_by_factor_and_never_as_an_invented_total(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    twelve = FollowUpReview.objects.get(project__practice__ods_code="Z90011", kind="twelve_months")
    page = client_for(LEAD).get(reverse("programme-review", args=[demo.public_id, twelve.public_id])).text
    assert "A total score cannot be computed" in page
    assert "Weaker than at the last review" in page
    assert "not published" in page  # factors 8 and 9


class TestReminders:
    """The daily job (`microsystems send-reminders`, run by a scheduler) with the clock moved forward."""

    def run(self, today: date) -> None:
        call_command("send-reminders", today=today.isoformat(), stdout=io.StringIO())

    def test_before_due_and_overdue_each_once_to_the_champion_coach_and_lead(self, demo: Programme) -> None:
        FollowUpReview.objects.all().delete()  # only this test's review
        (six, _) = completed_orchard_lane(demo, date(2026, 3, 2))  # six-month review due 2 September 2026
        mail.outbox.clear()

        self.run(date(2026, 8, 18))  # 15 days before: nothing yet
        assert mail.outbox == []

        self.run(date(2026, 8, 19))  # the window opens
        recipients = sorted(address for message in mail.outbox for address in message.to)
        assert recipients == sorted(
            ["priya.orchard-lane@demo.example", "ruth.coach@demo.example", "chloe.coach@demo.example", LEAD]
        )
        assert all("is due on 2 September 2026" in m.subject for m in mail.outbox)
        assert "Record it here: http" in mail.outbox[0].body

        self.run(date(2026, 8, 20))  # the next day: not again
        assert len(mail.outbox) == 4

        self.run(date(2026, 9, 2))  # due
        assert len(mail.outbox) == 8 and mail.outbox[-1].subject.endswith("is due today")

        self.run(date(2026, 10, 1))  # overdue
        assert len(mail.outbox) == 12 and mail.outbox[-1].subject.startswith("Overdue:")
        assert ReminderSent.objects.filter(review=six).count() == 12

    def test_a_held_review_is_not_reminded_about(self, demo: Programme) -> None:
        FollowUpReview.objects.all().delete()
        (six, _) = completed_orchard_lane(demo, date(2026, 3, 2))
        actions.record_review(review=six, held_on=date(2026, 9, 1), by=lead(), **ANSWERS)
        mail.outbox.clear()
        self.run(date(2026, 10, 1))
        assert mail.outbox == []

    def test_overdue_reviews_are_listed_for_the_lead(self, demo: Programme) -> None:
        listing = follow_up_list(demo, date(2026, 11, 2))
        assert [(line.practice, line.kind) for line in listing.overdue] == [
            ("Elm Tree Surgery", "Further review")
        ]
        assert listing.held >= 3


def test_the_progress_score_is_suggested_when_nobody_sets_it(demo: Programme) -> None:
    six, _ = completed_orchard_lane(demo, TODAY - timedelta(days=200))
    answers = {**ANSWERS, "chart_says": "slipping", "embedding": "partial", "progress_score": None}
    actions.record_review(review=six, held_on=TODAY, by=lead(), **answers)
    six.refresh_from_db()
    assert six.progress_score == Decimal("4.0")


class TestDigests:
    def run(self, today: date, *flags: str) -> None:
        call_command("send-digests", *flags, today=today.isoformat(), stdout=io.StringIO())

    def test_the_weekly_digest_on_mondays_to_the_lead_and_each_coach_once(self, demo: Programme) -> None:
        mail.outbox.clear()
        self.run(date(2026, 11, 3))  # a Tuesday: nothing
        assert mail.outbox == []
        self.run(date(2026, 11, 2))  # a Monday
        to_lead = [m for m in mail.outbox if m.to == [LEAD]]
        assert len(to_lead) == 1
        body = to_lead[0].body
        assert "What moved" in body and "Marsh Gate Family Practice: invited" in body
        assert "What is stuck" in body and "at risk" in body
        assert "What is due" in body and "Elm Tree Surgery: Further review" in body
        to_coach = [m for m in mail.outbox if m.to == ["david.coach@demo.example"]]
        assert to_coach and "Marsh Gate" not in to_coach[0].body  # a coach hears about their practices only
        sent = len(mail.outbox)
        self.run(date(2026, 11, 2))
        assert len(mail.outbox) == sent  # once a week

    def test_the_leads_digest_says_which_payments_fell_due_and_what_waits_for_a_decision(
        self, demo: Programme
    ) -> None:
        from microsystems.programme.models import FundingApplication

        demo.payment_milestones = []  # first projects paid in one go, when they start
        demo.save(update_fields=["payment_milestones"])
        hollow_oak = enrolment_of(demo, "Z90005").practice
        start_project(
            demo, hollow_oak, "Phones answered by 8:30", date(2026, 10, 29)
        )  # its payment falls due
        kingsfield = FundingApplication.objects.get(project__practice__ods_code="Z90003")
        kingsfield.status, kingsfield.decision_reason = "submitted", ""
        kingsfield.save()
        mail.outbox.clear()
        self.run(date(2026, 11, 2))
        (to_lead,) = [m for m in mail.outbox if m.to == [LEAD]]
        assert "Hollow Oak Surgery: £3,000.00 for “Phones answered by 8:30”" in to_lead.body
        assert "fell due on 29 October 2026: approve it on the payments ledger" in to_lead.body
        assert "still waiting to be approved" in to_lead.body
        assert "a funding application for “Annual asthma reviews that people attend”" in to_lead.body
        coaches = [m for m in mail.outbox if m.to[0].endswith(".coach@demo.example")]
        assert coaches and all("payments ledger" not in m.body for m in coaches)

    def test_the_monthly_update_for_champions(self, demo: Programme) -> None:
        mail.outbox.clear()
        self.run(date(2026, 11, 1))
        to_priory = [m for m in mail.outbox if m.to == ["karen.priory-fields@demo.example"]]
        assert len(to_priory) == 1
        assert "Weekly ward rounds with Willowmere Care Home" in to_priory[0].body
        assert not [m for m in mail.outbox if "chalk-hill" in m.to[0]]  # it withdrew


def test_the_project_page_shows_the_confirmed_or_the_suggested_progress_score(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    from microsystems.projects.models import Project

    held = Project.objects.get(title="More cervical screening tests done on time")
    page = client_for(LEAD).get(reverse("programme-project", args=[demo.public_id, held.public_id])).text
    assert "4.0 on the 0.5 to 5 scale. Confirmed at the 12-month review." in page
    fresh = start_project(demo, enrolment_of(demo, "Z90001").practice, "Fresh", TODAY)
    page = client_for(LEAD).get(reverse("programme-project", args=[demo.public_id, fresh.public_id])).text
    assert (
        "0.5 on the 0.5 to 5 scale. Suggested from the workbook: The project is named; no team yet." in page
    )


def test_the_review_starts_from_what_the_app_already_knows(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    from microsystems.people.models import Membership
    from microsystems.projects.models import Project, TeamMember

    project = Project.objects.get(title="Incoming test results handled within two working days")  # Millbrook
    review = FollowUpReview.objects.get(project=project, kind="six_months")
    member = TeamMember.objects.filter(project=project, part="member").select_related("user").first()
    assert member is not None
    Membership.objects.filter(user=member.user, organisation=project.practice).update(
        ended_on=date(2026, 9, 1)
    )
    page = client_for(LEAD).get(reverse("programme-review", args=[demo.public_id, review.public_id])).text
    assert "What we already know" in page
    assert f"{member.user.full_name} (member)" in page
    assert "This is the first review" in page
