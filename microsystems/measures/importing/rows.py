"""From rows of text cells to data points for a measure, or every row's problem in plain words.

Columns are found by their header names (never their position) when the table has a header; a block
pasted without a header is read as date, value and, for proportions and rates, denominator. Metadata lines
above the header, blank spacer rows and a trailing totals row are skipped. Nothing here touches the
database: the caller saves the points only when there is no error at all."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .identifiers import refusal
from .table import RawTable, TableError, read_text, read_upload_tables
from .values import DATE_FORMS, ValueProblem, parse_date, parse_in_form, parse_number

KINDS = ("count", "proportion", "rate", "continuous")
FREQUENCIES = ("daily", "weekly", "monthly")

_PERIOD = (
    "month",
    "date",
    "week commencing",
    "week starting",
    "week beginning",
    "week",
    "day",
    "period",
    "month start",
    "month starting",
    "time period",
)
_NUMERATOR = (
    "numerator",
    "value",
    "count",
    "number",
    "events",
    "activity count",
    "total",
    "result",
    "minutes",
    "days",
    "hours",
)
_DENOMINATOR = (
    "denominator",
    "denom",
    "exposure",
    "population",
    "list size",
    "total population",
    "eligible",
    "patients",
)
_FORM_NAMES = {
    "day_first": "day-first dates",
    "year_first": "year-first dates",
    "month": "months",
    "week": "weeks",
}
_TOTALS = re.compile(r"^(grand )?(total|totals|sum|count|overall|all)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedPoint:
    row: int
    period: date
    value: float
    denominator: float | None


@dataclass(frozen=True)
class Columns:
    """Which column (by position in the header row) holds the dates, the values and the denominators."""

    period: int
    value: int
    denominator: int | None = None


@dataclass
class Parsed:
    points: list[ParsedPoint] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refusal: str | None = None
    # The header row found in the file and the columns read, so that the user can choose others.
    headers: list[str] = field(default_factory=list)
    header_row: int | None = None
    period_at: int | None = None
    value_at: int | None = None
    denominator_at: int | None = None
    # How the dates were read: "auto", or the form the user chose (values.DATE_FORMS).
    date_form: str = "auto"

    @property
    def ok(self) -> bool:
        return not self.errors and self.refusal is None and bool(self.points)


def _plain(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower()).strip(" :")


def _find(headers: list[str], names: tuple[str, ...], taken: set[int]) -> int | None:
    plain = [_plain(h) for h in headers]
    for name in names:
        for index, header in enumerate(plain):
            if index not in taken and header == name:
                return index
    for name in names:
        for index, header in enumerate(plain):
            if index not in taken and re.search(rf"\b{re.escape(name)}\b", header):
                return index
    return None


def _header_row(table: RawTable) -> int | None:
    """Index (into table.rows) of the header: the first of the first 20 rows that names a period column
    and has another non-empty cell."""
    for position, (_, cells) in enumerate(table.rows[:20]):
        filled = [c for c in cells if c]
        if len(filled) < 2 or _find(cells, _PERIOD, set()) is None:
            continue
        # A metadata line such as "Run date,12/03/2024" names a date but holds one: not a header.
        if any(_looks_like_date(c, table.serial_dates) for c in filled):
            continue
        return position
    return None


def _unnamed_header(table: RawTable) -> tuple[int, int] | None:
    """A header whose names are not ones we know: a row of labels (no dates) followed by two rows with a
    date in the same column. Returns (index into table.rows, the date column)."""
    rows = table.rows
    for position, (_, cells) in enumerate(rows[:20]):
        filled = [c for c in cells if c]
        if len(filled) < 2 or any(_looks_like_date(c, table.serial_dates) for c in filled):
            continue
        following = rows[position + 1 : position + 3]
        if not following:
            return None
        for column in range(len(cells)):
            if cells[column] and all(
                _looks_like_date(_at(next_cells, column), table.serial_dates) for _, next_cells in following
            ):
                return position, column
    return None


def _mostly_numbers(body: list[tuple[int, list[str]]], column: int) -> bool:
    """True when most of the column's filled cells in the first rows are numbers."""
    cells = [c for _, row in body[:20] if (c := _at(row, column))]
    if not cells:
        return False
    readable = 0
    for cell in cells:
        try:
            parse_number(cell)
        except ValueProblem:
            continue
        readable += 1
    return readable >= 0.8 * len(cells)


def _check_columns(columns: Columns, headers: list[str], kind: str) -> str | None:
    chosen = [columns.period, columns.value] + (
        [columns.denominator] if columns.denominator is not None else []
    )
    if any(not 0 <= c < len(headers) for c in chosen):
        return "One of the chosen columns is not in the file: choose the columns again."
    if len(set(chosen)) != len(chosen):
        return (
            "The same column is chosen twice: each of the date, the value and the denominator needs its own."
        )
    if _needs_denominator(kind) and columns.denominator is None:
        return f"Choose the column that holds the denominator: a {kind} needs one."
    return None


def _needs_denominator(kind: str) -> bool:
    return kind in ("proportion", "rate")


