"""Writes to measures: define, enter or import data (all or nothing), correct, exclude, start a phase.

Each function is one transaction and writes the measure's history in it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from microsystems.people.models import User
from microsystems.projects.models import Project, ProjectEvent

from .importing import ParsedPoint
from .models import DataPoint, DataPointRevision, Measure, MeasureEvent, Phase


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


@transaction.atomic
def define_measure(*, project: Project, by: User, **fields: Any) -> Measure:
    measure = Measure.objects.create(project=project, created_by=by, **fields)
    MeasureEvent.objects.create(measure=measure, by=by, what="Measure defined")
    ProjectEvent.objects.create(
        project=project, by=by, tool_id="T4.3", what=f"Defined the measure “{measure.name}”"
    )
    return measure


@transaction.atomic
def change_measure(*, measure: Measure, by: User, **fields: Any) -> Measure:
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.save()
    MeasureEvent.objects.create(measure=measure, by=by, what="Definition or chart settings changed")
    return measure


@transaction.atomic
def save_points(*, measure: Measure, points: Iterable[ParsedPoint], by: User, how: str) -> tuple[int, int]:
    """Add the points, correcting any period that already has a value (the old value is kept).
    Returns (added, corrected). All or nothing: one transaction."""
    incoming = {p.period: p for p in points}
    existing = {
        p.period: p
        for p in DataPoint.objects.select_for_update().filter(measure=measure, period__in=incoming)
    }
    new: list[DataPoint] = []
    changed: list[DataPoint] = []
    revisions: list[DataPointRevision] = []
    for period, point in incoming.items():
        found = existing.get(period)
        if found is None:
            new.append(
                DataPoint(
                    measure=measure,
                    period=period,
                    value=point.value,
                    denominator=point.denominator,
                    entered_by=by,
                )
            )
        elif found.value != point.value or found.denominator != point.denominator:
            revisions.append(
                DataPointRevision(
                    point=found, value=found.value, denominator=found.denominator, replaced_by=by, how=how
                )
            )
            found.value, found.denominator, found.entered_by = point.value, point.denominator, by
            changed.append(found)
    DataPoint.objects.bulk_create(new)
    DataPoint.objects.bulk_update(changed, ["value", "denominator", "entered_by"])
    DataPointRevision.objects.bulk_create(revisions)
    if new or changed:
        MeasureEvent.objects.create(
            measure=measure, by=by, what=f"{len(new)} added, {len(changed)} corrected ({how})"
        )
    return len(new), len(changed)


@transaction.atomic
def correct_point(*, point: DataPoint, value: float, denominator: float | None, by: User) -> DataPoint:
    if point.value != value or point.denominator != denominator:
        DataPointRevision.objects.create(
            point=point, value=point.value, denominator=point.denominator, replaced_by=by, how="corrected"
        )
        point.value, point.denominator, point.entered_by = value, denominator, by
        point.save(update_fields=["value", "denominator", "entered_by"])
        MeasureEvent.objects.create(
            measure=point.measure, by=by, what=f"Corrected the value for {_day(point.period)}"
        )
    return point


@transaction.atomic
def exclude_point(*, point: DataPoint, reason: str, by: User) -> DataPoint:
    """Leave a point out of the centre line, limits and rules (reason required), or put it back (reason
    empty)."""
    point.excluded = bool(reason)
    point.exclusion_reason = reason
    point.save(update_fields=["excluded", "exclusion_reason"])
    when = _day(point.period)
    what = f"Left {when} out: {reason}" if reason else f"Put {when} back in the analysis"
    MeasureEvent.objects.create(measure=point.measure, by=by, what=what[:300])
    return point


@transaction.atomic
def start_phase(*, measure: Measure, starts_on: date, reason: str, by: User) -> Phase:
    phase, _ = Phase.objects.update_or_create(
        measure=measure, starts_on=starts_on, defaults={"reason": reason, "created_by": by}
    )
    MeasureEvent.objects.create(
        measure=measure, by=by, what=f"New phase from {_day(starts_on)}: {reason}"[:300]
    )
    return phase


@transaction.atomic
def withdraw_phase(*, phase: Phase, because: str, by: User) -> Phase:
    """Take a phase off the chart but keep it, with who withdrew it, when and why."""
    phase.withdrawn_at = timezone.now()
    phase.withdrawn_by = by
    phase.withdrawn_because = because[:300]
    phase.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawn_because"])
    MeasureEvent.objects.create(
        measure=phase.measure, by=by, what=f"Withdrew the phase from {_day(phase.starts_on)}: {because}"[:300]
    )
    return phase


@transaction.atomic
def remove_phase(*, phase: Phase, by: User) -> None:
    MeasureEvent.objects.create(
        measure=phase.measure, by=by, what=f"Removed the phase from {_day(phase.starts_on)}"
    )
    phase.delete()


# --- Edits made from an older copy are caught ---------------------------------------------------------
MEASURE_FIELDS = (
    "name",
    "measure_type",
    "definition",
    "data_source",
    "kind",
    "unit",
    "multiplier",
    "frequency",
    "better",
    "target",
    "owner_id",
)


def stamp_of(record: Any, names: tuple[str, ...]) -> str:
    """A fingerprint of a record's fields as saved: an edit made from an older fingerprint is caught."""
    return hashlib.sha256(repr(tuple(getattr(record, n) for n in names)).encode()).hexdigest()[:16]


POINT_FIELDS = ("value", "denominator", "excluded", "exclusion_reason")


class Changed(Exception):
    """Someone changed the record after the editor opened it: nothing was saved."""

    def __init__(self, current: Any) -> None:
        super().__init__("Changed since it was opened")
        self.current = current


@transaction.atomic
def change_definition(*, measure: Measure, based_on: str, by: User, **fields: Any) -> Measure:
    """Change the measure's definition unless someone changed it since the editor opened it."""
    locked = Measure.objects.select_for_update(of=("self",)).get(pk=measure.pk)
    if stamp_of(locked, MEASURE_FIELDS) != based_on:
        raise Changed(locked)
    return change_measure(measure=measure, by=by, **fields)


@transaction.atomic
def correct_and_exclude(
    *, point: DataPoint, based_on: str, value: float, denominator: float | None, reason: str, by: User
) -> DataPoint:
    """Correct a value and leave it out or put it back, unless someone changed it since it was opened."""
    locked = DataPoint.objects.select_for_update(of=("self",)).get(pk=point.pk)
    if stamp_of(locked, POINT_FIELDS) != based_on:
        raise Changed(locked)
    correct_point(point=point, value=value, denominator=denominator, by=by)
    if reason != point.exclusion_reason:
        exclude_point(point=point, reason=reason, by=by)
    return point
