"""Stall and decay: the signals, the status they add up to, and the daily check that tells the coach."""

import io
from datetime import date, timedelta

from django.core import mail
from django.core.management import call_command

from microsystems.programme.decay import (
    ALL_SIGNALS,
    NOT_COMPUTED,
    MeasureFacts,
    ProjectFacts,
    health,
    signals,
)
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

    def test_a_completed_project_turning_red_gets_an_early_review(self, demo: Programme) -> None:
        from microsystems.measures.models import DataPoint, Measure
        from microsystems.programme.models import FollowUpReview

        orchard = enrolment_of(demo, "Z90001")
        project = start_project(demo, orchard.practice, "Reminder texts", date(2025, 1, 6))
        project.status, project.completed_on = "completed", date(2025, 6, 30)
        project.save()  # its reviews are due at the end of December and in June
        measure = Measure.objects.create(project=project, name="Texts sent", definition="Texts", kind="count")
        DataPoint.objects.create(measure=measure, period=date(2025, 7, 1), value=40)
        mail.outbox.clear()

        self.run(date(2025, 9, 1))  # no data for nine weeks on a weekly measure: at risk

        early = FollowUpReview.objects.get(project=project, kind="further")
        assert early.due_on == date(2025, 9, 15)
        (told,) = [m for m in mail.outbox if m.subject.startswith("At risk: “Reminder texts”")]
        assert "An early review is scheduled for 15 September 2025" in told.body
        assert f"/follow-ups/{early.public_id}/" in told.body
        self.run(date(2025, 9, 2))  # still red the next day: no second review, no second email
        assert FollowUpReview.objects.filter(project=project, kind="further").count() == 1
        assert len([m for m in mail.outbox if "Reminder texts" in m.subject]) == 1


class TestSignalsFromTheData:
    def completed(self, **more: object) -> ProjectFacts:
        return ProjectFacts(
            today=DAY,
            active=False,
            started_on=DAY - timedelta(days=300),
            completed_on=DAY - timedelta(days=100),
            **more,  # type: ignore[arg-type]
        )

    def test_no_new_data_for_twice_the_interval_then_four_times(self) -> None:
        def after(days: int, frequency: str = "weekly") -> ProjectFacts:
            return self.completed(measures=(MeasureFacts("Calls", frequency, DAY - timedelta(days=days)),))

        assert codes(after(13)) == set() and codes(after(14)) == {"W1"}
        assert health(after(14)).colour == "amber" and health(after(28)).colour == "red"
        assert "for 4 weeks" in signals(after(28))[0].text
        assert codes(after(13, "daily")) == set()  # never under two weeks: weekends and bank holidays
        assert codes(after(59, "monthly")) == set() and codes(after(60, "monthly")) == {"W1"}
        # Data is watched until the 12-month review, not for ever.
        long_ago = ProjectFacts(
            today=DAY,
            active=False,
            started_on=DAY - timedelta(days=900),
            completed_on=DAY - timedelta(days=400),
            measures=(MeasureFacts("Calls", "weekly", DAY - timedelta(days=300)),),
        )
        assert codes(long_ago) == set()

    def test_a_measure_going_back_needs_attention_and_gone_back_is_red(self) -> None:
        concern = self.completed(measures=(MeasureFacts("Calls", "weekly", DAY, concern=True),))
        assert codes(concern) == {"W4"} and health(concern).colour == "amber"
        gone = self.completed(measures=(MeasureFacts("Calls", "weekly", DAY, reverted=True),))
        assert health(gone).colour == "red"
        assert "nearer the baseline" in signals(gone)[0].text

    def test_half_the_team_or_a_measure_owner_gone_after_completion(self) -> None:
        assert codes(self.completed(team_size=4, team_gone=2)) == {"W3"}
        assert codes(self.completed(team_size=4, team_gone=1)) == set()
        owner = self.completed(measures=(MeasureFacts("Calls", "weekly", DAY, owner_gone=True),))
        assert codes(owner) == {"W3"}
        # With the champion gone too, the project is at risk.
        both = self.completed(team_size=4, team_gone=2, champion_left_on=DAY - timedelta(days=30))
        assert health(both).colour == "red"

    def test_a_lowered_progress_score_and_a_standard_due_a_review(self) -> None:
        assert codes(self.completed(progress_scores=(4.0, 4.5))) == set()
        lowered = self.completed(progress_scores=(4.5, 4.0))
        assert codes(lowered) == {"W9"} and "from 4.5 to 4" in signals(lowered)[0].text
        stale = self.completed(stale_standards=("Text normal results",))
        assert codes(stale) == {"W14"} and "Text normal results" in signals(stale)[0].text

    def test_the_signals_that_cannot_be_computed_say_why(self) -> None:
        assert set(NOT_COMPUTED) == {"W10", "W12", "W13"}
        assert set(ALL_SIGNALS) | set(NOT_COMPUTED) == {"INACTIVE"} | {f"W{n}" for n in range(1, 15)}


class TestSignalsReadFromTheDatabase:
    def test_a_measure_that_stopped_and_one_that_went_back(self, demo: Programme) -> None:
        from microsystems.measures.models import DataPoint, Measure, Phase
        from microsystems.programme.facts import projects_health_facts

        today = date(2026, 6, 1)
        practice = enrolment_of(demo, "Z90005").practice
        project = start_project(demo, practice, "Phones", date(2025, 6, 1))
        project.status, project.completed_on = "completed", date(2026, 3, 1)
        project.save()
        stopped = Measure.objects.create(
            project=project, name="Calls abandoned", definition="Calls", kind="count", better="down"
        )
        DataPoint.objects.bulk_create(
            DataPoint(measure=stopped, period=date(2026, 5, 1) - timedelta(weeks=n), value=10)
            for n in range(8)
        )
        back = Measure.objects.create(
            project=project, name="Calls answered", definition="Calls", kind="count", better="up"
        )
        # Twelve weeks around 20, the change, twelve weeks around 40, then six weeks back around 20.
        before = [20, 21, 19, 20, 22, 18, 20, 21, 19, 20, 20, 21]
        improved = [40, 41, 39, 40, 42, 38, 40, 41, 39, 40, 40, 41]
        values = [*before, *improved, 21, 19, 20, 22, 18, 20]
        start = today - timedelta(weeks=len(values))
        DataPoint.objects.bulk_create(
            DataPoint(measure=back, period=start + timedelta(weeks=n), value=v) for n, v in enumerate(values)
        )
        Phase.objects.create(measure=back, starts_on=start + timedelta(weeks=12), reason="New rota")

        facts = projects_health_facts([project], today)[project.pk]
        by_name = {m.name: m for m in facts.measures}
        assert by_name["Calls abandoned"].since == date(2026, 5, 1)
        assert by_name["Calls answered"].reverted and not by_name["Calls abandoned"].reverted
        result = health(facts)
        assert result.colour == "red"
        texts = " ".join(s.text for s in result.signals)
        assert "No new data on “Calls abandoned” for 4 weeks" in texts
        assert "“Calls answered” has gone back" in texts
