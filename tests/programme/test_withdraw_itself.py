"""A practice withdraws itself: its manager (or the senior partner on its agreement) gives the coded reasons,
its own account and the exit questions, confirms, and the practice has withdrawn, with the history the lead
reads; the lead and the practice's coaches are emailed; its project is kept. Anyone else is refused."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from microsystems.people.models import User
from microsystems.programme.models import CoachingAgreement, EngagementEvent, Programme
from tests.demo_people import LEAD, MILLBROOK, MILLBROOK_STAFF, ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.programme.helpers import enrolment_of, start_project

ANSWERS: dict[str, Any] = {
    "exit_reason": "staffing",
    "exit_reasons": ["time", "competing_priorities"],
    "exit_detail": "Two receptionists left and we cannot release the team on Thursdays.",
    "answer_would_have_helped": "Sessions at lunchtime, and locum cover paid up front.",
    "answer_needs_not_met": "Not a withdrawal question: never kept.",
}


def url(demo: Programme, ods_code: str = ORCHARD_LANE) -> str:
    enrolment = enrolment_of(demo, ods_code)
    return reverse("programme-withdraw", args=[demo.public_id, enrolment.practice.public_id])


def staff(ods_code: str, job: str) -> User:
    return User.objects.get(
        memberships__organisation__ods_code=ods_code, memberships__job=job, memberships__ended_on__isnull=True
    )


def test_the_practice_manager_withdraws_the_practice_after_checking_the_answers(
    demo: Programme, client_for: Callable[[str], Client], django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    project = start_project(
        demo, enrolment_of(demo, ORCHARD_LANE).practice, "Calls before 8.30", date(2026, 10, 1)
    )
    page = client.get(url(demo)).text
    assert "Withdraw from the programme" in page and "Felt imposed from outside" in page

    # The answers first go to a confirmation: nothing changes yet
    checking = client.post(url(demo), ANSWERS)
    assert checking.status_code == 200
    assert "Check and withdraw" in checking.text
    assert "Staffing pressures or turnover; Not enough time; Competing priorities" in checking.text
    assert "Sessions at lunchtime" in checking.text
    assert enrolment_of(demo, ORCHARD_LANE).state == "project_active"
    assert mail.outbox == []

    # Confirmed, the practice has withdrawn
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(demo), {**ANSWERS, "confirm": "yes"})
    enrolment = enrolment_of(demo, ORCHARD_LANE)
    assert response["Location"] == reverse("practice-detail", args=[enrolment.practice.public_id])
    assert enrolment.state == "withdrew"
    assert enrolment.exit_stage == "project_active"
    assert set(enrolment.exit_reasons) == {"staffing", "time", "competing_priorities"}
    assert enrolment.exit_detail == ANSWERS["exit_detail"]
    assert enrolment.exit_answers == {"would_have_helped": ANSWERS["answer_would_have_helped"]}
    event = EngagementEvent.objects.filter(enrolment=enrolment).order_by("-id").first()
    assert event is not None and event.state == "withdrew"
    assert event.recorded_by == User.objects.get(email=ORCHARD_LANE_STAFF)

    # The project is kept as it was
    project.refresh_from_db()
    assert project.status == "active"

    # The lead and the practice's coaches are told
    (sent,) = mail.outbox
    assert set(sent.to) == {LEAD, "ruth.coach@demo.example", "chloe.coach@demo.example"}
    assert "Orchard Lane Surgery has withdrawn" in sent.subject
    assert "Staffing pressures or turnover" in sent.body and ANSWERS["exit_detail"] in sent.body

    # The practice's page says so and offers no withdrawal any more; the lead sees who withdrew it, and when
    practice_page = client.get(response["Location"]).text
    assert "has withdrawn from" in practice_page
    assert "Withdraw from the programme" not in practice_page
    lead_page = (
        client_for(LEAD)
        .get(reverse("programme-enrolment", args=[demo.public_id, enrolment.practice.public_id]))
        .text
    )
    assert "The practice withdrew itself: Priya Raman, practice manager" in lead_page
    assert "by Priya Raman" in lead_page


def test_without_a_reason_nothing_changes_and_what_was_typed_is_kept(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    for answers in ({**ANSWERS, "exit_reason": ""}, {**ANSWERS, "exit_reason": "boredom", "confirm": "yes"}):
        response = client.post(url(demo), answers)
        assert response.status_code == 200
        assert "Choose the main reason" in response.text or "Select a valid choice" in response.text
        assert ANSWERS["exit_detail"] in response.text
    response = client.post(url(demo), {**ANSWERS, "exit_detail": "  ", "confirm": "yes"})
    assert "Say in your own words why the practice is withdrawing" in response.text
    assert enrolment_of(demo, ORCHARD_LANE).state == "project_active"


def test_changing_the_answers_goes_back_to_the_form_with_them(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).post(url(demo), {**ANSWERS, "change": "yes"})
    assert "<h1>Withdraw from the programme</h1>" in response.text
    assert ANSWERS["answer_would_have_helped"] in response.text
    assert enrolment_of(demo, ORCHARD_LANE).state == "project_active"


def test_the_senior_partner_on_the_agreement_may_withdraw_and_other_staff_may_not(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    gp = staff(ORCHARD_LANE, "gp")
    nurse = staff(ORCHARD_LANE, "practice_nurse")
    CoachingAgreement.objects.filter(enrolment=enrolment_of(demo, ORCHARD_LANE)).update(senior_partner=None)
    assert client_for(gp.email).get(url(demo)).status_code == 403
    assert client_for(nurse.email).post(url(demo), {**ANSWERS, "confirm": "yes"}).status_code == 403
    practice_page = client_for(nurse.email).get(
        reverse("practice-detail", args=[enrolment_of(demo, ORCHARD_LANE).practice.public_id])
    )
    assert "Withdraw from the programme" not in practice_page.text
    CoachingAgreement.objects.filter(enrolment=enrolment_of(demo, ORCHARD_LANE)).update(senior_partner=gp)
    assert client_for(gp.email).get(url(demo)).status_code == 200
    assert enrolment_of(demo, ORCHARD_LANE).state == "project_active"


def test_a_user_of_another_practice_the_coach_and_the_lead_are_refused(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    for email in (MILLBROOK_STAFF, "ruth.coach@demo.example", LEAD):
        assert client_for(email).get(url(demo)).status_code == 404, email
        assert client_for(email).post(url(demo), {**ANSWERS, "confirm": "yes"}).status_code == 404, email
    assert enrolment_of(demo, ORCHARD_LANE).state == "project_active"


def test_a_practice_that_completed_its_project_is_told_to_talk_to_the_lead(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    client = client_for(MILLBROOK_STAFF)  # Millbrook's practice manager; its project is completed
    page = client.get(url(demo, MILLBROOK)).text
    assert "talk to the programme lead or your coach" in page
    assert 'name="exit_reason"' not in page
    client.post(url(demo, MILLBROOK), {**ANSWERS, "confirm": "yes"})
    assert enrolment_of(demo, MILLBROOK).state == "project_completed"
