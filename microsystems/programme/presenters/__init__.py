"""What the programme's pages show, shaped for the templates: dataclasses with dates formatted and tags
ready for the NHS.UK macros. Each page runs a fixed number of queries."""

from .programmes import (
    CoachRow,
    ProgrammeSummary,
    StateCount,
    coach_rows,
    enrolled_practices,
    programme_page,
    summaries,
)

__all__ = [
    "CoachRow",
    "ProgrammeSummary",
    "StateCount",
    "coach_rows",
    "enrolled_practices",
    "programme_page",
    "summaries",
]
