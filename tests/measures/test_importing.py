"""Reading real-looking exports: preambles, totals rows, UK dates, BOMs, cp1252, semicolons, Excel; every
row's problem in plain words; patient-identifiable data refused with the reason."""

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from microsystems.measures.importing import is_nhs_number, parse_pasted, parse_upload

FIXTURES = Path(__file__).parent.parent / "fixtures" / "import"


def upload(name: str, kind: str = "proportion", frequency: str = "monthly"):  # type: ignore[no-untyped-def]
    return parse_upload((FIXTURES / name).read_bytes(), name, kind=kind, frequency=frequency)


def test_an_emis_style_report_skips_its_preamble_and_totals_and_reads_thousands() -> None:
    parsed = upload("emis_report_preamble.csv")
    assert parsed.ok, parsed.errors
    assert [p.period for p in parsed.points][:2] == [date(2023, 9, 1), date(2023, 10, 1)]
    assert parsed.points[1].denominator == 1234
    assert len(parsed.points) == 6
    assert "Row 13 is a totals row, so it was left out." in parsed.notes


def test_a_breakdown_with_a_bom_month_labels_and_spaced_headers() -> None:
    parsed = upload("systmone_breakdown.csv", kind="count")
    assert parsed.ok, parsed.errors
    assert [p.value for p in parsed.points] == [31, 28, 35, 30, 26]
    assert parsed.points[0].period == date(2024, 1, 1)


def test_weekly_counts_take_the_activity_column_by_name() -> None:
    parsed = upload("ardens_manager_export.csv", kind="count", frequency="weekly")
    assert parsed.ok, parsed.errors
    assert parsed.points[0].period == date(2024, 4, 1)
    assert [p.value for p in parsed.points] == [41, 39, 44, 47]
    assert "values from “Activity count”" in parsed.notes[0]


def test_a_date_that_reads_only_month_first_is_refused_not_guessed() -> None:
    parsed = upload("excel_resaved_us_dates.csv", kind="count", frequency="daily")
    assert not parsed.ok
    assert parsed.errors == [
        "Row 4: “04/13/2024” reads only month first (American order), as when Excel re-saves a file: "
        "dates must be day first, such as 13/04/2024."
    ]


def test_windows_text_and_semicolons() -> None:
    parsed = upload("cp1252_and_semicolon.csv")
    assert parsed.ok, parsed.errors
    assert [(p.value, p.denominator) for p in parsed.points] == [(12, 40), (15, 42), (11, 39)]


def test_patient_identifiable_columns_refuse_the_file_with_the_reason() -> None:
    parsed = upload("pid_columns_present.csv", kind="count")
    assert not parsed.ok and not parsed.points
    assert parsed.refusal is not None
    assert "“Date of Birth”" in parsed.refusal or "“NHS Number”" in parsed.refusal
    assert "Nothing was saved" in parsed.refusal


def test_a_valid_nhs_number_in_any_cell_refuses_the_file() -> None:
    parsed = upload("nhs_number_in_a_cell.csv", kind="count")
    assert parsed.refusal is not None
    assert parsed.refusal.startswith("Row 3 holds what looks like an NHS number")


@pytest.mark.parametrize(
    ("header", "refused"),
    [
        ("Name", True),
        ("Patient name", True),
        ("Surname", True),
        ("DOB", True),
        ("Date of birth", True),
        ("Practice name", False),
        ("GP_NAME", False),
        ("Number of patients", False),
    ],
)
def test_name_and_birth_date_headers(header: str, refused: bool) -> None:
    parsed = parse_pasted(f"Month,Count,{header}\nJan-24,3,x\n", kind="count", frequency="monthly")
    assert (parsed.refusal is not None) is refused


def test_the_nhs_number_check_digit() -> None:
    assert is_nhs_number("943 476 5919")
    assert is_nhs_number("9434765919")
    assert not is_nhs_number("9434765918")  # wrong check digit
    assert not is_nhs_number("1234567890")  # check digit would be 10: never valid
    assert not is_nhs_number("943476591")


def test_every_row_with_a_problem_is_listed_in_plain_words() -> None:
    parsed = upload("rows_with_errors.csv", frequency="weekly")
    assert not parsed.ok
    assert parsed.errors == [
        "Row 3: the denominator is 0.",
        "Row 4: the numerator “abc” is not a number.",
        "Row 5: the numerator (25) is larger than the denominator (20).",
        "Row 6: the numerator is negative (-1): a count cannot be.",
        "Row 7: the denominator is missing.",
        "Row 8: 8 April 2024 appears twice (rows 3 and 8).",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.csv", "The file is empty."),
        ("header_only.csv", "The file has a header but no rows of data."),
    ],
)
def test_empty_files(name: str, message: str) -> None:
    assert upload(name).errors == [message]


def test_ragged_rows_report_what_is_missing() -> None:
    parsed = upload("ragged_rows.csv")
    assert parsed.errors == [
        "Row 2: the denominator is missing.",
        "Row 4: the numerator is missing.",
        "Row 4: the denominator is missing.",
    ]


