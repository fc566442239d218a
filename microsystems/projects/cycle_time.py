"""Visit cycle time: from arriving at the practice to leaving, and where the time goes. Plain Python.

Each visit records the clock times of its steps; the waits and the time with the clinician are worked
out, and pooled across visits (the median, so one very long visit does not hide the usual one)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from statistics import median

SUGGESTED_VISITS = 15  # time about fifteen visits, on the same day and session of the week


def minutes_between(start: time | None, end: time | None) -> int | None:
    if start is None or end is None:
        return None
    difference = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return difference if difference >= 0 else None


@dataclass(frozen=True)
class VisitTimes:
    appointment: time | None
    arrived: time
    called: time | None
    seen_from: time | None
    seen_until: time | None
    left: time

    @property
    def cycle(self) -> int | None:
        return minutes_between(self.arrived, self.left)

    @property
    def waiting_to_be_seen(self) -> int | None:
        return minutes_between(self.arrived, self.seen_from)

    @property
    def with_clinician(self) -> int | None:
        return minutes_between(self.seen_from, self.seen_until)

    @property
    def after_appointment_time(self) -> int | None:
        return minutes_between(self.appointment, self.seen_from)

    @property
    def share_with_clinician(self) -> float | None:
        cycle, seen = self.cycle, self.with_clinician
        return round(100 * seen / cycle) if cycle and seen is not None else None


@dataclass(frozen=True)
class CycleSummary:
    visits: int
    median_cycle: float | None
    median_wait: float | None
    median_with_clinician: float | None
    share_with_clinician: float | None  # of the median cycle, per cent
    enough: bool


def summarise(visits: Sequence[VisitTimes]) -> CycleSummary:
    def middle(values: list[int | None]) -> float | None:
        known = [v for v in values if v is not None]
        return float(median(known)) if known else None

    cycle = middle([v.cycle for v in visits])
    seen = middle([v.with_clinician for v in visits])
    return CycleSummary(
        visits=len(visits),
        median_cycle=cycle,
        median_wait=middle([v.waiting_to_be_seen for v in visits]),
        median_with_clinician=seen,
        share_with_clinician=round(100 * seen / cycle) if cycle and seen is not None else None,
        enough=len(visits) >= SUGGESTED_VISITS,
    )
