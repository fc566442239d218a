"""Read an upload or a pasted block into rows of text cells, whatever its encoding, delimiter or format.

Every cell is read as text first (numbers and dates are interpreted later, by header name). Excel files
are read with openpyxl; dates stored as dates come back as ISO text, so they need no guessing."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

MAX_BYTES = 2_000_000
MAX_ROWS = 5_000
MAX_COLUMNS = 60


class TableError(ValueError):
    """The file cannot be read at all; the message says why in plain words."""


@dataclass(frozen=True)
class RawTable:
    """Every non-empty row of the first sheet, with its row number in the file (from 1)."""

    rows: list[tuple[int, list[str]]]
    serial_dates: bool = False  # an Excel file: a bare number in a date column may be a date serial
    sheet: str = ""  # the sheet's name, for an Excel file of several sheets


def _decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TableError(
                "The text of the file could not be read (it says it is UTF-16 but is not)."
            ) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", -1
    for candidate in ("\t", ";", ",", "|"):
        counts = [line.count(candidate) for line in sample]
        # The delimiter appears in most lines, the same number of times in the lines that hold the table.
        with_it = [c for c in counts if c]
        if not with_it:
            continue
        common = max(set(with_it), key=with_it.count)
        score = with_it.count(common) * 10 + len(with_it)
        if score > best_score:
            best, best_score = candidate, score
    return best


def read_text(text: str) -> RawTable:
    """A CSV or tab-separated block (pasted from a spreadsheet) as rows of cells."""
    if "\x00" in text:
        raise TableError("The file holds binary data, not a table: upload a CSV or an Excel (.xlsx) file.")
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS:
                raise TableError(f"The file has more than {MAX_ROWS:,} rows: split it into smaller files.")
            cells = [c.strip() for c in cells[:MAX_COLUMNS]]
            if any(cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise TableError(f"The file could not be read as a table ({error}).") from error
    return RawTable(rows)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


MAX_SHEETS = 10


def read_workbook(data: bytes) -> list[RawTable]:
    """The first sheets of an Excel file (up to ten), each as rows of text cells."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TableError("The Excel file could not be opened: save it again as .xlsx or as CSV.") from error
    try:
        if not book.worksheets:
            raise TableError("The Excel file has no sheets.")
        tables = []
        several = len(book.worksheets) > 1
        for sheet in book.worksheets[:MAX_SHEETS]:
            rows: list[tuple[int, list[str]]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                if number > MAX_ROWS:
                    raise TableError(
                        f"The sheet has more than {MAX_ROWS:,} rows: split it into smaller files."
                    )
                cells = [_cell(v) for v in values[:MAX_COLUMNS]]
                if any(cells):
                    rows.append((number, cells))
            tables.append(RawTable(rows, serial_dates=True, sheet=str(sheet.title) if several else ""))
        return tables
    except TableError:
        raise
    except Exception as error:
        raise TableError("The Excel file could not be read: save it again as .xlsx or as CSV.") from error
    finally:
        book.close()


def read_excel(data: bytes) -> RawTable:
    return read_workbook(data)[0]


def read_upload_tables(data: bytes, filename: str) -> list[RawTable]:
    """Every table of an upload: the sheets of an Excel file, or the one table of any other file."""
    if data.startswith(b"PK\x03\x04") and not filename.lower().endswith(".zip"):
        if len(data) > MAX_BYTES:
            return [read_upload(data, filename)]  # says why it is refused
        return read_workbook(data)
    return [read_upload(data, filename)]


def read_upload(data: bytes, filename: str) -> RawTable:
    """An uploaded file as rows of text cells, or a TableError that says why it cannot be read."""
    if not data:
        raise TableError("The file is empty.")
    if len(data) > MAX_BYTES:
        raise TableError(
            "The file is larger than 2 MB: a measure needs one row per period, so check the file."
        )
    name = filename.lower()
    if data.startswith(b"PK\x03\x04"):
        if name.endswith(".zip"):
            try:
                with zipfile.ZipFile(io.BytesIO(data)) as archive:
                    inside = [n for n in archive.namelist() if not n.endswith("/")]
                    if len(inside) != 1:
                        raise TableError("The zip file must hold exactly one CSV file.")
                    return read_upload(archive.read(inside[0])[: MAX_BYTES + 1], inside[0])
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
                raise TableError("The zip file could not be opened.") from error
        return read_excel(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "This is an old-style Excel file (.xls): save it as .xlsx or as CSV and upload again."
        )
    return read_text(_decode(data))


def table_to_data(table: RawTable) -> dict[str, object]:
    """The table as plain data, to carry from the preview to the user's choice of columns."""
    return {
        "rows": [[number, cells] for number, cells in table.rows],
        "serial": table.serial_dates,
        "sheet": table.sheet,
    }


def table_from_data(data: object) -> RawTable:
    """The table back from :func:`table_to_data`; a TableError for anything else."""
    if not isinstance(data, dict) or not isinstance(data.get("rows"), list):
        raise TableError("The file's rows were lost: upload the file again.")
    rows: list[tuple[int, list[str]]] = []
    for item in data["rows"][:MAX_ROWS]:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], int)
            or not isinstance(item[1], list)
            or not all(isinstance(c, str) for c in item[1])
        ):
            raise TableError("The file's rows were lost: upload the file again.")
        rows.append((item[0], item[1][:MAX_COLUMNS]))
    return RawTable(rows, serial_dates=bool(data.get("serial")), sheet=str(data.get("sheet") or "")[:100])
