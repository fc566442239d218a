"""Given Orchard Lane Surgery's project, when the nurse leaves the practice's lead team, the champion is first
told to hand over the sponsor's role before the GP can leave, then records that the nurse left: the
project page lists the current team and, apart, who left and when, and the nurse's open action is marked
to reassign. Every page passes an accessibility scan."""

from collections.abc import Callable

from django.utils import timezone
from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project, with_a_meeting_and_an_action


def test_the_champion_records_that_a_member_left_the_lead_team(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    with_a_meeting_and_an_action(project)
    today = timezone.localdate()
    shown = f"{today.day} {today:%B %Y}"
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/")
    page.get_by_role("link", name="Someone has left the lead team").click()
    expect(page.get_by_role("heading", name="Someone has left the lead team", level=1)).to_be_visible()
    assert_accessible(page)

    # The senior sponsor cannot simply leave: the page says to hand over the role first.
    page.get_by_label("Who has left the lead team").select_option(label="Dr Owen Hughes (senior sponsor)")
    page.get_by_label("The day they left").fill(today.isoformat())
    page.get_by_role("button", name="Record that they left").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Hand over the senior sponsor's role to another member first"
    )
    expect(page.get_by_label("The day they left")).to_have_value(today.isoformat())
    assert_accessible(page)

    page.get_by_label("Who has left the lead team").select_option(label="Grace Liu (member)")
    page.get_by_role("button", name="Record that they left").click()
    expect(page.get_by_text("Grace Liu is recorded as having left the lead team.")).to_be_visible()
    expect(page.get_by_role("table", name="Lead team", exact=True)).not_to_contain_text("Grace Liu")
    left = page.get_by_role("table", name="Who left the lead team")
    expect(left).to_contain_text("Grace Liu")
    expect(left).to_contain_text(shown)
    expect(page.get_by_text(f"Grace Liu left the lead team on {shown}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Meetings and actions").first.click()
    expect(page.get_by_role("table", name="Actions")).to_contain_text("Left the lead team: reassign")
    assert_accessible(page)
