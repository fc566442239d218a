"""Given a fishbone with causes and a brainstorm with ideas, when the champion rewords a cause and moves it
under another, and rewords an idea, then each screen shows the change, a colleague who was changing the
same cause is told and keeps her words, and the history shows the words before and after. Every page
passes an accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.programme.models import Programme
from microsystems.projects import actions, live_actions
from microsystems.projects.models import Cause
from tests.browser.conftest import assert_accessible
from tests.browser.test_workbook_live import REFRESH, project, second_screen
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, user

__all__ = ["second_screen"]  # the other person's browser, a fixture


def test_the_team_rewords_and_moves_causes_and_ideas(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion_user = user(ORCHARD_LANE_STAFF)
    for category, text in (("Processes", "Results sit in inbox"), ("People", "No cover for the duty GP")):
        actions.add_cause(project=found, category=category, text=text, parent=None, by=champion_user)
    inbox = Cause.objects.get(project=found, text="Results sit in inbox")
    actions.toggle_cause_vote(cause=inbox, by=user(ORCHARD_LANE_NURSE))
    fishbone = f"/projects/{found.public_id}/fishbone/"
    champion = sign_in(ORCHARD_LANE_STAFF)
    nurse = second_screen(ORCHARD_LANE_NURSE)

    # Both open the same cause to change it; the open form outlasts the page's refreshes.
    for screen in (champion, nurse):
        screen.goto(fishbone)
        screen.get_by_role("link", name="Change or move the cause Results sit in inbox").click()
        expect(screen.get_by_label("Reword the cause")).to_have_value("Results sit in inbox")
    assert_accessible(champion)
    champion.wait_for_timeout(6_000)
    expect(champion.get_by_label("Reword the cause")).to_be_visible()

    # The champion saves new words first; the nurse, saving hers after, is told and keeps them.
    champion.get_by_label("Reword the cause").fill("Results sit unread in the GP inbox")
    champion.get_by_role("button", name="Save the change to Results sit in inbox").click()
    expect(champion.get_by_text("Results sit unread in the GP inbox — 1 vote")).to_be_visible()
    nurse.get_by_label("Reword the cause").fill("Results wait for a GP to file them")
    nurse.get_by_role("button", name="Save the change to Results sit in inbox").click()
    expect(nurse.get_by_role("alert")).to_contain_text(
        "Someone else changed this cause while you were changing it"
    )
    expect(nurse.get_by_role("alert")).to_contain_text("It now reads “Results sit unread in the GP inbox”")
    expect(nurse.get_by_label("Reword the cause")).to_have_value("Results wait for a GP to file them")
    assert_accessible(nurse)
    nurse.get_by_role("link", name="Cancel the change to Results sit unread in the GP inbox").click()
    expect(nurse.get_by_label("Reword the cause")).to_have_count(0)

    # The champion moves it under the other cause: its vote goes with it, on both screens.
    champion.get_by_role("link", name="Change or move the cause Results sit unread in the GP inbox").click()
    champion.get_by_label("Where it goes").select_option(label="Under “No cover for the duty GP” (People)")
    champion.get_by_role("button", name="Save the change to Results sit unread in the GP inbox").click()
    expect(champion.get_by_label("Reword the cause")).to_have_count(0)
    moved = Cause.objects.get(project=found, text="Results sit unread in the GP inbox")
    assert moved.parent is not None and moved.parent.text == "No cover for the duty GP"
    people = nurse.locator("li", has_text="No cover for the duty GP").first
    expect(people.locator("li", has_text="Results sit unread in the GP inbox — 1 vote")).to_be_visible(
        timeout=REFRESH
    )
    assert_accessible(champion)

    # A brainstorm's idea is reworded the same way.
    brainstorm = live_actions.start_brainstorm(
        project=found, question="Why do patients ring?", use="list", votes_each=2, by=champion_user
    )
    live_actions.add_brainstorm_idea(brainstorm=brainstorm, text="Phones busy", by=champion_user)
    champion.goto(f"/projects/{found.public_id}/brainstorms/{brainstorm.number}/")
    champion.get_by_role("link", name="Reword Phones busy").click()
    expect(champion.get_by_label("Reword the idea")).to_have_value("Phones busy")
    assert_accessible(champion)
    champion.get_by_label("Reword the idea").fill("Phone lines busy at 8am")
    champion.get_by_role("button", name="Save the new words for Phones busy").click()
    expect(champion.get_by_role("cell", name="Phone lines busy at 8am", exact=True)).to_be_visible()

    # The history keeps who changed what, with the words before and after.
    champion.goto(f"/projects/{found.public_id}/history/")
    expect(champion.get_by_text("Was: Results sit in inbox")).to_be_visible()
    expect(champion.get_by_text("Now: under “No cover for the duty GP” (People)")).to_be_visible()
    expect(champion.get_by_text("Now: Phone lines busy at 8am")).to_be_visible()
    assert_accessible(champion)


def test_in_meeting_mode_a_cause_is_changed_in_the_panel_on_every_screen(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion_user = user(ORCHARD_LANE_STAFF)
    actions.add_cause(
        project=found, category="Processes", text="Results sit in inbox", parent=None, by=champion_user
    )
    meeting = found.meetings.get(number=1)
    live_actions.open_in_meeting(meeting=meeting, tool_key="fishbone", label="Fishbone", by=champion_user)
    live = f"/projects/{found.public_id}/meetings/1/live/"
    champion = sign_in(ORCHARD_LANE_STAFF)
    nurse = second_screen(ORCHARD_LANE_NURSE)
    champion.goto(live)
    nurse.goto(live)

    # The champion opens the cause to change it; the panel's refreshes keep it open.
    champion.get_by_role("link", name="Change or move the cause Results sit in inbox").click()
    expect(champion.get_by_label("Reword the cause")).to_have_value("Results sit in inbox")
    champion.wait_for_timeout(6_000)
    expect(champion.get_by_label("Reword the cause")).to_be_visible()
    assert_accessible(champion)
    champion.get_by_label("Reword the cause").fill("Results sit unread for days")
    champion.get_by_label("Where it goes").select_option(label="On the bone: People")
    champion.get_by_role("button", name="Save the change to Results sit in inbox").click()
    expect(champion.get_by_text("Results sit unread for days — 0 votes")).to_be_visible()
    expect(champion.get_by_label("Reword the cause")).to_have_count(0)

    # The nurse's screen shows it, on its new bone, by itself.
    expect(nurse.get_by_text("Results sit unread for days — 0 votes")).to_be_visible(timeout=REFRESH)
    assert Cause.objects.get(project=found, text="Results sit unread for days").category == "People"
