"""The treat pages' shapes: the aim as one sentence, ramps of cycles, huddle rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from microsystems.core.jinja import nice_date
from microsystems.measures.models import Measure
from microsystems.measures.presenters import number, unit_of

from .baseline import current_level
from .models import Decision, PDSACycle, PDSARevision, SpecificAim

STAGE_NAMES = {
    "do": "Plan made: doing",
    "study": "Done: to study",
    "act": "Studied: to decide",
    "done": "Decided",
}
VERBS = {"up": "Increase", "down": "Reduce", "neither": "Move"}


@dataclass(frozen=True)
class AimRow:
    sentence: str
    measure_name: str
    measure_id: int
    current: str
    met: bool | None
    resources_warning: str
    aim_id: int = 0


def _with_unit(measure: Measure, value: float | None) -> str:
    text = number(value)
    if not text:
        return "not known yet"
    return f"{text}{unit_of(measure)}"


def aim_sentence(aim: SpecificAim) -> str:
    measure = aim.measure
    verb = VERBS.get(measure.better, "Move")
    baseline = (
        f"from {_with_unit(measure, aim.baseline)} (the median from {nice_date(aim.baseline_from)} to "
        f"{nice_date(aim.baseline_to)})"
        if aim.baseline is not None
        else "from a baseline still to be measured"
    )
    scope = f" for {aim.population}" if aim.population else ""
    return (
        f"{verb} {measure.name.lower()}{scope} {baseline} to {_with_unit(measure, aim.target)} "
        f"by {nice_date(aim.target_date)}."
    )


def aim_rows(aims: list[SpecificAim]) -> list[AimRow]:
    rows = []
    for aim in aims:
        measure = aim.measure
        points = list(measure.points.all())
        level = current_level(measure, points, list(measure.phases.all()))
        met: bool | None = None
        if level is not None and measure.better in ("up", "down"):
            met = level >= aim.target if measure.better == "up" else level <= aim.target
        rows.append(
            AimRow(
                sentence=aim_sentence(aim),
                aim_id=aim.id,
                measure_name=measure.name,
                measure_id=measure.id,
                current=_with_unit(measure, level),
                met=met,
                resources_warning=(
                    "This change will need ongoing resources after the project"
                    + (f": {aim.resources_note}" if aim.resources_note else "")
                    + ". Agree now who provides them, or the change may not last."
                    if aim.needs_ongoing_resources
                    else ""
                ),
            )
        )
    return rows


# --- A PDSA cycle's history: every save of each part, what it replaced -------------------------------
FIELD_LABELS: dict[str, str] = {
    "objective": "What we are testing",
    "question": "Question",
    "prediction": "Prediction",
    "who": "Who",
    "where": "Where",
    "scale": "Scale",
    "starts_on": "Starts on",
    "ends_on": "Ends on",
    "data_to_collect": "Data to collect",
    "measure": "Measure",
    "what_happened": "What happened",
    "surprises": "Problems and surprises",
    "compared_with_prediction": "Compared with the prediction",
    "learned": "Learned",
    "decision": "Decision",
    "next_step": "Next",
}


def readable(name: str, value: str) -> str:
    """A saved value as the page shows it: dates in words, the decision by its name."""
    if not value:
        return "(empty)"
    if name in ("starts_on", "ends_on"):
        try:
            return nice_date(date.fromisoformat(value))
        except ValueError:
            return value
    if name == "decision":
        return dict(Decision.choices).get(value, value)
    return value


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    version: int
    part: str
    what: str
    by: str
    at: datetime
    changes: list[Change]


def cycle_history(cycle: PDSACycle) -> list[HistoryRow]:
    """Every save of the cycle, newest first, each with the fields it changed."""
    rows = []
    for revision in PDSARevision.objects.filter(cycle=cycle).select_related("saved_by"):
        before, after = dict(revision.before), dict(revision.after)
        first = not any(before.values())
        changes = [
            Change(
                FIELD_LABELS.get(str(name), str(name)),
                readable(name, before.get(name, "")),
                readable(name, value),
            )
            for name, value in after.items()
            if not first and before.get(name, "") != value
        ]
        part = revision.get_part_display()
        rows.append(
            HistoryRow(
                version=revision.version,
                part=part,
                what=f"{part} written" if first else f"{part} changed",
                by=str(revision.saved_by or "Someone"),
                at=revision.saved_at,
                changes=changes,
            )
        )
    return rows
