"""The treat step's marks on a measure's chart: each PDSA cycle at its dates."""

from collections.abc import Iterable

from microsystems.measures.models import Measure
from microsystems.measures.svg import Band

from .models import PDSACycle

DECISION_WORDS = {"adopt": "adopted", "adapt": "adapted", "abandon": "abandoned", "": "running"}


def cycle_label(cycle: PDSACycle) -> str:
    return f"PDSA: {cycle.idea.title}, cycle {cycle.number} ({DECISION_WORDS[cycle.decision]})"


def cycle_bands(measure: Measure, only: PDSACycle | None = None) -> list[Band]:
    """The PDSA cycles testing a change to this measure, as bands at their dates."""
    if only is not None:
        return bands_of([only])
    return bands_of(
        PDSACycle.objects.filter(measure=measure).select_related("idea").order_by("starts_on", "id")
    )


def bands_of(cycles: Iterable[PDSACycle]) -> list[Band]:
    """Bands for these cycles (in date order), numbered PDSA 1, 2…"""
    return [
        Band(c.starts_on, c.ends_on, f"PDSA {n}: {cycle_label(c).removeprefix('PDSA: ')}", f"PDSA {n}")
        for n, c in enumerate(cycles, start=1)
    ]
