"""Given Orchard Lane Surgery's weekly results measure, when the champion uploads an export whose header is
on row 4 and whose dates are week numbers, then the importer cannot read it on its own; she chooses the row
with the column names, the columns and "a week number", previews the rows and saves them all. Every page
passes an accessibility scan."""

from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from microsystems.measures.models import DataPoint
from microsystems.people.models import Organisation
from microsystems.programme.models import Programme
from tests.browser.conftest import assert_accessible
from tests.demo_people import ORCHARD_LANE, ORCHARD_LANE_STAFF
from tests.measures.builders import results_measure
from tests.projects.builders import orchard_lane_project

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def test_choose_the_header_row_and_how_the_weeks_are_written(
    sign_in: Callable[[str], Page], demo: Programme, practice: Callable[[str], Organisation]
) -> None:
    measure = results_measure(orchard_lane_project(practice(ORCHARD_LANE), demo), with_data=False)
    page = sign_in(ORCHARD_LANE_STAFF)
    page.goto(f"/projects/{measure.project.public_id}/measures/{measure.id}/upload/")
    page.get_by_label("Upload a CSV or Excel file").set_input_files(str(FIXTURES / "header_on_row_four.csv"))
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing was saved")
    assert_accessible(page)

    page.get_by_label("The row with the column names").select_option(label="Row 4: Wk · Same day · Booked")
    page.get_by_label("The date or period").select_option(label="Wk (column 1)")
    page.get_by_label("The numerator").select_option(label="Same day (column 2)")
    page.get_by_label("The denominator").select_option(label="Booked (column 3)")
    page.get_by_label("A week number").check()
    page.get_by_role("button", name="Read the file again").click()
    preview = page.get_by_role("table", name="Preview of the rows to save")
    expect(preview).to_contain_text("1 April 2024")
    expect(preview).to_contain_text("22 April 2024")
    expect(page.get_by_text("Row 9 is a totals row, so it was left out.")).to_be_visible()
    expect(page.get_by_text("(read as weeks)")).to_be_visible()
    assert_accessible(page)
    assert not DataPoint.objects.filter(measure=measure).exists()

    page.get_by_role("button", name="Save these 4 rows").click()
    expect(page.get_by_text("4 values added")).to_be_visible()
    assert list(DataPoint.objects.filter(measure=measure).values_list("period", "value", "denominator")) == [
        (date(2024, 4, 1), 212.0, 640.0),
        (date(2024, 4, 8), 198.0, 655.0),
        (date(2024, 4, 15), 230.0, 702.0),
        (date(2024, 4, 22), 205.0, 610.0),
    ]
