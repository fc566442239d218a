"""Given a lead team in a meeting, each member on their own screen, when the champion opens the fishbone
in meeting mode and the team adds causes and votes, then every screen shows what the others added within
a few seconds, a screen does not refresh away what its person is typing, and the second of two changes
to the problem is told and keeps its words. A brainstorm is collected, grouped, voted on and its chosen
ideas carried to the fishbone. Every page passes an accessibility scan."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from microsystems.demo.world import PASSWORD
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.models import Cause, Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import (
    ORCHARD_LANE_NURSE,
    orchard_lane_project,
    user,
    with_a_meeting_and_an_action,
)

REFRESH = 12_000  # ms: the screens ask again every 5 seconds


@pytest.fixture
def second_screen(browser: Browser, live_server: Any, demo: Programme) -> Iterator[Callable[[str], Page]]:
    """Another person's browser, signed in as the demo user with this email; fails on any browser error."""
    context = browser.new_context(base_url=live_server.url)
    context.route("https://assets.nhs.uk/**", lambda route: route.fulfill(status=200, body=b""))
    errors: list[str] = []

    def as_user(email: str) -> Page:
        screen = context.new_page()
        screen.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        screen.on("pageerror", lambda error: errors.append(str(error)))
        screen.goto("/sign-in/")
        screen.get_by_label("Email address").fill(email)
        screen.get_by_label("Password", exact=True).fill(PASSWORD)
        screen.get_by_role("button", name="Sign in").click()
        screen.wait_for_url(lambda url: "/sign-in/" not in url)
        return screen

    yield as_user
    context.close()
    assert not errors, f"The second screen reported errors: {errors}"


def project(demo: Programme) -> Project:
    found = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    with_a_meeting_and_an_action(found)
    return found


