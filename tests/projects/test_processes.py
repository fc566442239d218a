"""How well our processes work (T2.12): everyone rates, the ratings pool into a ranked problem list."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.projects.models import ProcessRating, Project, ToolMark
from microsystems.projects.processes import PROCESSES, ranked_problems
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE_PATIENT, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST

ClientFor = Callable[[str], Client]
RESULTS = PROCESSES.index("Handling test results") + 1
PHONES = PROCESSES.index("Telephone access and triage") + 1
PRESCRIPTIONS = PROCESSES.index("Repeat prescriptions") + 1


def test_the_worst_average_comes_first_and_dont_know_is_left_out() -> None:
    ranked = ranked_problems(
        [
            ("Phones", "big"),
            ("Phones", "real"),
            ("Results", "big"),
            ("Results", "dont_know"),
            ("Rota", "works_well"),
        ]
    )
    assert [(r.process, r.score, r.raters) for r in ranked] == [
        ("Results", 3.0, 2),
        ("Phones", 2.5, 2),
        ("Rota", 0.0, 1),
    ]
    assert ranked_problems([("IT", "dont_know")])[0].score is None


def url(project: Project) -> str:
    return reverse("project-processes", args=[project.public_id])


def test_everyone_rates_and_the_list_ranks_the_biggest_problems_first(
    client_for: ClientFor, project: Project
) -> None:
    client_for(ORCHARD_LANE_STAFF).post(url(project), {f"p{RESULTS}": "big", f"p{PHONES}": "small"})
    client_for(ORCHARD_LANE_RECEPTIONIST).post(
        url(project), {f"p{RESULTS}": "real", f"p{PHONES}": "works_well"}
    )
    client_for(ORCHARD_LANE_PATIENT).post(url(project), {f"p{PRESCRIPTIONS}": "real"})
    page = client_for(ORCHARD_LANE_NURSE).get(url(project)).text
    assert page.index("Handling test results") < page.index("Repeat prescriptions") < page.index("Online")
    assert ToolMark.objects.filter(project=project, tool_id="T2.12", mark="done").exists()
    # Changing your mind replaces your rating rather than adding another.
    client_for(ORCHARD_LANE_STAFF).post(url(project), {f"p{RESULTS}": "works_well"})
    assert ProcessRating.objects.filter(project=project, process="Handling test results").count() == 2
    five_ps = client_for(ORCHARD_LANE_STAFF).get(reverse("project-five-ps", args=[project.public_id])).text
    assert "Handling test results: small problem" in five_ps
    assert "Repeat prescriptions: real problem" in five_ps


@pytest.mark.parametrize(("email", "get", "post"), [(LEAD, 200, 403), (MILLBROOK_STAFF, 404, 404)])
def test_the_programme_lead_reads_and_others_cannot_see(
    client_for: ClientFor, project: Project, email: str, get: int, post: int
) -> None:
    client = client_for(email)
    assert client.get(url(project)).status_code == get
    assert client.post(url(project), {f"p{RESULTS}": "big"}).status_code == post
    assert not ProcessRating.objects.filter(project=project).exists()
