"""Given Orchard Lane Surgery's project, when its champion defines a measure and pastes thirty weeks of data
from a spreadsheet, then the chart shows the shift with its plain-English sentence; when she uploads a file
with errors, every row's error is listed and nothing is saved. Every page passes an accessibility scan."""

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from microsystems.measures.models import DataPoint, Measure
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import AFTER, BEFORE, weeks
from tests.projects.builders import orchard_lane_project

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def test_paste_thirty_rows_and_see_the_shift(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    project = orchard_lane_project(practice(ORCHARD_LANE), demo)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{project.public_id}/measures/")
    assert_accessible(page)
    page.get_by_role("button", name="Define a measure").click()
    assert_accessible(page)
    page.get_by_label("Name of the measure").fill("Results filed within two working days")
    page.get_by_label("Outcome").check()
    page.get_by_label("Operational definition").fill(
        "Results received that week, filed within two working days."
    )
    page.get_by_label("A proportion (a numerator out of a denominator)").check()
    page.get_by_label("Weekly").check()
    page.get_by_label("Higher is better").check()
    page.get_by_label("Target (optional)").fill("80")
    page.get_by_role("button", name="Save the measure").click()

    expect(page.get_by_role("heading", name="Add data")).to_be_visible()
    assert_accessible(page)
    rows = "\n".join(f"{d:%d/%m/%Y}\t{v}\t50" for d, v in zip(weeks(30), BEFORE + AFTER, strict=True))
    page.get_by_label("Paste rows from a spreadsheet").fill(rows)
    page.get_by_role("button", name="Save the data").click()

    expect(page.get_by_text("30 values added")).to_be_visible()
    sentences = page.get_by_test_id("chart-sentences")
    expect(sentences).to_contain_text(
        "this is a shift, a signal that the process has changed, in the better direction"
    )
    expect(
        page.get_by_role("img", name="p chart (control chart for proportions) of Results filed")
    ).to_be_visible()
    expect(page.get_by_text("Special cause variation: improvement (higher)")).to_be_visible()
    page.get_by_text("The chart as a table").click()
    expect(page.get_by_role("table", name="Data of Results filed within two working days")).to_contain_text(
        "88%"
    )
    assert_accessible(page)


def test_pasting_into_the_grid_spreads_the_block(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from tests.measures.builders import results_measure

    measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo), with_data=False)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/data/")
    block = "\n".join(f"{d:%d/%m/%Y}\t{v}\t50" for d, v in zip(weeks(20), BEFORE + AFTER, strict=False))
    page.get_by_label("Date, row 1", exact=True).focus()
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            const paste = new ClipboardEvent('paste', {clipboardData: data, bubbles: true});
            document.activeElement.dispatchEvent(paste);
        }""",
        block,
    )
    expect(page.get_by_label("Denominator, row 20", exact=True)).to_have_value("50")
    page.get_by_role("button", name="Save the data").click()
    expect(page.get_by_text("20 values added")).to_be_visible()
    assert DataPoint.objects.filter(measure=measure).count() == 20


def test_upload_a_file_with_errors_and_nothing_is_saved(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from tests.measures.builders import results_measure

    measure: Measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    before = DataPoint.objects.filter(measure=measure).count()
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    page.get_by_role("link", name="Upload a file").click()
    assert_accessible(page)
    page.get_by_label("Upload a CSV or Excel file").set_input_files(str(FIXTURES / "rows_with_errors.csv"))
    page.get_by_role("button", name="Check the file").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Nothing was saved")
    for text in (
        "Row 3: the denominator is 0.",
        "Row 4: the numerator “abc” is not a number.",
        "Row 5: the numerator (25) is larger than the denominator (20).",
        "Row 6: the numerator is negative (-1): a count cannot be.",
        "Row 7: the denominator is missing.",
        "Row 8: 8 April 2024 appears twice (rows 3 and 8).",
    ):
        expect(summary).to_contain_text(text)
    assert_accessible(page)
    assert DataPoint.objects.filter(measure=measure).count() == before

    page.get_by_label("Upload a CSV or Excel file").set_input_files(
        str(FIXTURES / "emis_report_preamble.csv")
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("table", name="Preview of the rows to save")).to_contain_text("September 2023")
    assert_accessible(page)
    page.get_by_role("button", name="Save these 6 rows").click()
    expect(page.get_by_text("6 values added")).to_be_visible()
    assert DataPoint.objects.filter(measure=measure).count() == before + 6


def test_upload_a_clinical_system_export_and_choose_its_columns(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from tests.measures.builders import results_measure

    measure: Measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    before = DataPoint.objects.filter(measure=measure).count()
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/upload/")
    page.get_by_label("Upload a CSV or Excel file").set_input_files(
        str(FIXTURES / "systmone_unnamed_columns.csv")
    )
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert")).to_contain_text("no column of numerators was found by its name")
    assert_accessible(page)
    expect(page.get_by_label("The date or period")).to_have_value("0")
    page.get_by_label("The numerator").select_option(label="Reviewed in the last 12 months (column 2)")
    page.get_by_label("The denominator").select_option(label="On the asthma register (column 3)")
    page.get_by_role("button", name="Read the file again").click()
    preview = page.get_by_role("table", name="Preview of the rows to save")
    expect(preview).to_contain_text("April 2023")
    expect(preview).to_contain_text("401")
    assert_accessible(page)
    assert DataPoint.objects.filter(measure=measure).count() == before
    page.get_by_role("button", name="Save these 4 rows").click()
    expect(page.get_by_text("4 values added")).to_be_visible()
    assert DataPoint.objects.filter(measure=measure).count() == before + 4


def test_read_each_point_by_keyboard_and_by_mouse_and_zoom_to_dates(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from tests.measures.builders import results_measure

    measure: Measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    chart = page.get_by_role("group", name="points: use the left and right arrow keys")
    tip = page.locator(".app-chart-tip")
    expect(tip).to_be_hidden()
    # By keyboard: the chart takes focus and starts at the latest point; the arrows move along.
    chart.focus()
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("27 July 2026")
    page.keyboard.press("Home")
    expect(tip).to_contain_text("5 January 2026: 58.0% (29 of 50)")
    page.keyboard.press("ArrowRight")
    expect(tip).to_contain_text("12 January 2026")
    expect(page.get_by_role("status").filter(has_text="Point 2 of 30")).to_have_count(1)
    assert_accessible(page)
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    # By mouse: the nearest point's value.
    point = page.locator(".app-chart__point").nth(14)
    box = point.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    expect(tip).to_contain_text("13 April 2026")

    page.get_by_text("Zoom to dates").click()
    page.get_by_label("From", exact=True).fill("1/2/2026")
    page.get_by_label("To", exact=True).fill("31/3/2026")
    page.get_by_role("button", name="Zoom to these dates").click()
    expect(page.locator(".app-chart__point")).to_have_count(9)
    assert_accessible(page)
    page.get_by_label("To", exact=True).fill("1/1/2026")
    page.get_by_role("button", name="Zoom to these dates").click()
    expect(page.get_by_text("The end of the range must be on or after its start")).to_be_visible()
    assert_accessible(page)


def test_start_a_phase_remove_it_and_change_the_definition(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    from tests.measures.builders import results_measure

    measure: Measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo))
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/")
    page.get_by_text("Start a new phase").click()
    page.get_by_label("First date of the new phase").fill("16/2/2026")
    page.get_by_label("Why does the process change here?").fill("Wrong week")
    page.get_by_role("button", name="Start the phase").click()
    expect(page.get_by_role("button", name="Remove this phase from 16 February 2026")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Remove this phase from 16 February 2026").click()
    expect(page.get_by_text("The phase from 16 February 2026 is removed.")).to_be_visible()
    expect(page.get_by_text("One phase: the whole series shares one centre line.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Change the definition").click()
    assert_accessible(page)
    page.get_by_label("Target (optional)").fill("85")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The measure is saved.")).to_be_visible()
