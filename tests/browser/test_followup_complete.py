"""Given Orchard Lane Surgery's project with its results measure, when the champion logs a benefit and
completes the project with its lessons, the next theme and who owns the measure from now on, then the
project is completed and its measure continues, waiting for data since completion. Every page passes an
accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import Page, expect

from microsystems.measures.models import Measure
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project


def test_log_a_benefit_and_complete_the_project(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure: Measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    project = measure.project
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/follow-up/")
    assert_accessible(page)
    page.get_by_label("What has changed for people?").fill("Fewer calls about results")
    page.get_by_label("A short quote (optional)").fill("Calmer mornings")
    page.get_by_label("Staff experience").check()
    page.get_by_role("button", name="Add to the log").click()
    expect(page.get_by_text("Added to the benefits log.")).to_be_visible()

    page.get_by_role("button", name="Complete the project").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")
    assert_accessible(page)
    page.get_by_label("Lessons learned").fill("Start small; measure weekly")
    page.get_by_label("The next theme to work on (optional)").fill("Repeat prescriptions")
    page.get_by_label("Who owns “Results filed within two working days” from now on?").select_option(index=1)
    page.get_by_role("button", name="Complete the project").click()
    expect(
        page.get_by_text("The project is completed. Its measures continue, for the follow-ups.")
    ).to_be_visible()
    expect(page.locator(".app-story-preview")).to_contain_text("Repeat prescriptions")
    assert_accessible(page)
    project = Project.objects.get(pk=project.pk)
    assert project.status == "completed"
    page.goto(f"/projects/{project.public_id}/measures/{measure.id}/")
    expect(page.get_by_text("the measure continues")).to_be_visible()
    # No data since completion yet: the page says so, and offers no empty chart.
    expect(page.get_by_text("No data since the project completed yet")).to_be_visible()
    expect(page.get_by_role("link", name="See the chart since completion")).to_have_count(0)
    assert_accessible(page)
