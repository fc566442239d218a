"""Every programme page renders for the people who may see it."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.programme.models import Coach, CoachingAgreement, FollowUpReview, Programme
from microsystems.projects.models import Project
from tests.demo_people import LEAD, ORCHARD_LANE_COACH


def test_lead_pages(demo: Programme, client_for: Callable[[str], Client]) -> None:
    client = client_for(LEAD)
    pid = demo.public_id
    practice = demo.enrolments.get(practice__ods_code="Z90010").practice
    project = Project.objects.filter(practice=practice).first()
    assert project is not None
    review = FollowUpReview.objects.filter(project__programme=demo).first()
    assert review is not None
    agreement = CoachingAgreement.objects.filter(enrolment__programme=demo).first()
    assert agreement is not None
    coach = Coach.objects.filter(programme=demo).first()
    assert coach is not None
    urls = [
        reverse("programme-detail", args=[pid]),
        reverse("programme-practices", args=[pid]),
        reverse("programme-recruit", args=[pid]),
        reverse("programme-enrolment", args=[pid, practice.public_id]),
        reverse("programme-engagement", args=[pid, practice.public_id]),
        reverse("programme-adopter", args=[pid, practice.public_id]),
        reverse("programme-readiness", args=[pid, practice.public_id]),
        reverse("programme-match", args=[pid, practice.public_id]),
        reverse("programme-agreement-write", args=[pid, practice.public_id]),
        reverse("programme-coaches", args=[pid]),
        reverse("programme-coach-add", args=[pid]),
        reverse("programme-coach", args=[pid, coach.public_id]),
        reverse("programme-coach-edit", args=[pid, coach.public_id]),
        reverse("programme-agreement", args=[pid, agreement.public_id]),
        reverse("programme-project", args=[pid, project.public_id]),
        reverse("programme-payments", args=[pid]),
        reverse("programme-payments-csv", args=[pid]),
        reverse("programme-follow-ups", args=[pid]),
        reverse("programme-review", args=[pid, review.public_id]),
        reverse("programme-portfolio", args=[pid]),
        reverse("programme-portfolio-csv", args=[pid]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def test_coach_pages(demo: Programme, client_for: Callable[[str], Client]) -> None:
    client = client_for(ORCHARD_LANE_COACH)
    pid = demo.public_id
    for name in ("programme-detail", "programme-log-hours", "programme-coach-space"):
        response = client.get(reverse(name, args=[pid]))
        assert response.status_code == 200, name


def test_dates_start_as_people_type_them(demo: Programme, client_for: Callable[[str], Client]) -> None:
    from django.utils import timezone

    today = timezone.localdate()
    page = client_for(LEAD).get(reverse("programme-recruit", args=[demo.public_id])).text
    assert f'value="{today.day}/{today.month}/{today.year}"' in page