def _normalise(period: date, frequency: str) -> date:
    return period.replace(day=1) if frequency == "monthly" else period


def _label(period: date, frequency: str) -> str:
    return f"{period:%B %Y}" if frequency == "monthly" else f"{period.day} {period:%B %Y}"


def _column_reads(body: list[tuple[int, list[str]]], column: int, form: str, serials: bool) -> bool:
    """True when (nearly) all the column's first filled cells are dates in this form."""
    cells = [c for _, row in body[:20] if (c := _at(row, column))]
    return bool(cells) and sum(_reads(c, form, serials) for c in cells) >= 0.8 * len(cells)


def _dates_column(
    headers: list[str], body: list[tuple[int, list[str]]], form: str, serials: bool
) -> int | None:
    """The first column whose first filled cells are (nearly) all dates in this form."""
    return next((c for c in range(len(headers)) if _column_reads(body, c, form, serials)), None)


def interpret(
    table: RawTable,
    *,
    kind: str,
    frequency: str,
    columns: Columns | None = None,
    header_row: int | None = None,
    date_form: str = "auto",
) -> Parsed:
    """The data points in ``table`` for a measure of this kind and frequency, with every problem listed.

    Columns are found by their header names unless ``columns`` says which to read (the user's choice in
    the preview). ``header_row`` (a row number in the file) says which row holds the column names, and
    ``date_form`` how the dates are written (values.DATE_FORMS), when the user chose them."""
    if kind not in KINDS or frequency not in FREQUENCIES or date_form not in DATE_FORMS:
        raise ValueError("unknown kind, frequency or form of date")
    result = Parsed(date_form=date_form)
    if not table.rows:
        result.errors.append("The file has no rows of data.")
        return result
    unnamed: tuple[int, int] | None = None
    if header_row is not None:
        position = next((i for i, (number, _) in enumerate(table.rows) if number == header_row), None)
        if position is None:
            result.errors.append(
                f"Row {header_row} is not a row of the file that holds anything: choose another."
            )
            return result
    else:
        position = _header_row(table)
        unnamed = _unnamed_header(table) if position is None else None
        if unnamed is not None:
            position = unnamed[0]
    if position is not None:
        header_number, headers = table.rows[position]
        body = table.rows[position + 1 :]
        result.refusal = refusal(headers, header_number, table.rows)
        if result.refusal:
            return result
        result.headers, result.header_row = list(headers), header_number
        if columns is not None:
            problem = _check_columns(columns, headers, kind)
            if problem:
                result.errors.append(problem)
                return result
            period_at, value_at = columns.period, columns.value
            denominator_at = columns.denominator if _needs_denominator(kind) else None
        else:
            found_period = unnamed[1] if unnamed is not None else _find(headers, _PERIOD, set())
            if header_row is not None and (
                found_period is None or not _column_reads(body, found_period, date_form, table.serial_dates)
            ):
                # The user chose the header: the dates are where they can be read, whatever the name.
                by_content = _dates_column(headers, body, date_form, table.serial_dates)
                found_period = found_period if by_content is None else by_content
            if found_period is None:
                result.errors.append(
                    f"Row {header_number}: no column of dates was found, by its name or what it holds. "
                    "Choose the column that holds the dates, and say how they are written."
                )
                return result
            period_at = found_period
            taken = {period_at}
            denominator_at = _find(headers, _DENOMINATOR, taken) if _needs_denominator(kind) else None
            if denominator_at is not None:
                taken.add(denominator_at)
            found_value = _find(headers, _NUMERATOR, taken)
            if found_value is None:
                others = [i for i, h in enumerate(headers) if h and i not in taken]
                numeric = [i for i in others if _mostly_numbers(body, i)]
                if len(others) == 1:
                    found_value = others[0]
                elif len(numeric) == 1:  # the one other column of numbers, beside text columns
                    found_value = numeric[0]
            result.period_at, result.value_at, result.denominator_at = period_at, found_value, denominator_at
            if found_value is None:
                result.errors.append(
                    f"Row {header_number}: no column of "
                    + ("numerators" if _needs_denominator(kind) else "values")
                    + " was found by its name. Choose it below, or name it “Numerator”, “Count” or “Value”."
                )
                return result
            if _needs_denominator(kind) and denominator_at is None:
                result.errors.append(
                    f"Row {header_number}: no denominator column was found by its name. A {kind} needs "
                    "one: choose it below, or name it “Denominator”."
                )
                return result
            value_at = found_value
            if unnamed is not None:
                result.notes.append(
                    f"The column names in row {header_number} were not ones we know: the dates were found "
                    "in the column that holds them. Check the columns below."
                )
        result.period_at, result.value_at, result.denominator_at = period_at, value_at, denominator_at
        used = f"Dates from “{headers[period_at]}”, values from “{headers[value_at]}”"
        if table.sheet:
            used = f"From the sheet “{table.sheet}”: " + used[0].lower() + used[1:]
        if denominator_at is not None:
            used += f", denominators from “{headers[denominator_at]}”"
        if date_form != "auto":
            used += f" (read as {_FORM_NAMES[date_form]})"
        result.notes.append(used + ".")
        if not body:
            result.errors.append("The file has a header but no rows of data.")
            return result
    else:
        result.refusal = refusal([], None, table.rows)
        if result.refusal:
            return result
        # No header: the rows that start with a date hold the data (date, value, denominator).
        first_data = None
        for index, (_, cells) in enumerate(table.rows):
            if not _reads(cells[0], date_form, table.serial_dates):
                continue
            first_data = index
            break
        if first_data is None:
            result.errors.append(
                "No column of dates could be read. Choose below the row that holds the column names, then "
                "the column that holds the dates and how they are written."
            )
            return result
        body = table.rows[first_data:]
        period_at, value_at = 0, 1
        denominator_at = 2 if _needs_denominator(kind) else None

    seen: dict[date, int] = {}
    for number, cells in body:
        first = next((c for c in cells if c), "")
        if _TOTALS.match(first) and not _reads(_at(cells, period_at), date_form, table.serial_dates):
            result.notes.append(f"Row {number} is a totals row, so it was left out.")
            continue
        problems: list[str] = []
        period: date | None = None
        try:
            period = _normalise(
                parse_in_form(_at(cells, period_at), date_form, serials=table.serial_dates), frequency
            )
        except ValueProblem as problem:
            problems.append(str(problem))
        value = _read_value(
            _at(cells, value_at),
            kind,
            "the value" if kind in ("count", "continuous") else "the numerator",
            problems,
        )
        denominator = None
        if denominator_at is not None:
            denominator = _read_denominator(_at(cells, denominator_at), kind, problems)
        if (
            kind == "proportion"
            and value is not None
            and denominator is not None
            and denominator > 0
            and value > denominator
        ):
            problems.append(f"the numerator ({_n(value)}) is larger than the denominator ({_n(denominator)})")
        if period is not None:
            if period in seen:
                problems.append(
                    f"{_label(period, frequency)} appears twice (rows {seen[period]} and {number})"
                )
            else:
                seen[period] = number
        if problems:
            result.errors.extend(f"Row {number}: {p}." for p in problems)
        elif period is not None and value is not None:
            result.points.append(ParsedPoint(number, period, value, denominator))
    if not result.points and not result.errors:
        result.errors.append("The file has no rows of data.")
    result.points.sort(key=lambda p: p.period)
    return result


