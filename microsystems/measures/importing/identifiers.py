"""Patient-identifiable data: recognised and refused before anything is read further.

A measure holds aggregate numbers only. A valid NHS number anywhere in the file, or a column whose header
says it holds dates of birth or people's names, stops the import with the reason."""

from __future__ import annotations

import re

_TEN_DIGITS = re.compile(r"^\s*(\d{3})[ -]?(\d{3})[ -]?(\d{4})\s*$")

# Headers that say the column holds dates of birth, identifiers or people's names and addresses.
_DOB = re.compile(r"\b(date of birth|birth ?date|d\.?o\.?b\.?|born)\b")
_NHS = re.compile(r"\b(nhs ?(number|no\.?|num)|nhs_number|nhsno|chi number)\b")
_PERSON = re.compile(
    r"\b(surname|forename|first ?name|last ?name|given ?name|family ?name|full ?name|patient ?name|"
    r"patient|address|post ?code)\b"
)
# A "name" column is a person's name unless the header says whose name it is.
_NAME = re.compile(r"\bname\b")
_ORGANISATIONAL = re.compile(
    r"\b(practice|organisation|organization|org|pcn|gp|icb|ccg|sub icb|region|report|search|measure|"
    r"indicator|team|site|clinic|service|staff role|supplier|area|location|session)\b"
)
_PATIENT_FREE = re.compile(r"\b(patients|number of patients|patient count|patients seen)\b")


def is_nhs_number(text: str) -> bool:
    """True when ``text`` is ten digits (optionally spaced 3-3-4) whose check digit is right (modulus 11)."""
    found = _TEN_DIGITS.match(text)
    if not found:
        return False
    digits = [int(d) for d in "".join(found.groups())]
    total = sum(d * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    if check == 10:
        return False
    return check == digits[9]


def _plain(header: str) -> str:
    return re.sub(r"[\s_]+", " ", header.strip().lower())


def identifying_header(header: str) -> str | None:
    """Why this column header looks like patient-identifiable data, or None."""
    text = _plain(header)
    if not text:
        return None
    if _DOB.search(text):
        return "a date of birth column"
    if _NHS.search(text):
        return "an NHS number column"
    if _PATIENT_FREE.search(text):
        return None
    if _PERSON.search(text):
        return "a column of names or addresses"
    if _NAME.search(text) and not _ORGANISATIONAL.search(text):
        return "a name column"
    return None


def refusal(header: list[str], header_row: int | None, rows: list[tuple[int, list[str]]]) -> str | None:
    """The reason to refuse the whole file, in plain words, or None when it looks aggregate."""
    for cell in header:
        why = identifying_header(cell)
        if why:
            return (
                f"The file has {why} (“{cell.strip()}”"
                + (f", row {header_row}" if header_row else "")
                + "). Measures hold totals only, never patient-level data: remove that column, or run the "
                "search as a count, and upload again. Nothing was saved."
            )
    for number, cells in rows:
        for cell in cells:
            if is_nhs_number(cell):
                return (
                    f"Row {number} holds what looks like an NHS number (a 10-digit number that passes the "
                    "NHS number check). Measures hold totals only, never patient-level data: remove it and "
                    "upload again. Nothing was saved."
                )
    return None
