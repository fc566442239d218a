"""Given a practice with no improvement project, when its practice manager starts one, plans the lead
team's meetings and runs the first in meeting mode, then the work is recorded and the coach can follow
it; a member of another practice cannot reach it. Every page passes an accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import MILLBROOK_STAFF, ORCHARD_LANE_COACH, ORCHARD_LANE_STAFF


def start_project(page: Page) -> None:
    page.get_by_role("link", name="Start a project").first.click()
    expect(page.get_by_role("heading", name="Start an improvement project")).to_be_visible()
    assert_accessible(page)
    # Nothing chosen for the patient and no reason: the form says what is missing.
    page.get_by_label("What will the project be called?").fill("Test results handled within two working days")
    page.get_by_label("Who is the champion?").select_option(label="Priya Raman, Practice manager")
    page.get_by_label("Who is the senior sponsor?").select_option(label="Dr Owen Hughes, GP")
    page.get_by_label("Grace Liu, Practice nurse").check()
    page.get_by_label("Process or administrative").check()
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Choose a patient member, or say why no patient is joining yet"
    )
    assert page.title().startswith("Error: ")
    assert_accessible(page)
    page.get_by_label("Margaret Ellis, Patient representative").check()
    page.get_by_role("button", name="Start the project").click()


def test_a_champion_starts_a_project_and_runs_a_meeting(sign_in: Callable[[str], Page]) -> None:
    page = sign_in(ORCHARD_LANE_STAFF)
    start_project(page)

    expect(
        page.get_by_role("heading", name="Test results handled within two working days", level=1)
    ).to_be_visible()
    expect(page.get_by_text("The project has started")).to_be_visible()
    expect(page.get_by_role("table", name="Lead team")).to_contain_text("Margaret Ellis")
    expect(page.get_by_text("Current step")).to_be_visible()
    assert_accessible(page)

    # The champion decides the team does not need a separate roles exercise: the path moves on.
    page.get_by_role("button", name="Mark not needed for Meeting roles").click()
    expect(page.get_by_role("button", name="Put back on the path for Meeting roles")).to_be_visible()

    page.get_by_role("link", name="Meetings and actions").first.click()
    assert_accessible(page)
    page.get_by_label("Date of the first session").fill("2027-01-12")
    page.get_by_label("Start time").fill("13:00")
    page.get_by_label("How many sessions?").fill("4")
    page.get_by_role("button", name="Plan the meetings").click()
    expect(page.get_by_text("4 meetings planned")).to_be_visible()
    expect(page.get_by_role("table", name="Lead team meetings")).to_contain_text("Meeting 4")
    assert_accessible(page)

    page.get_by_role("link", name="Meeting 1", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Open meeting mode").click()
    assert_accessible(page)
    # The timekeeper starts the clock on the first item.
    page.get_by_role("button", name="Start Agree the aim of this meeting").click()
    expect(page.get_by_role("status")).to_contain_text("Started: Agree the aim of this meeting")
    # An action is captured as it is said, without leaving the page.
    page.get_by_label("Action").fill("Count the calls chasing results this week")
    page.get_by_label("Who will do it").select_option(label="Grace Liu")
    page.get_by_label("Due by").fill("2027-01-19")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_role("table", name="Actions")).to_contain_text(
        "Count the calls chasing results this week"
    )
    expect(page.get_by_role("status")).to_contain_text("Started")  # still the same page: the timer kept going
    assert_accessible(page)

    page.get_by_role("link", name="Back to the meeting record").click()
    page.get_by_label("Notes").fill("Walked through how a result reaches the patient.")
    page.get_by_label("Decisions").fill("Start with normal results.")
    page.get_by_label("Meeting score out of 10").fill("8")
    page.get_by_role("button", name="Save the record").click()
    expect(page.get_by_text("The record of meeting 1 has been saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Printable summary").click()
    expect(page.get_by_text("Start with normal results.")).to_be_visible()
    expect(page.get_by_text("Count the calls chasing results this week")).to_be_visible()
    assert_accessible(page)


def test_the_coach_follows_the_project_and_another_practice_is_refused(
    sign_in: Callable[[str], Page], page: Page
) -> None:
    start_project(sign_in(ORCHARD_LANE_STAFF))
    project = Project.objects.get(practice__ods_code="Z90001")
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(ORCHARD_LANE_COACH)
    projects = page.get_by_role("table", name="Your improvement projects")
    expect(projects).to_contain_text("Orchard Lane Surgery")
    assert_accessible(page)
    projects.get_by_role("link", name="Test results handled within two working days").click()
    expect(page.get_by_role("button", name="Mark not needed for Meeting roles")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(MILLBROOK_STAFF)
    # Asked directly (a navigation would log the 404 as a browser error), with the signed-in session.
    response = page.request.get(f"/projects/{project.public_id}/")
    assert response.status == 404
    assert "Test results handled" not in response.text()
    expect(
        page.get_by_role("link", name="Test results handled within two working days", exact=True)
    ).to_have_count(0)
