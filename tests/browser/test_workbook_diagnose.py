"""Given Orchard Lane's project with its lead team, when the champion records the practice's purpose, the
team rates the practice, votes on a theme, writes the global aim and builds a fishbone, then each is kept
and shown; every page passes an accessibility scan."""

from collections.abc import Callable

from playwright.sync_api import FilePayload, Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.models import Project
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import orchard_lane_project, user
from tests.projects.test_population import quin_age


def a_project(demo: Programme) -> Project:
    project = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    for text in ("Test results", "Repeat prescriptions", "Phones at 8am"):
        actions.add_idea(project=project, list_key="themes", text=text, by=user(ORCHARD_LANE_STAFF))
    return project


def test_the_champion_assesses_and_diagnoses(sign_in: Callable[[str], Page], demo: Programme) -> None:
    project = a_project(demo)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/")
    page.get_by_role("link", name="Purpose", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Our agreed purpose").fill("Our practice exists to keep Orchard Lane well.")
    page.get_by_role("button", name="Save Purpose").click()
    expect(page.get_by_text("Purpose saved.")).to_be_visible()
    expect(page.get_by_text("Version 1, saved by Priya Raman")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/5ps/")
    expect(page.get_by_role("region", name="Purpose")).to_contain_text("keep Orchard Lane well")
    assert_accessible(page)

    # The practice's registered patients, from NHS England's published file.
    page.goto(f"/projects/{project.public_id}/tools/t2-3/")
    page.get_by_role("link", name="Registered patients by age and sex").click()
    upload: FilePayload = {
        "name": "gp-reg-pat-prac-quin-age.csv",
        "mimeType": "text/csv",
        "buffer": quin_age(),
    }
    page.get_by_label("The five-year age band file").set_input_files(files=upload)
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("992 registered patients on 1 September 2017")).to_be_visible()
    assert_accessible(page)

    # One session's interruptions, and the chart of their causes.
    page.goto(f"/projects/{project.public_id}/interruptions/")
    page.get_by_label("Whose session").fill("Receptionist")
    page.get_by_label("Date of the session").fill("2027-01-12")
    page.get_by_label("Phone calls").fill("14")
    page.get_by_label("Missing information").fill("3")
    page.get_by_role("button", name="Add the tally").click()
    expect(page.get_by_role("img", name="Pareto chart of interruptions")).to_be_visible()
    assert_accessible(page)

    # One timed visit.
    page.goto(f"/projects/{project.public_id}/cycle-time/")
    page.get_by_label("Date of the visit").fill("2027-01-12")
    page.get_by_label("Arrived").fill("09:00")
    page.get_by_label("Left the practice").fill("09:40")
    page.get_by_role("button", name="Add the visit").click()
    expect(page.get_by_text("1 visit timed")).to_be_visible()
    assert_accessible(page)

    # The high-level map of how results are handled today.
    page.goto(f"/projects/{project.public_id}/maps/t2-13/")
    for kind, text, role, minutes in (
        ("A step", "Result arrives", "Administrator", "1"),
        ("A wait", "Waits in the GP's inbox", "GP", "2880"),
        ("A step", "Patient told", "Receptionist", "3"),
    ):
        page.get_by_label(kind, exact=True).check()
        page.get_by_label("What happens").fill(text)
        page.get_by_label("Who does it").fill(role)
        page.get_by_label("How long, in minutes (optional)").fill(minutes)
        page.get_by_role("button", name="Add the step").click()
    expect(page.get_by_role("img", name="Process map: 3 steps in 3 lanes")).to_be_visible()
    expect(page.get_by_text("waits (2880 minutes)")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/self-assessment/")
    page.get_by_role("button", name="Open the first round").click()
    for number in range(1, 11):
        page.locator(f"input[name='c{number}'][value='2']").check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Your answers are kept without your name")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/themes/")
    page.get_by_role("button", name="Vote for Test results").click()
    expect(page.get_by_text("You have 0 of 1 vote left")).to_be_visible()
    page.get_by_role("button", name="Choose Test results as the theme").click()
    expect(page.get_by_text("The team's theme: Test results")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Write the global aim").click()
    page.get_by_label("We aim to improve").fill("how the practice handles incoming test results")
    page.get_by_label("The process begins with").fill("a result arriving in the clinical system")
    page.get_by_label("The process ends with").fill("the patient knowing their result")
    page.get_by_role("button", name="Save Global aim").click()
    expect(page.get_by_text("Global aim saved.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/fishbone/")
    page.get_by_label("The problem (the fish's head)").fill("Patients ring to chase their results")
    page.get_by_role("button", name="Save the problem").click()
    page.get_by_label("Which bone?").select_option("Processes")
    page.get_by_label("Cause", exact=True).fill("Results wait in GP inboxes")
    page.get_by_role("button", name="Add the cause").click()
    page.get_by_label("Add a deeper cause under “Results wait in GP inboxes”").fill(
        "No cover when a GP is away"
    )
    page.get_by_role("button", name="Add a deeper cause under Results wait in GP inboxes").click()
    page.get_by_role("button", name="Vote for Results wait in GP inboxes").click()
    drawing = page.get_by_role("img", name="Fishbone for: Patients ring to chase their results")
    expect(drawing).to_be_visible()
    expect(drawing).to_contain_text("Results wait in GP inboxes (1)")
    expect(page.get_by_text("No cover when a GP is away — 0 votes")).to_be_visible()
    processes = page.locator("h3", has_text="Processes").locator("xpath=following-sibling::ul[1]")
    expect(processes).to_contain_text("Results wait in GP inboxes — 1 vote")
    assert_accessible(page)

    page.goto(f"/projects/{project.public_id}/")
    expect(page.get_by_text("Chose the theme: Test results")).to_be_visible()
    assert_accessible(page)
