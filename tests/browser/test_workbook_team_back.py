"""Given Orchard Lane Surgery's project where the nurse and the patient member were recorded as having left
the lead team, when the champion reassigns the nurse's open actions, one to the GP and the rest all at
once to herself, and brings back the patient member, who was marked by mistake, then the actions are with
current members, the patient member is on the team again, and the history says who did what. Every page
passes an accessibility scan."""

from collections.abc import Callable
from datetime import date

from django.utils import timezone
from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.models import TeamMember
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import (
    ORCHARD_LANE_NURSE,
    orchard_lane_project,
    user,
    with_a_meeting_and_an_action,
)


def test_the_champion_reassigns_a_leavers_actions_and_brings_back_one_marked_by_mistake(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    first = with_a_meeting_and_an_action(project)
    champion = user(ORCHARD_LANE_STAFF)
    nurse = user(ORCHARD_LANE_NURSE)
    for text in ("Ask the lab about batch times", "Draft the patient letter"):
        actions.add_action(
            project=project, text=text, owner=nurse, due_on=date(2027, 2, 1), meeting=None, by=champion
        )
    today = timezone.localdate()
    for member in TeamMember.objects.filter(project=project, part__in=["member", "patient"]):
        actions.mark_left_team(project=project, member=member, on=today, by=champion)

    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/")
    page.get_by_role("link", name="Someone has left the lead team").click()
    to_reassign = page.get_by_role("table", name="Open actions of those who left the lead team")
    expect(to_reassign).to_contain_text(first.text)
    expect(to_reassign).to_contain_text("Draft the patient letter")
    assert_accessible(page)

    # One action to the GP.
    page.get_by_label(f"Reassign “{first.text}” to").select_option(label="Dr Owen Hughes (senior sponsor)")
    page.get_by_role("button", name=f"Reassign {first.text}").click()
    expect(page.get_by_text(f"“{first.text}” is now with Dr Owen Hughes.")).to_be_visible()
    expect(to_reassign).not_to_contain_text(first.text)
    assert_accessible(page)

    # The other two at once, to the champion; a choice left blank is told first.
    page.get_by_role("button", name="Reassign them all").click()
    expect(page.get_by_text("Choose who on the lead team takes the action on.")).to_be_visible()
    page.get_by_label("Reassign all 2 to").select_option(label="Priya Raman (champion)")
    page.get_by_role("button", name="Reassign them all").click()
    expect(page.get_by_text("2 actions are now with Priya Raman.")).to_be_visible()
    expect(page.get_by_text("None: every open action is with someone on the lead team.")).to_be_visible()
    assert_accessible(page)

    # The patient member was marked by mistake: brought back, she is on the team again.
    patient = TeamMember.objects.select_related("user").get(project=project, part="patient").user.full_name
    page.get_by_role("button", name=f"Bring back {patient} onto the lead team").click()
    expect(page.get_by_text(f"{patient} is back on the lead team.")).to_be_visible()
    expect(page.get_by_role("button", name=f"Bring back {patient} onto the lead team")).to_have_count(0)
    assert_accessible(page)
    page.goto(f"/projects/{project.public_id}/")
    expect(page.get_by_role("table", name="Lead team", exact=True)).to_contain_text(patient)
    page.goto(f"/projects/{project.public_id}/history/")
    expect(page.get_by_text(f"{patient} is back on the lead team")).to_be_visible()
    expect(
        page.get_by_text(f"Reassigned the action “{first.text}” from Grace Liu to Dr Owen Hughes")
    ).to_be_visible()
