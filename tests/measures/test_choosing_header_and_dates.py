"""When no column of a file holds dates the importer can read, the person chooses in the preview which row
holds the column names, which column holds the dates and how they are written, and the file is read again:
all or nothing, with every row's problem in plain words."""

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from microsystems.measures import actions
from microsystems.measures.importing import DATE_FORMS, Columns, interpret, read_table
from microsystems.measures.importing.values import ValueProblem, parse_in_form
from microsystems.measures.models import DataPoint, Measure
from microsystems.projects.models import Project
from tests.demo_people import ORCHARD_LANE_STAFF
from tests.projects.builders import user

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"
Clients = Callable[[str], Client]


@pytest.mark.parametrize(
    ("text", "form", "expected"),
    [
        ("Apr-2024", "month", date(2024, 4, 1)),
        ("April 2024", "month", date(2024, 4, 1)),
        ("2024-04", "month", date(2024, 4, 1)),
        ("04/2024", "month", date(2024, 4, 1)),
        ("2024M04", "month", date(2024, 4, 1)),
        ("2024-W14", "week", date(2024, 4, 1)),
        ("Week 14 2024", "week", date(2024, 4, 1)),
        ("Wk 1 2025", "week", date(2024, 12, 30)),
        ("2024/04/13", "year_first", date(2024, 4, 13)),
        ("20240413", "year_first", date(2024, 4, 13)),
        ("13/04/2024", "day_first", date(2024, 4, 13)),
        ("05/04/24", "day_first", date(2024, 4, 5)),
        ("w/c 01/04/2024", "day_first", date(2024, 4, 1)),
    ],
)
def test_each_form_of_date_is_read_as_the_person_said(text: str, form: str, expected: date) -> None:
    assert parse_in_form(text, form) == expected


@pytest.mark.parametrize(
    ("text", "form", "message"),
    [
        ("2024-04-13", "day_first", "“2024-04-13” is not a day-first date such as 13/04/2024"),
        ("13/04/2024", "year_first", "“13/04/2024” is not a year-first date such as 2024-04-13"),
        ("Q1 2024", "month", "“Q1 2024” is not a month such as Apr-2024 or 2024-04"),
        ("2024-13", "month", "“2024-13” is not a month such as Apr-2024 or 2024-04"),
        ("2023-W53", "week", "“2023-W53”: 2023 has no week 53"),
        ("31/02/2024", "day_first", "“31/02/2024” is not a real date"),
    ],
)
def test_a_date_not_in_the_chosen_form_is_named_plainly(text: str, form: str, message: str) -> None:
    with pytest.raises(ValueProblem, match=re.escape(message)):
        parse_in_form(text, form)


def table(name: str):  # type: ignore[no-untyped-def]
    return read_table((FIXTURES / name).read_bytes(), name)


def test_two_metadata_rows_then_period_labels_read_once_the_header_row_is_chosen() -> None:
    found = table("period_labels_two_metadata_rows.csv")
    # On its own, the importer takes the first line ("Reporting period, …") for the header.
    alone = interpret(found, kind="count", frequency="monthly")
    assert not alone.ok and alone.header_row == 1
    assert "Row 3: the value “Appointments offered” is not a number." in alone.errors
    parsed = interpret(found, kind="count", frequency="monthly", header_row=3, date_form="month")
    assert parsed.headers == ["Period", "Appointments offered", "Did not attend"]
    assert parsed.period_at == 0 and parsed.errors  # two columns of numbers: which is the value?
    parsed = interpret(
        found, kind="count", frequency="monthly", header_row=3, date_form="month", columns=Columns(0, 2)
    )
    assert parsed.ok, parsed.errors
    assert [(p.row, p.period, p.value) for p in parsed.points][:2] == [
        (4, date(2024, 4, 1), 61.0),
        (5, date(2024, 5, 1), 70.0),
    ]
    assert "Dates from “Period”, values from “Did not attend” (read as months)." in parsed.notes


def test_a_header_on_row_four_with_week_labels() -> None:
    found = table("header_on_row_four.csv")
    assert not interpret(found, kind="proportion", frequency="weekly").ok
    parsed = interpret(
        found,
        kind="proportion",
        frequency="weekly",
        header_row=4,
        date_form="week",
        columns=Columns(0, 1, 2),
    )
    assert parsed.ok, parsed.errors
    assert [p.period for p in parsed.points] == [
        date(2024, 4, 1),
        date(2024, 4, 8),
        date(2024, 4, 15),
        date(2024, 4, 22),
    ]
    assert "Row 9 is a totals row, so it was left out." in parsed.notes
    # Found by what it holds, whatever its name, once the header and the form are known.
    assert interpret(found, kind="count", frequency="weekly", header_row=4, date_form="week").period_at == 0


def test_every_row_in_another_form_is_listed_and_nothing_is_read() -> None:
    found = table("period_labels_two_metadata_rows.csv")
    parsed = interpret(
        found, kind="count", frequency="monthly", header_row=3, date_form="week", columns=Columns(0, 2)
    )
    assert parsed.points == []
    assert parsed.errors[:2] == [
        "Row 4: “Apr-2024” is not a week such as 2024-W14 or Week 14 2024.",
        "Row 5: “May-2024” is not a week such as 2024-W14 or Week 14 2024.",
    ]
    assert len(parsed.errors) == 6
    parsed = interpret(found, kind="count", frequency="monthly", header_row=30, date_form="month")
    assert parsed.errors == ["Row 30 is not a row of the file that holds anything: choose another."]