def _at(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _reads(text: str, form: str, serials: bool) -> bool:
    try:
        parse_in_form(text, form, serials=serials)
    except ValueProblem:
        return False
    return True


def _looks_like_date(text: str, serials: bool) -> bool:
    try:
        parse_date(text, serials=serials)
    except ValueProblem:
        return False
    return True


def _read_value(text: str, kind: str, what: str, problems: list[str]) -> float | None:
    try:
        number, percent = parse_number(text, what=what)
    except ValueProblem as problem:
        problems.append(str(problem))
        return None
    if kind in ("count", "proportion", "rate"):
        if percent:
            problems.append(f"{what} “{text}” is a percentage: give the count itself")
            return None
        if number < 0:
            problems.append(f"{what} is negative ({_n(number)}): a count cannot be")
            return None
        if not number.is_integer():
            problems.append(f"{what} ({_n(number)}) is not a whole number: a count must be")
            return None
    return number


def _read_denominator(text: str, kind: str, problems: list[str]) -> float | None:
    try:
        number, percent = parse_number(text, what="the denominator")
    except ValueProblem as problem:
        problems.append(str(problem))
        return None
    if percent:
        problems.append(f"the denominator “{text}” is a percentage: give the count itself")
        return None
    if number == 0:
        problems.append("the denominator is 0")
        return None
    if number < 0:
        problems.append(f"the denominator is negative ({_n(number)})")
        return None
    if kind == "proportion" and not number.is_integer():
        problems.append(f"the denominator ({_n(number)}) is not a whole number")
        return None
    return number


def _has_table(table: RawTable) -> bool:
    if _header_row(table) is not None or _unnamed_header(table) is not None:
        return True
    return any(_looks_like_date(cells[0], table.serial_dates) for _, cells in table.rows[:20] if cells)


def read_table(data: bytes, filename: str) -> RawTable:
    """The table of an upload: for an Excel file of several sheets, the first sheet that holds one (a
    header row or rows of dates), else the first sheet. A TableError says why a file cannot be read."""
    tables = read_upload_tables(data, filename)
    return next((t for t in tables if _has_table(t)), tables[0])


def parse_upload(data: bytes, filename: str, *, kind: str, frequency: str) -> Parsed:
    """An uploaded file read and interpreted; never raises for a bad file, only reports it."""
    try:
        table = read_table(data, filename)
    except TableError as error:
        return Parsed(errors=[str(error)])
    return interpret(table, kind=kind, frequency=frequency)


def parse_pasted(text: str, *, kind: str, frequency: str) -> Parsed:
    """A block pasted from a spreadsheet (tab-separated, with or without a header)."""
    if not text.strip():
        return Parsed(errors=["Nothing was pasted."])
    try:
        table = read_text(text)
    except TableError as error:
        return Parsed(errors=[str(error)])
    return interpret(table, kind=kind, frequency=frequency)
