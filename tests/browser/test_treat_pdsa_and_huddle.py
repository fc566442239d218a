"""Given Orchard Lane Surgery's project with thirty weeks of its results measure, when the champion adds a
change idea and runs a test of it from plan to adopt, then the test shows on the measure's chart at its
dates; when the team fills in the daily huddle, its data point goes onto the measure. Every page passes an
accessibility scan."""

from collections.abc import Callable
from datetime import date
from typing import Any

from playwright.sync_api import Browser, Page, expect

from microsystems.measures import actions as measure_actions
from microsystems.measures.models import DataPoint
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project, user


def test_run_a_pdsa_from_plan_to_adopt_and_see_it_on_the_chart(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/")
    page.get_by_role("link", name="Aims and tests of change").click()
    assert_accessible(page)

    page.get_by_role("button", name="Add a change idea").click()
    page.get_by_label("The change idea").fill("Text normal results to patients")
    page.get_by_label("Results filed within two working days").check()
    page.get_by_role("group", name="How much effort would it take?").get_by_label("Low").check()
    page.get_by_role("group", name="How much difference could it make?").get_by_label("High").check()
    page.get_by_role("button", name="Add the idea").click()
    assert_accessible(page)
    page.get_by_role("link", name="Aims and tests of change").click()
    page.get_by_role("button", name="Vote to test it first for Text normal results to patients").click()
    expect(
        page.get_by_role("button", name="Take back my vote for Text normal results to patients")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Text normal results to patients").click()

    page.get_by_role("button", name="Plan a test").click()
    assert_accessible(page)
    page.get_by_label("What are we testing?").fill("One GP texts normal results for a week")
    page.get_by_label("What question will this test answer?").fill("Are results filed sooner?")
    page.get_by_label("Who will do it?").fill("Dr Hughes")
    page.get_by_label("How small is the test?").fill("One GP, one week")
    page.get_by_label("Starts on").fill("13/4/2026")
    page.get_by_label("Ends on").fill("19/4/2026")
    page.get_by_label("What data will we collect, and who collects it?").fill("The weekly search")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("alert")).to_contain_text("This field is required")  # the prediction
    assert_accessible(page)
    page.get_by_label("What do we predict will happen?").fill("Above 80% filed on time that week")
    page.get_by_role("button", name="Save the plan").click()

    expect(page.get_by_text("Test 1 is planned")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What happened?").fill("Went to plan; two patients had no mobile number")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Study: the data against the prediction")).to_be_visible()
    expect(page.get_by_role("img", name="with test 1 marked")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What do the data show, compared with the prediction?").fill(
        "84%: better than predicted"
    )
    page.get_by_role("button", name="Save").click()
    page.get_by_label("Adopt: make it the way we work").check()
    page.get_by_label("The next cycle, or how the change becomes the way we work").fill("All GPs from May")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Adopt: make it the way we work")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    expect(
        page.get_by_role("listitem").filter(
            has_text="PDSA 1: Text normal results to patients, cycle 1 (adopted)"
        )
    ).to_be_visible()
    assert page.locator("svg .app-chart__band title").first.text_content() == (
        "PDSA 1: Text normal results to patients, cycle 1 (adopted)"
    )
    phase = page.get_by_role("listitem").filter(
        has=page.get_by_role("button", name="Remove this phase from 19 April 2026")
    )
    expect(phase).to_contain_text("From 19 April 2026: Adopted: Text normal results to patients (test 1)")
    assert_accessible(page)