# --- Through the page ------------------------------------------------------------------------------------
@pytest.fixture
def monthly(project: Project) -> Measure:
    return actions.define_measure(
        project=project,
        by=user(ORCHARD_LANE_STAFF),
        name="Appointments not attended",
        measure_type="balancing",
        definition="Booked appointments the patient did not attend.",
        kind="count",
        frequency="monthly",
        better="down",
    )


def upload_url(measure: Measure) -> str:
    return reverse("measure-upload", args=[measure.project.public_id, measure.id])


def carried(page: str) -> str:
    found = re.search(r'name="table" value="([^"]+)"', page)
    assert found, "the page carries the file's rows to the choice"
    return html.unescape(found.group(1))


def test_choose_the_header_row_then_the_columns_then_save(monthly: Measure, client_for: Clients) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    name = "period_labels_two_metadata_rows.csv"
    page = client.post(
        upload_url(monthly), {"upload": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())}
    ).content.decode()
    assert "Nothing was saved" in page
    assert "The row with the column names" in page and "Row 3: Period · Appointments offered" in page
    rows = carried(page)
    # The row with the names and the form of the dates: the file is read again, its columns offered.
    page = client.post(
        upload_url(monthly), {"table": rows, "header_row": "3", "header_was": "1", "date_form": "month"}
    ).content.decode()
    assert "Period (column 1)" in page and "Did not attend (column 3)" in page
    assert "no column of values was found by its name" in page
    chosen = {
        "table": rows,
        "header_row": "3",
        "header_was": "3",
        "date_form": "month",
        "period_column": "0",
        "value_column": "2",
    }
    page = client.post(upload_url(monthly), chosen).content.decode()
    assert "6 rows are ready" in page and "April 2024" in page
    assert DataPoint.objects.filter(measure=monthly).count() == 0
    confirmed = re.search(r'name="confirmed" value="([^"]+)"', page)
    assert confirmed
    response = client.post(upload_url(monthly), {"confirmed": html.unescape(confirmed.group(1))})
    assert response.status_code == 302
    assert list(DataPoint.objects.filter(measure=monthly).values_list("period", "value"))[:2] == [
        (date(2024, 4, 1), 61.0),
        (date(2024, 5, 1), 70.0),
    ]


def test_a_wrong_form_of_date_lists_every_row_and_saves_nothing(
    monthly: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    name = "period_labels_two_metadata_rows.csv"
    page = client.post(
        upload_url(monthly), {"upload": SimpleUploadedFile(name, (FIXTURES / name).read_bytes())}
    ).content.decode()
    chosen = {
        "table": carried(page),
        "header_row": "3",
        "header_was": "3",
        "date_form": "day_first",
        "period_column": "0",
        "value_column": "2",
    }
    page = client.post(upload_url(monthly), chosen).content.decode()
    assert "Row 4: “Apr-2024” is not a day-first date such as 13/04/2024." in page
    assert "Row 9: “Sep-2024” is not a day-first date such as 13/04/2024." in page
    page = client.post(upload_url(monthly), {**chosen, "date_form": "fortnightly"}).content.decode()
    assert "Choose how the dates are written." in page
    assert DataPoint.objects.filter(measure=monthly).count() == 0


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(max_size=14) | st.from_regex(r"\d{1,4}[-/ .W]?\d{1,4}([-/ .]\d{1,4})?", fullmatch=True),
    form=st.sampled_from(sorted(DATE_FORMS)),
)
def test_any_cell_in_any_form_is_a_date_or_a_plain_problem(text: str, form: str) -> None:
    try:
        parse_in_form(text, form)
    except ValueProblem as problem:
        assert str(problem)


@settings(max_examples=50, deadline=None)
@given(header_row=st.none() | st.integers(-3, 15), form=st.sampled_from(sorted(DATE_FORMS)))
def test_any_header_row_and_form_is_answered(header_row: int | None, form: str) -> None:
    for name in ("period_labels_two_metadata_rows.csv", "header_on_row_four.csv"):
        parsed = interpret(
            table(name), kind="proportion", frequency="weekly", header_row=header_row, date_form=form
        )
        assert parsed.ok or parsed.errors


def test_a_file_with_no_readable_dates_offers_the_header_row_first(
    monthly: Measure, client_for: Clients
) -> None:
    client = client_for(ORCHARD_LANE_STAFF)
    content = b"Wk,Appts\n2024-W14,5\n2024-W15,7\n2024-W16,6\n"
    page = client.post(
        upload_url(monthly), {"upload": SimpleUploadedFile("weeks.csv", content)}
    ).content.decode()
    assert "No column of dates could be read. Choose below the row that holds the column names" in page
    assert "Which rows of weeks.csv hold the data?" in page and "The date or period" not in page
    weekly = actions.define_measure(
        project=monthly.project,
        by=user(ORCHARD_LANE_STAFF),
        name="Appointments each week",
        definition="Booked appointments.",
        kind="count",
        frequency="weekly",
    )
    page = client.post(
        upload_url(weekly), {"table": carried(page), "header_row": "1", "header_was": "", "date_form": "week"}
    ).content.decode()
    assert "3 rows are ready" in page and "8 April 2024" in page
    assert "Dates from “Wk”, values from “Appts” (read as weeks)." in page
