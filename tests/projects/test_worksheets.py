"""Worksheets keep every version with who saved it, and a save made from an old version is caught."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects import actions
from microsystems.projects.method import TOOLS_BY_ID
from microsystems.projects.models import Project, Worksheet
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]
AIM = {
    "improve": "how the practice handles incoming test results",
    "begins": "a result arriving in the clinical system",
    "ends": "the patient knowing their result and what happens next",
    "expect": "fewer calls chasing results",
    "now": "calls about results take a fifth of reception's morning",
}


def url(project: Project, slug: str = "t3-2") -> str:
    return reverse("project-worksheet", args=[project.public_id, slug])


def test_saving_a_worksheet_keeps_each_version_with_who_and_when(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    assert client.post(url(project), {**AIM, "version": 0}).status_code == 302
    assert (
        client.post(
            url(project), {**AIM, "expect": "fewer calls, and no result missed", "version": 1}
        ).status_code
        == 302
    )
    sheet = Worksheet.objects.get(project=project, tool_id="T3.2")
    assert sheet.version == 2
    assert [r.version for r in sheet.revisions.all()] == [2, 1]
    assert sheet.revisions.get(version=1).answers["expect"] == "fewer calls chasing results"
    page = client.get(url(project)).text
    assert "Version 1, saved by Priya Raman" in page
    # Saving the worksheet settles the tool on the path.
    assert "Global aim" in client.get(reverse("project-detail", args=[project.public_id])).text


def test_the_second_of_two_editors_is_told_and_shown_both_versions(
    client_for: ClientFor, project: Project
) -> None:
    champion, nurse = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_NURSE)
    # Both opened version 0; the champion saves first.
    champion.post(url(project), {**AIM, "version": 0})
    response = nurse.post(url(project), {**AIM, "improve": "wording from the nurse", "version": 0})
    assert response.status_code == 200
    assert "Someone else saved this while you were editing" in response.text
    assert "Priya Raman saved version 1" in response.text
    assert "wording from the nurse" in response.text
    sheet = Worksheet.objects.get(project=project, tool_id="T3.2")
    assert sheet.answers["improve"] == AIM["improve"] and sheet.version == 1
    # Saving again, deliberately, from the version now shown, succeeds.
    assert (
        nurse.post(url(project), {**AIM, "improve": "wording from the nurse", "version": 1}).status_code
        == 302
    )


def test_conflict_is_detected_in_the_domain_too(project: Project) -> None:
    tool = TOOLS_BY_ID["T2.2"]
    actions.save_worksheet(
        project=project,
        tool=tool,
        answers={"statement": "A"},
        based_on_version=0,
        by=user(ORCHARD_LANE_STAFF),
    )
    with pytest.raises(actions.Conflict) as found:
        actions.save_worksheet(
            project=project,
            tool=tool,
            answers={"statement": "B"},
            based_on_version=0,
            by=user(ORCHARD_LANE_NURSE),
        )
    assert found.value.theirs["statement"] == "A"
    assert Worksheet.objects.get(project=project, tool_id="T2.2").answers["statement"] == "A"


@pytest.mark.parametrize(
    ("email", "get", "post"),
    [
        (ORCHARD_LANE_COACH, 200, 302),
        (ORCHARD_LANE_RECEPTIONIST, 200, 403),
        (LEAD, 200, 403),
        (MILLBROOK_STAFF, 404, 404),
    ],
)
def test_who_reads_and_who_edits_a_worksheet(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    assert client.post(url(project), {**AIM, "version": 0}).status_code == post


def test_a_tool_without_a_worksheet_or_an_unknown_one_is_not_found(
    client_for: ClientFor, project: Project
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    assert client.get(url(project, "t3-1")).status_code == 404
    assert client.get(url(project, "nothing")).status_code == 404


def test_the_master_file_has_every_worksheet_blank(client_for: ClientFor, demo: object) -> None:
    from microsystems.projects.method import TOOLS

    page = client_for(ORCHARD_LANE_STAFF).get(reverse("workbook-blank-worksheets")).text
    for tool in TOOLS:
        if tool.is_worksheet:
            assert f'id="blank-{tool.slug}"' in page
            assert all(spec.label.replace("'", "&#39;") in page for spec in tool.fields)
