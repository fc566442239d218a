"""Given a test of change at Orchard Lane Surgery whose adoption started a new phase on the measure's
chart, when the champion changes the decision to adapt, then the page says the phase is withdrawn, and the
measure's page lists it as withdrawn with who and why; when the phase had been changed by hand, the team is
asked first. Every page passes an accessibility scan."""

from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect

from microsystems.measures import actions as measure_actions
from microsystems.measures.models import Measure
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.treat import actions
from microsystems.treat.models import PDSACycle
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project, user
from tests.treat.builders import first_cycle


def adopted_test(demo: Programme, practice: Callable[[str], Organisation]) -> tuple[Measure, PDSACycle]:
    measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    cycle = first_cycle(measure)
    champion = user(ORCHARD_LANE_STAFF)
    actions.record_do(cycle=cycle, what_happened="Done", surprises="", by=champion)
    actions.record_study(cycle=cycle, compared_with_prediction="Above 80%", learned="", by=champion)
    actions.decide(
        cycle=cycle, decision="adopt", next_step="Every GP", new_phase=True, by=champion, on=date(2026, 4, 20)
    )
    return measure, cycle


def test_changing_an_adoption_to_adapt_withdraws_its_phase_from_the_chart(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure, cycle = adopted_test(demo, practice)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/treat/tests/{cycle.id}/")
    expect(page.get_by_text("Adopting this change started a new phase on the chart")).to_be_visible()
    page.get_by_role("link", name="Change the decision").click()
    assert_accessible(page)
    page.get_by_label("Adapt: change it and test again").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("is withdrawn; it stays in the measure's history")).to_be_visible()
    expect(page.locator(".nhsuk-inset-text")).to_contain_text("changed from adopt to adapt")
    assert_accessible(page)

    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    expect(page.get_by_role("heading", name="Withdrawn phases")).to_be_visible()
    expect(page.get_by_text("Withdrawn on")).to_contain_text("changed from adopt to adapt")
    assert_accessible(page)


def test_a_phase_changed_by_hand_is_asked_about_first(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure, cycle = adopted_test(demo, practice)
    measure_actions.start_phase(
        measure=measure,
        starts_on=date(2026, 4, 19),
        reason="Every GP texts results",
        by=user(ORCHARD_LANE_STAFF),
    )
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/treat/tests/{cycle.id}/act/")
    page.get_by_label("Abandon: stop, and try another idea").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Nothing is saved yet")).to_be_visible()
    expect(page.get_by_label("Abandon: stop, and try another idea")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Keep it on the chart as it is now").check()
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("changed by hand, stays on the chart")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    expect(page.get_by_role("button", name="Remove this phase from 19 April 2026")).to_be_visible()
