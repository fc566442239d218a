"""Reading measure data from uploads and pasted blocks: plain Python, no Django, fuzzed in the tests."""

from .identifiers import is_nhs_number
from .rows import FREQUENCIES, KINDS, Parsed, ParsedPoint, interpret, parse_pasted, parse_upload
from .table import RawTable, TableError, read_text, read_upload

__all__ = [
    "FREQUENCIES",
    "KINDS",
    "Parsed",
    "ParsedPoint",
    "RawTable",
    "TableError",
    "interpret",
    "is_nhs_number",
    "parse_pasted",
    "parse_upload",
    "read_text",
    "read_upload",
]
