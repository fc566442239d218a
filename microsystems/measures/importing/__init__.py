"""Reading measure data from uploads and pasted blocks: plain Python, no Django, fuzzed in the tests."""

from .identifiers import is_nhs_number
from .rows import (
    FREQUENCIES,
    KINDS,
    Columns,
    Parsed,
    ParsedPoint,
    interpret,
    parse_pasted,
    parse_upload,
    read_table,
)
from .table import RawTable, TableError, read_text, read_upload, table_from_data, table_to_data
from .values import DATE_FORMS

__all__ = [
    "DATE_FORMS",
    "FREQUENCIES",
    "KINDS",
    "Columns",
    "Parsed",
    "ParsedPoint",
    "RawTable",
    "TableError",
    "interpret",
    "is_nhs_number",
    "parse_pasted",
    "parse_upload",
    "read_table",
    "read_text",
    "read_upload",
    "table_from_data",
    "table_to_data",
]