def test_a_staff_saved_excel_file_with_a_merged_title_and_serial_dates() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Results filed on time"
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Month", "Numerator", "Denominator", "Hidden"])
    sheet.append([datetime(2024, 1, 1), 12, 40, "x"])
    sheet.append([45323, 15, 42, "x"])  # 1 February 2024 as an Excel serial, unformatted
    sheet.column_dimensions["D"].hidden = True
    notes = book.create_sheet("Notes")
    notes["A1"] = "Ignore me"
    data = io.BytesIO()
    book.save(data)
    parsed = parse_upload(data.getvalue(), "measure_export.xlsx", kind="proportion", frequency="monthly")
    assert parsed.ok, parsed.errors
    assert [p.period for p in parsed.points] == [date(2024, 1, 1), date(2024, 2, 1)]


def test_a_damaged_excel_file_is_reported_not_raised() -> None:
    parsed = parse_upload(b"PK\x03\x04 not really a zip", "broken.xlsx", kind="count", frequency="monthly")
    assert parsed.errors == ["The Excel file could not be opened: save it again as .xlsx or as CSV."]


def test_a_pasted_block_without_a_header() -> None:
    parsed = parse_pasted("1/4/2026\t12\t40\n1/5/2026\t14\t41\n", kind="proportion", frequency="monthly")
    assert parsed.ok
    assert [(p.period, p.value, p.denominator) for p in parsed.points] == [
        (date(2026, 4, 1), 12, 40),
        (date(2026, 5, 1), 14, 41),
    ]


def test_columns_whose_names_are_unknown_are_found_by_their_dates_and_left_to_the_user() -> None:
    parsed = upload("systmone_unnamed_columns.csv")
    assert not parsed.ok
    assert parsed.header_row == 4
    assert parsed.headers == ["Quarter start", "Reviewed in the last 12 months", "On the asthma register"]
    assert parsed.period_at == 0 and parsed.value_at is None
    assert "Choose it below" in parsed.errors[0]


def test_the_columns_the_user_chooses_are_read() -> None:
    from microsystems.measures.importing import Columns, interpret, read_upload

    data = (FIXTURES / "systmone_unnamed_columns.csv").read_bytes()
    table = read_upload(data, "systmone_unnamed_columns.csv")
    parsed = interpret(table, kind="proportion", frequency="monthly", columns=Columns(0, 1, 2))
    assert parsed.ok, parsed.errors
    first = parsed.points[0]
    assert (first.period, first.value, first.denominator) == (date(2023, 4, 1), 212, 401)
    assert "Row 9 is a totals row, so it was left out." in parsed.notes
    # Numerator and denominator the wrong way round: every row says so, nothing is read.
    swapped = interpret(table, kind="proportion", frequency="monthly", columns=Columns(0, 2, 1))
    assert not swapped.ok and len(swapped.errors) == 4
    assert swapped.errors[0] == "Row 5: the numerator (401) is larger than the denominator (212)."
    assert interpret(table, kind="proportion", frequency="monthly", columns=Columns(0, 1, 1)).errors == [
        "The same column is chosen twice: each of the date, the value and the denominator needs its own."
    ]
    assert (
        "not in the file"
        in interpret(table, kind="count", frequency="monthly", columns=Columns(0, 9)).errors[0]
    )
    assert (
        "denominator" in interpret(table, kind="rate", frequency="monthly", columns=Columns(0, 1)).errors[0]
    )


@pytest.mark.parametrize(
    ("name", "kind", "frequency", "values"),
    [
        ("emis_report.zip", "proportion", "monthly", [101, 96, 110, 99, 120, 125]),
        ("excel_unicode_text.txt", "count", "weekly", [41, 39, 44]),
    ],
)
def test_a_zipped_export_and_excel_unicode_text(
    name: str, kind: str, frequency: str, values: list[int]
) -> None:
    parsed = upload(name, kind=kind, frequency=frequency)
    assert parsed.ok, parsed.errors
    assert [p.value for p in parsed.points] == values


def test_a_zip_of_two_files_is_refused() -> None:
    assert upload("two_files.zip").errors == ["The zip file must hold exactly one CSV file."]


def test_an_excel_file_whose_first_sheet_is_notes_is_read_from_the_sheet_with_the_table() -> None:
    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes["A1"] = "This workbook holds the weekly search results."
    data_sheet = book.create_sheet("Weekly data")
    data_sheet.append(["Week commencing", "Requests answered on the day"])
    data_sheet.append([datetime(2024, 4, 1), 41])
    data_sheet.append([datetime(2024, 4, 8), 39])
    out = io.BytesIO()
    book.save(out)
    parsed = parse_upload(out.getvalue(), "requests.xlsx", kind="count", frequency="weekly")
    assert parsed.ok, parsed.errors
    assert [p.value for p in parsed.points] == [41, 39]
    assert parsed.notes[0].startswith("From the sheet “Weekly data”: dates from “Week commencing”")


def test_a_staff_saved_workbook_fixture_reads_its_one_column_of_numbers_beside_a_text_column() -> None:
    # measure_export.xlsx: a merged title, a note line, data from row 4 with Excel serial dates and one real
    # date, a hidden "Checked by" column of initials, a totals row and a second "Notes" sheet.
    parsed = upload("measure_export.xlsx")
    assert parsed.ok, parsed.errors
    assert [(p.period, p.value, p.denominator) for p in parsed.points] == [
        (date(2024, 9, 1), 412, 1630),
        (date(2024, 10, 1), 780, 1634),
        (date(2024, 11, 1), 1010, 1641),
        (date(2024, 12, 1), 1122, 1645),
    ]
    assert parsed.notes == [
        "From the sheet “Flu uptake”: dates from “Month”, values from “Vaccinated”, denominators from "
        "“Eligible”.",
        "Row 8 is a totals row, so it was left out.",
    ]
