"""Completing a project: results against the aim from the data, the benefits log, measure owners, and the
storyboard poster as a PDF in A4 and A3 with its charts."""

import re
import zlib
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from microsystems.followup.models import Benefit, Completion
from microsystems.measures.models import Measure
from microsystems.programme.models import Programme
from microsystems.projects.models import Project
from tests.demo_people import LEAD, MILLBROOK_STAFF, ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import ORCHARD_LANE_NURSE, ORCHARD_LANE_RECEPTIONIST, orchard_lane_project, user

Clients = Callable[[str], Client]


@pytest.fixture
def measure(demo, practice) -> Measure:  # type: ignore[no-untyped-def]
    return results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))


def _streams(pdf: bytes) -> bytes:
    """Every stream of the PDF, inflated where compressed: the drawing operators of its pages."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return b"\n".join(out)


@pytest.mark.parametrize(("size", "width", "height"), [("a4", 595, 842), ("a3", 842, 1191)])
def test_the_storyboard_is_a_pdf_with_the_chart(
    size: str, width: int, height: int, measure: Measure, client_for: Clients
) -> None:
    response = client_for(ORCHARD_LANE_STAFF).get(
        reverse("storyboard", args=[measure.project.public_id, size])
    )
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF-")
    drawing = _streams(pdf)
    box = re.search(rb"/MediaBox \[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", drawing)
    assert box is not None
    assert (round(float(box.group(1))), round(float(box.group(2)))) == (width, height)
    # The chart's data line is drawn in NHS blue (#005eb8): its stroke colour is in the page's drawing.
    assert b"0 0.368627 0.721569 RG" in drawing


def test_benefits_and_completion(measure: Measure, client_for: Clients) -> None:
    project = measure.project
    client = client_for(ORCHARD_LANE_STAFF)
    client.post(
        reverse("benefit-add", args=[project.public_id]),
        {
            "text": "Mornings are calmer at reception",
            "quote": "I can breathe at nine o'clock",
            "said_by": "Receptionist",
            "tags": ["staff", "patients"],
        },
    )
    assert Benefit.objects.get(project=project).tag_labels == ["Staff experience", "Patient experience"]
    response = client.post(
        reverse("follow-up", args=[project.public_id]),
        {
            "lessons": "Start small; measure weekly",
            "next_theme": "Repeat prescriptions",
            f"owner_{measure.id}": user(ORCHARD_LANE_NURSE).id,
        },
    )
    assert response.status_code == 302
    project.refresh_from_db()
    measure.refresh_from_db()
    assert project.status == "completed" and project.completed_on is not None
    assert measure.owner == user(ORCHARD_LANE_NURSE)
    assert Completion.objects.get(project=project).next_theme == "Repeat prescriptions"
    page = client.get(reverse("follow-up", args=[project.public_id])).content.decode()
    assert "I can breathe at nine o&#39;clock" in page or "I can breathe at nine o'clock" in page
    assert "Start small; measure weekly" in page


def test_a_completed_demo_project_shows_its_chart_since_completion(demo, client_for: Clients) -> None:  # type: ignore[no-untyped-def]
    project = Project.objects.get(title="Incoming test results handled within two working days")
    page = client_for(LEAD).get(reverse("follow-up", args=[project.public_id])).content.decode()
    assert "Since completion (" in page
    assert "Increase results filed within two working days from" in page
    # The demo's completed project carries its lessons, next theme and benefits log.
    assert "Start with one GP for one week" in page
    assert "Repeat prescription requests answered within two working days" in page
    assert "I can answer the phone at nine without a queue" in page


@pytest.mark.parametrize("email", [ORCHARD_LANE_RECEPTIONIST, LEAD])
def test_readers_cannot_complete_or_log(email: str, measure: Measure, client_for: Clients) -> None:
    client = client_for(email)
    project = measure.project
    assert client.get(reverse("follow-up", args=[project.public_id])).status_code == 200
    assert client.post(reverse("benefit-add", args=[project.public_id]), {"text": "x"}).status_code == 403
    assert client.post(reverse("follow-up", args=[project.public_id]), {"lessons": "x"}).status_code == 403


def test_another_practice_gets_no_storyboard(measure: Measure, client_for: Clients) -> None:
    url = reverse("storyboard", args=[measure.project.public_id, "a4"])
    assert client_for(MILLBROOK_STAFF).get(url).status_code == 404


def test_the_playbook_keeps_adopted_standard_work_and_exports_an_induction_pack(
    demo: Programme, client_for: Clients
) -> None:
    from microsystems.people.models import Organisation

    millbrook = Organisation.objects.get(ods_code="Z90002")
    client = client_for(MILLBROOK_STAFF)
    page = client.get(reverse("playbook", args=[millbrook.public_id])).content.decode()
    assert "Text normal results to patients the same day" in page
    assert "Ben Carter checks ten filed results each month" in page
    assert "A results rota for the duty doctor" not in page  # abandoned: no standard
    pdf = client.get(reverse("playbook-pdf", args=[millbrook.public_id]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    assert (
        client_for(ORCHARD_LANE_STAFF).get(reverse("playbook", args=[millbrook.public_id])).status_code == 404
    )


def test_an_entry_of_the_benefits_log_is_changed_or_removed_and_a_second_editor_is_told(
    measure: Measure, client_for: Clients
) -> None:
    from tests.demo_people import ORCHARD_LANE_COACH

    project = measure.project
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    champion.post(
        reverse("benefit-add", args=[project.public_id]),
        {"text": "Fewer calls about results", "quote": "Calmer mornings", "said_by": "Receptionist"},
    )
    benefit = Benefit.objects.get(project=project)
    url = reverse("benefit-edit", args=[project.public_id, benefit.id])
    home = champion.get(reverse("follow-up", args=[project.public_id])).content.decode()
    assert url in home
    page = champion.get(url).content.decode()
    assert "Fewer calls about results" in page and 'name="version" value="0"' in page
    changed = {"text": "Far fewer calls about results", "quote": "Calmer mornings", "said_by": "Receptionist"}
    response = champion.post(url, {**changed, "tags": ["staff"], "version": "0"})
    assert response.status_code == 302
    benefit.refresh_from_db()
    assert (benefit.text, benefit.tags, benefit.version) == ("Far fewer calls about results", ["staff"], 1)
    # The coach opened version 0 too: told, shown what it says now, and nothing is overwritten.
    response = coach.post(url, {**changed, "text": "Fewer calls", "version": "0"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this entry while you were editing" in page
    assert "Far fewer calls about results" in page and "Fewer calls" in page
    benefit.refresh_from_db()
    assert benefit.text == "Far fewer calls about results"
    # An empty entry is refused with the form kept.
    page = champion.post(url, {"text": "", "quote": "Kept", "version": "1"}).content.decode()
    assert "Kept" in page and "There is a problem" in page
    # Removing it.
    assert champion.post(url, {"remove": "yes", "version": "1"}).status_code == 302
    assert not Benefit.objects.filter(project=project).exists()
    assert champion.get(url).status_code == 404


def test_only_the_project_team_changes_the_benefits_log(measure: Measure, client_for: Clients) -> None:
    benefit = Benefit.objects.create(project=measure.project, text="Calmer mornings")
    url = reverse("benefit-edit", args=[measure.project.public_id, benefit.id])
    assert client_for(LEAD).get(url).status_code == 403
    assert client_for(MILLBROOK_STAFF).get(url).status_code == 404


def test_the_storyboard_holds_the_5ps_the_fishbone_and_the_process_map(
    measure: Measure, client_for: Clients
) -> None:
    from microsystems.projects import actions as project_actions
    from microsystems.projects.models import Cause, Fishbone, MapStep, ProcessMap

    project = measure.project
    by = user(ORCHARD_LANE_STAFF)
    Fishbone.objects.create(project=project, effect="Results wait too long")
    Cause.objects.create(project=project, category="People", text="The GP is away", raised_by=by)
    found = ProcessMap.objects.create(project=project, tool_id="T3.3", name="Handling a result")
    for kind, text, role in (
        (MapStep.Kind.STEP, "Result arrives", "Administrator"),
        (MapStep.Kind.WAIT, "Waits in the inbox", "GP"),
        (MapStep.Kind.STEP, "GP files it", "GP"),
    ):
        project_actions.add_map_step(
            process_map=found, kind=kind, text=text, role=role, minutes=None, loops_to=None, by=by
        )
    page = client_for(ORCHARD_LANE_STAFF).get(reverse("follow-up", args=[project.public_id])).content.decode()
    assert "Our practice at a glance (5Ps)" in page
    assert '<title id="story-fishbone-title">Fishbone for: Results wait too long</title>' in page
    assert "The GP is away" in page
    assert '<title id="story-map-title">Process map of Handling a result: 3 steps</title>' in page
    assert "How the process runs: Handling a result — 3 steps," in page
    # With an ideal map (step 3), the storyboard shows the process before and after.
    ideal = ProcessMap.objects.create(project=project, tool_id="T3.3F", name="Handling a result, ideally")
    for text, role in (("Result arrives", "Administrator"), ("GP files it", "GP")):
        project_actions.add_map_step(
            process_map=ideal,
            kind=MapStep.Kind.STEP,
            text=text,
            role=role,
            minutes=None,
            loops_to=None,
            by=by,
        )
    page = client_for(ORCHARD_LANE_STAFF).get(reverse("follow-up", args=[project.public_id])).content.decode()
    assert "Before: how the process runs: Handling a result — 3 steps," in page
    assert "After: the ideal process — 2 steps," in page
    pdf = client_for(ORCHARD_LANE_STAFF).get(reverse("storyboard", args=[project.public_id, "a4"])).content
    # The fishbone's head and the map's steps are filled pale blue (#e8f1f8) in the PDF's drawing.
    assert b"0.909804 0.945098 0.972549 rg" in _streams(pdf)


def test_the_standard_work_is_changed_from_the_playbook_and_its_earlier_versions_kept(
    demo: Programme, client_for: Clients
) -> None:
    from microsystems.people.models import Organisation
    from microsystems.treat.models import ChangeIdea, SDSACycle

    millbrook = Organisation.objects.get(ods_code="Z90002")
    idea = ChangeIdea.objects.get(
        project__practice=millbrook, title="Text normal results to patients the same day"
    )
    first = SDSACycle.objects.get(idea=idea)
    playbook_url = reverse("playbook", args=[millbrook.public_id])
    client = client_for(MILLBROOK_STAFF)
    page = client.get(playbook_url).content.decode()
    change = reverse("sdsa-add", args=[idea.project.public_id, idea.id]) + "?next=playbook"
    assert change.replace("&", "&amp;") in page or change in page
    form = client.get(change).content.decode()
    assert "Change the standard (SDSA)" in form and first.standard in form
    data = {
        "standard": "Every GP files normal results the same day with the text template; "
        "the pharmacist covers leave.",
        "adherence_check": first.adherence_check,
        "based_on": str(first.id),
    }
    response = client.post(change, data)
    assert response.status_code == 302 and response["Location"] == playbook_url
    page = client.get(playbook_url).content.decode()
    assert "the pharmacist covers leave" in page
    assert "Earlier versions of this standard (1)" in page and first.standard in page
    assert "Version 2, written" in page and "its storyboard" in page
    assert "(collected by " in page  # who collects each measure to watch
    # A second editor who opened the first version is told, and nothing is saved.
    response = client_for(MILLBROOK_STAFF).post(change, {**data, "standard": "Mine"})
    page = response.content.decode()
    assert "Someone else saved a new version of this standard while you were writing" in page
    assert SDSACycle.objects.filter(idea=idea).count() == 2
    # Readers see the playbook without the link.
    assert "Change the standard" not in client_for(LEAD).get(playbook_url).content.decode()


def test_two_people_completing_at_once_the_second_is_told(measure: Measure, client_for: Clients) -> None:
    from tests.demo_people import ORCHARD_LANE_COACH

    project = measure.project
    url = reverse("follow-up", args=[project.public_id])
    champion, coach = client_for(ORCHARD_LANE_STAFF), client_for(ORCHARD_LANE_COACH)
    opened = champion.get(url).content.decode().split('name="stamp" value="')[1].split('"')[0]
    assert opened == ""  # not completed yet
    owner = {f"owner_{measure.id}": user(ORCHARD_LANE_NURSE).id}
    assert champion.post(url, {"lessons": "Start small", "stamp": opened, **owner}).status_code == 302
    page = coach.post(url, {"lessons": "Measure weekly", "stamp": opened, **owner}).content.decode()
    assert "Someone else saved the completion while you were writing" in page
    assert "Start small" in page and "Measure weekly" in page
    assert Completion.objects.get(project=project).lessons == "Start small"
    again = page.split('name="stamp" value="')[1].split('"')[0]
    assert (
        coach.post(url, {"lessons": "Start small; measure weekly", "stamp": again, **owner}).status_code
        == 302
    )
    assert Completion.objects.get(project=project).lessons == "Start small; measure weekly"
