"""Given Orchard Lane's project, when the champion works through the 5Ps — their own view of the purpose
beside a colleague's and the agreed statement, registers imported from the clinical system, a patient's
journey step by step, the staff profile, skills, who does what, patterns and the measures that matter —
then the discoveries summary starts from what the tools found, and the 5Ps poster fills itself and prints.
Every page passes an accessibility scan."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import FilePayload, Page, expect

from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from microsystems.projects import actions
from microsystems.projects.method import TOOLS_BY_ID
from tests.browser.conftest import assert_accessible
from tests.browser.test_workbook_print import pages_in, print_as_pdf
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.projects.builders import ORCHARD_LANE_NURSE, orchard_lane_project, user

REGISTERS = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "emis_registers.csv"


def test_the_champion_completes_the_five_ps(sign_in: Callable[[str], Page], demo: Programme) -> None:
    project = orchard_lane_project(Organisation.objects.get(ods_code=ORCHARD_LANE), demo)
    # The nurse wrote her view of the purpose earlier in the week, and rated the practice's processes.
    nurse = user(ORCHARD_LANE_NURSE)
    actions.save_own_answers(
        project=project,
        tool=TOOLS_BY_ID["T2.2"],
        answers={"aim": "Keep people well, not just treat them", "for_whom": "Everyone on our list"},
        based_on_version=0,
        by=nurse,
    )
    actions.rate_processes(project=project, ratings={"Handling test results": "big"}, by=nurse)
    base = f"/projects/{project.public_id}"
    page = sign_in(ORCHARD_LANE_STAFF)

    # Purpose: my own view, beside the nurse's, then what we agreed.
    page.goto(f"{base}/")
    expect(page.get_by_role("region", name="Your view is asked for")).to_contain_text(
        "Purpose: your view — not answered yet"
    )
    assert_accessible(page)
    page.get_by_role("region", name="Your view is asked for").get_by_role("link").first.click()
    expect(page.get_by_role("table")).to_contain_text("Keep people well, not just treat them")
    page.get_by_label("What is our practice for?").fill("Safe, personal care that is easy to reach")
    page.get_by_label("Who do we do it for?").fill("The people of Orchard Lane")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Your answers are saved")).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_contain_text("Priya Raman")
    expect(table).to_contain_text("Safe, personal care that is easy to reach")
    expect(table).to_contain_text("Keep people well, not just treat them")
    assert_accessible(page)
    page.get_by_label("Our agreed purpose").fill("Our practice exists to keep Orchard Lane well.")
    page.get_by_label("Date we agreed it").fill("12 January 2027")
    page.get_by_role("button", name="Save Purpose").click()
    expect(page.get_by_text("Purpose saved.")).to_be_visible()
    assert_accessible(page)

    # Patients: registers from the clinical system's report, then one more typed in.
    page.goto(f"{base}/tools/t2-3/")
    page.get_by_role("link", name="Registered patients by age and sex, and registers").click()
    assert_accessible(page)
    report: FilePayload = {
        "name": "emis_registers.csv",
        "mimeType": "text/csv",
        "buffer": REGISTERS.read_bytes(),
    }
    page.get_by_label("A report from your clinical system").set_input_files(files=report)
    page.get_by_role("button", name="Upload the report").click()
    expect(page.get_by_text("Imported 4 registers from emis_registers.csv")).to_be_visible()
    expect(page.get_by_label("Register or group, row 1")).to_have_value("Diabetes")
    expect(page.get_by_label("Patients, row 1")).to_have_value("1412")
    page.get_by_label("Register or group, row 5").fill("Carers")
    page.get_by_label("Patients, row 5").fill("some")
    page.get_by_role("button", name="Save Patients").click()
    expect(page.get_by_role("alert")).to_contain_text("Row 5: patients must be a whole number")
    expect(page.get_by_label("Register or group, row 5")).to_have_value("Carers")  # kept as typed
    assert_accessible(page)
    page.get_by_label("Patients, row 5").fill("140")
    page.get_by_role("button", name="Save Patients").click()
    expect(page.get_by_text("Patients saved.")).to_be_visible()
    expect(page.get_by_label("Register or group, row 5")).to_have_value("Carers")

    # Through the patient's eyes, step by step.
    page.goto(f"{base}/tools/t2-5/")
    page.get_by_label("Which journey").fill("Getting a blood test result")
    page.get_by_label("When, row 1").fill("Day 1, 08:00")
    page.get_by_label("Where or how, row 1").fill("Phone")
    page.get_by_label("What the patient saw and felt, row 1").fill("Twenty minutes in the queue")
    page.get_by_label("Pain point, row 1").fill("Nobody could say if the result was back")
    page.get_by_label("What went well, row 2").fill("The nurse rang back the same day")
    page.get_by_role("button", name="Save Through the patient's eyes").click()
    expect(page.get_by_text("Through the patient's eyes saved.")).to_be_visible()
    assert_accessible(page)

    # Professionals, skills and who does what.
    page.goto(f"{base}/tools/t2-7/")
    page.get_by_label("Roles, numbers and hours").fill("GP — 4 (3.1 WTE)\nPractice nurse — 2 (1.6 WTE)")
    page.get_by_role("button", name="Save Professionals").click()
    expect(page.get_by_text("Professionals saved.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/tools/t2-9/")
    page.get_by_label("Skills I want to build").fill("Running searches in the clinical system")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_role("region", name="Everyone's skills, one row a person")).to_contain_text(
        "Running searches"
    )
    expect(page.get_by_role("table", name="Skills across the team")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{base}/tools/t2-10/")
    page.get_by_label("Role, row 1").fill("GP")
    page.get_by_label("Activity, row 1").fill("Filing normal results")
    page.get_by_label("Share of the week (%), row 1").fill("10")
    page.get_by_label("Could someone else do it, or another way?, row 1").fill("The nurse, with a protocol")
    page.get_by_role("button", name="Save Who does what").click()
    expect(page.get_by_text("Who does what saved.")).to_be_visible()
    assert_accessible(page)

    # The processes with a problem get an owner (the nurse rated results a big problem).
    page.goto(f"{base}/processes/")
    page.get_by_role("link", name="Owners of the processes that need work").click()
    expect(page.get_by_label("Process, row 1")).to_have_value("Handling test results")
    page.get_by_label("Who owns it, row 1").fill("Priya Raman")
    page.get_by_role("button", name="Save How well our processes work").click()
    expect(page.get_by_text("How well our processes work saved.")).to_be_visible()
    assert_accessible(page)

    # Patterns and the measures that matter.
    page.goto(f"{base}/tools/t2-14/")
    page.get_by_label("Patterns of demand").fill("Mondays after 8am are the busiest")
    page.get_by_role("button", name="Save Patterns").click()
    expect(page.get_by_text("Patterns saved.")).to_be_visible()
    page.goto(f"{base}/tools/t2-15/")
    page.get_by_label("Measure, row 1").fill("Results filed within two working days")
    page.get_by_label("How it is counted, row 1").fill("Results filed in 2 days, out of all results")
    page.get_by_role("button", name="Save Metrics that matter").click()
    expect(page.get_by_text("Metrics that matter saved.")).to_be_visible()
    assert_accessible(page)

    # The discoveries summary starts from what the tools found.
    page.goto(f"{base}/tools/t2-18/")
    expect(page.get_by_role("region", name="What the other tools found")).to_contain_text(
        "Handling test results: big problem"
    )
    expect(page.get_by_label("Problems and waste")).to_contain_text("Nobody could say if the result was back")
    expect(page.get_by_label("Possible themes")).to_have_value("Handling test results")
    page.get_by_label("Beyond our control: to raise with the network or commissioner").fill("Courier times")
    page.get_by_role("button", name="Save What we found").click()
    expect(page.get_by_text("What we found saved.")).to_be_visible()
    assert_accessible(page)

    # The poster fills itself, and prints.
    page.goto(f"{base}/5ps/")
    expect(page.get_by_role("region", name="Purpose")).to_contain_text("keep Orchard Lane well")
    expect(page.get_by_role("region", name="Purpose")).to_contain_text("Drawn from the views of 2 people")
    expect(page.get_by_role("region", name="Patients")).to_contain_text("Diabetes: 1,412 (7.9%")
    expect(page.get_by_role("region", name="Professionals")).to_contain_text("The nurse, with a protocol")
    expect(page.get_by_role("region", name="Patterns")).to_contain_text(
        "Measures we watch: Results filed within two working days"
    )
    expect(page.get_by_role("region", name="Staff and patient surveys")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add what the worksheets do not say").click()
    page.get_by_label("Also on the Patterns panel").fill("Flu clinics take over every October")
    page.get_by_role("button", name="Save 5Ps at a glance").click()
    expect(page.get_by_text("5Ps at a glance saved.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="the poster").click()
    expect(page.get_by_role("region", name="Patterns")).to_contain_text("Flu clinics take over every October")
    pdf = print_as_pdf(page)
    expect(page.get_by_role("banner")).to_be_hidden()
    assert pages_in(pdf) <= 2

    # The ideal map starts from today's high-level map.
    today = actions.process_map_for(project, TOOLS_BY_ID["T2.13"])
    for kind, text, role in (
        ("step", "Result arrives", "Administrator"),
        ("wait", "Waits in the inbox", "GP"),
    ):
        actions.add_map_step(
            process_map=today,
            kind=kind,
            text=text,
            role=role,
            minutes=5,
            loops_to=None,
            by=user(ORCHARD_LANE_STAFF),
        )
    page.emulate_media(media="screen")
    page.goto(f"{base}/maps/t3-3f/")
    expect(page.get_by_text("Today (Process map): 2 steps, 1 hand-off, 1 wait (5 minutes).")).to_be_visible()
    page.get_by_role("button", name="Start from today's map").click()
    expect(page.get_by_text("Copied 2 steps from today's map")).to_be_visible()
    expect(page.get_by_role("img", name="Process map: 2 steps in 2 lanes")).to_be_visible()
    assert_accessible(page)

    # The guidance and the master file describe every tool, with the blank tables to print.
    page.goto("/projects/guidance/")
    expect(page.get_by_text("Each person answers for themselves:").first).to_be_visible()
    assert_accessible(page)

    # A worksheet prints with its answers and without the site's header or the forms' buttons.
    page.emulate_media(media="screen")
    page.goto(f"{base}/tools/t2-2/")
    print_as_pdf(page)
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("button", name="Save my answers")).to_be_hidden()
