"""Stall and decay: the signals, the status they add up to, and the daily check that tells the coach."""

import io
from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

from microsystems.programme.decay import ProjectFacts, health, signals
from microsystems.programme.models import CoachAssignment, Programme, ProjectHealth
from tests.programme.helpers import enrolment_of, start_project

DAY = date(2026, 6, 1)


def codes(facts: ProjectFacts) -> set[str]:
    return {s.code for s in signals(facts)}


class TestSignals:
    def test_a_busy_project_is_green(self) -> None:
        facts = ProjectFacts(
            today=DAY,
            active=True,
            started_on=DAY - timedelta(days=60),
            last_activity=DAY,
            meeting_every_days=7,
            last_meeting_held=DAY - timedelta(days=6),
        )
        assert health(facts).colour == "green" and health(facts).label == "On track"

    def test_fourteen_days_without_activity_flags_it(self) -> None:
        quiet = ProjectFacts(
            today=DAY,
            active=True,
            started_on=DAY - timedelta(days=90),
            last_activity=DAY - timedelta(days=14),
        )
        assert codes(quiet) == {"INACTIVE"} and health(quiet).colour == "amber" and health(quiet).inactive
        assert not codes(
            ProjectFacts(
                today=DAY,
                active=True,
                started_on=DAY - timedelta(days=90),
                last_activity=DAY - timedelta(days=13),
            )
        )

    def test_meetings_stopped_by_the_plan(self) -> None:
        weekly = ProjectFacts(
            today=DAY,
            active=True,
            started_on=DAY - timedelta(days=90),
            last_activity=DAY,
            meeting_every_days=7,
            last_meeting_held=DAY - timedelta(weeks=4),
        )
        monthly = ProjectFacts(
            today=DAY,
            active=True,
            started_on=DAY - timedelta(days=90),
            last_activity=DAY,
            meeting_every_days=30,
            last_meeting_held=DAY - timedelta(weeks=4),
        )
        assert "W5" in codes(weekly) and "W5" not in codes(monthly)

    def test_losing_the_champion_and_the_coach_together_is_red(self) -> None:
        facts = ProjectFacts(
            today=DAY,
            active=False,
            started_on=date(2025, 1, 1),
            last_activity=date(2025, 9, 1),
            champion_left_on=DAY - timedelta(days=20),
            active_coaches=0,
            coaching_ended_on=DAY - timedelta(weeks=9),
        )
        assert codes(facts) == {"W2", "W7"} and health(facts).colour == "red"

    def test_a_champion_replaced_within_two_weeks_is_no_signal(self) -> None:
        facts = ProjectFacts(
            today=DAY, active=False, started_on=date(2025, 1, 1), champion_left_on=DAY - timedelta(days=13)
        )
        assert codes(facts) == set()

    def test_a_reverted_measure_alone_is_red(self) -> None:
        facts = ProjectFacts(today=DAY, active=False, started_on=date(2025, 1, 1), chart_reverted=True)
        assert health(facts).colour == "red"

    def test_an_overdue_review_needs_attention(self) -> None:
        facts = ProjectFacts(today=DAY, active=False, started_on=date(2025, 1, 1), overdue_reviews=1)
        assert health(facts).colour == "amber"


class TestDailyCheck:
    def run(self, today: date) -> None:
        call_command("check-projects", today=today.isoformat(), stdout=io.StringIO())

    def test_the_coach_hears_once_about_two_quiet_weeks(self, demo: Programme) -> None:
        orchard = enrolment_of(demo, "Z90001")
        project = start_project(demo, orchard.practice, "Calls answered in two minutes", date(2026, 9, 1))
        mail.outbox.clear()
        self.run(date(2026, 9, 10))
        assert not [m for m in mail.outbox if "Calls answered" in m.subject]
        self.run(date(2026, 9, 20))
        (told,) = [m for m in mail.outbox if "Calls answered" in m.subject]
        assert (
            told.subject
            == "No activity for two weeks: “Calls answered in two minutes” at Orchard Lane Surgery"
        )
        assert sorted(told.to) == ["chloe.coach@demo.example", "ruth.coach@demo.example"]
        assert "No activity for 19 days." in told.body
        self.run(date(2026, 9, 21))
        assert len([m for m in mail.outbox if "Calls answered" in m.subject]) == 1
        assert ProjectHealth.objects.get(project=project).colour == "amber"

    def test_a_project_turning_red_tells_the_lead_too(self, demo: Programme) -> None:
        orchard = enrolment_of(demo, "Z90001")
        project = start_project(demo, orchard.practice, "Reminder texts", date(2025, 1, 6))
        project.status, project.completed_on = "completed", date(2025, 6, 30)
        project.save()
        CoachAssignment.objects.filter(enrolment=orchard).update(ended_on=date(2025, 7, 1))
        mail.outbox.clear()
        self.run(date(2026, 3, 1))  # coach gone 8 months, the 6-month review overdue
        told = [m for m in mail.outbox if m.subject.startswith("At risk")]
        assert told and "lead@demo.example" in told[0].to
        assert ProjectHealth.objects.get(project=project).colour == "red"
