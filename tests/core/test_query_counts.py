"""No page runs a number of queries that grows with the number of practices."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microsystems.people.models import Membership, Organisation, OrganisationKind, User
from microsystems.people.roles import Job, Role
from microsystems.programme.models import Coach, CoachAssignment, Enrolment, Programme
from microsystems.projects.models import Project
from tests.demo_people import LEAD, ORCHARD_LANE_COACH


def add_practices(programme: Programme, count: int, start: int) -> None:
    """More practices like the demo's: enrolled, coached, with staff and a project each."""
    pcn = Organisation.objects.filter(kind=OrganisationKind.PCN).first()
    coach = Coach.objects.get(user__email=ORCHARD_LANE_COACH)
    for i in range(start, start + count):
        practice = Organisation.objects.create(
            kind=OrganisationKind.PRACTICE,
            name=f"Extra Practice {i}",
            ods_code=f"Y{i:05d}",
            pcn=pcn,
            commissioner=programme.commissioner,
            list_size=5000,
        )
        enrolment = Enrolment.objects.create(programme=programme, practice=practice, state="project_active")
        CoachAssignment.objects.create(coach=coach, enrolment=enrolment)
        user = User.objects.create_user(f"manager{i}@extra.example", "x", full_name=f"Manager {i}")
        Membership.objects.create(user=user, organisation=practice, role=Role.PRACTICE_STAFF, job=Job.GP)
        Project.objects.create(programme=programme, practice=practice, title=f"Project {i}")


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("email", "url_name"),
    [
        (LEAD, "home"),
        (LEAD, "practice-list"),
        (LEAD, "programme-list"),
        (LEAD, "programme-detail"),
        (ORCHARD_LANE_COACH, "home"),
        (ORCHARD_LANE_COACH, "practice-list"),
    ],
)
def test_query_count_does_not_grow_with_practices(
    client_for: Callable[[str], Client], demo: Programme, email: str, url_name: str
) -> None:
    url = reverse(url_name, args=[demo.public_id]) if url_name == "programme-detail" else reverse(url_name)
    add_practices(demo, 5, start=100)
    before = queries_for(client_for(email), url)
    add_practices(demo, 25, start=200)
    after = queries_for(client_for(email), url)
    assert after == before, f"{url_name}: {before} queries with 15 practices, {after} with 40"
