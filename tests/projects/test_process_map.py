"""Process maps (T2.13, T3.3): steps, decisions and waits by role, drawn as a flowchart in swim-lanes."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects import actions
from microsystems.projects.method import TOOLS_BY_ID
from microsystems.projects.models import MapStep, Project
from microsystems.projects.process_map import StepIn, facts, layout
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, user

ClientFor = Callable[[str], Client]
RESULTS = [
    StepIn("step", "Result arrives", "Admin", 1),
    StepIn("wait", "Sits in the inbox", "GP", 2880),
    StepIn("step", "GP reads the result", "GP", 2),
    StepIn("decision", "Normal?", "GP", loops_to=2),
    StepIn("step", "Patient told", "Receptionist", 3),
]


def test_the_facts_count_hand_offs_waits_and_rework() -> None:
    found = facts(RESULTS)
    assert (found.steps, found.hand_offs, found.waits, found.minutes_waiting) == (5, 2, 1, 2880)
    assert (found.decisions, found.rework_loops, found.minutes_working) == (1, 1, 6)


def test_each_role_has_a_lane_and_steps_run_downwards() -> None:
    drawn = layout(RESULTS)
    assert [lane.role for lane in drawn.lanes] == ["Admin", "GP", "Receptionist"]
    assert [s.y for s in drawn.shapes] == sorted(s.y for s in drawn.shapes)
    assert drawn.shapes[0].x < drawn.shapes[1].x < drawn.shapes[4].x
    # One arrow into each step and one to the end, plus the decision's "no" loop.
    assert len(drawn.arrows) == len(RESULTS) + 1 + 1
    assert drawn.arrows[-1].label == "No"
    assert layout([]).shapes == ()


def url(project: Project, slug: str = "t2-13") -> str:
    return reverse("project-map", args=[project.public_id, slug])


def test_the_team_builds_a_map_step_by_step(client_for: ClientFor, project: Project) -> None:
    client = client_for(ORCHARD_LANE_NURSE)
    client.post(
        url(project),
        {"version": 0, "name": "Test results", "starts": "Result arrives", "ends": "Patient told"},
    )
    for data in (
        {"kind": "step", "text": "Result arrives", "role": "Administrator", "minutes": "1"},
        {"kind": "wait", "text": "Sits in the inbox", "role": "GP", "minutes": "2880"},
        {"kind": "decision", "text": "Normal?", "role": "GP", "loops_to": "1"},
    ):
        assert client.post(url(project), data).status_code == 302
    page = client.get(url(project)).text
    assert "<svg" in page and "Process map of Test results: 3 steps in 2 lanes" in page
    assert "if no, back to step 1" in page
    assert [s.position for s in MapStep.objects.filter(process_map__project=project)] == [1, 2, 3]
    client.post(url(project), {"remove": "last"})
    assert MapStep.objects.filter(process_map__project=project).count() == 2
    bad = client.post(url(project), {"kind": "step", "text": "", "role": ""})
    assert "Enter what happens at this step" in bad.text and "Enter who does it" in bad.text


def test_the_detailed_map_starts_from_the_global_aim(client_for: ClientFor, project: Project) -> None:
    actions.save_worksheet(
        project=project,
        tool=TOOLS_BY_ID["T3.2"],
        answers={"begins": "a result arriving", "ends": "the patient knowing"},
        based_on_version=0,
        by=user(ORCHARD_LANE_STAFF),
    )
    page = client_for(ORCHARD_LANE_STAFF).get(url(project, "t3-3")).text
    assert "Starts when: a result arriving. Ends when: the patient knowing." in page


@pytest.mark.parametrize(
    ("email", "get", "post"),
    [(ORCHARD_LANE_RECEPTIONIST, 200, 403), (LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)],
)
def test_readers_see_the_map_and_others_cannot(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    assert client.post(url(project), {"kind": "step", "text": "x", "role": "GP"}).status_code == post
    assert client_for(ORCHARD_LANE_STAFF).get(url(project, "t2-2")).status_code == 404  # not a map
