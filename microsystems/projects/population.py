"""Reading a practice's registered population by age and sex from NHS England's "Patients Registered at a
GP Practice" five-year age band file (gp-reg-pat-prac-quin-age), in plain Python.

Columns are found by their header names (they have been renamed and reordered between releases), cells are
read as text first, rows for regions and other organisations are skipped, and the file may come as a CSV
(UTF-8, with or without a byte-order mark, or Windows-1252) or as a zip holding one CSV. Only counts are
read; a file with patient-identifiable columns is refused."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

ALIASES = {
    "org_code": ("ORG_CODE", "CODE", "PRACTICE_CODE", "GP_CODE"),
    "org_type": ("ORG_TYPE", "TYPE"),
    "sex": ("SEX",),
    "band": ("AGE_GROUP_5",),
    "count": ("NUMBER_OF_PATIENTS",),
    "extract_date": ("EXTRACT_DATE",),
}
IDENTIFIABLE = (
    "NHS NUMBER",
    "NHS_NUMBER",
    "NHSNUMBER",
    "DATE OF BIRTH",
    "DOB",
    "SURNAME",
    "FORENAME",
    "ADDRESS",
)
BAND_ORDER = [f"{lower}_{lower + 4}" for lower in range(0, 95, 5)] + ["95+"]
SEXES = ("MALE", "FEMALE")


class PopulationFileError(ValueError):
    """The file cannot be read as a registered-population file; the message says why, in plain words."""


@dataclass(frozen=True)
class Band:
    label: str  # "0 to 4", …, "95 and over"
    male: int
    female: int

    @property
    def total(self) -> int:
        return self.male + self.female


@dataclass(frozen=True)
class Population:
    practice_code: str
    extract_date: date | None
    total: int
    bands: tuple[Band, ...]


def _text(data: bytes) -> str:
    if data[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if len(names) != 1:
                raise PopulationFileError("The zip file must hold exactly one CSV file")
            data = archive.read(names[0])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _date(text: str) -> date | None:
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d%b%Y", "%d-%b-%y", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.title() if "%b" in pattern else text, pattern).date()
        except ValueError:
            continue
    return None


def _label(band: str) -> str:
    if band == "95+":
        return "95 and over"
    lower, upper = band.split("_")
    return f"{lower} to {upper}"


def read_population(data: bytes, practice_code: str) -> Population:
    """The practice's registered patients by five-year age band and sex."""
    if not data.strip():
        raise PopulationFileError("The file is empty")
    rows = list(csv.reader(io.StringIO(_text(data))))
    if not rows:
        raise PopulationFileError("The file is empty")
    header = [cell.strip().upper() for cell in rows[0]]
    if any(name in header for name in IDENTIFIABLE):
        raise PopulationFileError(
            "The file has columns that identify patients (such as NHS number or date of birth). "
            "Upload counts only: nothing from this file has been kept"
        )
    columns: dict[str, int] = {}
    for field, names in ALIASES.items():
        found = next((header.index(n) for n in names if n in header), None)
        if found is not None:
            columns[field] = found
    missing = [f for f in ("org_code", "sex", "band", "count") if f not in columns]
    if missing:
        raise PopulationFileError(
            "This does not look like the five-year age band file (gp-reg-pat-prac-quin-age): "
            "it needs the columns ORG_CODE, SEX, AGE_GROUP_5 and NUMBER_OF_PATIENTS"
        )
    counts: dict[tuple[str, str], int] = {}
    extract: date | None = None
    wanted = practice_code.strip().upper()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise PopulationFileError(f"Row {number} has fewer cells than the header")
        if row[columns["org_code"]].strip().upper() != wanted:
            continue
        if "org_type" in columns and row[columns["org_type"]].strip().upper() not in ("GP", ""):
            continue
        sex, band = row[columns["sex"]].strip().upper(), row[columns["band"]].strip()
        raw = re.sub(r"[,\s]", "", row[columns["count"]])
        if not re.fullmatch(r"[0-9]{1,9}", raw):
            raise PopulationFileError(
                f"Row {number}: the number of patients “{row[columns['count']]}” is not a count"
            )
        counts[(sex, band)] = int(raw)
        if extract is None and "extract_date" in columns:
            extract = _date(row[columns["extract_date"]])
    if not counts:
        raise PopulationFileError(f"The file has no rows for practice {wanted}")
    bands = tuple(
        Band(_label(b), counts.get(("MALE", b), 0), counts.get(("FEMALE", b), 0))
        for b in BAND_ORDER
        if ("MALE", b) in counts or ("FEMALE", b) in counts
    )
    total = counts.get(("ALL", "ALL")) or sum(b.total for b in bands)
    return Population(wanted, extract, total, bands)
