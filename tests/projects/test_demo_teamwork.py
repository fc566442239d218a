"""The demo's teamwork: meetings with their end-of-meeting reviews kept, brainstorms voted on and grouped,
and a planned meeting that will open its brainstorm on every screen; each page opens."""

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from microsystems.programme.models import Programme
from microsystems.projects.models import Brainstorm, Meeting, MeetingRevision, Project
from tests.demo_people import MILLBROOK_STAFF


def test_the_demo_brainstorms_and_meetings_show_the_teams_work(
    demo: Programme, client_for: Callable[[str], Client]
) -> None:
    results = Project.objects.get(title="Incoming test results handled within two working days")
    client = client_for(MILLBROOK_STAFF)
    brainstorm = Brainstorm.objects.get(project=results)
    page = client.get(reverse("project-brainstorm", args=[results.public_id, brainstorm.number])).text
    assert "Also said: Phone calls about results" in page
    assert page.index("Results filed within two working days") < page.index("Results waiting over a week")
    listing = client.get(reverse("project-meetings", args=[results.public_id])).text
    assert "out of 10 over 12 meetings" in listing
    second = client.get(reverse("project-meeting", args=[results.public_id, 2])).text
    assert "At meeting 1 the team scored the meeting" in second
    assert MeetingRevision.objects.filter(meeting__project=results).count() == 12

    care_home = Project.objects.get(title="Weekly ward rounds with Willowmere Care Home")
    upcoming = Meeting.objects.filter(project=care_home, held=False).order_by("number").first()
    assert upcoming is not None and upcoming.open_tool == "brainstorm-1"
    champion = care_home.team.get(part="champion").user
    panel = client_for(champion.email).get(
        reverse("project-meeting-tool", args=[care_home.public_id, upcoming.number]),
        headers={"HX-Request": "true"},
    )
    assert "Brainstorm: What gets in the way of a good ward round?" in panel.text
