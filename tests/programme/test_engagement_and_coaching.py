"""Recruiting practices, moving them through the programme, and matching coaches: the actions."""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from microsystems.people.models import Organisation
from microsystems.programme import actions
from microsystems.programme.engagement import EngagementState as S
from microsystems.programme.models import Coach, CoachAssignment, CoachHours, Programme
from tests.programme.helpers import enrolment_of, lead

TODAY = timezone.localdate()


def test_recruiting_a_new_practice_invites_it_and_sends_the_invitation(
    demo: Programme, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = actions.recruit_practice(
            programme=demo,
            by=lead(),
            name="Willow Bank Surgery",
            ods_code="z90099",
            invited_on=TODAY,
            contact_email="manager@willow-bank.example",
        )
    assert enrolment.state == S.INVITED
    assert enrolment.practice.ods_code == "Z90099"
    assert list(enrolment.events.values_list("state", flat=True)) == [S.INVITED]
    (sent,) = mail.outbox
    assert sent.to == ["manager@willow-bank.example"]
    assert "Willow Bank Surgery" in sent.body and "enhanced service payment" in sent.body


def test_a_practice_cannot_be_recruited_twice(
    demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    with pytest.raises(ValidationError, match="already in the programme"):
        actions.recruit_practice(programme=demo, by=lead(), practice=practice("Z90001"))


def test_withdrawing_needs_a_reason_and_an_account_and_keeps_the_exit_answers(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90004")  # Station Road: agreement signed
    with pytest.raises(ValidationError) as refused:
        actions.change_engagement(enrolment=enrolment, state=S.WITHDREW, on=TODAY, by=lead())
    assert set(refused.value.message_dict) == {"exit_reason", "exit_detail"}
    enrolment.refresh_from_db()
    assert enrolment.state == S.AGREEMENT_SIGNED  # nothing changed

    actions.change_engagement(
        enrolment=enrolment,
        state=S.WITHDREW,
        on=TODAY,
        by=lead(),
        exit_reason="competing_priorities",
        exit_reasons=["time", "not-a-reason"],
        exit_detail="An inspection this winter.",
        exit_answers={"issues": "The inspection.", "needs_not_met": "a decline question: not kept"},
    )
    enrolment.refresh_from_db()
    assert enrolment.state == S.WITHDREW and enrolment.state_since == TODAY
    assert enrolment.exit_stage == S.AGREEMENT_SIGNED
    assert enrolment.exit_reasons == ["competing_priorities", "time"]
    assert enrolment.exit_answers == {"issues": "The inspection."}
    assert enrolment.events.order_by("-on", "-id").first().state == S.WITHDREW  # type: ignore[union-attr]


def test_coming_back_clears_the_exit_but_keeps_it_in_the_history(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90007")  # Beacon View declined
    actions.change_engagement(enrolment=enrolment, state=S.INTERESTED, on=TODAY, by=lead())
    enrolment.refresh_from_db()
    assert enrolment.exit_reason == "" and enrolment.exit_answers == {}
    assert "Returned after it declined" in enrolment.events.order_by("-id").first().note  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("state", "on", "field"),
    [
        (S.PROJECT_COMPLETED, TODAY + timedelta(days=1), "on"),  # in the future
        (S.PROJECT_COMPLETED, date(2020, 1, 1), "on"),  # before the last change
        (S.DECLINED, TODAY, "state"),  # a practice that has started cannot "decline"
    ],
)
def test_bad_changes_are_refused_with_a_reason(demo: Programme, state: str, on: date, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        actions.change_engagement(enrolment=enrolment_of(demo, "Z90001"), state=state, on=on, by=lead())
    assert field in refused.value.message_dict


def test_the_readiness_check_moves_an_interested_practice_on(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90005")  # Hollow Oak: interested
    actions.record_readiness(
        enrolment=enrolment,
        by=lead(),
        stable_staffing=True,
        leadership_change=False,
        competing_projects=True,
        senior_partner_support=True,
    )
    enrolment.refresh_from_db()
    assert enrolment.state == S.READINESS_CHECKED
    assert enrolment.readiness_checks.count() == 1


def test_a_newly_trained_coach_is_not_matched_alone_unless_the_lead_says_why(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90005")
    tom = Coach.objects.get(programme=demo, user__email="tom.coach@demo.example")
    with pytest.raises(ValidationError, match="newly trained"):
        actions.match_coach(enrolment=enrolment, coach=tom, part="lead", by=lead())
    assert not CoachAssignment.objects.filter(enrolment=enrolment).exists()
    assignment = actions.match_coach(
        enrolment=enrolment, coach=tom, part="lead", by=lead(), override_note="David mentors him weekly."
    )
    assert assignment.override_note == "David mentors him weekly."


def test_beside_an_experienced_coach_a_newly_trained_one_needs_no_override(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90005")
    helen = Coach.objects.get(programme=demo, user__email="helen.coach@demo.example")
    tom = Coach.objects.get(programme=demo, user__email="tom.coach@demo.example")
    actions.match_coach(enrolment=enrolment, coach=helen, part="lead", by=lead())
    second = actions.match_coach(enrolment=enrolment, coach=tom, part="lead", by=lead())
    assert second.part == "co_coach"  # one lead coach at a time


def test_hours_are_logged_within_reason(demo: Programme) -> None:
    enrolment = enrolment_of(demo, "Z90001")
    ruth = Coach.objects.get(programme=demo, user__email="ruth.coach@demo.example")
    before = CoachHours.objects.filter(coach=ruth).count()
    for hours in (Decimal(0), Decimal(25)):
        with pytest.raises(ValidationError):
            actions.log_hours(
                coach=ruth, enrolment=enrolment, by=ruth.user, on=TODAY, kind="session", hours=hours
            )
    actions.log_hours(
        coach=ruth, enrolment=enrolment, by=ruth.user, on=TODAY, kind="session", hours=Decimal("1.5")
    )
    assert CoachHours.objects.filter(coach=ruth).count() == before + 1


def test_a_refresher_is_recorded_and_the_next_falls_due_a_year_on(
    demo: Programme, client_for: Callable[[str], Any]
) -> None:
    from django.urls import reverse

    ruth = Coach.objects.get(programme=demo, user__email="ruth.coach@demo.example")
    url = reverse("programme-coach-training", args=[demo.public_id, ruth.public_id])
    assert client_for("ruth.coach@demo.example").get(url).status_code == 403  # her own record, not the lead
    response = client_for("lead@demo.example").post(url, {"kind": "refresher", "on": "14/10/2026"})
    assert response.status_code == 302
    ruth.refresh_from_db()
    assert ruth.refresher_due_on == date(2027, 10, 14)
    assert ruth.training.filter(kind="refresher", on=date(2026, 10, 14)).exists()
