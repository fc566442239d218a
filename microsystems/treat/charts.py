"""The treat step's marks on a measure's chart: each PDSA cycle at its dates."""

from microsystems.measures.models import Measure
from microsystems.measures.svg import Band

from .models import PDSACycle

DECISION_WORDS = {"adopt": "adopted", "adapt": "adapted", "abandon": "abandoned", "": "running"}


def cycle_label(cycle: PDSACycle) -> str:
    return f"PDSA: {cycle.idea.title}, cycle {cycle.number} ({DECISION_WORDS[cycle.decision]})"


def cycle_bands(measure: Measure, only: PDSACycle | None = None) -> list[Band]:
    """The PDSA cycles testing a change to this measure, as bands at their dates."""
    cycles = (
        [only]
        if only
        else PDSACycle.objects.filter(measure=measure).select_related("idea").order_by("starts_on", "id")
    )
    return [
        Band(c.starts_on, c.ends_on, f"PDSA {n}: {cycle_label(c).removeprefix('PDSA: ')}", f"PDSA {n}")
        for n, c in enumerate(cycles, start=1)
    ]
