"""The global aim's scope check warns when the process starts or ends outside the team."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.projects.models import Project
from microsystems.projects.scope_check import scope_warnings
from tests.demo_people import ORCHARD_LANE_STAFF


def test_a_process_that_starts_in_the_hospital_laboratory_is_flagged() -> None:
    warnings = scope_warnings("the laboratory sending the result", "the patient told their result")
    assert len(warnings) == 1
    assert "begins" in warnings[0] and "a laboratory" in warnings[0]


def test_steps_within_the_practice_raise_nothing_and_words_inside_others_do_not_count() -> None:
    assert (
        scope_warnings("a result arriving in the clinical system", "the patient knowing their result") == []
    )
    assert scope_warnings("a label printed at reception", "a collaborative plan") == []  # "lab" inside words


def test_an_organisation_taking_part_is_not_outside() -> None:
    begins, ends = "the care home calling the practice", "the resident seen on the ward round"
    assert len(scope_warnings(begins, ends)) == 1
    assert scope_warnings(begins, ends, ["Willowmere Care Home"]) == []


def test_the_global_aim_page_shows_the_warning(client_for: Callable[[str], Client], project: Project) -> None:
    url = reverse("project-worksheet", args=[project.public_id, "t3-2"])
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(
        url, {"version": 0, "improve": "results", "begins": "the hospital lab", "ends": "the GP filing it"}
    )
    page = client.get(url).text
    assert "which sounds as if it happens in a hospital" in page
