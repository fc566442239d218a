"""The project page: who sees it, the path of five steps, marking tools not needed, the programme's words."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from microsystems.programme.models import Programme
from microsystems.projects.models import Project, ProjectEvent, ToolMark
from tests.demo_people import (
    EVALUATOR,
    LEAD,
    MILLBROOK_STAFF,
    ORCHARD_LANE_COACH,
    ORCHARD_LANE_STAFF,
    OTHER_COACH,
)
from tests.projects.builders import ORCHARD_LANE_GP, ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST

ClientFor = Callable[[str], Client]


def detail(project: Project) -> str:
    return reverse("project-detail", args=[project.public_id])


def mark(project: Project, slug: str) -> str:
    return reverse("project-tool-mark", args=[project.public_id, slug])


@pytest.mark.parametrize(
    ("email", "status", "may_edit"),
    [
        (ORCHARD_LANE_STAFF, 200, True),  # champion
        (ORCHARD_LANE_NURSE, 200, True),  # lead team member
        (ORCHARD_LANE_COACH, 200, True),
        (ORCHARD_LANE_RECEPTIONIST, 200, False),  # practice staff, not on the lead team: reads
        (LEAD, 200, False),  # programme lead: reads
        (MILLBROOK_STAFF, 404, False),
        (OTHER_COACH, 404, False),
        (EVALUATOR, 404, False),
    ],
)
def test_the_lead_team_and_coach_edit_the_practice_and_programme_lead_read_nobody_else_sees(
    client_for: ClientFor, project: Project, email: str, status: int, may_edit: bool
) -> None:
    client = client_for(email)
    response = client.get(detail(project))
    assert response.status_code == status
    if status == 404:
        assert project.title not in response.text
        assert client.post(mark(project, "t1-4"), {"mark": "done"}).status_code == 404
        return
    assert ("Mark done" in response.text) == may_edit
    expected = 302 if may_edit else 403
    assert client.post(mark(project, "t1-4"), {"mark": "done"}).status_code == expected


def test_the_path_shows_done_next_and_each_tools_why_and_guidance(
    client_for: ClientFor, project: Project
) -> None:
    page = client_for(ORCHARD_LANE_STAFF).get(detail(project)).text
    assert "Step 1: Organise a lead team" in page
    assert "Current step" in page
    assert "Leader, facilitator, timekeeper and recorder take turns" in page
    assert reverse("workbook-guidance") + "#t1-2" in page
    assert "Ground rules" not in page  # optional: not on the core path


def test_the_champion_marks_a_tool_not_needed_and_the_path_moves_on(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    response = client.post(mark(project, "t1-2"), {"mark": "not_needed"})
    assert response.status_code == 302
    assert ToolMark.objects.get(project=project, tool_id="T1.2").mark == "not_needed"
    page = client.get(detail(project)).text
    assert "Put back on the path" in page
    assert ProjectEvent.objects.filter(project=project, what="Marked Meeting roles not needed").exists()
    client.post(mark(project, "t1-2"), {"mark": "needed"})
    assert not ToolMark.objects.filter(project=project, tool_id="T1.2").exists()


def test_only_the_coach_or_champion_may_mark_a_tool_not_needed(
    client_for: ClientFor, project: Project
) -> None:
    assert client_for(ORCHARD_LANE_GP).post(mark(project, "t1-2"), {"mark": "not_needed"}).status_code == 403
    assert (
        client_for(ORCHARD_LANE_COACH).post(mark(project, "t1-2"), {"mark": "not_needed"}).status_code == 302
    )


def test_the_full_path_adds_the_optional_tools(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_COACH)
    client.post(reverse("project-path", args=[project.public_id]), {"path_kind": "full"})
    assert "Ground rules" in client.get(detail(project)).text
    assert (
        client.post(reverse("project-path", args=[project.public_id]), {"path_kind": "other"}).status_code
        == 404
    )


def test_every_project_page_uses_the_programmes_words(
    client_for: ClientFor, project: Project, demo: Programme
) -> None:
    demo.terminology = {"microsystem": "team", "PDSA": "test of change", "fishbone": "cause diagram"}
    demo.save()
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(reverse("project-path", args=[project.public_id]), {"path_kind": "full"})
    page = client.get(detail(project)).text
    assert "Cause diagram" in page and "Fishbone" not in page
    assert "Test of change (test of change)" in page
    guidance = client.get(reverse("project-worksheet", args=[project.public_id, "t2-2"])).text
    assert "Purpose" in guidance


def test_the_project_page_runs_a_fixed_number_of_queries(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_STAFF)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(detail(project)).status_code == 200
        return len(captured)

    before = count()
    for tool_id in ("T1.4", "T1.6", "T1.7", "T2.5", "T2.6"):
        ToolMark.objects.create(project=project, tool_id=tool_id, mark="not_needed")
    assert count() == before


def test_the_home_page_lists_the_projects_a_person_works_on(client_for: ClientFor, project: Project) -> None:
    for email in (ORCHARD_LANE_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_RECEPTIONIST):
        page = client_for(email).get(reverse("home")).text
        assert "Your improvement projects" in page and detail(project) in page
    for email in (MILLBROOK_STAFF, OTHER_COACH, EVALUATOR):
        assert detail(project) not in client_for(email).get(reverse("home")).text


def test_the_home_page_runs_a_fixed_number_of_queries_however_many_projects(
    client_for: ClientFor, project: Project, demo: Programme
) -> None:
    client = client_for(ORCHARD_LANE_COACH)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("home")).status_code == 200
        return len(captured)

    before = count()
    for i in range(5):
        Project.objects.create(programme=demo, practice=project.practice, title=f"Another project {i}")
    assert count() == before


def test_every_change_is_kept_with_who_and_when(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(mark(project, "t1-2"), {"mark": "not_needed"})
    client.post(mark(project, "t1-2"), {"mark": "needed"})
    page = client.get(reverse("project-history", args=[project.public_id])).text
    assert page.index("Put Meeting roles back on the path") < page.index("Marked Meeting roles not needed")
    assert "Started the project with a lead team of 4" in page and "Priya Raman" in page
    assert client_for(LEAD).get(reverse("project-history", args=[project.public_id])).status_code == 200


def test_the_lead_team_changes_the_details_and_adds_a_member(client_for: ClientFor, project: Project) -> None:
    from microsystems.people.models import User
    from microsystems.projects.models import TeamMember

    url = reverse("project-details", args=[project.public_id])
    receptionist = User.objects.get(email=ORCHARD_LANE_RECEPTIONIST)
    assert client_for(ORCHARD_LANE_RECEPTIONIST).get(url).status_code == 403
    assert client_for(MILLBROOK_STAFF).get(url).status_code == 404
    client = client_for(ORCHARD_LANE_NURSE)
    assert "Megan Doyle, Receptionist" in client.get(url).text
    response = client.post(
        url, {"title": "Results in two days", "typology": "patient_centred", "join": [receptionist.pk]}
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.typology) == ("Results in two days", "patient_centred")
    assert TeamMember.objects.get(project=project, user=receptionist).part == "member"
    # Now on the lead team, the receptionist may edit.
    assert client_for(ORCHARD_LANE_RECEPTIONIST).get(url).status_code == 200
    assert "Enter a title for the project" in client.post(url, {"title": "", "typology": "process"}).text
