"""The global aim's scope check, in plain Python: does the process begin or end outside the team?

A global aim works best when its first and last steps are within the team's reach. When either step
names a place or service outside the practice (a hospital, a laboratory, a pharmacy…) that is not taking
part in the project, the team is warned, so it can start where the work reaches it or invite the other
organisation in."""

import re
from collections.abc import Iterable

OUTSIDE = (
    ("hospital", "a hospital"),
    ("outpatient", "a hospital clinic"),
    ("consultant", "a hospital consultant"),
    ("laboratory", "a laboratory"),
    ("lab", "a laboratory"),
    ("pathology", "a laboratory"),
    ("pharmacy", "a pharmacy"),
    ("pharmacist", "a pharmacy"),
    ("chemist", "a pharmacy"),
    ("care home", "a care home"),
    ("nursing home", "a care home"),
    ("district nurse", "the community nursing team"),
    ("community nurse", "the community nursing team"),
    ("social care", "social care"),
    ("social services", "social care"),
    ("council", "the council"),
    ("111", "NHS 111"),
    ("a&e", "an emergency department"),
    ("emergency department", "an emergency department"),
    ("ambulance", "the ambulance service"),
    ("out of hours", "the out-of-hours service"),
)


def _outside_in(text: str, taking_part: str) -> str | None:
    lowered = text.lower()
    for word, place in OUTSIDE:
        if (
            re.search(r"(?<![a-z0-9])" + re.escape(word) + r"(?![a-z0-9])", lowered)
            and word not in taking_part
        ):
            return place
    return None


def scope_warnings(begins: str, ends: str, organisations_taking_part: Iterable[str] = ()) -> list[str]:
    """Plain-language warnings for a first or last step that seems to lie outside the team."""
    taking_part = " ".join(organisations_taking_part).lower()
    warnings = []
    for label, text in (("begins", begins), ("ends", ends)):
        place = _outside_in(text or "", taking_part)
        if place:
            warnings.append(
                f"The process {label} with “{text.strip()}”, which sounds as if it happens in {place}, "
                "outside your team. Choose a step your team controls, or invite that organisation to join "
                "the project."
            )
    return warnings
