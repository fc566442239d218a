"""Reading the practice's own figures from a report exported from its clinical system (EMIS Web,
SystmOne, Vision and the like), in plain Python: register counts, or registered patients by age band.

The exports vary, so the reader is forgiving about layout and strict about content:
- lines of report details above the table (report name, run date, population count) are skipped, and the
  run date is kept (day first, as UK systems write it);
- the header is found by its words, not its position; cells may carry spaces, a byte-order mark, quoted
  thousands ("1,234") and percentages; a "Total" row at the end is left out;
- a file that holds patient-identifiable data (an NHS number anywhere, or a column of names, addresses or
  dates of birth) is refused whole;
- every row must be read cleanly or nothing is imported: the problems are listed by row."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from microsystems.measures.importing.identifiers import identifying_header, is_nhs_number
from microsystems.measures.importing.table import RawTable, TableError, read_upload

MAX_BYTES = 2_000_000
MAX_PROBLEMS = 10

_LABEL = (
    "register",
    "condition",
    "disease",
    "group",
    "search",
    "search name",
    "report",
    "population",
    "cohort",
    "indicator",
    "description",
    "category",
    "age band",
    "age group",
    "age range",
    "age",
)
_COUNT = (
    "count",
    "patients",
    "number of patients",
    "patient count",
    "number",
    "total",
    "population count",
    "result",
    "results",
    "value",
    "list size",
)
_NOTE = ("prevalence", "percentage", "percent", "%", "rate", "note", "notes", "comment")
_MALE = ("male", "males", "men", "m")
_FEMALE = ("female", "females", "women", "f")
_SEX = ("sex", "gender")
_TOTALS = re.compile(r"^(grand )?(total|totals|sum|all patients|overall)\b", re.IGNORECASE)
_BAND = re.compile(
    r"^(?:aged? )?(\d{1,3})\s*(?:-|\u2013|to)\s*(\d{1,3})(?: years?)?$"
    r"|^(?:aged? )?(\d{1,3})\s*(?:\+|and over|or over|plus)$",
    re.IGNORECASE,
)
_MONTH = re.compile(
    r"^(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[ -]?'?\d{2,4}$", re.IGNORECASE
)
_RUN_DATE = re.compile(r"\b(run|date|extract|as at|created|produced)\b", re.IGNORECASE)


class ReportError(ValueError):
    """The file cannot be imported; the message says why in plain words. Nothing has been kept."""


@dataclass(frozen=True)
class Register:
    name: str
    patients: int
    note: str = ""


@dataclass(frozen=True)
class AgeBand:
    label: str  # "0 to 4", …, "85 and over"
    male: int
    female: int
    other: int = 0  # counted in no column of sex, or a sex other than male or female


@dataclass
class Report:
    run_on: date | None = None
    registers: list[Register] = field(default_factory=list)
    bands: list[AgeBand] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(b.male + b.female + b.other for b in self.bands)


def _plain(text: str) -> str:
    return re.sub(r"[\s_]+", " ", text.replace("\ufeff", "").strip().lower()).strip(" :")


def _find(headers: list[str], names: tuple[str, ...], taken: set[int]) -> int | None:
    plain = [_plain(h) for h in headers]
    for name in names:
        for index, header in enumerate(plain):
            if index not in taken and header == name:
                return index
    for name in names:
        if len(name) < 3:
            continue
        for index, header in enumerate(plain):
            if index not in taken and re.search(rf"\b{re.escape(name)}\b", header):
                return index
    return None


def _count(text: str) -> int | None:
    plain = re.sub(r"[,\s]", "", text.replace("\u00a0", ""))
    return int(plain) if re.fullmatch(r"[0-9]{1,9}", plain) else None


def _uk_date(text: str) -> date | None:
    for part in re.findall(
        r"\d{1,2}[/-]\d{1,2}[/-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[ -][A-Za-z]{3}[ -]\d{4}", text
    ):
        for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d %b %Y", "%d-%b-%Y"):
            try:
                return datetime.strptime(part, pattern).date()
            except ValueError:
                continue
    return None


def band_label(text: str) -> str | None:
    """An age band in our words ("0 to 4", "85 and over"), or None when the text is not one."""
    found = _BAND.match(text.strip())
    if not found:
        return None
    low, high, open_low = found.groups()
    if open_low is not None:
        return f"{int(open_low)} and over"
    if int(low) > int(high):
        return None
    return f"{int(low)} to {int(high)}"


def _header_at(table: RawTable) -> int:
    """Index (into table.rows) of the header: the first row, among the first 20, with two or more cells
    and no number in any of them, that is followed by a row holding a number."""
    rows = table.rows
    for position, (_, cells) in enumerate(rows[:20]):
        filled = [c for c in cells if c]
        if len(filled) < 2 or any(_count(c) is not None or _uk_date(c) for c in filled):
            continue
        following = [cells for _, cells in rows[position + 1 : position + 3]]
        if not following or not any(_count(c) is not None for c in following[0]):
            continue
        # A line of report details ("Report name, Diabetes") is not a header: a header names its count
        # column in words we know, or heads at least two rows of numbers.
        known = _find(cells, _COUNT + _MALE + _FEMALE, set()) is not None
        if known or (len(following) == 2 and all(any(_count(c) is not None for c in f) for f in following)):
            return position
    raise ReportError(
        "We could not find the table in the file: it needs a header row (such as Register, Count) "
        "followed by rows of counts."
    )


def _refusal(table: RawTable, headers: list[str], header_number: int) -> None:
    for cell in headers:
        why = identifying_header(cell)
        if why:
            raise ReportError(
                f"The file has {why} (“{cell.strip()}”, row {header_number}). Only counts can be imported, "
                "never patient-level data: run the search as a count or a breakdown, and export it again. "
                "Nothing was imported."
            )
    for number, cells in table.rows:
        if any(is_nhs_number(c) for c in cells):
            raise ReportError(
                f"Row {number} holds what looks like an NHS number. Only counts can be imported, never "
                "patient-level data. Nothing was imported, and the file has not been kept."
            )


def _at(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def read_report(data: bytes, file_name: str) -> Report:
    """The registers, or the age bands, in an exported report; ReportError says why it cannot be read."""
    if len(data) > MAX_BYTES:
        raise ReportError("The file is larger than 2 MB: export the counts only, not a list of patients.")
    try:
        table = read_upload(data, file_name)
    except TableError as problem:
        raise ReportError(str(problem)) from problem
    if not table.rows:
        raise ReportError("The file is empty.")
    position = _header_at(table)
    header_number, headers = table.rows[position]
    _refusal(table, headers, header_number)
    report = Report()
    for _, cells in table.rows[:position]:
        text = " ".join(cells)
        if _RUN_DATE.search(text) and report.run_on is None:
            report.run_on = _uk_date(text)
    body = table.rows[position + 1 :]
    label_at = _find(headers, _LABEL, set())
    if label_at is None:
        label_at = 0
    taken = {label_at}
    male_at, female_at = _find(headers, _MALE, taken), _find(headers, _FEMALE, taken)
    taken |= {i for i in (male_at, female_at) if i is not None}
    sex_at = _find(headers, _SEX, taken)
    if sex_at is not None:
        taken.add(sex_at)
    count_at = _find(headers, _COUNT, taken)
    if count_at is None and male_at is None and female_at is None:
        numeric = [
            i
            for i in range(len(headers))
            if i not in taken and any(_count(_at(c, i)) is not None for _, c in body)
        ]
        count_at = numeric[0] if numeric else None
    if count_at is None and (male_at is None or female_at is None):
        raise ReportError(
            "We could not tell which column holds the counts: name it Count, Patients or Number of patients."
        )
    if count_at is not None:
        taken.add(count_at)
    note_at = _find(headers, _NOTE, taken)
    rows = [(n, c) for n, c in body if not _TOTALS.match(_at(c, label_at))]
    labels = [_at(c, label_at) for _, c in rows]
    is_age = "age" in _plain(headers[label_at]) or (
        bool(labels) and sum(1 for t in labels if band_label(t)) >= 0.8 * len(labels)
    )
    over_time = _plain(headers[label_at]) in ("month", "date", "week", "period", "week commencing") or (
        bool(labels) and sum(1 for t in labels if _uk_date(t) or _MONTH.match(t)) >= 0.5 * len(labels)
    )
    if over_time:
        raise ReportError(
            "This file holds counts over time (one row a month, week or day): that belongs to a measure, "
            "not to the patient profile. Upload it on the measure's page. Nothing was imported."
        )
    problems: list[str] = []

    def number(row: int, cells: list[str], index: int | None, what: str) -> int:
        text = _at(cells, index)
        found = _count(text)
        if found is None:
            problems.append(
                f"Row {row}: {what} “{text}” is not a whole number" if text else f"Row {row}: {what} is blank"
            )
            return 0
        return found

    if is_age:
        by_band: dict[str, list[int]] = {}
        for row, cells in rows:
            label = band_label(_at(cells, label_at))
            if label is None:
                problems.append(f"Row {row}: “{_at(cells, label_at)}” is not an age band such as 0-4 or 85+")
                continue
            counts = by_band.setdefault(label, [0, 0, 0])
            if male_at is not None and female_at is not None:
                counts[0] += number(row, cells, male_at, "the number of males")
                counts[1] += number(row, cells, female_at, "the number of females")
            elif sex_at is not None:
                sex = _plain(_at(cells, sex_at))
                slot = 0 if sex in _MALE else 1 if sex in _FEMALE else 2
                counts[slot] += number(row, cells, count_at, "the count")
            else:
                counts[2] += number(row, cells, count_at, "the count")
        report.bands = [AgeBand(label, m, f, o) for label, (m, f, o) in by_band.items()]
        if not report.bands and not problems:
            problems.append("The file has no rows of age bands.")
    else:
        seen: set[str] = set()
        for row, cells in rows:
            name = _at(cells, label_at)
            if not name:
                problems.append(f"Row {row}: the register has no name")
                continue
            if name.lower() in seen:
                problems.append(f"Row {row}: “{name}” appears twice")
                continue
            seen.add(name.lower())
            report.registers.append(
                Register(name[:100], number(row, cells, count_at, "the count"), _at(cells, note_at)[:100])
            )
        if not report.registers and not problems:
            problems.append("The file has no rows of counts.")
    if problems:
        shown = problems[:MAX_PROBLEMS]
        more = len(problems) - len(shown)
        raise ReportError(
            "Nothing was imported. Put these right in the file and upload it again: "
            + "; ".join(shown)
            + (f"; and {more} more" if more else "")
            + "."
        )
    return report