def test_fill_a_huddle(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    calls = measure_actions.define_measure(
        project=project,
        by=user(ORCHARD_LANE_STAFF),
        name="Calls chasing results",
        measure_type="balancing",
        definition="Calls asking for a result",
        kind="count",
        frequency="daily",
        better="down",
    )
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/")
    page.get_by_role("link", name="Daily huddle").first.click()
    assert_accessible(page)
    page.get_by_label("Date").fill("14/9/2026")
    page.get_by_label("Led by").select_option(label="Priya Raman")
    page.get_by_label("Today's capacity (sessions, appointments)").fill("2 GPs, 1 nurse")
    page.get_by_label("Staff away").fill("Dr Hughes on leave")
    page.get_by_label("Today's PDSA data point: which measure?").select_option(label="Calls chasing results")
    page.get_by_label("Value (or numerator)").fill("7")
    page.get_by_role("button", name="Save the huddle").click()
    expect(page.get_by_text("Today's value is on the chart of Calls chasing results")).to_be_visible()
    expect(page.get_by_role("table", name="Recent huddles")).to_contain_text("14 September 2026")
    assert_accessible(page)
    assert DataPoint.objects.get(measure=calls, period=date(2026, 9, 14)).value == 7
    # A second sheet for the same day shows the first before replacing it.
    page.get_by_label("Date").fill("14/9/2026")
    page.get_by_label("Today's PDSA data point: which measure?").select_option(label="Calls chasing results")
    page.get_by_label("Value (or numerator)").fill("8")
    page.get_by_role("button", name="Save the huddle").click()
    expect(page.get_by_role("alert")).to_contain_text("The huddle of 14 September 2026 is already recorded")
    assert_accessible(page)
    assert DataPoint.objects.get(measure=calls, period=date(2026, 9, 14)).value == 7
    page.get_by_role("button", name="Save the huddle").click()
    expect(page.get_by_text("Huddle saved.")).to_be_visible()
    assert DataPoint.objects.get(measure=calls, period=date(2026, 9, 14)).value == 8
    # Months of huddles: the history goes back page by page.
    from datetime import timedelta

    from microsystems.treat.models import Huddle

    for n in range(31):
        Huddle.objects.create(project=project, held_on=date(2026, 6, 1) + timedelta(days=n), capacity="2 GPs")
    page.reload()
    page.get_by_role("link", name="Older huddles").click()
    expect(page.get_by_role("table", name="Recent huddles")).to_contain_text("1 June 2026")
    assert_accessible(page)


def test_change_a_test_after_saving_and_a_second_editor_is_told(
    sign_in: Callable[[str], Page],
    browser: Browser,
    live_server: Any,
    demo: Programme,
    practice: Callable[[str], Organisation],
) -> None:
    from microsystems.demo.world import PASSWORD
    from tests.demo_people import ORCHARD_LANE_COACH
    from tests.treat.builders import first_cycle

    cycle = first_cycle(results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo)))
    url = f"/projects/{cycle.idea.project.public_id}/treat/tests/{cycle.id}/"
    # The coach, in their own browser, opens the plan to change it, and is slower.
    context = browser.new_context(base_url=live_server.url)
    context.route("https://assets.nhs.uk/**", lambda route: route.fulfill(status=200, body=b""))
    coach = context.new_page()
    coach.goto("/sign-in/")
    coach.get_by_label("Email address").fill(ORCHARD_LANE_COACH)
    coach.get_by_label("Password", exact=True).fill(PASSWORD)
    coach.get_by_role("button", name="Sign in").click()
    coach.wait_for_url(lambda address: "/sign-in/" not in address)
    coach.goto(url + "plan/")

    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(url)
    page.get_by_label("What happened?").fill("Went as planned")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    page.get_by_role("link", name="Change the plan of test 1").click()
    assert_accessible(page)
    page.get_by_label("What do we predict will happen?").fill("Above 85% filed on time")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("Changed the plan: saved.")).to_be_visible()
    expect(page.locator(".app-history")).to_contain_text(
        "Prediction: was “Filing within two days rises above 80% that week”, became “Above 85% filed on time”"
    )
    assert_accessible(page)

    coach.get_by_label("What do we predict will happen?").fill("Above 90%")
    coach.get_by_role("button", name="Save the change").click()
    expect(coach.get_by_role("alert")).to_contain_text("Someone else saved this while you were writing")
    expect(coach.get_by_text("Above 85% filed on time")).to_be_visible()
    expect(coach.get_by_label("What do we predict will happen?")).to_have_value("Above 90%")
    assert_accessible(coach)
    context.close()


def test_adapt_and_plan_the_next_test_of_the_ramp(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from microsystems.treat import actions
    from tests.treat.builders import first_cycle

    cycle = first_cycle(results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo)))
    champion = user(ORCHARD_LANE_STAFF)
    actions.record_do(cycle=cycle, what_happened="Done", surprises="", by=champion)
    actions.record_study(cycle=cycle, compared_with_prediction="Close", learned="", by=champion)
    actions.decide(
        cycle=cycle, decision="adapt", next_step="Two GPs", new_phase=False, by=champion, on=date(2026, 4, 20)
    )
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{cycle.idea.project.public_id}/treat/tests/{cycle.id}/")
    page.get_by_role("button", name="Plan the next test").click()
    expect(page.get_by_text("The last test was at the scale “One GP, one week”")).to_be_visible()
    expect(page.get_by_label("Who will do it?")).to_have_value("Dr Hughes")
    expect(page.get_by_label("What do we predict will happen?")).to_have_value("")
    assert_accessible(page)
