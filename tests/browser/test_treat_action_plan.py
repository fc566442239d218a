"""Given Orchard Lane Surgery's project, when the champion plans the tasks around a change (training, then
switching it on), then the action plan draws them on a timeline with the second waiting for the first; she
changes a task and marks it done. Every page passes an accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project


def test_plan_tasks_that_wait_for_each_other_and_see_them_on_the_timeline(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/treat/action-plan/")
    assert_accessible(page)
    page.get_by_label("The task").fill("Train reception on the new text message")
    page.get_by_label("Who does it?").select_option(index=1)
    page.get_by_label("Starts on").fill("1/6/2026")
    page.get_by_label("Due by").fill("12/6/2026")
    page.get_by_role("button", name="Add the task").click()
    expect(
        page.get_by_text("“Train reception on the new text message” is on the action plan.")
    ).to_be_visible()

    page.get_by_label("The task").fill("Switch the template on for every GP")
    page.get_by_label("Who does it?").select_option(index=1)
    page.get_by_label("Starts on").fill("8/6/2026")
    page.get_by_label("Due by").fill("19/6/2026")
    page.get_by_label("It waits for (optional)").select_option(
        label="Train reception on the new text message (due 12 June 2026)"
    )
    page.get_by_role("button", name="Add the task").click()
    expect(page.get_by_role("alert")).to_contain_text("start it on or after that day")
    assert_accessible(page)
    page.get_by_label("Starts on").fill("15/6/2026")
    page.get_by_role("button", name="Add the task").click()
    expect(page.get_by_role("img", name="Timeline of the action plan")).to_be_visible()
    table = page.get_by_role("table", name="Tasks and actions")
    expect(table.get_by_role("row").filter(has_text="Switch the template on")).to_contain_text(
        "Train reception on the new text message"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Train reception on the new text message (change)").click()
    assert_accessible(page)
    page.get_by_label("It is done").check()
    page.get_by_role("button", name="Save the task").click()
    expect(page.get_by_text("The task is saved.")).to_be_visible()
    expect(table.get_by_role("row").filter(has_text="Dr Owen Hughes 1 June 2026")).to_contain_text("Done")