def meeting_on_two_screens(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> tuple[Project, Page, Page]:
    """The project's first meeting in meeting mode, on the champion's screen and on the nurse's."""
    found = project(demo)
    live = f"/projects/{found.public_id}/meetings/1/live/"
    champion = sign_in(ORCHARD_LANE_STAFF)
    nurse = second_screen(ORCHARD_LANE_NURSE)
    champion.goto(live)
    nurse.goto(live)
    return found, champion, nurse


def test_the_team_builds_the_fishbone_live_in_meeting_mode(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> None:
    found, champion, nurse = meeting_on_two_screens(sign_in, second_screen, demo)
    expect(nurse.get_by_text("No tool is open")).to_be_visible()
    assert_accessible(champion)

    # The champion opens the fishbone; it appears on the nurse's screen without her doing anything.
    champion.get_by_label("Open on every screen").select_option(label="Fishbone")
    champion.get_by_role("button", name="Open it on every screen").click()
    expect(champion.get_by_role("heading", name="Fishbone", level=2)).to_be_visible()
    expect(nurse.get_by_role("heading", name="Fishbone", level=2)).to_be_visible(timeout=REFRESH)
    assert_accessible(champion)

    # The nurse adds a cause and the champion a deeper one; both see both, and the votes.
    nurse.get_by_label("Which bone?").select_option("Processes")
    nurse.get_by_label("Cause", exact=True).fill("Results wait in GP inboxes")
    nurse.get_by_role("button", name="Add the cause").click()
    expect(nurse.get_by_text("Results wait in GP inboxes — 0 votes")).to_be_visible()
    deeper = champion.get_by_label("Add a deeper cause under “Results wait in GP inboxes”")
    expect(deeper).to_be_visible(timeout=REFRESH)
    deeper.fill("No cover when a GP is off")
    champion.get_by_role("button", name="Add a deeper cause under Results wait in GP inboxes").click()
    # As a person would, the champion votes once the deeper cause shows: each answer redraws the fishbone.
    expect(champion.get_by_text("No cover when a GP is off — 0 votes")).to_be_visible()
    champion.get_by_role("button", name="Vote for Results wait in GP inboxes").click()
    expect(champion.get_by_text("Results wait in GP inboxes — 1 vote")).to_be_visible()
    expect(nurse.get_by_text("No cover when a GP is off — 0 votes")).to_be_visible(timeout=REFRESH)
    expect(nurse.get_by_text("Results wait in GP inboxes — 1 vote")).to_be_visible(timeout=REFRESH)
    assert Cause.objects.get(text="No cover when a GP is off").parent.text == "Results wait in GP inboxes"  # type: ignore[union-attr]

    # Both start changing the problem. The nurse's screen keeps her words while she types, however many
    # refreshes pass; the champion saves first, so the nurse is told and her words are kept.
    nurse.get_by_label("The problem (the fish's head)").fill("Results are late")
    champion.get_by_label("The problem (the fish's head)").fill("Patients ring to chase their results")
    champion.get_by_role("button", name="Save the problem").click()
    expect(
        champion.get_by_role("img", name="Fishbone for: Patients ring to chase their results")
    ).to_be_visible()
    nurse.wait_for_timeout(6_000)
    expect(nurse.get_by_label("The problem (the fish's head)")).to_have_value("Results are late")
    nurse.get_by_role("button", name="Save the problem").click()
    expect(nurse.get_by_role("alert")).to_contain_text(
        "Someone else changed the problem while you were editing"
    )
    expect(nurse.get_by_label("The problem (the fish's head)")).to_have_value("Results are late")
    assert_accessible(nurse)
    found.refresh_from_db()
    assert found.fishbone.effect == "Patients ring to chase their results"

    # Every change is in the project's history, with who made it.
    champion.goto(f"/projects/{found.public_id}/history/")
    expect(champion.get_by_text("Added a cause under Processes: Results wait in GP inboxes")).to_be_visible()
    expect(champion.get_by_text("Opened Fishbone in meeting 1")).to_be_visible()


def test_a_brainstorm_is_voted_on_from_two_screens_and_carried_to_the_fishbone(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion = sign_in(ORCHARD_LANE_STAFF)
    champion.goto(f"/projects/{found.public_id}/")
    champion.get_by_role("link", name="Brainstorm and vote").first.click()
    expect(champion.get_by_role("heading", name="Brainstorm and vote", level=1)).to_be_visible()
    assert_accessible(champion)
    champion.get_by_role("button", name="Start the brainstorm").click()
    expect(champion.get_by_role("alert")).to_contain_text("Enter the question you are brainstorming")
    assert_accessible(champion)
    champion.get_by_label("What are you brainstorming?").fill("Why do patients chase their results?")
    champion.get_by_label("Causes on the fishbone").check()
    champion.get_by_label("Votes for each person (optional)").fill("2")
    champion.get_by_role("button", name="Start the brainstorm").click()
    expect(champion.get_by_role("heading", name="Why do patients chase their results?")).to_be_visible()

    nurse = second_screen(ORCHARD_LANE_NURSE)
    nurse.goto(champion.url)
    for text in ("Results sit in inboxes", "Nobody tells patients", "Phone lines busy at 8am"):
        nurse.get_by_label("Add an idea").fill(text)
        nurse.get_by_role("button", name="Add the idea").click()
        expect(nurse.get_by_role("cell", name=text, exact=True)).to_be_visible()
    champion.get_by_label("Add an idea").fill("GP inbox backlog")
    champion.get_by_role("button", name="Add the idea").click()
    # The nurse's ideas reach the champion's screen by themselves.
    added_elsewhere = champion.get_by_role("cell", name="Phone lines busy at 8am", exact=True)
    expect(added_elsewhere).to_be_visible(timeout=REFRESH)

    champion.get_by_label("Idea", exact=True).select_option(label="GP inbox backlog")
    champion.get_by_label("Says the same as").select_option(label="Results sit in inboxes")
    champion.get_by_role("button", name="Group them").click()
    expect(champion.get_by_text("Also said: GP inbox backlog")).to_be_visible()
    # Each click waits for its answer, as a person does before the next.
    champion.get_by_role("button", name="Vote for Results sit in inboxes").click()
    expect(
        champion.get_by_role("button", name="Take back my vote for Results sit in inboxes")
    ).to_be_visible()
    champion.get_by_role("button", name="Vote for Nobody tells patients").click()
    expect(champion.get_by_role("button", name="Take back my vote for Nobody tells patients")).to_be_visible()
    champion.get_by_role("button", name="Vote for Phone lines busy at 8am").click()
    expect(champion.get_by_role("alert")).to_contain_text("You have used all your votes")
    nurse.get_by_role("button", name="Vote for Results sit in inboxes").click()
    expect(champion.get_by_role("row", name="1 Results sit in inboxes")).to_contain_text("2", timeout=REFRESH)
    assert_accessible(champion)

    champion.get_by_role("button", name="Choose Results sit in inboxes").click()
    expect(champion.get_by_role("button", name="Take back the choice Results sit in inboxes")).to_be_visible()
    champion.get_by_role("button", name="Choose Nobody tells patients").click()
    expect(champion.get_by_role("button", name="Take back the choice Nobody tells patients")).to_be_visible()
    champion.get_by_label("Which bone of the fishbone?").select_option("Processes")
    champion.get_by_role("button", name="Add the 2 chosen to: causes on the fishbone").click()
    expect(champion.get_by_text("2 chosen ideas added to the fishbone")).to_be_visible()
    expect(champion.get_by_text("Nobody tells patients — 0 votes")).to_be_visible()
    assert_accessible(champion)


def test_the_champion_shapes_the_agenda_and_the_scores_show_a_trend(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion = sign_in(ORCHARD_LANE_STAFF)
    champion.goto(f"/projects/{found.public_id}/meetings/1/")
    champion.get_by_role("link", name="Change the agenda of meeting 1").click()
    expect(champion.get_by_role("heading", name="Change the agenda")).to_be_visible()
    assert_accessible(champion)
    champion.get_by_label("Item 5", exact=True).fill("Build the fishbone together")
    champion.get_by_label("Minutes for item 5").fill("")
    champion.get_by_role("button", name="Save the agenda").click()
    expect(champion.get_by_role("alert")).to_contain_text(
        "Enter the minutes for “Build the fishbone together”"
    )
    expect(champion.get_by_label("Item 5", exact=True)).to_have_value("Build the fishbone together")
    assert_accessible(champion)
    champion.get_by_label("Minutes for item 5").fill("40")
    champion.get_by_role("button", name="Save the agenda").click()
    expect(champion.get_by_text("The agenda of meeting 1 has been saved.")).to_be_visible()
    expect(champion.get_by_text("Build the fishbone together — 40 min").first).to_be_visible()

    champion.get_by_label("Meeting score out of 10").fill("6")
    champion.get_by_label("What to change next time").fill("Start on time")
    champion.get_by_role("button", name="Save the record").click()
    expect(champion.get_by_text("Record saved by Priya Raman")).to_be_visible()
    assert_accessible(champion)
    champion.get_by_role("link", name="Meetings", exact=True).click()
    expect(champion.get_by_text("Average 6 out of 10 over 1 meeting.")).to_be_visible()
    assert_accessible(champion)


def test_the_team_writes_its_ground_rules_together_in_meeting_mode(
    sign_in: Callable[[str], Page], second_screen: Callable[[str], Page], demo: Programme
) -> None:
    _, champion, nurse = meeting_on_two_screens(sign_in, second_screen, demo)
    champion.get_by_label("Open on every screen").select_option(label="Worksheet: Ground rules")
    champion.get_by_role("button", name="Open it on every screen").click()
    rules = "Our ground rules"
    expect(nurse.get_by_label(rules)).to_be_visible(timeout=REFRESH)
    nurse.get_by_label(rules).fill("Start on time")
    champion.get_by_label(rules).fill("Everyone speaks\nPhones away")
    champion.get_by_role("button", name="Save Ground rules").click()
    expect(champion.get_by_text("Ground rules saved.")).to_be_visible()
    assert_accessible(champion)
    nurse.wait_for_timeout(6_000)  # refreshes pass; what she typed stays
    expect(nurse.get_by_label(rules)).to_have_value("Start on time")
    nurse.get_by_role("button", name="Save Ground rules").click()
    expect(nurse.get_by_role("alert")).to_contain_text(
        "Priya Raman saved Ground rules while you were editing"
    )
    expect(nurse.get_by_label(rules)).to_have_value("Start on time")
    assert_accessible(nurse)


def test_a_screen_signed_out_meanwhile_goes_to_the_sign_in_page(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion = sign_in(ORCHARD_LANE_STAFF)
    champion.goto(f"/projects/{found.public_id}/fishbone/")
    champion.context.clear_cookies()  # the session ends
    champion.wait_for_url(lambda url: "/sign-in/" in url, timeout=REFRESH)
    expect(champion.get_by_role("heading", name="Fishbone")).to_have_count(0)
    expect(champion.get_by_label("Email address")).to_be_visible()


def test_the_champion_hands_over_to_a_colleague_and_the_fishbone_moves_to_step_2(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    champion = sign_in(ORCHARD_LANE_STAFF)
    champion.goto(f"/projects/{found.public_id}/")
    champion.get_by_role("link", name="Change the project's details or lead team").click()
    expect(champion.get_by_role("heading", name="Change the project's details")).to_be_visible()
    assert_accessible(champion)
    champion.get_by_label("Who is the senior sponsor?").select_option(label="Priya Raman")
    champion.get_by_role("button", name="Save the details").click()
    expect(champion.get_by_role("alert")).to_contain_text("Choose someone else as the senior sponsor")
    assert_accessible(champion)
    champion.get_by_label("Who is the champion?").select_option(label="Grace Liu")
    champion.get_by_label("Who is the senior sponsor?").select_option(label="Dr Owen Hughes")
    champion.get_by_label("In step 2, while assessing the 5Ps").check()
    champion.get_by_role("button", name="Save the details").click()
    expect(champion.get_by_text("The project's details have been saved.")).to_be_visible()
    team = champion.get_by_role("table", name="Lead team")
    expect(team.get_by_role("row").filter(has_text="Grace Liu")).to_contain_text("Champion")
    expect(team.get_by_role("row").filter(has_text="Priya Raman")).to_contain_text("Member")
    champion.goto(f"/projects/{found.public_id}/history/?tool=T1.1")
    expect(champion.get_by_text("Grace Liu is now the champion (was Priya Raman)")).to_be_visible()
    assert_accessible(champion)


def test_what_the_champion_is_typing_survives_a_change_sent_from_the_same_fishbone(
    sign_in: Callable[[str], Page], demo: Programme
) -> None:
    found = project(demo)
    actions.add_cause(
        project=found,
        category="People",
        text="Locums do not know the inbox rules",
        parent=None,
        by=user(ORCHARD_LANE_STAFF),
    )
    champion = sign_in(ORCHARD_LANE_STAFF)
    champion.goto(f"/projects/{found.public_id}/fishbone/")
    champion.get_by_label("Which bone?").select_option("Processes")
    champion.get_by_label("Cause", exact=True).fill("Results wait in GP inboxes")
    # Half-way through writing a cause, the champion votes: the fishbone is drawn again with the vote.
    champion.get_by_role("button", name="Vote for Locums do not know the inbox rules").click()
    expect(champion.get_by_text("Locums do not know the inbox rules — 1 vote")).to_be_visible()
    expect(champion.get_by_label("Which bone?")).to_have_value("Processes")
    expect(champion.get_by_label("Cause", exact=True)).to_have_value("Results wait in GP inboxes")
    assert_accessible(champion)
    champion.get_by_role("button", name="Add the cause").click()
    processes = champion.locator("h3", has_text="Processes").locator("xpath=following-sibling::ul[1]")
    expect(processes).to_contain_text("Results wait in GP inboxes — 0 votes")
    expect(champion.get_by_label("Cause", exact=True)).to_have_value("")
