"""Dates and numbers as they appear in GP exports and spreadsheets, read day-first (UK), never guessed."""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}


class ValueProblem(ValueError):
    """A cell that cannot be read; the message completes "row N: ..."."""


_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
_NUMERIC = re.compile(rf"^(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{2}}|\d{{4}}){_TIME}$")
_ISO = re.compile(rf"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DAY_MONTH_NAME = re.compile(rf"^(\d{{1,2}})[ -]?([a-z]{{3,9}})[ -]?(\d{{2}}|\d{{4}}){_TIME}$")
_MONTH_NAME_YEAR = re.compile(r"^([a-z]{3,9})[ -/']?(\d{2}|\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _make(year: int, month: int, day: int, original: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem(f"“{original}” is not a real date") from None


def parse_date(text: str, *, serials: bool = False) -> date:
    """A date from the formats GP exports use: 01/04/2024, 01-04-24, 2024-04-01, 20240401, 01SEP2017,
    01-Apr-17, 1 April 2024, Jan-24, January 2024 (the first of the month), an Excel serial number in an
    Excel file.  Slash dates are day first; one that reads only month first is refused, not guessed."""
    original = text.strip()
    value = original.lower()
    if not value:
        raise ValueProblem("there is no date")
    if found := _ISO.match(value):
        return _make(int(found[1]), int(found[2]), int(found[3]), original)
    if found := _NUMERIC.match(value):
        day, month, year = int(found[1]), int(found[2]), _year(found[3])
        if month > 12 and day <= 12:
            raise ValueProblem(
                f"“{original}” reads only month first (American order), as when Excel re-saves a file: "
                "dates must be day first, such as 13/04/2024"
            )
        return _make(year, month, day, original)
    if found := _COMPACT.match(value):
        return _make(int(found[1]), int(found[2]), int(found[3]), original)
    if found := _DAY_MONTH_NAME.match(value):
        named = MONTHS.get(found[2])
        if named is None:
            raise ValueProblem(f"“{original}” is not a date we can read")
        return _make(_year(found[3]), named, int(found[1]), original)
    if found := _MONTH_NAME_YEAR.match(value):
        named = MONTHS.get(found[1])
        if named is None:
            raise ValueProblem(f"“{original}” is not a date we can read")
        return _make(_year(found[2]), named, 1, original)
    if found := _YEAR_MONTH.match(value):
        return _make(int(found[1]), int(found[2]), 1, original)
    if serials and re.fullmatch(r"\d{5}(\.\d+)?", value):
        number = float(value)
        if 20_000 <= number <= 80_000:  # 1954 to 2119
            return date(1899, 12, 30) + timedelta(days=int(number))
    raise ValueProblem(f"“{original}” is not a date we can read (write dates day first, such as 01/04/2024)")


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


def parse_number(text: str, *, what: str = "the value") -> tuple[float, bool]:
    """A number, allowing thousands separators ("1,234") and a trailing %; returns (number, was_percent)."""
    original = text.strip()
    value = original.replace("\u00a0", "").replace(" ", "")
    percent = value.endswith("%")
    if percent:
        value = value[:-1]
    if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", value):
        value = value.replace(",", "")
    if not value:
        raise ValueProblem(f"{what} is missing")
    if not _NUMBER.match(value):
        raise ValueProblem(f"{what} “{original}” is not a number")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e12:
        raise ValueProblem(f"{what} “{original}” is not a usable number")
    return number, percent


# --- Dates read in a form the user chose (in the preview, when no column of dates could be read) --------
DATE_FORMS = {
    "auto": "Work it out (dates day first, such as 13/04/2024, or month names)",
    "day_first": "Day first, as in the UK: 13/04/2024, 13-04-24, 13 Apr 2024",
    "year_first": "Year first (ISO): 2024-04-13, 2024/04/13, 20240413",
    "month": "A month: Apr-2024, April 2024, 2024-04, 04/2024, 2024M04",
    "week": "A week number: 2024-W14, Week 14 2024, Wk 14 2024 (the week starts on its Monday)",
}
_EXAMPLES = {
    "day_first": "a day-first date such as 13/04/2024",
    "year_first": "a year-first date such as 2024-04-13",
    "month": "a month such as Apr-2024 or 2024-04",
    "week": "a week such as 2024-W14 or Week 14 2024",
}
_WEEK_START = re.compile(r"^(?:w/c|wc|week commencing|week starting|week beginning)\s*:?\s*", re.IGNORECASE)
_DAY_FIRST = re.compile(rf"^(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{2}}|\d{{4}}){_TIME}$")
_YEAR_FIRST = re.compile(rf"^(\d{{4}})[/.-]?(\d{{1,2}})[/.-]?(\d{{1,2}}){_TIME}$")
_MONTH_FORMS = (
    (re.compile(r"^([a-z]{3,9})[ -/'.]?(\d{2}|\d{4})$"), "name_year"),
    (re.compile(r"^(\d{4})[ -/.]?([a-z]{3,9})$"), "year_name"),
    (re.compile(r"^(\d{4})(?:[-/.]|m)(\d{1,2})$"), "year_number"),
    (re.compile(r"^(\d{1,2})[-/.](\d{4})$"), "number_year"),
)
_WEEK_FORMS = (
    re.compile(r"^(\d{4})[ -]?w(?:ee)?k?[ -]?(\d{1,2})$"),
    re.compile(r"^w(?:ee)?k?[ -]?(\d{1,2})[ ,/-]+(\d{4})$"),
)


def _not_in_form(original: str, form: str) -> ValueProblem:
    return ValueProblem(f"“{original}” is not {_EXAMPLES[form]}")


def parse_in_form(text: str, form: str, *, serials: bool = False) -> date:
    """A date written the way the user said the column is written; "auto" reads it as ``parse_date``."""
    if form not in DATE_FORMS:
        raise ValueError("unknown date form")
    if form == "auto":
        return parse_date(text, serials=serials)
    original = text.strip()
    value = original.lower()
    if not value:
        raise ValueProblem("there is no date")
    if form == "day_first":
        value = _WEEK_START.sub("", value)
        if found := _DAY_FIRST.match(value):
            return _make(_year(found[3]), int(found[2]), int(found[1]), original)
        if found := _DAY_MONTH_NAME.match(value):
            named = MONTHS.get(found[2])
            if named is not None:
                return _make(_year(found[3]), named, int(found[1]), original)
        raise _not_in_form(original, form)
    if form == "year_first":
        if (found := _YEAR_FIRST.match(value)) and (len(value) == 8 or not value.isdigit()):
            return _make(int(found[1]), int(found[2]), int(found[3]), original)
        raise _not_in_form(original, form)
    if form == "month":
        for pattern, shape in _MONTH_FORMS:
            if found := pattern.match(value):
                if shape == "name_year":
                    month, year = MONTHS.get(found[1]), _year(found[2])
                elif shape == "year_name":
                    month, year = MONTHS.get(found[2]), int(found[1])
                elif shape == "year_number":
                    month, year = int(found[2]), int(found[1])
                else:
                    month, year = int(found[1]), int(found[2])
                if month is None or not 1 <= month <= 12:
                    break
                return _make(year, month, 1, original)
        raise _not_in_form(original, form)
    for number, pattern in enumerate(_WEEK_FORMS):
        if found := pattern.match(value):
            year, week = (int(found[1]), int(found[2])) if number == 0 else (int(found[2]), int(found[1]))
            try:
                return date.fromisocalendar(year, week, 1)
            except ValueError:
                raise ValueProblem(f"“{original}”: {year} has no week {week}") from None
    raise _not_in_form(original, form)
