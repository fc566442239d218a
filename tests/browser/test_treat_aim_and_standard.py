"""Given Orchard Lane Surgery's results measure and an adopted change, when the champion sets the specific
aim, writes the standard work and corrects a value, then the aim reads as one sentence with its baseline from
the data, the standard joins the practice's playbook, and the old value is kept. Every page passes an
accessibility scan."""

from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.treat import actions
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project, user
from tests.treat.builders import first_cycle


def test_set_the_aim_write_the_standard_and_correct_a_value(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    cycle = first_cycle(measure)
    champion = user(ORCHARD_LANE_STAFF)
    actions.record_do(cycle=cycle, what_happened="Done", surprises="", by=champion)
    actions.record_study(cycle=cycle, compared_with_prediction="As predicted", learned="", by=champion)
    actions.decide(
        cycle=cycle, decision="adopt", next_step="", new_phase=False, by=champion, on=date(2026, 4, 22)
    )
    project = measure.project
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/treat/")
    page.get_by_role("button", name="Set a specific aim").click()
    assert_accessible(page)
    page.get_by_label("Which measure?").select_option(label="Results filed within two working days")
    page.get_by_label("Target value").fill("90")
    page.get_by_label("By when?").fill("31/3/2027")
    page.get_by_label("The change will need ongoing resources after the project").check()
    page.get_by_role("button", name="Set the aim").click()
    expect(page.get_by_text("Increase results filed within two working days from 72")).to_be_visible()
    expect(page.get_by_text("to 90% by 31 March 2027.")).to_be_visible()
    expect(page.get_by_text("This change will need ongoing resources after the project")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change the aim for Results filed within two working days").click()
    assert_accessible(page)
    page.get_by_label("Target value").fill("85")
    page.get_by_role("button", name="Save the aim").click()
    expect(page.get_by_text("to 85% by 31 March 2027.")).to_be_visible()

    page.get_by_role("link", name="Text normal results to patients").click()
    page.get_by_role("link", name="Change the idea").click()
    assert_accessible(page)
    page.get_by_label("More detail (optional)").fill("A text template for normal results")
    page.get_by_role("button", name="Save the idea").click()
    expect(page.get_by_text("A text template for normal results")).to_be_visible()
    page.get_by_role("button", name="Write the standard").click()
    assert_accessible(page)
    page.get_by_label("The standard: the new way, step by step, and who does what").fill(
        "Every GP texts normal results the same day"
    )
    page.get_by_label("How do we check it is followed?").fill("A monthly check of ten results")
    page.get_by_role("button", name="Save the standard").click()
    expect(page.get_by_text("Every GP texts normal results the same day")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/practices/{project.practice.public_id}/playbook/")
    expect(page.get_by_text("A monthly check of ten results")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/measures/{measure.id}/")
    page.get_by_text("The chart as a table").click()
    page.get_by_role("link", name="5 January 2026 (correct or leave out)").click()
    assert_accessible(page)
    page.get_by_label("Value (or numerator)").fill("30")
    page.get_by_label("Leave this point out of the analysis because…").fill(
        "Half the week was a bank holiday"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The value is saved.")).to_be_visible()
    page.get_by_text("The chart as a table").click()
    expect(page.get_by_role("table", name="Data of Results filed within two working days")).to_contain_text(
        "Left out: Half the week was a bank holiday"
    )
    page.get_by_role("link", name="5 January 2026 (correct or leave out)").click()
    expect(page.get_by_text("29.0 of 50.0, replaced")).to_be_visible()
