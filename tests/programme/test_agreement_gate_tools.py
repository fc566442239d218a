"""Every tool after step 1 with a page of its own honours the programme's agreement gate through the same
check as the worksheets: while the coaching agreement is not signed, its page says why and nothing posted to
it is saved (the specific aim, change ideas, PDSA, the registers import of the population profile…); a
programme that does not require the agreement lets the work through."""

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects.models import Project, Worksheet
from microsystems.treat.models import ChangeIdea, SpecificAim
from tests.demo_people import practice_login
from tests.programme.test_agreement_gate import GATE_MESSAGE, HOLLOW_OAK, hollow_oak_project

ClientFor = Callable[[str], Client]
IDEA = {"title": "Answer the phones from 8:00", "effort": "low", "impact": "high"}
# Each tool after step 1 with a page of its own, by its URL name (the project's public id is its argument).
TOOL_PAGES = (
    "project-five-ps",
    "project-population",
    "project-processes",
    "project-interruptions",
    "project-cycle-time",
    "project-themes",
    "project-fishbone",
    "treat-home",
    "aim-add",
    "idea-add",
    "driver-diagram",
    "huddles",
    "measure-add",
)


def gate_message_in(page: str) -> bool:
    return GATE_MESSAGE in page


@pytest.mark.parametrize("name", TOOL_PAGES)
def test_each_tool_after_step_one_says_the_agreement_is_not_signed(
    name: str, demo: Programme, client_for: ClientFor
) -> None:
    project = hollow_oak_project(demo)
    page = client_for(practice_login(HOLLOW_OAK)).get(reverse(name, args=[project.public_id]))
    assert page.status_code == 200
    assert gate_message_in(page.text), name


def test_a_gated_project_is_refused_a_change_idea_with_the_message(
    demo: Programme, client_for: ClientFor
) -> None:
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    url = reverse("idea-add", args=[project.public_id])

    refused = client.post(url, IDEA, follow=True)

    assert refused.redirect_chain[-1][0] == url
    assert gate_message_in(refused.text)
    assert refused.text.count(GATE_MESSAGE) == 1  # said once
    assert not ChangeIdea.objects.filter(project=project).exists()


def test_a_gated_project_is_refused_a_specific_aim_and_a_step_three_vote(
    demo: Programme, client_for: ClientFor
) -> None:
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    refused = client.post(reverse("aim-add", args=[project.public_id]), {"target": "80"}, follow=True)
    assert gate_message_in(refused.text)
    assert not SpecificAim.objects.filter(project=project).exists()
    # A vote is not a page: it comes back to the tool's page, with the message
    from microsystems.projects.models import Cause

    cause = Cause.objects.create(project=project, category="People", text="Cover at 8am")
    vote = reverse("project-cause-vote", args=[project.public_id, cause.id])
    response = client.post(vote, follow=True)
    assert response.redirect_chain[-1][0] == reverse("project-fishbone", args=[project.public_id])
    assert gate_message_in(response.text)


def test_a_gated_project_is_refused_the_registers_import_of_the_population_profile(
    demo: Programme, client_for: ClientFor
) -> None:
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    report = SimpleUploadedFile("registers.csv", b"Register,Count\nDiabetes,512\nAsthma,640\n", "text/csv")
    response = client.post(
        reverse("project-population", args=[project.public_id]),
        {"import": "report", "report": report},
        follow=True,
    )
    assert gate_message_in(response.text)
    assert not Worksheet.objects.filter(project=project, tool_id="T2.3").exists()


def test_an_ungated_programme_lets_the_work_through(demo: Programme, client_for: ClientFor) -> None:
    demo.requires_signed_agreement = False
    demo.save(update_fields=["requires_signed_agreement"])
    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    assert not gate_message_in(client.get(reverse("treat-home", args=[project.public_id])).text)

    response = client.post(reverse("idea-add", args=[project.public_id]), IDEA)

    assert response.status_code == 302
    assert ChangeIdea.objects.filter(project=project, title=IDEA["title"]).exists()


def test_a_signed_agreement_opens_every_tool(demo: Programme, client_for: ClientFor) -> None:
    # Orchard Lane's project runs under a signed agreement: no tool page mentions the gate
    from tests.projects.builders import orchard_lane_project

    project: Project = orchard_lane_project(Organisation.objects.get(ods_code="Z90001"), demo)
    client = client_for(practice_login("Z90001"))
    for name in TOOL_PAGES:
        assert not gate_message_in(client.get(reverse(name, args=[project.public_id])).text), name


def test_a_live_change_to_the_fishbone_is_refused_and_the_screen_goes_to_the_fishbone_page(
    demo: Programme, client_for: ClientFor
) -> None:
    from microsystems.projects.models import Cause

    project = hollow_oak_project(demo)
    client = client_for(practice_login(HOLLOW_OAK))
    response = client.post(
        reverse("project-fishbone-live", args=[project.public_id]),
        {"category": "People", "text": "Cover at 8am"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 204
    assert response["HX-Redirect"] == reverse("project-fishbone", args=[project.public_id])
    assert not Cause.objects.filter(project=project).exists()
    assert gate_message_in(client.get(response["HX-Redirect"]).text)


def test_a_cause_changed_from_meeting_mode_is_refused_with_the_message(
    demo: Programme, client_for: ClientFor
) -> None:
    from microsystems.people.models import User
    from microsystems.projects import live_actions
    from microsystems.projects.models import Cause, Meeting
    from tests.projects.builders import with_a_meeting_and_an_action

    project = hollow_oak_project(demo)
    with_a_meeting_and_an_action(project)
    meeting = Meeting.objects.get(project=project, number=1)
    champion = User.objects.get(email=practice_login(HOLLOW_OAK))
    live_actions.open_in_meeting(meeting=meeting, tool_key="fishbone", label="Fishbone", by=champion)
    cause = Cause.objects.create(project=project, category="People", text="No cover at 8am")
    response = client_for(practice_login(HOLLOW_OAK)).post(
        reverse("project-meeting-tool", args=[project.public_id, 1]),
        {
            "change_cause": cause.pk,
            "text": "No cover before 8:30",
            "place": "bone:People",
            "was_text": cause.text,
            "was_place": "0:People",
        },
        headers={"HX-Request": "true"},
    )
    assert gate_message_in(response.text)
    cause.refresh_from_db()
    assert cause.text == "No cover at 8am"
